import {
  dateSchema,
  domainInputSchema,
  formatDate,
  geometryCentroid,
  indicatorInputSchema,
  organisationInputSchema,
  personInputSchema,
  teamInputSchema,
  normalizeSearch,
  parseFormula,
  parsePeriod,
  targetInputSchema,
  unitInputSchema,
  type IndicatorInput,
  type TargetInput,
  type UnitInput,
  type UnitLevel,
} from '@ioc/shared';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import { authorise, type Writer } from '../auth/policy.js';
import { writeAudit } from '../audit/audit.repository.js';
import type { Insertable } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { AppError, notFound } from '../errors.js';
import { forgetUnitTree, loadUnitTree, type UnitNode, type UnitTree } from '../units/unit-tree.js';
import { loadIndicators, type IndicatorRecord } from './indicator-record.js';
import type { RowError } from '../observations/observation-rows.js';

function invalid(index: number, issues: string): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    { index, issues },
    {
      vi: `Mục thứ ${index + 1} không hợp lệ: ${issues}`,
      en: `Item ${index + 1} is invalid: ${issues}`,
    },
  );
}

function parseAll<T>(schema: z.ZodType<T>, items: unknown[]): T[] {
  return items.map((item, index) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success)
      throw invalid(index, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return parsed.data;
  });
}

export interface UnitView {
  code: string;
  name: string;
  nameEn: string | null;
  level: UnitLevel;
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  hasBoundary: boolean;
  centroid: [number, number] | null;
  children?: UnitView[];
}

export function presentUnit(unit: UnitNode, tree: UnitTree): UnitView {
  const parent = unit.parentId === null ? undefined : tree.byId.get(unit.parentId);
  return {
    code: unit.code,
    name: unit.name,
    nameEn: unit.nameEn,
    level: unit.level,
    parentCode: parent?.code ?? null,
    validFrom: unit.validFrom,
    validTo: unit.validTo,
    hasBoundary: unit.hasBoundary,
    centroid: unit.centroid,
  };
}

function isValidOn(unit: UnitNode, date: string | undefined): boolean {
  return !date || ((!unit.validFrom || unit.validFrom <= date) && (!unit.validTo || date <= unit.validTo));
}

export class CatalogueService {
  constructor(
    readonly db: Db,
    private readonly onChanged: () => void,
  ) {}

  /** Units filtered by level, parent and the date they must be valid on; `tree` nests them. */
  async listUnits(filter: {
    level?: UnitLevel;
    parent?: string;
    at?: string;
    tree?: boolean;
  }): Promise<UnitView[]> {
    const tree = await loadUnitTree(this.db);
    if (filter.tree) {
      const nest = (unit: UnitNode): UnitView => ({
        ...presentUnit(unit, tree),
        children: tree
          .children(unit.id)
          .filter((c) => isValidOn(c, filter.at))
          .map(nest),
      });
      const roots = filter.parent
        ? [this.requireUnit(tree, filter.parent, filter.at)]
        : tree.units.filter((u) => u.parentId === null && isValidOn(u, filter.at));
      return roots.map(nest);
    }
    const parent = filter.parent ? this.requireUnit(tree, filter.parent, filter.at) : undefined;
    return tree.units
      .filter((u) => isValidOn(u, filter.at))
      .filter((u) => !filter.level || u.level === filter.level)
      .filter((u) => !parent || u.parentId === parent.id)
      .map((u) => presentUnit(u, tree));
  }

  async getUnit(
    code: string,
    at?: string,
  ): Promise<UnitView & { ancestors: UnitView[]; successors: LinkView[]; predecessors: LinkView[] }> {
    const tree = await loadUnitTree(this.db);
    const unit = this.requireUnit(tree, code, at);
    const links = await this.db
      .selectFrom('unit_links')
      .selectAll()
      .where((eb) => eb.or([eb('predecessor_id', '=', unit.id), eb('successor_id', '=', unit.id)]))
      .execute();
    const linkView = (otherId: number, l: (typeof links)[number]): LinkView => {
      const other = tree.byId.get(otherId)!;
      return {
        code: other.code,
        name: other.name,
        share: l.share,
        kind: l.kind as 'full' | 'partial',
        effectiveDate: l.effective_date,
      };
    };
    return {
      ...presentUnit(unit, tree),
      ancestors: tree.ancestors(unit.id).map((a) => presentUnit(a, tree)),
      successors: links.filter((l) => l.predecessor_id === unit.id).map((l) => linkView(l.successor_id, l)),
      predecessors: links.filter((l) => l.successor_id === unit.id).map((l) => linkView(l.predecessor_id, l)),
    };
  }

