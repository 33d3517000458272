import { describe, expect, it } from 'vitest';
import { parseFormula } from './formula';
import { listPeriods } from './periods';
import {
  aggregateValues,
  deriveCells,
  rollupIndicator,
  type RawValue,
  type RollupCell,
  type RollupInput,
  type RollupUnit,
} from './rollup';

function unit(
  id: number,
  parentId: number | null,
  validFrom: string | null = null,
  validTo: string | null = null,
): RollupUnit {
  return { id, parentId, validFrom, validTo };
}

function indexCells(cells: readonly RollupCell[]): Map<string, RollupCell> {
  const index = new Map<string, RollupCell>();
  for (const cell of cells) {
    const key = `${cell.unitId}|${cell.period}`;
    if (index.has(key)) throw new Error(`duplicate cell ${key}`);
    index.set(key, cell);
  }
  return index;
}

function cellOf(cells: readonly RollupCell[], unitId: number, period: string): RollupCell | undefined {
  return indexCells(cells).get(`${unitId}|${period}`);
}

function rollup(overrides: Partial<RollupInput> & Pick<RollupInput, 'units' | 'values'>): RollupCell[] {
  return rollupIndicator({ periodType: 'month', aggregation: 'sum', timeAggregation: 'sum', ...overrides });
}

describe('aggregateValues', () => {
  const items = [{ value: 1 }, { value: 2 }, { value: null }, { value: 4 }];

  it('sums, averages and takes extremes of the non-null values', () => {
    expect(aggregateValues('sum', items)).toBe(7);
    expect(aggregateValues('mean', items)).toBeCloseTo(7 / 3, 12);
    expect(aggregateValues('min', items)).toBe(1);
    expect(aggregateValues('max', items)).toBe(4);
    expect(aggregateValues('min', [{ value: 2 }, { value: -3 }])).toBe(-3);
  });

  it('is null when no value is present', () => {
    for (const rule of ['sum', 'mean', 'weighted_mean', 'min', 'max', 'last'] as const) {
      expect(aggregateValues(rule, [])).toBeNull();
      expect(aggregateValues(rule, [{ value: null, weight: 1, order: 'x' }])).toBeNull();
    }
  });

  it('keeps a genuine zero', () => {
    expect(aggregateValues('sum', [{ value: 0 }])).toBe(0);
    expect(aggregateValues('max', [{ value: 0 }, { value: -1 }])).toBe(0);
  });

  it('weights a mean, ignoring null and zero weights: (10×1 + 20×3) / 4 = 17.5', () => {
    expect(
      aggregateValues('weighted_mean', [
        { value: 10, weight: 1 },
        { value: 20, weight: 3 },
        { value: 100, weight: 0 },
        { value: 50, weight: null },
        { value: 70 },
        { value: null, weight: 5 },
      ]),
    ).toBe(17.5);
  });

  it('gives a null weighted mean when the total weight is 0', () => {
    expect(aggregateValues('weighted_mean', [{ value: 10, weight: 0 }, { value: 20 }])).toBeNull();
  });

  it('takes the last value by order, ignoring nulls', () => {
    expect(
      aggregateValues('last', [
        { value: 5, order: '2024-03' },
        { value: 7, order: '2024-01' },
        { value: null, order: '2024-04' },
      ]),
    ).toBe(5);
  });

  it('takes the last item of the list when there is no order', () => {
    expect(aggregateValues('last', [{ value: 1 }, { value: 2 }])).toBe(2);
  });
});

