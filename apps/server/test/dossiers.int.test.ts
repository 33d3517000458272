import { DOSSIER_FIGURES, type DossierFigure } from '@ioc/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, loadFixture, loginAs, startTestApp, type TestContext } from './harness.js';

const dossier = (
  code: string,
  unit: string,
  agencyCode: string,
  received: string,
  due: string | null,
  finished: string | null,
  extra: Record<string, unknown> = {},
) => ({
  code,
  procedureCode: code < 'F' ? '1.001' : '2.002',
  procedureName: code < 'F' ? 'Cấp giấy chứng nhận quyền sử dụng đất' : 'Đăng ký hộ kinh doanh',
  fieldCode: code < 'F' ? 'DAT_DAI' : 'KINH_DOANH',
  fieldName: code < 'F' ? 'Đất đai' : 'Thành lập và hoạt động của hộ kinh doanh',
  agencyCode,
  agencyName: agencyCode === 'UBND_D1' ? 'UBND huyện Một' : 'UBND xã',
  unit,
  handler: 'Trần Thị Xử Lý',
  channel: 'direct',
  receivedAt: `${received}+07:00`,
  dueAt: due ? `${due}+07:00` : null,
  finishedAt: finished ? `${finished}+07:00` : null,
  status: finished ? 'finished' : 'in_progress',
  ...extra,
});

/** The fixture of dossier-figures.int.test.ts spread over units: the March 2024 figures are counted by hand. */
const FIXTURE = [
  dossier('A', 'C1', 'UBND_D1', '2024-02-20T09:00', '2024-03-05T17:00', '2024-03-04T10:00'),
  dossier('B', 'C1', 'UBND_D1', '2024-02-25T09:00', '2024-03-02T17:00', '2024-03-10T10:00'),
  dossier('C', 'C1', 'UBND_D1', '2024-02-10T09:00', '2024-02-20T17:00', '2024-02-28T10:00'),
  dossier('D', 'C2', 'UBND_C2', '2024-03-03T09:00', '2024-03-10T17:00', '2024-03-09T10:00', {
    channel: 'online',
    hasFee: true,
    paidOnline: true,
    digitised: true,
    publishedAt: '2024-03-03T10:00+07:00',
    steps: [
      { kind: 'received', at: '2024-03-03T09:00+07:00', agency: 'UBND xã Hai' },
      {
        kind: 'transferred',
        at: '2024-03-04T10:00+07:00',
        agency: 'UBND huyện Một',
        note: 'Chuyển phòng TN-MT',
      },
      { kind: 'supplement_requested', at: '2024-03-05T10:00+07:00', note: 'Bổ sung bản đồ' },
      { kind: 'finished', at: '2024-03-09T10:00+07:00' },
    ],
  }),
  // Published on the national portal 30 hours after reception: too late to count as published.
  dossier('E', 'C2', 'UBND_C2', '2024-03-15T09:00', '2024-03-21T08:00', null, {
    hasFee: true,
    publishedAt: '2024-03-16T15:00+07:00',
  }),
  dossier('F', 'C3', 'UBND_D1', '2024-03-28T09:00', '2024-04-01T12:00', null, { channel: 'online' }),
  dossier('G', 'C3', 'UBND_D1', '2024-03-30T09:00', '2024-04-10T17:00', '2024-04-05T10:00', {
    channel: 'post',
  }),
  dossier('H', 'C4', 'UBND_C4', '2024-01-15T09:00', '2024-02-15T17:00', null),
  dossier('I', 'C4', 'UBND_C4', '2024-04-02T09:00', '2024-04-09T17:00', null),
  dossier('J', 'D1', 'UBND_D1', '2024-03-20T08:00', null, '2024-03-21T10:00'),
];