  requireUnit(tree: UnitTree, code: string, at?: string): UnitNode {
    const unit = tree.findByCode(code, at);
    if (!unit) throw notFound('đơn vị hành chính', 'Unit', code);
    return unit;
  }

  /** Creates or updates units (matched by code and start date); parents may come in the same batch. */
  async upsertUnits(writer: Writer, items: unknown[]): Promise<{ created: number; updated: number }> {
    const by = authorise(writer, 'catalogue.write');
    const units = parseAll(unitInputSchema, items);
    return this.db
      .transaction()
      .execute(async (trx) => {
        let created = 0;
        let updated = 0;
        for (const [index, unit] of units.entries()) {
          const parentId = unit.parentCode ? await this.resolveParent(trx, unit, index) : null;
          const existing = await trx
            .selectFrom('units')
            .selectAll()
            .where('code', '=', unit.code)
            .where(
              sql<boolean>`coalesce(valid_from, '0001-01-01'::date) = coalesce(${unit.validFrom ?? null}::date, '0001-01-01'::date)`,
            )
            .executeTakeFirst();
          const values = {
            code: unit.code,
            name: unit.name,
            name_en: unit.nameEn ?? null,
            level: unit.level,
            parent_id: parentId,
            valid_from: unit.validFrom ?? null,
            valid_to: unit.validTo ?? null,
            ...geometryColumns(unit),
          };
          if (existing) {
            await trx.updateTable('units').set(values).where('id', '=', existing.id).execute();
            updated++;
          } else {
            await trx.insertInto('units').values(values).execute();
            created++;
          }
          await writeAudit(
            trx,
            by,
            existing ? 'update' : 'create',
            'unit',
            unit.code,
            existing ?? null,
            values,
          );
        }
        return { created, updated };
      })
      .finally(() => forgetUnitTree(this.db));
  }

  private async resolveParent(trx: Db, unit: UnitInput, index: number): Promise<number> {
    const candidates = await trx
      .selectFrom('units')
      .select(['id', 'valid_from', 'valid_to'])
      .where('code', '=', unit.parentCode!)
      .execute();
    const at = unit.validFrom ?? unit.validTo;
    const parent = candidates.find(
      (p) => !at || ((!p.valid_from || p.valid_from <= at) && (!p.valid_to || at <= p.valid_to)),
    );
    if (!parent) throw invalid(index, `parentCode "${unit.parentCode}" không tồn tại / does not exist`);
    return parent.id;
  }

