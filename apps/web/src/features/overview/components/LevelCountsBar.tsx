import type { WarningLevel } from '@ioc/shared';
import { useI18n } from '../../../lib/i18n/useI18n';
import { LevelShape } from '../../../ui/LevelShape';
import type { LevelCounts } from '../api/overviewApi';

const SHOWN: WarningLevel[] = ['red', 'orange', 'yellow', 'green', 'no_target', 'no_data'];

/** "■ 2 ◆ 1 ▲ 3 ● 6": how many indicators of a domain sit at each level, with words for screen readers. */
export function LevelCountsBar({ counts }: { counts: LevelCounts }) {
  const { t } = useI18n();
  const present = SHOWN.filter((level) => (counts[level] ?? 0) > 0);
  return (
    <span className="level-counts">
      {present.map((level) => (
        <span key={level} className="level-count" title={t(`level.${level}`)}>
          <LevelShape level={level} size={11} />
          <span className="sr-only">{t(`level.${level}`)}:</span> {counts[level]}
        </span>
      ))}
    </span>
  );
}
