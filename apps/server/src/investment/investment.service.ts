import {
  CAPITAL_SOURCES,
  forecastYearEnd,
  isIsoDate,
  percentOf,
  targetOnDate,
  type TargetPoint,
} from '@ioc/shared';
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.js';
import { authorise, requirePermission, type Writer } from '../auth/policy.js';
import { writeAudit } from '../audit/audit.repository.js';
import type { Db } from '../db/database.js';
import { AppError, notFound } from '../errors.js';
import { queueFigures } from '../records/figure-refresher.js';
import { loadReference, type Reference } from '../records/reference.js';
import { childOf, presentUnit, requireQueryDates, resolveReadUnit, subtreeIds } from '../records/scope.js';
import type { UnitNode } from '../units/unit-tree.js';
import type { IntakeRequest, RecordIntake, RecordSpec } from '../records/record-intake.js';
import { disbursementSpec, planSpec, projectSpec } from './investment-records.js';
import { loadTargetPath } from './target-path.js';

export type InvestmentRecordKind = 'projects' | 'plans' | 'disbursements';

/** How the year-end forecast is made, shown next to it. */
export const FORECAST_METHOD = {
  vi:
    'Ước tỷ lệ cuối năm = giải ngân lũy kế ÷ tỷ trọng mà mỗi năm trước đã giải ngân được đến cùng ngày (so với cả năm đó); ' +
    'số ước chính là trung vị, khoảng dao động từ năm thấp nhất đến năm cao nhất; tối đa 100 % kế hoạch.',
  en:
    'Year-end rate = disbursed so far ÷ the share of its year-end total each past year had reached by the same day; ' +
    'the central estimate is the median, the interval runs from the lowest to the highest year; capped at 100 % of the plan.',
};

interface Line {
  plan: number;
  disbursed: number;
  projects: number;
  lagging: number;
}

/** The id of an organisation named in a query, or null when none is named. */
function organisationId(ref: Reference, code: string | undefined): number | null {
  if (!code) return null;
  const organisation = ref.organisations.get(code);
  if (!organisation) throw notFound('cơ quan', 'Organisation', code);
  return organisation.id;
}

/**
 * Public investment read from the records: disbursement rate against the year's plan and the
 * province's target path, by project, investor, department and unit, the lagging ones worst
 * first, and the year-end forecast.
 */
export class InvestmentService {
  private readonly specs: Record<InvestmentRecordKind, RecordSpec>;

  constructor(
    private readonly db: Db,
    private readonly intake: RecordIntake,
    /** Called after the target path changes, so the lagging counts are recomputed. */
    private readonly onPathChanged: () => void,
  ) {
    this.specs = { projects: projectSpec(db), plans: planSpec(db), disbursements: disbursementSpec(db) };
  }

  /** Takes in projects, plans or disbursements (validated, idempotent, audited). */
  write(writer: Writer, kind: InvestmentRecordKind, request: IntakeRequest) {
    return this.intake.write(writer, this.specs[kind], request);
  }

  /** The year and reading date: given, or the last day with a disbursement (in the year). */
  private async period(unitIds: number[], year?: number, date?: string) {
    requireQueryDates(date);
    const y = year ?? (date ? Number(date.slice(0, 4)) : undefined);
    const row = await sql<{ last: string | null }>`
      SELECT max(d.date)::text AS last FROM investment_disbursements d
      JOIN investment_projects p ON p.key = d.project_key
      WHERE p.unit_id = ANY(${unitIds}::int[]) ${y ? sql`AND d.date BETWEEN ${`${y}-01-01`} AND ${`${y}-12-31`}` : sql``}`.execute(
      this.db,
    );
    const last = row.rows[0]?.last ?? null;
    const theYear = y ?? (last ? Number(last.slice(0, 4)) : new Date().getUTCFullYear());
    return { year: theYear, asOf: date ?? last ?? `${theYear}-01-01` };
  }

  /**
   * Share of each past year's total disbursed by the same day of the year, for the projects the
   * figures beside the forecast cover: in the units given and, when named, of one investor and
   * one department.
   */
  private async pastShares(
    filter: { unitIds: number[]; investorId?: number | null; departmentId?: number | null },
    year: number,
    asOf: string,
  ): Promise<number[]> {
    const { unitIds, investorId = null, departmentId = null } = filter;
    const rows = await sql<{ part: number; total: number }>`
      SELECT coalesce(sum(d.amount) FILTER (WHERE to_char(d.date, 'MM-DD') <= ${asOf.slice(5)}), 0)::float8 AS part,
             sum(d.amount)::float8 AS total
      FROM investment_disbursements d JOIN investment_projects p ON p.key = d.project_key
      WHERE p.unit_id = ANY(${unitIds}::int[]) AND d.date < ${`${year}-01-01`}
        ${investorId === null ? sql`` : sql`AND p.investor_id = ${investorId}`}
        ${departmentId === null ? sql`` : sql`AND p.department_id = ${departmentId}`}
      GROUP BY extract(year FROM d.date)`.execute(this.db);
    return rows.rows.filter((r) => r.total > 0).map((r) => r.part / r.total);
  }

