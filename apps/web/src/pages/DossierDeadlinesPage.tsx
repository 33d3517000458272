import { useI18n } from '../lib/i18n/useI18n';
import { useApi } from '../lib/api/useApi';
import { Link } from '../lib/router/Link';
import { useQueryState } from '../lib/router/useQueryState';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Card } from '../ui/Card';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { SegmentedControl } from '../ui/SegmentedControl';
import { dossiersApi, type DeadlinesResponse } from '../features/dossiers/api/dossiersApi';
import { DossierNav } from '../features/dossiers/components/DossierNav';
import { StandingBadge } from '../features/dossiers/components/StandingBadge';

/** Sắp đến hạn / quá hạn: unfinished dossiers due within the warning horizon or already late, soonest first. */
export function DossierDeadlinesPage() {
  const { t, num, dateTime } = useI18n();
  useDocumentTitle(t('dossiers.nav.deadlines'));
  const { query, setQuery } = useQueryState();
  const kind = query.get('kind');
  const page = Number(query.get('page') ?? '1');
  const { data, error } = useApi<DeadlinesResponse>(
    dossiersApi.deadlines({ kind, unit: query.get('unit'), page }),
    {
      keepPrevious: true,
    },
  );
  return (
    <>
      <h1 className="page-title">{t('dossiers.nav.deadlines')}</h1>
      <DossierNav active="deadlines" />
      <div className="toolbar">
        <SegmentedControl
          name="deadline-kind"
          label={t('dossiers.deadlineKind')}
          value={kind ?? 'all'}
          onChange={(value) => setQuery({ kind: value === 'all' ? null : value, page: null })}
          segments={[
            { value: 'all', label: t('dossiers.deadlineKind.all') },
            { value: 'overdue', label: t('dossiers.standing.late') },
            { value: 'due_soon', label: t('dossiers.dueSoon') },
          ]}
        />
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      {data ? (
        <Card title={t('dossiers.total', { count: num(data.total, 0) })}>
          <p className="note">
            {t('dossiers.deadlineNote', { hours: data.horizonHours, time: dateTime(data.asOf) })}
          </p>
          <div className="table-scroll">
            <table className="data-table" data-testid="deadline-list">
              <thead>
                <tr>
                  <th scope="col">{t('dossiers.code')}</th>
                  <th scope="col">{t('dossiers.procedure')}</th>
                  <th scope="col">{t('dossiers.agency')}</th>
                  <th scope="col">{t('common.unit')}</th>
                  <th scope="col">{t('dossiers.handler')}</th>
                  <th scope="col">{t('dossiers.dueAt')}</th>
                  <th scope="col">{t('dossiers.standing')}</th>
                  <th scope="col">{t('dossiers.warnedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((d) => (
                  <tr key={d.code}>
                    <th scope="row">
                      <Link to={`/dossiers/${encodeURIComponent(d.code)}`}>{d.code}</Link>
                    </th>
                    <td>{d.procedureName}</td>
                    <td>{d.agencyName}</td>
                    <td>{d.unit.name}</td>
                    <td>{d.handler ?? '—'}</td>
                    <td>{dateTime(d.dueAt)}</td>
                    <td>
                      {d.kind === 'overdue' ? <StandingBadge standing="late" /> : t('dossiers.dueSoon')}
                    </td>
                    <td>{d.warnedAt ? dateTime(d.warnedAt) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label={t('dossiers.pages')}>
            <button type="button" disabled={page <= 1} onClick={() => setQuery({ page: String(page - 1) })}>
              {t('dossiers.previous')}
            </button>
            <button
              type="button"
              disabled={page * 50 >= data.total}
              onClick={() => setQuery({ page: String(page + 1) })}
            >
              {t('dossiers.next')}
            </button>
          </nav>
        </Card>
      ) : error ? null : (
        <Loading />
      )}
    </>
  );
}
