import { useState } from 'react';
import { useApi } from '../../../lib/api/useApi';
import { Chart } from '../../../lib/charts/Chart';
import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';
import { useQueryState } from '../../../lib/router/useQueryState';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { Card } from '../../../ui/Card';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { Loading } from '../../../ui/Loading';
import { SegmentedControl } from '../../../ui/SegmentedControl';
import { investmentSummaryUrl, projectPage, type InvestmentSummary, type RateLine } from '../api/financeApi';
import { pathChartOption } from '../financeCharts';
import { formatMoney, formatPercent } from '../money';
import { Figure } from './Figure';
import { FinanceTabs } from './FinanceTabs';
import { ForecastFigure } from './ForecastFigure';
import { Gap } from './Gap';

type RankBy = 'investor' | 'department' | 'unit';

/** Lagging projects listed before "show all": the worst ones a leader acts on first. */
const LAGGING_SHOWN = 25;

/**
 * Giải ngân vốn đầu tư công: the rate against the year's plan and the province's target path,
 * ranked by investor, department or locality worst first, the lagging projects with their
 * responsible person, and the year-end forecast.
 */
export function InvestmentDashboard() {
  const { t, pick, lang, date } = useI18n();
  const { query, setQuery } = useQueryState();
  const [rankBy, setRankBy] = useState<RankBy>('investor');
  const [showAll, setShowAll] = useState(false);
  const { data, error } = useApi<InvestmentSummary>(
    investmentSummaryUrl({
      unit: query.get('unit'),
      year: query.get('year'),
      date: query.get('date'),
      investor: query.get('investor'),
      department: query.get('department'),
    }),
    { keepPrevious: true },
  );
  useDocumentTitle(t('investment.title'));
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <Loading />;
  const money = (v: number | null) => formatMoney(v, lang);
  const disbursementsLink = (extra: Record<string, string>) =>
    `/investment/disbursements?${new URLSearchParams({
      unit: data.unit.code,
      from: `${data.year}-01-01`,
      to: data.asOf,
      ...(data.investor ? { investor: data.investor.code } : {}),
      ...(data.department ? { department: data.department.code } : {}),
      ...extra,
    }).toString()}`;
  const rows: Array<
    RateLine & { key: string; label: string; drill?: string; filter: Record<string, string> }
  > =
    rankBy === 'unit'
      ? data.byUnit.map((u) => ({
          ...u,
          key: u.code,
          label: u.isSelf ? t('budget.ownLevel', { unit: pick(u) }) : pick(u),
          drill: u.isSelf ? undefined : `/investment?unit=${u.code}&year=${data.year}&date=${data.asOf}`,
          filter: { unit: u.code },
        }))
      : (rankBy === 'investor' ? data.byInvestor : data.byDepartment).map((o) => ({
          ...o,
          key: o.code,
          label: o.name,
          drill: `/investment?unit=${data.unit.code}&year=${data.year}&date=${data.asOf}&${rankBy}=${o.code}`,
          filter: { [rankBy]: o.code },
        }));
  const focus = data.investor ?? data.department;

  return (
    <div className="finance" data-testid="investment-dashboard">
      <FinanceTabs current="investment" />
      <header className="page-header">
        <div>
          <h1>
            {t('investment.title')} {data.year} — {pick(data.unit)}
            {focus ? ` — ${focus.name}` : ''}
          </h1>
          <p className="muted">
            {t('budget.asOf', { date: date(data.asOf) })} ·{' '}
            {t('investment.targetToday', { percent: formatPercent(data.target, lang) })}
            {focus ? (
              <>
                {' · '}
                <Link to={`/investment?unit=${data.unit.code}&year=${data.year}&date=${data.asOf}`}>
                  {t('investment.allInvestors')}
                </Link>
              </>
            ) : null}
          </p>
        </div>
        <div className="toolbar">
          <label className="field">
            <span>{t('budget.date')}</span>
            <input
              type="date"
              value={data.asOf}
              onChange={(e) =>
                setQuery({ date: e.target.value || null, year: e.target.value.slice(0, 4) || null })
              }
            />
          </label>
        </div>
      </header>
      <div className="finance-figures">
        <Figure label={t('investment.plan')} value={money(data.total.plan)} />
        <Figure
          label={t('investment.disbursed')}
          value={money(data.total.disbursed)}
          to={disbursementsLink({})}
        />
        <Figure
          label={t('investment.rate')}
          value={formatPercent(data.total.rate, lang)}
          testId="investment-rate"
          note={
            <>
              {t('investment.vsTarget')} <Gap gap={data.total.gap} />
            </>
          }
        />
        <ForecastFigure forecast={data.forecast} method={data.forecastMethod} />
        <Figure
          label={t('investment.laggingProjects')}
          value={`${data.total.lagging} / ${data.total.projects}`}
        />
      </div>
      <Card title={t('investment.pathChart')}>
        <Chart
          ariaLabel={t('investment.pathChart')}
          option={pathChartOption({
            path: data.path,
            labels: { target: t('investment.targetPath'), actual: t('investment.actual') },
            lang,
          })}
        />
      </Card>
      <Card
        title={t('investment.ranking')}
        actions={
          <SegmentedControl
            label={t('investment.rankBy')}
            name="rank-by"
            value={rankBy}
            onChange={(v) => setRankBy(v as RankBy)}
            segments={[
              { value: 'investor', label: t('investment.byInvestor') },
              { value: 'department', label: t('investment.byDepartment') },
              { value: 'unit', label: t('investment.byUnit') },
            ]}
          />
        }
      >
        <table className="data-table" data-testid="disbursement-ranking">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('ranking.rank')}
              </th>
              <th scope="col">{t('budget.name')}</th>
              <th scope="col" className="num">
                {t('investment.plan')}
              </th>
              <th scope="col" className="num">
                {t('investment.disbursed')}
              </th>
              <th scope="col" className="num">
                {t('investment.rate')}
              </th>
              <th scope="col" className="num">
                {t('investment.gap')}
              </th>
              <th scope="col" className="num">
                {t('investment.laggingProjects')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.key}>
                <td className="num">{i + 1}</td>
                <th scope="row">{r.drill ? <Link to={r.drill}>{r.label}</Link> : r.label}</th>
                <td className="num">{money(r.plan)}</td>
                <td className="num">
                  <Link to={disbursementsLink(r.filter)}>{money(r.disbursed)}</Link>
                </td>
                <td className="num">{formatPercent(r.rate, lang)}</td>
                <td className="num">
                  <Gap gap={r.gap} />
                </td>
                <td className="num">
                  {r.lagging} / {r.projects}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title={t('investment.laggingList', { count: data.lagging.length })}>
        <table className="data-table" data-testid="lagging-projects">
          <thead>
            <tr>
              <th scope="col">{t('investment.project')}</th>
              <th scope="col">{t('investment.investor')}</th>
              <th scope="col">{t('common.unit')}</th>
              <th scope="col">{t('common.responsible')}</th>
              <th scope="col" className="num">
                {t('investment.rate')}
              </th>
              <th scope="col" className="num">
                {t('investment.gap')}
              </th>
            </tr>
          </thead>
          <tbody>
            {(showAll ? data.lagging : data.lagging.slice(0, LAGGING_SHOWN)).map((p) => (
              <tr key={p.code}>
                <th scope="row">
                  <Link to={projectPage(p.code, { year: data.year, date: data.asOf })}>{p.name}</Link>
                  <span className="muted"> · {p.code}</span>
                </th>
                <td>{p.investor.name}</td>
                <td>{pick(p.unit)}</td>
                <td>
                  {p.responsible.name}
                  {p.responsible.title ? <span className="muted"> · {p.responsible.title}</span> : null}
                  {p.responsible.phone ? <span className="muted"> · {p.responsible.phone}</span> : null}
                </td>
                <td className="num">{formatPercent(p.rate, lang)}</td>
                <td className="num">
                  <Gap gap={p.gap} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {data.lagging.length > LAGGING_SHOWN ? (
          <button type="button" className="link-button" onClick={() => setShowAll(!showAll)}>
            {showAll ? t('common.showLess') : t('investment.showAll', { count: data.lagging.length })}
          </button>
        ) : null}
      </Card>
    </div>
  );
}