  /**
   * Records a reorganisation: creates the new units (valid from `effectiveDate`) and links each
   * old unit to its successor. `full` links carry share 1; `partial` ones the given share or none.
   * Rows naming an unknown old unit or parent are reported by line; with `partial` the rest is kept.
   */
  async linkUnits(
    writer: Writer,
    rows: UnitLinkRow[],
    options: { effectiveDate: string; partial: boolean },
  ): Promise<{ unitsCreated: number; linksWritten: number; errors: RowError[] }> {
    const by = authorise(writer, 'catalogue.write');
    if (!dateSchema.safeParse(options.effectiveDate).success) {
      throw new AppError(
        'VALIDATION_FAILED',
        { effectiveDate: options.effectiveDate },
        {
          vi: `Ngày hiệu lực "${options.effectiveDate}" phải có dạng YYYY-MM-DD.`,
          en: `Effective date "${options.effectiveDate}" must be YYYY-MM-DD.`,
        },
      );
    }
    const dayBefore = new Date(Date.parse(`${options.effectiveDate}T00:00:00Z`) - 86_400_000)
      .toISOString()
      .slice(0, 10);
    return this.db
      .transaction()
      .execute(async (trx) => {
        const tree = await loadUnitTree(trx);
        const errors: RowError[] = [];
        const fail = (row: UnitLinkRow, field: string, vi: string, en: string) =>
          errors.push({ row: row.line, field, code: 'UNKNOWN_UNIT', message: vi, messageEn: en });
        const successors = new Map<string, number>();
        let unitsCreated = 0;
        let linksWritten = 0;
        for (const row of rows) {
          const old = tree.findByCode(row.oldCode, dayBefore);
          let successorId =
            successors.get(row.newCode) ?? tree.findByCode(row.newCode, options.effectiveDate)?.id;
          if (successorId === undefined) {
            const parent = tree.findByCode(row.newParentCode, options.effectiveDate);
            if (!parent) {
              fail(
                row,
                'new_parent_code',
                `Không có đơn vị cha "${row.newParentCode}" tại ngày ${formatDate(options.effectiveDate)}.`,
                `No parent unit "${row.newParentCode}" on ${options.effectiveDate}.`,
              );
              continue;
            }
            const unit = {
              code: row.newCode,
              name: row.newName,
              level: old?.level ?? 'commune',
              parent_id: parent.id,
              valid_from: options.effectiveDate,
            };
            successorId = (
              await trx.insertInto('units').values(unit).returning('id').executeTakeFirstOrThrow()
            ).id;
            unitsCreated++;
            await writeAudit(trx, by, 'create', 'unit', row.newCode, null, unit);
          }
          successors.set(row.newCode, successorId);
          if (!old) {
            fail(
              row,
              'old_code',
              `Không có đơn vị cũ "${row.oldCode}" (${row.oldName}) tại ngày ${formatDate(dayBefore)}.`,
              `No old unit "${row.oldCode}" on ${dayBefore}.`,
            );
            continue;
          }
          const share = row.kind === 'full' ? 1 : row.share;
          const link = {
            predecessor_id: old.id,
            successor_id: successorId,
            share,
            kind: row.kind,
            effective_date: options.effectiveDate,
          };
          await trx
            .insertInto('unit_links')
            .values(link)
            .onConflict((oc) =>
              oc
                .columns(['predecessor_id', 'successor_id'])
                .doUpdateSet({ share, kind: row.kind, effective_date: options.effectiveDate }),
            )
            .execute();
          linksWritten++;
          await writeAudit(trx, by, 'write', 'unit_link', `${row.oldCode}>${row.newCode}`, null, link);
        }
        if (errors.length > 0 && !options.partial) {
          throw new AppError('ROWS_REJECTED', { errors });
        }
        return { unitsCreated, linksWritten, errors };
      })
      .finally(() => forgetUnitTree(this.db));
  }

  /** Creates or updates domains, organisations, teams and people (in that order, so references resolve). */
  async upsertReferenceData(
    writer: Writer,
    data: { domains?: unknown[]; organisations?: unknown[]; teams?: unknown[]; people?: unknown[] },
  ): Promise<{ written: number }> {
    const by = authorise(writer, 'catalogue.write');
    const domains = parseAll(domainInputSchema, data.domains ?? []);
    const organisations = parseAll(organisationInputSchema, data.organisations ?? []);
    const teams = parseAll(teamInputSchema, data.teams ?? []);
    const people = parseAll(personInputSchema, data.people ?? []);
    await this.db.transaction().execute(async (trx) => {
      const tree = await loadUnitTree(trx);
      for (const d of domains) {
        const row = { code: d.code, name: d.nameVi, name_en: d.nameEn, sort: d.sort };
        await upsertByCode(trx, 'domains', row);
      }
      for (const [index, o] of organisations.entries()) {
        const unit = o.unitCode ? tree.findByCode(o.unitCode) : undefined;
        if (o.unitCode && !unit)
          throw invalid(index, `unitCode "${o.unitCode}" không tồn tại / does not exist`);
        const row = {
          code: o.code,
          name: o.nameVi,
          name_en: o.nameEn,
          kind: o.kind,
          unit_id: unit?.id ?? null,
        };
        await upsertByCode(trx, 'organisations', row);
      }
      for (const t of teams) {
        const row = {
          code: t.code,
          name: t.nameVi,
          name_en: t.nameEn,
          leader_person_code: t.leaderPersonCode ?? null,
        };
        await upsertByCode(trx, 'teams', row);
      }
      for (const [index, p] of people.entries()) {
        const org = p.organisationCode
          ? await trx
              .selectFrom('organisations')
              .select('id')
              .where('code', '=', p.organisationCode)
              .executeTakeFirst()
          : undefined;
        if (p.organisationCode && !org)
          throw invalid(index, `organisationCode "${p.organisationCode}" không tồn tại / does not exist`);
        const row = {
          code: p.code,
          full_name: p.fullName,
          title: p.titleVi,
          title_en: p.titleEn,
          organisation_id: org?.id ?? null,
          email: p.email ?? null,
          phone: p.phone ?? null,
        };
        await upsertByCode(trx, 'people', row);
      }
      const counts = {
        domains: domains.length,
        organisations: organisations.length,
        teams: teams.length,
        people: people.length,
      };
      await writeAudit(trx, by, 'write', 'reference_data', '-', null, counts);
    });
    return { written: domains.length + organisations.length + teams.length + people.length };
  }

