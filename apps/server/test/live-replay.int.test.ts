import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, loginAs, startTestApp, type TestContext } from './harness.js';
import { accident, loadOperationsFixture } from './operations-fixture.js';

interface SseMessage {
  id: string | null;
  event: string;
  data: unknown;
}

/** Reads SSE messages from a response until `until` says stop. */
async function readUntil(
  response: Response,
  until: (messages: SseMessage[]) => boolean,
): Promise<SseMessage[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const messages: SseMessage[] = [];
  while (!until(messages)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value);
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (name: string) =>
        /^(\w+): ?(.*)$/gm.exec(block) &&
        [...block.matchAll(/^(\w+): ?(.*)$/gm)].find((m) => m[1] === name)?.[2];
      const event = field('event');
      if (event) messages.push({ id: field('id') ?? null, event, data: JSON.parse(field('data') ?? 'null') });
    }
  }
  await reader.cancel();
  return messages;
}

describe.each(ENGINES)('live stream replay with Last-Event-ID ($name)', (engine) => {
  let ctx: TestContext;
  let base: string;
  let operator: string;
  let d2Operator: string;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await loadOperationsFixture(ctx);
    operator = await loginAs(ctx, { username: 'vanhanh', role: 'operator' });
    d2Operator = await loginAs(ctx, { username: 'vanhanh_d2', role: 'operator', scopeUnitCode: 'D2' });
    base = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  }, 60_000);
  afterAll(() => ctx.close());

  const open = (token: string, lastEventId?: string) =>
    fetch(`${base}/api/v1/stream`, {
      headers: { cookie: `ioc_session=${token}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    });

  it('sends a reconnecting screen what it missed, in order, within its scope, then live messages', async () => {
    const first = await open(operator);
    const ingest = ctx.services.events.ingest(accident({ cameraCode: 'CAM-LIVE-1' }), 'cli');
    const [seen] = await readUntil(first, (m) => m.some((x) => x.event === 'event'));
    await ingest;
    expect(seen).toMatchObject({ event: 'event', data: { cameraCode: 'CAM-LIVE-1', count: 1 } });
    expect(seen!.id).toMatch(/^\d+$/);

    // While disconnected: two events in D1 and one in D2.
    await ctx.services.events.ingest(accident({ cameraCode: 'CAM-LIVE-2' }), 'cli');
    await ctx.services.events.ingest(accident({ cameraCode: 'CAM-LIVE-3' }), 'cli');
    await ctx.services.events.ingest(
      accident({ cameraCode: 'CAM-LIVE-D2', location: { type: 'Point', coordinates: [107.3, 11.6] } }),
      'cli',
    );

    const again = await open(operator, seen!.id!);
    const live = (async () => {
      await new Promise((r) => setTimeout(r, 200));
      await ctx.services.events.ingest(accident({ cameraCode: 'CAM-LIVE-4' }), 'cli');
    })();
    const replayed = await readUntil(again, (m) =>
      m.some((x) => (x.data as { cameraCode?: string })?.cameraCode === 'CAM-LIVE-4'),
    );
    await live;
    expect(
      replayed.map((m) =>
        m.event === 'replay-done'
          ? `done:${(m.data as { complete: boolean }).complete}`
          : (m.data as { cameraCode: string }).cameraCode,
      ),
    ).toEqual(['CAM-LIVE-2', 'CAM-LIVE-3', 'CAM-LIVE-D2', 'done:true', 'CAM-LIVE-4']);
    const ids = replayed.filter((m) => m.id).map((m) => BigInt(m.id!));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));

    const scoped = await readUntil(await open(d2Operator, seen!.id!), (m) =>
      m.some((x) => x.event === 'replay-done'),
    );
    expect(scoped.map((m) => (m.data as { cameraCode?: string }).cameraCode ?? m.event)).toEqual([
      'CAM-LIVE-D2',
      'replay-done',
    ]);
  });

  it('says the replay is incomplete when the missed messages are older than the retention', async () => {
    const before = await ctx.handle.db
      .selectFrom('live_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    await ctx.services.events.ingest(accident({ cameraCode: 'CAM-OLD-1' }), 'cli');
    await ctx.services.events.ingest(accident({ cameraCode: 'CAM-OLD-2' }), 'cli');
    await sql`UPDATE live_log SET created_at = now() - interval '2 days'`.execute(ctx.handle.db);
    await ctx.services.liveLog.prune();
    const replay = await readUntil(await open(operator, String(before.id)), (m) =>
      m.some((x) => x.event === 'replay-done'),
    );
    // The newest message is kept so that the gap shows; the older one is gone.
    expect(replay.map((m) => (m.data as { cameraCode?: string }).cameraCode ?? m.data)).toEqual([
      'CAM-OLD-2',
      { complete: false },
    ]);
  });

  it('starts afresh for an id the log never issued (another database), and still delivers new messages', async () => {
    const stream = await open(operator, '999999999');
    const ingest = (async () => {
      await new Promise((r) => setTimeout(r, 300));
      await ctx.services.events.ingest(accident({ cameraCode: 'CAM-AFTER-RESTORE' }), 'cli');
    })();
    const messages = await readUntil(stream, (m) => m.some((x) => x.event === 'event'));
    await ingest;
    expect(
      messages.map((m) => (m.event === 'event' ? (m.data as { cameraCode: string }).cameraCode : m.data)),
    ).toEqual([{ complete: false }, 'CAM-AFTER-RESTORE']);
  });
});
