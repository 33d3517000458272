import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveMessage } from '../src/stream/live-hub.js';
import { ENGINES, loadFixture, loginAs, startTestApp, type TestContext } from './harness.js';
import { startSmtpSink } from './smtp-sink.js';

/** A local HTTP receiver whose answer the test switches between failing and succeeding. */
async function startReceiver() {
  const received: { body: string; signature: string | undefined }[] = [];
  const state = { status: 200 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (state.status === 200) received.push({ body, signature: req.headers['x-ioc-signature'] as string });
      res.writeHead(state.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe.each(ENGINES)('notifications on $name', (engine) => {
  let ctx: TestContext;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let now = new Date('2025-03-01T08:00:00+07:00');
  let officerToken: string;
  let otherToken: string;
  let adminToken: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    smtp = await startSmtpSink();
    ctx = await startTestApp(engine, {
      clock: () => now,
      config: { SMTP_URL: smtp.url, SMTP_FROM: 'IOC <ioc@test.local>' },
    });
    await loadFixture(ctx.services);
    await ctx.services.catalogue.upsertReferenceData('cli', {
      people: [
        {
          code: 'NV2',
          fullName: 'Trần Thị Nhận',
          titleVi: 'Chuyên viên',
          titleEn: 'Officer',
          organisationCode: 'UBND_D1',
          email: 'nhan@d1.test.local',
        },
      ],
    });
    officerToken = await loginAs(ctx, {
      username: 'canbo_d1',
      role: 'data_officer',
      scopeUnitCode: 'D1',
      personCode: 'NV2',
    } as never);
    otherToken = await loginAs(ctx, { username: 'canbo_d2', role: 'data_officer', scopeUnitCode: 'D2' });
    adminToken = await loginAs(ctx, { username: 'quantri', role: 'administrator' });
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  it('tells a person in the app and by e-mail, once per dedupe key, and only them', async () => {
    const seen: LiveMessage[] = [];
    const unsubscribe = ctx.services.live.subscribe((m) => seen.push(m));
    const input = {
      personCodes: ['NV2'],
      kind: 'supply.reminder',
      title: 'Sắp đến hạn nộp số liệu',
      body: 'Bộ số liệu tháng 02/2025 cần nộp trước 17:00 ngày 05/03/2025.',
      link: '/supply',
      dedupeKey: 'reminder:2025-02:NV2',
    };
    expect(await ctx.services.notifications.notify(input)).toEqual({ users: 1, deliveries: 1 });
    expect(await ctx.services.notifications.notify(input)).toEqual({ users: 0, deliveries: 0 });
    unsubscribe();

    const mine = await ctx.app.inject({ url: '/api/v1/notifications', headers: auth(officerToken) });
    expect(mine.statusCode).toBe(200);
    const list = mine.json() as { unread: number; items: { id: string; title: string; link: string }[] };
    expect(list.unread).toBe(1);
    expect(list.items.map((i) => [i.title, i.link])).toEqual([['Sắp đến hạn nộp số liệu', '/supply']]);

    const others = await ctx.app.inject({ url: '/api/v1/notifications', headers: auth(otherToken) });
    expect((others.json() as { items: unknown[] }).items).toEqual([]);
    expect((await ctx.app.inject({ url: '/api/v1/notifications' })).statusCode).toBe(401);

    // The live message reaches only the recipient's screens.
    const message = seen.find((m) => m.topic === 'notification');
    const users = await ctx.services.catalogue.db.selectFrom('users').select(['id', 'username']).execute();
    const idOf = (name: string) => users.find((u) => u.username === name)!.id;
    const as = (name: string) =>
      ({
        kind: 'user',
        userId: idOf(name),
        username: name,
        role: 'data_officer',
        organisationId: null,
        scopeUnitId: null,
      }) as const;
    expect(message?.audience?.(as('canbo_d1'))).toBe(true);
    expect(message?.audience?.(as('canbo_d2'))).toBe(false);

    // Another user cannot mark it read; its owner can.
    const id = list.items[0]!.id;
    const foreign = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/notifications/${id}/read`,
      headers: auth(otherToken),
    });
    expect(foreign.json()).toEqual({ updated: 0 });
    const own = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/notifications/${id}/read`,
      headers: auth(officerToken),
    });
    expect(own.json()).toEqual({ updated: 1 });

    // The e-mail goes through the SMTP server.
    const result = await ctx.services.deliveries.deliverDue();
    expect(result).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.to).toEqual(['nhan@d1.test.local']);
    expect(smtp.mails[0]!.data).toContain('Subject:');
  });

  it('reaches every user of a role whose scope covers the unit', async () => {
    const tree = await ctx.services.catalogue.db.selectFrom('units').select(['id', 'code']).execute();
    const c1 = tree.find((u) => u.code === 'C1')!.id;
    const result = await ctx.services.notifications.notify({
      roles: { roles: ['data_officer', 'administrator'], unitId: c1 },
      kind: 'incident.escalated',
      title: 'Sự cố quá hạn xử lý',
      body: 'Sự cố tại Xã Một chưa được xử lý.',
    });
    expect(result.users).toBe(2); // canbo_d1 (scope D1) and quantri (whole province), not canbo_d2
    const other = await ctx.app.inject({
      url: '/api/v1/notifications?unread=true',
      headers: auth(otherToken),
    });
    expect((other.json() as { unread: number }).unread).toBe(0);
  });

  it('delivers to every webhook at least once; a failing receiver is retried later and never blocks the others', async () => {
    const good = await startReceiver();
    const bad = await startReceiver();
    bad.state.status = 500;
    try {
      for (const [code, url, secret] of [
        ['tot', good.url, 'bi-mat-dung-de-ky-0001'],
        ['hong', bad.url, null],
      ] as const) {
        const saved = await ctx.app.inject({
          method: 'PUT',
          url: `/api/v1/webhooks/${code}`,
          headers: auth(adminToken),
          payload: { url, kinds: ['incident.'], secret },
        });
        expect(saved.statusCode).toBe(200);
      }
      const refused = await ctx.app.inject({
        method: 'PUT',
        url: '/api/v1/webhooks/x',
        headers: auth(officerToken),
        payload: { url: good.url },
      });
      expect(refused.statusCode).toBe(403);

      await ctx.services.notifications.notify({
        kind: 'supply.reminder',
        title: 'Không gửi webhook',
        body: '-',
      });
      await ctx.services.notifications.notify({
        kind: 'incident.assigned',
        title: 'Giao xử lý sự cố',
        body: 'Sự cố SC-1 giao cho UBND huyện Một.',
        dedupeKey: 'SC-1:assigned',
      });
      expect(await ctx.services.deliveries.deliverDue()).toEqual({ delivered: 1, retrying: 1, failed: 0 });
      expect(good.received).toHaveLength(1);
      const { body, signature } = good.received[0]!;
      expect(JSON.parse(body)).toMatchObject({ kind: 'incident.assigned', title: 'Giao xử lý sự cố' });
      expect(signature).toBe(
        `sha256=${createHmac('sha256', 'bi-mat-dung-de-ky-0001').update(body).digest('hex')}`,
      );

      // Not yet due again; after the wait, the receiver is back and gets it.
      expect(await ctx.services.deliveries.deliverDue()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
      bad.state.status = 200;
      now = new Date(now.getTime() + 31_000);
      expect(await ctx.services.deliveries.deliverDue()).toEqual({ delivered: 1, retrying: 0, failed: 0 });
      expect(bad.received).toHaveLength(1);

      const log = await ctx.app.inject({
        url: '/api/v1/deliveries?status=delivered',
        headers: auth(adminToken),
      });
      const hong = (
        log.json() as { deliveries: { target: string; attempts: number; lastError: string | null }[] }
      ).deliveries.find((d) => d.target === 'hong');
      expect(hong).toMatchObject({ attempts: 2, lastError: null });
    } finally {
      await good.close();
      await bad.close();
    }
  });
});
