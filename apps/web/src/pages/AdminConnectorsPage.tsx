import { useState } from 'react';
import { ApiError } from '../lib/api/http';
import { useApi } from '../lib/api/useApi';
import { useI18n } from '../lib/i18n/useI18n';
import { Link } from '../lib/router/Link';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useSession } from '../features/auth/hooks/useSession';
import { runConnector, type ConnectorView } from '../features/connectors/api/connectorsApi';
import { ConnectorForm } from '../features/connectors/components/ConnectorForm';
import { ConnectorRuns } from '../features/connectors/components/ConnectorRuns';
import { Card } from '../ui/Card';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';

/** Administrators define connectors without code, run them, and read every run's log. */
export function AdminConnectorsPage() {
  const { t, lang, dateTime } = useI18n();
  useDocumentTitle(t('connectors.title'));
  const { user } = useSession();
  const isAdmin = user?.role === 'administrator';
  const { data, error } = useApi<{ connectors: ConnectorView[] }>(isAdmin ? '/api/v1/connectors' : null);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  const [runError, setRunError] = useState<string | null>(null);

  if (user === undefined) return <Loading />;
  if (!isAdmin) {
    return (
      <p className="error-message" role="alert">
        {t('connectors.onlyAdmins')}{' '}
        {user === null ? <Link to="/login?next=/admin/connectors">{t('login.title')}</Link> : null}
      </p>
    );
  }
  const run = (code: string) => {
    setRunning(code);
    setRunError(null);
    runConnector(code).then(
      () => {
        setRunning(null);
        setSelected(code);
      },
      (e: unknown) => {
        setRunning(null);
        setRunError(e instanceof ApiError ? (lang === 'en' ? e.messageEn : e.messageVi) : String(e));
      },
    );
  };
  const connectors = data?.connectors ?? [];
  const current = connectors.find((c) => c.code === editing) ?? null;
  return (
    <div className="connectors-page">
      <Card
        title={t('connectors.title')}
        actions={
          <button type="button" onClick={() => setEditing('new')}>
            {t('connectors.new')}
          </button>
        }
      >
        <p className="muted">{t('connectors.help')}</p>
        {error ? <ErrorMessage error={error} /> : null}
        {!data && !error ? <Loading /> : null}
        {runError ? (
          <p className="error-message" role="alert">
            {runError}
          </p>
        ) : null}
        {data && connectors.length === 0 ? <p className="muted">{t('connectors.none')}</p> : null}
        {connectors.length > 0 ? (
          <div className="table-scroll">
            <table className="data-table" data-testid="connector-table">
              <thead>
                <tr>
                  <th scope="col">{t('connectors.name')}</th>
                  <th scope="col">{t('connectors.schedule')}</th>
                  <th scope="col">{t('connectors.lastRun')}</th>
                  <th scope="col">{t('connectors.nextRun')}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {connectors.map((c) => (
                  <tr key={c.code}>
                    <th scope="row">
                      <button type="button" className="link-button" onClick={() => setSelected(c.code)}>
                        {c.name}
                      </button>
                      <br />
                      <small className="muted">
                        {c.code} · {c.method} {c.url}
                      </small>
                    </th>
                    <td>
                      {c.schedule.kind === 'daily'
                        ? `${t('connectors.scheduleDaily')} ${c.schedule.time}`
                        : `${t('connectors.everyMinutes')}: ${c.schedule.minutes}`}
                      {c.isActive ? '' : ` (${t('connectors.inactive')})`}
                    </td>
                    <td>
                      {c.lastRun ? (
                        <>
                          <span className={`run-status run-${c.lastRun.status}`}>
                            {t(`connectors.status.${c.lastRun.status}`)}
                          </span>{' '}
                          <small>{dateTime(c.lastRun.startedAt)}</small>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>{c.nextRunAt && c.isActive ? dateTime(c.nextRunAt) : '—'}</td>
                    <td>
                      <button type="button" onClick={() => run(c.code)} disabled={running !== null}>
                        {running === c.code ? t('connectors.running') : t('connectors.runNow')}
                      </button>{' '}
                      <button type="button" onClick={() => setEditing(c.code)}>
                        {t('connectors.edit')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Card>
      {editing ? (
        <Card title={editing === 'new' ? t('connectors.new') : `${t('connectors.edit')}: ${editing}`}>
          <ConnectorForm key={editing} initial={current} onSaved={setSelected} />
        </Card>
      ) : null}
      {selected ? (
        <Card title={t('connectors.runs', { code: selected })}>
          <ConnectorRuns code={selected} />
        </Card>
      ) : null}
    </div>
  );
}
