import {
  dossierFigureOf,
  dossierRates,
  DOSSIER_FIGURE_LABELS,
  parsePeriod,
  periodInstants,
  type DossierCounts,
  type DossierStep,
} from '@ioc/shared';
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.js';
import { actorOf, authorise, isInScope, requirePermission, type Writer } from '../auth/policy.js';
import { writeAudit } from '../audit/audit.repository.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { AppError, notFound } from '../errors.js';
import { hashRequest, saveReplay, withIdempotency } from '../http/idempotency.js';
import type { RowError } from '../observations/observation-rows.js';
import { queueFigures } from '../records/figure-refresher.js';
import { loadUnitTree, type UnitNode, type UnitTree } from '../units/unit-tree.js';
import { addCounts, cutoffOf, emptyCounts, type FigureWindow } from './dossier-figures.js';
import {
  countFigures,
  figureCondition,
  type FigureGrouping,
  type GroupCounts,
} from './dossier-figure-sql.js';
import { validateDossierRows, type DossierRow } from './dossier-rows.js';
import { recordOfRow, storeDossiers } from './dossiers.repository.js';
import { computeIndex766, rankIndex766, type Satisfaction } from './index-766.js';

export interface DossierWriteRequest {
  rows: DossierRow[];
  /** Line or index shown in error reports for the row at each position. */
  rowNumbers: number[];
  /** `all`: one bad row stores nothing. `partial`: store the valid rows, report the rest. */
  mode: 'all' | 'partial';
  idempotencyKey?: string;
  /** Where the records came from (file name, API, pull source). */
  source: string;
}

export interface DossierWriteResult {
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: RowError[];
}

/** One row of the figures table: a unit, agency or field, with its month and year-to-date figures. */
export interface FigureRow {
  key: string;
  name: string;
  /** For units: the unit's level. */
  level?: string;
  month: DossierCounts & ReturnType<typeof dossierRates>;
  ytd: DossierCounts & ReturnType<typeof dossierRates>;
}

const PAGE_SIZE_MAX = 500;

/**
 * Dossiers (hồ sơ TTHC): intake with validation, idempotence and an append-only history; the
 * figures of DOMAIN.md per unit, agency and field; the list behind every figure; one dossier's
 * timeline; the 766 index.
 */
export class DossiersService {
  constructor(
    readonly db: Db,
    private readonly clock: Clock,
    /** Horizon of "due soon", in hours. */
    private readonly dueSoonHours: number,
    /** Called after dossiers change, so their months' figures are recomputed. */
    private readonly onChanged: () => void,
  ) {}

  /** Validates and stores a batch in one transaction; a retry with the same Idempotency-Key replays. */
  async write(
    writer: Writer,
    request: DossierWriteRequest,
  ): Promise<{ status: number; body: DossierWriteResult }> {
    const by = authorise(writer, 'dossiers.write');
    const actor: Actor = actorOf(writer);
    const requestHash = request.idempotencyKey ? hashRequest([request.mode, request.rows]) : '';
    const response = await withIdempotency(this.db, request.idempotencyKey, by, requestHash, async () => {
      const units = await loadUnitTree(this.db);
      const { valid, errors } = validateDossierRows(request.rows, (i) => request.rowNumbers[i] ?? i + 1, {
        units,
        actor,
      });
      const base = { received: request.rows.length, rejected: errors.length, errors };
      if (errors.length > 0 && request.mode === 'all') {
        throw new AppError('ROWS_REJECTED', { ...base, inserted: 0, updated: 0, unchanged: 0 });
      }
      return this.db.transaction().execute(async (trx) => {
        const { inserted, updated, changedCodes } = await storeDossiers(
          trx,
          valid,
          request.source,
          by,
          this.clock(),
        );
        const body: DossierWriteResult = {
          ...base,
          inserted,
          updated,
          unchanged: valid.length - inserted - updated,
        };
        if (inserted + updated > 0) {
          await writeAudit(trx, by, 'write', 'dossiers', request.idempotencyKey ?? request.source, null, {
            source: request.source,
            inserted,
            updated,
            codes: changedCodes.slice(0, 1000),
          });
        }
        const status = base.rejected > 0 ? 207 : 200;
        if (request.idempotencyKey)
          await saveReplay(trx, request.idempotencyKey, by, requestHash, { status, body });
        return { status, body };
      });
    });
    if (response.body.inserted + response.body.updated > 0) this.onChanged();
    return response;
  }

