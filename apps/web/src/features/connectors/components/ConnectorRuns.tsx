import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { Loading } from '../../../ui/Loading';
import type { ConnectorRunView } from '../api/connectorsApi';

/** The run log of one connector: counts, cursor before → after, and every error row by row. */
export function ConnectorRuns({ code }: { code: string }) {
  const { t, lang, dateTime } = useI18n();
  const { data, error } = useApi<{ runs: ConnectorRunView[] }>(
    `/api/v1/connectors/${encodeURIComponent(code)}/runs?limit=20`,
  );
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <Loading />;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="connector-runs">
        <thead>
          <tr>
            <th scope="col">{t('connectors.started')}</th>
            <th scope="col">{t('connectors.status')}</th>
            <th scope="col">{t('connectors.rows')}</th>
            <th scope="col">{t('connectors.attempts')}</th>
            <th scope="col">{t('connectors.cursor')}</th>
            <th scope="col">{t('connectors.errors')}</th>
          </tr>
        </thead>
        <tbody>
          {data.runs.map((run) => (
            <tr key={run.id}>
              <td>{dateTime(run.startedAt)}</td>
              <td>
                <span className={`run-status run-${run.status}`}>{t(`connectors.status.${run.status}`)}</span>
                {run.message ? (
                  <>
                    <br />
                    <small className="muted">{run.message}</small>
                  </>
                ) : null}
              </td>
              <td>
                {run.rowsFetched} / {run.rowsStored} / {run.rowsUnchanged} / {run.rowsRejected}
              </td>
              <td>{run.attempts}</td>
              <td>
                <small>
                  {run.cursorBefore ?? '—'} → {run.cursorAfter ?? '—'}
                </small>
              </td>
              <td>
                {run.errors.length > 0 ? (
                  <details>
                    <summary>{run.errors.length}</summary>
                    <ul>
                      {run.errors.map((e, i) => (
                        <li key={i}>
                          {'row' in e
                            ? `${t('connectors.row', { row: e.row, field: e.field })}: ${lang === 'en' ? e.messageEn : e.message}`
                            : `${t('connectors.attempt', { attempt: e.attempt })}: ${e.message}`}
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
