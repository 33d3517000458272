import { describe, expect, it } from 'vitest';
import {
  BUDGET_ITEMS,
  changePercent,
  dayOfYear,
  figureWindows,
  forecastYearEnd,
  isIsoDate,
  percentOf,
  sameDayLastYear,
  targetOnDate,
} from './finance';

describe('figure windows', () => {
  it('gives the day, month to date, year to date and the same period last year', () => {
    expect(figureWindows('2025-06-15')).toEqual({
      day: { from: '2025-06-15', to: '2025-06-15' },
      month: { from: '2025-06-01', to: '2025-06-15' },
      ytd: { from: '2025-01-01', to: '2025-06-15' },
      lastYearYtd: { from: '2024-01-01', to: '2024-06-15' },
    });
  });

  it('compares 29 February with 28 February of the year before', () => {
    expect(sameDayLastYear('2024-02-29')).toBe('2023-02-28');
    expect(figureWindows('2024-02-29').lastYearYtd).toEqual({ from: '2023-01-01', to: '2023-02-28' });
  });

  it('counts days of the year and checks calendar dates', () => {
    expect(dayOfYear('2025-01-01')).toBe(1);
    expect(dayOfYear('2025-06-30')).toBe(181);
    expect(dayOfYear('2024-12-31')).toBe(366);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('29/02/2024')).toBe(false);
  });
});

describe('ratios', () => {
  it('takes a share of an estimate only when there is one', () => {
    expect(percentOf(25, 200)).toBe(12.5);
    expect(percentOf(25, 0)).toBeNull();
    expect(percentOf(25, null)).toBeNull();
  });

  it('compares with the same period last year', () => {
    expect(changePercent(110, 100)).toBeCloseTo(10, 10);
    expect(changePercent(90, 100)).toBeCloseTo(-10, 10);
    expect(changePercent(5, 0)).toBeNull();
  });

  it('lists unique item codes of both kinds', () => {
    const codes = BUDGET_ITEMS.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(BUDGET_ITEMS.some((i) => i.kind === 'revenue' && i.code === 'TIEN_SDD')).toBe(true);
    expect(BUDGET_ITEMS.some((i) => i.kind === 'expenditure' && i.group === 'thuong_xuyen')).toBe(true);
  });
});

describe('target path', () => {
  // 30/6 ≥ 40 %, 30/9 ≥ 65 %, 31/12 ≥ 95 % (the order of the points does not matter).
  const path = [
    { day: '09-30', percent: 65 },
    { day: '06-30', percent: 40 },
    { day: '12-31', percent: 95 },
  ];

  it('meets each point on its day', () => {
    expect(targetOnDate(path, '2025-06-30')).toBe(40);
    expect(targetOnDate(path, '2025-09-30')).toBe(65);
    expect(targetOnDate(path, '2025-12-31')).toBe(95);
  });

  it('runs linearly from 0 % at the start of the year and between points', () => {
    // 31 March is day 90 of 181 up to 30 June.
    expect(targetOnDate(path, '2025-03-31')).toBeCloseTo((40 * 90) / 181, 10);
    // 15 August is day 227: 46 of the 92 days from 30 June (181) to 30 September (273).
    expect(targetOnDate(path, '2025-08-15')).toBeCloseTo(52.5, 10);
  });

  it('stays at the last point after it', () => {
    expect(targetOnDate([{ day: '06-30', percent: 40 }], '2025-11-01')).toBe(40);
  });
});

describe('year-end forecast', () => {
  it('scales this year by each past year’s share reached by the same day', () => {
    // 300 of 1000 disbursed; past years had reached 30 %, 40 % and 50 % of their year-end total:
    // year-end totals 1000, 750 and 600, i.e. 100 %, 75 % and 60 % of the plan.
    expect(forecastYearEnd({ disbursed: 300, plan: 1000, pastShares: [0.4, 0.3, 0.5] })).toEqual({
      central: 75,
      low: 60,
      high: 100,
      years: 3,
    });
  });

  it('caps the rate at the plan and takes the middle of an even number of years', () => {
    const forecast = forecastYearEnd({ disbursed: 300, plan: 1000, pastShares: [0.25, 0.5] });
    // 1200 → capped at 100 %; 600 → 60 %; median of the two is 80 %.
    expect(forecast).toEqual({ central: 80, low: 60, high: 100, years: 2 });
  });

  it('gives no forecast without a plan or a past year', () => {
    expect(forecastYearEnd({ disbursed: 300, plan: 0, pastShares: [0.5] })).toBeNull();
    expect(forecastYearEnd({ disbursed: 300, plan: 1000, pastShares: [0] })).toBeNull();
  });
});
