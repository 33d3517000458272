import { cellDegrees } from '@ioc/shared';
import { describe, expect, it } from 'vitest';
import type { ClusterCollection } from '../../lib/map/ClusteredPointsMap';
import type { EventGroupView, IncidentView } from './api/operationsApi';
import { applyEventMessage, applyIncidentMessage } from './liveOperations';

const group = (patch: Partial<EventGroupView> = {}): EventGroupView => ({
  id: '1',
  source: 'camera-ai',
  type: 'traffic_accident',
  category: 'ATGT',
  severity: 'minor',
  title: 'Va chạm',
  unitCode: 'C1',
  unitName: 'Xã Một',
  lon: 106.62,
  lat: 11.56,
  cameraCode: null,
  sensorCode: null,
  firstAt: '2026-06-01T01:00:00.000Z',
  lastAt: '2026-06-01T01:00:00.000Z',
  count: 1,
  incidentId: null,
  ...patch,
});

const incident = (patch: Partial<IncidentView> = {}): IncidentView => ({
  id: '7',
  type: 'fire',
  category: 'ANTT',
  severity: 'severe',
  title: 'Cháy kho',
  description: null,
  status: 'new',
  unitCode: 'C1',
  unitName: 'Xã Một',
  lon: 106.62,
  lat: 11.56,
  assignedOrganisation: null,
  assignedPerson: null,
  createdBy: 'quantri',
  createdAt: '2026-06-01T01:00:00.000Z',
  ackDueAt: null,
  resolveDueAt: null,
  isAckLate: false,
  isResolveLate: false,
  overdueSteps: 0,
  eventCount: 1,
  escalationLevel: 0,
  ...patch,
});

const CLUSTERS = '/api/v1/events/clusters?zoom=12&bbox=106,11,107,12';

/** A cluster of two groups (5 events) at a mean inside one cell, and nothing else on screen; 9 events in all. */
const held = (): ClusterCollection => ({
  type: 'FeatureCollection',
  total: { count: 3, weight: 9 },
  features: [
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [106.8001, 11.8001] },
      properties: { cluster: true, count: 2, weight: 5 },
    },
  ],
});

describe('live messages applied to the operator screen', () => {
  it('adds an event to the cell it falls in, or a point of its own, and to the total', () => {
    const cell = cellDegrees(12);
    // Same cell as the cluster: it grows by a group and an event.
    const near = group({ id: '9', lon: 106.8001 + cell / 10, lat: 11.8001 });
    expect(Math.floor(near.lon! / cell)).toBe(Math.floor(106.8001 / cell));
    const joined = applyEventMessage(CLUSTERS, held(), near) as ClusterCollection;
    expect(joined.total).toEqual({ count: 4, weight: 10 });
    expect(joined.features).toHaveLength(1);
    expect(joined.features[0]!.properties).toEqual({ cluster: true, count: 3, weight: 6 });
    // Its position stays the mean of its points, as the server would place it.
    const [x, y] = joined.features[0]!.geometry.coordinates;
    expect(x).toBeCloseTo((106.8001 * 2 + near.lon!) / 3, 12);
    expect(y).toBeCloseTo(11.8001, 12);
    // Elsewhere: a point of its own with the group's details; its second event weighs it 2.
    const alone = applyEventMessage(CLUSTERS, held(), group()) as ClusterCollection;
    expect(alone.total).toEqual({ count: 4, weight: 10 });
    expect(alone.features[1]).toMatchObject({
      geometry: { coordinates: [106.62, 11.56] },
      properties: { id: '1', title: 'Va chạm', count: 1, weight: 1 },
    });
    const again = applyEventMessage(CLUSTERS, alone, group({ count: 2 })) as ClusterCollection;
    expect(again.total).toEqual({ count: 4, weight: 11 });
    expect(again.features[1]!.properties).toMatchObject({ id: '1', count: 1, weight: 2 });
    // A new group next to a lone point makes a cluster of two.
    const pair = applyEventMessage(
      CLUSTERS,
      again,
      group({ id: '2', lon: 106.62 + cell / 100 }),
    ) as ClusterCollection;
    expect(pair.features[1]!.properties).toEqual({ cluster: true, count: 2, weight: 3 });
  });

  it('counts an event off screen in the total only, and leaves what the filters or the server decide', () => {
    const off = applyEventMessage(CLUSTERS, held(), group({ lon: 107.5 })) as ClusterCollection;
    expect(off.total).toEqual({ count: 4, weight: 10 });
    expect(off.features).toEqual(held().features);
    const data = held();
    for (const url of [
      `${CLUSTERS}&severity=severe`,
      `${CLUSTERS}&type=fire`,
      `${CLUSTERS}&unit=D1`,
      '/api/v1/incidents/clusters?zoom=12&bbox=106,11,107,12',
    ])
      expect(applyEventMessage(url, data, group()), url).toBe(data);
    expect(applyEventMessage(CLUSTERS, data, group({ lon: null, lat: null }))).toBe(data);
    expect(
      (applyEventMessage(`${CLUSTERS}&severity=minor`, data, group()) as ClusterCollection).total.weight,
    ).toBe(10);
  });

  it('puts a group at the head of the list, or updates it when its count grew', () => {
    const url = '/api/v1/events/groups?limit=200';
    const list = { groups: [group({ id: '3' })] };
    const added = applyEventMessage(url, list, group()) as { groups: EventGroupView[] };
    expect(added.groups.map((g) => g.id)).toEqual(['1', '3']);
    const grown = applyEventMessage(url, added, group({ count: 2 })) as { groups: EventGroupView[] };
    expect(grown.groups.find((g) => g.id === '1')!.count).toBe(2);
    expect(applyEventMessage(url, grown, group({ count: 2 }))).toBe(grown);
    expect(applyEventMessage(`${url}&type=fire`, list, group())).toBe(list);
  });

  it('shows an incident’s change on its detail and in the lists whose filters it passes', () => {
    const detail = { ...incident(), timeline: [], serverTime: 'x' };
    const escalated = incident({ escalationLevel: 2, isAckLate: true });
    expect(applyIncidentMessage('/api/v1/incidents/7', detail, escalated)).toEqual({
      ...detail,
      escalationLevel: 2,
      isAckLate: true,
    });
    expect(applyIncidentMessage('/api/v1/incidents/8', detail, escalated)).toBe(detail);
    const open = '/api/v1/incidents?status=open&limit=200';
    const list = { incidents: [incident({ id: '5' }), incident()] };
    const updated = applyIncidentMessage(open, list, escalated) as { incidents: IncidentView[] };
    expect(updated.incidents.map((i) => [i.id, i.escalationLevel])).toEqual([
      ['5', 0],
      ['7', 2],
    ]);
    const closed = applyIncidentMessage(open, list, incident({ status: 'closed' })) as {
      incidents: IncidentView[];
    };
    expect(closed.incidents.map((i) => i.id)).toEqual(['5']);
    const fresh = applyIncidentMessage('/api/v1/incidents?limit=200', list, incident({ id: '9' })) as {
      incidents: IncidentView[];
    };
    expect(fresh.incidents.map((i) => i.id)).toEqual(['9', '5', '7']);
    expect(applyIncidentMessage(`${open}&unit=D1`, list, escalated)).toBe(list);
    expect(applyIncidentMessage('/api/v1/incidents?status=closed', { incidents: [] }, escalated)).toEqual({
      incidents: [],
    });
  });
});
