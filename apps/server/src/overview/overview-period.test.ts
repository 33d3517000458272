import { parsePeriod } from '@ioc/shared';
import { describe, expect, it } from 'vitest';
import { overviewPeriodFor } from './overview-period.js';

describe('overviewPeriodFor', () => {
  const june = parsePeriod('2025-06')!;
  const february = parsePeriod('2025-02')!;
  const december = parsePeriod('2024-12')!;

  it('reads daily and monthly figures year to date', () => {
    expect(overviewPeriodFor('month', june)).toBe('2025-YTD06');
    expect(overviewPeriodFor('day', february)).toBe('2025-YTD02');
  });

  it('reads quarterly figures to the last complete quarter, or last year before the first', () => {
    expect(overviewPeriodFor('quarter', june)).toBe('2025-YTD06');
    expect(overviewPeriodFor('quarter', parsePeriod('2025-05')!)).toBe('2025-YTD03');
    expect(overviewPeriodFor('quarter', february)).toBe('2024');
  });

  it('reads yearly figures for the last complete year, weekly ones for the year so far', () => {
    expect(overviewPeriodFor('year', june)).toBe('2024');
    expect(overviewPeriodFor('year', december)).toBe('2024');
    expect(overviewPeriodFor('week', june)).toBe('2025');
  });
});