describe('rollupIndicator over the hierarchy', () => {
  // Province 1 → districts 10, 20 → communes 101, 102 (of 10) and 201, 202, 203 (of 20).
  const units = [
    unit(1, null),
    unit(10, 1),
    unit(20, 1),
    unit(101, 10),
    unit(102, 10),
    unit(201, 20),
    unit(202, 20),
    unit(203, 20),
  ];
  const values: RawValue[] = [
    { unitId: 101, period: '2024-01', value: 5 },
    { unitId: 102, period: '2024-01', value: 7 },
    { unitId: 201, period: '2024-01', value: 1 },
    { unitId: 202, period: '2024-01', value: 2 },
  ];

  it('sums children with coverage = children with a value / valid children', () => {
    const cells = rollup({ units, values });
    expect(cellOf(cells, 101, '2024-01')).toEqual({
      unitId: 101,
      period: '2024-01',
      value: 5,
      coverage: 1,
      reported: true,
    });
    expect(cellOf(cells, 10, '2024-01')).toEqual({
      unitId: 10,
      period: '2024-01',
      value: 12,
      coverage: 1,
      reported: false,
    });
    expect(cellOf(cells, 20, '2024-01')).toMatchObject({ value: 3, coverage: 2 / 3, reported: false });
    // Both districts have a cell, so the province is fully covered at its own level.
    expect(cellOf(cells, 1, '2024-01')).toMatchObject({ value: 15, coverage: 1, reported: false });
    expect(cellOf(cells, 203, '2024-01')).toBeUndefined();
  });

  it('keeps a value reported for a parent over the sum of its children', () => {
    const cells = rollup({ units, values: [...values, { unitId: 10, period: '2024-01', value: 100 }] });
    expect(cellOf(cells, 10, '2024-01')).toMatchObject({ value: 100, coverage: 1, reported: true });
    expect(cellOf(cells, 1, '2024-01')?.value).toBe(103);
  });

  it('does not expect children outside their validity interval', () => {
    const reformed = units.map((u) => (u.id === 203 ? unit(203, 20, null, '2023-12-31') : u));
    expect(cellOf(rollup({ units: reformed, values }), 20, '2024-01')?.coverage).toBe(1);
    const created = units.map((u) => (u.id === 203 ? unit(203, 20, '2024-01-15') : u));
    expect(cellOf(rollup({ units: created, values }), 20, '2024-01')?.coverage).toBe(1);
  });

  it('ignores the value of a child outside its validity interval', () => {
    const reformed = units.map((u) => (u.id === 202 ? unit(202, 20, '2024-02-01') : u));
    expect(cellOf(rollup({ units: reformed, values }), 20, '2024-01')).toMatchObject({
      value: 1,
      coverage: 1 / 2,
    });
  });

  it('counts a child without any cell against the parent coverage', () => {
    const withEmptyDistrict = [...units, unit(30, 1), unit(301, 30)];
    expect(cellOf(rollup({ units: withEmptyDistrict, values }), 1, '2024-01')).toMatchObject({
      value: 15,
      coverage: 2 / 3,
    });
    expect(cellOf(rollup({ units: withEmptyDistrict, values }), 30, '2024-01')).toBeUndefined();
  });

  it('averages the children cells for mean', () => {
    const cells = rollup({ units, values, aggregation: 'mean' });
    expect(cellOf(cells, 10, '2024-01')?.value).toBe(6); // (5 + 7) / 2
    expect(cellOf(cells, 20, '2024-01')?.value).toBe(1.5); // (1 + 2) / 2
    expect(cellOf(cells, 1, '2024-01')?.value).toBe(3.75);
  });

  it('takes min and max of the children cells', () => {
    expect(cellOf(rollup({ units, values, aggregation: 'min' }), 1, '2024-01')?.value).toBe(1);
    expect(cellOf(rollup({ units, values, aggregation: 'max' }), 1, '2024-01')?.value).toBe(7);
  });

  it('weights each child by weightOf(child, period)', () => {
    const weights = new Map([
      [101, 1],
      [102, 1],
      [201, 1],
      [202, 3],
      [10, 1000],
      [20, 3000],
    ]);
    const asked: string[] = [];
    const cells = rollup({
      units,
      values,
      aggregation: 'weighted_mean',
      weightOf: (unitId, period) => {
        asked.push(`${unitId}|${period}`);
        return weights.get(unitId) ?? null;
      },
    });
    expect(cellOf(cells, 10, '2024-01')?.value).toBe(6); // (5 + 7) / 2
    expect(cellOf(cells, 20, '2024-01')?.value).toBe(1.75); // (1×1 + 2×3) / 4
    expect(cellOf(cells, 1, '2024-01')?.value).toBe(2.8125); // (6×1000 + 1.75×3000) / 4000
    expect(asked).toContain('20|2024-01');
  });

  it('asks for weights only for weighted_mean', () => {
    let asked = 0;
    rollup({ units, values, weightOf: () => ++asked });
    expect(asked).toBe(0);
  });

  it('leaves a parent without a cell when no child has a weight', () => {
    const cells = rollup({ units, values, aggregation: 'weighted_mean', weightOf: () => null });
    expect(cellOf(cells, 10, '2024-01')).toBeUndefined();
    expect(cellOf(cells, 101, '2024-01')?.value).toBe(5);
  });

  it('handles any depth, whatever the order of the unit list', () => {
    const chain = [unit(1, null), unit(2, 1), unit(3, 2), unit(4, 3), unit(5, 4)];
    const cells = rollup({ units: chain, values: [{ unitId: 5, period: '2024-01', value: 9 }] });
    for (const id of [1, 2, 3, 4])
      expect(cellOf(cells, id, '2024-01')).toMatchObject({ value: 9, coverage: 1 });
    const shuffled = rollup({
      units: [chain[2]!, chain[0]!, chain[4]!, chain[1]!, chain[3]!],
      values: [{ unitId: 5, period: '2024-01', value: 9 }],
    });
    expect(cellOf(shuffled, 1, '2024-01')?.value).toBe(9);
  });

  it('treats a unit whose parent is not listed as a root, and ignores values of unlisted units', () => {
    const cells = rollup({
      units: [unit(10, 1), unit(101, 10)],
      values: [
        { unitId: 101, period: '2024-01', value: 4 },
        { unitId: 999, period: '2024-01', value: 1 },
      ],
    });
    expect(
      cells
        .filter((cell) => cell.period === '2024-01')
        .map((cell) => cell.unitId)
        .sort(),
    ).toEqual([10, 101]);
  });

  it('canonicalises period aliases', () => {
    const cells = rollup({
      units: [unit(1, null)],
      values: [{ unitId: 1, period: '2024-6m', value: 3 }],
      periodType: 'ytd',
    });
    expect(cells).toEqual([{ unitId: 1, period: '2024-YTD06', value: 3, coverage: 1, reported: true }]);
  });

  it('throws on a period of another type, a duplicate value or a cycle', () => {
    expect(() => rollup({ units, values: [{ unitId: 101, period: '2024-Q1', value: 1 }] })).toThrow(
      /not a month period/,
    );
    expect(() => rollup({ units, values: [{ unitId: 101, period: 'x', value: 1 }] })).toThrow(
      /not a month period/,
    );
    expect(() =>
      rollup({
        units,
        values: [
          { unitId: 101, period: '2024-01', value: 1 },
          { unitId: 101, period: '2024-01', value: 2 },
        ],
      }),
    ).toThrow(/Two values/);
    expect(() => rollup({ units: [unit(1, 2), unit(2, 1)], values: [] })).toThrow(/cycle/);
    expect(() => rollup({ units: [unit(1, 1)], values: [] })).toThrow(/cycle/);
    expect(() => rollup({ units, values, aggregation: 'weighted_mean' })).toThrow(/weightOf/);
  });

  it('returns nothing for no values', () => {
    expect(rollup({ units, values: [] })).toEqual([]);
  });
});

