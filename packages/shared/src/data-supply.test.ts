import { describe, expect, it } from 'vitest';
import {
  checkRules,
  compileRules,
  computeDeadline,
  periodContaining,
  periodsDueBetween,
  robustZScore,
  type ValidationRule,
} from './data-supply';

describe('computeDeadline', () => {
  it('puts a daily deadline on the same day at 17:00 Vietnam time', () => {
    expect(computeDeadline('2024-03-15', { daysAfterEnd: 0, time: '17:00' }).toISOString()).toBe(
      '2024-03-15T10:00:00.000Z',
    );
  });
  it('puts a monthly deadline on day 5 of the next month, across a year end and a leap February', () => {
    const rule = { daysAfterEnd: 5, time: '17:00' };
    expect(computeDeadline('2024-12', rule).toISOString()).toBe('2025-01-05T10:00:00.000Z');
    expect(computeDeadline('2024-02', rule).toISOString()).toBe('2024-03-05T10:00:00.000Z');
    expect(computeDeadline('2023-02', rule).toISOString()).toBe('2023-03-05T10:00:00.000Z');
  });
  it('handles quarters, years and an early-morning time that is the previous UTC day', () => {
    expect(computeDeadline('2024-Q1', { daysAfterEnd: 15, time: '17:00' }).toISOString()).toBe(
      '2024-04-15T10:00:00.000Z',
    );
    expect(computeDeadline('2024', { daysAfterEnd: 31, time: '05:30' }).toISOString()).toBe(
      '2025-01-30T22:30:00.000Z',
    );
  });
  it('refuses an invalid period', () => {
    expect(() => computeDeadline('2024-13', { daysAfterEnd: 0, time: '17:00' })).toThrow(RangeError);
  });
});

describe('periodContaining', () => {
  it('uses the Vietnam calendar day (UTC+7)', () => {
    const lateEvening = new Date('2024-03-31T18:00:00Z'); // 01:00 on 1 April in Vietnam
    expect(periodContaining('day', lateEvening)).toBe('2024-04-01');
    expect(periodContaining('month', lateEvening)).toBe('2024-04');
    expect(periodContaining('quarter', lateEvening)).toBe('2024-Q2');
    expect(periodContaining('year', lateEvening)).toBe('2024');
  });
});

describe('periodsDueBetween', () => {
  it('lists the months whose deadline falls in the window', () => {
    const rule = { daysAfterEnd: 5, time: '17:00' };
    expect(
      periodsDueBetween('month', rule, new Date('2024-01-01T00:00:00Z'), new Date('2024-04-05T09:00:00Z')),
    ).toEqual(['2023-12', '2024-01', '2024-02']);
    expect(
      periodsDueBetween('month', rule, new Date('2024-01-01T00:00:00Z'), new Date('2024-04-05T10:00:00Z')),
    ).toEqual(['2023-12', '2024-01', '2024-02', '2024-03']);
  });
});

describe('checkRules', () => {
  const rules = compileRules([
    { kind: 'required', indicator: 'TONG' },
    { kind: 'range', indicator: 'TONG', min: 0, max: 1000 },
    { kind: 'relation', left: 'NAM + NU', operator: '=', right: 'TONG' },
    { kind: 'relation', left: 'DUNG_HAN', operator: '<=', right: 'TONG' },
    { kind: 'outlier', indicator: 'TONG', periods: 12, threshold: 3.5 },
  ] satisfies ValidationRule[]);
  const check = (values: Record<string, number | null>, history: number[] = []) =>
    checkRules(rules, new Map(Object.entries(values)), () => history).map((f) => [f.severity, f.code]);

  it('passes consistent values', () => {
    expect(check({ TONG: 10, NAM: 4, NU: 6, DUNG_HAN: 9 })).toEqual([]);
  });
  it('finds a missing required value and skips relations that need it', () => {
    expect(check({ NAM: 4, NU: 6 })).toEqual([['error', 'REQUIRED']]);
  });
  it('finds values out of range and broken relations, with Vietnamese reasons', () => {
    expect(check({ TONG: -1, NAM: 4, NU: 6, DUNG_HAN: 9 })).toEqual([
      ['error', 'BELOW_MIN'],
      ['error', 'RELATION'],
      ['error', 'RELATION'],
    ]);
    const [finding] = checkRules(rules, new Map(Object.entries({ TONG: 11, NAM: 4, NU: 6 })));
    expect(finding?.message).toBe('Không thỏa điều kiện NAM + NU = TONG (10 so với 11).');
  });
  it('flags (does not reject) a value far from the unit history', () => {
    const history = [100, 104, 98, 101, 99, 103, 97, 102];
    expect(check({ TONG: 101 }, history)).toEqual([]);
    expect(check({ TONG: 400 }, history)).toEqual([['warning', 'OUTLIER']]);
  });
});

describe('robustZScore', () => {
  it('is null with too little history and scaled by the MAD otherwise', () => {
    expect(robustZScore(5, [1, 2, 3])).toBeNull();
    // median 3, MAD 1 → 0.6745 * (5 - 3) / 1
    expect(robustZScore(5, [1, 2, 3, 4, 5])).toBeCloseTo(1.349, 3);
    expect(robustZScore(7, [7, 7, 7, 7])).toBe(0);
    expect(robustZScore(8, [7, 7, 7, 7])).toBe(Infinity);
  });
});
