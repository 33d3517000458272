/**
 * Citizen reports (1022): `node --import tsx apps/server/bench/cases.bench.ts`.
 *
 * 1. Intake: reports POSTed to /api/v1/cases of the listening server (JSON, API key, 8 in
 *    flight), sustained rate and p50/p99 latency; baseline: a no-op POST route on the same
 *    server with the same body and key (HTTP, authentication and JSON parsing only).
 * 2. List/search: the cases table filled to 1,000,000 reports, then a filtered page
 *    (GET /api/v1/cases?status=…&category=…, 50 rows, newest first) timed over sequential
 *    requests, p50/p95; baseline: the bare SQL of that page run directly.
 *
 * PGlite in a temporary folder by default; PostgreSQL when BENCH_DATABASE_URL is set.
 * BENCH_SCALE (default 1) scales the counts; the section of docs/PERFORMANCE.md between the
 * bench:cases markers is rewritten (BENCH_REPORT=- to skip).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { buildApp, createServices } from '../src/app.js';
import { openPglite, openPostgres } from './engines.js';
import { describeMachine, describeSources } from './machine.js';

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
if (!(SCALE > 0)) throw new Error(`BENCH_SCALE must be a positive number, not "${process.env.BENCH_SCALE}"`);
const INTAKES = Math.max(200, Math.round(5_000 * SCALE));
const IN_FLIGHT = 8;
const CASES = Math.round(1_000_000 * SCALE);
const INSERT_CHUNK = 100_000;
const READS = 300;
const WARMUP = 30;
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPORT =
  process.env.BENCH_REPORT === '-'
    ? null
    : path.resolve(process.env.BENCH_REPORT ?? path.join(HERE, '../../../docs/PERFORMANCE.md'));

const log = (line: string) => console.log(line);
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Sends `count` requests with `inFlight` at a time; returns the latencies and the wall time. */
async function load(count: number, send: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count) {
        const i = next++;
        latencies.push(await timed(() => send(i)));
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { rate: count / seconds, p50: pct(latencies, 50), p99: pct(latencies, 99) };
}

const db = process.env.BENCH_DATABASE_URL
  ? await openPostgres(process.env.BENCH_DATABASE_URL)
  : await openPglite();
log(`Engine: ${db.engine}; scale ${SCALE}`);
const services = createServices(db.handle, { SESSION_HOURS: 1 });
await services.catalogue.upsertUnits('cli', [
  { code: 'P', name: 'Tỉnh Thử', level: 'province', centroid: [106.9, 11.75] },
  ...Array.from({ length: 10 }, (_, d) => ({
    code: `D${d}`,
    name: `Huyện ${d}`,
    level: 'district',
    parentCode: 'P',
    centroid: [106.6 + d * 0.06, 11.5 + (d % 4) * 0.12] as [number, number],
  })),
]);
await services.catalogue.upsertReferenceData('cli', {
  organisations: [
    { code: 'SO_GTVT', nameVi: 'Sở GTVT', nameEn: 'Transport', kind: 'department', unitCode: 'P' },
  ],
});
await services.auth.createUser('cli', {
  username: 'bench',
  displayName: 'Bench',
  role: 'operator',
  password: 'bench-password-1',
});
const { key } = await services.auth.createApiKey('cli', 'bench', 'bench');
const app = await buildApp(db.handle, services);
app.post('/bench/noop', async (request) => ({ ok: request.body !== undefined }));
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

// 1. Intake -------------------------------------------------------------------------------------
const body = (i: number) =>
  JSON.stringify({
    channel: 'app',
    externalId: `bench-${i}`,
    description: `Đường có nhiều ổ gà lớn, xe máy dễ té ngã (báo cáo thử ${i})`,
    location: [106.6 + (i % 600) * 0.001, 11.5 + (i % 400) * 0.001],
    reporter: { name: 'Người thử', phone: '0900000000' },
  });