  async listDomains() {
    const rows = await this.db.selectFrom('domains').selectAll().orderBy('sort').execute();
    return rows.map((d) => ({ code: d.code, name: d.name, nameEn: d.name_en }));
  }

  async listOrganisations() {
    const rows = await this.db
      .selectFrom('organisations')
      .leftJoin('units', 'units.id', 'organisations.unit_id')
      .select([
        'organisations.code',
        'organisations.name',
        'organisations.name_en',
        'kind',
        'units.code as unit_code',
      ])
      .orderBy('organisations.code')
      .execute();
    return rows.map((o) => ({
      code: o.code,
      name: o.name,
      nameEn: o.name_en,
      kind: o.kind,
      unitCode: o.unit_code,
    }));
  }

  async listTeams() {
    const rows = await this.db.selectFrom('teams').selectAll().orderBy('code').execute();
    return rows.map((t) => ({
      code: t.code,
      name: t.name,
      nameEn: t.name_en,
      leaderPersonCode: t.leader_person_code,
    }));
  }

  async listPeople() {
    const rows = await this.db
      .selectFrom('people')
      .leftJoin('organisations', 'organisations.id', 'people.organisation_id')
      .select([
        'people.code',
        'full_name',
        'title',
        'title_en',
        'email',
        'phone',
        'organisations.code as org_code',
      ])
      .orderBy('people.code')
      .execute();
    return rows.map((p) => ({
      code: p.code,
      fullName: p.full_name,
      title: p.title,
      titleEn: p.title_en,
      email: p.email,
      phone: p.phone,
      organisationCode: p.org_code,
    }));
  }

  /** The catalogue as the actor may see it: anonymous visitors see public indicators only. */
  async listIndicators(
    actor: Actor,
    filter: {
      domain?: string;
      q?: string;
      isPublic?: boolean;
      team?: string;
      owner?: string;
      periodType?: string;
    },
  ) {
    const all = (await this.presentIndicators()).filter((i) => i.isPublic || actor.kind !== 'anonymous');
    const q = filter.q ? normalizeSearch(filter.q) : '';
    return all.filter(
      (i) =>
        (!filter.domain || i.domainCode === filter.domain) &&
        (filter.isPublic === undefined || i.isPublic === filter.isPublic) &&
        (!filter.team || i.team?.code === filter.team) &&
        (!filter.owner || i.owner?.code === filter.owner) &&
        (!filter.periodType || i.periodType === filter.periodType) &&
        (!q || normalizeSearch(`${i.code} ${i.name} ${i.nameEn}`).includes(q)),
    );
  }

