import { EventEmitter } from 'node:events';
import { deriveCells, rollupIndicator, type RollupCell } from '@ioc/shared';
import { sql } from 'kysely';
import { inputsOf, loadIndicators, type IndicatorRecord } from '../catalogue/indicator-record.js';
import type { Db } from '../db/database.js';
import { loadUnitTree, type UnitTree } from '../units/unit-tree.js';

const QUIET_MS = 200;
const MAX_WAIT_MS = 2000;
/** After this many pairs the database statistics are refreshed (see `maintain`). */
const PAIRS_PER_MAINTENANCE = 300;

/**
 * Keeps `rollup_values` current. Writers queue the (indicator, year) pairs they touch in the
 * same transaction as the data; this refresher recomputes just those pairs, then the indicators
 * computed from them (formulas, weighted means), so dashboard reads never aggregate raw data.
 */
export class RollupRefresher {
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private firstScheduledAt = 0;
  private readonly events = new EventEmitter().setMaxListeners(0);
  private again = false;
  private pairsSinceMaintenance = 0;
  /** Observation writes in progress, and when the last one ended (see `whileWriting`). */
  private writers = 0;
  private lastWriteEndedAt = 0;

  /**
   * `maintain` runs after every PAIRS_PER_MAINTENANCE pairs refreshed: bulk loads are what make
   * the planner's statistics stale, and PGlite has no autovacuum to refresh them.
   */
  constructor(
    private readonly db: Db,
    private readonly maintain: () => Promise<void> = async () => {},
    private readonly onError: (err: unknown) => void = (err) => console.error('rollup refresh failed', err),
  ) {}

  /**
   * Starts a refresh in the background once writes pause (errors go to `onError`). A burst of
   * batches is coalesced so an (indicator, year) is not recomputed after every batch: the refresh
   * waits for QUIET_MS without writes, but never longer than MAX_WAIT_MS after the first.
   */
  schedule(): void {
    const now = Date.now();
    if (this.timer === null) this.firstScheduledAt = now;
    else clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(QUIET_MS, this.firstScheduledAt + MAX_WAIT_MS - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run().catch(this.onError);
    }, wait);
  }

  /**
   * Runs an observation write with the roll-ups it causes held back: while writes are in progress
   * the refresher starts at most one (indicator, year) pair every MAX_WAIT_MS, and catches up once
   * they pause for QUIET_MS. On PGlite a pair takes the server's only thread and connection for
   * ≈ 70 ms, so during a bulk ingest roll-ups lag behind the acknowledged writes instead of
   * slowing them down.
   */
  async whileWriting<T>(write: () => Promise<T>): Promise<T> {
    this.writers++;
    try {
      return await write();
    } finally {
      this.writers--;
      this.lastWriteEndedAt = Date.now();
    }
  }

  /** Refreshes now, until the queue is empty (tests, the CLI and the benchmark wait on this). */
  drain(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    return this.run();
  }

  /** One loop at a time; a call while it runs makes it go round once more. */
  private run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async pending(): Promise<number> {
    const row = await this.db
      .selectFrom('rollup_queue')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      while (await this.refreshQueued()) {
        /* keep going while work was found */
      }
    } while (this.again);
  }

  /** Processes the queue once, inputs before the indicators computed from them. */
  private async refreshQueued(): Promise<boolean> {
    const queued = await this.db.selectFrom('rollup_queue').selectAll().execute();
    if (queued.length === 0) return false;
    const [indicators, units] = await Promise.all([loadIndicators(this.db), loadUnitTree(this.db)]);
    const depth = dependencyDepths(indicators);
    queued.sort((a, b) => (depth.get(a.indicator_code) ?? 0) - (depth.get(b.indicator_code) ?? 0));
    for (const item of queued) {
      await this.yieldToWriters();
      const indicator = indicators.get(item.indicator_code);
      await this.db.transaction().execute(async (trx) => {
        if (indicator) {
          const cells = await computeCells(trx, indicator, item.year, units);
          await replaceCells(trx, indicator.code, item.year, cells);
          await queueDependents(trx, indicators, indicator.code, item.year);
        }
        // Remove the entry only if no writer re-queued it meanwhile.
        await trx
          .deleteFrom('rollup_queue')
          .where('indicator_code', '=', item.indicator_code)
          .where('year', '=', item.year)
          .where('generation', '=', item.generation)
          .execute();
      });
      if (++this.pairsSinceMaintenance >= PAIRS_PER_MAINTENANCE) {
        this.pairsSinceMaintenance = 0;
        await this.maintain();
      }
    }
    this.events.emit('refreshed', { indicators: [...new Set(queued.map((q) => q.indicator_code))] });
    return true;
  }

  /**
   * Before each pair: lets requests and timers in (PGlite answers in synchronous WASM calls, so a
   * long refresh would otherwise serve nothing until it ends), then, while observation writes are
   * in progress, waits for them to pause for QUIET_MS, but never longer than MAX_WAIT_MS.
   */
  private async yieldToWriters(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    const deadline = Date.now() + MAX_WAIT_MS;
    for (;;) {
      const now = Date.now();
      const quiet = this.writers > 0 ? 0 : now - this.lastWriteEndedAt;
      if (quiet >= QUIET_MS || now >= deadline) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(QUIET_MS - quiet, deadline - now)));
    }
  }

  /** Calls `listener` after each pass with the indicators whose roll-ups changed; returns the unsubscribe. */
  onRefreshed(listener: (change: { indicators: string[] }) => void): () => void {
    this.events.on('refreshed', listener);
    return () => this.events.off('refreshed', listener);
  }
}

