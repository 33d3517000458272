import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camerasFromCsv } from '../src/cameras/cameras-csv.js';
import { demoCameras } from '../src/demo/cameras.js';
import { ENGINES, loadFixture, loginAs, startTestApp, type TestContext } from './harness.js';

describe.each(ENGINES)('camera registry on $name', (engine) => {
  let ctx: TestContext;
  let admin: string;
  let viewer: string;
  let districtOperator: string;

  const camera = (code: string, lon: number, lat: number, extra: object = {}) => ({
    code,
    name: `Camera ${code}`,
    type: 'traffic',
    lon,
    lat,
    ownerCode: 'UBND_P',
    streamUrl: `https://vms.example/hls/${code}/index.m3u8`,
    ...extra,
  });
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, payload?: object) =>
    ctx.app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await loadFixture(ctx.services);
    // Communes with centroids in a row along 11.5° N; D2 has an official boundary (a square).
    await ctx.services.catalogue.upsertUnits('cli', [
      { code: 'C1', name: 'Xã Một', level: 'commune', parentCode: 'D1', centroid: [106.8, 11.5] },
      { code: 'C2', name: 'Xã Hai', level: 'commune', parentCode: 'D1', centroid: [106.85, 11.5] },
      { code: 'C3', name: 'Xã Ba', level: 'commune', parentCode: 'D1', centroid: [106.9, 11.5] },
    ]);
    await ctx.services.map.importBoundaries(
      'cli',
      {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: 'D2' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [107.1, 11.7],
                  [107.3, 11.7],
                  [107.3, 11.9],
                  [107.1, 11.9],
                  [107.1, 11.7],
                ],
              ],
            },
          },
        ],
      },
      { partial: false },
    );
    admin = await loginAs(ctx, { username: 'quantri', role: 'administrator' });
    viewer = await loginAs(ctx, { username: 'xem', role: 'viewer' });
    districtOperator = await loginAs(ctx, { username: 'vanhanh_d1', role: 'operator', scopeUnitCode: 'D1' });
  });
  afterAll(() => ctx.close());

  it('refuses anonymous readers, non-administrator writers and invalid cameras', async () => {
    for (const url of [
      '/api/v1/cameras',
      '/api/v1/cameras/geojson',
      '/api/v1/cameras/nearby?lon=106.8&lat=11.5',
    ])
      expect((await call('GET', url)).json()).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: 'Cần đăng nhập.',
      });
    const forbidden = await call('POST', '/api/v1/cameras', viewer, camera('X1', 106.8, 11.5));
    expect(forbidden.statusCode).toBe(403);
    const invalid = await call('POST', '/api/v1/cameras', admin, camera('X 1', 200, 11.5, { type: 'drone' }));
    expect(invalid.statusCode).toBe(422);
    expect(
      invalid
        .json()
        .details.errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['code', 'lon', 'streamUrl', 'type']);
    const unknownOwner = await call(
      'POST',
      '/api/v1/cameras',
      admin,
      camera('X1', 106.8, 11.5, { ownerCode: 'KHONG' }),
    );
    expect(unknownOwner.json().details.errors[0]).toMatchObject({
      code: 'UNKNOWN_ORGANISATION',
      value: 'KHONG',
    });
    expect((await call('GET', '/api/v1/cameras/KHONG', admin)).statusCode).toBe(404);
  });

  it('registers cameras with the unit derived from the location: boundary first, else the nearest commune centroid', async () => {
    const created = await call('POST', '/api/v1/cameras', admin, camera('CAM-C1', 106.801, 11.501));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      code: 'CAM-C1',
      unitCode: 'C1',
      ownerCode: 'UBND_P',
      ownerName: 'UBND tỉnh',
      status: 'unknown',
      statusCheckedAt: null,
    });
    for (const [code, lon, lat, type] of [
      ['CAM-C2', 106.86, 11.49, 'security'],
      ['CAM-C3', 106.91, 11.5, 'traffic'],
      ['CAM-D2', 107.2, 11.8, 'security'],
    ] as const)
      expect(
        (await call('POST', '/api/v1/cameras', admin, camera(code, lon, lat, { type }))).statusCode,
      ).toBe(201);
    expect((await call('GET', '/api/v1/cameras/CAM-D2', admin)).json().unitCode).toBe('D2');
    expect((await call('GET', '/api/v1/cameras/CAM-C3', admin)).json().unitCode).toBe('C3');
    const duplicate = await call('POST', '/api/v1/cameras', admin, camera('CAM-C1', 106.8, 11.5));
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().message).toBe('Camera "CAM-C1" đã có.');
    // Moving a camera moves it to the unit it now stands in.
    const moved = await call('PUT', '/api/v1/cameras/CAM-C3', admin, {
      ...camera('ignored', 106.851, 11.5),
      name: 'Ngã ba Xã Hai',
    });
    expect(moved.json()).toMatchObject({ code: 'CAM-C3', name: 'Ngã ba Xã Hai', unitCode: 'C2' });
    expect((await call('PUT', '/api/v1/cameras/KHONG', admin, camera('KHONG', 1, 1))).statusCode).toBe(404);
    const audit = (await call('GET', '/api/v1/audit?entity=camera&key=CAM-C3', admin)).json().entries;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['update', 'create']);
  });

  it('moves cameras to the unit whose official boundary now contains them when boundaries are loaded', async () => {
    const square = (x: number, y: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 0.02, y],
          [x + 0.02, y + 0.02],
          [x, y + 0.02],
          [x, y],
        ],
      ],
    });
    // CAM-C2 (106.86, 11.49) stands nearest C2's centroid, but C3's official boundary contains it.
    const load = (geometry: object) =>
      call('POST', '/api/v1/units/boundaries', admin, {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { code: 'C3' }, geometry }],
      });
    expect((await load(square(106.85, 11.48))).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/cameras/CAM-C2', admin)).json().unitCode).toBe('C3');
    expect((await load(square(106.95, 11.48))).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/cameras/CAM-C2', admin)).json().unitCode).toBe('C2');
  });

  it('lists with filters and paging, and shows a district operator only its district', async () => {
    const all = (await call('GET', '/api/v1/cameras?pageSize=2', admin)).json();
    expect(all).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(all.items.map((c: { code: string }) => c.code)).toEqual(['CAM-C1', 'CAM-C2']);
    const second = (await call('GET', '/api/v1/cameras?pageSize=2&page=2', admin)).json();
    expect(second.items.map((c: { code: string }) => c.code)).toEqual(['CAM-C3', 'CAM-D2']);
    const security = (await call('GET', '/api/v1/cameras?type=security', admin)).json();
    expect(security.items.map((c: { code: string }) => c.code)).toEqual(['CAM-C2', 'CAM-D2']);
    expect((await call('GET', '/api/v1/cameras?unit=D2', admin)).json().total).toBe(1);
    expect((await call('GET', '/api/v1/cameras?status=online', admin)).json().total).toBe(0);

    const scoped = (await call('GET', '/api/v1/cameras', districtOperator)).json();
    expect(scoped.items.map((c: { code: string }) => c.code)).toEqual(['CAM-C1', 'CAM-C2', 'CAM-C3']);
    expect((await call('GET', '/api/v1/cameras?unit=D2', districtOperator)).json().total).toBe(0);
    expect((await call('GET', '/api/v1/cameras?unit=P', districtOperator)).json().total).toBe(3);
    expect((await call('GET', '/api/v1/cameras/CAM-D2', districtOperator)).statusCode).toBe(404);
    const geo = (await call('GET', '/api/v1/cameras/geojson', districtOperator)).json();
    expect(geo.features.map((f: { id: string }) => f.id)).toEqual(['CAM-C1', 'CAM-C2', 'CAM-C3']);
  });

  it('answers nearby and geojson in the contract other screens rely on', async () => {
    const near = (await call('GET', '/api/v1/cameras/nearby?lon=106.85&lat=11.5&radiusM=6000', admin)).json();
    expect(near.cameras.map((c: { code: string }) => c.code)).toEqual(['CAM-C3', 'CAM-C2', 'CAM-C1']);
    expect(Object.keys(near.cameras[0]).sort()).toEqual(
      ['code', 'name', 'type', 'status', 'streamUrl', 'lon', 'lat', 'unitCode', 'distanceM'].sort(),
    );
    expect(near.cameras[0].distanceM).toBeLessThan(200);
    expect(near.cameras[2].distanceM).toBeGreaterThan(5000);
    expect(
      (await call('GET', '/api/v1/cameras/nearby?lon=106.85&lat=11.5&radiusM=150', districtOperator)).json(),
    ).toMatchObject({ cameras: [{ code: 'CAM-C3' }] });
    expect((await call('GET', '/api/v1/cameras/nearby?lon=106.85&lat=100', admin)).statusCode).toBe(400);

    const geo = (await call('GET', '/api/v1/cameras/geojson?type=security', admin)).json();
    expect(geo).toEqual({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'CAM-C2',
          geometry: { type: 'Point', coordinates: [106.86, 11.49] },
          properties: {
            code: 'CAM-C2',
            name: 'Camera CAM-C2',
            type: 'security',
            status: 'unknown',
            unitCode: 'C2',
          },
        },
        {
          type: 'Feature',
          id: 'CAM-D2',
          geometry: { type: 'Point', coordinates: [107.2, 11.8] },
          properties: {
            code: 'CAM-D2',
            name: 'Camera CAM-D2',
            type: 'security',
            status: 'unknown',
            unitCode: 'D2',
          },
        },
      ],
    });
  });

  it('imports a CSV file with a row-by-row report: all or nothing, or the valid rows with --partial', async () => {
    const csv = [
      'code;name;type;lon;lat;owner;stream_url',
      'CSV-1;Cổng chợ;an ninh;106,8;11,5;UBND_P;https://vms.example/1.m3u8',
      'CSV-2;Nút giao;giao thông;106.9;11.5;;/media/2/index.m3u8',
      'CSV-3;Sai;xe;106.9;11.5;;https://vms.example/3.m3u8',
      'CSV-1;Trùng;traffic;106.9;11.5;;https://vms.example/4.m3u8',
      'CSV-5;Không chủ;traffic;106.9;11.5;SO_KHONG;https://vms.example/5.m3u8',
    ].join('\n');
    const { items, lines } = camerasFromCsv(csv);
    const importAll = ctx.services.cameras.importRows('cli', items, {
      partial: false,
      rowNumbers: lines,
      audit: 'import',
    });
    await expect(importAll).rejects.toMatchObject({ code: 'ROWS_REJECTED' });
    const report = await importAll.catch((e: { details: { errors: object[] } }) => e.details.errors);
    expect(report).toMatchObject([
      { row: 4, field: 'type', code: 'INVALID' },
      { row: 5, field: 'code', code: 'DUPLICATE', value: 'CSV-1' },
      { row: 6, field: 'ownerCode', code: 'UNKNOWN_ORGANISATION', value: 'SO_KHONG' },
    ]);
    expect((await call('GET', '/api/v1/cameras?q=CSV', admin)).json().total).toBe(0);
    const partial = await ctx.services.cameras.importRows('cli', items, {
      partial: true,
      rowNumbers: lines,
      audit: 'import',
    });
    expect(partial).toMatchObject({ created: 2, updated: 0 });
    expect(partial.errors).toHaveLength(3);
    const again = await ctx.services.cameras.importRows('cli', items.slice(0, 2), {
      partial: false,
      audit: 'import',
    });
    expect(again).toMatchObject({ created: 0, updated: 2 });
    expect((await call('GET', '/api/v1/cameras/CSV-1', admin)).json()).toMatchObject({
      type: 'security',
      lon: 106.8,
    });
  });
});

describe('demo cameras', () => {
  it('are 577 synthetic cameras of both types inside Bình Phước, with unique codes and a few offline', () => {
    const cameras = demoCameras();
    expect(cameras).toHaveLength(577);
    expect(new Set(cameras.map((c) => c.code)).size).toBe(577);
    const security = cameras.filter((c) => c.type === 'security').length;
    expect(security).toBeGreaterThan(100);
    expect(577 - security).toBeGreaterThan(100);
    const offline = cameras.filter((c) => c.status === 'offline').length;
    expect(offline).toBeGreaterThan(3);
    expect(offline).toBeLessThan(40);
    for (const c of cameras) {
      expect(c.lon).toBeGreaterThan(106.4);
      expect(c.lon).toBeLessThan(107.5);
      expect(c.lat).toBeGreaterThan(11.2);
      expect(c.lat).toBeLessThan(12.3);
    }
    expect(cameras.find((c) => c.code === 'CAM-QL13-001')?.name).toMatch(/^QL13 Km 0\+\d{3} \(Chơn Thành\)$/);
  });
});
