import { useI18n } from '../lib/i18n/useI18n';

export type Trend = 'up' | 'down' | 'flat';

/**
 * ↑ / ↓ / → with words for screen readers. `good` says whether the move is an improvement
 * (depends on the indicator's direction), which sets the colour; the arrow itself is the value's move.
 */
export function TrendArrow({ trend, good }: { trend: Trend | null | undefined; good?: boolean | null }) {
  const { t } = useI18n();
  if (!trend) return null;
  const symbol = trend === 'up' ? '↑' : trend === 'down' ? '↓' : '→';
  const tone = trend === 'flat' || good === null || good === undefined ? 'neutral' : good ? 'good' : 'bad';
  return (
    <span className={`trend trend-${tone}`} title={t(`trend.${trend}`)} data-trend={trend}>
      <span aria-hidden="true">{symbol}</span>
      <span className="sr-only">{t(`trend.${trend}`)}</span>
    </span>
  );
}
