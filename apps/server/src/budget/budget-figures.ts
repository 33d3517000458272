import { BUDGET_ITEMS, type TargetInput } from '@ioc/shared';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import {
  datesUpTo,
  existsOn,
  RECORDS_SOURCE,
  reportingUnits,
  type FigureComputer,
  type FigureRow,
} from '../records/figure-refresher.js';
import { loadUnitTree, type UnitNode } from '../units/unit-tree.js';

const ITEM_GROUP = new Map(BUDGET_ITEMS.map((i) => [i.code, i.group]));
const BILLION = 1e9;

/** Warehouse indicators computed from budget records: which records each one adds up. */
const EXECUTED: Array<{ code: string; kind: string; counts: (item: string) => boolean }> = [
  { code: 'NS_THU_NSNN', kind: 'revenue', counts: () => true },
  { code: 'NS_THU_NOI_DIA', kind: 'revenue', counts: (item) => ITEM_GROUP.get(item) === 'noi_dia' },
  { code: 'NS_THU_TIEN_SDD', kind: 'revenue', counts: (item) => item === 'TIEN_SDD' },
  { code: 'NS_CHI_NSDP', kind: 'expenditure', counts: () => true },
];
/** The annual estimate, repeated every day so that the ratio indicators read executed / estimate. */
const ESTIMATES: Array<{ code: string; kind: string }> = [
  { code: 'NS_DU_TOAN_THU', kind: 'revenue' },
  { code: 'NS_DU_TOAN_CHI', kind: 'expenditure' },
];

/** Indicators whose values come from budget records, never from a direct write of figures. */
export const BUDGET_INDICATORS = [...EXECUTED.map((e) => e.code), ...ESTIMATES.map((e) => e.code)];

/**
 * The budget figures of a year in tỷ đồng, per district and province and per day from
 * 1 January to the last day with a record of each kind (days without records count 0), and the
 * year's estimates as targets of the executed indicators.
 */
export function budgetFigures(db: Db): FigureComputer {
  return {
    source: RECORDS_SOURCE,
    compute: async (period) => {
      const year = Number(period);
      const tree = await loadUnitTree(db);
      const unitsOf = reportingUnits(tree);
      const from = `${year}-01-01`;
      const to = `${year}-12-31`;
      const [records, estimates] = await Promise.all([
        sql<{ unit_id: number; date: string; kind: string; item_code: string; amount: number }>`
        SELECT unit_id, date, kind, item_code, sum(amount)::float8 AS amount FROM budget_records
        WHERE date BETWEEN ${from} AND ${to} GROUP BY unit_id, date, kind, item_code`.execute(db),
        sql<{ unit_id: number; kind: string; item_code: string; amount: number }>`
        SELECT unit_id, kind, item_code, sum(amount)::float8 AS amount FROM budget_estimates
        WHERE year = ${year} GROUP BY unit_id, kind, item_code`.execute(db),
      ]);
      // indicator → unit id → date → amount
      const executed = new Map<string, Map<number, Map<string, number>>>();
      const lastDay = new Map<string, string>();
      const reporting = new Map<number, UnitNode>();
      for (const r of records.rows) {
        if ((lastDay.get(r.kind) ?? '') < r.date) lastDay.set(r.kind, r.date);
        for (const unit of unitsOf(r.unit_id)) {
          reporting.set(unit.id, unit);
          for (const e of EXECUTED) {
            if (e.kind !== r.kind || !e.counts(r.item_code)) continue;
            const byUnit = executed.get(e.code) ?? new Map<number, Map<string, number>>();
            executed.set(e.code, byUnit);
            const byDate = byUnit.get(unit.id) ?? new Map<string, number>();
            byUnit.set(unit.id, byDate);
            byDate.set(r.date, (byDate.get(r.date) ?? 0) + r.amount);
          }
        }
      }
      // indicator → unit id → amount, for estimates and the executed indicators' targets
      const planned = new Map<string, Map<number, number>>();
      const addPlan = (code: string, unitId: number, amount: number) => {
        const byUnit = planned.get(code) ?? new Map<number, number>();
        planned.set(code, byUnit);
        byUnit.set(unitId, (byUnit.get(unitId) ?? 0) + amount);
      };
      for (const r of estimates.rows) {
        for (const unit of unitsOf(r.unit_id)) {
          reporting.set(unit.id, unit);
          for (const e of ESTIMATES) if (e.kind === r.kind) addPlan(e.code, unit.id, r.amount);
          for (const e of EXECUTED)
            if (e.kind === r.kind && e.counts(r.item_code)) addPlan(e.code, unit.id, r.amount);
        }
      }
      const rows: FigureRow[] = [];
      for (const kind of ['revenue', 'expenditure']) {
        const last = lastDay.get(kind);
        if (!last) continue;
        const dates = datesUpTo(last);
        const codes = [
          ...EXECUTED.filter((e) => e.kind === kind).map((e) => ({ code: e.code, estimate: false })),
          ...ESTIMATES.filter((e) => e.kind === kind).map((e) => ({ code: e.code, estimate: true })),
        ];
        for (const unit of reporting.values()) {
          for (const { code, estimate } of codes) {
            const byDate = executed.get(code)?.get(unit.id);
            const plan = planned.get(code)?.get(unit.id);
            if (estimate && plan === undefined) continue;
            for (const date of dates) {
              if (!existsOn(unit, date)) continue;
              const amount = estimate ? plan! : (byDate?.get(date) ?? 0);
              rows.push({ indicator: code, unit: unit.code, period: date, value: amount / BILLION });
            }
          }
        }
      }
      const targets: TargetInput[] = [];
      for (const e of EXECUTED) {
        for (const [unitId, amount] of planned.get(e.code) ?? []) {
          targets.push({
            indicatorCode: e.code,
            unitCode: tree.byId.get(unitId)!.code,
            period: String(year),
            value: amount / BILLION,
          });
        }
      }
      return { rows, targets };
    },
  };
}
