import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorsService } from '../src/connectors/connectors.service.js';
import { ENGINES, loadFixture, loginAs, startTestApp, type TestContext } from './harness.js';

/** A source system: answers with whatever the test sets, and records what it was asked. */
interface Source {
  base: string;
  requests: { url: URL; authorization: string | undefined }[];
  respond: (req: IncomingMessage, url: URL) => { status: number; body: string; delayMs?: number };
  close(): Promise<void>;
}

async function startSource(): Promise<Source> {
  const source = {
    requests: [] as Source['requests'],
    respond: (() => ({ status: 200, body: '[]' })) as Source['respond'],
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    source.requests.push({ url, authorization: req.headers.authorization });
    const answer = source.respond(req, url);
    setTimeout(() => {
      if (res.destroyed) return;
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    }, answer.delayMs ?? 0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return Object.assign(source, {
    base: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  });
}

const RECORDS = [
  { chi_tieu: 'THU', xa: 'C1', ky: '2024-04', gia_tri: 13, updated_at: '2024-05-02T08:00:00Z' },
  { chi_tieu: 'THU', xa: 'C2', ky: '2024-04', gia_tri: '23,5', updated_at: '2024-05-03T09:00:00Z' },
];

const connectorBody = (source: Source, extra: object = {}) => ({
  code: 'CONG_DVC',
  name: 'Cổng dịch vụ công',
  url: `${source.base}/api/thu`,
  schedule: { kind: 'interval', minutes: 60 },
  headers: { Authorization: 'Bearer bi-mat-rat-dai-0123456789' },
  format: 'json',
  recordsPath: 'data.items',
  mapping: {
    indicator: { field: 'chi_tieu' },
    unit: { field: 'xa' },
    period: { field: 'ky' },
    value: { field: 'gia_tri' },
  },
  cursor: { field: 'updated_at', param: 'since' },
  maxAttempts: 3,
  timeoutMs: 2000,
  ...extra,
});

describe.each(ENGINES)('connectors ($name)', (engine) => {
  let ctx: TestContext;
  let source: Source;
  let admin: string;
  const as = (token: string | null) => (token ? { authorization: `Bearer ${token}` } : {});

  beforeAll(async () => {
    [ctx, source] = await Promise.all([startTestApp(engine), startSource()]);
    await loadFixture(ctx.services);
    admin = await loginAs(ctx, { username: 'quantri', role: 'administrator' });
  });
  afterAll(async () => {
    await ctx.close();
    await source.close();
  });

  const observation = (unit: string, period: string) =>
    ctx.handle.db
      .selectFrom('observations as o')
      .innerJoin('units as u', 'u.id', 'o.unit_id')
      .select(['o.value', 'o.revision', 'o.source', 'o.updated_by'])
      .where('o.indicator_code', '=', 'THU')
      .where('u.code', '=', unit)
      .where('o.period', '=', period)
      .executeTakeFirst();

  it('refuses connector management without a session (401), to a data officer (403) and with a bad definition (400)', async () => {
    const post = (token: string | null, payload: object) =>
      ctx.app.inject({ method: 'POST', url: '/api/v1/connectors', headers: as(token), payload });
    expect((await post(null, connectorBody(source))).statusCode).toBe(401);
    const officer = await loginAs(ctx, { username: 'canbo', role: 'data_officer' });
    expect((await post(officer, connectorBody(source))).statusCode).toBe(403);
    const bad = await post(
      admin,
      connectorBody(source, { url: 'ftp://x', schedule: { kind: 'daily', time: '25:00' } }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('Cấu hình kết nối không hợp lệ');
    expect(bad.json().message).toContain('schedule.time');
  });

  it('pulls with the authentication header, stores through the write path, advances the cursor and sends it back; a repeated pull is stored once', async () => {
    source.respond = (_req, url) => {
      const since = url.searchParams.get('since');
      const items = RECORDS.filter((r) => !since || r.updated_at > since);
      return { status: 200, body: JSON.stringify({ data: { items } }) };
    };
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/connectors',
      headers: as(admin),
      payload: connectorBody(source),
    });
    expect(created.statusCode).toBe(200);
    // The secret is never returned in full.
    expect(created.json().connector.headers).toEqual({ Authorization: '••••6789' });
    expect(JSON.stringify(created.json())).not.toContain('bi-mat');

    const first = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/connectors/CONG_DVC/run',
      headers: as(admin),
    });
    expect(first.json().run).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      rowsFetched: 2,
      rowsStored: 2,
      rowsRejected: 0,
      cursorBefore: null,
      cursorAfter: '2024-05-03T09:00:00Z',
    });
    expect(source.requests.at(-1)!.authorization).toBe('Bearer bi-mat-rat-dai-0123456789');
    expect(source.requests.at(-1)!.url.searchParams.has('since')).toBe(false);
    expect(await observation('C2', '2024-04')).toEqual({
      value: 23.5,
      revision: 1,
      source: 'Kết nối Cổng dịch vụ công',
      updated_by: 'system:connector:CONG_DVC',
    });

    const second = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/connectors/CONG_DVC/run',
      headers: as(admin),
    });
    expect(source.requests.at(-1)!.url.searchParams.get('since')).toBe('2024-05-03T09:00:00Z');
    expect(second.json().run).toMatchObject({ status: 'succeeded', rowsFetched: 0, rowsStored: 0 });

    // The source ignores the cursor and sends the same records again: nothing changes.
    source.respond = () => ({ status: 200, body: JSON.stringify({ data: { items: RECORDS } }) });
    const third = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/connectors/CONG_DVC/run',
      headers: as(admin),
    });
    expect(third.json().run).toMatchObject({
      status: 'succeeded',
      rowsFetched: 2,
      rowsStored: 0,
      rowsUnchanged: 2,
    });
    expect((await observation('C1', '2024-04'))?.revision).toBe(1);

    const runs = await ctx.app.inject({ url: '/api/v1/connectors/CONG_DVC/runs', headers: as(admin) });
    expect(runs.json().runs.map((r: { status: string }) => r.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    const list = await ctx.app.inject({ url: '/api/v1/connectors', headers: as(admin) });
    expect(list.json().connectors[0]).toMatchObject({ code: 'CONG_DVC', lastRun: { rowsUnchanged: 2 } });
  });

  it('retries a failing server with backoff, then logs the failure and keeps the cursor', async () => {
    const delays: number[] = [];
    const connectors = new ConnectorsService(ctx.handle.db, ctx.services.observations, {
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    await connectors.upsert(
      'cli',
      connectorBody(source, { code: 'HONG', cursor: undefined, maxAttempts: 4 }),
    );
    let calls = 0;
    source.respond = () => ({ status: 503, body: `bảo trì ${++calls}` });
    const run = await connectors.run('cli', 'HONG');
    expect(run).toMatchObject({ status: 'failed', attempts: 4, rowsStored: 0 });
    expect(calls).toBe(4);
    expect(delays).toEqual([1000, 2000, 4000]);
    expect(run.errors.at(-1)).toEqual({ attempt: 4, message: 'HTTP 503 Service Unavailable: bảo trì 4' });
    expect(run.message).toContain('Không lấy được dữ liệu sau 4 lần thử');

    // A timeout counts as a failed attempt; a 4xx answer is not retried.
    source.respond = () => ({ status: 200, body: '{}', delayMs: 1000 });
    await connectors.upsert(
      'cli',
      connectorBody(source, { code: 'CHAM', cursor: undefined, timeoutMs: 100, maxAttempts: 2 }),
    );
    const slow = await connectors.run('cli', 'CHAM');
    expect(slow.errors.map((e) => e.message)).toEqual([
      'Quá thời gian chờ 100 ms / timed out',
      'Quá thời gian chờ 100 ms / timed out',
    ]);
    source.respond = () => ({ status: 401, body: 'sai khóa' });
    expect(await connectors.run('cli', 'CHAM')).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('reports bad rows one by one and stores nothing, unless the connector allows partial', async () => {
    const bad = [
      ...RECORDS.map((r) => ({ ...r, ky: '2024-05' })),
      { chi_tieu: 'THU', xa: 'KHONG_CO', ky: '2024-05', gia_tri: 1, updated_at: '2024-06-01T00:00:00Z' },
      { chi_tieu: 'THU', xa: 'C3', ky: '2024-05', gia_tri: 'nhiều', updated_at: '2024-06-01T00:00:00Z' },
    ];
    source.respond = () => ({ status: 200, body: JSON.stringify({ data: { items: bad } }) });
    await ctx.services.connectors.upsert('cli', connectorBody(source, { code: 'LOI', cursor: undefined }));
    const strict = await ctx.services.connectors.run('cli', 'LOI');
    expect(strict).toMatchObject({ status: 'failed', rowsFetched: 4, rowsStored: 0, rowsRejected: 2 });
    expect(strict.errors).toEqual([
      expect.objectContaining({
        row: 3,
        field: 'unit',
        message: 'Không có đơn vị hành chính mã "KHONG_CO".',
      }),
      expect.objectContaining({ row: 4, field: 'value', message: 'Giá trị "nhiều" không phải là số.' }),
    ]);
    expect(await observation('C1', '2024-05')).toBeUndefined();

    await ctx.services.connectors.upsert(
      'cli',
      connectorBody(source, { code: 'LOI', cursor: undefined, allowPartial: true }),
    );
    const partial = await ctx.services.connectors.run('cli', 'LOI');
    expect(partial).toMatchObject({ status: 'partial', rowsStored: 2, rowsRejected: 2 });
    expect((await observation('C1', '2024-05'))?.value).toBe(13);
  });

  it('reads CSV answers and runs connectors when their schedule is due', async () => {
    let now = new Date('2024-06-01T00:00:00Z');
    const connectors = new ConnectorsService(ctx.handle.db, ctx.services.observations, { now: () => now });
    source.respond = () => ({ status: 200, body: 'indicator;unit;period;value\nTHU;C3;2024-06;7,5\n' });
    const saved = await connectors.upsert('cli', {
      ...connectorBody(source, { code: 'CSV', format: 'csv', recordsPath: undefined, cursor: undefined }),
      mapping: {
        indicator: { constant: 'THU' },
        unit: { field: 'unit' },
        period: { field: 'period' },
        value: { field: 'value' },
      },
      schedule: { kind: 'daily', time: '16:30' },
    });
    // 16:30 Vietnam time is 09:30 UTC.
    expect(saved.nextRunAt).toBe('2024-06-01T09:30:00.000Z');
    await ctx.handle.db
      .updateTable('connectors')
      .set({ is_active: false })
      .where('code', '!=', 'CSV')
      .execute();
    expect(await connectors.runDue()).toBe(0);
    now = new Date('2024-06-01T09:31:00Z');
    expect(await connectors.runDue()).toBe(1);
    expect((await observation('C3', '2024-06'))?.value).toBe(7.5);
    expect(
      (
        await connectors.get(
          {
            kind: 'user',
            userId: 1,
            username: 'a',
            role: 'administrator',
            organisationId: null,
            scopeUnitId: null,
          },
          'CSV',
        )
      ).nextRunAt,
    ).toBe('2024-06-02T09:30:00.000Z');
  });
});