/** Roll-up cells of one indicator for one year, from approved observations or from its inputs. */
async function computeCells(
  db: Db,
  indicator: IndicatorRecord,
  year: number,
  units: UnitTree,
): Promise<RollupCell[]> {
  if (indicator.formula) {
    const inputs = new Map<string, RollupCell[]>();
    for (const code of indicator.formula.refs) inputs.set(code, await readCells(db, code, year));
    return deriveCells(indicator.formula, inputs);
  }
  const rows = await db
    .selectFrom('observations')
    .select(['unit_id', 'period', 'value'])
    .where('indicator_code', '=', indicator.code)
    .where('disaggregation', '=', '')
    .where('status', '=', 'approved')
    .where('period', 'like', `${year}%`)
    .execute();
  const weights =
    indicator.aggregation === 'weighted_mean' && indicator.weightIndicatorCode
      ? await readCells(db, indicator.weightIndicatorCode, year)
      : [];
  const weightByCell = new Map(weights.map((c) => [`${c.unitId}|${c.period}`, c.value]));
  return rollupIndicator({
    units: units.units.map((u) => ({
      id: u.id,
      parentId: u.parentId,
      validFrom: u.validFrom,
      validTo: u.validTo,
    })),
    values: rows.map((r) => ({ unitId: r.unit_id, period: r.period, value: r.value })),
    periodType: indicator.periodType,
    aggregation: indicator.aggregation === 'formula' ? 'sum' : indicator.aggregation,
    timeAggregation: indicator.timeAggregation,
    // A weight is read for the same period, or failing that for the year (e.g. annual population).
    weightOf: (unitId, period) =>
      weightByCell.get(`${unitId}|${period}`) ?? weightByCell.get(`${unitId}|${year}`) ?? null,
  });
}

async function readCells(db: Db, indicatorCode: string, year: number): Promise<RollupCell[]> {
  const rows = await db
    .selectFrom('rollup_values')
    .select(['unit_id', 'period', 'value', 'coverage', 'reported'])
    .where('indicator_code', '=', indicatorCode)
    .where('period', 'like', `${year}%`)
    .execute();
  return rows.map((r) => ({
    unitId: r.unit_id,
    period: r.period,
    value: r.value,
    coverage: r.coverage,
    reported: r.reported,
  }));
}

const CHUNK = 5000;

async function replaceCells(db: Db, indicatorCode: string, year: number, cells: RollupCell[]): Promise<void> {
  await db
    .deleteFrom('rollup_values')
    .where('indicator_code', '=', indicatorCode)
    .where('period', 'like', `${year}%`)
    .execute();
  for (let i = 0; i < cells.length; i += CHUNK) {
    const part = cells.slice(i, i + CHUNK);
    await sql`
      INSERT INTO rollup_values (indicator_code, unit_id, period, value, coverage, reported)
      SELECT ${indicatorCode}, * FROM unnest(
        ${part.map((c) => c.unitId)}::int[], ${part.map((c) => c.period)}::text[], ${part.map((c) => c.value)}::float8[],
        ${part.map((c) => c.coverage)}::float8[], ${part.map((c) => c.reported)}::bool[])`.execute(db);
  }
}

async function queueDependents(
  db: Db,
  indicators: Map<string, IndicatorRecord>,
  code: string,
  year: number,
): Promise<void> {
  const dependents = [...indicators.values()].filter((i) => inputsOf(i).includes(code)).map((i) => i.code);
  if (dependents.length === 0) return;
  await db
    .insertInto('rollup_queue')
    .values(dependents.map((d) => ({ indicator_code: d, year })))
    .onConflict((oc) =>
      oc
        .columns(['indicator_code', 'year'])
        .doUpdateSet((eb) => ({ generation: eb.ref('excluded.generation') })),
    )
    .execute();
}

/** 0 for indicators computed from observations alone, 1 + the deepest input otherwise. */
export function dependencyDepths(indicators: Map<string, IndicatorRecord>): Map<string, number> {
  const depth = new Map<string, number>();
  const visit = (code: string, trail: Set<string>): number => {
    const known = depth.get(code);
    if (known !== undefined) return known;
    const indicator = indicators.get(code);
    if (!indicator || trail.has(code)) return 0;
    trail.add(code);
    const inputs = inputsOf(indicator);
    const d = inputs.length === 0 ? 0 : 1 + Math.max(...inputs.map((c) => visit(c, trail)));
    trail.delete(code);
    depth.set(code, d);
    return d;
  };
  for (const code of indicators.keys()) visit(code, new Set());
  return depth;
}
