import type { IndicatorSummary } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/useI18n';
import { LevelBadge } from '../../../ui/LevelBadge';
import { TableHead } from '../../../ui/TableHead';
import type { SeriesPoint } from '../api/indicatorsApi';

/** Periods compared: value, target, level, same period last year and change, year to date. */
export function PeriodTable({ points, indicator }: { points: SeriesPoint[]; indicator: IndicatorSummary }) {
  const { t, num, compact, period } = useI18n();
  const d = indicator.decimals;
  return (
    <table className="data-table" data-testid="period-table">
      <caption className="sr-only">{t('periods.title')}</caption>
      <TableHead
        columns={[
          { label: t('period.label') },
          { label: t('common.value'), numeric: true },
          { label: t('common.target'), numeric: true },
          { label: t('common.level') },
          { label: t('chart.lastYear'), numeric: true },
          { label: t('ranking.change'), numeric: true },
          { label: t('chart.ytdValue'), numeric: true },
        ]}
      />
      <tbody>
        {[...points].reverse().map((p) => (
          <tr key={p.period.code}>
            <th scope="row">
              {period(p.period.code)}
              {p.convertedFromPredecessors ? <sup title={t('periods.converted')}>*</sup> : null}
            </th>
            <td className="num">{num(p.value, d)}</td>
            <td className="num">{num(p.target ?? null, d)}</td>
            <td>
              <LevelBadge level={p.level} />
            </td>
            <td className="num">{num(p.samePeriodLastYear, d)}</td>
            <td className="num">
              {p.changePercent === null
                ? '—'
                : `${p.changePercent > 0 ? '+' : ''}${compact(p.changePercent)}%`}
            </td>
            <td className="num">{num(p.ytd?.value ?? null, d)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
