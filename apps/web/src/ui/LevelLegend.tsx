import type { WarningLevel } from '@ioc/shared';
import { useI18n } from '../lib/i18n/useI18n';
import { LevelShape } from './LevelShape';
import { LEVEL_FILL } from './warningColours';

const LEGEND_ORDER: readonly WarningLevel[] = ['green', 'yellow', 'orange', 'red', 'no_target', 'no_data'];

/** Legend of the warning colours with their shapes, names and (optionally) how many units have each. */
export function LevelLegend({ counts }: { counts?: Partial<Record<WarningLevel, number>> }) {
  const { t } = useI18n();
  return (
    <ul className="legend" aria-label={t('legend.title')} data-testid="legend">
      {LEGEND_ORDER.map((level) => (
        <li key={level} data-level={level}>
          <span className="legend-swatch" style={{ background: LEVEL_FILL[level] }}>
            <LevelShape level={level} size={10} />
          </span>
          <span>{t(`level.${level}`)}</span>
          {counts ? <span className="legend-count">({counts[level] ?? 0})</span> : null}
        </li>
      ))}
    </ul>
  );
}
