import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';
import { useQueryState } from '../../../lib/router/useQueryState';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { Breadcrumbs } from '../../../ui/Breadcrumbs';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { Loading } from '../../../ui/Loading';
import { budgetRecordsUrl, type BudgetRecordList } from '../api/financeApi';
import { formatMoney } from '../money';
import { Pager, PAGE_SIZE } from './Pager';

/** The budget records behind a figure: their count and total equal the figure clicked. */
export function BudgetRecordsList() {
  const { t, pick, lang, date } = useI18n();
  const { query } = useQueryState();
  const offset = Number(query.get('offset') ?? 0);
  const kind = query.get('kind') === 'expenditure' ? 'expenditure' : 'revenue';
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const filter = {
    kind,
    unit: query.get('unit'),
    exact: query.get('exact'),
    item: query.get('item'),
    organisation: query.get('organisation'),
  };
  const { data, error } = useApi<BudgetRecordList>(
    budgetRecordsUrl({ ...filter, from, to, limit: PAGE_SIZE, offset }),
    { keepPrevious: true },
  );
  useDocumentTitle(t('budget.records'));
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <Loading />;
  return (
    <div className="finance" data-testid="budget-records">
      <Breadcrumbs
        items={[
          { label: t('budget.title'), to: `/budget?kind=${kind}&unit=${data.unit.code}&date=${to}` },
          { label: t('budget.records') },
        ]}
      />
      <header className="page-header">
        <div>
          <h1>
            {t(kind === 'revenue' ? 'budget.revenue' : 'budget.expenditure')} — {pick(data.unit)}
          </h1>
          <p className="muted">
            {t('budget.recordsSummary', { from: date(from), to: date(to) })}{' '}
            <strong data-testid="records-count">{data.count}</strong> {t('budget.recordsCount')} ·{' '}
            {t('budget.recordsTotal')}{' '}
            <strong data-testid="records-total" data-value={data.total}>
              {formatMoney(data.total, lang)}
            </strong>
          </p>
        </div>
      </header>
      <table className="data-table" data-testid="records-table">
        <thead>
          <tr>
            <th scope="col">{t('budget.recordDate')}</th>
            <th scope="col">{t('budget.recordKey')}</th>
            <th scope="col">{t('budget.item')}</th>
            <th scope="col">{t('budget.organisation')}</th>
            <th scope="col">{t('common.unit')}</th>
            <th scope="col" className="num">
              {t('budget.amount')}
            </th>
            <th scope="col">{t('budget.description')}</th>
          </tr>
        </thead>
        <tbody>
          {data.records.map((r) => (
            <tr key={r.key} data-amount={r.amount}>
              <td>{date(r.date)}</td>
              <td>
                {r.key}
                {r.revision > 1 ? (
                  <span className="muted"> ({t('budget.corrected', { n: r.revision - 1 })})</span>
                ) : null}
              </td>
              <td>{pick(r.item)}</td>
              <td>{r.organisation.name}</td>
              <td>
                <Link to={`/budget?kind=${kind}&unit=${r.unit.code}&date=${to}`}>{pick(r.unit)}</Link>
              </td>
              <td className="num">{formatMoney(r.amount, lang)}</td>
              <td>{r.description ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager offset={offset} count={data.count} />
    </div>
  );
}
