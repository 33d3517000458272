import {
  listPeriods,
  parsePeriod,
  samePeriodLastYear,
  ytdPeriodOf,
  type Period,
  type PeriodType,
  type TargetValue,
  type UnitLevel,
} from '@ioc/shared';
import type { Actor } from '../auth/actor.js';
import { canReadValue } from '../auth/policy.js';
import {
  loadIndicators,
  requireIndicatorRecord,
  type IndicatorRecord,
} from '../catalogue/indicator-record.js';
import { combinePredecessors } from './reorganisation.js';
import {
  assess,
  change,
  existsDuring,
  periodView,
  requirePeriod,
  restrictedAssessment,
  summary,
  type Assessment,
  type Cell,
  type UnitValue,
} from './assessment.js';
import { presentUnit } from '../catalogue/catalogue.service.js';
import type { Db } from '../db/database.js';
import { AppError, notFound } from '../errors.js';
import { loadUnitTree, type UnitNode, type UnitTree } from '../units/unit-tree.js';

/** From this many units on, cells are read by period and filtered here (see readCells). */
const MANY_UNITS = 20;

/** A unit is shown for a period when it existed at some time in it. */

/** Reads the roll-up cache (never raw observations) and colours it by warning level. */
export class ValuesService {
  constructor(private readonly db: Db) {}

  /** Value, target, warning level and reason for every unit of a level, or every child of a unit. */
  async values(actor: Actor, code: string, query: { period: string; level?: UnitLevel; parent?: string }) {
    const { indicator, period, rows } = await this.evaluate(actor, code, query);
    return {
      indicator: summary(indicator),
      period: periodView(period),
      rows: rows.map(({ unitId: _, ...row }) => row),
    };
  }

  /** Units of a level or children of a unit ranked best first by the indicator's direction, with last year's value. */
  async ranking(actor: Actor, code: string, query: { period: string; level?: UnitLevel; parent?: string }) {
    const { indicator, period, rows, tree } = await this.evaluate(actor, code, query);
    const lastYear = samePeriodLastYear(period.code);
    const previous = await this.readCells(
      code,
      [lastYear],
      rows.map((r) => r.unitId),
    );
    const visible = rows.filter((r) => !r.restricted && r.value !== null);
    const sign = indicator.direction === 'lower_better' ? 1 : -1;
    const sorted = [...visible].sort((a, b) =>
      indicator.direction === 'band'
        ? (a.achievement ?? 0) - (b.achievement ?? 0)
        : sign * ((a.value ?? 0) - (b.value ?? 0)),
    );
    const reference = await this.referenceOf(actor, tree, indicator, period, rows);
    return {
      indicator: summary(indicator),
      period: periodView(period),
      samePeriodLastYear: periodView(requirePeriod(lastYear)),
      reference,
      rows: sorted.map(({ unitId, ...r }, i) => {
        const before = previous.get(`${unitId}|${lastYear}`)?.value ?? null;
        return {
          rank: i + 1,
          ...r,
          samePeriodLastYear: before,
          ...change(r.value, before),
          differenceFromReference:
            reference === null || reference.value === null || r.value === null
              ? null
              : r.value - reference.value,
        };
      }),
      withoutData: rows
        .filter((r) => r.restricted || r.value === null)
        .map((r) => ({ unit: r.unit, restricted: r.restricted })),
    };
  }

  /**
   * The common parent of the ranked units with its own value (the province for its districts): the
   * figure to compare with. A mean of the units' values would misstate ratios, so none is given.
   */
  private async referenceOf(
    actor: Actor,
    tree: UnitTree,
    indicator: IndicatorRecord,
    period: Period,
    rows: { unitId: number }[],
  ) {
    const parents = new Set(rows.map((r) => tree.byId.get(r.unitId)?.parentId ?? null));
    const [parentId] = [...parents];
    const parent =
      parents.size === 1 && parentId !== undefined && parentId !== null ? tree.byId.get(parentId) : undefined;
    if (!parent || !canReadValue(actor, tree, indicator.isPublic, parent.id)) return null;
    const cell = (await this.readCells(indicator.code, [period.code], [parent.id])).get(
      `${parent.id}|${period.code}`,
    );
    return { unit: presentUnit(parent, tree), value: cell?.value ?? null };
  }

