import { useI18n } from '../../../lib/i18n/useI18n';
import { LevelBadge } from '../../../ui/LevelBadge';
import { Loading } from '../../../ui/Loading';
import type { IndicatorDefinition } from '../../catalogue/api/catalogueApi';
import { useIndicators } from '../../catalogue/hooks/useIndicators';
import { useProvince } from '../../catalogue/hooks/useProvince';
import { SeriesChart } from '../../indicators/components/SeriesChart';
import { useSeries } from '../../indicators/hooks/useSeries';
import { effectivePeriod } from '../../periods/periodMath';

function WallSeriesPanel({
  indicator,
  unit,
  period,
}: {
  indicator: IndicatorDefinition;
  unit: string;
  period: string;
}) {
  const { pick, num } = useI18n();
  const shown = effectivePeriod(period, indicator.periodType);
  const { series } = useSeries(indicator.code, { unit, to: shown });
  const points = series?.indicator.code === indicator.code ? series.points.slice(-13) : [];
  const current = points.find((p) => p.period.code === shown);
  return (
    <section className="wall-panel">
      <h2>{pick(indicator)}</h2>
      {current ? (
        <p className="wall-figure">
          {num(current.value, indicator.decimals)} <small>{indicator.unitOfMeasure}</small>{' '}
          <LevelBadge level={current.level} />
        </p>
      ) : null}
      {points.length > 0 ? (
        <SeriesChart
          points={points}
          indicator={indicator}
          dark
          compact
          height="calc((100vh - 22rem) / 2)"
          title={pick(indicator)}
        />
      ) : (
        <Loading />
      )}
    </section>
  );
}

/** A domain's first six indicators as large dark charts for the province. */
export function WallDomainView({ code, period }: { code: string; period: string }) {
  const { indicators } = useIndicators(code);
  const { province } = useProvince();
  if (!indicators || !province) return <Loading />;
  return (
    <div className="wall-chart-grid">
      {indicators.slice(0, 6).map((i) => (
        <WallSeriesPanel key={i.code} indicator={i} unit={province.code} period={period} />
      ))}
    </div>
  );
}
