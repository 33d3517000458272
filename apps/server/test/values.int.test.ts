import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ENGINES,
  loadFixture,
  loadFixtureData,
  loginAs,
  startTestApp,
  writeRows,
  type TestContext,
} from './harness.js';

/** Hand-checked roll-ups on the fixture province (see harness.ts for its shape). */
describe.each(ENGINES)('values, series and ranking on $name', (engine) => {
  let ctx: TestContext;
  let token: string;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await loadFixture(ctx.services);
    await loadFixtureData(ctx.services);
    token = await loginAs(ctx, { username: 'lanhdao', role: 'leader' });
  });
  afterAll(() => ctx.close());

  const get = async (url: string) => {
    const res = await ctx.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  interface Row {
    unit: { code: string };
    value: number | null;
    coverage: number | null;
    target: number | null;
    achievement: number | null;
    level: string;
    reason: { vi: string; en: string };
  }
  /** The rows keyed by the fixture's unit codes (a missing row fails on access). */
  const byUnit = (rows: Row[]) =>
    Object.fromEntries(rows.map((r) => [r.unit.code, r])) as Record<
      'P' | 'D1' | 'D2' | 'C1' | 'C2' | 'C3' | 'C4',
      Row
    >;

  it('sums over the hierarchy and records coverage when a commune has no data', async () => {
    const communes = byUnit((await get('/api/v1/indicators/THU/values?period=2024-01&parent=D1')).rows);
    expect(communes.C3).toMatchObject({ value: null, level: 'no_data', reason: { vi: 'Chưa có số liệu' } });
    const districts = byUnit((await get('/api/v1/indicators/THU/values?period=2024-01&level=district')).rows);
    expect(districts.D1).toMatchObject({ value: 30, coverage: 2 / 3 });
    expect(districts.D2).toMatchObject({ value: 5, coverage: 1 });
    const province = byUnit((await get('/api/v1/indicators/THU/values?period=2024-02&level=province')).rows);
    expect(province.P.value).toBe(69);
  });

  it('rolls up over time: quarter, year-to-date (6M/9M aliases), year with coverage', async () => {
    const q1 = byUnit((await get('/api/v1/indicators/THU/values?period=2024-Q1&level=district')).rows);
    expect(q1.D1).toMatchObject({ value: 159, coverage: 1 });
    const ytd = byUnit((await get('/api/v1/indicators/THU/values?period=2024-YTD02&level=province')).rows);
    expect(ytd.P.value).toBe(104);
    const sixMonths = await get('/api/v1/indicators/THU/values?period=2024-6M&level=province');
    expect(sixMonths.period).toMatchObject({ code: '2024-YTD06', label: '6 tháng đầu năm 2024' });
    expect(sixMonths.rows[0].value).toBe(177);
    const year = byUnit((await get('/api/v1/indicators/THU/values?period=2024&level=province')).rows);
    expect(year.P).toMatchObject({ value: 177, coverage: 3 / 12 });
    const stock = byUnit((await get('/api/v1/indicators/DAN_SO/values?period=2024-Q1&parent=D1')).rows);
    expect(stock.C1.value).toBe(1020);
  });

  it('recomputes a ratio from numerator and denominator instead of averaging rates', async () => {
    const d = byUnit((await get('/api/v1/indicators/TL_DH/values?period=2024-01&level=district')).rows);
    expect(d.D1.value).toBeCloseTo((100 * 59) / 110, 10);
    expect(d.D1.value).not.toBeCloseTo(70, 1);
    const p = byUnit((await get('/api/v1/indicators/TL_DH/values?period=2024-01&level=province')).rows);
    expect(p.P.value).toBeCloseTo((100 * 69) / 120, 10);
    // Target 80% for D1 applies as is to a rate: 53.6 / 80 = 67% → red.
    expect(d.D1).toMatchObject({ target: 80, targetBasis: 'annual', level: 'red' });
  });

  it('uses means and weighted means', async () => {
    const aqi = byUnit((await get('/api/v1/indicators/AQI/values?period=2024-01&level=district')).rows);
    expect(aqi.D1).toMatchObject({ value: 105, level: 'yellow' });
    const price = byUnit((await get('/api/v1/indicators/GIA/values?period=2024-01&level=district')).rows);
    expect(price.D1.value).toBeCloseTo(17.5, 10);
  });

  it('colours every warning level against a pro-rated annual target, with the reason', async () => {
    const level = async (period: string) =>
      byUnit((await get(`/api/v1/indicators/THU/values?period=${period}&level=province`)).rows).P;
    expect(await level('2024-01')).toMatchObject({
      value: 35,
      target: 70,
      targetBasis: 'pro_rata',
      level: 'red',
    });
    expect(await level('2024-02')).toMatchObject({ level: 'yellow' });
    expect(await level('2024-03')).toMatchObject({ level: 'green' });
    const ytd = await level('2024-YTD03');
    expect(ytd).toMatchObject({ target: 210, level: 'orange' });
    expect(ytd.achievement).toBeCloseTo((177 / 210) * 100, 1);
    expect(ytd.reason.vi).toContain('84,3%');
    expect(ytd.reason.vi).toContain('cam');
    const none = byUnit((await get('/api/v1/indicators/THU/values?period=2024-01&level=district')).rows).D1;
    expect(none.level).toBe('no_target');
  });

  it('returns a series with YTD, same period last year and change', async () => {
    const series = await get('/api/v1/indicators/THU/series?unit=D1&from=2024-01&to=2024-03');
    expect(series.points.map((p: { period: { code: string } }) => p.period.code)).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
    ]);
    expect(series.points.map((p: { value: number }) => p.value)).toEqual([30, 63, 66]);
    expect(series.points.map((p: { ytd: { value: number } }) => p.ytd.value)).toEqual([30, 93, 159]);
    expect(series.points[0]).toMatchObject({ samePeriodLastYear: 48, change: -18, changePercent: -37.5 });
    expect(series.points[1]).toMatchObject({ samePeriodLastYear: null, change: null });
  });

  it('ranks units by the indicator direction and compares them with last year', async () => {
    const ranking = await get('/api/v1/indicators/THU/ranking?period=2024-02&parent=D1');
    expect(ranking.rows.map((r: { unit: { code: string }; rank: number }) => [r.rank, r.unit.code])).toEqual([
      [1, 'C3'],
      [2, 'C2'],
      [3, 'C1'],
    ]);
    expect(ranking.reference).toMatchObject({ unit: { code: 'D1' }, value: 63 });
    expect(ranking.rows[0]).toMatchObject({ unit: { code: 'C3' }, differenceFromReference: 31 - 63 });
    const rates = await get('/api/v1/indicators/TL_DH/ranking?period=2024-01&level=district');
    expect(rates.reference.value).toBeCloseTo((100 * 69) / 120, 10);
    const jan = await get('/api/v1/indicators/AQI/ranking?period=2024-01&parent=D1');
    expect(jan.rows.map((r: { unit: { code: string } }) => r.unit.code)).toEqual(['C1', 'C2']);
    expect(jan.withoutData.map((r: { unit: { code: string } }) => r.unit.code)).toEqual(['C3']);
  });

  it('exports the values of all units as CSV for Vietnamese Excel and as XLSX', async () => {
    const csv = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/indicators/THU/export?period=2024-Q1&level=district&format=csv',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(csv.headers['content-disposition']).toBe('attachment; filename="THU_2024-Q1.csv"');
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFMã đơn vị;Tên đơn vị;Kỳ;Giá trị;Kế hoạch;Tỷ lệ đạt (%);Mức cảnh báo;Lý do;Độ phủ số liệu (%)',
    );
    expect(lines[1]).toBe('D1;Huyện Một;Quý I/2024;159;;;Chưa có kế hoạch;Chưa có kế hoạch;100');
    const xlsx = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/indicators/THU/export?period=2024-YTD03&level=province',
      headers: { authorization: `Bearer ${token}` },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Số liệu')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Thu ngân sách (tỷ đồng) — Lũy kế 3 tháng năm 2024');
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      'P',
      'Tỉnh Thử',
      'Lũy kế 3 tháng năm 2024',
      177,
      210,
      84.3,
      'Cam (cảnh báo)',
      expect.stringContaining('84,3%'),
      100,
    ]);
  });

  it('keeps roll-ups current when a value is corrected', async () => {
    await writeRows(ctx.services, [{ indicator: 'THU', unit: 'C1', period: '2024-01', value: 15 }]);
    const districts = byUnit((await get('/api/v1/indicators/THU/values?period=2024-01&level=district')).rows);
    expect(districts.D1.value).toBe(35);
    const year = byUnit((await get('/api/v1/indicators/THU/values?period=2024&level=province')).rows);
    expect(year.P.value).toBe(182);
    const rate = byUnit((await get('/api/v1/indicators/TL_DH/values?period=2024-01&level=province')).rows);
    expect(rate.P.value).toBeCloseTo((100 * 69) / 120, 10);
  });

  it('answers a wrong period with a clear 400 and an unknown indicator with 404', async () => {
    const bad = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/indicators/THU/values?period=2024-1',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('Kỳ "2024-1" sai định dạng');
    const missing = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/indicators/KHONG/values?period=2024-01',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('Không tìm thấy chỉ tiêu "KHONG".');
  });
});
