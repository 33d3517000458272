import type { EventSeverity, IncidentAction, IncidentStatus } from '@ioc/shared';
import { buildUrl, requestJson } from '../../../lib/api/http';
import { invalidateQueries } from '../../../lib/api/query';
import type { MapViewport } from '../../../lib/map/ClusteredPointsMap';
import { isOperationsUrl } from '../../live/liveStore';

export interface EventGroupView {
  id: string;
  source: string;
  type: string;
  category: string;
  severity: EventSeverity;
  title: string;
  unitCode: string | null;
  unitName: string | null;
  lon: number | null;
  lat: number | null;
  cameraCode: string | null;
  sensorCode: string | null;
  firstAt: string;
  lastAt: string;
  count: number;
  incidentId: string | null;
}

export interface IncidentView {
  id: string;
  type: string;
  category: string;
  severity: EventSeverity;
  title: string;
  description: string | null;
  status: IncidentStatus;
  unitCode: string | null;
  unitName: string | null;
  lon: number | null;
  lat: number | null;
  assignedOrganisation: { code: string; name: string } | null;
  assignedPerson: { code: string; name: string } | null;
  createdBy: string;
  createdAt: string;
  ackDueAt: string | null;
  resolveDueAt: string | null;
  isAckLate: boolean;
  isResolveLate: boolean;
  overdueSteps: number;
  eventCount: number;
  escalationLevel: number;
}

export interface IncidentDetailView extends IncidentView {
  serverTime: string;
  allowedActions: IncidentAction[];
  timeline: Array<{
    id: string;
    at: string;
    actor: string;
    action: string;
    fromStatus: string | null;
    toStatus: string | null;
    note: string | null;
  }>;
  sopSteps: Array<{
    id: string;
    position: number;
    title: string;
    responsible: string;
    dueAt: string;
    doneAt: string | null;
    doneBy: string | null;
    isOverdue: boolean;
  }>;
  attachments: Array<{
    id: string;
    fileName: string;
    contentType: string;
    sizeBytes: number;
    uploadedBy: string;
    uploadedAt: string;
  }>;
  eventGroups: Array<{
    id: string;
    type: string;
    severity: string;
    title: string;
    count: number;
    firstAt: string;
    lastAt: string;
  }>;
}

export interface OperationsFilters {
  type: string;
  severity: string;
  status: string;
  unit: string;
  /** The sensors layer: `alarm`, `normal`, `inactive` or all. */
  sensor: string;
}

/** Incidents: open ones unless a status (or `all`) is chosen. */
const incidentParams = (f: OperationsFilters) => ({
  type: f.type,
  severity: f.severity,
  unit: f.unit,
  status: f.status === 'all' ? undefined : f.status || 'open',
});

export const operationsUrls = {
  groups: (f: OperationsFilters) =>
    buildUrl('/api/v1/events/groups', { type: f.type, severity: f.severity, unit: f.unit, limit: 200 }),
  incidents: (f: OperationsFilters) => buildUrl('/api/v1/incidents', { ...incidentParams(f), limit: 200 }),
  incident: (id: string) => `/api/v1/incidents/${id}`,
  eventClusters: (f: OperationsFilters, viewport: MapViewport) =>
    buildUrl('/api/v1/events/clusters', { type: f.type, severity: f.severity, unit: f.unit, ...viewport }),
  incidentClusters: (f: OperationsFilters, viewport: MapViewport) =>
    buildUrl('/api/v1/incidents/clusters', { ...incidentParams(f), ...viewport }),
  /** Sensors of the chosen area and state (types, severities and statuses are those of events and incidents). */
  sensorClusters: (f: OperationsFilters, viewport: MapViewport) =>
    buildUrl('/api/v1/sensors/clusters', { unit: f.unit, status: f.sensor, ...viewport }),
  attachment: (incidentId: string, attachmentId: string) =>
    `/api/v1/incidents/${incidentId}/attachments/${attachmentId}`,
};

/** Sends a change and refetches the operator screen (the live stream refreshes other screens). */
async function change<T>(url: string, body: unknown): Promise<T> {
  const result = await requestJson<T>(url, { method: 'POST', body });
  invalidateQueries(isOperationsUrl);
  return result;
}

export const operationsApi = {
  createIncident: (groupIds: string[]) => change<IncidentDetailView>('/api/v1/incidents', { groupIds }),
  transition: (
    id: string,
    body: { action: IncidentAction; organisationCode?: string; personCode?: string; note?: string },
  ) => change<IncidentDetailView>(`/api/v1/incidents/${id}/transitions`, body),
  comment: (id: string, text: string) =>
    change<IncidentDetailView>(`/api/v1/incidents/${id}/comments`, { text }),
  tickStep: (id: string, stepId: string, done: boolean) =>
    change<IncidentDetailView>(`/api/v1/incidents/${id}/sop-steps/${stepId}`, { done }),
  async attach(id: string, file: File): Promise<void> {
    const form = new FormData();
    form.append('file', file);
    const response = await fetch(`/api/v1/incidents/${id}/attachments`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { message?: string; messageEn?: string };
      throw new Error(body.message ?? `HTTP ${response.status}`);
    }
    invalidateQueries(isOperationsUrl);
  },
};
