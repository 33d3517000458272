import { parsePeriod, type TargetInput } from '@ioc/shared';
import { sql } from 'kysely';
import type { CatalogueService } from '../catalogue/catalogue.service.js';
import { loadIndicators } from '../catalogue/indicator-record.js';
import type { Db } from '../db/database.js';
import type { ObservationsService } from '../observations/observations.service.js';
import type { UnitNode, UnitTree } from '../units/unit-tree.js';

/** The records whose warehouse figures the refresher keeps: each recomputes one period at a time. */
export type FigureScope = 'budget' | 'investment' | 'dossiers';

/** One warehouse observation computed from records. */
export interface FigureRow {
  indicator: string;
  unit: string;
  period: string;
  value: number;
}

/** How one scope's warehouse figures are computed from its records. */
export interface FigureComputer {
  /** The source every observation it writes carries. */
  source: string;
  /**
   * The figures of one queued period (a year for budget and investment, a month for dossiers),
   * with the targets the records set, if any.
   */
  compute(period: string): Promise<{ rows: FigureRow[]; targets?: TargetInput[] }>;
}

/** The source of figures computed from budget and investment records. */
export const RECORDS_SOURCE = 'Tính từ chứng từ / computed from records';

const QUIET_MS = 200;
const BATCH = 20_000;

/** Marks periods of a scope stale, in the writer's transaction (a new generation when already queued). */
export async function queueFigures(trx: Db, scope: FigureScope, periods: string[]): Promise<void> {
  if (periods.length === 0) return;
  await sql`INSERT INTO figure_queue (scope, period)
    SELECT DISTINCT ${scope}::text, period FROM unnest(${periods}::text[]) AS t(period)
    ON CONFLICT (scope, period) DO UPDATE SET generation = nextval('figure_generation')`.execute(trx);
}

/**
 * Keeps the warehouse indicators computed from records (budget, investment, dossiers) equal to
 * what the records say. Writers queue (scope, period) in `figure_queue` in the same transaction as
 * the records; this recomputes each queued period with its scope's computer and writes the figures
 * through the observations service (unchanged figures are left alone, so only real changes enter
 * the revision history and the roll-ups), and the targets through the catalogue.
 */
export class FigureRefresher {
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private again = false;

  constructor(
    private readonly db: Db,
    private readonly observations: ObservationsService,
    private readonly catalogue: CatalogueService,
    private readonly computers: Record<FigureScope, FigureComputer>,
    private readonly onError: (err: unknown) => void = (err) => console.error('record figures failed', err),
  ) {}

  /** Recomputes in the background shortly after writes pause. */
  schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.drain().catch(this.onError);
    }, QUIET_MS);
  }

  /** Recomputes now, until the queue is empty (tests, the CLI and the seed wait on this). */
  drain(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** How many (scope, period) entries wait to be recomputed. */
  async pending(): Promise<number> {
    const row = await this.db
      .selectFrom('figure_queue')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  }

  /** Recomputes one period of a scope and writes its figures; returns how many observations. */
  async recompute(scope: FigureScope, period: string): Promise<number> {
    const computer = this.computers[scope];
    const { rows, targets = [] } = await computer.compute(period);
    return this.write(rows, targets, computer.source);
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      const queued = await this.db
        .selectFrom('figure_queue')
        .selectAll()
        .orderBy('scope')
        .orderBy('period')
        .execute();
      for (const item of queued) {
        await this.recompute(item.scope as FigureScope, item.period);
        // Remove the entry only if no writer re-queued it meanwhile.
        await this.db
          .deleteFrom('figure_queue')
          .where('scope', '=', item.scope)
          .where('period', '=', item.period)
          .where('generation', '=', item.generation)
          .execute();
      }
      // Look again: writers may have queued more meanwhile.
      if (queued.length > 0) this.again = true;
    } while (this.again);
  }

  /**
   * Writes the figures of indicators the catalogue keeps as reported values of that period type
   * (a province may not track them all, or may derive one by formula); returns how many.
   */
  private async write(rows: FigureRow[], targets: TargetInput[], source: string): Promise<number> {
    const indicators = await loadIndicators(this.db);
    const writable = rows.filter((r) => {
      const indicator = indicators.get(r.indicator);
      return (
        indicator !== undefined && !indicator.formula && parsePeriod(r.period)?.type === indicator.periodType
      );
    });
    for (let i = 0; i < writable.length; i += BATCH) {
      const batch = writable.slice(i, i + BATCH).map((r) => ({ ...r, source }));
      await this.observations.write('cli', {
        rows: batch,
        rowNumbers: batch.map((_, k) => i + k + 1),
        mode: 'all',
      });
    }
    const knownTargets = targets.filter((t) => indicators.has(t.indicatorCode));
    if (knownTargets.length > 0) await this.catalogue.upsertTargets('cli', knownTargets);
    return writable.length;
  }
}

/**
 * The units a record's figures count in: its district (the unit itself or its ancestor) and its
 * province. A record of the province itself (a provincial department) counts in the province only.
 */
export function reportingUnits(tree: UnitTree): (unitId: number) => UnitNode[] {
  const cache = new Map<number, UnitNode[]>();
  return (unitId) => {
    let found = cache.get(unitId);
    if (!found) {
      const self = tree.byId.get(unitId);
      const chain = self ? [self, ...tree.ancestors(unitId)] : [];
      found = chain.filter((u) => u.level === 'district' || u.level === 'province');
      cache.set(unitId, found);
    }
    return found;
  };
}

/** Every date from 1 January of the year to `last`, inclusive. */
export function datesUpTo(last: string): string[] {
  const out: string[] = [];
  for (
    let t = Date.parse(`${last.slice(0, 4)}-01-01T00:00:00Z`);
    t <= Date.parse(`${last}T00:00:00Z`);
    t += 86_400_000
  ) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** True when the unit exists on the date. */
export function existsOn(unit: UnitNode, date: string): boolean {
  return (!unit.validFrom || unit.validFrom <= date) && (!unit.validTo || date <= unit.validTo);
}
