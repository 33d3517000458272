import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFinanceCatalogue, TY, warehouseValue } from './finance-fixture.js';
import { ENGINES, loginAs, startTestApp, type TestContext } from './harness.js';

const record = (
  key: string,
  date: string,
  item: string,
  unit: string,
  tỷ: number,
  organisation = 'CUC_THUE',
) => ({
  key,
  kind: 'thu',
  item,
  organisation,
  unit,
  date,
  amount: tỷ * TY,
});

/**
 * Hand-computed on 15/06/2025, revenue, province 70: day = R2 + R6 = 75 tỷ; month = R1 + R2 + R6
 * = 175; YTD = 100 + 50 + 200 + 25 = 375; same period 2024 = R4 = 80 (R5 is after 15/06/2024);
 * estimate 1 000 + 500 = 1 500 → 25 %. Đồng Xoài (689): YTD 150 of 1 000; Lộc Ninh (692): 225 of 500.
 */
const RECORDS = [
  record('R1', '2025-06-10', 'THUE_TNCN', '25195', 100),
  record('R2', '2025-06-15', 'THUE_TNCN', '689', 50),
  record('R3', '2025-05-02', 'TIEN_SDD', '25270', 200),
  record('R4', '2024-06-10', 'THUE_TNCN', '25195', 80),
  record('R5', '2024-07-01', 'THUE_TNCN', '689', 999),
  record('R6', '2025-06-15', 'TIEN_SDD', '692', 25),
];
const ESTIMATES = [
  { year: 2025, kind: 'thu', item: 'THUE_TNCN', organisation: 'CUC_THUE', unit: '689', amount: 1000 * TY },
  { year: 2025, kind: 'thu', item: 'TIEN_SDD', organisation: 'CUC_THUE', unit: '692', amount: 500 * TY },
];

