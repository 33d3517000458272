import type { TargetInput } from '@ioc/shared';
import type { CatalogueService } from '../catalogue/catalogue.service.js';
import { loadIndicators } from '../catalogue/indicator-record.js';
import type { Db } from '../db/database.js';
import type { ObservationsService } from '../observations/observations.service.js';
import type { UnitNode, UnitTree } from '../units/unit-tree.js';
import type { FigureScope } from './record-intake.js';

/** One warehouse observation computed from records. */
export interface FigureRow {
  indicator: string;
  unit: string;
  period: string;
  value: number;
}

/** Computes the warehouse figures of one scope and year from the records. */
export type FigureComputer = (year: number) => Promise<{ rows: FigureRow[]; targets: TargetInput[] }>;

const BATCH = 20_000;

/**
 * Keeps the budget and investment indicators of the warehouse equal to what the records say.
 * Intake queues (scope, year) in the same transaction as the records; this recomputes the queued
 * years and writes them through the observations service (unchanged figures are left alone, so
 * only real changes enter the revision history and the roll-ups).
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
    private readonly onError: (err: unknown) => void = (err) => console.error('finance figures failed', err),
  ) {}

  /** Recomputes in the background shortly after writes pause. */
  schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.drain().catch(this.onError);
    }, 200);
  }

  /** Recomputes now, until the queue is empty (tests and the CLI wait on this). */
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

  private async loop(): Promise<void> {
    do {
      this.again = false;
      const queued = await this.db.selectFrom('finance_figure_queue').selectAll().execute();
      for (const item of queued) {
        const { rows, targets } = await this.computers[item.scope as FigureScope](item.year);
        await this.write(rows, targets);
        // Remove the entry only if no writer re-queued it meanwhile.
        await this.db
          .deleteFrom('finance_figure_queue')
          .where('scope', '=', item.scope)
          .where('year', '=', item.year)
          .where('generation', '=', item.generation)
          .execute();
      }
      // Look again: writers may have queued more meanwhile.
      if (queued.length > 0) this.again = true;
    } while (this.again);
  }

  /** Writes the figures of indicators the catalogue has (a province may not track them all). */
  private async write(rows: FigureRow[], targets: TargetInput[]): Promise<void> {
    const indicators = await loadIndicators(this.db);
    const known = rows.filter((r) => indicators.has(r.indicator));
    for (let i = 0; i < known.length; i += BATCH) {
      const batch = known
        .slice(i, i + BATCH)
        .map((r) => ({ ...r, source: 'Tính từ chứng từ / computed from records' }));
      await this.observations.write('cli', {
        rows: batch,
        rowNumbers: batch.map((_, k) => i + k + 1),
        mode: 'all',
      });
    }
    const knownTargets = targets.filter((t) => indicators.has(t.indicatorCode));
    if (knownTargets.length > 0) await this.catalogue.upsertTargets('cli', knownTargets);
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
