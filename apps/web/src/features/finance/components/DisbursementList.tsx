import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';
import { useQueryState } from '../../../lib/router/useQueryState';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { Breadcrumbs } from '../../../ui/Breadcrumbs';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { Loading } from '../../../ui/Loading';
import { disbursementsUrl, projectPage, type DisbursementList as List } from '../api/financeApi';
import { formatMoney } from '../money';
import { Pager, PAGE_SIZE } from './Pager';

/** The disbursements behind a figure: their count and total equal the figure clicked. */
export function DisbursementList() {
  const { t, pick, lang, date } = useI18n();
  const { query } = useQueryState();
  const offset = Number(query.get('offset') ?? 0);
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const { data, error } = useApi<List>(
    disbursementsUrl({
      unit: query.get('unit'),
      investor: query.get('investor'),
      department: query.get('department'),
      from,
      to,
      limit: PAGE_SIZE,
      offset,
    }),
    { keepPrevious: true },
  );
  useDocumentTitle(t('investment.disbursementList'));
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <Loading />;
  return (
    <div className="finance" data-testid="disbursement-list">
      <Breadcrumbs
        items={[
          { label: t('investment.title'), to: `/investment?unit=${data.unit.code}&date=${to}` },
          { label: t('investment.disbursementList') },
        ]}
      />
      <header className="page-header">
        <div>
          <h1>
            {t('investment.disbursementList')} — {pick(data.unit)}
          </h1>
          <p className="muted">
            {t('budget.recordsSummary', { from: date(from), to: date(to) })}{' '}
            <strong data-testid="records-count">{data.count}</strong> {t('budget.recordsCount')} ·{' '}
            {t('budget.recordsTotal')}{' '}
            <strong data-testid="records-total">{formatMoney(data.total, lang)}</strong>
          </p>
        </div>
      </header>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('budget.recordDate')}</th>
            <th scope="col">{t('budget.recordKey')}</th>
            <th scope="col">{t('investment.project')}</th>
            <th scope="col">{t('common.unit')}</th>
            <th scope="col">{t('investment.source')}</th>
            <th scope="col" className="num">
              {t('budget.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.records.map((r) => (
            <tr key={r.key}>
              <td>{date(r.date)}</td>
              <td>{r.key}</td>
              <td>
                <Link to={projectPage(r.project.code, { date: to })}>{r.project.name}</Link>
              </td>
              <td>{pick(r.unit)}</td>
              <td>{r.source}</td>
              <td className="num">{formatMoney(r.amount, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager offset={offset} count={data.count} />
    </div>
  );
}
