import { useI18n } from '../../../lib/i18n/useI18n';
import { useApi } from '../../../lib/api/useApi';
import { Link } from '../../../lib/router/Link';
import { Card } from '../../../ui/Card';
import { dossiersApi, listPath, type FiguresResponse } from '../api/dossiersApi';
import { lateRateLevel } from './DossierFiguresTable';
import { LEVEL_INK, LEVEL_TINT } from '../../../ui/warningColours';

/** Overview: dossiers in progress and overdue per district, each number linking to the dossiers behind it. */
export function LateDossiersCard({ period }: { period: string }) {
  const { t, num, period: periodLabel } = useI18n();
  const { data, error } = useApi<FiguresResponse>(dossiersApi.figures({ period, by: 'unit' }), {
    keepPrevious: true,
  });
  // Readers without access to dossier records do not see the card.
  if (error || !data) return null;
  return (
    <Card title={t('dossiers.lateCard', { period: periodLabel(data.period) })}>
      <ul className="late-dossiers" data-testid="late-dossiers">
        {data.rows.slice(1).map((row) => {
          const level = lateRateLevel(row.month.lateRate);
          return (
            <li key={row.key} data-unit={row.key}>
              <span>{row.name}</span>{' '}
              <Link
                to={listPath({ figure: 'in_progress_late', period: data.period, unit: row.key })}
                className="level-badge"
                style={{ background: LEVEL_TINT[level], color: LEVEL_INK[level] }}
                data-late={row.month.in_progress_late}
                title={t('dossiers.lateRateOf', {
                  rate: row.month.lateRate === null ? '—' : num(row.month.lateRate, 1),
                })}
              >
                {num(row.month.in_progress_late, 0)}
              </Link>
            </li>
          );
        })}
      </ul>
      <p className="note">
        <Link to={`/dossiers?period=${data.period}`}>{t('dossiers.allFigures')}</Link>
      </p>
    </Card>
  );
}