  /** The window of a period (month, quarter, YTD, year) as of now. */
  window(periodCode: string): FigureWindow & { period: string } {
    const period = parsePeriod(periodCode);
    const instants = periodInstants(periodCode);
    if (!period || !instants || !['month', 'quarter', 'ytd', 'year'].includes(period.type)) {
      throw new AppError(
        'VALIDATION_FAILED',
        { period: periodCode },
        {
          vi: `Kỳ "${periodCode}" không hợp lệ (tháng 2024-03, quý 2024-Q1, lũy kế 2024-YTD05, năm 2024).`,
          en: `Period "${periodCode}" is invalid (month 2024-03, quarter 2024-Q1, YTD 2024-YTD05, year 2024).`,
        },
      );
    }
    return {
      ...instants,
      now: this.clock(),
      dueSoonMs: this.dueSoonHours * 3_600_000,
      period: period.code,
    };
  }

  /**
   * The figures of a period per child unit, agency or field, inside a unit (default: the actor's
   * scope or the province), for the month and year to date. The first row is the unit itself.
   */
  async figures(actor: Actor, query: { period: string; unit?: string; by: FigureGrouping }) {
    requirePermission(actor, 'dossiers.read');
    const window = this.window(query.period);
    const period = parsePeriod(window.period)!;
    const ytdWindow = this.window(`${period.year}-YTD${period.end.slice(5, 7)}`);
    const tree = await loadUnitTree(this.db);
    const unit = scopeUnit(actor, tree, query.unit, period.end);
    const unitIds = subtreeIds(tree, unit.id);
    const [rows, ytdRows] = await Promise.all([
      countFigures(this.db, window, query.by, unitIds),
      countFigures(this.db, ytdWindow, query.by, unitIds),
    ]);
    const names = new Map<string, { name: string; level?: string }>();
    let groupsOf: (row: GroupCounts) => string[];
    if (query.by === 'unit') {
      const children = new Set(tree.children(unit.id).map((c) => c.id));
      // Each unit's counts go to the unit asked for and to the child holding it.
      groupsOf = (row) => {
        const unitId = Number(row.key);
        const chain = [tree.byId.get(unitId), ...tree.ancestors(unitId)];
        const child = chain.find((u) => u && children.has(u.id));
        return child ? [String(unit.id), String(child.id)] : [String(unit.id)];
      };
      for (const u of [unit, ...tree.children(unit.id)])
        names.set(String(u.id), { name: u.name, level: u.level });
    } else {
      groupsOf = (row) => {
        if (!names.has(row.key)) names.set(row.key, { name: row.name });
        return [row.key];
      };
    }
    const total = (groups: GroupCounts[]) => {
      const counts = new Map<string, DossierCounts>();
      for (const row of groups) for (const group of groupsOf(row)) addCounts(counts, group, row.counts);
      return counts;
    };
    const month = total(rows);
    const ytd = total(ytdRows);
    const withRates = (c: DossierCounts | undefined) => {
      const counts = c ?? emptyCounts();
      return { ...counts, ...dossierRates(counts) };
    };
    const keys = [...names.keys()].filter((k) => query.by === 'unit' || month.has(k) || ytd.has(k));
    const result: FigureRow[] = keys.map((key) => {
      const info = names.get(key)!;
      const node = query.by === 'unit' ? tree.byId.get(Number(key)) : undefined;
      return {
        key: node ? node.code : key,
        name: info.name,
        ...(info.level ? { level: info.level } : {}),
        month: withRates(month.get(key)),
        ytd: withRates(ytd.get(key)),
      };
    });
    if (query.by !== 'unit')
      result.sort((a, b) => b.month.to_process - a.month.to_process || a.name.localeCompare(b.name));
    return {
      period: window.period,
      ytdPeriod: ytdWindow.period,
      asOf: cutoffOf(window).toISOString(),
      unit: { code: unit.code, name: unit.name, level: unit.level },
      by: query.by,
      rows: result,
    };
  }

