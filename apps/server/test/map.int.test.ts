import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, loadFixture, loginAs, startTestApp, type TestContext } from './harness.js';

describe.each(ENGINES)('map layer and boundary import on $name', (engine) => {
  let ctx: TestContext;
  let admin: string;
  let officer: string;
  const square = (x: number, y: number, s: number) => ({
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + s, y],
        [x + s, y + s],
        [x, y + s],
        [x, y],
      ],
    ],
  });

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await loadFixture(ctx.services);
    await ctx.services.catalogue.upsertUnits('cli', [
      { code: 'P', name: 'Tỉnh Thử', level: 'province', centroid: [106.9, 11.6] },
      { code: 'D1', name: 'Huyện Một', level: 'district', parentCode: 'P', centroid: [106.8, 11.5] },
    ]);
    admin = await loginAs(ctx, { username: 'quantri', role: 'administrator' });
    officer = await loginAs(ctx, { username: 'canbo', role: 'data_officer' });
  });
  afterAll(() => ctx.close());

  const layer = async (level: string) =>
    (await ctx.app.inject({ method: 'GET', url: `/api/v1/map/units?level=${level}&period=2024-01` })).json();
  const upload = (token: string | undefined, body: object, mode = '') =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/v1/units/boundaries${mode}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      payload: body,
    });

  it('draws units without a boundary as schematic cells around their parent, and leaves out units with no position', async () => {
    const communes = await layer('commune');
    expect(communes.features.map((f: { id: string }) => f.id)).toEqual(['C1', 'C2', 'C3']);
    for (const f of communes.features) {
      expect(f.properties.schematic).toBe(true);
      const ring = f.geometry.coordinates[0] as number[][];
      expect(ring[0]).toEqual(ring[4]);
      const [x, y] = [(ring[0]![0]! + ring[2]![0]!) / 2, (ring[0]![1]! + ring[2]![1]!) / 2];
      expect(Math.abs(x - 106.8)).toBeLessThan(0.2);
      expect(Math.abs(y - 11.5)).toBeLessThan(0.2);
    }
  });

  it('keeps schematic cells of units with close centroids from hiding each other', async () => {
    await ctx.services.catalogue.upsertUnits('cli', [
      { code: 'D3', name: 'Thị xã Ba', level: 'district', parentCode: 'P', centroid: [106.81, 11.51] },
      { code: 'D4', name: 'Huyện Bốn', level: 'district', parentCode: 'P', centroid: [106.8, 11.5] },
    ]);
    const cells = (await layer('district')).features.map((f: { geometry: { coordinates: number[][][] } }) => {
      const ring = f.geometry.coordinates[0]!;
      return { x: [ring[0]![0]!, ring[2]![0]!], y: [ring[0]![1]!, ring[2]![1]!] };
    });
    expect(cells.length).toBeGreaterThanOrEqual(3);
    const apart = (a: number[], b: number[]) => a[1]! <= b[0]! + 1e-9 || b[1]! <= a[0]! + 1e-9;
    for (let i = 0; i < cells.length; i++)
      for (let j = i + 1; j < cells.length; j++)
        expect(apart(cells[i]!.x, cells[j]!.x) || apart(cells[i]!.y, cells[j]!.y)).toBe(true);
  });

  it('lets only administrators load boundaries, all or nothing unless partial, reporting each bad feature', async () => {
    const collection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: 'D1' }, geometry: square(106.6, 11.3, 0.4) },
        { type: 'Feature', properties: { code: 'KHONG' }, geometry: square(1, 1, 1) },
        { type: 'Feature', properties: { code: 'D2' }, geometry: { type: 'Point', coordinates: [1, 1] } },
      ],
    };
    expect((await upload(undefined, collection)).statusCode).toBe(401);
    expect((await upload(officer, collection)).statusCode).toBe(403);
    const notGeoJson = await upload(admin, { features: 'x' });
    expect(notGeoJson.statusCode).toBe(400);
    expect(notGeoJson.json().message).toBe('Tệp ranh giới phải là GeoJSON FeatureCollection.');
    const refused = await upload(admin, collection);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details.errors).toMatchObject([
      { row: 2, code: 'UNKNOWN_UNIT', value: 'KHONG' },
      { row: 3, code: 'BAD_GEOMETRY', value: 'D2' },
    ]);
    expect(
      (await layer('district')).features.find((f: { id: string }) => f.id === 'D1').properties.schematic,
    ).toBe(true);
    const partial = await upload(admin, collection, '?mode=partial');
    expect(partial.json()).toMatchObject({ updated: 1 });
    const d1 = (await layer('district')).features.find((f: { id: string }) => f.id === 'D1');
    expect(d1).toMatchObject({ properties: { schematic: false }, geometry: square(106.6, 11.3, 0.4) });
    const unit = (await ctx.app.inject({ method: 'GET', url: '/api/v1/units/D1' })).json();
    expect(unit.hasBoundary).toBe(true);
    expect(unit.centroid[0]).toBeCloseTo(106.8, 10);
    expect(unit.centroid[1]).toBeCloseTo(11.5, 10);
  });
});
