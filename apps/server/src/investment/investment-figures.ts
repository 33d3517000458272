import { percentOf, targetOnDate, type TargetInput } from '@ioc/shared';
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
import { loadTargetPath } from './target-path.js';

const BILLION = 1e9;

/** Indicators whose values come from investment records, never from a direct write of figures. */
export const INVESTMENT_INDICATORS = [
  'DTC_KE_HOACH',
  'DTC_GIAI_NGAN',
  'DTC_SO_DU_AN',
  'DTC_DU_AN_CHAM',
  'DTC_KHOI_CONG',
  'DTC_HOAN_THANH',
];

function monthEnd(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/**
 * The investment figures of a year per district and province: the plan (every day, so the rate
 * reads disbursed / plan) and disbursements per day to the last day with a disbursement, in
 * tỷ đồng; and per month the projects under way (with a plan this year, started, not completed
 * before the month), those behind the target path at the month's end (or the last day with
 * data), those started and those completed.
 */
export function investmentFigures(db: Db): FigureComputer {
  return {
    source: RECORDS_SOURCE,
    compute: async (period) => {
      const year = Number(period);
      const [tree, path, projects, plans, disbursed] = await Promise.all([
        loadUnitTree(db),
        loadTargetPath(db, year),
        db
          .selectFrom('investment_projects')
          .select(['key', 'unit_id', 'start_date', 'completed_on'])
          .execute(),
        sql<{ project_key: string; amount: number }>`
        SELECT project_key, sum(amount)::float8 AS amount FROM investment_plans WHERE year = ${year}
        GROUP BY project_key`.execute(db),
        sql<{ project_key: string; date: string; amount: number }>`
        SELECT project_key, date, sum(amount)::float8 AS amount FROM investment_disbursements
        WHERE date BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`} GROUP BY project_key, date`.execute(db),
      ]);
      const unitsOf = reportingUnits(tree);
      const planOf = new Map(plans.rows.map((p) => [p.project_key, p.amount]));
      const unitOfProject = new Map(projects.map((p) => [p.key, p.unit_id]));
      const last = disbursed.rows.reduce((max, d) => (d.date > max ? d.date : max), '');
      const rows: FigureRow[] = [];
      const targets: TargetInput[] = [];
      const reporting = new Map<number, UnitNode>();
      const add = (map: Map<string, number>, key: string, amount: number) =>
        map.set(key, (map.get(key) ?? 0) + amount);

      // Daily plan and disbursement per reporting unit.
      const plan = new Map<string, number>();
      for (const [key, amount] of planOf) {
        for (const unit of unitsOf(unitOfProject.get(key)!)) {
          reporting.set(unit.id, unit);
          add(plan, String(unit.id), amount);
        }
      }
      const daily = new Map<string, number>();
      // project → month (1–12) → amount
      const monthly = new Map<string, number[]>();
      for (const d of disbursed.rows) {
        for (const unit of unitsOf(unitOfProject.get(d.project_key)!)) {
          reporting.set(unit.id, unit);
          add(daily, `${unit.id}|${d.date}`, d.amount);
        }
        const months = monthly.get(d.project_key) ?? new Array<number>(13).fill(0);
        monthly.set(d.project_key, months);
        months[Number(d.date.slice(5, 7))]! += d.amount;
      }
      for (const [unitId, amount] of plan) {
        const unit = tree.byId.get(Number(unitId))!;
        targets.push({
          indicatorCode: 'DTC_GIAI_NGAN',
          unitCode: unit.code,
          period: String(year),
          value: amount / BILLION,
        });
      }
      if (!last) return { rows, targets };
      for (const date of datesUpTo(last)) {
        for (const unit of reporting.values()) {
          if (!existsOn(unit, date)) continue;
          const unitPlan = plan.get(String(unit.id));
          if (unitPlan !== undefined)
            rows.push({
              indicator: 'DTC_KE_HOACH',
              unit: unit.code,
              period: date,
              value: unitPlan / BILLION,
            });
          rows.push({
            indicator: 'DTC_GIAI_NGAN',
            unit: unit.code,
            period: date,
            value: (daily.get(`${unit.id}|${date}`) ?? 0) / BILLION,
          });
        }
      }

      // Monthly project counts.
      const lastMonth = Number(last.slice(5, 7));
      for (let month = 1; month <= lastMonth; month++) {
        const start = `${year}-${String(month).padStart(2, '0')}-01`;
        const end = month === lastMonth ? last : monthEnd(year, month);
        const target = targetOnDate(path.points, end);
        const counts = new Map<string, number>();
        for (const p of projects) {
          const units = unitsOf(p.unit_id);
          const count = (code: string) => units.forEach((u) => add(counts, `${code}|${u.id}`, 1));
          const projectPlan = planOf.get(p.key) ?? 0;
          if (
            projectPlan > 0 &&
            p.start_date <= end &&
            (p.completed_on === null || p.completed_on >= start)
          ) {
            count('DTC_SO_DU_AN');
            const upTo = (monthly.get(p.key) ?? []).slice(1, month + 1).reduce((a, b) => a + b, 0);
            if ((percentOf(upTo, projectPlan) ?? 0) < target) count('DTC_DU_AN_CHAM');
          }
          if (p.start_date >= start && p.start_date <= end) count('DTC_KHOI_CONG');
          if (p.completed_on !== null && p.completed_on >= start && p.completed_on <= end)
            count('DTC_HOAN_THANH');
          for (const u of units) reporting.set(u.id, u);
        }
        for (const unit of reporting.values()) {
          if (!existsOn(unit, start)) continue;
          for (const code of ['DTC_SO_DU_AN', 'DTC_DU_AN_CHAM', 'DTC_KHOI_CONG', 'DTC_HOAN_THANH']) {
            rows.push({
              indicator: code,
              unit: unit.code,
              period: start.slice(0, 7),
              value: counts.get(`${code}|${unit.id}`) ?? 0,
            });
          }
        }
      }
      return { rows, targets };
    },
  };
}
