import { useI18n } from '../../../lib/i18n/useI18n';
import type { IncidentDetailView } from '../api/operationsApi';
import { opsLabel } from '../operationsLabels';

export function IncidentTimeline({ incident }: { incident: IncidentDetailView }) {
  const { lang, dateTime } = useI18n();
  return (
    <ol className="ops-timeline" data-testid="incident-timeline">
      {incident.timeline.map((entry) => (
        <li key={entry.id} data-action={entry.action}>
          <span className="muted small">{dateTime(entry.at)}</span>{' '}
          <strong>{opsLabel(lang, 'timeline', entry.action)}</strong>{' '}
          <span className="muted">({entry.actor})</span>
          {entry.note ? <div>{entry.note}</div> : null}
        </li>
      ))}
    </ol>
  );
}