describe('rollupIndicator over time', () => {
  const single = [unit(1, null)];
  const monthly: RawValue[] = [
    { unitId: 1, period: '2024-01', value: 5 },
    { unitId: 1, period: '2024-02', value: 7 },
    { unitId: 1, period: '2024-04', value: 1 },
  ];

  it('sums months into quarters, YTDs and the year, with coverage against the expected months', () => {
    const cells = indexCells(rollup({ units: single, values: monthly }));
    expect(cells.get('1|2024-Q1')).toEqual({
      unitId: 1,
      period: '2024-Q1',
      value: 12,
      coverage: 2 / 3,
      reported: false,
    });
    expect(cells.get('1|2024-Q2')).toMatchObject({ value: 1, coverage: 1 / 3 });
    expect(cells.get('1|2024-YTD01')).toMatchObject({ value: 5, coverage: 1 });
    expect(cells.get('1|2024-YTD02')).toMatchObject({ value: 12, coverage: 1 });
    expect(cells.get('1|2024-YTD03')).toMatchObject({ value: 12, coverage: 2 / 3 });
    expect(cells.get('1|2024-YTD04')).toMatchObject({ value: 13, coverage: 3 / 4 });
    expect(cells.get('1|2024-YTD12')).toMatchObject({ value: 13, coverage: 3 / 12 });
    expect(cells.get('1|2024')).toMatchObject({ value: 13, coverage: 3 / 12 });
    expect(cells.has('1|2024-Q3')).toBe(false);
    // 3 native + Q1, Q2 + YTD01…12 + year
    expect(cells.size).toBe(3 + 2 + 12 + 1);
  });

  it('applies mean, min, max, last and first over the unit’s native cells', () => {
    const at = (timeAggregation: RollupInput['timeAggregation'], period: string) =>
      cellOf(rollup({ units: single, values: monthly, timeAggregation }), 1, period)?.value;
    expect(at('mean', '2024-Q1')).toBe(6);
    expect(at('mean', '2024')).toBeCloseTo(13 / 3, 12);
    expect(at('min', '2024')).toBe(1);
    expect(at('max', '2024')).toBe(7);
    expect(at('last', '2024-Q1')).toBe(7);
    expect(at('last', '2024')).toBe(1);
    expect(at('last', '2024-YTD03')).toBe(7);
    // first: an opening stock, the value of the earliest month with one.
    expect(at('first', '2024-Q1')).toBe(5);
    expect(at('first', '2024-Q2')).toBe(1);
    expect(at('first', '2024-YTD04')).toBe(5);
    expect(at('first', '2024')).toBe(5);
  });

  it('rolls up parents over time from their own rolled-up native cells', () => {
    const units = [unit(1, null), unit(2, 1), unit(3, 1)];
    const values: RawValue[] = [
      { unitId: 2, period: '2024-01', value: 1 },
      { unitId: 3, period: '2024-01', value: 2 },
      { unitId: 2, period: '2024-02', value: 4 },
    ];
    const cells = indexCells(rollup({ units, values }));
    expect(cells.get('1|2024-02')).toMatchObject({ value: 4, coverage: 1 / 2 });
    expect(cells.get('1|2024-Q1')).toMatchObject({ value: 7, coverage: 2 / 3, reported: false });
  });

  it('measures daily coverage in days: 10 days of February 2024 = 10/29', () => {
    const values = listPeriods('day', '2024-02-01', '2024-02-10').map((period) => ({
      unitId: 1,
      period,
      value: 2,
    }));
    const cells = indexCells(rollup({ units: single, values, periodType: 'day' }));
    expect(cells.get('1|2024-02')).toMatchObject({ value: 20, coverage: 10 / 29 });
    expect(cells.get('1|2024-Q1')).toMatchObject({ value: 20, coverage: 10 / 91 });
    expect(cells.get('1|2024-YTD02')).toMatchObject({ value: 20, coverage: 10 / 60 });
    expect(cells.get('1|2024')).toMatchObject({ value: 20, coverage: 10 / 366 });
    expect(cells.has('1|2024-YTD01')).toBe(false);
  });

  it('puts weeks into their ISO year only', () => {
    const values: RawValue[] = [
      { unitId: 1, period: '2020-W53', value: 3 },
      { unitId: 1, period: '2021-W01', value: 4 },
    ];
    const cells = indexCells(rollup({ units: single, values, periodType: 'week' }));
    expect(cells.get('1|2020')).toMatchObject({ value: 3, coverage: 1 / 53 });
    expect(cells.get('1|2021')).toMatchObject({ value: 4, coverage: 1 / 52 });
    expect(cells.size).toBe(4);
  });

  it('rolls quarters into the YTDs they complete', () => {
    const values: RawValue[] = [
      { unitId: 1, period: '2024-Q1', value: 10 },
      { unitId: 1, period: '2024-Q2', value: 20 },
    ];
    const cells = indexCells(rollup({ units: single, values, periodType: 'quarter' }));
    expect(cells.get('1|2024-YTD03')).toMatchObject({ value: 10, coverage: 1 });
    expect(cells.get('1|2024-YTD05')).toMatchObject({ value: 10, coverage: 1 });
    expect(cells.get('1|2024-YTD06')).toMatchObject({ value: 30, coverage: 1 });
    expect(cells.get('1|2024-YTD09')).toMatchObject({ value: 30, coverage: 2 / 3 });
    expect(cells.get('1|2024')).toMatchObject({ value: 30, coverage: 2 / 4 });
    expect(cells.has('1|2024-YTD02')).toBe(false);
  });

  it('adds nothing over time for yearly indicators', () => {
    expect(
      rollup({ units: single, values: [{ unitId: 1, period: '2024', value: 1 }], periodType: 'year' }),
    ).toHaveLength(1);
  });
});

