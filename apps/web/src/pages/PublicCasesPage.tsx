import { useMemo } from 'react';
import { useApi } from '../lib/api/useApi';
import { useI18n } from '../lib/i18n/useI18n';
import { PointMap } from '../lib/map/PointMap';
import { Link } from '../lib/router/Link';
import { useQueryState } from '../lib/router/useQueryState';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Card } from '../ui/Card';
import { ErrorMessage } from '../ui/ErrorMessage';
import { casesUrls, type CaseCategory, type PublicCase } from '../features/cases/api/casesApi';

/** Answers the province published: searchable by text, category and unit, and on a map. No personal data. */
export function PublicCasesPage() {
  const { t, lang, date } = useI18n();
  useDocumentTitle(t('cases.publicTitle'));
  const { query, setQuery } = useQueryState();
  const q = query.get('q') ?? '';
  const category = query.get('category') ?? '';
  const unit = query.get('unit') ?? '';
  const categories = useApi<{ categories: CaseCategory[] }>(casesUrls.categories).data?.categories ?? [];
  const { data, error } = useApi<{ items: PublicCase[] }>(
    casesUrls.publicList({ q: q || undefined, category: category || undefined, unit: unit || undefined }),
    { keepPrevious: true },
  );
  const items = data?.items ?? [];
  const points = useMemo(
    () => items.flatMap((c) => (c.location ? [{ id: c.code, lonLat: c.location }] : [])),
    [items],
  );
  return (
    <div className="page-cases-public">
      <Card
        title={t('cases.publicTitle')}
        actions={<Link to="/phan-anh/gui">{t('cases.citizenTitle')}</Link>}
      >
        <form className="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="public-q">{t('cases.search')}</label>
            <input id="public-q" defaultValue={q} onChange={(e) => setQuery({ q: e.target.value || null })} />
          </div>
          <div className="field">
            <label htmlFor="public-category">{t('cases.category')}</label>
            <select
              id="public-category"
              value={category}
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
          <div className="field">
            <label htmlFor="public-unit">{t('cases.unitCode')}</label>
            <input
              id="public-unit"
              defaultValue={unit}
              onChange={(e) => setQuery({ unit: e.target.value || null })}
            />
          </div>
        </form>
        {error ? <ErrorMessage error={error} /> : null}
        <PointMap
          ariaLabel={t('cases.publicMap')}
          points={points}
          onSelect={(code) => document.getElementById(`case-${code}`)?.scrollIntoView()}
        />
        <ul className="case-list" data-testid="public-cases">
          {items.length === 0 ? <li className="muted">{t('cases.none')}</li> : null}
          {items.map((c) => (
            <li key={c.code} id={`case-${c.code}`} className="case-item" data-code={c.code}>
              <strong>{c.code}</strong> · {lang === 'en' ? c.category.nameEn : c.category.name}
              {c.unit ? ` · ${c.unit.name}` : ''} · {date(c.receivedAt)}
              <p>{c.summary}</p>
              <p>
                <strong>{t('cases.answer')}:</strong> {c.answer}
              </p>
              {c.organisation ? <p className="muted">{c.organisation}</p> : null}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
