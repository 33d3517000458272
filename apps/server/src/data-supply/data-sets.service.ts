import {
  compileRules,
  dataSetInputSchema,
  deadlineRuleSchema,
  FormulaError,
  parsePeriod,
  periodContaining,
  previousPeriod,
  unitSelectionSchema,
  validationRuleSchema,
  type DataSetFrequency,
  type DeadlineRule,
  type UnitSelection,
  type ValidationRule,
} from '@ioc/shared';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { writeAudit } from '../audit/audit.repository.js';
import type { Actor, AuthenticatedActor } from '../auth/actor.js';
import { authorise, can, requirePermission, type Writer } from '../auth/policy.js';
import { loadIndicators } from '../catalogue/indicator-record.js';
import type { Db } from '../db/database.js';
import type { DataSetsTable } from '../db/schema.js';
import { AppError, notFound } from '../errors.js';
import { loadUnitTree, type UnitNode, type UnitTree } from '../units/unit-tree.js';

/** How far back a suggested period may go (about five years of days). */
const MAX_PERIODS_BACK = 1900;

/** A data set as the API and the services see it. */
export interface DataSet {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  organisationId: number;
  organisationCode: string;
  organisationName: string;
  indicatorCodes: string[];
  units: UnitSelection;
  frequency: DataSetFrequency;
  deadline: DeadlineRule;
  channel: 'file' | 'form' | 'api';
  allowPartial: boolean;
  responsiblePersonCodes: string[];
  approverPersonCode: string | null;
  rules: ValidationRule[];
  remindBeforeHours: number;
  isActive: boolean;
}

/** A data set as listed for a person: with the period they would usually report now. */
export type DataSetListItem = DataSet & { suggestedPeriod: string };

type DataSetRow = Selectable<DataSetsTable> & { organisation_code: string; organisation_name: string };

function toDataSet(row: DataSetRow): DataSet {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    organisationId: row.organisation_id,
    organisationCode: row.organisation_code,
    organisationName: row.organisation_name,
    indicatorCodes: z.array(z.string()).parse(row.indicator_codes),
    units: unitSelectionSchema.parse(row.unit_selection),
    frequency: row.frequency,
    deadline: deadlineRuleSchema.parse(row.deadline_rule),
    channel: row.channel,
    allowPartial: row.allow_partial,
    responsiblePersonCodes: z.array(z.string()).parse(row.responsible_person_codes),
    approverPersonCode: row.approver_person_code,
    rules: z.array(validationRuleSchema).parse(row.rules),
    remindBeforeHours: row.remind_before_hours,
    isActive: row.is_active,
  };
}

/**
 * The units that must report for a data set in a period: the listed ones, or every unit of the
 * level below the parent, each in the version valid at the period's end.
 */
