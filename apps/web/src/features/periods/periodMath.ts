/**
 * Which period to show an indicator for, and which periods to offer, from the period a user
 * picked. Pure functions over @ioc/shared's period codes.
 */
import { listPeriods, parsePeriod, type PeriodType } from '@ioc/shared';

const pad = (n: number) => String(n).padStart(2, '0');

/** `2025-06` of any period: the month its last day falls in. */
export function monthOf(code: string): string {
  const period = parsePeriod(code);
  return period ? period.end.slice(0, 7) : code;
}

/**
 * The period to read an indicator at when the user picked `selected`: the picked period when the
 * indicator's figures add up to it, else the latest complete period of the indicator's own type
 * that ends within it (a yearly indicator in June 2025 shows 2024; a quarterly one 2025-Q2).
 */
export function effectivePeriod(selected: string, native: PeriodType): string {
  const p = parsePeriod(selected);
  if (!p) return selected;
  const endMonth = Number(p.end.slice(5, 7));
  const endYear = Number(p.end.slice(0, 4));
  switch (native) {
    case 'day':
    case 'month':
    case 'ytd':
      return selected;
    case 'week':
      // Weeks roll up only into their ISO year.
      return p.type === 'year' ? selected : String(p.year);
    case 'quarter': {
      if (p.type === 'year' || p.type === 'quarter') return selected;
      const quarters = Math.floor(endMonth / 3);
      if (p.type === 'ytd') {
        if (quarters === 0) return String(endYear - 1);
        return `${endYear}-YTD${pad(quarters * 3)}`;
      }
      return quarters === 0 ? `${endYear - 1}-Q4` : `${endYear}-Q${quarters}`;
    }
    case 'year':
      if (p.type === 'year') return selected;
      return String(endMonth === 12 ? endYear : endYear - 1);
  }
}

export interface PeriodGroup {
  type: 'month' | 'quarter' | 'ytd' | 'year';
  codes: string[];
}

/** Periods to offer in the picker, newest first, none later than `latestMonth` (e.g. 2025-06). */
export function periodChoices(latestMonth: string, years = 3): PeriodGroup[] {
  const latest = parsePeriod(latestMonth);
  if (!latest || latest.type !== 'month') return [];
  const { year, index: month } = latest;
  const firstYear = year - years;
  const months = listPeriods('month', `${firstYear}-01`, latestMonth).reverse();
  const lastQuarter = Math.floor(month / 3);
  const quarterEnd = lastQuarter === 0 ? `${year - 1}-Q4` : `${year}-Q${lastQuarter}`;
  const quarters = listPeriods('quarter', `${firstYear}-Q1`, quarterEnd).reverse();
  const ytd: string[] = [`${year}-YTD${pad(month)}`];
  for (let y = year - 1; y >= firstYear; y--) ytd.push(`${y}-YTD09`, `${y}-YTD06`);
  const yearList: string[] = [];
  for (let y = month === 12 ? year : year - 1; y >= firstYear; y--) yearList.push(String(y));
  return [
    { type: 'month', codes: months },
    { type: 'quarter', codes: quarters },
    { type: 'ytd', codes: [...new Set(ytd)] },
    { type: 'year', codes: yearList },
  ];
}

/** The months of the year up to and including `month`, for charts of a year so far. */
export function monthsBefore(month: string, count: number): { from: string; to: string } {
  const p = parsePeriod(month);
  if (!p) return { from: month, to: month };
  const index = p.year * 12 + (p.index - 1) - (count - 1);
  return { from: `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`, to: month };
}
