/**
 * The one refresher of figures computed from records (records/figure-refresher.ts): its queue
 * (migrated from the two earlier ones), the generation that keeps an entry re-queued while it was
 * computed, and the indicators it writes.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/database.js';
import {
  FigureRefresher,
  queueFigures,
  type FigureComputer,
  type FigureRow,
} from '../src/records/figure-refresher.js';
import { ENGINES, loadFixture, startTestApp, type TestContext } from './harness.js';

const MIGRATIONS = path.resolve(import.meta.dirname, '../migrations');

/** The schema as migration 0011 left it, with entries pending in both earlier queues. */
async function before0012(db: Db): Promise<void> {
  await sql`CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(
    db,
  );
  const files = (await readdir(MIGRATIONS)).filter((f) => f.endsWith('.sql') && f < '0012').sort();
  for (const file of files) {
    await sql.raw(await readFile(path.join(MIGRATIONS, file), 'utf8')).execute(db);
    await sql`INSERT INTO schema_migrations (name) VALUES (${file})`.execute(db);
  }
  await sql`INSERT INTO finance_figure_queue (scope, year) VALUES ('budget', 2024), ('investment', 2023)`.execute(
    db,
  );
  await sql`INSERT INTO dossier_figure_queue (month) VALUES ('2024-03')`.execute(db);
}

describe.each(ENGINES)('figure refresher on $name', (engine) => {
  let ctx: TestContext;
  afterEach(async () => {
    await ctx.close();
  });

  const queue = () =>
    ctx.handle.db.selectFrom('figure_queue').select(['scope', 'period']).orderBy('scope').execute();

  it('carries the entries pending in the budget, investment and dossier queues over into the one queue, and recomputes them', async () => {
    ctx = await startTestApp(engine, { beforeMigrate: before0012 });
    expect(await queue()).toEqual([
      { scope: 'budget', period: '2024' },
      { scope: 'dossiers', period: '2024-03' },
      { scope: 'investment', period: '2023' },
    ]);
    const old = await sql<{
      finance: string | null;
      dossiers: string | null;
    }>`SELECT to_regclass('finance_figure_queue')::text AS finance, to_regclass('dossier_figure_queue')::text AS dossiers`.execute(
      ctx.handle.db,
    );
    expect(old.rows[0]).toEqual({ finance: null, dossiers: null });
    await ctx.services.figures.drain();
    expect(await ctx.services.figures.pending()).toBe(0);
  });

  it('recomputes a period again when a writer re-queues it while it is being computed', async () => {
    ctx = await startTestApp(engine);
    const db = ctx.handle.db;
    const computed: string[] = [];
    const computer = (scope: 'budget' | 'investment' | 'dossiers'): FigureComputer => ({
      source: scope,
      compute: async (period) => {
        computed.push(`${scope} ${period}`);
        // A write lands during the first computation of the budget year.
        if (scope === 'budget' && computed.length === 1) await queueFigures(db, 'budget', [period]);
        return { rows: [] };
      },
    });
    const refresher = new FigureRefresher(db, ctx.services.observations, ctx.services.catalogue, {
      budget: computer('budget'),
      investment: computer('investment'),
      dossiers: computer('dossiers'),
    });
    // Each period once, even when a writer names it twice.
    await queueFigures(db, 'budget', ['2024', '2024']);
    await queueFigures(db, 'dossiers', ['2024-01', '2024-02']);
    await refresher.drain();
    expect(computed).toEqual(['budget 2024', 'dossiers 2024-01', 'dossiers 2024-02', 'budget 2024']);
    expect(await refresher.pending()).toBe(0);
  });

  it('writes only the indicators the catalogue keeps as reported values of that period type, and their targets', async () => {
    ctx = await startTestApp(engine);
    await loadFixture(ctx.services);
    const rows: FigureRow[] = [
      { indicator: 'THU', unit: 'C1', period: '2024-03', value: 5 },
      { indicator: 'THU', unit: 'C1', period: '2024-03-15', value: 6 }, // THU is monthly
      { indicator: 'TL_DH', unit: 'C1', period: '2024-03', value: 7 }, // computed by formula
      { indicator: 'KHONG_CO', unit: 'C1', period: '2024-03', value: 8 }, // not in the catalogue
    ];
    const computer: FigureComputer = {
      source: 'Tính thử / test',
      compute: async () => ({
        rows,
        targets: [
          { indicatorCode: 'THU', unitCode: 'C1', period: '2024', value: 60 },
          { indicatorCode: 'KHONG_CO', unitCode: 'C1', period: '2024', value: 1 },
        ],
      }),
    };
    const refresher = new FigureRefresher(ctx.handle.db, ctx.services.observations, ctx.services.catalogue, {
      budget: computer,
      investment: computer,
      dossiers: computer,
    });
    expect(await refresher.recompute('budget', '2024')).toBe(1);
    const written = await ctx.handle.db
      .selectFrom('observations')
      .innerJoin('units', 'units.id', 'observations.unit_id')
      .select(['indicator_code', 'units.code as unit', 'period', 'value', 'source'])
      .where('units.code', '=', 'C1')
      .execute();
    expect(written).toEqual([
      { indicator_code: 'THU', unit: 'C1', period: '2024-03', value: 5, source: 'Tính thử / test' },
    ]);
    const targets = await ctx.handle.db
      .selectFrom('targets')
      .innerJoin('units', 'units.id', 'targets.unit_id')
      .select(['indicator_code', 'value'])
      .where('units.code', '=', 'C1')
      .execute();
    expect(targets).toEqual([{ indicator_code: 'THU', value: 60 }]);
  });
});