/** March 2024 as of 1 June 2024, counted by hand (see dossier-figures.int.test.ts). */
const MARCH_P: Record<DossierFigure, number> = {
  received: 5,
  carried_over: 3,
  to_process: 8,
  done: 4,
  done_on_time: 3,
  done_late: 1,
  in_progress: 4,
  in_progress_late: 2,
  in_progress_due_soon: 1,
  in_progress_not_due: 1,
  online: 2,
  with_fee: 2,
  paid_online: 1,
  digitised: 1,
  published: 1,
};

describe.each(ENGINES)('dossiers on $name', (engine) => {
  let ctx: TestContext;
  let admin: string;
  let viewer: string;
  let scopedD2: string;
  let now = new Date('2024-06-01T00:00:00+07:00');
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    ctx = await startTestApp(engine, { clock: () => now });
    await loadFixture(ctx.services);
    await ctx.services.catalogue.upsertIndicators(
      'cli',
      [
        ['DVC_HS_TIEP_NHAN', 'sum'],
        ['DVC_HS_QUA_HAN', 'last'],
        ['DVC_HS_DANG_XU_LY', 'last'],
      ].map(([code, time]) => ({
        code: code!,
        nameVi: code!,
        nameEn: code!,
        domainCode: 'TTHC',
        unitOfMeasure: 'hồ sơ',
        periodType: 'month',
        aggregation: 'sum',
        timeAggregation: time as 'sum' | 'last',
        decimals: 0,
        direction: 'lower_better',
        thresholds: { mode: 'achievement', yellow: 100, orange: 110, red: 125 },
        source: 'Một cửa',
        isPublic: false,
      })) as never,
    );
    admin = await loginAs(ctx, { username: 'admin', role: 'administrator' });
    viewer = await loginAs(ctx, { username: 'viewer', role: 'viewer' });
    scopedD2 = await loginAs(ctx, { username: 'huyen2', role: 'data_officer', scopeUnitCode: 'D2' });
  });
  afterAll(() => ctx.close());

  const push = (token: string | null, payload: unknown, headers: Record<string, string> = {}) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { ...(token ? auth(token) : {}), ...headers },
      payload: payload as object,
    });
  const get = (token: string, url: string) => ctx.app.inject({ method: 'GET', url, headers: auth(token) });
  const count = async () =>
    Number(
      (
        await ctx.handle.db
          .selectFrom('dossiers')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses an anonymous caller (401), a viewer (403) and a body of the wrong shape (400)', async () => {
    expect((await push(null, { dossiers: [] })).json()).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Cần đăng nhập.',
    });
    const forbidden = await push(viewer, { dossiers: [] });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('FORBIDDEN');
    const bad = await push(admin, { records: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });

  it('reports every bad row with its place and reason in Vietnamese, and stores nothing', async () => {
    const res = await push(admin, {
      dossiers: [
        FIXTURE[0],
        { ...FIXTURE[1], unit: 'X9' },
        { ...FIXTURE[2], channel: 'fax' },
        { ...FIXTURE[3], receivedAt: '31/02/2024 25:00' },
        { ...FIXTURE[4], dueAt: '2024-03-01T00:00+07:00' },
        { ...FIXTURE[5], status: 'finished' },
        { ...FIXTURE[6], paidOnline: true },
      ],
    });
    expect(res.statusCode).toBe(422);
    const { errors } = res.json().details;
    expect(errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [2, 'unit'],
      [3, 'channel'],
      [4, 'receivedAt'],
      [5, 'dueAt'],
      [6, 'finishedAt'],
      [7, 'paidOnline'],
    ]);
    expect(errors[0].message).toBe('Không có đơn vị hành chính mã "X9".');
    expect(errors[3].message).toBe('Hạn xử lý trước thời điểm tiếp nhận.');
    expect(errors[4].message).toBe('Hồ sơ ở trạng thái "finished" cần thời điểm hoàn thành.');
    expect(await count()).toBe(0);
  });

  it('stores a batch once however often it is sent, and audits it', async () => {
    const first = await push(admin, { dossiers: FIXTURE });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ received: 10, inserted: 10, updated: 0, unchanged: 0 });
    const again = await push(admin, { dossiers: FIXTURE });
    expect(again.json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 10 });
    expect(await count()).toBe(10);
    const audit = await ctx.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'dossiers')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ inserted: 10, source: 'API' });
  });

  it('keeps the previous version when a record changes, and shows the timeline', async () => {
    const changed = { ...FIXTURE[4], handler: 'Lê Văn Mới' };
    const res = await push(admin, { dossiers: [changed] }, { 'idempotency-key': 'push-E-handler-1' });
    expect(res.json()).toMatchObject({ updated: 1 });
    const replay = await push(admin, { dossiers: [changed] }, { 'idempotency-key': 'push-E-handler-1' });
    expect(replay.json()).toEqual(res.json());
    const reused = await push(admin, { dossiers: [FIXTURE[4]] }, { 'idempotency-key': 'push-E-handler-1' });
    expect(reused.statusCode).toBe(409);
    const e = (await get(admin, '/api/v1/dossiers/E')).json();
    expect(e).toMatchObject({ code: 'E', handler: 'Lê Văn Mới', revision: 2, standing: 'late' });
    expect(e.revisions).toHaveLength(1);
    expect(e.revisions[0].record).toMatchObject({ handler: 'Trần Thị Xử Lý' });
    const d = (await get(admin, '/api/v1/dossiers/D')).json();
    expect(d.steps.map((s: { kind: string }) => s.kind)).toEqual([
      'received',
      'transferred',
      'supplement_requested',
      'finished',
    ]);
    expect(d.standing).toBe('done_on_time');
  });

  it('takes CSV and XLSX files and names the line and column of each error', async () => {
    const csv =
      'ma_ho_so;ma_thu_tuc;ten_thu_tuc;ma_linh_vuc;ten_linh_vuc;ma_co_quan;ten_co_quan;ma_don_vi;can_bo_xu_ly;kenh;ngay_tiep_nhan;han_xu_ly;ngay_hoan_thanh;trang_thai\n' +
      'K1;1.001;Cấp GCN;DAT_DAI;Đất đai;UBND_C1;UBND xã Một;C1;Ngô Văn A;Trực tuyến;15/05/2024 08:00;20/05/2024 17:00;;Đang xử lý\n' +
      'K2;1.001;Cấp GCN;DAT_DAI;Đất đai;UBND_C1;UBND xã Một;C1;Ngô Văn A;trực tiếp;16/05/2024;xx;;Đang xử lý\n';
    const upload = (body: string | Buffer, type: string, mode = 'all') =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/v1/dossiers/import?mode=${mode}&filename=ho-so.csv`,
        headers: { ...auth(admin), 'content-type': type },
        payload: body,
      });
    const refused = await upload(csv, 'text/csv');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details.errors).toEqual([
      expect.objectContaining({
        row: 3,
        field: 'dueAt',
        message: expect.stringContaining('Hạn xử lý "xx" sai định dạng'),
      }),
    ]);
    expect(await count()).toBe(10);
    const partial = await upload(csv, 'text/csv', 'partial');
    expect(partial.statusCode).toBe(207);
    expect(partial.json()).toMatchObject({ inserted: 1, rejected: 1 });
    const k1 = (await get(admin, '/api/v1/dossiers/K1')).json();
    expect(k1).toMatchObject({ channel: 'online', receivedAt: '2024-05-15T01:00:00.000Z' });

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Hồ sơ');
    sheet.addRow([
      'Mã hồ sơ',
      'Mã thủ tục',
      'Tên thủ tục',
      'Mã lĩnh vực',
      'Lĩnh vực',
      'Mã cơ quan',
      'Cơ quan',
      'Mã đơn vị',
      'Kênh',
      'Ngày tiếp nhận',
      'Trạng thái',
    ]);
    sheet.addRow([
      'X1',
      '1.001',
      'Cấp GCN',
      'DAT_DAI',
      'Đất đai',
      'UBND_C3',
      'UBND xã Ba',
      'C3',
      'bưu chính',
      new Date(Date.UTC(2024, 4, 20, 8, 30)),
      'received',
    ]);
    const xlsx = await upload(
      Buffer.from(await workbook.xlsx.writeBuffer()),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.json()).toMatchObject({ inserted: 1 });
    expect((await get(admin, '/api/v1/dossiers/X1')).json()).toMatchObject({
      channel: 'post',
      receivedAt: '2024-05-20T01:30:00.000Z',
    });
  });

  it('computes the figures of a month per unit, agency and field as counted by hand', async () => {
    const res = await get(admin, '/api/v1/dossiers/figures?period=2024-03&by=unit');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unit.code).toBe('P');
    const province = body.rows[0];
    expect(province.key).toBe('P');
    for (const figure of DOSSIER_FIGURES)
      expect([figure, province.month[figure]]).toEqual([figure, MARCH_P[figure]]);
    expect(province.month).toMatchObject({
      onlineRate: 40,
      onlinePaymentRate: 50,
      lateRate: 37.5,
      onTimeRate: 62.5,
    });
    // Year to date (January–March): H and C were received in the period too.
    expect(province.ytd).toMatchObject({ received: 9, carried_over: 0, done: 5, in_progress_late: 2 });
    const d1 = body.rows.find((r: { key: string }) => r.key === 'D1');
    // D1 holds A B (C1), D E (C2), F G (C3) and J (its own); H is in D2.
    expect(d1.month).toMatchObject({ to_process: 7, done_late: 1, in_progress_late: 1 });
    const d2 = body.rows.find((r: { key: string }) => r.key === 'D2');
    expect(d2.month).toMatchObject({ to_process: 1, carried_over: 1, in_progress_late: 1 });

    const byAgency = (await get(admin, '/api/v1/dossiers/figures?period=2024-03&by=agency')).json();
    expect(
      byAgency.rows.map((r: { key: string; month: { to_process: number } }) => [r.key, r.month.to_process]),
    ).toEqual([
      ['UBND_D1', 5], // A B F G J
      ['UBND_C2', 2],
      ['UBND_C4', 1],
    ]);
    const byField = (await get(admin, '/api/v1/dossiers/figures?period=2024-03&by=field')).json();
    expect(byField.rows.map((r: { key: string; month: { done: number } }) => [r.key, r.month.done])).toEqual([
      ['DAT_DAI', 3], // A B D E: A B D done
      ['KINH_DOANH', 1], // F G H J: J done
    ]);
  });

  it('lists exactly the dossiers behind every figure: the total equals the figure', async () => {
    const scopes = ['unit=P', 'unit=D1', 'unit=C2', 'unit=D2', 'agency=UBND_D1', 'field=DAT_DAI'];
    for (const period of ['2024-03', '2024-04', '2024-YTD03']) {
      for (const scope of scopes) {
        const [by, key] = scope.split('=') as ['unit' | 'agency' | 'field', string];
        const figures = (
          await get(admin, `/api/v1/dossiers/figures?period=${period}&${by === 'unit' ? scope : `by=${by}`}`)
        ).json();
        const row = figures.rows.find((r: { key: string }) => r.key === key);
        const counts = period.includes('YTD') ? row?.ytd : row?.month;
        for (const figure of DOSSIER_FIGURES) {
          const list = (
            await get(admin, `/api/v1/dossiers?figure=${figure}&period=${period}&${scope}&pageSize=2`)
          ).json();
          expect([period, scope, figure, list.total]).toEqual([period, scope, figure, counts?.[figure] ?? 0]);
          expect(list.items.length).toBe(Math.min(2, list.total));
        }
      }
    }
    const late = (await get(admin, '/api/v1/dossiers?figure=DVC_HS_QUA_HAN&period=2024-03&unit=P')).json();
    expect(late.items.map((d: { code: string }) => d.code)).toEqual(['H', 'E']);
    expect(late.items[0]).toMatchObject({
      unit: { code: 'C4' },
      handler: 'Trần Thị Xử Lý',
      agencyName: 'UBND xã',
    });
    const csv = await get(admin, '/api/v1/dossiers?figure=in_progress_late&period=2024-03&unit=P&format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n').filter((l) => /^[A-Z]\d?;/.test(l))).toHaveLength(2);
  });

  it('counts the running month as of now', async () => {
    now = new Date('2024-03-20T12:00:00+07:00');
    const province = (await get(admin, '/api/v1/dossiers/figures?period=2024-03')).json().rows[0];
    expect(province.month).toMatchObject({
      received: 3,
      to_process: 6,
      in_progress_late: 1,
      in_progress_due_soon: 1,
    });
    const soon = (await get(admin, '/api/v1/dossiers?figure=in_progress_due_soon&period=2024-03')).json();
    expect(soon.items.map((d: { code: string }) => d.code)).toEqual(['E']);
    now = new Date('2024-06-01T00:00:00+07:00');
  });

  it('writes the figures into the warehouse at every level, so roll-ups and the map follow', async () => {
    await ctx.services.figures.drain();
    await ctx.services.refresher.drain();
    const values = (
      await get(admin, '/api/v1/indicators/DVC_HS_QUA_HAN/values?period=2024-03&level=district')
    ).json();
    const byUnit = Object.fromEntries(
      values.rows.map((u: { unit: { code: string }; value: number }) => [u.unit.code, u.value]),
    );
    expect(byUnit).toMatchObject({ D1: 1, D2: 1 });
    const received = (
      await get(admin, '/api/v1/indicators/DVC_HS_TIEP_NHAN/values?period=2024-03&level=commune')
    ).json();
    expect(
      Object.fromEntries(
        received.rows.map((u: { unit: { code: string }; value: number }) => [u.unit.code, u.value]),
      ),
    ).toMatchObject({
      C1: 0,
      C2: 2,
      C3: 2,
      C4: 0,
    });
    const quarter = (
      await get(admin, '/api/v1/indicators/DVC_HS_TIEP_NHAN/values?period=2024-Q1&level=district')
    ).json();
    expect(quarter.rows.find((u: { unit: { code: string } }) => u.unit.code === 'D1').value).toBe(8); // A B C D E F G J
  });

  it('keeps each user inside their unit scope', async () => {
    const outside = await get(scopedD2, '/api/v1/dossiers?figure=to_process&period=2024-03&unit=D1');
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('OUT_OF_SCOPE');
    expect((await get(scopedD2, '/api/v1/dossiers/A')).statusCode).toBe(403);
    const own = (await get(scopedD2, '/api/v1/dossiers?figure=to_process&period=2024-03')).json();
    expect(own).toMatchObject({ unit: { code: 'D2' }, total: 1 });
    const write = await push(scopedD2, { dossiers: [{ ...FIXTURE[0], code: 'Z1' }] });
    expect(write.json().details.errors[0]).toMatchObject({ field: 'unit', code: 'OUT_OF_SCOPE' });
  });

  it('ranks agencies by the 766 index with the component that costs each the most', async () => {
    const fill = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers/satisfaction',
      headers: auth(admin),
      payload: { rows: [{ agency: 'UBND_C2', unit: 'C2', month: '2024-03', ratings: 10, satisfied: 9 }] },
    });
    expect(fill.json()).toEqual({ written: 1 });
    const res = (await get(admin, '/api/v1/dossiers/index-766?month=2024-03&by=agency')).json();
    const c2 = res.rows.find((r: { key: string }) => r.key === 'UBND_C2');
    // C2 in March: D (online, paid online, digitised, published within the hour, on time), E (late,
    // fee at the desk, published after 30 hours).
    // publicity 50 % → 9, progress 50 % → 10, online 50 % → 6, payment 50 % → 5, satisfaction 90 % → 16.2,
    // digitisation 50 % → 11: total 57.2, digitisation loses the most (11).
    expect(c2.index.total).toBeCloseTo(57.2, 10);
    expect(c2.index.costliest).toBe('digitisation');
    expect(res.rows[0].rank).toBe(1);
  });
});