  private async evaluate(
    actor: Actor,
    code: string,
    query: { period: string; level?: UnitLevel; parent?: string },
  ) {
    const indicator = await requireIndicatorRecord(this.db, code);
    const period = requirePeriod(query.period);
    const tree = await loadUnitTree(this.db);
    const units = this.selectUnits(tree, period, query);
    const ids = units.map((u) => u.id);
    const [cells, targets] = await Promise.all([
      this.readCells(code, [period.code], ids),
      this.readTargets(code, ids, period),
    ]);
    const rows = units.map((unit): UnitValue & { unitId: number } => {
      const restricted = !canReadValue(actor, tree, indicator.isPublic, unit.id);
      return {
        unitId: unit.id,
        unit: presentUnit(unit, tree),
        restricted,
        ...(restricted
          ? restrictedAssessment()
          : assess(indicator, period, cells.get(`${unit.id}|${period.code}`), targets.get(unit.id))),
      };
    });
    return { indicator, period, rows, tree };
  }

  /** One unit's series: value, target and level per period, with YTD (lũy kế) and the same period last year. */
  async series(
    actor: Actor,
    code: string,
    query: { unit: string; from?: string; to?: string; periodType?: PeriodType },
  ) {
    const indicator = await requireIndicatorRecord(this.db, code);
    const tree = await loadUnitTree(this.db);
    // The version of the code in force at the end of the range, else its latest (a merged unit's history).
    const unit =
      tree.findByCode(query.unit, query.to ? parsePeriod(query.to)?.end : undefined) ??
      tree.findByCode(query.unit);
    if (!unit) throw notFound('đơn vị hành chính', 'Unit', query.unit);
    if (!canReadValue(actor, tree, indicator.isPublic, unit.id))
      throw new AppError('OUT_OF_SCOPE', { unit: query.unit });
    const type = query.periodType ?? indicator.periodType;
    const all = await this.readUnitCells(code, unit.id);
    // Before a merged unit existed, its history is converted from its predecessors'.
    const converted = unit.validFrom
      ? await this.convertHistory(indicator, unit.id, unit.validFrom)
      : new Map<string, Cell>();
    for (const [period, cell] of converted) if (!all.has(period)) all.set(period, cell);
    const periods = this.seriesPeriods(type, all, query.from, query.to);
    const targets = await this.readTargets(code, [unit.id]);
    const points = periods.map((code) => {
      const period = requirePeriod(code);
      const cell = all.get(code);
      const ytdCode = ytdPeriodOf(code);
      const lastYear = samePeriodLastYear(code);
      const ytdLastYear = ytdCode ? samePeriodLastYear(ytdCode) : null;
      const ytd = ytdCode ? all.get(ytdCode) : undefined;
      return {
        period: periodView(period),
        convertedFromPredecessors: converted.has(code),
        ...assess(indicator, period, cell, targets.get(unit.id)),
        ytd:
          ytdCode && ytd
            ? {
                period: periodView(requirePeriod(ytdCode)),
                ...assess(indicator, requirePeriod(ytdCode), ytd, targets.get(unit.id)),
              }
            : null,
        samePeriodLastYear: all.get(lastYear)?.value ?? null,
        ...change(cell?.value ?? null, all.get(lastYear)?.value ?? null),
        ytdSamePeriodLastYear: ytdLastYear ? (all.get(ytdLastYear)?.value ?? null) : null,
      };
    });
    return { indicator: summary(indicator), unit: presentUnit(unit, tree), periodType: type, points };
  }

  /**
   * Cells a unit would have had before `validFrom`, from the units merged or split into it
   * (formula indicators from their converted inputs). Periods that cannot be converted are absent.
   */
  private async convertHistory(
    indicator: IndicatorRecord,
    unitId: number,
    validFrom: string,
  ): Promise<Map<string, Cell>> {
    const links = await this.db
      .selectFrom('unit_links')
      .select(['predecessor_id', 'share'])
      .where('successor_id', '=', unitId)
      .execute();
    const out = new Map<string, Cell>();
    if (links.length === 0) return out;
    if (indicator.formula) {
      const indicators = await loadIndicators(this.db);
      const inputs = new Map<string, Map<string, Cell>>();
      for (const ref of indicator.formula.refs) {
        const input = indicators.get(ref);
        inputs.set(ref, input ? await this.convertHistory(input, unitId, validFrom) : new Map());
      }
      for (const period of inputs.get(indicator.formula.refs[0] ?? '')?.keys() ?? []) {
        const value = indicator.formula.evaluate((ref) => inputs.get(ref)?.get(period)?.value ?? null);
        const coverage = Math.min(
          ...indicator.formula.refs.map((ref) => inputs.get(ref)?.get(period)?.coverage ?? 0),
        );
        if (value !== null) out.set(period, { value, coverage });
      }
      return out;
    }
    const byPredecessor = await Promise.all(
      links.map((l) => this.readUnitCells(indicator.code, l.predecessor_id)),
    );
    const periods = new Set(byPredecessor.flatMap((cells) => [...cells.keys()]));
    for (const period of periods) {
      if (requirePeriod(period).end >= validFrom) continue;
      const parts = links.map((l, i) => ({
        value: byPredecessor[i]?.get(period)?.value ?? null,
        share: l.share,
      }));
      const cell = combinePredecessors(
        indicator.aggregation === 'formula' ? 'sum' : indicator.aggregation,
        parts,
      );
      if (cell) out.set(period, cell);
    }
    return out;
  }