  async getIndicator(actor: Actor, code: string) {
    const found = (await this.presentIndicators(code))[0];
    if (!found) throw notFound('chỉ tiêu', 'Indicator', code);
    if (!found.isPublic && actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    return found;
  }

  private async presentIndicators(code?: string) {
    let query = this.db
      .selectFrom('indicators as i')
      .innerJoin('domains as d', 'd.code', 'i.domain_code')
      .leftJoin('organisations as o', 'o.id', 'i.owner_organisation_id')
      .leftJoin('people as p', 'p.id', 'i.responsible_person_id')
      .leftJoin('teams as t', 't.id', 'i.team_id')
      .selectAll('i')
      .select([
        'd.name as domain_name',
        'd.name_en as domain_name_en',
        'o.code as org_code',
        'o.name as org_name',
        'p.code as person_code',
        'p.full_name as person_name',
        'p.title as person_title',
        't.code as team_code',
        't.name as team_name',
      ])
      .orderBy('d.sort')
      .orderBy('i.code');
    if (code) query = query.where('i.code', '=', code);
    const rows = await query.execute();
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
      domainCode: r.domain_code,
      domainName: r.domain_name,
      domainNameEn: r.domain_name_en,
      group: r.indicator_group,
      unitOfMeasure: r.unit_of_measure,
      periodType: r.period_type,
      aggregation: r.aggregation,
      timeAggregation: r.time_aggregation,
      weightIndicatorCode: r.weight_indicator_code,
      formula: r.formula,
      decimals: r.decimals,
      direction: r.direction,
      thresholds: r.thresholds,
      owner: r.org_code ? { code: r.org_code, name: r.org_name } : null,
      responsiblePerson: r.person_code
        ? { code: r.person_code, name: r.person_name, title: r.person_title }
        : null,
      team: r.team_code ? { code: r.team_code, name: r.team_name } : null,
      source: r.source,
      isPublic: r.is_public,
      description: r.description,
    }));
  }

  /** Creates or updates indicators; checks formulas and references, then re-queues their roll-ups. */
  async upsertIndicators(writer: Writer, items: unknown[]): Promise<{ created: number; updated: number }> {
    const by = authorise(writer, 'catalogue.write');
    const inputs = parseAll(indicatorInputSchema, items);
    const result = await this.db.transaction().execute(async (trx) => {
      const known = await loadIndicators(trx);
      const incoming = new Map(inputs.map((i) => [i.code, i]));
      let created = 0;
      let updated = 0;
      for (const [index, input] of inputs.entries()) {
        checkIndicator(input, index, (code) => incoming.get(code) ?? known.get(code));
        const values = await this.indicatorRow(trx, input, index);
        const before = await trx
          .selectFrom('indicators')
          .selectAll()
          .where('code', '=', input.code)
          .executeTakeFirst();
        if (before) {
          await trx
            .updateTable('indicators')
            .set({ ...values, updated_at: new Date() })
            .where('code', '=', input.code)
            .execute();
          updated++;
        } else {
          await trx.insertInto('indicators').values(values).execute();
          created++;
        }
        await writeAudit(
          trx,
          by,
          before ? 'update' : 'create',
          'indicator',
          input.code,
          before ?? null,
          values,
        );
      }
      for (const input of inputs) {
        const sources = [input.code, ...(input.formula ? parseFormula(input.formula).refs : [])];
        await sql`
          INSERT INTO rollup_queue (indicator_code, year)
          SELECT ${input.code}, year FROM (
            SELECT DISTINCT left(period, 4)::int AS year FROM observations WHERE indicator_code = ANY(${sources}::text[])
            UNION SELECT DISTINCT left(period, 4)::int FROM rollup_values WHERE indicator_code = ANY(${sources}::text[])
          ) AS y
          ON CONFLICT (indicator_code, year) DO UPDATE SET generation = EXCLUDED.generation`.execute(trx);
      }
      return { created, updated };
    });
    this.onChanged();
    return result;
  }

  private async indicatorRow(trx: Db, input: IndicatorInput, index: number) {
    const idOf = async (
      table: 'organisations' | 'people' | 'teams',
      code: string | null | undefined,
      field: string,
    ) => {
      if (!code) return null;
      const row = await trx.selectFrom(table).select('id').where('code', '=', code).executeTakeFirst();
      if (!row) throw invalid(index, `${field} "${code}" không tồn tại / does not exist`);
      return row.id;
    };
    const domain = await trx
      .selectFrom('domains')
      .select('code')
      .where('code', '=', input.domainCode)
      .executeTakeFirst();
    if (!domain) throw invalid(index, `domainCode "${input.domainCode}" không tồn tại / does not exist`);
    return {
      code: input.code,
      name: input.nameVi,
      name_en: input.nameEn,
      domain_code: input.domainCode,
      indicator_group: input.group,
      unit_of_measure: input.unitOfMeasure,
      period_type: input.periodType,
      aggregation: input.aggregation,
      time_aggregation: input.timeAggregation,
      weight_indicator_code: input.weightIndicatorCode ?? null,
      formula: input.formula ?? null,
      decimals: input.decimals,
      direction: input.direction,
      thresholds: JSON.stringify(input.thresholds),
      owner_organisation_id: await idOf(
        'organisations',
        input.ownerOrganisationCode,
        'ownerOrganisationCode',
      ),
      responsible_person_id: await idOf('people', input.responsiblePersonCode, 'responsiblePersonCode'),
      team_id: await idOf('teams', input.teamCode, 'teamCode'),
      source: input.source,
      is_public: input.isPublic,
      description: input.description ?? null,
    };
  }

  /** Sets targets (kế hoạch) per indicator, unit and period. */
  async upsertTargets(writer: Writer, items: unknown[]): Promise<{ written: number }> {
    const by = authorise(writer, 'targets.write');
    const targets = parseAll(targetInputSchema, items);
    const [indicators, tree] = await Promise.all([loadIndicators(this.db), loadUnitTree(this.db)]);
    const rows = targets.map((t, index) => resolveTarget(t, index, indicators, tree, by));
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 5000) {
        await trx
          .insertInto('targets')
          .values(rows.slice(i, i + 5000))
          .onConflict((oc) =>
            oc.columns(['indicator_code', 'unit_id', 'period']).doUpdateSet((eb) => ({
              value: eb.ref('excluded.value'),
              low: eb.ref('excluded.low'),
              high: eb.ref('excluded.high'),
              updated_by: eb.ref('excluded.updated_by'),
              updated_at: new Date(),
            })),
          )
          .execute();
      }
      await writeAudit(
        trx,
        by,
        'write',
        'targets',
        `${rows.length}`,
        null,
        targets.length <= 50 ? targets : { count: targets.length },
      );
    });
    return { written: rows.length };
  }
}

