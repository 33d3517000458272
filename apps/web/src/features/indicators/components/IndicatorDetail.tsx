import { dossierFigureOf } from '@ioc/shared';
import { Link } from '../../../lib/router/Link';
import { listPath } from '../../dossiers/api/dossiersApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { navigate } from '../../../lib/router/history';
import { useQueryState, withQuery } from '../../../lib/router/useQueryState';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { Breadcrumbs } from '../../../ui/Breadcrumbs';
import { Card } from '../../../ui/Card';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { LevelBadge } from '../../../ui/LevelBadge';
import { Loading } from '../../../ui/Loading';
import { useIndicator } from '../../catalogue/hooks/useIndicator';
import { useProvince } from '../../catalogue/hooks/useProvince';
import { useUnit } from '../../catalogue/hooks/useUnit';
import { ExplanationThread } from '../../explanations/components/ExplanationThread';
import { PeriodPicker } from '../../periods/components/PeriodPicker';
import { useLatestMonth } from '../../periods/hooks/useLatestMonth';
import { effectivePeriod } from '../../periods/periodMath';
import { useSeries } from '../hooks/useSeries';
import { IndicatorDefinitionCard } from './IndicatorDefinitionCard';
import { PeriodTable } from './PeriodTable';
import { SeriesChart } from './SeriesChart';
import { UnitComparison } from './UnitComparison';

/** Everything about one indicator for one unit: definition, series with bands, comparison, periods, giải trình. */
export function IndicatorDetail({ code }: { code: string }) {
  const { t, pick, num, period: periodLabel, lang } = useI18n();
  const { query, setQuery } = useQueryState();
  const { indicator, error } = useIndicator(code);
  const { province } = useProvince();
  const { latestMonth } = useLatestMonth();
  const unitCode = query.get('unit') ?? province?.code;
  const picked = query.get('period') ?? latestMonth;
  const period = indicator && picked ? effectivePeriod(picked, indicator.periodType) : undefined;
  const { unit } = useUnit(unitCode ?? null);
  const { series, error: seriesError } = useSeries(
    code,
    unitCode && period ? { unit: unitCode, to: period } : null,
  );
  useDocumentTitle(indicator ? pick(indicator) : undefined);

  if (error) return <ErrorMessage error={error} />;
  if (!indicator || !unitCode || !picked || !period || !latestMonth) return <Loading />;

  const points = series?.indicator.code === code ? series.points : [];
  const current = points.find((p) => p.period.code === period) ?? points[points.length - 1];
  const goToUnit = (next: string) => navigate(withQuery(window.location.pathname, query, { unit: next }));
  const drillPath = unit ? [...unit.ancestors, unit] : [];

  return (
    <div className="indicator-detail">
      <Breadcrumbs
        items={[
          { label: t('nav.overview'), to: '/' },
          {
            label: indicator.domainName
              ? pick({ name: indicator.domainName, nameEn: indicator.domainNameEn })
              : indicator.domainCode,
            to: `/domain/${encodeURIComponent(indicator.domainCode)}?period=${encodeURIComponent(picked)}`,
          },
          { label: pick(indicator) },
        ]}
      />
      <header className="page-header">
        <div>
          <h1>{pick(indicator)}</h1>
          <p className="muted">
            {indicator.code} · {indicator.unitOfMeasure} · {t(`periodType.${indicator.periodType}`)}
          </p>
        </div>
        <div className="toolbar">
          <PeriodPicker value={picked} latestMonth={latestMonth} onChange={(p) => setQuery({ period: p })} />
        </div>
      </header>
      <nav className="drill-path" aria-label={t('drill.path')}>
        <span>{t('drill.unit')}:</span>
        <ol>
          {drillPath.map((u, i) => (
            <li key={u.code}>
              {i < drillPath.length - 1 ? (
                <button type="button" className="link-button" onClick={() => goToUnit(u.code)}>
                  {pick(u)}
                </button>
              ) : (
                <strong aria-current="location">{pick(u)}</strong>
              )}
            </li>
          ))}
        </ol>
      </nav>
      {current ? (
        <p className="headline-figure" data-testid="headline-figure">
          <span className="headline-value">
            {num(current.value, indicator.decimals)} <small>{indicator.unitOfMeasure}</small>
          </span>
          <span>
            {periodLabel(current.period.code)} · {t('common.target')}:{' '}
            {num(current.target ?? null, indicator.decimals)}
          </span>
          <LevelBadge level={current.level} />
          {current.reason ? (
            <span className="muted">{lang === 'en' ? current.reason.en : current.reason.vi}</span>
          ) : null}
          {dossierFigureOf(code) ? (
            <Link
              to={listPath({ figure: code, period: current.period.code, unit: unitCode })}
              data-testid="dossier-drill"
            >
              {t('dossiers.listBehind')}
            </Link>
          ) : null}
        </p>
      ) : null}
      <div className="detail-grid">
        <div className="detail-charts">
          <Card title={t('detail.series')}>
            {seriesError ? <ErrorMessage error={seriesError} /> : null}
            {points.length > 0 ? (
              <SeriesChart
                points={points}
                indicator={indicator}
                thresholds={indicator.thresholds}
                showBands
                height={320}
                title={t('detail.seriesAria', {
                  indicator: pick(indicator),
                  unit: unit ? pick(unit) : unitCode,
                })}
              />
            ) : seriesError ? null : (
              <Loading />
            )}
            <p className="chart-note">{t('detail.bandsNote')}</p>
          </Card>
          {points.some((p) => p.ytd) ? (
            <Card title={t('detail.ytd')}>
              <SeriesChart
                points={points}
                indicator={indicator}
                mode="ytd"
                height={240}
                title={t('detail.ytd')}
              />
            </Card>
          ) : null}
        </div>
        <IndicatorDefinitionCard indicator={indicator} />
      </div>
      {unit && unit.level !== 'commune' ? (
        <UnitComparison indicator={indicator} unit={unit} period={period} onDrill={goToUnit} />
      ) : unit ? (
        <UnitComparison
          indicator={indicator}
          unit={unit.ancestors[unit.ancestors.length - 1] ?? unit}
          period={period}
          onDrill={goToUnit}
        />
      ) : null}
      <Card title={t('periods.title')}>
        {points.length > 0 ? <PeriodTable points={points.slice(-13)} indicator={indicator} /> : null}
      </Card>
      <Card title={t('explanations.title')}>
        <ExplanationThread
          code={code}
          unit={unitCode}
          unitName={unit ? pick(unit) : unitCode}
          period={period}
          decimals={indicator.decimals}
          unitOfMeasure={indicator.unitOfMeasure}
        />
      </Card>
    </div>
  );
}