describe.each(ENGINES)('budget records on $name', (engine) => {
  let ctx: TestContext;
  let admin: string;
  let viewer: string;
  let officer: string;
  let districtOfficer: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const post = (token: string | null, url: string, payload: unknown, headers: Record<string, string> = {}) =>
    ctx.app.inject({
      method: 'POST',
      url,
      headers: { ...(token ? auth(token) : {}), ...headers },
      payload: payload as string,
    });
  const get = (token: string, url: string) => ctx.app.inject({ method: 'GET', url, headers: auth(token) });
  const count = async () =>
    Number(
      (
        await ctx.handle.db
          .selectFrom('budget_records')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await loadFinanceCatalogue(ctx.services);
    admin = await loginAs(ctx, { username: 'admin', role: 'administrator' });
    viewer = await loginAs(ctx, { username: 'viewer', role: 'viewer' });
    officer = await loginAs(ctx, { username: 'canbo', role: 'data_officer' });
    districtOfficer = await loginAs(ctx, { username: 'locninh', role: 'data_officer', scopeUnitCode: '692' });
  }, 60_000);
  afterAll(() => ctx.close());

  it('refuses an anonymous caller with 401 and a viewer with 403', async () => {
    expect((await post(null, '/api/v1/budget/records', { rows: [] })).json()).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Cần đăng nhập.',
    });
    const res = await post(viewer, '/api/v1/budget/records', { rows: [] });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect((await get(viewer, '/api/v1/budget/summary?kind=revenue')).statusCode).toBe(200);
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/v1/budget/summary?kind=revenue' })).statusCode,
    ).toBe(401);
  });

  it('reports every bad row in Vietnamese and stores nothing', async () => {
    const res = await post(officer, '/api/v1/budget/records', {
      rows: [
        RECORDS[0],
        { ...RECORDS[1], item: 'CHI_YT' },
        { ...RECORDS[2], unit: '99999' },
        { ...RECORDS[3], date: '31/02/2025' },
        { ...RECORDS[4], amount: 'nhiều' },
        { ...RECORDS[5], organisation: 'KHONG_CO' },
        { ...RECORDS[0] },
        { ...RECORDS[1], unit: '689', date: '2025-07-05' },
      ],
    });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('ROWS_REJECTED');
    expect(body.details.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [2, 'WRONG_KIND'],
      [3, 'UNKNOWN_UNIT'],
      [4, 'BAD_DATE'],
      [5, 'BAD_VALUE'],
      [6, 'UNKNOWN_CODE'],
      [7, 'DUPLICATE_ROW'],
      [8, 'OUTSIDE_VALIDITY'],
    ]);
    expect(body.details.errors[0].message).toBe(
      'Khoản "CHI_YT" (Chi sự nghiệp y tế, dân số và gia đình) không phải khoản thu.',
    );
    expect(await count()).toBe(0);
  });

  it('stores the valid rows of a partial request and reports the rest', async () => {
    const res = await post(officer, '/api/v1/budget/records?mode=partial', {
      rows: [RECORDS[0], { ...RECORDS[1], unit: '99999' }],
    });
    expect(res.statusCode).toBe(207);
    expect(res.json()).toMatchObject({ received: 2, inserted: 1, rejected: 1 });
    expect(await count()).toBe(1);
  });

  it('stores a record sent twice once, keeps a correction’s history and audits the writes', async () => {
    const first = await post(officer, '/api/v1/budget/records', { rows: RECORDS });
    expect(first.json()).toMatchObject({ inserted: 5, updated: 0, unchanged: 1 });
    const again = await post(officer, '/api/v1/budget/records', { rows: RECORDS });
    expect(again.json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 6 });
    expect(await count()).toBe(6);
    const corrected = await post(officer, '/api/v1/budget/records', {
      rows: [{ ...RECORDS[5], amount: 30 * TY }],
    });
    expect(corrected.json()).toMatchObject({ updated: 1 });
    const restored = await post(officer, '/api/v1/budget/records', { rows: [RECORDS[5]] });
    expect(restored.json()).toMatchObject({ updated: 1 });
    const history = await ctx.handle.db
      .selectFrom('record_revisions')
      .select(['revision', 'data'])
      .where('entity', '=', 'budget_records')
      .where('key', '=', 'R6')
      .orderBy('revision')
      .execute();
    expect(history.map((h) => [h.revision, (h.data as { amount: number }).amount])).toEqual([
      [1, 25 * TY],
      [2, 30 * TY],
    ]);
    const api = (await get(admin, '/api/v1/budget/records/R6/history')).json();
    expect(
      api.revisions.map((r: { revision: number; data: { amount: number } }) => [
        r.revision,
        r.data.amount / TY,
      ]),
    ).toEqual([
      [1, 25],
      [2, 30],
      [3, 25],
    ]);
    const audit = await ctx.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'budget_records')
      .execute();
    expect(audit.length).toBe(4);
    expect(audit.every((a) => a.actor === 'canbo')).toBe(true);
  });

  it('answers a retry with the same Idempotency-Key as the first time, and refuses the key for another body', async () => {
    const headers = { 'idempotency-key': 'du-toan-2025-lan-1' };
    const first = await post(officer, '/api/v1/budget/estimates', { rows: ESTIMATES }, headers);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ inserted: 2 });
    const retry = await post(officer, '/api/v1/budget/estimates', { rows: ESTIMATES }, headers);
    expect(retry.json()).toEqual(first.json());
    const other = await post(officer, '/api/v1/budget/estimates', { rows: ESTIMATES.slice(0, 1) }, headers);
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('takes a CSV with Vietnamese headers and dates, and an XLSX workbook', async () => {
    const csv =
      '\uFEFFMã chứng từ;Loại;Mã khoản;Mã cơ quan;Mã địa bàn;Ngày;Số tiền;Nội dung\n' +
      'C1;chi;CHI_YT;SO_YT;70;05/06/2025;1.500.000.000;Mua thiết bị\n' +
      'C2;chi;CHI_YT;SO_YT;70;32/06/2025;1;\n';
    const bad = await post(officer, '/api/v1/budget/records', csv, { 'content-type': 'text/csv' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details.errors).toEqual([
      expect.objectContaining({ row: 3, field: 'date', code: 'BAD_DATE' }),
    ]);
    const ok = await post(officer, '/api/v1/budget/records?mode=partial', csv, {
      'content-type': 'text/csv',
    });
    expect(ok.json()).toMatchObject({ inserted: 1, rejected: 1 });

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Chi');
    sheet.addRow(['Mã chứng từ', 'Loại', 'Mã khoản', 'Mã cơ quan', 'Mã địa bàn', 'Ngày', 'Số tiền']);
    sheet.addRow(['X1', 'chi', 'CHI_GD', 'SO_GDDT', '70', new Date(Date.UTC(2025, 5, 6)), 2 * TY]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const xlsx = await post(officer, '/api/v1/budget/records', buffer, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.json()).toMatchObject({ inserted: 1 });
    const stored = await ctx.handle.db
      .selectFrom('budget_records')
      .selectAll()
      .where('key', '=', 'X1')
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ date: '2025-06-06', amount: 2 * TY, item_code: 'CHI_GD' });
  });

  it('computes day, month, YTD, estimate and the same period last year by item and unit', async () => {
    const res = await get(admin, '/api/v1/budget/summary?kind=revenue&unit=70&date=2025-06-15');
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.total).toMatchObject({
      day: 75 * TY,
      month: 175 * TY,
      ytd: 375 * TY,
      lastYearYtd: 80 * TY,
      estimate: 1500 * TY,
      percentOfEstimate: 25,
    });
    expect(s.total.changePercent).toBeCloseTo(368.75, 10);
    // The chart: every month of last year and this year to date.
    expect(s.months.map((m: { month: string; amount: number }) => [m.month, m.amount / TY])).toEqual([
      ['2024-06', 80],
      ['2024-07', 999],
      ['2025-05', 200],
      ['2025-06', 175],
    ]);
    const byUnit = Object.fromEntries(
      s.byUnit.map((u: { code: string; ytd: number; percentOfEstimate: number }) => [
        u.code,
        [u.ytd / TY, u.percentOfEstimate],
      ]),
    );
    expect(byUnit).toEqual({ '689': [150, 15], '692': [225, 45] });
    expect(s.byItem.map((i: { code: string; ytd: number }) => [i.code, i.ytd / TY])).toEqual([
      ['TIEN_SDD', 225],
      ['THUE_TNCN', 150],
    ]);
  });

  it('lists exactly the records behind a figure: count and total equal it', async () => {
    const s = (await get(admin, '/api/v1/budget/summary?kind=revenue&unit=692&date=2025-06-15')).json();
    for (const [from, figure] of [
      [s.windows.ytd.from, s.total.ytd],
      [s.windows.month.from, s.total.month],
    ] as const) {
      const list = (
        await get(admin, `/api/v1/budget/records?kind=revenue&unit=692&from=${from}&to=2025-06-15`)
      ).json();
      expect(list.total).toBe(figure);
      expect(list.records.reduce((sum: number, r: { amount: number }) => sum + r.amount, 0)).toBe(figure);
    }
    const byItem = (
      await get(
        admin,
        '/api/v1/budget/records?kind=revenue&unit=70&item=THUE_TNCN&from=2025-01-01&to=2025-06-15',
      )
    ).json();
    expect(byItem.records.map((r: { key: string }) => r.key).sort()).toEqual(['R1', 'R2']);
  });

  it('lists a province department’s own spending apart from the districts’ (the “own level” line)', async () => {
    await post(officer, '/api/v1/budget/records', {
      rows: [{ ...record('D1', '2025-06-06', 'CHI_GD', '689', 3, 'UBND_689'), kind: 'chi' }],
    });
    const s = (await get(admin, '/api/v1/budget/summary?kind=expenditure&unit=70&date=2025-06-15')).json();
    const own = s.byUnit.find((u: { isSelf: boolean }) => u.isSelf);
    expect(own).toMatchObject({ code: '70', ytd: 3.5 * TY });
    const exact = (
      await get(
        admin,
        '/api/v1/budget/records?kind=expenditure&unit=70&exact=true&from=2025-01-01&to=2025-06-15',
      )
    ).json();
    expect(exact.total).toBe(own.ytd);
    expect(exact.records.map((r: { key: string }) => r.key).sort()).toEqual(['C1', 'X1']);
    const all = (
      await get(admin, '/api/v1/budget/records?kind=expenditure&unit=70&from=2025-01-01&to=2025-06-15')
    ).json();
    expect(all.total).toBe(s.total.ytd);
    expect(s.total.ytd).toBe(6.5 * TY);
  });

  it('pushes the figures into the warehouse indicators, ratio recomputed from its parts', async () => {
    const { services, handle } = ctx;
    expect(await warehouseValue(services, handle.db, 'NS_THU_NSNN', '70', '2025')).toBeCloseTo(375, 9);
    expect(await warehouseValue(services, handle.db, 'NS_THU_NSNN', '689', '2025-06')).toBeCloseTo(150, 9);
    expect(await warehouseValue(services, handle.db, 'NS_THU_TIEN_SDD', '692', '2025')).toBeCloseTo(225, 9);
    expect(await warehouseValue(services, handle.db, 'NS_THU_NSNN', '70', '2024')).toBeCloseTo(1079, 9);
    expect(await warehouseValue(services, handle.db, 'NS_TY_LE_THU_DU_TOAN', '70', '2025')).toBeCloseTo(
      25,
      9,
    );
    expect(await warehouseValue(services, handle.db, 'NS_CHI_NSDP', '70', '2025-06-06')).toBeCloseTo(5, 9);
    expect(await warehouseValue(services, handle.db, 'NS_CHI_NSDP', '689', '2025-06-06')).toBeCloseTo(3, 9);
  });

  it('shows a district officer only its district, and refuses records outside it', async () => {
    const s = (await get(districtOfficer, '/api/v1/budget/summary?kind=revenue&date=2025-06-15')).json();
    expect(s.unit.code).toBe('692');
    expect(s.total.ytd).toBe(225 * TY);
    const list = (
      await get(districtOfficer, '/api/v1/budget/records?kind=revenue&from=2025-01-01&to=2025-12-31')
    ).json();
    expect(list.records.map((r: { key: string }) => r.key).sort()).toEqual(['R3', 'R6']);
    const outside = await get(
      districtOfficer,
      '/api/v1/budget/records?kind=revenue&unit=70&from=2025-01-01&to=2025-12-31',
    );
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('OUT_OF_SCOPE');
    const write = await post(districtOfficer, '/api/v1/budget/records', {
      rows: [record('Z1', '2025-06-01', 'PHI_LE_PHI', '689', 1)],
    });
    expect(write.statusCode).toBe(422);
    expect(write.json().details.errors[0]).toMatchObject({ code: 'OUT_OF_SCOPE', field: 'unit' });
  });
});
