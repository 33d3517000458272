import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';
import type { DossierSummary } from '../api/dossiersApi';
import { StandingBadge } from './StandingBadge';

/** Dossiers, one a row, each linking to its timeline. */
export function DossierTable({ items }: { items: DossierSummary[] }) {
  const { t, dateTime } = useI18n();
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="dossier-list">
        <thead>
          <tr>
            <th scope="col">{t('dossiers.code')}</th>
            <th scope="col">{t('dossiers.procedure')}</th>
            <th scope="col">{t('dossiers.agency')}</th>
            <th scope="col">{t('common.unit')}</th>
            <th scope="col">{t('dossiers.handler')}</th>
            <th scope="col">{t('dossiers.receivedAt')}</th>
            <th scope="col">{t('dossiers.dueAt')}</th>
            <th scope="col">{t('dossiers.finishedAt')}</th>
            <th scope="col">{t('dossiers.standing')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.code}>
              <th scope="row">
                <Link to={`/dossiers/${encodeURIComponent(d.code)}`}>{d.code}</Link>
              </th>
              <td>{d.procedureName}</td>
              <td>{d.agencyName}</td>
              <td>{d.unit.name}</td>
              <td>{d.handler ?? '—'}</td>
              <td>{dateTime(d.receivedAt)}</td>
              <td>{d.dueAt ? dateTime(d.dueAt) : '—'}</td>
              <td>{d.finishedAt ? dateTime(d.finishedAt) : '—'}</td>
              <td>
                <StandingBadge standing={d.standing} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
