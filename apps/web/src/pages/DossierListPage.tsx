import { useState } from 'react';
import { useI18n } from '../lib/i18n/useI18n';
import { useApi } from '../lib/api/useApi';
import { useQueryState } from '../lib/router/useQueryState';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Card } from '../ui/Card';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { dossiersApi, type DossierListResponse, type ListQuery } from '../features/dossiers/api/dossiersApi';
import { DossierNav } from '../features/dossiers/components/DossierNav';
import { DossierTable } from '../features/dossiers/components/DossierTable';

/** The dossiers behind one figure: as many as the figure says, filterable, paged, exportable. */
export function DossierListPage() {
  const { t, num, period: periodLabel, dateTime, lang } = useI18n();
  const { query, setQuery } = useQueryState();
  const request: ListQuery = {
    figure: query.get('figure') ?? 'to_process',
    period: query.get('period') ?? '',
    unit: query.get('unit'),
    agency: query.get('agency'),
    field: query.get('field'),
    q: query.get('q'),
    page: Number(query.get('page') ?? '1'),
  };
  const [search, setSearch] = useState(request.q ?? '');
  const { data, error } = useApi<DossierListResponse>(request.period ? dossiersApi.list(request) : null, {
    keepPrevious: true,
  });
  useDocumentTitle(data ? (lang === 'en' ? data.label.en : data.label.vi) : t('dossiers.list'));
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <>
      <h1 className="page-title">
        {data ? (lang === 'en' ? data.label.en : data.label.vi) : t('dossiers.list')}
        {data ? (
          <span className="muted">
            {' '}
            · {data.unit.name} · {periodLabel(data.period)}
          </span>
        ) : null}
      </h1>
      <DossierNav active={null} />
      {error ? <ErrorMessage error={error} /> : null}
      {data ? (
        <Card
          title={
            <span data-testid="dossier-total" data-total={data.total}>
              {t('dossiers.total', { count: num(data.total, 0) })}
            </span>
          }
        >
          <p className="note">
            {t('dossiers.asOf', { time: dateTime(data.asOf) })}
            {request.agency ? ` · ${t('dossiers.agency')}: ${request.agency}` : ''}
            {request.field ? ` · ${t('dossiers.field')}: ${request.field}` : ''}
          </p>
          <form
            className="toolbar"
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              setQuery({ q: search || null, page: null });
            }}
          >
            <label>
              {t('dossiers.search')}{' '}
              <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
            </label>
            <button type="submit">{t('dossiers.searchButton')}</button>
            <a href={dossiersApi.exportCsv(request)} download>
              {t('dossiers.exportCsv')}
            </a>
          </form>
          <DossierTable items={data.items} />
          <nav className="pager" aria-label={t('dossiers.pages')}>
            <button
              type="button"
              disabled={data.page <= 1}
              onClick={() => setQuery({ page: String(data.page - 1) })}
            >
              {t('dossiers.previous')}
            </button>
            <span>{t('dossiers.pageOf', { page: data.page, pages })}</span>
            <button
              type="button"
              disabled={data.page >= pages}
              onClick={() => setQuery({ page: String(data.page + 1) })}
            >
              {t('dossiers.next')}
            </button>
          </nav>
        </Card>
      ) : error ? null : (
        <Loading />
      )}
    </>
  );
}
