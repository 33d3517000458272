/**
 * `npm run bench warehouse`: ingest and read figures of the real server, each with a baseline measured in
 * the same run, written to docs/PERFORMANCE.md with the machine they ran on.
 *
 * 1. Ingest: 1,000,000 observations by raw COPY (baseline), then 1,000,000 others through
 *    POST /api/v1/observations of the listening server (JSON, 10,000 rows a request, 2 in
 *    flight, API key); then the time the roll-up refresher takes to catch up.
 * 2. Reads: the table is filled to 5,000,000 observations by COPY, their (indicator, year)
 *    roll-ups are queued and drained, then GET /api/v1/indicators/{code}/values?level=commune
 *    (111 communes) is timed over sequential requests, against the single indexed SELECT on
 *    rollup_values that the request makes, the request's other queries, and the service
 *    called without HTTP.
 *
 * Runs on PGlite in a temporary folder; also on PostgreSQL when BENCH_DATABASE_URL is set.
 * BENCH_SCALE (default 1) scales the observation counts for a quick try; BENCH_REPORT sets
 * the report file (`-` to not write one).
 */
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { buildApp, createServices, type Services } from '../src/app.js';
import type { Actor } from '../src/auth/actor.js';
import { DEMO_UNITS } from '../src/demo/units.js';
import { loadUnitTree } from '../src/units/unit-tree.js';
import type { ClientMessage, ClientRequest } from './client.js';
import {
  DOMAIN_CODE,
  FIRST_YEAR,
  YEAR_COUNT,
  indicatorCode,
  indicatorsFor,
  pairsIn,
  prng,
  rowsPerIndicator,
  toCopyCsv,
  type Layout,
} from './data.js';
import { openPglite, openPostgres, type BenchDatabase } from './engines.js';
import { writeReportSection } from './report.js';
import { describeMachine, describeSources, watchLoad, type Machine } from './machine.js';

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
if (!(SCALE > 0)) throw new Error(`BENCH_SCALE must be a positive number, not "${process.env.BENCH_SCALE}"`);
const COPY_ROWS = Math.round(1_000_000 * SCALE);
const HTTP_ROWS = Math.round(1_000_000 * SCALE);
const PAUSED_ROWS = Math.round(200_000 * SCALE);
const TOTAL_ROWS = Math.round(5_000_000 * SCALE);
const HTTP_BATCH = 10_000;
const HTTP_IN_FLIGHT = 2;
const COPY_CHUNK = 500_000;
const DRAIN_SLICE = 250;
const READ_WARMUP = 50;
const READS = 400;
const TARGET_INGEST_RATIO = 0.5;
const TARGET_READ_P95_MS = 20;

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

const started = performance.now();
/** The sources this run loaded (read at start-up, right after the imports). */
const SOURCES = describeSources();