  /** Periods of the series: the requested range, or the last three years of data by default. */
  private seriesPeriods(type: PeriodType, cells: Map<string, Cell>, from?: string, to?: string): string[] {
    const ofType = [...cells.keys()].filter((p) => parsePeriod(p)?.type === type).sort();
    const last = to ? requirePeriod(to).code : ofType.at(-1);
    if (!last) return [];
    if (requirePeriod(last).type !== type) throw periodTypeMismatch(last, type);
    let first = from
      ? requirePeriod(from).code
      : ofType.find((p) => requirePeriod(p).year >= requirePeriod(last).year - 2);
    first ??= last;
    if (requirePeriod(first).type !== type) throw periodTypeMismatch(first, type);
    return listPeriods(type, first, last);
  }

  private selectUnits(
    tree: UnitTree,
    period: Period,
    query: { level?: UnitLevel; parent?: string },
  ): UnitNode[] {
    if (query.parent) {
      const parent = tree.findByCode(query.parent, period.end) ?? tree.findByCode(query.parent, period.start);
      if (!parent) throw notFound('đơn vị hành chính', 'Unit', query.parent);
      return tree.children(parent.id).filter((u) => existsDuring(u, period));
    }
    const level = query.level ?? 'district';
    return tree.units.filter((u) => u.level === level && existsDuring(u, period));
  }

  /** One unit's reading of an indicator for a period (what an explanation refers to). */
  async assessOne(indicator: IndicatorRecord, unitId: number, period: Period): Promise<Assessment> {
    const [cells, targets] = await Promise.all([
      this.readCells(indicator.code, [period.code], [unitId]),
      this.readTargets(indicator.code, [unitId], period),
    ]);
    return assess(indicator, period, cells.get(`${unitId}|${period.code}`), targets.get(unitId));
  }

  /**
   * Roll-up cells of some units for some periods. For many units (a whole level) it reads the
   * periods' cells — one range of the primary key — and keeps the units asked for, which is
   * cheaper than one index descent per unit.
   */
  private async readCells(code: string, periods: string[], unitIds: number[]): Promise<Map<string, Cell>> {
    if (unitIds.length === 0) return new Map();
    const manyUnits = unitIds.length > MANY_UNITS;
    let query = this.db
      .selectFrom('rollup_values')
      .select(['unit_id', 'period', 'value', 'coverage'])
      .where('indicator_code', '=', code)
      .where('period', 'in', periods);
    if (!manyUnits) query = query.where('unit_id', 'in', unitIds);
    const rows = await query.execute();
    const wanted = new Set(unitIds);
    return new Map(
      rows
        .filter((r) => wanted.has(r.unit_id))
        .map((r) => [`${r.unit_id}|${r.period}`, { value: r.value, coverage: r.coverage }]),
    );
  }

  private async readUnitCells(code: string, unitId: number): Promise<Map<string, Cell>> {
    const rows = await this.db
      .selectFrom('rollup_values')
      .select(['period', 'value', 'coverage'])
      .where('indicator_code', '=', code)
      .where('unit_id', '=', unitId)
      .execute();
    return new Map(rows.map((r) => [r.period, { value: r.value, coverage: r.coverage }]));
  }

  /** Targets of the units, keyed by unit id then period code. */
  /** Targets of the units; for one period, only the ones that can apply to it (its own and its year's). */
  private async readTargets(
    code: string,
    unitIds: number[],
    period?: Period,
  ): Promise<Map<number, Map<string, TargetValue>>> {
    const out = new Map<number, Map<string, TargetValue>>();
    if (unitIds.length === 0) return out;
    let query = this.db
      .selectFrom('targets')
      .select(['unit_id', 'period', 'value', 'low', 'high'])
      .where('indicator_code', '=', code)
      .where('unit_id', 'in', unitIds);
    if (period) query = query.where('period', 'in', [period.code, String(period.year)]);
    const rows = await query.execute();
    for (const r of rows) {
      const byPeriod = out.get(r.unit_id) ?? new Map<string, TargetValue>();
      byPeriod.set(r.period, { value: r.value, low: r.low, high: r.high });
      out.set(r.unit_id, byPeriod);
    }
    return out;
  }
}

function periodTypeMismatch(code: string, type: PeriodType): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    { period: code, periodType: type },
    {
      vi: `Kỳ "${code}" không thuộc loại kỳ "${type}".`,
      en: `Period "${code}" is not of type "${type}".`,
    },
  );
}