const post = async (url: string, i: number) => {
  const response = await fetch(`${base}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: body(i),
  });
  if (response.status >= 300) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
};
await load(50, (i) => post('/bench/noop', i));
const noop = await load(INTAKES, (i) => post('/bench/noop', i));
const intake = await load(INTAKES, (i) => post('/api/v1/cases', i));
log(`Intake: ${intake.rate.toFixed(0)}/s, p50 ${ms(intake.p50)} ms, p99 ${ms(intake.p99)} ms`);
log(`  baseline no-op route: ${noop.rate.toFixed(0)}/s, p50 ${ms(noop.p50)} ms, p99 ${ms(noop.p99)} ms`);

// 2. List and search over 1,000,000 cases ---------------------------------------------------------
const fillStart = performance.now();
for (let done = 0; done < CASES; done += INSERT_CHUNK) {
  const n = Math.min(INSERT_CHUNK, CASES - done);
  await sql`
    INSERT INTO cases (code, channel, status, title, description, category_id, unit_id, lon, lat,
      reporter_name, reporter_phone, received_at, citizen_token_hash, organisation_id, due_at, updated_at)
    SELECT 'PB-' || (${done} + g), (ARRAY['phone','web','app','zalo','facebook','email','chatbot'])[1 + g % 7],
      (ARRAY['received','forwarded','in_progress','answered','closed','closed','closed','closed'])[1 + g % 8],
      'Phản ánh thử ' || g, 'Nội dung phản ánh thử số ' || g,
      (SELECT id FROM case_categories ORDER BY sort OFFSET (g % 9) LIMIT 1),
      (SELECT id FROM units WHERE code = 'D' || (g % 10)),
      106.6 + (g % 600) * 0.001, 11.5 + (g % 400) * 0.001, 'Người thử', '0900000000',
      timestamptz '2022-01-01 00:00+07' + ((${done} + g) * interval '90 seconds'), 'x',
      (SELECT id FROM organisations WHERE code = 'SO_GTVT'),
      timestamptz '2022-01-01 00:00+07' + ((${done} + g) * interval '90 seconds') + interval '10 days',
      now()
    FROM generate_series(1, ${n}) AS g`.execute(db.handle.db);
}
await sql`ANALYZE cases`.execute(db.handle.db);
const fillSeconds = (performance.now() - fillStart) / 1000;
log(`Filled ${CASES.toLocaleString('en-US')} cases in ${fillSeconds.toFixed(1)} s`);

const login = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'bench', password: 'bench-password-1' }),
});
const token = ((await login.json()) as { token: string }).token;
const FILTERS: [string, string][] = [
  ['forwarded', 'roads'],
  ['in_progress', 'water'],
  ['closed', 'lighting'],
  ['received', 'waste'],
  ['answered', 'land'],
];
const page = async (i: number) => {
  const [status, category] = FILTERS[i % FILTERS.length] as [string, string];
  const response = await fetch(
    `${base}/api/v1/cases?status=${status}&category=${category}&limit=50&offset=${(i % 4) * 50}`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  const json = (await response.json()) as { items: unknown[] };
  if (json.items.length !== 50) throw new Error(`page ${i}: ${json.items.length} rows`);
};
const bare = async (i: number) => {
  const [status, category] = FILTERS[i % FILTERS.length] as [string, string];
  await sql`
    SELECT c.* FROM cases c
    WHERE c.status = ${status} AND c.category_id = (SELECT id FROM case_categories WHERE code = ${category})
    ORDER BY c.received_at DESC, c.id DESC LIMIT 51 OFFSET ${(i % 4) * 50}`.execute(db.handle.db);
};
const sequential = async (fn: (i: number) => Promise<void>) => {
  for (let i = 0; i < WARMUP; i += 1) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < READS; i += 1) times.push(await timed(() => fn(i)));
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p95: pct(times, 95) };
};
const pageTimes = await sequential(page);
const bareTimes = await sequential(bare);
log(
  `Filtered page of ${CASES.toLocaleString('en-US')}: p50 ${ms(pageTimes.p50)} ms, p95 ${ms(pageTimes.p95)} ms`,
);
log(`  baseline bare SQL: p50 ${ms(bareTimes.p50)} ms, p95 ${ms(bareTimes.p95)} ms`);

await app.close();
await services.refresher.drain();
await db.close();

// Report ------------------------------------------------------------------------------------------
const machine = describeMachine();
// Other work on the machine skews every figure; say how busy it was.
const loadAverage = os.loadavg()[0]?.toFixed(1) ?? '?';
const section = `<!-- bench:cases:begin -->
### Citizen reports (1022) — \`apps/server/bench/cases.bench.ts\`

${db.engine}; ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; sources ${describeSources()}; BENCH_SCALE ${SCALE}; load average at the end ${loadAverage}.

| measure | result | baseline (same run) | ratio |
|---|---|---|---|
| intake rate, POST /api/v1/cases (${INTAKES} reports, ${IN_FLIGHT} in flight) | ${intake.rate.toFixed(0)}/s | no-op POST route: ${noop.rate.toFixed(0)}/s | ${(intake.rate / noop.rate).toFixed(2)} |
| intake latency p50 / p99 | ${ms(intake.p50)} / ${ms(intake.p99)} ms | ${ms(noop.p50)} / ${ms(noop.p99)} ms | ${(intake.p99 / noop.p99).toFixed(1)}× (p99) |
| filtered page of ${CASES.toLocaleString('en-US')} cases, GET /api/v1/cases?status&category (50 rows) p50 / p95 | ${ms(pageTimes.p50)} / ${ms(pageTimes.p95)} ms | bare SQL: ${ms(bareTimes.p50)} / ${ms(bareTimes.p95)} ms | ${(pageTimes.p95 / bareTimes.p95).toFixed(1)}× (p95) |

Filling the table (INSERT … SELECT generate_series): ${fillSeconds.toFixed(1)} s. An intake is one
transaction (case number, case, history, audit record) plus the unit tree and category lookups;
the no-op route pays HTTP, API-key authentication and JSON parsing only.
<!-- bench:cases:end -->`;
if (REPORT) {
  const current = existsSync(REPORT) ? readFileSync(REPORT, 'utf8') : '';
  const pattern = /<!-- bench:cases:begin -->[\s\S]*<!-- bench:cases:end -->/;
  writeFileSync(
    REPORT,
    pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`,
  );
  log(`Wrote ${REPORT}`);
}