  /** Target and actual cumulative rate at each month end up to the reading date. */
  private async path(projectKeys: string[], plan: number, year: number, asOf: string, points: TargetPoint[]) {
    const rows = await sql<{ month: number; amount: number }>`
      SELECT extract(month FROM date)::int AS month, sum(amount)::float8 AS amount FROM investment_disbursements
      WHERE project_key = ANY(${projectKeys}::text[]) AND date BETWEEN ${`${year}-01-01`} AND ${asOf}
      GROUP BY 1`.execute(this.db);
    const byMonth = new Map(rows.rows.map((r) => [r.month, r.amount]));
    let cumulative = 0;
    return Array.from({ length: 12 }, (_, i) => {
      const end = new Date(Date.UTC(year, i + 1, 0)).toISOString().slice(0, 10);
      cumulative += byMonth.get(i + 1) ?? 0;
      return {
        date: end,
        target: targetOnDate(points, end),
        actual: end.slice(0, 7) <= asOf.slice(0, 7) ? percentOf(cumulative, plan) : null,
      };
    });
  }

  async summary(
    actor: Actor,
    query: { unit?: string; year?: number; date?: string; investor?: string; department?: string },
  ) {
    const ref = await loadReference(this.db);
    const unit = resolveReadUnit(actor, ref.units, query.unit);
    const unitIds = subtreeIds(ref.units, unit.id);
    const investorId = organisationId(ref, query.investor);
    const departmentId = organisationId(ref, query.department);
    const { year, asOf } = await this.period(unitIds, query.year, query.date);
    const [path, all] = await Promise.all([
      loadTargetPath(this.db, year),
      this.projectFigures(unitIds, year, asOf),
    ]);
    const projects = all.filter(
      (p) =>
        (investorId === null || p.investor_id === investorId) &&
        (departmentId === null || p.department_id === departmentId),
    );
    const target = targetOnDate(path.points, asOf);
    const childMap = childOf(ref.units, unit);
    const total: Line = { plan: 0, disbursed: 0, projects: 0, lagging: 0 };
    const byInvestor = new Map<number, Line>();
    const byDepartment = new Map<number, Line>();
    const byUnit = new Map<number, Line>();
    const pick = <K>(map: Map<K, Line>, key: K) => {
      let line = map.get(key);
      if (!line) map.set(key, (line = { plan: 0, disbursed: 0, projects: 0, lagging: 0 }));
      return line;
    };
    for (const p of projects) {
      const isLagging = p.rate !== null && p.rate < target;
      for (const line of [
        total,
        pick(byInvestor, p.investor_id),
        pick(byDepartment, p.department_id),
        pick(byUnit, childMap.get(p.unit_id)!.id),
      ]) {
        line.plan += p.plan;
        line.disbursed += p.disbursed;
        line.projects += 1;
        if (isLagging) line.lagging += 1;
      }
    }
    const figures = (line: Line) => {
      const rate = percentOf(line.disbursed, line.plan);
      return { ...line, rate, gap: rate === null ? null : rate - target };
    };
    const worstFirst = (a: { gap: number | null }, b: { gap: number | null }) =>
      (a.gap ?? Infinity) - (b.gap ?? Infinity);
    const organisationLines = (map: Map<number, Line>) =>
      [...map]
        .map(([id, line]) => ({
          code: ref.organisationById.get(id)?.code ?? String(id),
          name: ref.organisationById.get(id)?.name ?? '',
          ...figures(line),
        }))
        .sort(worstFirst);
    const totalFigures = figures(total);
    return {
      year,
      asOf,
      unit: presentUnit(unit),
      investor: query.investor
        ? { code: query.investor, name: ref.organisations.get(query.investor)!.name }
        : null,
      department: query.department
        ? { code: query.department, name: ref.organisations.get(query.department)!.name }
        : null,
      targetPath: path,
      target,
      total: totalFigures,
      forecast: forecastYearEnd({
        disbursed: total.disbursed,
        plan: total.plan,
        pastShares: await this.pastShares({ unitIds, investorId, departmentId }, year, asOf),
      }),
      forecastMethod: FORECAST_METHOD,
      byInvestor: organisationLines(byInvestor),
      byDepartment: organisationLines(byDepartment),
      byUnit: [...byUnit]
        .map(([id, line]) => ({
          ...presentUnit(ref.units.byId.get(id)!),
          isSelf: id === unit.id,
          ...figures(line),
        }))
        .sort(worstFirst),
      lagging: projects
        .filter((p) => p.rate !== null && p.rate < target)
        .map((p) => this.presentProject(ref, p, target))
        .sort(worstFirst),
      path: await this.path(
        projects.map((p) => p.key),
        total.plan,
        year,
        asOf,
        path.points,
      ),
    };
  }

