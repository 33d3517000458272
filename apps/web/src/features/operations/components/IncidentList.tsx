import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { operationsUrls, type IncidentView, type OperationsFilters } from '../api/operationsApi';
import { opsLabel, statusLabel } from '../operationsLabels';
import { SeverityBadge } from './SeverityBadge';
import { SlaCountdown } from './SlaCountdown';

export function IncidentList({
  filters,
  selectedId,
  onOpen,
}: {
  filters: OperationsFilters;
  selectedId: string | null;
  onOpen: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const { data, error } = useApi<{ incidents: IncidentView[] }>(operationsUrls.incidents(filters), {
    keepPrevious: true,
  });
  if (error) return <ErrorMessage error={error} />;
  const incidents = data?.incidents ?? [];
  return (
    <div className="ops-list" data-testid="incident-list">
      {incidents.length === 0 ? <p className="muted">{t('ops.incidents.empty')}</p> : null}
      <ul>
        {incidents.map((i) => (
          <li
            key={i.id}
            className={`ops-item ${i.id === selectedId ? 'is-selected' : ''}`}
            data-incident-id={i.id}
          >
            <button type="button" className="ops-item-button" onClick={() => onOpen(i.id)}>
              <div className="ops-item-title">
                <SeverityBadge severity={i.severity} />{' '}
                <strong>
                  #{i.id} {i.title}
                </strong>
              </div>
              <div className="muted small">
                <span className="ops-status" data-status={i.status}>
                  {statusLabel(lang, i.status)}
                </span>{' '}
                · {opsLabel(lang, 'type', i.type)} · {i.unitName ?? '—'} ·{' '}
                {t('ops.incident.events', { n: i.eventCount })}
                {i.overdueSteps > 0 ? (
                  <span className="ops-late"> · {t('ops.incident.overdueSteps', { n: i.overdueSteps })}</span>
                ) : null}
                {i.escalationLevel > 0 ? (
                  <span className="ops-late">
                    {' '}
                    · {t('ops.incident.escalated', { level: i.escalationLevel })}
                  </span>
                ) : null}
              </div>
              <SlaCountdown incident={i} />
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
