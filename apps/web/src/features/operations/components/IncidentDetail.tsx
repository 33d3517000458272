import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { Card } from '../../../ui/Card';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { Loading } from '../../../ui/Loading';
import { operationsUrls, type IncidentDetailView } from '../api/operationsApi';
import { opsLabel, statusLabel } from '../operationsLabels';
import { IncidentActions } from './IncidentActions';
import { IncidentComments } from './IncidentComments';
import { IncidentTimeline } from './IncidentTimeline';
import { NearbyCameras } from './NearbyCameras';
import { SeverityBadge } from './SeverityBadge';
import { SlaCountdown } from './SlaCountdown';
import { SopChecklist } from './SopChecklist';

/** One incident: status and SLA, lifecycle actions, SOP checklist, timeline, comments, attachments, nearby cameras. */
export function IncidentDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, lang, dateTime } = useI18n();
  const { data: incident, error } = useApi<IncidentDetailView>(operationsUrls.incident(id));
  if (error) return <ErrorMessage error={error} />;
  if (!incident) return <Loading />;
  return (
    <Card
      className="ops-detail"
      title={
        <>
          {t('ops.incident.title', { id: incident.id })}: {incident.title}
        </>
      }
      actions={
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('ops.incident.close')}
        </button>
      }
    >
      <div
        data-testid="incident-detail"
        data-incident-id={incident.id}
        data-status={incident.status}
        data-escalation-level={incident.escalationLevel}
      >
        <p>
          <SeverityBadge severity={incident.severity} />{' '}
          <span className="ops-status" data-status={incident.status}>
            {statusLabel(lang, incident.status)}
          </span>{' '}
          · {opsLabel(lang, 'type', incident.type)} · {t('ops.incident.unit')}: {incident.unitName ?? '—'} ·{' '}
          {t('ops.incident.assignee')}:{' '}
          {incident.assignedPerson?.name ??
            incident.assignedOrganisation?.name ??
            t('ops.incident.unassigned')}
          {incident.escalationLevel > 0 ? (
            <span className="ops-late">
              {' '}
              · {t('ops.incident.escalated', { level: incident.escalationLevel })}
            </span>
          ) : null}
        </p>
        <p className="muted small">
          {t('ops.incident.createdBy', { who: incident.createdBy, at: dateTime(incident.createdAt) })}
        </p>
        <SlaCountdown key={incident.serverTime} incident={incident} serverTime={incident.serverTime} />
        <h3>{t('ops.actions')}</h3>
        <IncidentActions incident={incident} />
        <div className="ops-detail-grid">
          <section>
            <h3>{t('ops.sop')}</h3>
            <SopChecklist incident={incident} />
            <h3>{t('ops.cameras')}</h3>
            <NearbyCameras lon={incident.lon} lat={incident.lat} />
          </section>
          <section>
            <h3>{t('ops.timeline')}</h3>
            <IncidentTimeline incident={incident} />
            <IncidentComments incident={incident} />
          </section>
        </div>
      </div>
    </Card>
  );
}
