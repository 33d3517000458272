import { useI18n } from '../lib/i18n/useI18n';
import { useApi } from '../lib/api/useApi';
import { Link } from '../lib/router/Link';
import { useQueryState } from '../lib/router/useQueryState';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Card } from '../ui/Card';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { SegmentedControl } from '../ui/SegmentedControl';
import { PeriodPicker } from '../features/periods/components/PeriodPicker';
import { useLatestMonth } from '../features/periods/hooks/useLatestMonth';
import { dossiersApi, type FigureGrouping, type FiguresResponse } from '../features/dossiers/api/dossiersApi';
import { DossierFiguresTable } from '../features/dossiers/components/DossierFiguresTable';
import { DossierNav } from '../features/dossiers/components/DossierNav';

/** Số liệu hồ sơ TTHC: the figures of a month (or year to date) per unit, agency or field, each linking to its dossiers. */
export function DossiersPage() {
  const { t, period: periodLabel, dateTime } = useI18n();
  useDocumentTitle(t('dossiers.title'));
  const { query, setQuery } = useQueryState();
  const { latestMonth, error: latestError } = useLatestMonth();
  const period = query.get('period') ?? latestMonth;
  const by = (query.get('by') as FigureGrouping | null) ?? 'unit';
  const unit = query.get('unit');
  const useYtd = query.get('ytd') === '1';
  const { data, error } = useApi<FiguresResponse>(period ? dossiersApi.figures({ period, unit, by }) : null, {
    keepPrevious: true,
  });
  if (latestError) return <ErrorMessage error={latestError} />;
  if (!period || !latestMonth) return <Loading />;
  return (
    <>
      <h1 className="page-title">{t('dossiers.title')}</h1>
      <DossierNav active="figures" />
      <div className="toolbar" role="group" aria-label={t('dossiers.controls')}>
        <PeriodPicker
          value={period}
          latestMonth={latestMonth}
          monthsOnly
          onChange={(p) => setQuery({ period: p })}
        />
        <SegmentedControl
          name="dossier-by"
          label={t('dossiers.groupBy')}
          value={by}
          onChange={(value) => setQuery({ by: value })}
          segments={(['unit', 'agency', 'field'] as const).map((value) => ({
            value,
            label: t(`dossiers.by.${value}`),
          }))}
        />
        <SegmentedControl
          name="dossier-span"
          label={t('dossiers.span')}
          value={useYtd ? '1' : '0'}
          onChange={(value) => setQuery({ ytd: value === '1' ? '1' : null })}
          segments={[
            { value: '0', label: t('dossiers.span.month') },
            { value: '1', label: t('dossiers.span.ytd') },
          ]}
        />
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      {data ? (
        <Card
          title={
            <>
              {data.unit.name}{' '}
              <span className="muted">· {periodLabel(useYtd ? data.ytdPeriod : data.period)}</span>
            </>
          }
        >
          <p className="note">
            {t('dossiers.asOf', { time: dateTime(data.asOf) })}{' '}
            {unit ? (
              <Link to={`/dossiers?period=${period}&by=${by}`}>{t('dossiers.backToProvince')}</Link>
            ) : null}
          </p>
          {by === 'unit' ? <p className="muted">{t('dossiers.drillHint')}</p> : null}
          <DossierFiguresTable
            rows={data.rows}
            by={by}
            period={data.period}
            unit={data.unit.code}
            useYtd={useYtd}
          />
          {by === 'unit' ? (
            <ul className="inline-list">
              {data.rows.slice(1).map((r) => (
                <li key={r.key}>
                  <Link to={`/dossiers?period=${period}&unit=${encodeURIComponent(r.key)}`}>{r.name}</Link>
                </li>
              ))}
            </ul>
          ) : null}
        </Card>
      ) : error ? null : (
        <Loading />
      )}
    </>
  );
}