describe('rollupIndicator performance', () => {
  // Its speed is measured by `npm run bench`, not here.
  it('rolls up 111 communes × 1,300 days through 11 districts and the province', () => {
    // Bình Phước before 2025: communes per district.
    const communesPerDistrict = [7, 8, 6, 8, 16, 7, 13, 11, 16, 9, 10];
    const units: RollupUnit[] = [unit(1, null)];
    const communeIds: number[] = [];
    communesPerDistrict.forEach((count, d) => {
      const districtId = 100 + d;
      units.push(unit(districtId, 1));
      for (let c = 0; c < count; c++) {
        const communeId = districtId * 100 + c;
        units.push(unit(communeId, districtId));
        communeIds.push(communeId);
      }
    });
    const days = listPeriods('day', '2022-01-01', '2025-07-23');
    expect(units).toHaveLength(123);
    expect(days).toHaveLength(1300);
    const values: RawValue[] = [];
    for (const period of days) for (const unitId of communeIds) values.push({ unitId, period, value: 1 });

    const cells = rollupIndicator({
      units,
      values,
      periodType: 'day',
      aggregation: 'sum',
      timeAggregation: 'sum',
    });
    const index = indexCells(cells);
    expect(index.get('1|2024-02-29')).toMatchObject({ value: 111, coverage: 1 });
    expect(index.get('104|2024')).toMatchObject({ value: 16 * 366, coverage: 1 });
    expect(index.get('1|2025-YTD07')).toMatchObject({ value: 111 * 204, coverage: 204 / 212 });
    // 123 units × (1,300 days + 3 full years × 29 + 2025: 7 months, 3 quarters, 12 YTDs, 1 year)
    expect(cells).toHaveLength(123 * (1300 + 3 * 29 + 23));
  });
});

