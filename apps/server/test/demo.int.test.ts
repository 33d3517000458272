import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAINS } from '../src/demo/catalogue.js';
import { seedDemo } from '../src/seed/seed-demo.js';
import { loginAs, startTestApp, type TestContext } from './harness.js';

/** The demo province loaded through the real write path (one year, to keep the suite quick). */
describe('demo province', () => {
  let ctx: TestContext;
  let token: string;

  beforeAll(async () => {
    ctx = await startTestApp({ name: 'pglite' });
    await seedDemo(ctx.services, { from: '2024-01-01', to: '2024-12-31' });
    token = await loginAs(ctx, { username: 'lanhdao', role: 'leader' });
  }, 300_000);
  afterAll(() => ctx.close());

  const get = async (url: string) =>
    (await ctx.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })).json();

  it('has Bình Phước with its 11 district-level units and 111 communes, at their real GSO codes', async () => {
    const districts = (await get('/api/v1/units?level=district')).units;
    expect(districts).toHaveLength(11);
    expect(districts.find((u: { code: string }) => u.code === '689')).toMatchObject({
      name: 'Thành phố Đồng Xoài',
      parentCode: '70',
    });
    expect((await get('/api/v1/units?level=commune')).units).toHaveLength(111);
    expect((await get('/api/v1/units?level=commune&parent=692')).units).toHaveLength(16);
  });

  it('covers every domain with at least 120 indicators in all', async () => {
    const { indicators } = await get('/api/v1/indicators');
    expect(indicators.length).toBeGreaterThanOrEqual(120);
    const domains = new Set(indicators.map((i: { domainCode: string }) => i.domainCode));
    expect([...domains].sort()).toEqual(DOMAINS.map((d) => d.code).sort());
  });

  it('shows every warning colour somewhere, and the figures say they are synthetic', async () => {
    const { indicators } = await get('/api/v1/indicators');
    const levels = new Set<string>();
    for (const indicator of indicators) {
      const { rows } = await get(`/api/v1/indicators/${indicator.code}/values?period=2024&level=district`);
      for (const row of rows) levels.add(row.level);
    }
    expect([...levels]).toEqual(expect.arrayContaining(['green', 'yellow', 'orange', 'red', 'no_target']));
    const source = await ctx.handle.db.selectFrom('observations').select('source').distinct().execute();
    // Besides the figures loaded directly, the daily figures of the (synthetic) demo sensors.
    expect(source.map((s) => s.source).sort()).toEqual([
      'Cảm biến IoT (trung bình ngày) / IoT sensors (daily figure)',
      'Dữ liệu minh họa (tổng hợp) / synthetic demo data',
      'Hệ thống thông tin giải quyết TTHC (tính từ hồ sơ) / computed from dossier records',
      // The 1022 indicators are counted from the demo's (synthetic) citizen reports.
      'Hệ thống tiếp nhận phản ánh 1022 (tính từ hồ sơ phản ánh)',
      'Tính từ chứng từ / computed from records',
    ]);
    const dossierSources = await ctx.handle.db.selectFrom('dossiers').select('source').distinct().execute();
    expect(dossierSources.map((s) => s.source)).toEqual([
      'Dữ liệu minh họa (tổng hợp) / synthetic demo data',
    ]);
  });

  it('counts the dossier indicators from the demo dossiers', async () => {
    const { rows } = await get('/api/v1/indicators/DVC_HS_TIEP_NHAN/values?period=2024-03&level=province');
    const received = await ctx.handle.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('received_at', '>=', new Date('2024-03-01T00:00:00+07:00'))
      .where('received_at', '<', new Date('2024-04-01T00:00:00+07:00'))
      .executeTakeFirstOrThrow();
    expect(rows[0].value).toBe(Number(received.n));
    expect(rows[0].value).toBeGreaterThan(500);
    const late = await get('/api/v1/dossiers?figure=DVC_HS_QUA_HAN&period=2024-03&unit=693');
    const lateValue = await get('/api/v1/indicators/DVC_HS_QUA_HAN/values?period=2024-03&level=district');
    expect(late.total).toBe(
      lateValue.rows.find((r: { unit: { code: string } }) => r.unit.code === '693').value,
    );
  });

  it('has a year of plausible 1022 reports whose counts feed the warehouse', async () => {
    const month = await ctx.handle.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '!=', 'merged')
      .where('received_at', '>=', new Date('2024-08-01T00:00:00+07:00'))
      .where('received_at', '<', new Date('2024-09-01T00:00:00+07:00'))
      .executeTakeFirstOrThrow();
    const dry = await ctx.handle.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('received_at', '>=', new Date('2024-02-01T00:00:00+07:00'))
      .where('received_at', '<', new Date('2024-03-01T00:00:00+07:00'))
      .executeTakeFirstOrThrow();
    // Roughly 8,800 a year in 2024, more in the rainy season.
    expect(Number(month.n)).toBeGreaterThan(600);
    expect(Number(month.n)).toBeGreaterThan(Number(dry.n));
    const { rows } = await get('/api/v1/indicators/PAKN_TIEP_NHAN/values?period=2024-08&level=district');
    const total = rows.reduce((s: number, r: { value: number | null }) => s + (r.value ?? 0), 0);
    expect(total).toBe(Number(month.n));
    const late = await get('/api/v1/cases/figures?month=2024-08&by=organisation');
    const buGiaMap = late.rows.find((r: { key: string }) => r.key === 'UBND_691');
    const transport = late.rows.find((r: { key: string }) => r.key === 'SO_GTVT');
    expect(buGiaMap.onTimeRate).toBeLessThan(transport.onTimeRate);
  });

  it('has about 60 sensors with months of hourly figures, some warnings, and their daily means in the warehouse', async () => {
    const { sensors } = await get('/api/v1/sensors');
    expect(sensors.length).toBeGreaterThanOrEqual(55);
    expect(new Set(sensors.map((s: { kind: string }) => s.kind))).toEqual(
      new Set(['air_quality', 'water_level', 'rainfall']),
    );
    const hours = await get(
      '/api/v1/sensors/rollups?unit=689&reading=pm25&bucket=hour&from=2024-12-01T00:00:00Z&to=2024-12-02T00:00:00Z',
    );
    expect(hours.figures).toHaveLength(24);
    expect((await get('/api/v1/sensors/alerts')).alerts.length).toBeGreaterThan(0);
    const { rows } = await get('/api/v1/indicators/MT_PM25_NGAY/values?period=2024-12-15&level=district');
    expect(rows.filter((r: { value: number | null }) => r.value !== null)).toHaveLength(11);
  });

  it('leaves nothing to roll up once loaded', async () => {
    expect(await ctx.services.refresher.pending()).toBe(0);
    expect(await ctx.services.figures.pending()).toBe(0);
  });
});
