/**
 * Roll-up of one indicator over the administrative hierarchy (commune → district → province)
 * and over time (day → month → quarter → YTD → year), with the coverage of every figure, and
 * derived indicators computed from rolled-up inputs.
 */
import type { Aggregation, PeriodType, TimeAggregation } from './catalogue';
import type { Formula } from './formula';
import { containingPeriods, countNativePeriods, isPeriodWithin, parsePeriod, type Period } from './periods';

export type AggregationRule = Exclude<Aggregation, 'formula'> | TimeAggregation;

export interface AggregateItem {
  value: number | null;
  /** For weighted_mean; null, undefined or 0 leaves the item out. */
  weight?: number | null;
  /** For last and first: the item with the greatest (smallest) order wins (e.g. the period code). */
  order?: string;
}

export interface RollupUnit {
  id: number;
  parentId: number | null;
  /** Validity interval, YYYY-MM-DD, both ends inclusive; null = unbounded. */
  validFrom: string | null;
  validTo: string | null;
}

export interface RawValue {
  unitId: number;
  /** A period of the indicator's native type. */
  period: string;
  value: number;
}

export interface RollupCell {
  unitId: number;
  period: string;
  value: number;
  /** Share 0..1 of the expected inputs that were present. */
  coverage: number;
  /** True only for a value reported for this very unit and period. */
  reported: boolean;
}

export interface RollupInput {
  units: RollupUnit[];
  values: RawValue[];
  periodType: PeriodType;
  aggregation: Exclude<Aggregation, 'formula'>;
  timeAggregation: TimeAggregation;
  /** Weight of a child unit in a period, for weighted_mean (e.g. its rolled-up population). */
  weightOf?: (unitId: number, period: string) => number | null;
}

// ---------------------------------------------------------------------------------------------
// Aggregation of a list of values
// ---------------------------------------------------------------------------------------------

/**
 * Running totals from which every rule can be read, so that the time roll-up can feed a value
 * into a dozen periods (month, quarter, YTDs, year) without building a list for each.
 */
interface Accumulator {
  count: number;
  sum: number;
  min: number;
  max: number;
  weightedSum: number;
  totalWeight: number;
  lastOrder: string;
  lastValue: number | null;
  firstOrder: string;
  firstValue: number | null;
}

function createAccumulator(): Accumulator {
  return {
    count: 0,
    sum: 0,
    min: Infinity,
    max: -Infinity,
    weightedSum: 0,
    totalWeight: 0,
    lastOrder: '',
    lastValue: null,
    firstOrder: '',
    firstValue: null,
  };
}

function addToAccumulator(acc: Accumulator, { value, weight, order = '' }: AggregateItem): void {
  if (value === null) return;
  acc.count++;
  acc.sum += value;
  if (value < acc.min) acc.min = value;
  if (value > acc.max) acc.max = value;
  if (weight) {
    acc.weightedSum += value * weight;
    acc.totalWeight += weight;
  }
  // >= so that, among equal or missing orders, the later item wins.
  if (acc.lastValue === null || order >= acc.lastOrder) {
    acc.lastOrder = order;
    acc.lastValue = value;
  }
  // < so that, among equal or missing orders, the earlier item wins.
  if (acc.firstValue === null || order < acc.firstOrder) {
    acc.firstOrder = order;
    acc.firstValue = value;
  }
}

function readAccumulator(acc: Accumulator, rule: AggregationRule): number | null {
  if (acc.count === 0) return null;
  switch (rule) {
    case 'sum':
      return acc.sum;
    case 'mean':
      return acc.sum / acc.count;
    case 'weighted_mean':
      return acc.totalWeight === 0 ? null : acc.weightedSum / acc.totalWeight;
    case 'min':
      return acc.min;
    case 'max':
      return acc.max;
    case 'last':
      return acc.lastValue;
    case 'first':
      return acc.firstValue;
  }
}

/**
 * Combines values by an aggregation rule; null values are ignored and the result is null when
 * none is left. weighted_mean ignores items whose weight is null or 0 and is null when the total
 * weight is 0; last takes the value with the greatest `order` (the later item on a tie), first the
 * value with the smallest (the earlier item on a tie).
 */
export function aggregateValues(rule: AggregationRule, items: readonly AggregateItem[]): number | null {
  const acc = createAccumulator();
  for (const item of items) addToAccumulator(acc, item);
  return readAccumulator(acc, rule);
}

// ---------------------------------------------------------------------------------------------
// Over the hierarchy
// ---------------------------------------------------------------------------------------------

interface Hierarchy {
  /** Units with every child before its parent. */
  deepestFirst: RollupUnit[];
  childrenOf: Map<number, RollupUnit[]>;
}