  /** Projects of the units with a plan for the year, their plan and what they disbursed up to asOf. */
  private async projectFigures(unitIds: number[], year: number, asOf: string) {
    const rows = await sql<{
      key: string;
      name: string;
      investor_id: number;
      department_id: number;
      unit_id: number;
      project_group: string;
      responsible_name: string;
      responsible_title: string | null;
      responsible_phone: string | null;
      plan: number;
      disbursed: number;
    }>`
      SELECT p.key, p.name, p.investor_id, p.department_id, p.unit_id, p.project_group, p.responsible_name,
             p.responsible_title, p.responsible_phone, pl.plan,
             coalesce((SELECT sum(d.amount) FROM investment_disbursements d
                       WHERE d.project_key = p.key AND d.date BETWEEN ${`${year}-01-01`} AND ${asOf}), 0)::float8 AS disbursed
      FROM investment_projects p
      JOIN (SELECT project_key, sum(amount)::float8 AS plan FROM investment_plans WHERE year = ${year} GROUP BY project_key) pl
        ON pl.project_key = p.key
      WHERE p.unit_id = ANY(${unitIds}::int[])`.execute(this.db);
    return rows.rows.map((r) => ({ ...r, rate: percentOf(r.disbursed, r.plan) }));
  }

  private presentProject(
    ref: Reference,
    p: Awaited<ReturnType<InvestmentService['projectFigures']>>[number],
    target: number,
  ) {
    return {
      code: p.key,
      name: p.name,
      group: p.project_group,
      investor: {
        code: ref.organisationById.get(p.investor_id)?.code ?? '',
        name: ref.organisationById.get(p.investor_id)?.name ?? '',
      },
      unit: presentUnit(ref.units.byId.get(p.unit_id)!),
      responsible: { name: p.responsible_name, title: p.responsible_title, phone: p.responsible_phone },
      plan: p.plan,
      disbursed: p.disbursed,
      rate: p.rate,
      gap: p.rate === null ? null : p.rate - target,
    };
  }

  /** One project: plan by year and source with its revisions, disbursements, rate, target, forecast. */
  async project(actor: Actor, code: string, query: { year?: number; date?: string }) {
    const ref = await loadReference(this.db);
    const row = await this.db
      .selectFrom('investment_projects')
      .selectAll()
      .where('key', '=', code)
      .executeTakeFirst();
    if (!row) throw notFound('dự án', 'Project', code);
    const unit = resolveReadUnit(actor, ref.units, ref.units.byId.get(row.unit_id)!.code);
    const province = this.provinceOf(ref, unit);
    const provinceIds = subtreeIds(ref.units, province.id);
    const [plans, planRevisions, disbursements] = await Promise.all([
      this.db
        .selectFrom('investment_plans')
        .selectAll()
        .where('project_key', '=', code)
        .orderBy('year')
        .orderBy('source')
        .execute(),
      this.db
        .selectFrom('record_revisions')
        .selectAll()
        .where('entity', '=', 'investment_plans')
        .where('key', 'like', `${code.replace(/[%_\\]/g, '\\$&')}|%`)
        .orderBy('changed_at')
        .execute(),
      this.db
        .selectFrom('investment_disbursements')
        .selectAll()
        .where('project_key', '=', code)
        .orderBy('date')
        .execute(),
    ]);
    const latestPlanYear = plans.at(-1)?.year;
    const { year, asOf } = await this.period(provinceIds, query.year ?? latestPlanYear, query.date);
    const path = await loadTargetPath(this.db, year);
    const target = targetOnDate(path.points, asOf);
    const plan = plans.filter((p) => p.year === year).reduce((s, p) => s + p.amount, 0);
    const disbursed = disbursements
      .filter((d) => d.date >= `${year}-01-01` && d.date <= asOf)
      .reduce((s, d) => s + d.amount, 0);
    const rate = percentOf(disbursed, plan);
    const source = (code: string) => ({
      code,
      name: CAPITAL_SOURCES[code]?.nameVi ?? code,
      nameEn: CAPITAL_SOURCES[code]?.nameEn ?? code,
    });
    return {
      code: row.key,
      name: row.name,
      group: row.project_group,
      investor: {
        code: ref.organisationById.get(row.investor_id)?.code ?? '',
        name: ref.organisationById.get(row.investor_id)?.name ?? '',
      },
      department: {
        code: ref.organisationById.get(row.department_id)?.code ?? '',
        name: ref.organisationById.get(row.department_id)?.name ?? '',
      },
      unit: presentUnit(unit),
      responsible: { name: row.responsible_name, title: row.responsible_title, phone: row.responsible_phone },
      startDate: row.start_date,
      endDate: row.end_date,
      completedOn: row.completed_on,
      year,
      asOf,
      plan,
      disbursed,
      rate,
      target,
      gap: rate === null ? null : rate - target,
      forecast: forecastYearEnd({
        disbursed,
        plan,
        pastShares: await this.pastShares({ unitIds: provinceIds }, year, asOf),
      }),
      forecastMethod: FORECAST_METHOD,
      plans: plans.map((p) => ({
        year: p.year,
        source: source(p.source),
        amount: p.amount,
        decision: p.decision,
        revision: p.revision,
        updatedAt: new Date(p.updated_at).toISOString(),
      })),
      planRevisions: planRevisions.map((r) => {
        const data = r.data as { year: number; source: string; amount: number; decision: string | null };
        return {
          year: data.year,
          source: source(data.source),
          amount: data.amount,
          decision: data.decision,
          revision: r.revision,
          changedAt: new Date(r.changed_at).toISOString(),
        };
      }),
      disbursements: disbursements.map((d) => ({
        key: d.key,
        date: d.date,
        amount: d.amount,
        source: source(d.source),
      })),
      path: await this.path([row.key], plan, year, asOf, path.points),
    };
  }

