import { useI18n } from '../../../lib/i18n/useI18n';
import { LevelBadge } from '../../../ui/LevelBadge';
import { Loading } from '../../../ui/Loading';
import { LevelCountsBar } from '../../overview/components/LevelCountsBar';
import { useOverview } from '../../overview/hooks/useOverview';

/** Every domain with figures the viewer may see: its level counts and its key figure. */
export function WallDomainsView({ month }: { month: string }) {
  const { pick, num } = useI18n();
  const { overview } = useOverview(month);
  if (!overview) return <Loading />;
  return (
    <div className="wall-domain-grid">
      {overview.domains
        .filter((d) => d.tiles.length > 0)
        .map((d) => (
          <section key={d.code} className="wall-panel">
            <h2>{pick(d)}</h2>
            <LevelCountsBar counts={d.counts} />
            <ul className="wall-tiles">
              {d.tiles.slice(0, 1).map((tile) => (
                <li key={tile.indicator.code}>
                  <span className="wall-tile-name">{pick(tile.indicator)}</span>
                  <span className="wall-tile-value">
                    {num(tile.value, tile.indicator.decimals)} <small>{tile.indicator.unitOfMeasure}</small>
                  </span>
                  <LevelBadge level={tile.level} />
                </li>
              ))}
            </ul>
          </section>
        ))}
    </div>
  );
}
