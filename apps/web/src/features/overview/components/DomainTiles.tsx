import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';
import type { OverviewDomain } from '../api/overviewApi';
import { IndicatorTile } from './IndicatorTile';
import { LevelCountsBar } from './LevelCountsBar';

const TILES_PER_DOMAIN = 3;

/** Every domain with its level counts and its first key indicators as tiles. */
export function DomainTiles({ domains, period }: { domains: OverviewDomain[]; period: string }) {
  const { t, pick } = useI18n();
  return (
    <div className="domain-grid">
      {domains.map((domain) => {
        const to = `/domain/${encodeURIComponent(domain.code)}?period=${encodeURIComponent(period)}`;
        return (
          <section
            key={domain.code}
            className="domain-card"
            data-testid="domain-card"
            aria-labelledby={`domain-${domain.code}`}
          >
            <header className="domain-card-header">
              <h3 id={`domain-${domain.code}`}>
                <Link to={to}>{pick(domain)}</Link>
              </h3>
              <LevelCountsBar counts={domain.counts} />
            </header>
            {domain.tiles.length === 0 ? <p className="muted">{t('overview.noIndicators')}</p> : null}
            <div className="tile-list">
              {domain.tiles.slice(0, TILES_PER_DOMAIN).map((tile) => (
                <IndicatorTile
                  key={tile.indicator.code}
                  tile={tile}
                  to={`${to}&indicator=${encodeURIComponent(tile.indicator.code)}`}
                />
              ))}
            </div>
            {domain.tiles.length > TILES_PER_DOMAIN ? (
              <Link to={to} className="more-link">
                {t('overview.moreIndicators', { count: domain.tiles.length - TILES_PER_DOMAIN })}
              </Link>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
