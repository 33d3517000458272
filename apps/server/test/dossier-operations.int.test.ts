import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DossierPull } from '../src/dossiers/dossier-pull.js';
import { ENGINES, loadFixture, loginAs, startTestApp, type TestContext } from './harness.js';

const record = (
  code: string,
  unit: string,
  received: string,
  due: string,
  finished: string | null,
  updatedAt?: string,
) => ({
  code,
  procedureCode: '1.001',
  procedureName: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
  fieldCode: 'XAY_DUNG',
  fieldName: 'Hoạt động xây dựng',
  agencyCode: 'UBND_D1',
  agencyName: 'UBND huyện Một',
  unit,
  handler: 'Phan Văn Hạn',
  channel: 'online',
  receivedAt: received,
  dueAt: due,
  finishedAt: finished,
  status: finished ? 'finished' : 'in_progress',
  ...(updatedAt ? { updatedAt } : {}),
});

describe.each(ENGINES)('dossier deadlines and the pull on $name', (engine) => {
  let ctx: TestContext;
  let now = new Date('2024-05-10T08:00:00+07:00');
  let officer: string;
  let agencyUser: string;
  let otherOfficer: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const get = async (token: string, url: string) =>
    (await ctx.app.inject({ method: 'GET', url, headers: auth(token) })).json();

  beforeAll(async () => {
    ctx = await startTestApp(engine, { clock: () => now });
    await loadFixture(ctx.services);
    officer = await loginAs(ctx, { username: 'xa1', role: 'data_officer', scopeUnitCode: 'D1' });
    agencyUser = await loginAs(ctx, { username: 'huyen1', role: 'viewer', organisationCode: 'UBND_D1' });
    otherOfficer = await loginAs(ctx, { username: 'huyen2', role: 'data_officer', scopeUnitCode: 'D2' });
    await ctx.services.dossiers.write('cli', {
      rows: [
        record('SOON', 'C1', '2024-05-02T08:00+07:00', '2024-05-10T17:00+07:00', null),
        record('LATER', 'C2', '2024-05-03T08:00+07:00', '2024-05-12T17:00+07:00', null),
        record('LATE', 'C1', '2024-04-20T08:00+07:00', '2024-05-08T17:00+07:00', null),
        record('DONE', 'C1', '2024-05-02T08:00+07:00', '2024-05-10T12:00+07:00', '2024-05-09T10:00+07:00'),
      ],
      rowNumbers: [1, 2, 3, 4],
      mode: 'all',
      source: 'test',
    });
  });
  afterAll(() => ctx.close());

  it('warns once per dossier about deadlines within 24 hours and past ones, to the agency and the officers of the unit', async () => {
    expect(await ctx.services.dossierDeadlines.tick()).toBe(2);
    expect(await ctx.services.dossierDeadlines.tick()).toBe(0);
    const mine = await get(officer, '/api/v1/notifications');
    expect(mine.items.map((n: { title: string }) => n.title).sort()).toEqual([
      'Hồ sơ LATE đã quá hạn (hạn 08/05/2024 17:00)',
      'Hồ sơ SOON sắp đến hạn (10/05/2024 17:00)',
    ]);
    expect(mine.items[0].link).toMatch(/^\/dossiers\//);
    expect((await get(agencyUser, '/api/v1/notifications')).items).toHaveLength(2);
    expect((await get(otherOfficer, '/api/v1/notifications')).items).toHaveLength(0);
  });

  it('warns about a dossier when its deadline comes within the horizon, and again for a new deadline', async () => {
    now = new Date('2024-05-11T18:00:00+07:00');
    expect(await ctx.services.dossierDeadlines.tick()).toBe(1); // LATER
    await ctx.services.dossiers.write('cli', {
      rows: [record('SOON', 'C1', '2024-05-02T08:00+07:00', '2024-05-12T09:00+07:00', null)],
      rowNumbers: [1],
      mode: 'all',
      source: 'test',
    });
    expect(await ctx.services.dossierDeadlines.tick()).toBe(1); // SOON, extended
  });

  it('lists the due-soon and overdue dossiers with when they were warned about', async () => {
    const list = await get(officer, '/api/v1/dossiers/deadlines');
    expect(list.items.map((d: { code: string; kind: string }) => [d.code, d.kind])).toEqual([
      ['LATE', 'overdue'],
      ['SOON', 'due_soon'],
      ['LATER', 'due_soon'],
    ]);
    expect(list.items.every((d: { warnedAt: string | null }) => d.warnedAt !== null)).toBe(true);
    expect((await get(officer, '/api/v1/dossiers/deadlines?kind=overdue')).total).toBe(1);
    expect((await get(otherOfficer, '/api/v1/dossiers/deadlines')).total).toBe(0);
    const outside = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/dossiers/deadlines?unit=D1',
      headers: auth(otherOfficer),
    });
    expect(outside.statusCode).toBe(403);
  });

  describe('pull from the one-stop system', () => {
    let server: Server;
    let url: string;
    const requests: URLSearchParams[] = [];
    let failing = false;
    const SOURCE = [
      record(
        'P1',
        'C1',
        '2024-05-01T08:00+07:00',
        '2024-05-20T17:00+07:00',
        null,
        '2024-05-01T09:00:00+07:00',
      ),
      record(
        'P2',
        'C2',
        '2024-05-02T08:00+07:00',
        '2024-05-20T17:00+07:00',
        '2024-05-05T08:00+07:00',
        '2024-05-05T09:00:00+07:00',
      ),
      {
        ...record('P3', 'X9', '2024-05-03T08:00+07:00', '2024-05-20T17:00+07:00', null),
        updatedAt: '2024-05-03T09:00:00+07:00',
      },
    ];

    beforeAll(async () => {
      server = createServer((req, res) => {
        const params = new URL(req.url ?? '/', 'http://x').searchParams;
        requests.push(params);
        if (failing || req.headers['x-api-key'] !== 'khoa-mot-cua') {
          res.writeHead(failing ? 503 : 401).end();
          return;
        }
        const from = params.get('updatedFrom');
        const items = SOURCE.filter((d) => !from || new Date(d.updatedAt!) >= new Date(from));
        const page = Number(params.get('page'));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            dossiers: items.slice((page - 1) * 2, page * 2),
            hasMore: page * 2 < items.length,
          }),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/ho-so`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('fetches every page, stores the good records, logs the bad one, and moves the cursor', async () => {
      const pull = new DossierPull(ctx.handle.db, ctx.services.dossiers, () => now, {
        url,
        apiKey: 'khoa-mot-cua',
      });
      const first = await pull.runOnce();
      expect(first).toMatchObject({ status: 'ok', fetched: 3, inserted: 2, rejected: 1, cursorFrom: null });
      expect(first.cursorTo).toBe('2024-05-05T02:00:00.000Z');
      expect(first.error).toContain('Không có đơn vị hành chính mã "X9"');
      expect(requests.map((r) => r.get('page'))).toEqual(['1', '2']);

      requests.length = 0;
      const second = await pull.runOnce();
      expect(requests[0]?.get('updatedFrom')).toBe('2024-05-05T02:00:00.000Z');
      expect(second).toMatchObject({ status: 'ok', fetched: 1, inserted: 0, unchanged: 1 });

      failing = true;
      const failed = await pull.runOnce();
      expect(failed).toMatchObject({ status: 'failed', cursorTo: '2024-05-05T02:00:00.000Z' });
      expect(failed.error).toContain('HTTP 503');
      failing = false;

      const admin = await loginAs(ctx, { username: 'admin', role: 'administrator' });
      const log = await get(admin, '/api/v1/dossiers/pull-runs');
      expect(log.runs.map((r: { status: string }) => r.status)).toEqual(['failed', 'ok', 'ok']);
      expect((await get(admin, '/api/v1/dossiers/P2')).source).toBe(`Đồng bộ / pull ${url}`);
    });
  });
});