/** Inserts a reference row, or updates the one with the same code. */
async function upsertByCode<T extends 'domains' | 'organisations' | 'teams' | 'people'>(
  trx: Db,
  table: T,
  row: Insertable<Database[T]>,
): Promise<void> {
  // Kysely cannot narrow a union of tables here; every table in T has a unique `code`.
  const into = trx.insertInto(table as 'domains');
  const values = row as Insertable<Database['domains']>;
  await into
    .values(values)
    .onConflict((oc) => oc.column('code').doUpdateSet(values))
    .execute();
}

/** Geometry columns: a boundary when given, and a centroid given or computed from it. */
function geometryColumns(unit: UnitInput) {
  const centroid = unit.centroid ?? geometryCentroid(unit.geometry);
  return {
    ...(unit.geometry ? { geometry: JSON.stringify(unit.geometry), has_boundary: true } : {}),
    ...(centroid ? { centroid_lon: centroid[0], centroid_lat: centroid[1] } : {}),
  };
}

/** One line of a merge/split table (the layout of the 2025 crosswalk). */
export interface UnitLinkRow {
  line: number;
  newCode: string;
  newName: string;
  newParentCode: string;
  oldCode: string;
  oldName: string;
  kind: 'full' | 'partial';
  share: number | null;
}

export interface LinkView {
  code: string;
  name: string;
  share: number | null;
  kind: 'full' | 'partial';
  effectiveDate: string;
}

function checkIndicator(input: IndicatorInput, index: number, find: (code: string) => unknown): void {
  if ((input.aggregation === 'formula') !== Boolean(input.formula)) {
    throw invalid(
      index,
      'aggregation "formula" và trường formula phải đi cùng nhau / aggregation "formula" goes with a formula',
    );
  }
  if (input.formula) {
    let refs: string[];
    try {
      refs = parseFormula(input.formula).refs;
    } catch (err) {
      throw invalid(index, `formula: ${(err as Error).message}`);
    }
    const missing = refs.filter((r) => r === input.code || !find(r));
    if (missing.length > 0)
      throw invalid(
        index,
        `formula tham chiếu chỉ tiêu không có / refers to unknown indicators: ${missing.join(', ')}`,
      );
  }
  if (
    input.aggregation === 'weighted_mean' &&
    (!input.weightIndicatorCode || !find(input.weightIndicatorCode))
  ) {
    throw invalid(index, 'weighted_mean cần weightIndicatorCode hợp lệ / needs a valid weightIndicatorCode');
  }
}

function resolveTarget(
  t: TargetInput,
  index: number,
  indicators: Map<string, IndicatorRecord>,
  tree: UnitTree,
  by: string,
) {
  if (!indicators.has(t.indicatorCode))
    throw invalid(index, `indicatorCode "${t.indicatorCode}" không tồn tại / does not exist`);
  const period = parsePeriod(t.period);
  if (!period) throw invalid(index, `period "${t.period}" sai định dạng / is malformed`);
  const unit = tree.findByCode(t.unitCode, period.end) ?? tree.findByCode(t.unitCode, period.start);
  if (!unit)
    throw invalid(index, `unitCode "${t.unitCode}" không tồn tại trong kỳ / does not exist in the period`);
  return {
    indicator_code: t.indicatorCode,
    unit_id: unit.id,
    period: period.code,
    value: t.value ?? null,
    low: t.low ?? null,
    high: t.high ?? null,
    updated_by: by,
  };
}
