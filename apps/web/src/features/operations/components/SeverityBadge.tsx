import type { EventSeverity } from '@ioc/shared';
import { useI18n } from '../../../lib/i18n/useI18n';
import { opsLabel, SEVERITY_COLOURS } from '../operationsLabels';

export function SeverityBadge({ severity }: { severity: EventSeverity }) {
  const { lang } = useI18n();
  return (
    <span className="ops-badge" data-severity={severity} style={{ borderColor: SEVERITY_COLOURS[severity] }}>
      <span className="ops-dot" style={{ background: SEVERITY_COLOURS[severity] }} aria-hidden="true" />
      {opsLabel(lang, 'severity', severity)}
    </span>
  );
}
