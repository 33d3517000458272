import {
  BUDGET_GROUPS,
  BUDGET_ITEMS,
  changePercent,
  figureWindows,
  percentOf,
  type BudgetKind,
} from '@ioc/shared';
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.js';
import type { Db } from '../db/database.js';
import { AppError, notFound } from '../errors.js';
import { readHistory } from '../records/record-store.js';
import type { Writer } from '../auth/policy.js';
import type { IntakeRequest, RecordIntake, RecordSpec } from '../records/record-intake.js';
import { loadReference } from '../records/reference.js';
import { budgetEstimateSpec, budgetRecordSpec } from './budget-records.js';

export type BudgetRecordKind = 'records' | 'estimates';
import { childOf, presentUnit, requireQueryDates, resolveReadUnit, subtreeIds } from '../records/scope.js';

const ITEMS = new Map(BUDGET_ITEMS.map((i) => [i.code, i]));

export interface BudgetFilter {
  kind: BudgetKind;
  unit?: string;
  item?: string;
  organisation?: string;
}

/** Executed amounts (đồng) of one line of a breakdown, with its estimate and comparisons. */
interface Figures {
  day: number;
  month: number;
  ytd: number;
  lastYearYtd: number;
  estimate: number | null;
  percentOfEstimate: number | null;
  changePercent: number | null;
}

interface Accumulated {
  day: number;
  month: number;
  ytd: number;
  lastYearYtd: number;
  estimate: number | null;
}

const empty = (): Accumulated => ({ day: 0, month: 0, ytd: 0, lastYearYtd: 0, estimate: null });

function finish(a: Accumulated): Figures {
  return {
    ...a,
    percentOfEstimate: percentOf(a.ytd, a.estimate),
    changePercent: changePercent(a.ytd, a.lastYearYtd || null),
  };
}

/**
 * Budget figures read from the records: executed today, month to date, year to date, the same
 * period last year and the year's estimate, by item, organisation and unit, and the records
 * behind any of them.
 */
export class BudgetService {
  private readonly specs: Record<BudgetRecordKind, RecordSpec>;

  constructor(
    private readonly db: Db,
    private readonly intake: RecordIntake,
  ) {
    this.specs = { records: budgetRecordSpec(db), estimates: budgetEstimateSpec(db) };
  }

  /** Takes in transactions or estimates (validated, idempotent, audited). */
  write(writer: Writer, kind: BudgetRecordKind, request: IntakeRequest) {
    return this.intake.write(writer, this.specs[kind], request);
  }

  private async context(actor: Actor, filter: BudgetFilter) {
    const ref = await loadReference(this.db);
    const unit = resolveReadUnit(actor, ref.units, filter.unit);
    const organisation = filter.organisation ? ref.organisations.get(filter.organisation) : undefined;
    if (filter.organisation && !organisation)
      throw new AppError(
        'NOT_FOUND',
        { organisation: filter.organisation },
        {
          vi: `Không tìm thấy cơ quan "${filter.organisation}".`,
          en: `Organisation "${filter.organisation}" not found.`,
        },
      );
    if (filter.item && ITEMS.get(filter.item)?.kind !== filter.kind)
      throw new AppError(
        'NOT_FOUND',
        { item: filter.item },
        {
          vi: `Không có khoản "${filter.item}" trong loại đã chọn.`,
          en: `No item "${filter.item}" of this kind.`,
        },
      );
    return { ref, unit, unitIds: subtreeIds(ref.units, unit.id), organisationId: organisation?.id ?? null };
  }

  /** The last day with a record of the kind in the unit, the default reading date. */
  private async lastDate(kind: BudgetKind, unitIds: number[]): Promise<string> {
    const row = await sql<{ last: string | null }>`
      SELECT max(date)::text AS last FROM budget_records WHERE kind = ${kind} AND unit_id = ANY(${unitIds}::int[])`.execute(
      this.db,
    );
    return row.rows[0]?.last ?? new Date().toISOString().slice(0, 10);
  }

