import { sql } from 'kysely';
import { requirePermission } from '../auth/policy.js';
import type { Actor } from '../auth/actor.js';
import type { Db } from '../db/database.js';
import type { ObservationsService } from '../observations/observations.service.js';
import { loadUnitTree } from '../units/unit-tree.js';

/** Indicators of the warehouse computed from the cases (codes of the demo catalogue, kept). */
export const CASE_DAILY_INDICATORS = ['PAKN_TIEP_NHAN', 'PAKN_DA_XU_LY', 'PAKN_DUNG_HAN'] as const;
export const CASE_MONTHLY_INDICATORS = ['PAKN_LUOT_DANH_GIA', 'PAKN_LUOT_HAI_LONG', 'PAKN_QUA_HAN'] as const;
export const CASE_INDICATORS: readonly string[] = [...CASE_DAILY_INDICATORS, ...CASE_MONTHLY_INDICATORS];

const SOURCE = 'Hệ thống tiếp nhận phản ánh 1022 (tính từ hồ sơ phản ánh)';
const BATCH = 20_000;

/** Local (UTC+7) calendar day of a timestamp column, as YYYY-MM-DD text. */
const localDay = (column: string) =>
  sql<string>`to_char((${sql.ref(column)} AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD')`;

const DIMENSIONS = {
  organisation: sql.ref('o.code'),
  unit: sql.ref('u.code'),
  category: sql.ref('k.code'),
  channel: sql.ref('c.channel'),
} as const;
export type FigureDimension = keyof typeof DIMENSIONS;

/** Start of a local month (YYYY-MM) as an instant. */
function monthStart(month: string): Date {
  return new Date(`${month}-01T00:00:00+07:00`);
}
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * The hotline's figures: received, answered, on time, late, overdue open and satisfaction, per
 * agency, unit, category or channel for a month; and the same counts written into the indicator
 * warehouse per district-level unit (daily and monthly), so they reach the overview and warnings.
 */
export class CaseFigures {
  constructor(
    private readonly db: Db,
    private readonly observations: ObservationsService,
  ) {}

  async byDimension(actor: Actor, month: string, dimension: FigureDimension) {
    requirePermission(actor, 'cases.read');
    const from = monthStart(month);
    const to = monthStart(nextMonth(month));
    const key = DIMENSIONS[dimension];
    const rows = await sql<{
      key: string | null;
      name: string | null;
      received: string;
      answered: string;
      on_time: string;
      late: string;
      overdue_open: string;
      rated: string;
      satisfied: string;
      rating_sum: string | null;
    }>`
      SELECT ${key} AS key,
        ${dimension === 'organisation' ? sql`max(o.name)` : dimension === 'unit' ? sql`max(u.name)` : dimension === 'category' ? sql`max(k.name)` : sql`max(c.channel)`} AS name,
        count(*) FILTER (WHERE c.received_at >= ${from} AND c.received_at < ${to}) AS received,
        count(*) FILTER (WHERE c.answered_at >= ${from} AND c.answered_at < ${to}) AS answered,
        count(*) FILTER (WHERE c.answered_at >= ${from} AND c.answered_at < ${to} AND NOT c.is_late) AS on_time,
        count(*) FILTER (WHERE c.answered_at >= ${from} AND c.answered_at < ${to} AND c.is_late) AS late,
        count(*) FILTER (WHERE c.status IN ('forwarded', 'in_progress') AND c.due_at < ${to} AND c.received_at < ${to}) AS overdue_open,
        count(*) FILTER (WHERE c.rated_at >= ${from} AND c.rated_at < ${to}) AS rated,
        count(*) FILTER (WHERE c.rated_at >= ${from} AND c.rated_at < ${to} AND c.rating >= 4) AS satisfied,
        sum(c.rating) FILTER (WHERE c.rated_at >= ${from} AND c.rated_at < ${to}) AS rating_sum
      FROM cases c
      JOIN case_categories k ON k.id = c.category_id
      LEFT JOIN units u ON u.id = c.unit_id
      LEFT JOIN organisations o ON o.id = c.organisation_id
      WHERE c.status <> 'merged'
        AND (c.received_at < ${to})
        AND (c.received_at >= ${from} OR c.answered_at >= ${from} OR c.rated_at >= ${from} OR c.status IN ('forwarded', 'in_progress'))
      GROUP BY ${key}
      ORDER BY 3 DESC`.execute(this.db);
    return rows.rows.map((r) => {
      const rated = Number(r.rated);
      const answered = Number(r.answered);
      return {
        key: r.key,
        name: r.name,
        received: Number(r.received),
        answered,
        onTime: Number(r.on_time),
        late: Number(r.late),
        overdueOpen: Number(r.overdue_open),
        onTimeRate: answered ? (100 * Number(r.on_time)) / answered : null,
        rated,
        satisfied: Number(r.satisfied),
        satisfactionRate: rated ? (100 * Number(r.satisfied)) / rated : null,
        meanRating: rated ? Number(r.rating_sum) / rated : null,
      };
    });
  }

