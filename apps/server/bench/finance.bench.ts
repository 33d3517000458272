/**
 * Budget records: intake through the service (validation, upsert with history, audit) against a
 * raw INSERT of the same rows, then the budget summary and the drill-down list against the single
 * SQL sum they stand on. Runs on PGlite in a temporary folder.
 *
 *   node --import tsx apps/server/bench/finance.bench.ts
 *
 * BENCH_SCALE (default 1) scales the 500,000 records; BENCH_REPORT sets the report file (`-` to
 * not write one). Writes its section of docs/PERFORMANCE.md between the bench:finance markers.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { BUDGET_ITEMS } from '@ioc/shared';
import { createServices } from '../src/app.js';
import type { Actor } from '../src/auth/actor.js';
import { ORGANISATIONS } from '../src/demo/catalogue.js';
import { DEMO_UNITS } from '../src/demo/units.js';
import { openPglite } from './engines.js';
import { describeMachine } from './machine.js';

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
if (!(SCALE > 0)) throw new Error(`BENCH_SCALE must be a positive number, not "${process.env.BENCH_SCALE}"`);
const RECORDS = Math.round(500_000 * SCALE);
const BATCH = 50_000;
const READS = 40;
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPORT =
  process.env.BENCH_REPORT === '-'
    ? null
    : (process.env.BENCH_REPORT ?? path.resolve(HERE, '../../../docs/PERFORMANCE.md'));

const LEADER: Actor = {
  kind: 'user',
  userId: 1,
  username: 'lanhdao',
  role: 'leader',
  organisationId: null,
  scopeUnitId: null,
};

/** Deterministic pseudo-random numbers (mulberry32). */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time<T>(run: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function main() {
  const db = await openPglite();
  const services = createServices(db.handle, { SESSION_HOURS: 1 });
  await services.catalogue.upsertUnits('cli', DEMO_UNITS);
  await services.catalogue.upsertReferenceData('cli', { organisations: ORGANISATIONS });
  const random = prng(7);
  const units = DEMO_UNITS.filter((u) => u.level !== 'province').map((u) => u.code);
  const rows = Array.from({ length: RECORDS }, (_, i) => {
    const item = BUDGET_ITEMS[Math.floor(random() * BUDGET_ITEMS.length)]!;
    const day = Math.floor(random() * 730);
    return {
      key: `B-${i}`,
      kind: item.kind === 'revenue' ? 'thu' : 'chi',
      item: item.code,
      organisation: item.kind === 'revenue' ? 'CUC_THUE' : 'SO_TC',
      unit: units[Math.floor(random() * units.length)]!,
      date: new Date(Date.UTC(2023, 0, 1) + day * 86_400_000).toISOString().slice(0, 10),
      amount: Math.round(random() * 5e9),
    };
  });

  // Baseline: the same rows inserted raw (ids resolved beforehand) into a copy of the table with its indexes.
  await sql`CREATE TABLE bench_budget_records (LIKE budget_records INCLUDING ALL)`.execute(db.handle.db);
  const unitIds = new Map(
    (await db.handle.db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code, u.id]),
  );
  const orgIds = new Map(
    (await db.handle.db.selectFrom('organisations').select(['id', 'code']).execute()).map((o) => [
      o.code,
      o.id,
    ]),
  );
  const rawMs = await time(async () => {
    for (let i = 0; i < rows.length; i += BATCH) {
      const part = rows.slice(i, i + BATCH);
      await sql`INSERT INTO bench_budget_records (key, kind, item_code, organisation_id, unit_id, date, amount)
        SELECT * FROM unnest(${part.map((r) => r.key)}::text[], ${part.map((r) => (r.kind === 'thu' ? 'revenue' : 'expenditure'))}::text[],
          ${part.map((r) => r.item)}::text[], ${part.map((r) => orgIds.get(r.organisation)!)}::int[],
          ${part.map((r) => unitIds.get(r.unit)!)}::int[], ${part.map((r) => r.date)}::date[],
          ${part.map((r) => r.amount)}::float8[])`.execute(db.handle.db);
    }
  });
  const intakeMs = await time(async () => {
    for (let i = 0; i < rows.length; i += BATCH) {
      const part = rows.slice(i, i + BATCH);
      await services.budget.write('cli', 'records', {
        rows: part,
        rowNumbers: part.map((_, k) => i + k + 1),
        mode: 'all',
      });
    }
  });
  const resent = rows.slice(0, BATCH);
  const replayMs = await time(() =>
    services.budget.write('cli', 'records', {
      rows: resent,
      rowNumbers: resent.map((_, k) => k + 1),
      mode: 'all',
    }),
  );
  const figuresMs = await time(() => services.figures.drain());

  // Reads: the summary and the first page of the drill-down, against the one SQL sum behind them.
  const summaryTimes: number[] = [];
  const listTimes: number[] = [];
  const baseTimes: number[] = [];
  for (let i = 0; i < READS; i++) {
    summaryTimes.push(
      await time(() => services.budget.summary(LEADER, { kind: 'revenue', date: '2024-06-30' })),
    );
    listTimes.push(
      await time(() =>
        services.budget.records(LEADER, {
          kind: 'revenue',
          unit: '692',
          from: '2024-01-01',
          to: '2024-06-30',
          limit: 200,
          offset: 0,
        }),
      ),
    );
    baseTimes.push(
      await time(() =>
        sql`SELECT sum(amount) FROM budget_records WHERE kind = 'revenue' AND date BETWEEN '2024-01-01' AND '2024-06-30'`.execute(
          db.handle.db,
        ),
      ),
    );
  }
  await services.refresher.drain();
  const machine = describeMachine();
  const rate = (ms: number) => Math.round((RECORDS / ms) * 1000);
  const lines = [
    `Budget records, ${RECORDS.toLocaleString('en')} rows, ${db.engine}, ${machine.cpu} (${machine.cores} cores), ${machine.date.slice(0, 10)}:`,
    '',
    '| figure | measured | baseline (same run) | ratio |',
    '|---|---|---|---|',
    `| intake through the service (validation, upsert, history, audit), rows/s | ${rate(intakeMs).toLocaleString('en')} | raw INSERT … unnest: ${rate(rawMs).toLocaleString('en')} | ${(rawMs / intakeMs).toFixed(2)} |`,
    `| resend of ${resent.length.toLocaleString('en')} identical records (stored once), ms | ${replayMs.toFixed(0)} | — | — |`,
    `| warehouse figures recomputed from all records, ms | ${figuresMs.toFixed(0)} | — | — |`,
    `| budget summary (province, YTD, by item/organisation/unit), p50 / p95 ms | ${percentile(summaryTimes, 50).toFixed(1)} / ${percentile(summaryTimes, 95).toFixed(1)} | one SQL sum p95: ${percentile(baseTimes, 95).toFixed(1)} | ${(percentile(summaryTimes, 95) / percentile(baseTimes, 95)).toFixed(1)} |`,
    `| drill-down list (district, 200 rows, count and total), p50 / p95 ms | ${percentile(listTimes, 50).toFixed(1)} / ${percentile(listTimes, 95).toFixed(1)} | one SQL sum p95: ${percentile(baseTimes, 95).toFixed(1)} | ${(percentile(listTimes, 95) / percentile(baseTimes, 95)).toFixed(1)} |`,
  ];
  console.log(lines.join('\n'));
  if (REPORT) {
    const begin = '<!-- bench:finance:begin -->';
    const end = '<!-- bench:finance:end -->';
    let text = existsSync(REPORT) ? readFileSync(REPORT, 'utf8') : '';
    if (!text.includes(begin)) text = `${text.trimEnd()}\n\n${begin}\n${end}\n`;
    const before = text.slice(0, text.indexOf(begin) + begin.length);
    const after = text.slice(text.indexOf(end));
    writeFileSync(REPORT, `${before}\n${lines.join('\n')}\n${after}`);
  }
  await db.close();
}

await main();
