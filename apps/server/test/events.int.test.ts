import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, loginAs, startTestApp, type TestContext } from './harness.js';
import { accident, loadOperationsFixture } from './operations-fixture.js';

describe.each(ENGINES)('events in ($name)', (engine) => {
  let ctx: TestContext;
  let key: string;
  let operator: string;
  let districtOperator: string;
  let viewer: string;

  const post = (body: unknown, headers: Record<string, string> = { 'x-api-key': key }) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/events', headers, payload: body as object });
  const groups = async (token: string, query = '') => {
    const res = await ctx.app.inject({
      url: `/api/v1/events/groups${query}`,
      cookies: { ioc_session: token },
    });
    expect(res.statusCode).toBe(200);
    return (res.json() as { groups: Array<Record<string, unknown>> }).groups;
  };

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await loadOperationsFixture(ctx);
    operator = await loginAs(ctx, { username: 'vanhanh', role: 'operator' });
    districtOperator = await loginAs(ctx, { username: 'vanhanh_d2', role: 'operator', scopeUnitCode: 'D2' });
    viewer = await loginAs(ctx, { username: 'xem', role: 'viewer' });
    await loginAs(ctx, { username: 'camera_ai', role: 'operator' });
    key = (await ctx.services.auth.createApiKey('cli', 'camera_ai', 'camera AI')).key;
  }, 60_000);
  afterAll(() => ctx.close());

  it('refuses anonymous callers, callers without the permission and invalid events', async () => {
    expect((await post(accident(), {})).statusCode).toBe(401);
    const forbidden = await post(accident(), { cookie: `ioc_session=${viewer}` });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().message).toBe('Bạn không có quyền thực hiện thao tác này.');
    const invalid = await post({ ...accident(), severity: 'catastrophic' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().code).toBe('VALIDATION_FAILED');
    const unknownUnit = await post(accident({ unitCode: 'KHONG_CO' }));
    expect(unknownUnit.statusCode).toBe(404);
    expect(unknownUnit.json().message).toBe('Không tìm thấy đơn vị "KHONG_CO".');
  });

  it('stores an event once however often the source sends it: 201, then 200 with the same id', async () => {
    const event = accident({ cameraCode: 'CAM-IDEM', occurredAt: '2026-11-20T09:00:00+07:00' });
    const first = await post(event);
    expect(first.statusCode).toBe(201);
    const second = await post(event);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual({ ...first.json(), created: false });
    const rows = await ctx.handle.db
      .selectFrom('events')
      .select('id')
      .where('source_id', '=', event.sourceId)
      .execute();
    expect(rows).toHaveLength(1);
    const [group] = await groups(operator, '?type=traffic_accident');
    expect(group).toMatchObject({ cameraCode: 'CAM-IDEM', count: 1 });
  });

  it('groups a burst from one camera within the window into one group with a count and first/last time', async () => {
    const at = (minute: number) => `2026-11-20T10:${String(minute).padStart(2, '0')}:00+07:00`;
    const ids = new Set<string>();
    for (const minute of [0, 3, 7]) {
      const res = await post(accident({ cameraCode: 'CAM-BURST', occurredAt: at(minute) }));
      ids.add(res.json().groupId);
    }
    // 7 minutes after the first but 4 after the last: still the same burst. 20 minutes later: a new one.
    expect(ids.size).toBe(1);
    const later = await post(accident({ cameraCode: 'CAM-BURST', occurredAt: at(27) }));
    expect(ids.has(later.json().groupId)).toBe(false);
    const other = await post(accident({ cameraCode: 'CAM-OTHER', occurredAt: at(1) }));
    expect(ids.has(other.json().groupId)).toBe(false);

    const burst = (await groups(operator)).find((g) => g.id === [...ids][0]);
    expect(burst).toMatchObject({
      count: 3,
      firstAt: '2026-11-20T03:00:00.000Z',
      lastAt: '2026-11-20T03:07:00.000Z',
    });
    const events = await ctx.app.inject({
      url: `/api/v1/events/groups/${[...ids][0]}/events`,
      cookies: { ioc_session: operator },
    });
    expect(events.json().events).toHaveLength(3);
  });

  it('groups sources without camera or sensor by place, and takes a batch', async () => {
    const base = {
      source: 'sensor-net',
      type: 'flood',
      category: 'MT',
      severity: 'minor' as const,
      title: 'Ngập nước',
      occurredAt: '2026-11-20T11:00:00+07:00',
    };
    const res = await post({
      events: [
        { ...base, sourceId: 'f-1', location: { type: 'Point', coordinates: [106.7, 11.6] } },
        { ...base, sourceId: 'f-2', location: { type: 'Point', coordinates: [106.7005, 11.6005] } },
        { ...base, sourceId: 'f-3', location: { type: 'Point', coordinates: [106.8, 11.6] } },
      ],
    });
    expect(res.statusCode).toBe(201);
    const [a, b, c] = res.json().results as Array<{ groupId: string; created: boolean }>;
    expect(a!.groupId).toBe(b!.groupId);
    expect(c!.groupId).not.toBe(a!.groupId);
    const again = await post({
      events: [{ ...base, sourceId: 'f-1', location: { type: 'Point', coordinates: [106.7, 11.6] } }],
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().results[0]).toMatchObject({ created: false, groupId: a!.groupId });
  });

  it('places an event in the unit of its location (nearest commune centroid), or the unit given', async () => {
    const near = await post(
      accident({ cameraCode: 'CAM-C3', location: { type: 'Point', coordinates: [106.79, 11.62] } }),
    );
    const area = await post(
      accident({
        cameraCode: undefined,
        source: 'eoc',
        type: 'fire',
        location: {
          type: 'Polygon',
          coordinates: [
            [
              [107.28, 11.58],
              [107.32, 11.58],
              [107.32, 11.62],
              [107.28, 11.62],
              [107.28, 11.58],
            ],
          ],
        },
      }),
    );
    const given = await post(accident({ cameraCode: 'CAM-GIVEN', unitCode: 'C2' }));
    const unitOf = async (id: string) =>
      (
        await ctx.handle.db
          .selectFrom('events as e')
          .innerJoin('units as u', 'u.id', 'e.unit_id')
          .select('u.code')
          .where('e.id', '=', id)
          .executeTakeFirstOrThrow()
      ).code;
    expect(await unitOf(near.json().id)).toBe('C3');
    expect(await unitOf(area.json().id)).toBe('C5');
    expect(await unitOf(given.json().id)).toBe('C2');
  });

  it('opens one incident by rule for a severe event, and none more for its repeats or its burst', async () => {
    const event = accident({
      cameraCode: 'CAM-SEVERE',
      severity: 'severe',
      occurredAt: '2026-11-20T12:00:00+07:00',
    });
    const first = await post(event);
    expect(first.json().incidentId).toMatch(/^\d+$/);
    const repeat = await post(event);
    expect(repeat.json()).toMatchObject({ created: false, incidentId: first.json().incidentId });
    const burst = await post(
      accident({ cameraCode: 'CAM-SEVERE', severity: 'extreme', occurredAt: '2026-11-20T12:02:00+07:00' }),
    );
    expect(burst.json().incidentId).toBe(first.json().incidentId);
    const incidents = await ctx.handle.db
      .selectFrom('incidents')
      .select('id')
      .where('created_by', 'like', 'rule%')
      .execute();
    expect(incidents.map((i) => String(i.id))).toEqual([first.json().incidentId]);
  });

  it('shows a district operator only the groups of the district', async () => {
    await post(accident({ cameraCode: 'CAM-D2', location: { type: 'Point', coordinates: [107.3, 11.6] } }));
    const mine = await groups(districtOperator);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((g) => g.unitCode === 'C5')).toBe(true);
    const all = await groups(operator);
    expect(all.length).toBeGreaterThan(mine.length);
    const d1Group = all.find((g) => g.unitCode === 'C1')!;
    const denied = await ctx.app.inject({
      url: `/api/v1/events/groups/${d1Group.id as string}/events`,
      cookies: { ioc_session: districtOperator },
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('OUT_OF_SCOPE');
  });
});

