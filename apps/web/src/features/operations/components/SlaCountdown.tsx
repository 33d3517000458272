import { isIncidentOpen } from '@ioc/shared';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../lib/i18n/useI18n';
import type { IncidentView } from '../api/operationsApi';
import { formatDuration } from '../operationsLabels';

/** The running SLA of an incident: time left to acknowledge (while new) and to resolve (while open). */
export function SlaCountdown({ incident, serverTime }: { incident: IncidentView; serverTime?: string }) {
  const { t } = useI18n();
  // The server's clock decides lateness; the offset keeps the countdown on it.
  const [offset] = useState(() => (serverTime ? new Date(serverTime).getTime() - Date.now() : 0));
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + offset), 1000);
    return () => clearInterval(timer);
  }, [offset]);
  const rows: Array<{ key: 'ops.sla.ack' | 'ops.sla.resolve'; due: string | null; running: boolean }> = [
    { key: 'ops.sla.ack', due: incident.ackDueAt, running: incident.status === 'new' },
    { key: 'ops.sla.resolve', due: incident.resolveDueAt, running: isIncidentOpen(incident.status) },
  ];
  return (
    <div className="ops-sla small">
      {rows.map(({ key, due, running }) => {
        if (!due) return null;
        const left = new Date(due).getTime() - now;
        const late = running && left < 0;
        return (
          <span key={key} className={late ? 'ops-late' : undefined} data-sla={key.slice(8)} data-late={late}>
            {t(key)}:{' '}
            {!running
              ? t('ops.sla.done')
              : late
                ? t('ops.sla.late', { time: formatDuration(left) })
                : t('ops.sla.left', { time: formatDuration(left) })}
          </span>
        );
      })}
    </div>
  );
}
