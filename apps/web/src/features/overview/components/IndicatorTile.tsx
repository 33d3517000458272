import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';
import { LevelBadge } from '../../../ui/LevelBadge';
import { TrendArrow } from '../../../ui/TrendArrow';
import { LEVEL_FILL } from '../../../ui/warningColours';
import { isGoodTrend } from '../../indicators/trendQuality';
import type { OverviewTile } from '../api/overviewApi';

/** One key figure: value, target, trend against last year, warning colour and word. Opens the domain dashboard. */
export function IndicatorTile({ tile, to }: { tile: OverviewTile; to: string }) {
  const { t, pick, num, compact, period, lang } = useI18n();
  const { indicator } = tile;
  const reason = tile.reason ? (lang === 'en' ? tile.reason.en : tile.reason.vi) : undefined;
  return (
    <Link
      to={to}
      className="tile"
      style={{ borderLeftColor: LEVEL_FILL[tile.level] }}
      data-testid="indicator-tile"
      data-indicator={indicator.code}
      title={reason}
    >
      <span className="tile-name">{pick(indicator)}</span>
      <span className="tile-period">{period(tile.period.code)}</span>
      <span className="tile-value">
        {tile.restricted ? (
          t('common.restricted')
        ) : (
          <>
            {num(tile.value, indicator.decimals)} <small>{indicator.unitOfMeasure}</small>{' '}
            <TrendArrow trend={tile.trend} good={isGoodTrend(tile.trend, indicator.direction)} />
          </>
        )}
      </span>
      <span className="tile-target">
        {tile.target !== null && tile.target !== undefined
          ? `${t('common.target')}: ${num(tile.target, indicator.decimals)}`
          : t('level.no_target')}
        {tile.achievement !== null && tile.achievement !== undefined
          ? ` · ${compact(tile.achievement)}%`
          : ''}
        {tile.changePercent !== null && tile.changePercent !== undefined
          ? ` · ${t('common.vsLastYear')} ${tile.changePercent > 0 ? '+' : ''}${compact(tile.changePercent)}%`
          : ''}
      </span>
      <LevelBadge level={tile.level} />
    </Link>
  );
}
