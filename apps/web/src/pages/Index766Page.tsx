import {
  DOSSIER_PUBLISH_HOURS,
  INDEX_766_COMPONENTS,
  INDEX_766_LABELS,
  INDEX_766_WEIGHTS,
} from '@ioc/shared';
import { useI18n } from '../lib/i18n/useI18n';
import { useApi } from '../lib/api/useApi';
import { useQueryState } from '../lib/router/useQueryState';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Card } from '../ui/Card';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { SegmentedControl } from '../ui/SegmentedControl';
import { PeriodPicker } from '../features/periods/components/PeriodPicker';
import { useLatestMonth } from '../features/periods/hooks/useLatestMonth';
import { dossiersApi, type Index766Response } from '../features/dossiers/api/dossiersApi';
import { DossierNav } from '../features/dossiers/components/DossierNav';

/** Bộ chỉ số 766: agencies or units ranked, each with its six components and the one that costs it most. */
export function Index766Page() {
  const { t, num, lang } = useI18n();
  useDocumentTitle(t('dossiers.nav.index766'));
  const { query, setQuery } = useQueryState();
  const { latestMonth, error: latestError } = useLatestMonth();
  const month = query.get('month') ?? latestMonth;
  const by = (query.get('by') as 'agency' | 'unit' | null) ?? 'agency';
  const { data, error } = useApi<Index766Response>(
    month ? dossiersApi.index766({ month, by, unit: query.get('unit') }) : null,
    { keepPrevious: true },
  );
  const label = (c: (typeof INDEX_766_COMPONENTS)[number]) =>
    lang === 'en' ? INDEX_766_LABELS[c].en : INDEX_766_LABELS[c].vi;
  if (latestError) return <ErrorMessage error={latestError} />;
  if (!month || !latestMonth) return <Loading />;
  return (
    <>
      <h1 className="page-title">{t('dossiers.nav.index766')}</h1>
      <DossierNav active="index766" />
      <div className="toolbar">
        <PeriodPicker
          value={month}
          latestMonth={latestMonth}
          monthsOnly
          onChange={(p) => setQuery({ month: p })}
        />
        <SegmentedControl
          name="index-by"
          label={t('dossiers.groupBy')}
          value={by}
          onChange={(value) => setQuery({ by: value })}
          segments={[
            { value: 'agency', label: t('dossiers.by.agency') },
            { value: 'unit', label: t('dossiers.by.unit') },
          ]}
        />
      </div>
      <p className="note">{t('dossiers.index766Note')}</p>
      <p className="note" data-testid="index-766-measures">
        {t('dossiers.index766Measures', { hours: DOSSIER_PUBLISH_HOURS })}
      </p>
      {error ? <ErrorMessage error={error} /> : null}
      {data ? (
        <Card title={`${data.unit.name} · ${month}`}>
          <div className="table-scroll">
            <table className="data-table" data-testid="index-766">
              <thead>
                <tr>
                  <th scope="col">{t('dossiers.rank')}</th>
                  <th scope="col">{t(`dossiers.by.${by}`)}</th>
                  <th scope="col" className="num">
                    {t('dossiers.index766Total')}
                  </th>
                  {INDEX_766_COMPONENTS.map((c) => (
                    <th key={c} scope="col" className="num">
                      {label(c)} ({INDEX_766_WEIGHTS[c]})
                    </th>
                  ))}
                  <th scope="col">{t('dossiers.costliest')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.key} data-key={r.key}>
                    <td className="num">{r.rank ?? '—'}</td>
                    <th scope="row">{r.name}</th>
                    <td className="num">
                      <strong>{r.index.total === null ? '—' : num(r.index.total, 2)}</strong>
                    </td>
                    {r.index.components.map((c) => (
                      <td
                        key={c.component}
                        className="num"
                        data-costliest={c.component === r.index.costliest || undefined}
                      >
                        {c.score === null ? '—' : num(c.score, 2)}
                      </td>
                    ))}
                    <td>{r.index.costliest ? label(r.index.costliest) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ) : error ? null : (
        <Loading />
      )}
    </>
  );
}
