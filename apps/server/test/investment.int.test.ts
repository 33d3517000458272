import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFinanceCatalogue, TY, warehouseValue } from './finance-fixture.js';
import { ENGINES, loginAs, startTestApp, type TestContext } from './harness.js';

const project = (code: string, unit: string, investor: string) => ({
  code,
  name: `Dự án ${code}`,
  investor,
  department: 'SO_KHDT',
  unit,
  group: 'C',
  responsible: `Người phụ trách ${code}`,
  title: 'Giám đốc Ban QLDA',
  phone: '0271 3 000 000',
  start: '01/01/2023',
  end: '31/12/2026',
});

/**
 * Hand-computed on 15/06/2025: P1 (Lộc Ninh) plan 200, disbursed 20 + 30 = 50 → 25 %; P2 (Đồng
 * Xoài) plan 100, disbursed 50 → 50 %; province 100 of 300 = 33,33 %. Default target path on
 * 15/06 (day 166, between 31/5 = day 151 at 29 % and 30/6 = day 181 at 40 %): 29 + 11 × 15/30
 * = 34,5 %, so P1 lags by 9,5 points. Past years by 15/06: 2024 had 40 of 100 (0,4), 2023 had 30
 * of 100 (0,3) → year-end 100 / 0,4 = 250 (83,33 %) and 100 / 0,3 = 333 (capped at 100 %):
 * central 91,67 %, interval 83,33–100 %.
 */
const PLANS = [
  { project: 'P1', year: 2025, source: 'NST', amount: 100 * TY, decision: 'QĐ 10/QĐ-UBND' },
  { project: 'P1', year: 2025, source: 'NSTW', amount: 100 * TY },
  { project: 'P2', year: 2025, source: 'NST', amount: 100 * TY },
  { project: 'P1', year: 2024, source: 'NST', amount: 100 * TY },
  { project: 'P2', year: 2023, source: 'NST', amount: 100 * TY },
];
const DISBURSEMENTS = [
  { key: 'D1', project: 'P1', date: '2025-03-01', amount: 20 * TY, source: 'NST' },
  { key: 'D2', project: 'P1', date: '2025-06-15', amount: 30 * TY, source: 'NSTW' },
  { key: 'D3', project: 'P2', date: '2025-05-10', amount: 50 * TY, source: 'NST' },
  { key: 'D4', project: 'P1', date: '2024-06-15', amount: 40 * TY, source: 'NST' },
  { key: 'D5', project: 'P1', date: '2024-12-20', amount: 60 * TY, source: 'NST' },
  { key: 'D6', project: 'P2', date: '2023-06-10', amount: 30 * TY, source: 'NST' },
  { key: 'D7', project: 'P2', date: '2023-11-30', amount: 70 * TY, source: 'NST' },
];

