import type { SensorAlertLevel } from '@ioc/shared';
import { useI18n } from '../../../lib/i18n/useI18n';
import { ALERT_FILL } from '../api/sensorsApi';

/** The alert level as a coloured dot and its name (never colour alone). */
export function AlertLevelBadge({ level }: { level: SensorAlertLevel | null }) {
  const { t } = useI18n();
  const key = level ?? 'none';
  return (
    <span className="sensor-level">
      <span className="sensor-dot" style={{ background: ALERT_FILL[key] }} aria-hidden="true" />
      {t(`sensors.level.${key}`)}
    </span>
  );
}
