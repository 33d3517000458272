import { describe, expect, it } from 'vitest';
import { effectivePeriod, monthOf, monthsBefore, periodChoices } from './periodMath';

describe('effectivePeriod', () => {
  it('keeps the picked period for figures that add up to it', () => {
    expect(effectivePeriod('2025-06', 'month')).toBe('2025-06');
    expect(effectivePeriod('2025-Q2', 'day')).toBe('2025-Q2');
  });

  it('falls back to the last complete quarter or year ending inside the picked period', () => {
    expect(effectivePeriod('2025-06', 'quarter')).toBe('2025-Q2');
    expect(effectivePeriod('2025-05', 'quarter')).toBe('2025-Q1');
    expect(effectivePeriod('2025-02', 'quarter')).toBe('2024-Q4');
    expect(effectivePeriod('2025-YTD05', 'quarter')).toBe('2025-YTD03');
    expect(effectivePeriod('2025-06', 'year')).toBe('2024');
    expect(effectivePeriod('2024-12', 'year')).toBe('2024');
    expect(effectivePeriod('2024-Q4', 'year')).toBe('2024');
    expect(effectivePeriod('2025-06', 'week')).toBe('2025');
  });
});

describe('period choices', () => {
  it('offers months, complete quarters, year-to-date and complete years, newest first', () => {
    const [months, quarters, ytd, years] = periodChoices('2025-06', 2);
    expect(months?.codes[0]).toBe('2025-06');
    expect(months?.codes.at(-1)).toBe('2023-01');
    expect(quarters?.codes[0]).toBe('2025-Q2');
    expect(ytd?.codes[0]).toBe('2025-YTD06');
    expect(years?.codes).toEqual(['2024', '2023']);
  });

  it('reads the month a period ends in, and counts months back across a year', () => {
    expect(monthOf('2025-Q1')).toBe('2025-03');
    expect(monthOf('2024')).toBe('2024-12');
    expect(monthsBefore('2025-03', 12)).toEqual({ from: '2024-04', to: '2025-03' });
  });
});