export function resolveDataSetUnits(dataSet: DataSet, tree: UnitTree, periodEnd: string): UnitNode[] {
  const valid = (u: UnitNode) =>
    (!u.validFrom || u.validFrom <= periodEnd) && (!u.validTo || periodEnd <= u.validTo);
  const selection = dataSet.units;
  if ('codes' in selection) {
    return selection.codes.flatMap((code) => {
      const unit = tree.findByCode(code, periodEnd);
      return unit ? [unit] : [];
    });
  }
  const parent = tree.findByCode(selection.parentCode, periodEnd);
  if (!parent) return [];
  return tree.units
    .filter((u) => u.level === selection.level && valid(u) && tree.isWithin(u.id, parent.id))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * The period an officer usually reports at `now`: today for daily data, the period just ended
 * otherwise — or, when no unit must report then (a hierarchy that has ended), the last period
 * that still had units.
 */
export function suggestPeriod(dataSet: DataSet, tree: UnitTree, now: Date): string {
  const current = periodContaining(dataSet.frequency, now);
  let period = dataSet.frequency === 'day' ? current : previousPeriod(current);
  for (let i = 0; i < MAX_PERIODS_BACK; i++) {
    if (resolveDataSetUnits(dataSet, tree, parsePeriod(period)!.end).length > 0) return period;
    period = previousPeriod(period);
  }
  return dataSet.frequency === 'day' ? current : previousPeriod(current);
}

/** Who the actor is in the people register (a user linked to a person), for approver checks. */
export async function findActorPerson(db: Db, actor: Actor): Promise<string | null> {
  if (actor.kind !== 'user') return null;
  const row = await db
    .selectFrom('users as u')
    .innerJoin('people as p', 'p.id', 'u.person_id')
    .select('p.code')
    .where('u.id', '=', actor.userId)
    .executeTakeFirst();
  return row?.code ?? null;
}

/** Defines what each organisation must supply, and by when. Administrators edit; others read theirs. */
export class DataSetsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  private query() {
    return this.db
      .selectFrom('data_sets as d')
      .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
      .selectAll('d')
      .select(['o.code as organisation_code', 'o.name as organisation_name']);
  }

  /** Every data set, for the services (scheduler, scoreboard); no access check. */
  async loadAll(): Promise<DataSet[]> {
    return (await this.query().orderBy('d.code').execute()).map(toDataSet);
  }

  async load(code: string): Promise<DataSet> {
    const row = await this.query().where('d.code', '=', code).executeTakeFirst();
    if (!row) throw notFound('bộ số liệu', 'Data set', code);
    return toDataSet(row);
  }

  /**
   * The data sets the actor deals with: all for administrators, leaders and analysts; a data
   * officer's those of their organisation or where they are a responsible person.
   */
  async list(actor: Actor): Promise<DataSet[]> {
    requirePermission(actor, 'supply.read');
    const all = await this.loadAll();
    if (actor.role !== 'data_officer') return all;
    const person = await findActorPerson(this.db, actor);
    return all.filter((d) => isSupplier(actor, person, d));
  }

  /** The actor's data sets, each with the period usually reported now (see suggestPeriod). */
  async listWithPeriods(actor: Actor): Promise<DataSetListItem[]> {
    const [dataSets, tree] = await Promise.all([this.list(actor), loadUnitTree(this.db)]);
    const now = this.clock();
    return dataSets.map((d) => ({ ...d, suggestedPeriod: suggestPeriod(d, tree, now) }));
  }

  /** Loads a data set the actor may send data for (403 otherwise). */
  async loadForSupplier(
    actor: Actor,
    code: string,
  ): Promise<{ dataSet: DataSet; actor: AuthenticatedActor }> {
    requirePermission(actor, 'supply.submit');
    const dataSet = await this.load(code);
    const person = await findActorPerson(this.db, actor);
    if (!isSupplier(actor, person, dataSet)) throw new AppError('FORBIDDEN', { dataSet: code });
    return { dataSet, actor };
  }

  async upsert(writer: Writer, input: unknown): Promise<DataSet> {
    const by = authorise(writer, 'datasets.manage');
    const parsed = dataSetInputSchema.safeParse(input);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new AppError('VALIDATION_FAILED', parsed.error.issues, {
        vi: `Bộ số liệu không hợp lệ: ${fields}`,
        en: `The data set is invalid: ${fields}`,
      });
    }
    const data = parsed.data;
    const organisation = await this.db
      .selectFrom('organisations')
      .select('id')
      .where('code', '=', data.organisationCode)
      .executeTakeFirst();
    if (!organisation) throw notFound('cơ quan', 'Organisation', data.organisationCode);
    await this.checkReferences(data);
    const before = await this.query().where('d.code', '=', data.code).executeTakeFirst();
    const row = {
      code: data.code,
      name: data.name,
      name_en: data.nameEn ?? null,
      organisation_id: organisation.id,
      indicator_codes: JSON.stringify(data.indicatorCodes),
      unit_selection: JSON.stringify(data.units),
      frequency: data.frequency,
      deadline_rule: JSON.stringify(data.deadline),
      channel: data.channel,
      allow_partial: data.allowPartial,
      responsible_person_codes: JSON.stringify(data.responsiblePersonCodes),
      approver_person_code: data.approverPersonCode ?? null,
      rules: JSON.stringify(data.rules),
      remind_before_hours: data.remindBeforeHours,
      is_active: data.isActive,
      updated_at: new Date(),
    };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('data_sets')
        .values(row)
        .onConflict((oc) => oc.column('code').doUpdateSet(row))
        .execute();
      await writeAudit(
        trx,
        by,
        before ? 'update' : 'create',
        'data_sets',
        data.code,
        before ? toDataSet(before) : null,
        data,
      );
    });
    return this.load(data.code);
  }

  private async checkReferences(data: z.infer<typeof dataSetInputSchema>): Promise<void> {
    const problems: { field: string; vi: string; en: string }[] = [];
    const indicators = await loadIndicators(this.db);
    for (const code of data.indicatorCodes) {
      const indicator = indicators.get(code);
      if (!indicator)
        problems.push({
          field: 'indicatorCodes',
          vi: `không có chỉ tiêu ${code}`,
          en: `unknown indicator ${code}`,
        });
      else if (indicator.formula)
        problems.push({
          field: 'indicatorCodes',
          vi: `${code} được tính theo công thức`,
          en: `${code} is computed by a formula`,
        });
      else if (indicator.periodType !== data.frequency)
        problems.push({
          field: 'frequency',
          vi: `${code} có kỳ ${indicator.periodType}, khác tần suất ${data.frequency}`,
          en: `${code} has ${indicator.periodType} periods, not ${data.frequency}`,
        });
    }
    const unitCodes = 'codes' in data.units ? data.units.codes : [data.units.parentCode];
    const known = new Set(
      (await this.db.selectFrom('units').select('code').where('code', 'in', unitCodes).execute()).map(
        (u) => u.code,
      ),
    );
    for (const code of unitCodes.filter((c) => !known.has(c)))
      problems.push({ field: 'units', vi: `không có đơn vị ${code}`, en: `unknown unit ${code}` });
    const personCodes = [
      ...data.responsiblePersonCodes,
      ...(data.approverPersonCode ? [data.approverPersonCode] : []),
    ];
    const people = new Set(
      personCodes.length
        ? (await this.db.selectFrom('people').select('code').where('code', 'in', personCodes).execute()).map(
            (p) => p.code,
          )
        : [],
    );
    for (const code of personCodes.filter((c) => !people.has(c)))
      problems.push({ field: 'people', vi: `không có cán bộ ${code}`, en: `unknown person ${code}` });
    const inSet = new Set(data.indicatorCodes);
    try {
      for (const rule of compileRules(data.rules)) {
        const refs =
          rule.kind === 'relation' ? [...rule.leftFormula.refs, ...rule.rightFormula.refs] : [rule.indicator];
        for (const ref of refs.filter((r) => !inSet.has(r)))
          problems.push({
            field: 'rules',
            vi: `quy tắc dùng ${ref} không thuộc bộ số liệu`,
            en: `a rule uses ${ref}, not in the data set`,
          });
      }
    } catch (err) {
      if (!(err instanceof FormulaError)) throw err;
      problems.push({ field: 'rules', vi: err.messageVi, en: err.messageEn });
    }
    if (problems.length > 0) {
      throw new AppError('VALIDATION_FAILED', problems, {
        vi: `Bộ số liệu không hợp lệ: ${problems.map((p) => p.vi).join('; ')}.`,
        en: `The data set is invalid: ${problems.map((p) => p.en).join('; ')}.`,
      });
    }
  }
}

function isSupplier(actor: AuthenticatedActor, person: string | null, dataSet: DataSet): boolean {
  if (actor.role === 'administrator') return true;
  return (
    actor.organisationId === dataSet.organisationId ||
    (person !== null && dataSet.responsiblePersonCodes.includes(person))
  );
}

/** May the actor approve this data set's submissions: its approver, or an administrator. */
export function isApprover(actor: Actor, person: string | null, dataSet: DataSet): boolean {
  if (!can(actor, 'supply.approve')) return false;
  return actor.role === 'administrator' || (person !== null && person === dataSet.approverPersonCode);
}
