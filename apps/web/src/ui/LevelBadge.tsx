import type { WarningLevel } from '@ioc/shared';
import { useI18n } from '../lib/i18n/useI18n';
import { LevelShape } from './LevelShape';
import { LEVEL_INK, LEVEL_TINT } from './warningColours';

/** The warning level as shape + word on a tint ("▲ Vàng"), never colour alone. */
export function LevelBadge({ level, title }: { level: WarningLevel; title?: string }) {
  const { t } = useI18n();
  return (
    <span
      className="level-badge"
      style={{ background: LEVEL_TINT[level], color: LEVEL_INK[level] }}
      title={title}
      data-level={level}
    >
      <LevelShape level={level} />
      {t(`level.${level}`)}
    </span>
  );
}
