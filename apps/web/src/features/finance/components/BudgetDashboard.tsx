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
import {
  budgetRecordsPage,
  budgetSummaryUrl,
  type BudgetFigures,
  type BudgetSummary,
  type Window,
} from '../api/financeApi';
import { monthlyChartOption } from '../financeCharts';
import { formatMoney, formatPercent } from '../money';
import { Figure } from './Figure';
import { FinanceTabs } from './FinanceTabs';

/**
 * Thu, chi ngân sách: executed today, month and year to date against the estimate and the same
 * period last year, by item, organisation and unit; every figure opens the records behind it.
 */
export function BudgetDashboard() {
  const { t, pick, lang, date } = useI18n();
  const { query, setQuery } = useQueryState();
  const kind = query.get('kind') === 'expenditure' ? 'expenditure' : 'revenue';
  const filter = {
    kind,
    unit: query.get('unit'),
    item: query.get('item'),
    organisation: query.get('organisation'),
  };
  const { data, error } = useApi<BudgetSummary>(budgetSummaryUrl({ ...filter, date: query.get('date') }), {
    keepPrevious: true,
  });
  useDocumentTitle(t('budget.title'));
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <Loading />;
  const money = (v: number | null) => formatMoney(v, lang);
  const records = (w: Window, extra: Record<string, string> = {}) =>
    budgetRecordsPage({ ...filter, unit: data.unit.code, ...extra, from: w.from, to: w.to });
  const w = data.windows;
  const change = (f: BudgetFigures) =>
    f.changePercent === null
      ? '—'
      : `${f.changePercent > 0 ? '+' : ''}${formatPercent(f.changePercent, lang)}`;

  const table = (
    title: string,
    rows: Array<
      BudgetFigures & { key: string; label: string; drill?: string; filter: Record<string, string> }
    >,
    testId: string,
  ) => (
    <Card title={title}>
      <table className="data-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('budget.name')}</th>
            <th scope="col" className="num">
              {t('budget.ytd')}
            </th>
            <th scope="col" className="num">
              {t('budget.estimate')}
            </th>
            <th scope="col" className="num">
              {t('budget.percentOfEstimate')}
            </th>
            <th scope="col" className="num">
              {t('budget.lastYear')}
            </th>
            <th scope="col" className="num">
              {t('budget.change')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.drill ? <Link to={r.drill}>{r.label}</Link> : r.label}</th>
              <td className="num">
                <Link to={records(w.ytd, r.filter)} data-testid={`${testId}-ytd`}>
                  {money(r.ytd)}
                </Link>
              </td>
              <td className="num">{money(r.estimate)}</td>
              <td className="num">{formatPercent(r.percentOfEstimate, lang)}</td>
              <td className="num">
                <Link to={records(w.lastYearYtd, r.filter)}>{money(r.lastYearYtd)}</Link>
              </td>
              <td className="num">{change(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );

  return (
    <div className="finance" data-testid="budget-dashboard">
      <FinanceTabs current="budget" />
      <header className="page-header">
        <div>
          <h1>
            {t(kind === 'revenue' ? 'budget.revenue' : 'budget.expenditure')} — {pick(data.unit)}
          </h1>
          <p className="muted">
            {t('budget.asOf', { date: date(data.asOf) })} ·{' '}
            {t('budget.lastData', { date: date(data.lastDataDate) })}
          </p>
        </div>
        <div className="toolbar">
          <SegmentedControl
            label={t('budget.kind')}
            name="kind"
            value={kind}
            onChange={(v) => setQuery({ kind: v, item: null, organisation: null })}
            segments={[
              { value: 'revenue', label: t('budget.revenue') },
              { value: 'expenditure', label: t('budget.expenditure') },
            ]}
          />
          <label className="field">
            <span>{t('budget.date')}</span>
            <input
              type="date"
              value={data.asOf}
              onChange={(e) => setQuery({ date: e.target.value || null })}
            />
          </label>
        </div>
      </header>
      <div className="finance-figures">
        <Figure
          label={t('budget.day', { date: date(data.asOf) })}
          value={money(data.total.day)}
          to={records(w.day)}
        />
        <Figure label={t('budget.month')} value={money(data.total.month)} to={records(w.month)} />
        <Figure
          label={t('budget.ytd')}
          value={money(data.total.ytd)}
          to={records(w.ytd)}
          testId="budget-ytd"
          note={t('budget.ofEstimate', { percent: formatPercent(data.total.percentOfEstimate, lang) })}
        />
        <Figure label={t('budget.estimate')} value={money(data.total.estimate)} />
        <Figure
          label={t('budget.lastYear')}
          value={money(data.total.lastYearYtd)}
          to={records(w.lastYearYtd)}
          note={`${change(data.total)} ${t('common.vsLastYear')}`}
        />
      </div>
      <Card title={t('budget.byMonth')}>
        <Chart
          ariaLabel={t('budget.byMonth')}
          option={monthlyChartOption({
            months: data.months,
            year: Number(data.asOf.slice(0, 4)),
            labels: { thisYear: data.asOf.slice(0, 4), lastYear: String(Number(data.asOf.slice(0, 4)) - 1) },
            lang,
          })}
        />
      </Card>
      <div className="finance-tables">
        {table(
          t('budget.byItem'),
          data.byItem.map((i) => ({ ...i, key: i.code, label: pick(i), filter: { item: i.code } })),
          'budget-by-item',
        )}
        {table(
          t('budget.byUnit'),
          data.byUnit.map((u) => ({
            ...u,
            key: u.code,
            label: u.isSelf ? t('budget.ownLevel', { unit: pick(u) }) : pick(u),
            drill: u.isSelf ? undefined : `/budget?kind=${kind}&unit=${u.code}&date=${data.asOf}`,
            filter: u.isSelf ? { unit: u.code, exact: 'true' } : ({ unit: u.code } as Record<string, string>),
          })),
          'budget-by-unit',
        )}
        {table(
          t('budget.byOrganisation'),
          data.byOrganisation.map((o) => ({
            ...o,
            key: o.code,
            label: o.name,
            filter: { organisation: o.code },
          })),
          'budget-by-organisation',
        )}
      </div>
    </div>
  );
}
