import { cellDegrees } from '@ioc/shared';
import type { ClusterCollection } from '../../lib/map/ClusteredPointsMap';
import type { EventGroupView, IncidentView } from './api/operationsApi';

/**
 * Live messages applied to the operator screen's data as it is held (see patchQueries): an
 * `event` message carries its group after the event joined it, an `incident` message the
 * incident's summary after a change. Each function returns the data unchanged (the same object)
 * when the message does not concern that URL or cannot be placed without the server (a unit was
 * chosen: membership needs the unit tree); the refetch that follows brings the exact answer.
 */

/** An event message: the group after one more event joined it (count 1: a new group). */
export type EventMessage = EventGroupView;

function parse(url: string): { path: string; params: URLSearchParams } {
  const [path = '', query = ''] = url.split('?');
  return { path, params: new URLSearchParams(query) };
}

/** Whether an item passes the type and severity filters of a URL; undefined when it takes the server to tell. */
function passes(params: URLSearchParams, item: { type: string; severity: string }): boolean | undefined {
  if (params.get('unit')) return undefined;
  const type = params.get('type');
  const severity = params.get('severity');
  return (!type || item.type === type) && (!severity || item.severity === severity);
}

/** Adds one event of `group` to a layer's clusters: to the cell it falls in, and to the total. */
function addToClusters(
  data: ClusterCollection,
  params: URLSearchParams,
  group: EventMessage,
): ClusterCollection {
  if (group.lon === null || group.lat === null) return data;
  const isNew = group.count === 1;
  const total = { count: data.total.count + (isNew ? 1 : 0), weight: data.total.weight + 1 };
  const [west = 0, south = 0, east = 0, north = 0] = (params.get('bbox') ?? '').split(',').map(Number);
  const { lon, lat } = group;
  if (lon < west || lon > east || lat < south || lat > north) return { ...data, total };
  // A cluster sits at its points' mean, which lies in their cell: the cell tells which feature takes the event.
  const cell = cellDegrees(Number(params.get('zoom')));
  const cellOf = ([x, y]: [number, number]) => `${Math.floor(x / cell)},${Math.floor(y / cell)}`;
  const key = cellOf([lon, lat]);
  const index = data.features.findIndex((f) => cellOf(f.geometry.coordinates) === key);
  const single = {
    id: group.id,
    title: group.title,
    type: group.type,
    severity: group.severity,
    lastAt: group.lastAt,
    incidentId: group.incidentId,
  };
  const features = [...data.features];
  const found = features[index];
  if (!found) {
    if (!isNew) return data; // the group should be on screen already: leave it to the refetch
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: { ...single, count: 1, weight: 1 },
    });
  } else {
    const count = found.properties.count + (isNew ? 1 : 0);
    const weight = found.properties.weight + 1;
    // A new point moves the cell's mean position as the server's average would.
    const [x, y] = found.geometry.coordinates;
    const n = found.properties.count;
    const coordinates: [number, number] = isNew ? [(x * n + lon) / count, (y * n + lat) / count] : [x, y];
    features[index] = {
      ...found,
      geometry: { type: 'Point', coordinates },
      properties: count === 1 ? { ...single, count, weight } : { cluster: true, count, weight },
    };
  }
  return { ...data, total, features };
}

/** The event groups list and the events layer of the map with the event of `group` added. */
export function applyEventMessage(url: string, data: unknown, group: EventMessage): unknown {
  const { path, params } = parse(url);
  if (path !== '/api/v1/events/groups' && path !== '/api/v1/events/clusters') return data;
  if (params.get('state') || params.get('since') || !passes(params, group)) return data;
  if (path === '/api/v1/events/clusters') return addToClusters(data as ClusterCollection, params, group);
  const { groups } = data as { groups: EventGroupView[] };
  const known = groups.find((g) => g.id === group.id);
  if (known && known.count >= group.count) return data;
  return { ...(data as object), groups: [group, ...groups.filter((g) => g.id !== group.id)] };
}

const CLOSED = new Set(['resolved', 'closed']);

/** Whether the incident passes the status filter of an incidents URL (no status: all). */
function passesStatus(params: URLSearchParams, incident: IncidentView): boolean {
  const status = params.get('status');
  if (!status) return true;
  if (status === 'open') return !CLOSED.has(incident.status);
  return status.split(',').includes(incident.status);
}

/** The incident's detail and the incident lists with the incident's new summary. */
export function applyIncidentMessage(url: string, data: unknown, incident: IncidentView): unknown {
  const { path, params } = parse(url);
  if (path === `/api/v1/incidents/${incident.id}`) return { ...(data as object), ...incident };
  if (path !== '/api/v1/incidents') return data;
  const matches = passes(params, incident);
  if (matches === undefined) return data;
  const { incidents } = data as { incidents: IncidentView[] };
  const others = incidents.filter((i) => i.id !== incident.id);
  if (!matches || !passesStatus(params, incident)) {
    return others.length === incidents.length ? data : { ...(data as object), incidents: others };
  }
  const index = incidents.findIndex((i) => i.id === incident.id);
  if (index < 0) return { ...(data as object), incidents: [incident, ...incidents] };
  const next = [...incidents];
  next[index] = incident;
  return { ...(data as object), incidents: next };
}
