import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, loadFixture, loginAs, startTestApp, writeRows, type TestContext } from './harness.js';

describe.each(ENGINES)('access control through the HTTP API on $name', (engine) => {
  let ctx: TestContext;
  let d2Officer: string;
  let admin: string;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await loadFixture(ctx.services);
    await writeRows(ctx.services, [
      { indicator: 'AQI', unit: 'C1', period: '2024-01', value: 40 },
      { indicator: 'AQI', unit: 'C4', period: '2024-01', value: 60 },
      { indicator: 'THU', unit: 'C1', period: '2024-01', value: 7 },
    ]);
    d2Officer = await loginAs(ctx, { username: 'canbo_d2', role: 'data_officer', scopeUnitCode: 'D2' });
    admin = await loginAs(ctx, { username: 'quantri', role: 'administrator' });
  });
  afterAll(() => ctx.close());

  const call = (method: 'GET' | 'POST', url: string, token?: string, payload?: unknown) =>
    ctx.app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(payload ? { payload: payload as object } : {}),
    });

  it('hides another district’s internal data from a district-scoped user', async () => {
    const res = await call('GET', '/api/v1/indicators/AQI/values?period=2024-01&level=commune', d2Officer);
    const rows = Object.fromEntries(res.json().rows.map((r: { unit: { code: string } }) => [r.unit.code, r]));
    expect(rows.C4).toMatchObject({ restricted: false, value: 60 });
    expect(rows.C1).toMatchObject({
      restricted: true,
      value: null,
      reason: { vi: 'Không thuộc phạm vi được xem' },
    });
    const series = await call('GET', '/api/v1/indicators/AQI/series?unit=C1', d2Officer);
    expect(series.statusCode).toBe(403);
    expect(series.json()).toMatchObject({
      code: 'OUT_OF_SCOPE',
      message: 'Đơn vị nằm ngoài phạm vi được phân quyền của bạn.',
    });
    const history = await call(
      'GET',
      '/api/v1/observations/history?indicator=AQI&unit=C1&period=2024-01',
      d2Officer,
    );
    expect(history.statusCode).toBe(403);
  });

  it('refuses a district-scoped user’s write to another district and stores nothing', async () => {
    const res = await call('POST', '/api/v1/observations', d2Officer, {
      rows: [
        { indicator: 'AQI', unit: 'C4', period: '2024-02', value: 55 },
        { indicator: 'AQI', unit: 'C1', period: '2024-02', value: 99 },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.errors).toMatchObject([{ row: 2, field: 'unit', code: 'OUT_OF_SCOPE' }]);
    const stored = await ctx.handle.db
      .selectFrom('observations')
      .select('id')
      .where('period', '=', '2024-02')
      .execute();
    expect(stored).toHaveLength(0);
    const own = await call('POST', '/api/v1/observations', d2Officer, {
      rows: [{ indicator: 'AQI', unit: 'C4', period: '2024-02', value: 55 }],
    });
    expect(own.statusCode).toBe(200);
  });

  it('shows anonymous visitors public indicators only', async () => {
    const list = await call('GET', '/api/v1/indicators');
    expect(
      list
        .json()
        .indicators.map((i: { code: string }) => i.code)
        .sort(),
    ).toEqual(['THU', 'TL_DH']);
    const internal = await call('GET', '/api/v1/indicators/AQI/values?period=2024-01&level=commune');
    expect(
      internal
        .json()
        .rows.every((r: { restricted: boolean; value: unknown }) => r.restricted && r.value === null),
    ).toBe(true);
    const open = await call('GET', '/api/v1/indicators/THU/values?period=2024-01&level=commune');
    expect(open.json().rows.find((r: { unit: { code: string } }) => r.unit.code === 'C1')).toMatchObject({
      value: 7,
      restricted: false,
    });
    expect((await call('GET', '/api/v1/indicators/AQI')).statusCode).toBe(401);
  });

  it('lets only administrators change the catalogue, and audits it', async () => {
    const unit = { code: 'C5', name: 'Xã Năm', level: 'commune', parentCode: 'D2' };
    expect((await call('POST', '/api/v1/units', undefined, unit)).statusCode).toBe(401);
    expect((await call('POST', '/api/v1/units', d2Officer, unit)).statusCode).toBe(403);
    const ok = await call('POST', '/api/v1/units', admin, unit);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ created: 1, updated: 0 });
    const target = await call('POST', '/api/v1/targets', d2Officer, {
      indicatorCode: 'AQI',
      unitCode: 'C4',
      period: '2024',
      value: 50,
    });
    expect(target.statusCode).toBe(403);
    expect((await call('GET', '/api/v1/audit?entity=unit&key=C5', d2Officer)).statusCode).toBe(403);
    const audit = await call('GET', '/api/v1/audit?entity=unit&key=C5', admin);
    expect(audit.json().entries).toMatchObject([
      { actor: 'quantri', action: 'create', before: null, after: { code: 'C5', name: 'Xã Năm' } },
    ]);
  });
});

describe.each(ENGINES)('sessions and API keys on $name', (engine) => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await loadFixture(ctx.services);
  });
  afterAll(() => ctx.close());

  it('stores passwords with scrypt, refuses a wrong password, and ends a session on logout', async () => {
    await ctx.services.auth.createUser('cli', {
      username: 'ketoan',
      displayName: 'Kế toán',
      password: 'mat-khau-ke-toan',
      role: 'analyst',
    });
    const row = await ctx.handle.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'ketoan')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.password_hash).not.toContain('mat-khau');
    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'ketoan', password: 'sai-mat-khau' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    });
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'ketoan', password: 'mat-khau-ke-toan' },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toMatch(/^ioc_session=/);
    const me = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ username: 'ketoan', role: 'analyst', via: 'user' });
    await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode,
    ).toBe(401);
  });

  it('authenticates machine clients with an API key and refuses a forged one', async () => {
    await ctx.services.auth.createUser('cli', {
      username: 'he_thong',
      displayName: 'Hệ thống TTHC',
      password: 'mat-khau-he-thong',
      role: 'data_officer',
    });
    const { key } = await ctx.services.auth.createApiKey('cli', 'he_thong', 'Cổng dịch vụ công');
    const write = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/observations',
      headers: { 'x-api-key': key },
      payload: { rows: [{ indicator: 'HS_XL', unit: 'C1', period: '2024-01', value: 3 }] },
    });
    expect(write.statusCode).toBe(200);
    const forged = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { 'x-api-key': `${key.slice(0, -2)}xx` },
    });
    expect(forged.statusCode).toBe(401);
    const stored = await ctx.handle.db.selectFrom('api_keys').select('key_hash').executeTakeFirstOrThrow();
    expect(key).not.toContain(stored.key_hash);
  });
});