function measureDepth(unit: RollupUnit, byId: Map<number, RollupUnit>, depths: Map<number, number>): void {
  // Walk up iteratively: the chain can be as long as the hierarchy is deep, and a cycle must not hang.
  const chain: RollupUnit[] = [];
  const onChain = new Set<number>();
  let current: RollupUnit | undefined = unit;
  while (current && !depths.has(current.id)) {
    if (onChain.has(current.id)) throw new Error(`Unit hierarchy has a cycle through unit ${current.id}`);
    onChain.add(current.id);
    chain.push(current);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  let depth = current ? (depths.get(current.id) ?? 0) : -1;
  for (let i = chain.length - 1; i >= 0; i--) depths.set(chain[i]!.id, ++depth);
}

function buildHierarchy(units: readonly RollupUnit[]): Hierarchy {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const depths = new Map<number, number>();
  const childrenOf = new Map<number, RollupUnit[]>();
  for (const unit of units) {
    measureDepth(unit, byId, depths);
    // A parent missing from the list makes the unit a root.
    if (unit.parentId === null || !byId.has(unit.parentId)) continue;
    const siblings = childrenOf.get(unit.parentId);
    if (siblings) siblings.push(unit);
    else childrenOf.set(unit.parentId, [unit]);
  }
  const deepestFirst = [...units].sort((a, b) => (depths.get(b.id) ?? 0) - (depths.get(a.id) ?? 0));
  return { deepestFirst, childrenOf };
}

/** Reported values by canonical period code, then unit id. */
function indexValues(values: readonly RawValue[], periodType: PeriodType, unitIds: ReadonlySet<number>) {
  const periods = new Map<string, Period>();
  const byPeriod = new Map<string, Map<number, number>>();
  for (const raw of values) {
    if (!unitIds.has(raw.unitId)) continue;
    const period = periods.get(raw.period) ?? parseNativePeriod(raw.period, periodType);
    periods.set(raw.period, period);
    let byUnit = byPeriod.get(period.code);
    if (!byUnit) byPeriod.set(period.code, (byUnit = new Map()));
    if (byUnit.has(raw.unitId)) throw new Error(`Two values for unit ${raw.unitId} in period ${period.code}`);
    byUnit.set(raw.unitId, raw.value);
  }
  const periodByCode = new Map([...periods.values()].map((period) => [period.code, period]));
  return { byPeriod, periodByCode };
}

function parseNativePeriod(code: string, periodType: PeriodType): Period {
  const period = parsePeriod(code);
  if (!period || period.type !== periodType) throw new Error(`"${code}" is not a ${periodType} period`);
  return period;
}

interface HierarchyStep {
  hierarchy: Hierarchy;
  aggregation: Exclude<Aggregation, 'formula'>;
  /** Set only for weighted_mean, so that other rules never pay for weight look-ups. */
  weightOf: RollupInput['weightOf'];
}

function aggregateChildren(
  unit: RollupUnit,
  period: Period,
  cells: Map<number, RollupCell>,
  step: HierarchyStep,
): RollupCell | null {
  const children = step.hierarchy.childrenOf.get(unit.id);
  if (!children) return null;
  const items: AggregateItem[] = [];
  let validCount = 0;
  for (const child of children) {
    // A child dissolved or not yet created in this period is not expected to report.
    if (!isPeriodWithin(period, child.validFrom, child.validTo)) continue;
    validCount++;
    const cell = cells.get(child.id);
    if (cell) items.push({ value: cell.value, weight: step.weightOf?.(child.id, period.code) ?? null });
  }
  if (items.length === 0) return null;
  const value = aggregateValues(step.aggregation, items);
  if (value === null) return null;
  return {
    unitId: unit.id,
    period: period.code,
    value,
    coverage: items.length / validCount,
    reported: false,
  };
}

function rollUpPeriod(period: Period, reported: Map<number, number>, step: HierarchyStep): RollupCell[] {
  const cells = new Map<number, RollupCell>();
  for (const unit of step.hierarchy.deepestFirst) {
    const own = reported.get(unit.id);
    const cell =
      own === undefined
        ? aggregateChildren(unit, period, cells, step)
        : { unitId: unit.id, period: period.code, value: own, coverage: 1, reported: true };
    if (cell) cells.set(unit.id, cell);
  }
  return [...cells.values()];
}

// ---------------------------------------------------------------------------------------------
// Over time
// ---------------------------------------------------------------------------------------------

function rollUpOverTime(
  nativeCells: readonly RollupCell[],
  nativeType: PeriodType,
  timeAggregation: TimeAggregation,
): RollupCell[] {
  const containingOf = new Map<string, string[]>();
  // unit id → coarse period code → running totals of the unit's native cells
  const totals = new Map<number, Map<string, Accumulator>>();
  for (const cell of nativeCells) {
    let coarseCodes = containingOf.get(cell.period);
    if (!coarseCodes) {
      coarseCodes = containingPeriods(parsePeriod(cell.period)!);
      containingOf.set(cell.period, coarseCodes);
    }
    let byPeriod = totals.get(cell.unitId);
    if (!byPeriod) totals.set(cell.unitId, (byPeriod = new Map()));
    const item: AggregateItem = { value: cell.value, order: cell.period };
    for (const code of coarseCodes) {
      let acc = byPeriod.get(code);
      if (!acc) byPeriod.set(code, (acc = createAccumulator()));
      addToAccumulator(acc, item);
    }
  }
  const expectedOf = new Map<string, number>();
  const cells: RollupCell[] = [];
  for (const [unitId, byPeriod] of totals) {
    for (const [code, acc] of byPeriod) {
      // Never null: every accumulator holds at least one native value.
      const value = readAccumulator(acc, timeAggregation)!;
      let expected = expectedOf.get(code);
      if (expected === undefined) {
        expected = countNativePeriods(parsePeriod(code)!, nativeType);
        expectedOf.set(code, expected);
      }
      cells.push({ unitId, period: code, value, coverage: acc.count / expected, reported: false });
    }
  }
  return cells;
}

/**
 * Rolls one indicator up the hierarchy, then over time.
 *
 * Hierarchy, per native period, deepest units first: a unit's reported value stands (coverage 1);
 * otherwise it aggregates the cells of its children that are valid in the period, with coverage
 * = children with a cell / valid children. Over time, per unit: each coarser period
 * (containingPeriods) aggregates the unit's native cells by timeAggregation, with coverage =
 * native cells / countNativePeriods. Returns native and coarse cells, in no particular order.
 *
 * Values of units not in `units` are ignored. Throws an Error on a value whose period is not of
 * `periodType`, two values for one unit and period, a cycle in the hierarchy, or weighted_mean
 * without weightOf.
 */
export function rollupIndicator(input: RollupInput): RollupCell[] {
  const hierarchy = buildHierarchy(input.units);
  const unitIds = new Set(input.units.map((unit) => unit.id));
  const { byPeriod, periodByCode } = indexValues(input.values, input.periodType, unitIds);
  const weighted = input.aggregation === 'weighted_mean';
  if (weighted && !input.weightOf) throw new Error('weighted_mean needs weightOf');
  const step: HierarchyStep = {
    hierarchy,
    aggregation: input.aggregation,
    weightOf: weighted ? input.weightOf : undefined,
  };
  const nativeCells: RollupCell[] = [];
  for (const [code, reported] of byPeriod) {
    for (const cell of rollUpPeriod(periodByCode.get(code)!, reported, step)) nativeCells.push(cell);
  }
  return [...nativeCells, ...rollUpOverTime(nativeCells, input.periodType, input.timeAggregation)];
}

// ---------------------------------------------------------------------------------------------
// Derived indicators
// ---------------------------------------------------------------------------------------------

function cellKey(unitId: number, period: string): string {
  return `${unitId}|${period}`;
}

/**
 * Cells of a derived indicator from the rolled-up cells of its inputs (indicator code → cells):
 * for every (unit, period) where every referenced input has a cell, value = the formula,
 * coverage = the smallest input coverage. Cells where the formula gives null (division by zero)
 * are left out. This is how ratios are recomputed from rolled-up parts instead of being averaged.
 */
export function deriveCells(
  formula: Formula,
  inputs: ReadonlyMap<string, readonly RollupCell[]>,
): RollupCell[] {
  const [firstRef, ...otherRefs] = formula.refs;
  // Without refs there is no (unit, period) to compute for.
  if (firstRef === undefined) return [];
  const firstCells = inputs.get(firstRef) ?? [];
  const indexes = new Map<string, Map<string, RollupCell>>();
  for (const code of otherRefs) {
    indexes.set(
      code,
      new Map((inputs.get(code) ?? []).map((cell) => [cellKey(cell.unitId, cell.period), cell])),
    );
  }
  const derived: RollupCell[] = [];
  for (const first of firstCells) {
    const key = cellKey(first.unitId, first.period);
    const cellsHere = new Map([[firstRef, first]]);
    for (const [code, index] of indexes) {
      const cell = index.get(key);
      if (cell) cellsHere.set(code, cell);
    }
    if (cellsHere.size < formula.refs.length) continue;
    const value = formula.evaluate((code) => cellsHere.get(code)?.value ?? null);
    if (value === null) continue;
    const coverage = Math.min(...[...cellsHere.values()].map((cell) => cell.coverage));
    derived.push({ unitId: first.unitId, period: first.period, value, coverage, reported: false });
  }
  return derived;
}