  /**
   * Recomputes the warehouse indicators for the local days from..to (YYYY-MM-DD) and the months
   * they touch, for every district-level unit valid then (zero when nothing happened). Only the
   * indicators present in the catalogue are written. Returns the number of observations written.
   */
  async toWarehouse(from: string, to: string): Promise<number> {
    const present = new Set(
      (
        await this.db
          .selectFrom('indicators')
          .select('code')
          .where('code', 'in', [...CASE_INDICATORS])
          .execute()
      ).map((r) => r.code),
    );
    if (present.size === 0) return 0;
    const tree = await loadUnitTree(this.db);
    const districtOf = new Map<number, { code: string }>();
    for (const u of tree.units) {
      const d = u.level === 'district' ? u : tree.ancestors(u.id).find((a) => a.level === 'district');
      if (d) districtOf.set(u.id, d);
    }
    const districts = tree.units.filter((u) => u.level === 'district');
    const validOn = (date: string) =>
      districts.filter((d) => (!d.validFrom || d.validFrom <= date) && (!d.validTo || date <= d.validTo));

    const start = new Date(`${from}T00:00:00+07:00`);
    const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000);
    const daily = new Map<string, number>();
    const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
    const count = async (
      column: 'received_at' | 'answered_at',
      extra: 'all' | 'on_time',
      indicator: string,
    ) => {
      let q = this.db
        .selectFrom('cases as c')
        .select([localDay(`c.${column}`).as('day'), 'c.unit_id', (eb) => eb.fn.countAll<string>().as('n')])
        .where(`c.${column}`, '>=', start)
        .where(`c.${column}`, '<', end)
        .where('c.status', '!=', 'merged')
        .where('c.unit_id', 'is not', null);
      if (extra === 'on_time') q = q.where('c.is_late', '=', false);
      const rows = await q.groupBy(['day', 'c.unit_id']).execute();
      for (const r of rows) {
        const d = districtOf.get(r.unit_id as number);
        if (d) add(daily, `${indicator}|${d.code}|${r.day}`, Number(r.n));
      }
    };
    await count('received_at', 'all', 'PAKN_TIEP_NHAN');
    await count('answered_at', 'all', 'PAKN_DA_XU_LY');
    await count('answered_at', 'on_time', 'PAKN_DUNG_HAN');

    const rows: { indicator: string; unit: string; period: string; value: number; source: string }[] = [];
    const months = new Set<string>();
    for (let t = start.getTime(); t < end.getTime(); t += 86_400_000) {
      const day = new Date(t + 7 * 3600_000).toISOString().slice(0, 10);
      months.add(day.slice(0, 7));
      for (const indicator of CASE_DAILY_INDICATORS) {
        if (!present.has(indicator)) continue;
        for (const d of validOn(day))
          rows.push({
            indicator,
            unit: d.code,
            period: day,
            value: daily.get(`${indicator}|${d.code}|${day}`) ?? 0,
            source: SOURCE,
          });
      }
    }
    for (const month of months) {
      const mFrom = monthStart(month);
      const mTo = monthStart(nextMonth(month));
      const lastDay = new Date(mTo.getTime() - 86_400_000 + 7 * 3600_000).toISOString().slice(0, 10);
      const byUnit = await sql<{ unit_id: number; rated: string; satisfied: string; overdue: string }>`
        SELECT unit_id,
          count(*) FILTER (WHERE rated_at >= ${mFrom} AND rated_at < ${mTo}) AS rated,
          count(*) FILTER (WHERE rated_at >= ${mFrom} AND rated_at < ${mTo} AND rating >= 4) AS satisfied,
          count(*) FILTER (WHERE due_at < ${mTo} AND forwarded_at < ${mTo}
            AND (answered_at IS NULL OR answered_at >= ${mTo}) AND status <> 'merged'
            AND (closed_at IS NULL OR closed_at >= ${mTo})) AS overdue
        FROM cases WHERE unit_id IS NOT NULL AND received_at < ${mTo}
          AND (rated_at >= ${mFrom} OR due_at < ${mTo})
        GROUP BY unit_id`.execute(this.db);
      const monthly = new Map<string, number>();
      for (const r of byUnit.rows) {
        const d = districtOf.get(r.unit_id);
        if (!d) continue;
        add(monthly, `PAKN_LUOT_DANH_GIA|${d.code}`, Number(r.rated));
        add(monthly, `PAKN_LUOT_HAI_LONG|${d.code}`, Number(r.satisfied));
        add(monthly, `PAKN_QUA_HAN|${d.code}`, Number(r.overdue));
      }
      for (const indicator of CASE_MONTHLY_INDICATORS) {
        if (!present.has(indicator)) continue;
        for (const d of validOn(lastDay))
          rows.push({
            indicator,
            unit: d.code,
            period: month,
            value: monthly.get(`${indicator}|${d.code}`) ?? 0,
            source: SOURCE,
          });
      }
    }
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await this.observations.write('cli', {
        rows: batch,
        rowNumbers: batch.map((_, k) => i + k + 1),
        mode: 'all',
      });
    }
    return rows.length;
  }
}