  /** The dossiers behind one figure (indicator code or figure name) of a unit, agency or field and period. */
  async list(
    actor: Actor,
    query: {
      figure: string;
      period: string;
      unit?: string;
      agency?: string;
      field?: string;
      q?: string;
      page: number;
      pageSize: number;
    },
    /** The largest page; exports read all rows at once. */
    maxPageSize = PAGE_SIZE_MAX,
  ) {
    requirePermission(actor, 'dossiers.read');
    const figure = dossierFigureOf(query.figure);
    if (!figure) {
      throw new AppError(
        'VALIDATION_FAILED',
        { figure: query.figure },
        {
          vi: `Không có số liệu hồ sơ "${query.figure}".`,
          en: `Unknown dossier figure "${query.figure}".`,
        },
      );
    }
    const window = this.window(query.period);
    const tree = await loadUnitTree(this.db);
    const unit = scopeUnit(actor, tree, query.unit, parsePeriod(window.period)!.end);
    const unitIds = subtreeIds(tree, unit.id);
    const pageSize = Math.min(Math.max(query.pageSize, 1), maxPageSize);
    let base = this.db
      .selectFrom('dossiers')
      .where('unit_id', 'in', unitIds)
      .where(figureCondition(figure, window));
    if (query.agency) base = base.where('agency_code', '=', query.agency);
    if (query.field) base = base.where('field_code', '=', query.field);
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      base = base.where((eb) =>
        eb.or([eb('code', 'ilike', like), eb('procedure_name', 'ilike', like), eb('handler', 'ilike', like)]),
      );
    }
    const [{ total }, rows] = await Promise.all([
      base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
      base
        .selectAll()
        .orderBy(sql`due_at ASC NULLS LAST`)
        .orderBy('code')
        .limit(pageSize)
        .offset((Math.max(query.page, 1) - 1) * pageSize)
        .execute(),
    ]);
    const cutoff = cutoffOf(window);
    return {
      figure,
      label: DOSSIER_FIGURE_LABELS[figure],
      period: window.period,
      asOf: cutoff.toISOString(),
      unit: { code: unit.code, name: unit.name, level: unit.level },
      total,
      page: Math.max(query.page, 1),
      pageSize,
      items: rows.map((r) => presentSummary(recordOfRow(r), tree, cutoff)),
    };
  }

  /** One dossier with its timeline and earlier versions. */
  async get(actor: Actor, code: string) {
    requirePermission(actor, 'dossiers.read');
    const row = await this.db.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirst();
    if (!row) throw notFound('hồ sơ', 'Dossier', code);
    const tree = await loadUnitTree(this.db);
    if (!isInScope(actor, tree, row.unit_id)) throw new AppError('OUT_OF_SCOPE', { dossier: code });
    const revisions = await this.db
      .selectFrom('dossier_revisions')
      .selectAll()
      .where('dossier_id', '=', row.id)
      .orderBy('revision')
      .execute();
    const record = recordOfRow(row);
    const now = this.clock();
    return {
      ...presentSummary(record, tree, now),
      procedureCode: record.procedureCode,
      fieldCode: record.fieldCode,
      agencyCode: record.agencyCode,
      hasFee: record.hasFee,
      paidOnline: record.paidOnline,
      digitised: record.digitised,
      publishedAt: record.publishedAt,
      steps: record.steps,
      source: row.source,
      revision: row.revision,
      updatedAt: new Date(row.updated_at).toISOString(),
      updatedBy: row.updated_by,
      revisions: revisions.map((r) => ({
        revision: r.revision,
        changedBy: r.changed_by,
        changedAt: new Date(r.changed_at).toISOString(),
        record: r.record,
      })),
    };
  }

  /** The 766 index of a month per agency or per child unit, ranked best first. */
  async index766(actor: Actor, query: { month: string; by: 'agency' | 'unit'; unit?: string }) {
    requirePermission(actor, 'dossiers.read');
    const window = this.window(query.month);
    if (!/^\d{4}-\d{2}$/.test(window.period)) {
      throw new AppError(
        'VALIDATION_FAILED',
        { month: query.month },
        {
          vi: 'Chỉ số 766 tính theo tháng (ví dụ 2024-03).',
          en: 'The 766 index is monthly (e.g. 2024-03).',
        },
      );
    }
    const tree = await loadUnitTree(this.db);
    const unit = scopeUnit(actor, tree, query.unit, parsePeriod(window.period)!.end);
    const unitIds = subtreeIds(tree, unit.id);
    const [rows, satisfaction] = await Promise.all([
      countFigures(this.db, window, query.by, unitIds),
      this.db
        .selectFrom('service_satisfaction')
        .select(['agency_code', 'unit_id', 'ratings', 'satisfied'])
        .where('month', '=', window.period)
        .where('unit_id', 'in', unitIds)
        .execute(),
    ]);
    const names = new Map<string, string>();
    let groupOf: (unitId: number, agency: string) => string | null;
    if (query.by === 'agency') {
      for (const r of rows) names.set(r.key, r.name);
      groupOf = (_unitId, agency) => agency;
    } else {
      const children = tree.children(unit.id);
      for (const c of children) names.set(c.code, c.name);
      const childIds = new Map(children.map((c) => [c.id, c.code]));
      groupOf = (unitId) => {
        for (const u of [tree.byId.get(unitId), ...tree.ancestors(unitId)]) {
          const code = u && childIds.get(u.id);
          if (code) return code;
        }
        return null;
      };
    }
    const counts = new Map<string, DossierCounts>();
    for (const row of rows) {
      const g = query.by === 'agency' ? row.key : groupOf(Number(row.key), '');
      if (g) addCounts(counts, g, row.counts);
    }
    const ratings = new Map<string, Satisfaction>();
    for (const s of satisfaction) {
      const g = groupOf(s.unit_id, s.agency_code);
      if (!g) continue;
      const r = ratings.get(g) ?? { ratings: 0, satisfied: 0 };
      ratings.set(g, { ratings: r.ratings + s.ratings, satisfied: r.satisfied + s.satisfied });
    }
    const items = [...names].map(([key, name]) => ({
      key,
      name,
      received: counts.get(key)?.received ?? 0,
      index: computeIndex766(counts.get(key) ?? emptyCounts(), ratings.get(key) ?? null),
    }));
    return {
      month: window.period,
      unit: { code: unit.code, name: unit.name },
      by: query.by,
      rows: rankIndex766(items),
    };
  }

  /** Stores satisfaction ratings per agency, unit and month (766: satisfaction), replacing earlier ones. */
  async writeSatisfaction(
    writer: Writer,
    rows: {
      agency: string;
      unit: string;
      month: string;
      ratings: number;
      satisfied: number;
      source?: string;
    }[],
  ): Promise<{ written: number }> {
    const by = authorise(writer, 'dossiers.write');
    const actor: Actor = actorOf(writer);
    const tree = await loadUnitTree(this.db);
    const errors: RowError[] = [];
    const values = rows.flatMap((r, i) => {
      const period = parsePeriod(r.month);
      const unit = period ? tree.findByCode(r.unit, period.end) : undefined;
      const fail = (field: string, vi: string, en: string) => {
        errors.push({ row: i + 1, field, code: 'BAD_ROW', message: vi, messageEn: en });
        return [];
      };
      if (!period || period.type !== 'month')
        return fail('month', `Tháng "${r.month}" sai định dạng (2024-03).`, `Bad month "${r.month}".`);
      if (!unit)
        return fail('unit', `Không có đơn vị hành chính mã "${r.unit}".`, `Unknown unit "${r.unit}".`);
      if (!isInScope(actor, tree, unit.id))
        return fail(
          'unit',
          `Đơn vị "${r.unit}" nằm ngoài phạm vi được phân quyền.`,
          `Unit "${r.unit}" is outside your scope.`,
        );
      if (!(r.ratings >= 0 && r.satisfied >= 0 && r.satisfied <= r.ratings))
        return fail(
          'satisfied',
          'Số lượt hài lòng phải từ 0 đến số lượt đánh giá.',
          'Satisfied must be between 0 and ratings.',
        );
      return [
        {
          agency_code: r.agency,
          unit_id: unit.id,
          month: period.code,
          ratings: r.ratings,
          satisfied: r.satisfied,
          source: r.source ?? null,
          updated_by: by,
        },
      ];
    });
    if (errors.length > 0)
      throw new AppError('ROWS_REJECTED', { received: rows.length, rejected: errors.length, errors });
    if (values.length === 0) return { written: 0 };
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < values.length; i += 1000) {
        await trx
          .insertInto('service_satisfaction')
          .values(values.slice(i, i + 1000))
          .onConflict((oc) =>
            oc.columns(['agency_code', 'unit_id', 'month']).doUpdateSet((eb) => ({
              ratings: eb.ref('excluded.ratings'),
              satisfied: eb.ref('excluded.satisfied'),
              source: eb.ref('excluded.source'),
              updated_by: eb.ref('excluded.updated_by'),
              updated_at: sql`now()`,
            })),
          )
          .execute();
      }
      await queueFigures(
        trx,
        'dossiers',
        values.map((v) => v.month),
      );
      await writeAudit(trx, by, 'write', 'service_satisfaction', '-', null, { rows: values.length });
    });
    this.onChanged();
    return { written: values.length };
  }
}

