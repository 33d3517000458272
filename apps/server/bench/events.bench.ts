/**
 * Events benchmark: events accepted per second through POST /api/v1/events (API key, one event a
 * request, 8 in flight, each a new group) while 200 SSE clients are connected to /api/v1/stream,
 * and the end-to-end latency from sending an event to its `event` message reaching each client.
 * Baselines in the same run, on the same server: the same requests to a no-op route (HTTP and
 * JSON only), and the same number of messages published on the live hub without ingest (fan-out
 * only).
 *
 *   node --import tsx apps/server/bench/events.bench.ts        # BENCH_SCALE=0.1 for a quick try
 *
 * Runs on PGlite in memory. Writes its section into docs/PERFORMANCE.md between
 * `<!-- bench:events:begin -->` and `<!-- bench:events:end -->` (BENCH_REPORT=- to not write).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.js';
import { openOperationsProvince } from './operations-province.js';

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
if (!(SCALE > 0)) throw new Error(`BENCH_SCALE must be a positive number, not "${process.env.BENCH_SCALE}"`);
const EVENTS = Math.max(50, Math.round(2000 * SCALE));
const CLIENTS = 200;
const IN_FLIGHT = 8;
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPORT =
  process.env.BENCH_REPORT === '-'
    ? null
    : (process.env.BENCH_REPORT ?? path.resolve(HERE, '../../../docs/PERFORMANCE.md'));

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

interface Client {
  received: Map<string, number>;
  close(): void;
}

/** An SSE client recording when each message (keyed by `key(data)`) of `topic` arrived. */
async function connect(
  base: string,
  key: string,
  topic: string,
  keyOf: (data: unknown) => string,
): Promise<Client> {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/v1/stream`, {
    headers: { 'x-api-key': key },
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const received = new Map<string, number>();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.includes(`event: ${topic}\n`)) continue;
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data) received.set(keyOf(JSON.parse(data)), performance.now());
        }
      }
    } catch {
      // aborted
    }
  })();
  return { received, close: () => controller.abort() };
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting for the clients');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Sends `count` requests with `IN_FLIGHT` in flight; returns the elapsed ms and each request's start time by index. */
async function drive(count: number, send: (i: number) => Promise<void>): Promise<{ ms: number }> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count) await send(next++);
    }),
  );
  return { ms: performance.now() - started };
}

async function main(): Promise<void> {
  const { handle, services } = await openOperationsProvince();
  const { key } = await services.auth.createApiKey('cli', 'bench', 'bench');
  const app = await buildApp(handle, services);
  app.post('/bench/noop', async (_request, reply) => reply.status(201).send({ ok: true }));
  const base = await app.listen({ host: '127.0.0.1', port: 0 });

  const body = (i: number, run: string) =>
    JSON.stringify({
      source: 'bench',
      sourceId: `${run}-${i}`,
      type: 'traffic_accident',
      category: 'ATGT',
      severity: 'minor',
      occurredAt: new Date().toISOString(),
      title: `Sự kiện thử ${i}`,
      location: {
        type: 'Point',
        coordinates: [106.6 + (i % 100) * 0.005, 11.5 + Math.floor(i / 100) * 0.005],
      },
      cameraCode: `CAM-${run}-${i}`,
    });
  const post = (url: string, payload: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: payload,
    });

  // Baseline 1: the same requests to a route that does nothing.
  await drive(
    200,
    async (i) => void (await (await post(`${base}/bench/noop`, body(i, 'warm'))).arrayBuffer()),
  );
  const noop = await drive(
    EVENTS,
    async (i) => void (await (await post(`${base}/bench/noop`, body(i, 'noop'))).arrayBuffer()),
  );

  // Baseline 2: fan-out only — messages published on the hub, no ingest.
  const fanClients = await Promise.all(
    Array.from({ length: CLIENTS }, () => connect(base, key, 'bench', (d) => String((d as { n: number }).n))),
  );
  const sentAt = new Map<string, number>();
  const fanStart = performance.now();
  for (let n = 0; n < EVENTS; n++) {
    sentAt.set(String(n), performance.now());
    services.live.publish({ topic: 'bench', data: { n } });
    if (n % IN_FLIGHT === 0) await new Promise((r) => setImmediate(r));
  }
  await waitFor(() => fanClients.every((c) => c.received.size === EVENTS), 120_000);
  // A loop, not Math.max(...): 200 clients × 2,000 messages overflow the call stack as arguments.
  let lastArrival = fanStart;
  for (const c of fanClients) for (const at of c.received.values()) lastArrival = Math.max(lastArrival, at);
  const fanMs = lastArrival - fanStart;
  const fanLatency = fanClients.flatMap((c) => [...c.received].map(([n, at]) => at - sentAt.get(n)!));
  for (const c of fanClients) c.close();

  // Ingest with fan-out to 200 clients.
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, () =>
      connect(base, key, 'event', (d) => (d as { cameraCode: string }).cameraCode),
    ),
  );
  const sent = new Map<string, number>();
  const ingest = await drive(EVENTS, async (i) => {
    sent.set(`CAM-run-${i}`, performance.now());
    const response = await post(`${base}/api/v1/events`, body(i, 'run'));
    if (response.status !== 201) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  });
  await waitFor(() => clients.every((c) => c.received.size === EVENTS), 300_000);
  const latency = clients.flatMap((c) => [...c.received].map(([camera, at]) => at - sent.get(camera)!));
  for (const c of clients) c.close();
  await app.close();
  await handle.close();

  const rate = (ms: number) => (EVENTS / ms) * 1000;
  const lines = [
    `Events: ${EVENTS.toLocaleString('en')} events, one per request, ${IN_FLIGHT} in flight, ${CLIENTS} SSE clients connected, PGlite in memory, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), load average ${loadavg()[0]!.toFixed(1)} at the end.`,
    '',
    '| measure | with ingest | baseline | ratio |',
    '|---|---|---|---|',
    `| accepted per second (POST /api/v1/events vs no-op route) | ${rate(ingest.ms).toFixed(0)} /s | ${rate(noop.ms).toFixed(0)} /s | ${(rate(ingest.ms) / rate(noop.ms)).toFixed(2)} |`,
    `| send → received by each of ${CLIENTS} clients, p50 (vs hub publish, no ingest) | ${percentile(latency, 50).toFixed(1)} ms | ${percentile(fanLatency, 50).toFixed(1)} ms | ${(percentile(latency, 50) / percentile(fanLatency, 50)).toFixed(1)} |`,
    `| send → received, p99 | ${percentile(latency, 99).toFixed(1)} ms | ${percentile(fanLatency, 99).toFixed(1)} ms | ${(percentile(latency, 99) / percentile(fanLatency, 99)).toFixed(1)} |`,
    `| messages delivered per second (${CLIENTS} × events) | ${(((EVENTS * CLIENTS) / ingest.ms) * 1000).toFixed(0)} /s | ${(((EVENTS * CLIENTS) / fanMs) * 1000).toFixed(0)} /s | – |`,
    '',
    'Each event is durable (committed, with its live-log row) before its 201; every client receives every event. The no-op route measures the HTTP and JSON cost alone; the hub baseline measures SSE fan-out alone.',
  ];
  console.log(lines.join('\n'));
  if (REPORT) {
    const begin = '<!-- bench:events:begin -->';
    const end = '<!-- bench:events:end -->';
    let text = existsSync(REPORT) ? readFileSync(REPORT, 'utf8') : '# Performance\n';
    if (!text.includes(begin)) text = `${text.trimEnd()}\n\n${begin}\n${end}\n`;
    const section = `${begin}\n## Live operations: events in, realtime fan-out (${new Date().toISOString().slice(0, 10)}, BENCH_SCALE=${SCALE})\n\n${lines.join('\n')}\n${end}`;
    text = text.slice(0, text.indexOf(begin)) + section + text.slice(text.indexOf(end) + end.length);
    writeFileSync(REPORT, text);
  }
  process.exit(0);
}

void main();