  async summary(actor: Actor, filter: BudgetFilter & { date?: string }) {
    const { ref, unit, unitIds, organisationId } = await this.context(actor, filter);
    requireQueryDates(filter.date);
    const lastDataDate = await this.lastDate(filter.kind, unitIds);
    const asOf = filter.date ?? lastDataDate;
    const w = figureWindows(asOf);
    const year = Number(asOf.slice(0, 4));
    const conditions = sql`kind = ${filter.kind} AND unit_id = ANY(${unitIds}::int[])
      ${filter.item ? sql`AND item_code = ${filter.item}` : sql``}
      ${organisationId !== null ? sql`AND organisation_id = ${organisationId}` : sql``}`;
    // One scan gives both the lines (item, organisation, unit) and the months of the chart.
    const [scanned, estimates] = await Promise.all([
      sql<
        {
          item_code: string | null;
          organisation_id: number;
          unit_id: number;
          month_code: string | null;
        } & Omit<Accumulated, 'estimate'> & { amount: number }
      >`
        SELECT item_code, organisation_id, unit_id, to_char(date, 'YYYY-MM') AS month_code,
          coalesce(sum(amount) FILTER (WHERE date = ${asOf}), 0)::float8 AS day,
          coalesce(sum(amount) FILTER (WHERE date >= ${w.month.from} AND date <= ${asOf}), 0)::float8 AS month,
          coalesce(sum(amount) FILTER (WHERE date >= ${w.ytd.from} AND date <= ${asOf}), 0)::float8 AS ytd,
          coalesce(sum(amount) FILTER (WHERE date <= ${w.lastYearYtd.to}), 0)::float8 AS "lastYearYtd",
          sum(amount)::float8 AS amount
        FROM budget_records
        WHERE ${conditions} AND date >= ${w.lastYearYtd.from} AND date <= ${asOf}
        GROUP BY GROUPING SETS ((item_code, organisation_id, unit_id), (to_char(date, 'YYYY-MM')))`.execute(
        this.db,
      ),
      sql<{ item_code: string; organisation_id: number; unit_id: number; amount: number }>`
        SELECT item_code, organisation_id, unit_id, sum(amount)::float8 AS amount FROM budget_estimates
        WHERE ${conditions} AND year = ${year} GROUP BY item_code, organisation_id, unit_id`.execute(this.db),
    ]);
    const executed = scanned.rows.filter((r): r is typeof r & { item_code: string } => r.item_code !== null);
    const months = scanned.rows
      .filter((r) => r.month_code !== null)
      .map((r) => ({ month: r.month_code!, amount: r.amount }))
      .sort((a, b) => a.month.localeCompare(b.month));
    const total = empty();
    const byItem = new Map<string, Accumulated>();
    const byOrganisation = new Map<number, Accumulated>();
    const byUnit = new Map<number, Accumulated>();
    const childMap = childOf(ref.units, unit);
    const lines = (r: { item_code: string; organisation_id: number; unit_id: number }) => {
      const pick = <K>(map: Map<K, Accumulated>, key: K) => {
        let a = map.get(key);
        if (!a) map.set(key, (a = empty()));
        return a;
      };
      return [
        total,
        pick(byItem, r.item_code),
        pick(byOrganisation, r.organisation_id),
        pick(byUnit, childMap.get(r.unit_id)!.id),
      ];
    };
    for (const r of executed) {
      for (const a of lines(r)) {
        a.day += r.day;
        a.month += r.month;
        a.ytd += r.ytd;
        a.lastYearYtd += r.lastYearYtd;
      }
    }
    for (const r of estimates.rows) for (const a of lines(r)) a.estimate = (a.estimate ?? 0) + r.amount;
    const byYtd = (a: { ytd: number }, b: { ytd: number }) => b.ytd - a.ytd;
    return {
      kind: filter.kind,
      asOf,
      lastDataDate,
      windows: w,
      unit: presentUnit(unit),
      item: filter.item ?? null,
      organisation: filter.organisation ?? null,
      total: finish(total),
      byItem: [...byItem]
        .map(([code, a]) => {
          const item = ITEMS.get(code);
          return {
            code,
            name: item?.nameVi ?? code,
            nameEn: item?.nameEn ?? code,
            group: item?.group ?? '',
            groupName: BUDGET_GROUPS[item?.group ?? '']?.nameVi ?? '',
            ...finish(a),
          };
        })
        .sort(byYtd),
      byOrganisation: [...byOrganisation]
        .map(([id, a]) => {
          const o = ref.organisationById.get(id);
          return { code: o?.code ?? String(id), name: o?.name ?? '', ...finish(a) };
        })
        .sort(byYtd),
      byUnit: [...byUnit]
        .map(([id, a]) => ({ ...presentUnit(ref.units.byId.get(id)!), isSelf: id === unit.id, ...finish(a) }))
        .sort(byYtd),
      months,
    };
  }

  /** Every version of one transaction, oldest first (a correction keeps the earlier ones). */
  async history(actor: Actor, key: string) {
    const ref = await loadReference(this.db);
    const row = await this.db
      .selectFrom('budget_records')
      .select('unit_id')
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row) throw notFound('chứng từ', 'Record', key);
    resolveReadUnit(actor, ref.units, ref.units.byId.get(row.unit_id)!.code);
    return { key, revisions: (await readHistory(this.db, 'budget_records', key)) ?? [] };
  }

  /**
   * The records behind a figure: those of the kind, unit (and below), item and organisation
   * dated from..to, newest first, with their count and total over all pages.
   */
  async records(
    actor: Actor,
    filter: BudgetFilter & { from: string; to: string; limit: number; offset: number; exact?: boolean },
  ) {
    requireQueryDates(filter.from, filter.to);
    const { ref, unit, unitIds, organisationId } = await this.context(actor, filter);
    let query = this.db
      .selectFrom('budget_records')
      .where('kind', '=', filter.kind)
      .where('unit_id', 'in', filter.exact ? [unit.id] : unitIds)
      .where('date', '>=', filter.from)
      .where('date', '<=', filter.to);
    if (filter.item) query = query.where('item_code', '=', filter.item);
    if (organisationId !== null) query = query.where('organisation_id', '=', organisationId);
    const [totals, rows] = await Promise.all([
      query
        .select((eb) => [
          eb.fn.countAll<string>().as('count'),
          sql<number>`coalesce(sum(amount), 0)::float8`.as('total'),
        ])
        .executeTakeFirstOrThrow(),
      query
        .selectAll()
        .orderBy('date', 'desc')
        .orderBy('key')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
    ]);
    return {
      unit: presentUnit(unit),
      count: Number(totals.count),
      total: totals.total,
      records: rows.map((r) => {
        const item = ITEMS.get(r.item_code);
        const o = ref.organisationById.get(r.organisation_id);
        const u = ref.units.byId.get(r.unit_id)!;
        return {
          key: r.key,
          kind: r.kind,
          item: { code: r.item_code, name: item?.nameVi ?? r.item_code, nameEn: item?.nameEn ?? r.item_code },
          organisation: { code: o?.code ?? '', name: o?.name ?? '' },
          unit: presentUnit(u),
          date: r.date,
          amount: r.amount,
          description: r.description,
          revision: r.revision,
        };
      }),
    };
  }
}
