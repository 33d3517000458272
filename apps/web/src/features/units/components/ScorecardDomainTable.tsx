import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';
import { LevelBadge } from '../../../ui/LevelBadge';
import { TableHead } from '../../../ui/TableHead';
import type { ScorecardDomain } from '../api/scorecardApi';

/** One domain of a scorecard: each indicator's value, target, level, rank among siblings, who answers for it. */
export function ScorecardDomainTable({
  domain,
  unitCode,
  month,
}: {
  domain: ScorecardDomain;
  unitCode: string;
  month: string;
}) {
  const { t, pick, num, period, lang } = useI18n();
  return (
    <table className="data-table scorecard-table">
      <TableHead
        columns={[
          { label: t('indicator.label') },
          { label: t('period.label') },
          { label: t('common.value'), numeric: true },
          { label: t('common.target'), numeric: true },
          { label: t('common.level') },
          { label: t('ranking.rank'), numeric: true },
          { label: t('common.responsible') },
        ]}
      />
      <tbody>
        {domain.indicators.map((row) => (
          <tr key={row.indicator.code} data-level={row.level}>
            <th scope="row">
              <Link
                to={`/indicator/${encodeURIComponent(row.indicator.code)}?unit=${encodeURIComponent(unitCode)}&period=${encodeURIComponent(month)}`}
              >
                {pick(row.indicator)}
              </Link>
            </th>
            <td>{period(row.period.code)}</td>
            {row.restricted ? (
              <td colSpan={4} className="restricted">
                {t('common.restricted')}
              </td>
            ) : (
              <>
                <td className="num">
                  {num(row.value, row.indicator.decimals)} <small>{row.indicator.unitOfMeasure}</small>
                </td>
                <td className="num">{num(row.target ?? null, row.indicator.decimals)}</td>
                <td>
                  <LevelBadge
                    level={row.level}
                    title={row.reason ? (lang === 'en' ? row.reason.en : row.reason.vi) : undefined}
                  />
                </td>
                <td className="num">{row.rank && row.rankOf ? `${row.rank}/${row.rankOf}` : '—'}</td>
              </>
            )}
            <td>
              {row.responsible ? (
                <>
                  {row.responsible.name}
                  {row.responsible.title ? <span className="muted"> — {row.responsible.title}</span> : null}
                </>
              ) : (
                '—'
              )}
              {row.owner ? <div className="muted">{row.owner.name}</div> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