describe('deriveCells', () => {
  const units = [unit(1, null), unit(10, 1), unit(20, 1)];
  const rollUp = (values: Array<[number, number]>) =>
    rollup({ units, values: values.map(([unitId, value]) => ({ unitId, period: '2024-01', value })) });

  it('recomputes a ratio from rolled-up parts: 100/120 = 83.33 %, not the mean of 50 % and 90 %', () => {
    const inputs = new Map([
      [
        'NUM',
        rollUp([
          [10, 10],
          [20, 90],
        ]),
      ],
      [
        'DEN',
        rollUp([
          [10, 20],
          [20, 100],
        ]),
      ],
    ]);
    const cells = indexCells(deriveCells(parseFormula('100 * NUM / DEN'), inputs));
    expect(cells.get('1|2024-01')?.value).toBeCloseTo(83.3333, 4);
    expect(cells.get('10|2024-01')?.value).toBe(50);
    expect(cells.get('20|2024-01')?.value).toBe(90);
    expect(cells.get('1|2024')?.value).toBeCloseTo(83.3333, 4);
    expect(cells.get('1|2024-01')).toMatchObject({
      unitId: 1,
      period: '2024-01',
      coverage: 1,
      reported: false,
    });
  });

  it('needs every input and takes the smallest coverage', () => {
    const inputs = new Map([
      [
        'NUM',
        rollUp([
          [10, 10],
          [20, 90],
        ]),
      ],
      ['DEN', rollUp([[10, 20]])],
    ]);
    const cells = indexCells(deriveCells(parseFormula('100 * NUM / DEN'), inputs));
    expect(cells.has('20|2024-01')).toBe(false);
    // The province denominator covers one district of two: 100 × 100 / 20, flagged by coverage.
    expect(cells.get('1|2024-01')).toMatchObject({ value: 500, coverage: 0.5 });
  });

  it('skips cells where the formula gives null (division by zero)', () => {
    const inputs = new Map([
      [
        'NUM',
        rollUp([
          [10, 1],
          [20, 1],
        ]),
      ],
      [
        'DEN',
        rollUp([
          [10, 0],
          [20, 4],
        ]),
      ],
    ]);
    const cells = indexCells(deriveCells(parseFormula('NUM / DEN'), inputs));
    expect(cells.has('10|2024-01')).toBe(false);
    expect(cells.get('20|2024-01')?.value).toBe(0.25);
  });

  it('returns nothing when an input is missing or the formula has no refs', () => {
    const inputs = new Map([['NUM', rollUp([[10, 1]])]]);
    expect(deriveCells(parseFormula('NUM / DEN'), inputs)).toEqual([]);
    expect(deriveCells(parseFormula('DEN / NUM'), inputs)).toEqual([]);
    expect(deriveCells(parseFormula('1 + 2'), inputs)).toEqual([]);
  });

  it('works with a single input', () => {
    const inputs = new Map([['A', rollUp([[10, 3]])]]);
    expect(
      deriveCells(parseFormula('-A * 2'), inputs).find(
        (cell) => cell.unitId === 10 && cell.period === '2024-01',
      )?.value,
    ).toBe(-6);
  });
});
