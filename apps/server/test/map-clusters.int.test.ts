import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../src/auth/actor.js';
import { cellDegrees } from '@ioc/shared';
import { ENGINES, loginAs, startTestApp, type TestContext } from './harness.js';
import { loadOperationsFixture } from './operations-fixture.js';

interface Group {
  lon: number | null;
  lat: number | null;
  events: number;
  severity: 'minor' | 'severe';
  unit: 'C1' | 'C5';
}

interface Feature {
  geometry: { coordinates: [number, number] };
  properties: Record<string, unknown> & { count: number; weight: number; cluster?: boolean };
}

/** A fixed pseudo-random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/** The map of now's clusters against the data they stand for: every count checked by brute force. */
describe.each(ENGINES)('map clusters ($name)', (engine) => {
  let ctx: TestContext;
  let operator: string;
  let districtOperator: string;
  const groups: Group[] = [];

  const clusters = async (token: string, query: string, layer = 'events') => {
    const res = await ctx.app.inject({
      url: `/api/v1/${layer}/clusters?${query}`,
      cookies: { ioc_session: token },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { total: { count: number; weight: number }; features: Feature[] };
  };
  const inBox = (g: Group, [w, s, e, n]: number[]) =>
    g.lon !== null && g.lat !== null && g.lon >= w! && g.lon <= e! && g.lat >= s! && g.lat <= n!;
  const sum = (gs: Group[]) => gs.reduce((a, g) => a + g.events, 0);

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await loadOperationsFixture(ctx);
    operator = await loginAs(ctx, { username: 'vanhanh', role: 'operator' });
    districtOperator = await loginAs(ctx, { username: 'vanhanh_d2', role: 'operator', scopeUnitCode: 'D2' });
    const units = Object.fromEntries(
      (await ctx.handle.db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code, u.id]),
    );
    const next = random(7);
    for (let i = 0; i < 3000; i++) {
      const located = i % 50 !== 0;
      groups.push({
        lon: located ? Number((106.5 + next() * 0.9).toFixed(6)) : null,
        lat: located ? Number((11.4 + next() * 0.5).toFixed(6)) : null,
        events: 1 + Math.floor(next() * 5),
        severity: next() < 0.2 ? 'severe' : 'minor',
        unit: next() < 0.3 ? 'C5' : 'C1',
      });
    }
    const now = new Date();
    for (let i = 0; i < groups.length; i += 500) {
      await ctx.handle.db
        .insertInto('event_groups')
        .values(
          groups.slice(i, i + 500).map((g, j) => ({
            source: 'test',
            type: 'traffic_accident',
            category: 'ATGT',
            severity: g.severity,
            title: `Nhóm ${i + j}`,
            unit_id: units[g.unit]!,
            lon: g.lon,
            lat: g.lat,
            first_at: now,
            last_at: now,
            event_count: g.events,
          })),
        )
        .execute();
    }
  }, 60_000);
  afterAll(() => ctx.close());

  it('counts every point of the layer, and each cell holds exactly the points in it', async () => {
    const located = groups.filter((g) => g.lon !== null);
    for (const zoom of [7, 9, 11, 13]) {
      const bbox = [106.4, 11.3, 107.5, 12];
      const { total, features } = await clusters(operator, `zoom=${zoom}&bbox=${bbox.join(',')}`);
      expect(total).toEqual({ count: located.length, weight: sum(located) });
      expect(features.reduce((a, f) => a + f.properties.count, 0)).toBe(located.length);
      expect(features.reduce((a, f) => a + f.properties.weight, 0)).toBe(sum(located));
      const cell = cellDegrees(zoom);
      for (const f of features) {
        const [lon, lat] = f.geometry.coordinates;
        const [cx, cy] = [Math.floor(lon / cell), Math.floor(lat / cell)];
        const members = located.filter(
          (g) => Math.floor(g.lon! / cell) === cx && Math.floor(g.lat! / cell) === cy,
        );
        expect(f.properties.count).toBe(members.length);
        expect(f.properties.weight).toBe(sum(members));
        expect(f.properties.cluster === true).toBe(members.length > 1);
      }
    }
  });

  it('counts only what lies in the viewport, and a single point carries its group', async () => {
    const bbox = [106.7, 11.5, 106.9, 11.7];
    const { total, features } = await clusters(operator, `zoom=12&bbox=${bbox.join(',')}`);
    const inside = groups.filter((g) => inBox(g, bbox));
    expect(total.count).toBe(groups.filter((g) => g.lon !== null).length);
    expect(features.reduce((a, f) => a + f.properties.weight, 0)).toBe(sum(inside));
    const single = features.find((f) => !f.properties.cluster)!;
    expect(single.properties).toMatchObject({ type: 'traffic_accident', count: 1, incidentId: null });
    expect(single.properties.title).toMatch(/^Nhóm \d+$/);
    const group = groups[Number(String(single.properties.title).slice(5))]!;
    expect(single.geometry.coordinates).toEqual([group.lon, group.lat]);
    expect(single.properties.weight).toBe(group.events);
  });

  it('applies the filters and the reader’s unit scope to the counts', async () => {
    const bbox = '106,11,108,12.5';
    const severe = groups.filter((g) => g.lon !== null && g.severity === 'severe');
    const bySeverity = await clusters(operator, `zoom=9&bbox=${bbox}&severity=severe`);
    expect(bySeverity.total.weight).toBe(sum(severe));
    expect(bySeverity.features.reduce((a, f) => a + f.properties.weight, 0)).toBe(sum(severe));
    const d2 = groups.filter((g) => g.lon !== null && g.unit === 'C5');
    const scoped = await clusters(districtOperator, `zoom=9&bbox=${bbox}`);
    expect(scoped.total).toEqual({ count: d2.length, weight: sum(d2) });
    expect((await clusters(operator, `zoom=9&bbox=${bbox}&unit=D2`)).total.weight).toBe(sum(d2));
  });

  it('refuses a viewport that is malformed or far larger than a screen, in both languages', async () => {
    for (const query of [
      'zoom=9',
      'zoom=9&bbox=1,2,3',
      'zoom=9&bbox=107,11,106,12',
      'zoom=30&bbox=1,2,3,4',
    ]) {
      const res = await ctx.app.inject({
        url: `/api/v1/events/clusters?${query}`,
        cookies: { ioc_session: operator },
      });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const huge = await ctx.app.inject({
      url: '/api/v1/events/clusters?zoom=16&bbox=-180,-80,180,80',
      cookies: { ioc_session: operator },
    });
    expect(huge.statusCode).toBe(400);
    expect(huge.json()).toMatchObject({
      message: 'Khung nhìn quá lớn so với mức thu phóng.',
      messageEn: 'The viewport is too large for the zoom level.',
    });
  });

  it('clusters incidents and cameras the same way', async () => {
    const places: [number, number][] = [
      [106.62, 11.62],
      [106.622, 11.621],
      [107.3, 11.6],
    ];
    for (const [i, [lon, lat]] of places.entries()) {
      await ctx.services.cameras.create(CLI_ACTOR, {
        code: `CAM-K${i}`,
        name: `Camera K${i}`,
        type: 'traffic',
        lon,
        lat,
        ownerCode: 'UBND_P',
        streamUrl: `https://vms.example/hls/K${i}/index.m3u8`,
      });
      await ctx.services.incidents.create(CLI_ACTOR, {
        type: 'fire',
        severity: 'minor',
        title: `Cháy thử ${i}`,
        unitCode: 'C1',
        location: { type: 'Point', coordinates: [lon, lat] },
      });
    }
    for (const layer of ['incidents', 'cameras']) {
      const get = (zoom: number, bbox: string) => clusters(operator, `zoom=${zoom}&bbox=${bbox}`, layer);
      // Zoomed out the two close ones share a cell; zoomed in every one stands alone with its details.
      const far = await get(9, '106,11,108,12.5');
      expect(far.total.count).toBe(3);
      expect(far.features.map((f) => f.properties.count).sort()).toEqual([1, 2]);
      const near = await get(15, '106.6,11.6,107.31,11.63');
      expect(near.features.map((f) => f.properties.count)).toEqual([1, 1, 1]);
      const named = near.features.map((f) => String(f.properties.title ?? f.properties.code)).sort();
      expect(named).toEqual(
        layer === 'cameras' ? ['CAM-K0', 'CAM-K1', 'CAM-K2'] : ['Cháy thử 0', 'Cháy thử 1', 'Cháy thử 2'],
      );
    }
  });

  it('clusters sensors with exact counts, filtered by kind, status and unit, in the reader’s scope', async () => {
    const kinds = ['air_quality', 'water_level', 'rainfall'] as const;
    const next = random(11);
    const sensors = Array.from({ length: 400 }, (_, i) => ({
      code: `SEN-M${i}`,
      kind: kinds[i % 3]!,
      lon: Number((106.5 + next() * 0.9).toFixed(6)),
      lat: Number((11.4 + next() * 0.5).toFixed(6)),
      unit: next() < 0.3 ? ('C5' as const) : ('C1' as const),
      status: i % 7 === 0 ? 'inactive' : i % 5 === 0 ? 'alarm' : 'normal',
      // In alarm, or switched off with its last reading over the threshold.
      over: i % 5 === 0 || (i % 7 === 0 && i % 2 === 0),
    }));
    await ctx.services.sensors.upsert(
      CLI_ACTOR,
      sensors.map((s) => ({
        code: s.code,
        name: `Trạm ${s.code}`,
        kind: s.kind,
        lon: s.lon,
        lat: s.lat,
        unitCode: s.unit,
        isActive: s.status !== 'inactive',
        readings: [{ name: 'level', uom: 'cm', thresholds: [{ level: 'severe', above: 100 }] }],
      })),
    );
    const ids = new Map(
      (await ctx.handle.db.selectFrom('sensors').select(['id', 'code']).execute()).map((r) => [r.code, r.id]),
    );
    // Every sensor has a current reading; those in alarm are over their threshold (inactive ones may be too).
    await ctx.handle.db
      .insertInto('sensor_reading_state')
      .values(
        sensors.map((s) => ({
          sensor_id: ids.get(s.code)!,
          reading: 'level',
          value: s.over ? 150 : 20,
          level: s.over ? 'severe' : null,
          observed_at: new Date(),
        })),
      )
      .execute();
    const bbox = [106.4, 11.3, 107.5, 12];
    const check = async (token: string, filter: string, expected: typeof sensors, zoom: number) => {
      const { total, features } = await clusters(
        token,
        `zoom=${zoom}&bbox=${bbox.join(',')}${filter}`,
        'sensors',
      );
      expect(total, filter).toEqual({ count: expected.length, weight: expected.length });
      const cell = cellDegrees(zoom);
      for (const f of features) {
        const [lon, lat] = f.geometry.coordinates;
        const members = expected.filter(
          (s) =>
            Math.floor(s.lon / cell) === Math.floor(lon / cell) &&
            Math.floor(s.lat / cell) === Math.floor(lat / cell),
        );
        expect(f.properties.count).toBe(members.length);
        if (members.length === 1) {
          const [s] = members;
          expect(f.properties).toMatchObject({ code: s!.code, kind: s!.kind, status: s!.status });
          expect(f.properties.alertLevel).toBe(s!.over ? 'severe' : null);
        }
      }
      expect(features.reduce((a, f) => a + f.properties.count, 0)).toBe(expected.length);
    };
    await check(operator, '', sensors, 9);
    await check(operator, '', sensors, 13);
    await check(
      operator,
      '&kind=water_level',
      sensors.filter((s) => s.kind === 'water_level'),
      11,
    );
    for (const status of ['alarm', 'normal', 'inactive'])
      await check(
        operator,
        `&status=${status}`,
        sensors.filter((s) => s.status === status),
        11,
      );
    const inD2 = sensors.filter((s) => s.unit === 'C5');
    await check(operator, '&unit=D2', inD2, 11);
    await check(districtOperator, '', inD2, 11);
    await check(
      districtOperator,
      '&status=alarm&kind=rainfall',
      inD2.filter((s) => s.status === 'alarm' && s.kind === 'rainfall'),
      13,
    );
    const bad = await ctx.app.inject({
      url: `/api/v1/sensors/clusters?zoom=9&bbox=${bbox.join(',')}&status=broken`,
      cookies: { ioc_session: operator },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });
});