/** The unit asked for (checked against the actor's scope), or the actor's scope unit, or the province. */
export function scopeUnit(actor: Actor, tree: UnitTree, code: string | undefined, date: string): UnitNode {
  if (code) {
    const unit = tree.findByCode(code, date) ?? tree.findByCode(code);
    if (!unit) throw notFound('đơn vị hành chính', 'Unit', code);
    if (!isInScope(actor, tree, unit.id)) throw new AppError('OUT_OF_SCOPE', { unit: code });
    return unit;
  }
  if (actor.kind !== 'anonymous' && actor.scopeUnitId !== null) return tree.byId.get(actor.scopeUnitId)!;
  const roots = tree.units.filter((u) => u.parentId === null);
  const root =
    roots.find((u) => (!u.validFrom || u.validFrom <= date) && (!u.validTo || date <= u.validTo)) ?? roots[0];
  if (!root) throw notFound('đơn vị hành chính', 'Unit', '-');
  return root;
}

/** Ids of a unit and every unit below it. */
export function subtreeIds(tree: UnitTree, rootId: number): number[] {
  const ids: number[] = [];
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    ids.push(id);
    for (const child of tree.children(id)) stack.push(child.id);
  }
  return ids;
}

/** How a dossier stands at an instant: done (on time or late) or in progress (late or not). */
function standing(
  r: { dueAt: string | null; finishedAt: string | null },
  at: Date,
): 'done_on_time' | 'done_late' | 'late' | 'open' {
  if (r.finishedAt && new Date(r.finishedAt) <= at) {
    return r.dueAt && r.finishedAt > r.dueAt ? 'done_late' : 'done_on_time';
  }
  return r.dueAt && new Date(r.dueAt) < at ? 'late' : 'open';
}

function presentSummary(
  r: ReturnType<typeof recordOfRow>,
  tree: UnitTree,
  at: Date,
): {
  code: string;
  procedureName: string;
  fieldName: string;
  agencyName: string;
  unit: { code: string; name: string };
  handler: string | null;
  channel: string;
  receivedAt: string;
  dueAt: string | null;
  finishedAt: string | null;
  status: string;
  standing: ReturnType<typeof standing>;
  lastStep: DossierStep | null;
} {
  const unit = tree.byId.get(r.unitId);
  return {
    code: r.code,
    procedureName: r.procedureName,
    fieldName: r.fieldName,
    agencyName: r.agencyName,
    unit: { code: unit?.code ?? '', name: unit?.name ?? '' },
    handler: r.handler,
    channel: r.channel,
    receivedAt: r.receivedAt,
    dueAt: r.dueAt,
    finishedAt: r.finishedAt,
    status: r.status,
    standing: standing(r, at),
    lastStep: r.steps.at(-1) ?? null,
  };
}
