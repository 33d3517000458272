import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, loadFixture, loginAs, startTestApp, type TestContext } from './harness.js';

describe.each(ENGINES)('POST /api/v1/observations on $name', (engine) => {
  let ctx: TestContext;
  let admin: string;
  let viewer: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const count = async () =>
    Number(
      (
        await ctx.handle.db
          .selectFrom('observations')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await loadFixture(ctx.services);
    admin = await loginAs(ctx, { username: 'admin', role: 'administrator' });
    viewer = await loginAs(ctx, { username: 'viewer', role: 'viewer' });
  });
  afterAll(() => ctx.close());

  const post = (token: string | null, payload: unknown, extra: Record<string, string> = {}) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/observations',
      headers: { ...(token ? auth(token) : {}), ...extra },
      payload: payload as string,
    });

  it('refuses an anonymous caller with 401', async () => {
    const res = await post(null, { rows: [] });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Cần đăng nhập.' });
  });

  it('refuses a viewer with 403', async () => {
    const res = await post(viewer, { rows: [] });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a body of the wrong shape with 400', async () => {
    const res = await post(admin, { lines: [] });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });

  it('reports every bad row with its place and reason, and stores nothing', async () => {
    await post(admin, { rows: [{ indicator: 'THU', unit: 'C1', period: '2024-01', value: 5 }] });
    const before = await count();
    const res = await post(admin, {
      rows: [
        { indicator: 'THU', unit: 'C2', period: '2024-01', value: 1 },
        { indicator: 'KHONG_CO', unit: 'C1', period: '2024-01', value: 1 },
        { indicator: 'THU', unit: 'X9', period: '2024-01', value: 1 },
        { indicator: 'THU', unit: 'C1', period: '2024/01', value: 1 },
        { indicator: 'THU', unit: 'C1', period: '2024-Q1', value: 1 },
        { indicator: 'THU', unit: 'C1', period: '2024-02', value: 'mười' },
        { indicator: 'THU', unit: 'C2', period: '2024-01', value: 2 },
        { indicator: 'THU', unit: 'C4', period: '2024-07', value: 1 },
        { indicator: 'TL_DH', unit: 'C1', period: '2024-01', value: 90 },
      ],
    });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('ROWS_REJECTED');
    expect(body.message).toBe('Có dòng dữ liệu không hợp lệ; không dòng nào được lưu.');
    expect(
      body.details.errors.map((e: { row: number; field: string; code: string }) => [e.row, e.field, e.code]),
    ).toEqual([
      [2, 'indicator', 'UNKNOWN_INDICATOR'],
      [3, 'unit', 'UNKNOWN_UNIT'],
      [4, 'period', 'BAD_PERIOD'],
      [5, 'period', 'WRONG_PERIOD_TYPE'],
      [6, 'value', 'BAD_VALUE'],
      [7, 'row', 'DUPLICATE_ROW'],
      [8, 'period', 'OUTSIDE_VALIDITY'],
      [9, 'indicator', 'DERIVED_INDICATOR'],
    ]);
    expect(body.details.errors[0].message).toBe('Không có chỉ tiêu mã "KHONG_CO".');
    expect(body.details.errors[5].message).toBe('Trùng với dòng 1 (cùng chỉ tiêu, đơn vị, kỳ).');
    expect(body.details.errors[6].message).toContain('nằm ngoài thời gian tồn tại của đơn vị Xã Bốn');
    expect(await count()).toBe(before);
  });

  it('reads CSV with a BOM, semicolons and a Vietnamese decimal comma, and locates CSV errors by line', async () => {
    const csv = '\uFEFFindicator;unit;period;value\r\nTHU;C3;2024-01;1.234,5\r\nTHU;C3;2024-02;12,5\r\n';
    const ok = await post(admin, csv, { 'content-type': 'text/csv' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ inserted: 2, rejected: 0 });
    const stored = await ctx.handle.db
      .selectFrom('observations')
      .innerJoin('units', 'units.id', 'observations.unit_id')
      .select(['period', 'value'])
      .where('units.code', '=', 'C3')
      .orderBy('period')
      .execute();
    expect(stored).toEqual([
      { period: '2024-01', value: 1234.5 },
      { period: '2024-02', value: 12.5 },
    ]);
    const bad = await post(admin, 'indicator,unit,period,value\nTHU,C3,2024-03,7\n\nTHU,C3,2024-04,abc\n', {
      'content-type': 'text/csv',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details.errors).toMatchObject([
      { row: 4, field: 'value', code: 'BAD_VALUE', value: 'abc' },
    ]);
  });

  it('stores the valid rows in partial mode and reports the others with 207', async () => {
    const res = await post(admin, {
      mode: 'partial',
      rows: [
        { indicator: 'THU', unit: 'C1', period: '2024-05', value: 3 },
        { indicator: 'THU', unit: 'C1', period: '2024-13', value: 3 },
      ],
    });
    expect(res.statusCode).toBe(207);
    expect(res.json()).toMatchObject({
      received: 2,
      inserted: 1,
      rejected: 1,
      errors: [{ row: 2, code: 'BAD_PERIOD' }],
    });
  });

  it('is idempotent: a retry with the same key replays, a changed body with the same key is refused', async () => {
    const payload = { rows: [{ indicator: 'THU', unit: 'C2', period: '2024-06', value: 8 }] };
    const key = { 'idempotency-key': 'lan-gui-0001' };
    const first = await post(admin, payload, key);
    const again = await post(admin, payload, key);
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(first.json()).toMatchObject({ inserted: 1 });
    const plainRetry = await post(admin, payload);
    expect(plainRetry.json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    const reused = await post(
      admin,
      { rows: [{ indicator: 'THU', unit: 'C2', period: '2024-06', value: 9 }] },
      key,
    );
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('answers two concurrent requests with the same key once, with the same response', async () => {
    const payload = { rows: [{ indicator: 'THU', unit: 'C3', period: '2024-07', value: 4 }] };
    const key = { 'idempotency-key': 'dong-thoi-0001' };
    const [a, b] = await Promise.all([post(admin, payload, key), post(admin, payload, key)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json()).toEqual(b.json());
    expect(a.json()).toMatchObject({ inserted: 1 });
  });

  it('keeps every earlier version when a value is corrected', async () => {
    await post(admin, { rows: [{ indicator: 'THU', unit: 'C1', period: '2024-08', value: 10 }] });
    const fix = await post(admin, {
      rows: [
        {
          indicator: 'THU',
          unit: 'C1',
          period: '2024-08',
          value: 12,
          comment: 'Sửa theo báo cáo chính thức',
        },
      ],
    });
    expect(fix.json()).toMatchObject({ inserted: 0, updated: 1 });
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/observations/history?indicator=THU&unit=C1&period=2024-08',
      headers: auth(admin),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().revisions).toMatchObject([
      { revision: 1, value: 10, by: 'admin' },
      { revision: 2, value: 12, by: 'admin', comment: 'Sửa theo báo cáo chính thức' },
    ]);
    // A resend of the current value is no revision; the history is kept by the database, so an
    // update made outside the write path is archived too.
    const again = await post(admin, {
      rows: [{ indicator: 'THU', unit: 'C1', period: '2024-08', value: 12 }],
    });
    expect(again.json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    await sql`UPDATE observations SET value = 13, revision = revision + 1, updated_by = 'sql'
              WHERE indicator_code = 'THU' AND period = '2024-08'`.execute(ctx.handle.db);
    const history = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/observations/history?indicator=THU&unit=C1&period=2024-08',
      headers: auth(admin),
    });
    expect(history.json().revisions.map((r: { value: number }) => r.value)).toEqual([10, 12, 13]);
    const audit = await ctx.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'observations')
      .where('actor', '=', 'admin')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('holds roll-ups back while a write is in progress, one pair every 2 s at most, and catches up after', async () => {
    const { refresher } = ctx.services;
    let release = () => {};
    const held = refresher.whileWriting(() => new Promise<void>((resolve) => (release = resolve)));
    const rows = ['2022-05', '2023-05'].map((period) => ({ indicator: 'THU', unit: 'C1', period, value: 7 }));
    expect((await post(admin, { rows })).json()).toMatchObject({ inserted: 2 });
    const queued = await refresher.pending();
    expect(queued).toBeGreaterThanOrEqual(2);
    const drained = refresher.drain();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await refresher.pending()).toBe(queued);
    // After 2 s one pair goes through even though the write still runs; the next waits again.
    const deadline = Date.now() + 8000;
    while ((await refresher.pending()) === queued && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await refresher.pending()).toBe(queued - 1);
    release();
    await held;
    await drained;
    expect(await refresher.pending()).toBe(0);
  });
});