function log(line: string): void {
  const s = Math.round((performance.now() - started) / 1000);
  const stamp = `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  console.log(`[${stamp}] ${line}`);
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const sec = (n: number) => `${n.toFixed(1)} s`;

interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return {
    n: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    mean: sorted.reduce((s, v) => s + v, 0) / (sorted.length || 1),
    max: sorted.at(-1) ?? NaN,
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

// ---------------------------------------------------------------------------------------------
// The HTTP client worker
// ---------------------------------------------------------------------------------------------

/** Runs client.ts in a worker thread (tsx registered there too) and returns its final message. */
function runClient(request: ClientRequest, onProgress: (done: number, total: number) => void) {
  const tsx = import.meta.resolve('tsx/esm/api');
  const client = new URL('./client.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(client)}); });`;
  return new Promise<Exclude<ClientMessage, { type: 'progress' } | { type: 'error' }>>((resolve, reject) => {
    const worker = new Worker(boot, { eval: true, workerData: request });
    let settled = false;
    worker.on('message', (message: ClientMessage) => {
      if (message.type === 'progress') return onProgress(message.done, message.total);
      settled = true;
      void worker.terminate();
      if (message.type === 'error') reject(new Error(`HTTP client: ${message.message}`));
      else resolve(message);
    });
    worker.on('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`HTTP client exited with code ${code}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// One engine
// ---------------------------------------------------------------------------------------------

interface EngineResult {
  engine: string;
  /** Share of the machine's CPU that other processes used during each part (null: unknown). */
  otherCpu: { ingest: number | null; fill: number | null; reads: number | null };
  ingest: {
    copyRows: number;
    copySeconds: number;
    httpRows: number;
    httpSeconds: number;
    httpRequest: Stats;
    httpPairs: number;
    pendingAtLastAck: number;
    catchUpSeconds: number;
    /** The diagnostic run with roll-ups held back. */
    pausedRows: number;
    pausedSeconds: number;
    pausedRequest: Stats;
    pausedPairs: number;
    pausedDrainSeconds: number;
  };
  fill: {
    observations: number;
    copyRows: number;
    copySeconds: number;
    targets: number;
    pairs: number;
    drainSeconds: number;
    rollupCells: number;
    databaseBytes: number;
  };
  reads: {
    http: Stats;
    service: Stats;
    sql: Stats;
    steps: Array<{ name: string; stats: Stats }>;
    indicators: number;
    units: number;
    minValued: number;
    meanBytes: number;
  };
}

async function setUpCatalogue(services: Services, indicators: number): Promise<void> {
  await services.catalogue.upsertUnits('cli', DEMO_UNITS);
  await services.catalogue.upsertReferenceData('cli', {
    domains: [{ code: DOMAIN_CODE, nameVi: 'Đo hiệu năng', nameEn: 'Benchmark', sort: 99 }],
  });
  const items = Array.from({ length: indicators }, (_, k) => ({
    code: indicatorCode(k),
    nameVi: `Chỉ tiêu đo hiệu năng ${k + 1}`,
    nameEn: `Benchmark indicator ${k + 1}`,
    domainCode: DOMAIN_CODE,
    unitOfMeasure: 'lượt',
    periodType: 'month',
    aggregation: 'sum',
    timeAggregation: 'sum',
    decimals: 0,
    direction: 'higher_better',
    thresholds: { mode: 'achievement', yellow: 100, orange: 90, red: 75 },
    source: 'Dữ liệu tổng hợp cho đo hiệu năng / synthetic benchmark data',
    isPublic: false,
  }));
  await services.catalogue.upsertIndicators('cli', items);
  await services.refresher.drain();
}

async function layoutOf(db: BenchDatabase, indicators: number): Promise<Layout> {
  const tree = await loadUnitTree(db.handle.db);
  const communes = tree.units.filter((u) => u.level === 'commune');
  return {
    indicatorCodes: Array.from({ length: indicators }, (_, k) => indicatorCode(k)),
    communeCodes: communes.map((u) => u.code),
    communeIds: communes.map((u) => u.id),
  };
}

async function copyRange(db: BenchDatabase, layout: Layout, start: number, end: number, label: string) {
  let seconds = 0;
  for (let from = start; from < end; from += COPY_CHUNK) {
    const to = Math.min(from + COPY_CHUNK, end);
    const csv = toCopyCsv(layout, from, to); // built outside the timing: only the COPY is measured
    const [, took] = await timed(() => db.copy(csv));
    seconds += took / 1000;
    log(`${label}: ${int(to - start)}/${int(end - start)} rows (${int((to - start) / seconds)} rows/s)`);
  }
  return seconds;
}

async function queuePairs(db: BenchDatabase, pairs: { codes: string[]; years: number[] }): Promise<void> {
  await sql`
    INSERT INTO rollup_queue (indicator_code, year)
    SELECT * FROM unnest(${pairs.codes}::text[], ${pairs.years}::int[])
    ON CONFLICT (indicator_code, year) DO UPDATE SET generation = EXCLUDED.generation`.execute(db.handle.db);
}

/** Waits for the refresher, printing how many (indicator, year) pairs are left now and then. */
async function drainWithProgress(services: Services, label: string): Promise<number> {
  const t0 = performance.now();
  let finished = false;
  const drained = services.refresher.drain().finally(() => {
    finished = true;
  });
  while (!finished) {
    await Promise.race([drained, new Promise((r) => setTimeout(r, 15_000))]);
    if (!finished) log(`${label}: ${int(await services.refresher.pending())} (indicator, year) pairs left`);
  }
  await drained;
  return (performance.now() - t0) / 1000;
}

/** (indicator, period) read requests: months, quarters and years of fully loaded indicators. */
function readMix(layout: Layout, fullIndicators: number, count: number, seed: number) {
  const random = prng(seed);
  const pick = (n: number) => Math.floor(random() * n);
  return Array.from({ length: count }, () => {
    const code = layout.indicatorCodes[pick(fullIndicators)]!;
    const year = FIRST_YEAR + pick(YEAR_COUNT);
    const r = random();
    const period =
      r < 0.6
        ? `${year}-${String(1 + pick(12)).padStart(2, '0')}`
        : r < 0.85
          ? `${year}-Q${1 + pick(4)}`
          : String(year);
    return { code, period };
  });
}

async function runEngine(db: BenchDatabase): Promise<EngineResult> {
  const { handle } = db;
  const services = createServices(handle, { SESSION_HOURS: 12 });
  const app = await buildApp(handle, services);
  try {
    const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    log(`${db.engine}: server listening on ${baseUrl}`);

    const communes = DEMO_UNITS.filter((u) => u.level === 'commune').length;
    const indicators = indicatorsFor(TOTAL_ROWS, communes);
    await setUpCatalogue(services, indicators);
    const layout = await layoutOf(db, indicators);
    log(
      `catalogue: ${DEMO_UNITS.length} units (${layout.communeIds.length} communes), ${indicators} monthly sum indicators × ${YEAR_COUNT} years`,
    );

    // Credentials: an API key for the writing system, a session for the reading user.
    await services.auth.createUser('cli', {
      username: 'bench_writer',
      displayName: 'Hệ thống nạp số liệu',
      password: 'bench-writer-password',
      role: 'data_officer',
    });
    const { key: apiKey } = await services.auth.createApiKey('cli', 'bench_writer', 'benchmark');
    await services.auth.createUser('cli', {
      username: 'bench_reader',
      displayName: 'Lãnh đạo',
      password: 'bench-reader-password',
      role: 'leader',
    });
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench_reader', password: 'bench-reader-password' }),
    });
    if (login.status !== 200) throw new Error(`login → ${login.status}: ${await login.text()}`);
    const { token } = (await login.json()) as { token: string };

    // ---- 1. Ingest: COPY baseline, then the HTTP API, then the roll-up catch-up ----
    const ingestWatch = watchLoad();
    log(`ingest: COPY of ${int(COPY_ROWS)} observations (baseline)`);
    const copySeconds = await copyRange(db, layout, 0, COPY_ROWS, 'ingest COPY');

    log(`ingest: ${int(HTTP_ROWS)} observations through POST /api/v1/observations`);
    const httpStart = COPY_ROWS;
    const httpEnd = COPY_ROWS + HTTP_ROWS;
    const ingest = await runClient(
      {
        kind: 'ingest',
        baseUrl,
        apiKey,
        layout,
        start: httpStart,
        end: httpEnd,
        batch: HTTP_BATCH,
        inFlight: HTTP_IN_FLIGHT,
      },
      (done, total) => log(`ingest HTTP: ${int(done)}/${int(total)} rows acknowledged`),
    );
    if (ingest.type !== 'ingest-done') throw new Error('unexpected client answer');
    const pendingAtLastAck = await services.refresher.pending();
    log(
      `ingest HTTP: ${int(ingest.rows)} rows in ${sec(ingest.seconds)} (${int(ingest.rows / ingest.seconds)} rows/s); ` +
        `${int(pendingAtLastAck)} roll-up pairs still queued`,
    );
    await drainWithProgress(services, 'roll-up catch-up');
    const catchUpSeconds = (performance.timeOrigin + performance.now() - ingest.lastAckAt) / 1000;
    log(`roll-up catch-up: queue empty ${sec(catchUpSeconds)} after the last acknowledged write`);
    const ingestLoad = ingestWatch();

    // Diagnostic: more rows through the same API with roll-ups held back (the refresher's
    // schedule() is a no-op meanwhile), then the roll-ups alone: separates the write path from
    // the roll-up work that the figures above include.
    const pausedEnd = httpEnd + PAUSED_ROWS;
    log(`ingest diagnostic: ${int(PAUSED_ROWS)} more observations through the API with roll-ups held back`);
    const schedule = services.refresher.schedule;
    services.refresher.schedule = () => {};
    let paused: Awaited<ReturnType<typeof runClient>>;
    try {
      paused = await runClient(
        {
          kind: 'ingest',
          baseUrl,
          apiKey,
          layout,
          start: httpEnd,
          end: pausedEnd,
          batch: HTTP_BATCH,
          inFlight: HTTP_IN_FLIGHT,
        },
        (done, total) => log(`ingest diagnostic: ${int(done)}/${int(total)} rows acknowledged`),
      );
    } finally {
      services.refresher.schedule = schedule;
    }
    if (paused.type !== 'ingest-done') throw new Error('unexpected client answer');
    const pausedPairs = await services.refresher.pending();
    const [, pausedDrainMs] = await timed(() => services.refresher.drain());
    log(
      `ingest diagnostic: ${int(paused.rows / paused.seconds)} rows/s without roll-ups; ` +
        `their ${pausedPairs} (indicator, year) pairs then rolled up in ${sec(pausedDrainMs / 1000)}`,
    );

    // ---- 2. Fill to the full volume, targets, roll-ups ----
    const fillWatch = watchLoad();
    log(`fill: COPY of ${int(TOTAL_ROWS - pausedEnd)} more observations`);
    const fillSeconds = await copyRange(db, layout, pausedEnd, TOTAL_ROWS, 'fill COPY');
    const targets = await sql<{ n: number }>`
      WITH inserted AS (
        INSERT INTO targets (indicator_code, unit_id, period, value, updated_by)
        SELECT i.code, u.id, y::text,
               -- about the expected annual sum (12 × 500 for a commune), ±15 %, so warning levels vary
               (CASE u.level WHEN 'commune' THEN 1 WHEN 'district' THEN 10 ELSE 111 END)
                 * (5100 + ((u.id * 7919 + y * 104729 + right(i.code, 3)::int * 131) % 1800)),
               'bench'
        FROM indicators i CROSS JOIN units u CROSS JOIN generate_series(${FIRST_YEAR}::int, ${FIRST_YEAR + YEAR_COUNT - 1}::int) AS y
        WHERE i.domain_code = ${DOMAIN_CODE}
        RETURNING 1
      ) SELECT count(*)::int AS n FROM inserted`.execute(handle.db);
    const targetCount = targets.rows[0]?.n ?? 0;
    log(`fill: ${int(targetCount)} annual targets`);
    const pairs = [pairsIn(layout, 0, COPY_ROWS), pairsIn(layout, pausedEnd, TOTAL_ROWS)];
    const queued = {
      codes: pairs.flatMap((p) => p.codes),
      years: pairs.flatMap((p) => p.years),
    };
    // Queued and drained a slice at a time, only so that the run can print progress: on PGlite a
    // drain never yields to the event loop, so no timer fires until the queue is empty.
    log(`fill: rolling up ${int(queued.codes.length)} (indicator, year) pairs, ${DRAIN_SLICE} at a time`);
    let drainSeconds = 0;
    for (let i = 0; i < queued.codes.length; i += DRAIN_SLICE) {
      await queuePairs(db, {
        codes: queued.codes.slice(i, i + DRAIN_SLICE),
        years: queued.years.slice(i, i + DRAIN_SLICE),
      });
      const [, took] = await timed(() => services.refresher.drain());
      drainSeconds += took / 1000;
      const done = Math.min(i + DRAIN_SLICE, queued.codes.length);
      log(
        `roll-ups: ${int(done)}/${int(queued.codes.length)} pairs (${(done / drainSeconds).toFixed(1)} pairs/s)`,
      );
    }
    const sizes = await sql<{ observations: number; cells: number; bytes: string }>`
      SELECT (SELECT count(*) FROM observations)::int AS observations,
             (SELECT count(*) FROM rollup_values)::int AS cells,
             (SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c
               JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = current_schema() AND c.relkind = 'r')::text AS bytes`.execute(handle.db);
    const size = sizes.rows[0]!;
    log(
      `fill: ${int(size.observations)} observations, ${int(size.cells)} roll-up cells, ` +
        `roll-ups in ${sec(drainSeconds)}, tables and indexes ${(Number(size.bytes) / 1024 ** 3).toFixed(2)} GiB`,
    );
    if (size.observations !== TOTAL_ROWS) throw new Error(`expected ${TOTAL_ROWS} observations`);
    const fillLoad = fillWatch();

    // ---- 3. Reads ----
    const readWatch = watchLoad();
    const full = Math.floor(TOTAL_ROWS / rowsPerIndicator(communes));
    const valuesPath = (r: { code: string; period: string }) =>
      `/api/v1/indicators/${r.code}/values?period=${r.period}&level=commune`;
    log(`reads: ${READS} sequential GET …/values?level=commune after ${READ_WARMUP} warm-up requests`);
    const read = await runClient(
      {
        kind: 'read',
        baseUrl,
        token,
        paths: readMix(layout, full, READ_WARMUP + READS, 1).map(valuesPath),
        warmup: READ_WARMUP,
      },
      (done) => log(`reads HTTP: ${done}/${READS}`),
    );
    if (read.type !== 'read-done') throw new Error('unexpected client answer');
    const http = stats(read.latenciesMs);
    log(`reads HTTP: p50 ${ms(http.p50)} ms, p95 ${ms(http.p95)} ms`);

    // The same kind of request without HTTP, then its queries one by one (other random samples of
    // the same mix, so that no measure reads pages another has just brought into the cache).
    const actor: Actor = await services.auth.authenticate({ sessionToken: token });
    const serviceMs: number[] = [];
    for (const [i, r] of readMix(layout, full, READ_WARMUP + READS, 2).entries()) {
      const [, took] = await timed(async () => {
        await services.auth.authenticate({ sessionToken: token });
        JSON.stringify(await services.values.values(actor, r.code, { period: r.period, level: 'commune' }));
      });
      if (i >= READ_WARMUP) serviceMs.push(took);
    }
    const service = stats(serviceMs);
    log(`reads service (no HTTP): p50 ${ms(service.p50)} ms, p95 ${ms(service.p95)} ms`);

    const ids = layout.communeIds;
    const selectCells = (code: string, period: string) =>
      handle.db
        .selectFrom('rollup_values')
        .select(['unit_id', 'period', 'value', 'coverage'])
        .where('indicator_code', '=', code)
        .where('period', 'in', [period])
        .execute();
    const sqlMs: number[] = [];
    for (const [i, r] of readMix(layout, full, READ_WARMUP + READS, 3).entries()) {
      const [rows, took] = await timed(() => selectCells(r.code, r.period));
      if (rows.length < ids.length) throw new Error(`${r.code} ${r.period}: ${rows.length} cells`);
      if (i >= READ_WARMUP) sqlMs.push(took);
    }
    const sqlStats = stats(sqlMs);
    log(`reads SQL (one indexed SELECT): p50 ${ms(sqlStats.p50)} ms, p95 ${ms(sqlStats.p95)} ms`);

    const stepNames = [
      'authenticate (session look-up)',
      'indicator by code',
      'unit tree (all units, reused for 5 s)',
      'roll-up cells (the SQL baseline)',
      'targets of the units (the period and its year)',
      'service call + JSON.stringify',
    ];
    const stepMs = stepNames.map(() => [] as number[]);
    for (const [i, r] of readMix(layout, full, READ_WARMUP + READS, 4).entries()) {
      const steps: Array<() => Promise<unknown>> = [
        () => services.auth.authenticate({ sessionToken: token }),
        () => handle.db.selectFrom('indicators').selectAll().where('code', '=', r.code).executeTakeFirst(),
        () => loadUnitTree(handle.db),
        () => selectCells(r.code, r.period),
        () =>
          handle.db
            .selectFrom('targets')
            .select(['unit_id', 'period', 'value', 'low', 'high'])
            .where('indicator_code', '=', r.code)
            .where('unit_id', 'in', ids)
            .where('period', 'in', [r.period, r.period.slice(0, 4)])
            .execute(),
        async () =>
          JSON.stringify(await services.values.values(actor, r.code, { period: r.period, level: 'commune' })),
      ];
      for (const [k, step] of steps.entries()) {
        const [, took] = await timed(step);
        if (i >= READ_WARMUP) stepMs[k]!.push(took);
      }
    }
    const steps = stepNames.map((name, k) => ({ name, stats: stats(stepMs[k]!) }));
    const readLoad = readWatch();

    return {
      engine: db.engine,
      otherCpu: { ingest: ingestLoad.otherShare, fill: fillLoad.otherShare, reads: readLoad.otherShare },
      ingest: {
        copyRows: COPY_ROWS,
        copySeconds,
        httpRows: ingest.rows,
        httpSeconds: ingest.seconds,
        httpRequest: stats(ingest.requestMs),
        httpPairs: pairsIn(layout, httpStart, httpEnd).codes.length,
        pendingAtLastAck,
        catchUpSeconds,
        pausedRows: paused.rows,
        pausedSeconds: paused.seconds,
        pausedRequest: stats(paused.requestMs),
        pausedPairs,
        pausedDrainSeconds: pausedDrainMs / 1000,
      },
      fill: {
        observations: size.observations,
        copyRows: TOTAL_ROWS - pausedEnd,
        copySeconds: fillSeconds,
        targets: targetCount,
        pairs: queued.codes.length,
        drainSeconds,
        rollupCells: size.cells,
        databaseBytes: Number(size.bytes),
      },
      reads: {
        http,
        service,
        sql: sqlStats,
        steps,
        indicators: full,
        units: read.minRows,
        minValued: read.minValued,
        meanBytes: read.meanBytes,
      },
    };
  } finally {
    await app.close();
    await services.refresher.drain();
  }
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

function verdict(met: boolean, text: string): string {
  return `${met ? '**met**' : '**missed**'}: ${text}`;
}

function engineSection(r: EngineResult): string {
  const { ingest, fill, reads } = r;
  const copyRate = ingest.copyRows / ingest.copySeconds;
  const httpRate = ingest.httpRows / ingest.httpSeconds;
  const ratio = httpRate / copyRate;
  const pausedRate = ingest.pausedRows / ingest.pausedSeconds;
  const ratioText =
    ratio >= TARGET_INGEST_RATIO
      ? `HTTP/COPY = ${ratio.toFixed(2)} ≥ ${TARGET_INGEST_RATIO}`
      : `HTTP/COPY = ${ratio.toFixed(2)} < ${TARGET_INGEST_RATIO}, short by ${((1 - ratio / TARGET_INGEST_RATIO) * 100).toFixed(0)} % ` +
        `(HTTP would need ${int(copyRate * TARGET_INGEST_RATIO)} rows/s)`;
  const p95 = reads.http.p95;
  const p95Text =
    p95 <= TARGET_READ_P95_MS
      ? `p95 = ${ms(p95)} ms ≤ ${TARGET_READ_P95_MS} ms`
      : `p95 = ${ms(p95)} ms > ${TARGET_READ_P95_MS} ms, over by ${((p95 / TARGET_READ_P95_MS - 1) * 100).toFixed(0)} %`;
  const row = (name: string, s: Stats) =>
    `| ${name} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.mean)} | ${ms(s.max)} | ${(s.p50 / reads.sql.p50).toFixed(1)}× |`;
  const share = (x: number | null) => (x === null ? 'unknown' : `${(x * 100).toFixed(0)} %`);
  return [
    `### ${r.engine}`,
    '',
    `Other processes on the machine used ${share(r.otherCpu.ingest)} of its CPU during the ingest part, ` +
      `${share(r.otherCpu.fill)} during the fill and ${share(r.otherCpu.reads)} during the reads ` +
      '(busy time in /proc/stat less this process' +
      (r.engine.startsWith('PostgreSQL') ? ', so here including the PostgreSQL server itself' : '') +
      '; figures taken alongside other work are less reliable).',
    '',
    '#### 1. Ingest (1,000,000 observations each way)',
    '',
    '| path | rows | time | rows/s | ratio to COPY |',
    '|---|---:|---:|---:|---:|',
    `| raw \`COPY observations … FROM\` (baseline) | ${int(ingest.copyRows)} | ${sec(ingest.copySeconds)} | ${int(copyRate)} | 1.00 |`,
    `| \`POST /api/v1/observations\`, JSON, ${int(HTTP_BATCH)} rows/request, ${HTTP_IN_FLIGHT} in flight, API key | ${int(ingest.httpRows)} | ${sec(ingest.httpSeconds)} | ${int(httpRate)} | ${ratio.toFixed(2)} |`,
    `| diagnostic: the same API with roll-ups held back (refresher paused), on the next ${int(ingest.pausedRows)} rows | ${int(ingest.pausedRows)} | ${sec(ingest.pausedSeconds)} | ${int(pausedRate)} | ${(pausedRate / copyRate).toFixed(2)} |`,
    '',
    `- Target HTTP/COPY ≥ ${TARGET_INGEST_RATIO}: ${verdict(ratio >= TARGET_INGEST_RATIO, ratioText)}.`,
    `- One ${int(HTTP_BATCH)}-row request: p50 ${ms(ingest.httpRequest.p50)} ms, p95 ${ms(ingest.httpRequest.p95)} ms, max ${ms(ingest.httpRequest.max)} ms ` +
      `(${ingest.httpRequest.n} requests; the refresher ran in the background meanwhile, as in production).`,
    `- Roll-up catch-up: the HTTP rows touched ${int(ingest.httpPairs)} (indicator, year) pairs; ` +
      `${int(ingest.pendingAtLastAck)} were still queued when the client reported its last acknowledgement, and the queue ` +
      `was empty **${sec(ingest.catchUpSeconds)}** after that acknowledgement (\`services.refresher.drain()\`). ` +
      `Acknowledgement to fresh dashboards: ${sec(ingest.httpSeconds + ingest.catchUpSeconds)} for the whole million.`,
    `- Write path and roll-ups apart (diagnostic): with the refresher paused the API took ${int(pausedRate)} rows/s ` +
      `(a ${int(HTTP_BATCH)}-row request p50 ${ms(ingest.pausedRequest.p50)} ms); rolling up the ${int(ingest.pausedPairs)} (indicator, year) pairs ` +
      `those rows touched then took ${sec(ingest.pausedDrainSeconds)} (${((ingest.pausedDrainSeconds / ingest.pausedPairs) * 1000).toFixed(0)} ms a pair). ` +
      `Writes plus roll-ups: ${int(ingest.pausedRows / (ingest.pausedSeconds + ingest.pausedDrainSeconds))} rows/s.`,
    '',
    `#### 2. Reads with ${int(fill.observations)} observations and their roll-ups`,
    '',
    `Loading: ${int(fill.copyRows)} more rows by COPY in ${sec(fill.copySeconds)} (${int(fill.copyRows / fill.copySeconds)} rows/s); ` +
      `${int(fill.targets)} annual targets; ${int(fill.pairs)} queued (indicator, year) pairs rolled up in ${sec(fill.drainSeconds)} ` +
      `(${(fill.pairs / fill.drainSeconds).toFixed(1)} pairs/s); ` +
      `${int(fill.rollupCells)} roll-up cells; tables and indexes ${(fill.databaseBytes / 1024 ** 3).toFixed(2)} GiB.`,
    '',
    `\`GET /api/v1/indicators/{code}/values?period=…&level=commune\`, ${READS} sequential requests after ${READ_WARMUP} warm-up, ` +
      `random indicator (of ${reads.indicators} fully loaded) and period (60 % months, 25 % quarters, 15 % years, ${FIRST_YEAR}–${FIRST_YEAR + YEAR_COUNT - 1}); ` +
      `every response had ${reads.units} communes, at least ${reads.minValued} with a value; ${int(reads.meanBytes)} bytes on average. Times in ms:`,
    '',
    '| measure | p50 | p95 | p99 | mean | max | p50 ÷ SQL p50 |',
    '|---|---:|---:|---:|---:|---:|---:|',
    row('HTTP request, real listening server (session token)', reads.http),
    row('same work without HTTP: authenticate + `ValuesService.values` + JSON.stringify', reads.service),
    row('baseline: the single indexed SELECT on `rollup_values` the request makes', reads.sql),
    '',
    `- Target p95 ≤ ${TARGET_READ_P95_MS} ms: ${verdict(p95 <= TARGET_READ_P95_MS, p95Text)}.`,
    '',
    'Where a request spends its time (each step timed alone, same request mix):',
    '',
    '| step | p50 | p95 | mean |',
    '|---|---:|---:|---:|',
    ...reads.steps.map(
      (s) => `| ${s.name} | ${ms(s.stats.p50)} | ${ms(s.stats.p95)} | ${ms(s.stats.mean)} |`,
    ),
    '',
  ].join('\n');
}

function reportBlock(machine: Machine, results: EngineResult[], totalSeconds: number): string {
  const peakRss = process.resourceUsage().maxRSS / 1024 ** 2;
  return [
    `_Written by \`npm run bench\` on ${machine.date.slice(0, 10)} (${machine.date}); the whole run took ${(totalSeconds / 60).toFixed(1)} min, peak memory ${peakRss.toFixed(2)} GiB._` +
      (SCALE === 1 ? '' : ` **BENCH_SCALE=${SCALE}: a scaled-down run, not the reference figures.**`),
    '',
    '| machine | |',
    '|---|---|',
    `| CPU | ${machine.cpu} |`,
    `| cores | ${machine.cores} |`,
    `| memory | ${machine.memoryGiB.toFixed(1)} GiB |`,
    `| OS | ${machine.os} |`,
    `| Node.js | ${machine.node} |`,
    `| engine | ${results.map((r) => r.engine).join('; ')} |`,
    `| sources measured | ${SOURCES} |`,
    '',
    ...results.map(engineSection),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const machine = describeMachine();
  log(
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB.toFixed(1)} GiB, Node ${machine.node}; scale ${SCALE}; sources ${SOURCES}`,
  );
  const targets: Array<() => Promise<BenchDatabase>> = [openPglite];
  const url = process.env.BENCH_DATABASE_URL;
  if (url) targets.push(() => openPostgres(url));
  const results: EngineResult[] = [];
  for (const open of targets) {
    const db = await open();
    try {
      results.push(await runEngine(db));
    } finally {
      await db.close();
    }
  }
  const totalSeconds = (performance.now() - started) / 1000;
  const block = reportBlock(machine, results, totalSeconds);
  console.log(`\n${block}`);
  writeReportSection('warehouse', 'Figures', block);
}

await main();
