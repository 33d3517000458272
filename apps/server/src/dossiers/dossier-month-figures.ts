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
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { FigureComputer, FigureRow } from '../records/figure-refresher.js';
import { loadUnitTree } from '../units/unit-tree.js';
import { countFigures } from './dossier-figure-sql.js';
import { addCounts, emptyCounts } from './dossier-figures.js';
import { computeIndex766, type Satisfaction } from './index-766.js';

/**
 * The warehouse's dossier indicators of one month, for the figure refresher: the month is
 * recounted in SQL for every unit valid in it (a unit's figure counts the dossiers of its whole
 * subtree, so every level is a reported value): the `DVC_HS_*` figures, the ratings and satisfied
 * counts from `service_satisfaction` and the 766 index. Quarters, YTDs and years come from the
 * months by each indicator's time roll-up: sums for flows (received, done), the last month for
 * closing stocks (in progress), the first month for the opening stock (carried over); "to
 * process" is carried over + received, derived after roll-up.
 */
export function dossierMonthFigures(db: Db, clock: Clock, dueSoonHours: number): FigureComputer {
  return {
    source: 'Hệ thống thông tin giải quyết TTHC (tính từ hồ sơ) / computed from dossier records',
    compute: async (month) => {
      const period = parsePeriod(month);
      const instants = periodInstants(month);
      if (!period || !instants) return { rows: [] };
      const tree = await loadUnitTree(db);
      const units = tree.units.filter((u) => isPeriodWithin(period, u.validFrom, u.validTo));
      if (units.length === 0) return { rows: [] };
      const window = { ...instants, now: clock(), dueSoonMs: dueSoonHours * 3_600_000 };
      const perUnit = await countFigures(db, window, 'unit');
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
      for (const row of perUnit)
        for (const key of lineage(Number(row.key))) addCounts(counts, key, row.counts);
      const satisfaction = new Map<string, Satisfaction>();
      const ratings = await db
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
      const rows: FigureRow[] = [];
      for (const unit of units) {
        const key = String(unit.id);
        const c: DossierCounts = counts.get(key) ?? emptyCounts();
        const push = (indicator: string, value: number) =>
          rows.push({ indicator, unit: unit.code, period: period.code, value });
        for (const [code, figure] of Object.entries(DOSSIER_INDICATOR_FIGURES)) push(code, c[figure]);
        const s = satisfaction.get(key);
        push(RATINGS_INDICATOR, s?.ratings ?? 0);
        push(SATISFIED_INDICATOR, s?.satisfied ?? 0);
        const index = computeIndex766(c, s ?? null);
        if (index.total !== null) push(INDEX_766_INDICATOR, Math.round(index.total * 100) / 100);
      }
      return { rows };
    },
  };
}