describe('unit derivation with imported boundaries', () => {
  it('places events by point-in-polygon and leaves events outside every boundary without a unit', async () => {
    const ctx = await startTestApp({ name: 'pglite' });
    try {
      await loadOperationsFixture(ctx);
      const square = (x: number) => ({
        type: 'Polygon',
        coordinates: [
          [
            [x, 11],
            [x + 0.5, 11],
            [x + 0.5, 12],
            [x, 12],
            [x, 11],
          ],
        ],
      });
      await ctx.services.catalogue.upsertUnits('cli', [
        { code: 'C1', name: 'Xã Một', level: 'commune', parentCode: 'D1', geometry: square(106.5) },
        { code: 'C5', name: 'Xã Năm', level: 'commune', parentCode: 'D2', geometry: square(107.0) },
      ]);
      // Closer to C2's centroid, but inside C1's boundary.
      const inC1 = await ctx.services.events.ingest(
        accident({ location: { type: 'Point', coordinates: [106.99, 11.6] } }),
        'cli',
      );
      const outside = await ctx.services.events.ingest(
        accident({ location: { type: 'Point', coordinates: [109, 11.6] } }),
        'cli',
      );
      const rows = await ctx.handle.db
        .selectFrom('events as e')
        .leftJoin('units as u', 'u.id', 'e.unit_id')
        .select(['e.id', 'u.code'])
        .where('e.id', 'in', [inC1.id, outside.id])
        .orderBy('e.id')
        .execute();
      expect(rows.map((r) => r.code)).toEqual(['C1', null]);
    } finally {
      await ctx.close();
    }
  });
});
