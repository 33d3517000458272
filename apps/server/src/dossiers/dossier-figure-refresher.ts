import {
  DOSSIER_INDICATOR_FIGURES,
  DOSSIER_RATINGS_INDICATOR as RATINGS_INDICATOR,
  DOSSIER_SATISFIED_INDICATOR as SATISFIED_INDICATOR,
  INDEX_766_INDICATOR,
  isPeriodWithin,
  parsePeriod,
  periodInstants,
  type DossierCounts,
} from '@ioc/shared';
import { sql } from 'kysely';
import { loadIndicators, type IndicatorRecord } from '../catalogue/indicator-record.js';
import type { Db } from '../db/database.js';
import type { ObservationsService } from '../observations/observations.service.js';
import { loadUnitTree, type UnitTree } from '../units/unit-tree.js';
import { addCounts, emptyCounts } from './dossier-figures.js';
import { countFigures } from './dossier-figure-sql.js';
import type { Clock } from '../clock.js';
import { computeIndex766, type Satisfaction } from './index-766.js';

const QUIET_MS = 300;
const WRITE_BATCH = 20_000;

interface ObservationOut {
  indicator: string;
  unit: string;
  period: string;
  value: number;
  source: string;
}
const SOURCE = 'Hệ thống thông tin giải quyết TTHC (tính từ hồ sơ) / computed from dossier records';

/**
 * Keeps the warehouse's dossier indicators current: writers queue the months their dossiers
 * count in (in the same transaction); this refresher recounts each queued month in SQL for every
 * unit valid in it (a unit's figure counts the dossiers of its whole subtree, so every level is a
 * reported value) and upserts the observations through the observations service, so roll-ups,
 * map colours and warnings follow. Indicators the catalogue lacks or computes by formula are
 * skipped. Quarters, YTDs and years come from the months by each indicator's time roll-up: sums
 * for flows (received, done), the last month for closing stocks (in progress), the first month for
 * the opening stock (carried over); "to process" is carried over + received, derived after roll-up.
 */
export class DossierFigureRefresher {
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private again = false;

  constructor(
    private readonly db: Db,
    private readonly observations: ObservationsService,
    private readonly clock: Clock,
    private readonly dueSoonHours: number,
    private readonly onError: (err: unknown) => void = (err) => console.error('dossier figures failed', err),
  ) {}

  schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run().catch(this.onError);
    }, QUIET_MS);
  }

  /** Recomputes every queued month now (tests, the CLI and the seed wait on this). */
  drain(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    return this.run();
  }

  private run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        const queued = await this.db
          .selectFrom('dossier_figure_queue')
          .selectAll()
          .orderBy('month')
          .execute();
        if (queued.length > 0) {
          const [tree, indicators] = await Promise.all([loadUnitTree(this.db), loadIndicators(this.db)]);
          const rows: ObservationOut[] = [];
          for (const { month } of queued) rows.push(...(await this.countMonth(month, tree, indicators)));
          await this.write(rows);
          for (const { month, generation } of queued) {
            await this.db
              .deleteFrom('dossier_figure_queue')
              .where('month', '=', month)
              .where('generation', '=', generation)
              .execute();
          }
        }
        if (queued.length > 0) this.again = true;
      } while (this.again && (await this.pending()) > 0);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async pending(): Promise<number> {
    const row = await this.db
      .selectFrom('dossier_figure_queue')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  }

  /** Recounts one month for every unit valid in it and writes the observations; returns how many. */
  async computeMonth(month: string): Promise<number> {
    const [tree, indicators] = await Promise.all([loadUnitTree(this.db), loadIndicators(this.db)]);
    const rows = await this.countMonth(month, tree, indicators);
    await this.write(rows);
    return rows.length;
  }

  private async write(rows: ObservationOut[]): Promise<void> {
    for (let i = 0; i < rows.length; i += WRITE_BATCH) {
      const batch = rows.slice(i, i + WRITE_BATCH);
      await this.observations.write('cli', {
        rows: batch,
        rowNumbers: batch.map((_, k) => i + k + 1),
        mode: 'all',
      });
    }
  }

  /** The observations of one month for every unit valid in it. */
  private async countMonth(
    month: string,
    tree: UnitTree,
    indicators: Map<string, IndicatorRecord>,
  ): Promise<ObservationOut[]> {
    const period = parsePeriod(month);
    const instants = periodInstants(month);
    if (!period || !instants) return [];
    const units = tree.units.filter((u) => isPeriodWithin(period, u.validFrom, u.validTo));
    if (units.length === 0) return [];
    const window = { ...instants, now: this.clock(), dueSoonMs: this.dueSoonHours * 3_600_000 };
    const perUnit = await countFigures(this.db, window, 'unit');
    const lineages = new Map<number, string[]>();
    /** A unit and its ancestors: every group whose figure counts its dossiers (worked out once per unit). */
    const lineage = (unitId: number): string[] => {
      let keys = lineages.get(unitId);
      if (!keys) {
        keys = [String(unitId), ...tree.ancestors(unitId).map((u) => String(u.id))];
        lineages.set(unitId, keys);
      }
      return keys;
    };
    const counts = new Map<string, DossierCounts>();
    for (const row of perUnit) for (const key of lineage(Number(row.key))) addCounts(counts, key, row.counts);
    const satisfaction = new Map<string, Satisfaction>();
    const ratings = await this.db
      .selectFrom('service_satisfaction')
      .select(['unit_id', 'ratings', 'satisfied'])
      .where('month', '=', period.code)
      .execute();
    for (const r of ratings) {
      for (const key of lineage(r.unit_id)) {
        const s = satisfaction.get(key) ?? { ratings: 0, satisfied: 0 };
        satisfaction.set(key, { ratings: s.ratings + r.ratings, satisfied: s.satisfied + r.satisfied });
      }
    }
    const writable = (code: string) => {
      const indicator = indicators.get(code);
      return indicator !== undefined && !indicator.formula && indicator.periodType === 'month';
    };
    const figureIndicators = Object.entries(DOSSIER_INDICATOR_FIGURES).filter(([code]) => writable(code));
    const out: ObservationOut[] = [];
    for (const unit of units) {
      const key = String(unit.id);
      const c: DossierCounts = counts.get(key) ?? emptyCounts();
      const push = (indicator: string, value: number) =>
        out.push({ indicator, unit: unit.code, period: period.code, value, source: SOURCE });
      for (const [code, figure] of figureIndicators) push(code, c[figure]);
      const s = satisfaction.get(key);
      if (writable(RATINGS_INDICATOR)) push(RATINGS_INDICATOR, s?.ratings ?? 0);
      if (writable(SATISFIED_INDICATOR)) push(SATISFIED_INDICATOR, s?.satisfied ?? 0);
      const index = computeIndex766(c, s ?? null);
      if (writable(INDEX_766_INDICATOR) && index.total !== null)
        push(INDEX_766_INDICATOR, Math.round(index.total * 100) / 100);
    }
    return out;
  }
}