describe.each(ENGINES)('public investment on $name', (engine) => {
  let ctx: TestContext;
  let admin: string;
  let officer: string;
  let districtOfficer: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const post = (token: string, url: string, payload: unknown, headers: Record<string, string> = {}) =>
    ctx.app.inject({
      method: 'POST',
      url,
      headers: { ...auth(token), ...headers },
      payload: payload as string,
    });
  const get = (token: string, url: string) => ctx.app.inject({ method: 'GET', url, headers: auth(token) });

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await loadFinanceCatalogue(ctx.services);
    admin = await loginAs(ctx, { username: 'admin', role: 'administrator' });
    officer = await loginAs(ctx, { username: 'canbo', role: 'data_officer' });
    districtOfficer = await loginAs(ctx, { username: 'locninh', role: 'data_officer', scopeUnitCode: '692' });
  }, 60_000);
  afterAll(() => ctx.close());

  it('refuses an anonymous reader with 401, a viewer’s write with 403 and a malformed date with 400', async () => {
    const anonymous = await ctx.app.inject({ method: 'GET', url: '/api/v1/investment/summary' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Cần đăng nhập.' });
    const viewer = await loginAs(ctx, { username: 'xem', role: 'viewer' });
    const write = await post(viewer, '/api/v1/investment/projects', {
      rows: [project('P1', '692', 'SO_GTVT')],
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().code).toBe('FORBIDDEN');
    const bad = await get(viewer, '/api/v1/investment/summary?date=30/06/2025');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Ngày "30/06/2025" không hợp lệ (cần dạng yyyy-MM-dd).',
    });
  });

  it('validates projects, plans and disbursements row by row and stores nothing on error', async () => {
    const res = await post(officer, '/api/v1/investment/projects', {
      rows: [
        project('P1', '692', 'SO_GTVT'),
        { ...project('P9', '692', 'SO_GTVT'), group: 'D' },
        { ...project('P8', '692', 'SO_GTVT'), end: '01/01/2020' },
        { ...project('P7', '692', 'SO_GTVT'), responsible: '' },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [2, 'BAD_VALUE'],
      [3, 'BAD_DATE'],
      [4, 'MISSING_FIELD'],
    ]);
    expect(res.json().details.errors[2].message).toBe('Thiếu người phụ trách.');
    const plans = await post(officer, '/api/v1/investment/plans', { rows: [PLANS[0]] });
    expect(plans.json().details.errors[0]).toMatchObject({ field: 'project', code: 'UNKNOWN_CODE' });
  });

  it('takes projects, plans and disbursements once, however often they are sent', async () => {
    const projects = { rows: [project('P1', '692', 'SO_GTVT'), project('P2', '689', 'UBND_689')] };
    expect((await post(officer, '/api/v1/investment/projects', projects)).json()).toMatchObject({
      inserted: 2,
    });
    expect((await post(officer, '/api/v1/investment/plans', { rows: PLANS })).json()).toMatchObject({
      inserted: 5,
    });
    const headers = { 'idempotency-key': 'kbnn-giai-ngan-0001' };
    const first = await post(officer, '/api/v1/investment/disbursements', { rows: DISBURSEMENTS }, headers);
    expect(first.json()).toMatchObject({ inserted: 7 });
    expect(
      (await post(officer, '/api/v1/investment/disbursements', { rows: DISBURSEMENTS }, headers)).json(),
    ).toEqual(first.json());
    expect(
      (await post(officer, '/api/v1/investment/disbursements', { rows: DISBURSEMENTS })).json(),
    ).toMatchObject({
      inserted: 0,
      unchanged: 7,
    });
    const audit = await ctx.handle.db
      .selectFrom('audit_log')
      .select('entity')
      .where('entity', 'like', 'investment_%')
      .execute();
    expect(audit.map((a) => a.entity).sort()).toEqual([
      'investment_disbursements',
      'investment_plans',
      'investment_projects',
    ]);
  });

  it('ranks disbursement against the plan and the target path, lagging projects worst first with their responsible person', async () => {
    const s = (await get(admin, '/api/v1/investment/summary?unit=70&year=2025&date=2025-06-15')).json();
    expect(s.target).toBeCloseTo(34.5, 10);
    expect(s.total).toMatchObject({ plan: 300 * TY, disbursed: 100 * TY, projects: 2, lagging: 1 });
    expect(s.total.rate).toBeCloseTo(100 / 3, 10);
    expect(s.byInvestor.map((i: { code: string; rate: number }) => [i.code, i.rate])).toEqual([
      ['SO_GTVT', 25],
      ['UBND_689', 50],
    ]);
    expect(s.byUnit.map((u: { code: string }) => u.code)).toEqual(['692', '689']);
    expect(s.lagging).toHaveLength(1);
    expect(s.lagging[0]).toMatchObject({
      code: 'P1',
      rate: 25,
      responsible: { name: 'Người phụ trách P1', title: 'Giám đốc Ban QLDA' },
    });
    expect(s.lagging[0].gap).toBeCloseTo(-9.5, 10);
    expect(s.forecast.central).toBeCloseTo((250 / 3 + 100) / 2, 9);
    expect(s.forecast.low).toBeCloseTo(250 / 3, 9);
    expect(s.forecast.high).toBe(100);
    expect(s.forecastMethod.vi).toContain('trung vị');
    const june = s.path.find((p: { date: string }) => p.date === '2025-06-30');
    expect(june.target).toBe(40);
    expect(june.actual).toBeCloseTo(100 / 3, 10);
    expect(s.path.find((p: { date: string }) => p.date === '2025-07-31').actual).toBeNull();
  });

  it('narrows the figures to one investor', async () => {
    const s = (
      await get(admin, '/api/v1/investment/summary?unit=70&year=2025&date=2025-06-15&investor=UBND_689')
    ).json();
    expect(s.investor).toEqual({ code: 'UBND_689', name: 'Ủy ban nhân dân thành phố Đồng Xoài' });
    expect(s.total).toMatchObject({ plan: 100 * TY, disbursed: 50 * TY, projects: 1, lagging: 0 });
  });

  it('forecasts the year end from the pace of the same investor, department and locality as the rates', async () => {
    const summary = async (filter: string) =>
      (await get(admin, `/api/v1/investment/summary?year=2025&date=2025-06-15&${filter}`)).json();
    // SO_GTVT holds P1 alone: 50 of 200 disbursed (25 %); its only past year, 2024, had 40 of 100 by
    // 15/06 (0,4) → 25 / 0,4 = 62,5 %. The province's pace (0,4 and 0,3) would say 72,92 %.
    const investor = await summary('unit=70&investor=SO_GTVT');
    expect(investor.total.rate).toBe(25);
    expect(investor.forecast).toEqual({ central: 62.5, low: 62.5, high: 62.5, years: 1 });
    // Lộc Ninh (692) holds P1 too: the same pace.
    expect((await summary('unit=692')).forecast).toEqual(investor.forecast);
    // UBND_689 holds P2: 50 of 100; 2023 had 30 of 100 by 15/06 → 50 / 0,3 = 166,7 %, capped at 100 %.
    expect((await summary('unit=70&investor=UBND_689')).forecast).toEqual({
      central: 100,
      low: 100,
      high: 100,
      years: 1,
    });
    // Both projects belong to SO_KHDT: the department's pace is the province's.
    expect((await summary('unit=70&department=SO_KHDT')).forecast).toEqual(
      (await summary('unit=70')).forecast,
    );
  });

  it('lists exactly the disbursements behind a figure', async () => {
    const s = (await get(admin, '/api/v1/investment/summary?unit=70&year=2025&date=2025-06-15')).json();
    const all = (
      await get(admin, '/api/v1/investment/disbursements?unit=70&from=2025-01-01&to=2025-06-15')
    ).json();
    expect(all.count).toBe(3);
    expect(all.total).toBe(s.total.disbursed);
    const investor = s.byInvestor[0];
    const list = (
      await get(
        admin,
        `/api/v1/investment/disbursements?investor=${investor.code}&from=2025-01-01&to=2025-06-15`,
      )
    ).json();
    expect(list.total).toBe(investor.disbursed);
    expect(list.records.map((r: { key: string }) => r.key)).toEqual(['D2', 'D1']);
  });

  it('shows a project with its plan by source, plan revisions, disbursements and forecast', async () => {
    await post(officer, '/api/v1/investment/plans', {
      rows: [{ ...PLANS[0], amount: 120 * TY, decision: 'QĐ 55/QĐ-UBND' }],
    });
    const p = (await get(admin, '/api/v1/investment/projects/P1?year=2025&date=2025-06-15')).json();
    expect(p).toMatchObject({
      plan: 220 * TY,
      disbursed: 50 * TY,
      responsible: { name: 'Người phụ trách P1' },
    });
    expect(p.rate).toBeCloseTo((50 / 220) * 100, 10);
    expect(
      p.plans
        .filter((x: { year: number }) => x.year === 2025)
        .map((x: { source: { code: string }; amount: number }) => [x.source.code, x.amount / TY]),
    ).toEqual([
      ['NST', 120],
      ['NSTW', 100],
    ]);
    expect(p.planRevisions).toEqual([
      expect.objectContaining({ year: 2025, amount: 100 * TY, decision: 'QĐ 10/QĐ-UBND', revision: 1 }),
    ]);
    expect(p.disbursements.map((d: { key: string }) => d.key)).toEqual(['D4', 'D5', 'D1', 'D2']);
    expect(p.forecast).toMatchObject({ years: 2 });
  });

  it('puts disbursement and the rate into the warehouse, with projects behind the path', async () => {
    const { services, handle } = ctx;
    expect(await warehouseValue(services, handle.db, 'DTC_GIAI_NGAN', '70', '2025')).toBeCloseTo(100, 9);
    expect(await warehouseValue(services, handle.db, 'DTC_KE_HOACH', '70', '2025')).toBeCloseTo(320, 9);
    expect(await warehouseValue(services, handle.db, 'DTC_TY_LE_GIAI_NGAN', '692', '2025')).toBeCloseTo(
      (50 / 220) * 100,
      9,
    );
    expect(await warehouseValue(services, handle.db, 'DTC_SO_DU_AN', '70', '2025-06')).toBe(2);
    expect(await warehouseValue(services, handle.db, 'DTC_DU_AN_CHAM', '70', '2025-06')).toBe(1);
    expect(await warehouseValue(services, handle.db, 'DTC_DU_AN_CHAM', '689', '2025-06')).toBe(0);
  });

  it('lets administrators set the target path as data, and recomputes who lags', async () => {
    const points = {
      points: [
        { day: '06-30', percent: 20 },
        { day: '12-31', percent: 90 },
      ],
    };
    const refused = await ctx.app.inject({
      method: 'PUT',
      url: '/api/v1/investment/target-path/2025',
      headers: auth(officer),
      payload: points,
    });
    expect(refused.statusCode).toBe(403);
    const res = await ctx.app.inject({
      method: 'PUT',
      url: '/api/v1/investment/target-path/2025',
      headers: auth(admin),
      payload: points,
    });
    expect(res.statusCode).toBe(200);
    expect((await get(officer, '/api/v1/investment/target-path/2025')).json()).toEqual({
      year: 2025,
      ...points,
    });
    // 2026 has no path of its own and follows 2025's; 2024 keeps the default.
    expect((await get(officer, '/api/v1/investment/target-path/2026')).json().year).toBe(2025);
    expect((await get(officer, '/api/v1/investment/target-path/2024')).json().points).toHaveLength(12);
    const s = (await get(admin, '/api/v1/investment/summary?unit=70&year=2025&date=2025-06-15')).json();
    expect(s.target).toBeCloseTo((20 * 166) / 181, 10);
    expect(s.lagging).toHaveLength(0);
    expect(await warehouseValue(ctx.services, ctx.handle.db, 'DTC_DU_AN_CHAM', '70', '2025-06')).toBe(0);
  });

  it('shows a district officer only its district and refuses writes for other districts', async () => {
    const s = (await get(districtOfficer, '/api/v1/investment/summary?year=2025&date=2025-06-15')).json();
    expect(s.unit.code).toBe('692');
    expect(s.total.projects).toBe(1);
    expect((await get(districtOfficer, '/api/v1/investment/projects/P2')).statusCode).toBe(403);
    const write = await post(districtOfficer, '/api/v1/investment/disbursements', {
      rows: [{ key: 'D99', project: 'P2', date: '2025-06-16', amount: 1, source: 'NST' }],
    });
    expect(write.json().details.errors[0]).toMatchObject({ code: 'OUT_OF_SCOPE' });
  });
});
