import type { Period, PeriodType } from '@ioc/shared';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The period an overview shows an indicator for, given the month the leader picked: year to date
 * (lũy kế) for daily and monthly figures, the last complete quarter's YTD for quarterly ones, the
 * ISO year so far for weekly ones, and the last complete year for yearly ones.
 */
export function overviewPeriodFor(nativeType: PeriodType, month: Period): string {
  const { year, index: m } = month;
  switch (nativeType) {
    case 'day':
    case 'month':
    case 'ytd':
      return `${year}-YTD${pad(m)}`;
    case 'week':
      return `${year}`;
    case 'quarter':
      return m >= 3 ? `${year}-YTD${pad(3 * Math.floor(m / 3))}` : `${year - 1}`;
    case 'year':
      return m === 12 ? `${year}` : `${year - 1}`;
  }
}
