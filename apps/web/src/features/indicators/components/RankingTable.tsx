import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';
import { LevelBadge } from '../../../ui/LevelBadge';
import { TableHead } from '../../../ui/TableHead';
import { TrendArrow } from '../../../ui/TrendArrow';
import { comparableReference, type RankingResponse } from '../api/indicatorsApi';
import { isGoodTrend, trendOf } from '../trendQuality';

/** Rank, unit, value, target, level, last year and change, difference from the mean; restricted units last. */
export function RankingTable({
  ranking,
  unitLink,
}: {
  ranking: RankingResponse;
  /** Where a unit's name leads (scorecard, or drill-down). */
  unitLink: (unitCode: string) => string;
}) {
  const { t, pick, num, compact } = useI18n();
  const d = ranking.indicator.decimals;
  const reference = comparableReference(ranking);
  return (
    <table className="data-table" data-testid="ranking-table">
      <caption className="sr-only">{t('ranking.title')}</caption>
      <TableHead
        columns={[
          { label: t('ranking.rank'), numeric: true },
          { label: t('common.unit') },
          { label: t('common.value'), numeric: true },
          { label: t('common.target'), numeric: true },
          { label: t('common.level') },
          { label: t('chart.lastYear'), numeric: true },
          { label: t('ranking.change'), numeric: true },
          reference
            ? { label: t('ranking.vsReference', { unit: pick(reference.unit) }), numeric: true }
            : null,
        ]}
      />
      <tbody>
        {ranking.rows.map((row) => (
          <tr key={row.unit.code}>
            <td className="num">{row.rank}</td>
            <th scope="row">
              <Link to={unitLink(row.unit.code)}>{pick(row.unit)}</Link>
            </th>
            <td className="num">{num(row.value, d)}</td>
            <td className="num">{num(row.target ?? null, d)}</td>
            <td>
              <LevelBadge
                level={row.level}
                title={row.reason ? pick({ name: row.reason.vi, nameEn: row.reason.en }) : undefined}
              />
            </td>
            <td className="num">{num(row.samePeriodLastYear, d)}</td>
            <td className="num">
              {row.changePercent === null
                ? '—'
                : `${row.changePercent > 0 ? '+' : ''}${compact(row.changePercent)}%`}{' '}
              <TrendArrow
                trend={trendOf(row.change)}
                good={isGoodTrend(trendOf(row.change), ranking.indicator.direction)}
              />
            </td>
            {reference ? (
              <td className="num">
                {row.value === null
                  ? '—'
                  : `${row.value - reference.value > 0 ? '+' : ''}${num(row.value - reference.value, d)}`}
              </td>
            ) : null}
          </tr>
        ))}
        {ranking.withoutData.map((w) => (
          <tr key={w.unit.code} className="muted">
            <td className="num">—</td>
            <th scope="row">
              <Link to={unitLink(w.unit.code)}>{pick(w.unit)}</Link>
            </th>
            <td colSpan={reference ? 6 : 5} className={w.restricted ? 'restricted' : undefined}>
              {w.restricted ? t('common.restricted') : t('level.no_data')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
