import { CASE_STATUSES, type CaseStatus } from '@ioc/shared';
import { useState } from 'react';
import { useApi } from '../lib/api/useApi';
import { useI18n } from '../lib/i18n/useI18n';
import type { MessageKey } from '../lib/i18n/messages';
import { navigate } from '../lib/router/history';
import { Link } from '../lib/router/Link';
import { useQueryState } from '../lib/router/useQueryState';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Card } from '../ui/Card';
import { ErrorMessage } from '../ui/ErrorMessage';
import { useSession } from '../features/auth/hooks/useSession';
import { casesUrls, recordCall, type CaseCategory, type CaseView } from '../features/cases/api/casesApi';
import { CaseReportForm } from '../features/cases/components/CaseReportForm';
import { CaseStatusBadge } from '../features/cases/components/CaseStatusBadge';

/** The hotline's work list (agencies see the cases forwarded to them) and the fast form for a call. */
export function CasesPage() {
  const { t, lang, dateTime } = useI18n();
  useDocumentTitle(t('cases.title'));
  const { user } = useSession();
  const { query, setQuery } = useQueryState();
  const [showForm, setShowForm] = useState(false);
  const filters = {
    status: query.get('status') ?? undefined,
    category: query.get('category') ?? undefined,
    q: query.get('q') ?? undefined,
    overdue: query.get('overdue') ?? undefined,
  };
  const categories = useApi<{ categories: CaseCategory[] }>(casesUrls.categories).data?.categories ?? [];
  const { data, error } = useApi<{ items: CaseView[]; hasMore: boolean }>(
    user ? casesUrls.list(filters) : null,
    {
      keepPrevious: true,
    },
  );
  if (user === null) return <ErrorMessage error={new Error(t('cases.loginNeeded'))} />;
  const isOperator = user?.role === 'operator' || user?.role === 'administrator';
  return (
    <div className="page-cases">
      {isOperator ? (
        <Card
          title={t('cases.newCall')}
          actions={
            <button type="button" className="button-secondary" onClick={() => setShowForm((v) => !v)}>
              {showForm ? t('cases.hideForm') : t('cases.newCall')}
            </button>
          }
        >
          {showForm ? (
            <CaseReportForm
              mode="operator"
              onSubmit={(draft, id) => recordCall(draft, id).then((c) => navigate(`/phan-anh/${c.code}`))}
            />
          ) : null}
        </Card>
      ) : null}
      <Card title={t('cases.title')} actions={<Link to="/phan-anh/cong-khai">{t('cases.publicTitle')}</Link>}>
        <form className="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="cases-q">{t('cases.search')}</label>
            <input
              id="cases-q"
              defaultValue={filters.q}
              onChange={(e) => setQuery({ q: e.target.value || null })}
            />
          </div>
          <div className="field">
            <label htmlFor="cases-status">{t('cases.statusLabel')}</label>
            <select
              id="cases-status"
              value={filters.status ?? ''}
              onChange={(e) => setQuery({ status: e.target.value || null })}
            >
              <option value="">{t('cases.all')}</option>
              {CASE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`cases.status.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cases-category">{t('cases.category')}</label>
            <select
              id="cases-category"
              value={filters.category ?? ''}
              onChange={(e) => setQuery({ category: e.target.value || null })}
            >
              <option value="">{t('cases.all')}</option>
              {categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {lang === 'en' ? c.nameEn : c.name}
                </option>
              ))}
            </select>
          </div>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={filters.overdue === 'true'}
              onChange={(e) => setQuery({ overdue: e.target.checked ? 'true' : null })}
            />{' '}
            {t('cases.onlyOverdue')}
          </label>
        </form>
        {error ? <ErrorMessage error={error} /> : null}
        <table className="data-table" data-testid="cases-table">
          <thead>
            <tr>
              <th>{t('cases.code')}</th>
              <th>{t('cases.titleColumn')}</th>
              <th>{t('cases.category')}</th>
              <th>{t('cases.agency')}</th>
              <th>{t('cases.statusLabel')}</th>
              <th>{t('cases.receivedAt')}</th>
              <th>{t('cases.due')}</th>
            </tr>
          </thead>
          <tbody>
            {(data?.items ?? []).map((c) => (
              <tr key={c.code} data-code={c.code}>
                <td>
                  <Link to={`/phan-anh/${c.code}`}>{c.code}</Link>
                </td>
                <td>{c.title}</td>
                <td>{lang === 'en' ? c.category.nameEn : c.category.name}</td>
                <td>{c.organisation?.name ?? '—'}</td>
                <td>
                  <CaseStatusBadge status={c.status as CaseStatus} isOverdue={c.isOverdue} />
                </td>
                <td>{dateTime(c.receivedAt)}</td>
                <td>{c.dueAt ? dateTime(c.dueAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