  private provinceOf(ref: Reference, unit: UnitNode): UnitNode {
    return ref.units.ancestors(unit.id).at(-1) ?? unit;
  }

  /** The disbursements behind a figure, newest first, with count and total over all pages. */
  async disbursements(
    actor: Actor,
    query: {
      unit?: string;
      from: string;
      to: string;
      investor?: string;
      department?: string;
      project?: string;
      limit: number;
      offset: number;
    },
  ) {
    requireQueryDates(query.from, query.to);
    const ref = await loadReference(this.db);
    const unit = resolveReadUnit(actor, ref.units, query.unit);
    const investorId = organisationId(ref, query.investor);
    const departmentId = organisationId(ref, query.department);
    let base = this.db
      .selectFrom('investment_disbursements as d')
      .innerJoin('investment_projects as p', 'p.key', 'd.project_key')
      .where('p.unit_id', 'in', subtreeIds(ref.units, unit.id))
      .where('d.date', '>=', query.from)
      .where('d.date', '<=', query.to);
    if (investorId !== null) base = base.where('p.investor_id', '=', investorId);
    if (departmentId !== null) base = base.where('p.department_id', '=', departmentId);
    if (query.project) base = base.where('p.key', '=', query.project);
    const [totals, rows] = await Promise.all([
      base
        .select((eb) => [
          eb.fn.countAll<string>().as('count'),
          sql<number>`coalesce(sum(d.amount), 0)::float8`.as('total'),
        ])
        .executeTakeFirstOrThrow(),
      base
        .select([
          'd.key',
          'd.date',
          'd.amount',
          'd.source',
          'p.key as project_key',
          'p.name as project_name',
          'p.unit_id',
        ])
        .orderBy('d.date', 'desc')
        .orderBy('d.key')
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
    ]);
    return {
      unit: presentUnit(unit),
      count: Number(totals.count),
      total: totals.total,
      records: rows.map((r) => ({
        key: r.key,
        date: r.date,
        amount: r.amount,
        source: r.source,
        project: { code: r.project_key, name: r.project_name },
        unit: presentUnit(ref.units.byId.get(r.unit_id)!),
      })),
    };
  }

  async targetPath(actor: Actor, year: number) {
    requirePermission(actor, 'internal.read');
    return loadTargetPath(this.db, year);
  }

  /** Sets the province's target path of a year (administrators), audited. */
  async setTargetPath(writer: Writer, year: number, points: TargetPoint[]) {
    const by = authorise(writer, 'targets.write');
    const days = new Set(points.map((p) => p.day));
    if (days.size !== points.length || points.some((p) => !isIsoDate(`2024-${p.day}`)))
      throw new AppError(
        'VALIDATION_FAILED',
        { points },
        {
          vi: 'Các mốc của lộ trình phải là ngày MM-DD hợp lệ, không trùng nhau.',
          en: 'Path points must be distinct valid MM-DD days.',
        },
      );
    const before = await loadTargetPath(this.db, year);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('investment_target_paths').where('year', '=', year).execute();
      if (points.length > 0)
        await trx
          .insertInto('investment_target_paths')
          .values(points.map((p) => ({ year, ...p })))
          .execute();
      await queueFigures(trx, 'investment', [String(year)]);
      await writeAudit(trx, by, 'write', 'investment_target_paths', String(year), before, { year, points });
    });
    this.onPathChanged();
    return loadTargetPath(this.db, year);
  }
}
