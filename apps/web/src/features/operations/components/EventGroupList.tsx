import { useState } from 'react';
import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import {
  operationsApi,
  operationsUrls,
  type EventGroupView,
  type OperationsFilters,
} from '../api/operationsApi';
import { opsLabel } from '../operationsLabels';
import { SeverityBadge } from './SeverityBadge';

/** Live list of event groups (a burst counts once, with how many times it fired); select some to open an incident. */
export function EventGroupList({
  filters,
  onOpenIncident,
}: {
  filters: OperationsFilters;
  onOpenIncident: (id: string) => void;
}) {
  const { t, lang, dateTime } = useI18n();
  const { data, error } = useApi<{ groups: EventGroupView[] }>(operationsUrls.groups(filters), {
    keepPrevious: true,
  });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [failure, setFailure] = useState<unknown>(null);
  // Live messages add groups to the data held (useLiveOperations): sorted here, newest activity first.
  const groups = [...(data?.groups ?? [])]
    .sort((a, b) => b.lastAt.localeCompare(a.lastAt) || Number(b.id) - Number(a.id))
    .slice(0, 200);
  if (error) return <ErrorMessage error={error} />;
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const create = async () => {
    try {
      setFailure(null);
      const incident = await operationsApi.createIncident([...selected]);
      setSelected(new Set());
      onOpenIncident(incident.id);
    } catch (e) {
      setFailure(e);
    }
  };
  return (
    <div className="ops-list" data-testid="event-groups">
      {selected.size > 0 ? (
        <button type="button" className="button-primary" onClick={() => void create()}>
          {t('ops.events.create', { n: selected.size })}
        </button>
      ) : null}
      {failure ? <ErrorMessage error={failure} /> : null}
      {groups.length === 0 ? <p className="muted">{t('ops.events.empty')}</p> : null}
      <ul>
        {groups.map((g) => (
          <li key={g.id} className="ops-item" data-group-id={g.id}>
            {g.incidentId ? null : (
              <input
                type="checkbox"
                checked={selected.has(g.id)}
                onChange={() => toggle(g.id)}
                aria-label={t('ops.events.select', { title: g.title })}
              />
            )}
            <div className="ops-item-body">
              <div className="ops-item-title">
                <SeverityBadge severity={g.severity} /> <strong>{g.title}</strong>{' '}
                {g.count > 1 ? <span className="ops-count">×{g.count}</span> : null}
              </div>
              <div className="muted small">
                {opsLabel(lang, 'type', g.type)} · {g.unitName ?? '—'} · {dateTime(g.firstAt)}
                {g.count > 1 ? ` – ${dateTime(g.lastAt)}` : ''} · {g.source}
                {g.cameraCode ? ` · ${g.cameraCode}` : ''}
                {g.sensorCode ? ` · ${g.sensorCode}` : ''}
              </div>
              {g.incidentId ? (
                <button type="button" className="link-button" onClick={() => onOpenIncident(g.incidentId!)}>
                  {t('ops.events.inIncident', { id: g.incidentId })}
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
