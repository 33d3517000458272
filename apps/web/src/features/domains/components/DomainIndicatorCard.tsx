import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { LevelBadge } from '../../../ui/LevelBadge';
import { Loading } from '../../../ui/Loading';
import type { IndicatorDefinition } from '../../catalogue/api/catalogueApi';
import { SeriesChart } from '../../indicators/components/SeriesChart';
import { useSeries } from '../../indicators/hooks/useSeries';
import { effectivePeriod } from '../../periods/periodMath';

const POINTS = 13;

/** One indicator of a domain: its province series vs target and last year, with the period and YTD figures. */
export function DomainIndicatorCard({
  indicator,
  unitCode,
  period,
  selected,
  onSelect,
}: {
  indicator: IndicatorDefinition;
  unitCode: string;
  period: string;
  selected: boolean;
  onSelect: () => void;
}) {
  const { t, pick, num, compact, period: periodLabel } = useI18n();
  const shown = effectivePeriod(period, indicator.periodType);
  const { series, error } = useSeries(indicator.code, { unit: unitCode, to: shown });
  const points = series?.indicator.code === indicator.code ? series.points.slice(-POINTS) : [];
  const current = points.find((p) => p.period.code === shown);
  const detail = `/indicator/${encodeURIComponent(indicator.code)}?unit=${encodeURIComponent(unitCode)}&period=${encodeURIComponent(period)}`;
  return (
    <article
      className={`chart-card ${selected ? 'is-selected' : ''}`}
      data-testid="domain-indicator"
      data-indicator={indicator.code}
    >
      <header className="chart-card-header">
        <h3>
          <Link to={detail}>{pick(indicator)}</Link>
        </h3>
        <button type="button" className="button-small" aria-pressed={selected} onClick={onSelect}>
          {selected ? t('domain.compared') : t('domain.compare')}
        </button>
      </header>
      {current ? (
        <p className="chart-card-figures">
          <span>
            {periodLabel(shown)}: <strong>{num(current.value, indicator.decimals)}</strong>{' '}
            {indicator.unitOfMeasure}
          </span>{' '}
          <LevelBadge level={current.level} />
          {current.ytd && current.ytd.period.code !== shown ? (
            <span className="muted">
              {' '}
              · {t('chart.ytdValue')}: {num(current.ytd.value, indicator.decimals)}
              {current.ytd.achievement !== null && current.ytd.achievement !== undefined
                ? ` (${compact(current.ytd.achievement)}%)`
                : ''}
            </span>
          ) : null}
          {current.changePercent !== null ? (
            <span className="muted">
              {' '}
              · {t('common.vsLastYear')} {current.changePercent > 0 ? '+' : ''}
              {compact(current.changePercent)}%
            </span>
          ) : null}
        </p>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      {points.length > 0 ? (
        <SeriesChart points={points} indicator={indicator} height={200} compact title={pick(indicator)} />
      ) : error ? null : (
        <Loading />
      )}
    </article>
  );
}
