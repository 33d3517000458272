import { describe, expect, it } from 'vitest';
import {
  coarserPeriodTypes,
  containingPeriods,
  countNativePeriods,
  daysInYear,
  formatPeriodLabel,
  isPeriodWithin,
  listPeriods,
  parsePeriod,
  previousPeriod,
  samePeriodLastYear,
  ytdPeriodOf,
  type Period,
} from './periods';
import { periodCodeSchema } from './catalogue';

function period(code: string): Period {
  const p = parsePeriod(code);
  if (!p) throw new Error(`test setup: bad period ${code}`);
  return p;
}

describe('parsePeriod', () => {
  it('parses a day with its day-of-year (2024 is a leap year: 31 + 29 + 15 = 75)', () => {
    expect(parsePeriod('2024-03-15')).toEqual({
      code: '2024-03-15',
      type: 'day',
      year: 2024,
      index: 75,
      start: '2024-03-15',
      end: '2024-03-15',
    });
    expect(parsePeriod('2024-12-31')?.index).toBe(366);
    expect(parsePeriod('2023-12-31')?.index).toBe(365);
  });

  it('parses an ISO week (1 Jan 2024 is a Monday, so W07 starts 42 days later)', () => {
    expect(parsePeriod('2024-W07')).toEqual({
      code: '2024-W07',
      type: 'week',
      year: 2024,
      index: 7,
      start: '2024-02-12',
      end: '2024-02-18',
    });
  });

  it('parses weeks that straddle the new year by their ISO year', () => {
    // 1 Jan 2020 is a Wednesday, so week 1 of 2020 begins on Monday 30 Dec 2019.
    expect(parsePeriod('2020-W01')).toMatchObject({ year: 2020, start: '2019-12-30', end: '2020-01-05' });
    expect(parsePeriod('2020-W53')).toMatchObject({
      year: 2020,
      index: 53,
      start: '2020-12-28',
      end: '2021-01-03',
    });
  });

  it('parses month, quarter, YTD and year spans', () => {
    expect(parsePeriod('2024-02')).toMatchObject({
      type: 'month',
      index: 2,
      start: '2024-02-01',
      end: '2024-02-29',
    });
    expect(parsePeriod('2023-02')).toMatchObject({ end: '2023-02-28' });
    expect(parsePeriod('2024-Q1')).toMatchObject({
      type: 'quarter',
      index: 1,
      start: '2024-01-01',
      end: '2024-03-31',
    });
    expect(parsePeriod('2024-Q4')).toMatchObject({ start: '2024-10-01', end: '2024-12-31' });
    expect(parsePeriod('2024-YTD05')).toMatchObject({
      type: 'ytd',
      index: 5,
      start: '2024-01-01',
      end: '2024-05-31',
    });
    expect(parsePeriod('2024')).toEqual({
      code: '2024',
      type: 'year',
      year: 2024,
      index: 1,
      start: '2024-01-01',
      end: '2024-12-31',
    });
  });

  it('maps the 6-month and 9-month aliases to canonical YTD codes', () => {
    expect(parsePeriod('2024-6M')).toMatchObject({ code: '2024-YTD06', end: '2024-06-30' });
    expect(parsePeriod('2024-9M')).toMatchObject({ code: '2024-YTD09', end: '2024-09-30' });
  });

  it('tolerates lower case and surrounding blanks', () => {
    expect(parsePeriod(' 2024-q1 ')?.code).toBe('2024-Q1');
    expect(parsePeriod('2024-w07')?.code).toBe('2024-W07');
    expect(parsePeriod('2024-ytd05')?.code).toBe('2024-YTD05');
    expect(parsePeriod('2024-6m')?.code).toBe('2024-YTD06');
  });

  it.each([
    '2023-02-29', // not a leap year
    '2024-04-31',
    '2024-01-00',
    '2024-13',
    '2024-00',
    '2024-W00',
    '2024-W53', // 2024 has 52 ISO weeks
    '2020-W54',
    '2024-Q0',
    '2024-Q5',
    '2024-YTD00',
    '2024-YTD13',
    '2024-7M',
    '2024-3',
    '2024-W7',
    '24-03',
    '2024/03',
    '2024-03-15T00:00',
    '',
    'abc',
  ])('rejects %j', (code) => {
    expect(parsePeriod(code)).toBeNull();
  });

  it('accepts 29 February of a leap year and W53 of a 53-week year', () => {
    expect(parsePeriod('2024-02-29')?.code).toBe('2024-02-29');
    expect(parsePeriod('2000-02-29')?.code).toBe('2000-02-29');
    expect(parsePeriod('1900-02-29')).toBeNull(); // divisible by 100, not by 400
    expect(parsePeriod('2015-W53')?.code).toBe('2015-W53');
    expect(parsePeriod('2026-W53')?.code).toBe('2026-W53');
  });
});

describe('periodCodeSchema', () => {
  it('returns the canonical code and rejects bad codes', () => {
    expect(periodCodeSchema.parse('2024-6m')).toBe('2024-YTD06');
    expect(periodCodeSchema.safeParse('2024-13').success).toBe(false);
  });
});

describe('containingPeriods', () => {
  it('lists month, quarter, every YTD from the month on, and the year for a day', () => {
    expect(containingPeriods(period('2024-11-30'))).toEqual([
      '2024-11',
      '2024-Q4',
      '2024-YTD11',
      '2024-YTD12',
      '2024',
    ]);
    expect(containingPeriods(period('2024-05-10'))).toHaveLength(3 + 8); // month, quarter, year + YTD05…12
  });

  it('lists quarter, YTDs and year for a month', () => {
    expect(containingPeriods(period('2024-12'))).toEqual(['2024-Q4', '2024-YTD12', '2024']);
    expect(containingPeriods(period('2024-04'))).toEqual([
      '2024-Q2',
      '2024-YTD04',
      '2024-YTD05',
      '2024-YTD06',
      '2024-YTD07',
      '2024-YTD08',
      '2024-YTD09',
      '2024-YTD10',
      '2024-YTD11',
      '2024-YTD12',
      '2024',
    ]);
  });

  it('lists the YTDs from the quarter end and the year for a quarter', () => {
    expect(containingPeriods(period('2024-Q3'))).toEqual([
      '2024-YTD09',
      '2024-YTD10',
      '2024-YTD11',
      '2024-YTD12',
      '2024',
    ]);
  });

  it('puts a week only into its ISO year', () => {
    expect(containingPeriods(period('2025-W01'))).toEqual(['2025']); // starts on 30 Dec 2024
    expect(containingPeriods(period('2020-W53'))).toEqual(['2020']); // ends on 3 Jan 2021
  });

  it('has nothing coarser for YTD and year', () => {
    expect(containingPeriods(period('2024-YTD05'))).toEqual([]);
    expect(containingPeriods(period('2024'))).toEqual([]);
  });
});

describe('coarserPeriodTypes', () => {
  it('matches the types containingPeriods produces', () => {
    expect(coarserPeriodTypes('day')).toEqual(['month', 'quarter', 'ytd', 'year']);
    expect(coarserPeriodTypes('week')).toEqual(['year']);
    expect(coarserPeriodTypes('month')).toEqual(['quarter', 'ytd', 'year']);
    expect(coarserPeriodTypes('quarter')).toEqual(['ytd', 'year']);
    expect(coarserPeriodTypes('ytd')).toEqual([]);
    expect(coarserPeriodTypes('year')).toEqual([]);
  });

  it('returns a copy the caller may change', () => {
    coarserPeriodTypes('day').pop();
    expect(coarserPeriodTypes('day')).toHaveLength(4);
  });
});

describe('countNativePeriods', () => {
  it('counts days', () => {
    expect(countNativePeriods(period('2024-02'), 'day')).toBe(29);
    expect(countNativePeriods(period('2023-02'), 'day')).toBe(28);
    expect(countNativePeriods(period('2024-Q1'), 'day')).toBe(91);
    expect(countNativePeriods(period('2023-Q1'), 'day')).toBe(90);
    expect(countNativePeriods(period('2024-YTD05'), 'day')).toBe(31 + 29 + 31 + 30 + 31);
    expect(countNativePeriods(period('2024'), 'day')).toBe(366);
    expect(countNativePeriods(period('2024-W07'), 'day')).toBe(7);
    expect(countNativePeriods(period('2024-03-15'), 'day')).toBe(1);
  });

  it('counts months and whole quarters', () => {
    expect(countNativePeriods(period('2024-Q2'), 'month')).toBe(3);
    expect(countNativePeriods(period('2024-YTD05'), 'month')).toBe(5);
    expect(countNativePeriods(period('2024'), 'month')).toBe(12);
    expect(countNativePeriods(period('2024-YTD05'), 'quarter')).toBe(1);
    expect(countNativePeriods(period('2024-YTD06'), 'quarter')).toBe(2);
    expect(countNativePeriods(period('2024'), 'quarter')).toBe(4);
  });

  it('counts ISO weeks of the ISO year', () => {
    expect(countNativePeriods(period('2024'), 'week')).toBe(52);
    expect(countNativePeriods(period('2020'), 'week')).toBe(53);
    expect(countNativePeriods(period('2026'), 'week')).toBe(53);
  });

  it('is 0 when the coarse period is not made of native periods', () => {
    expect(countNativePeriods(period('2024-03'), 'week')).toBe(0);
    expect(countNativePeriods(period('2024-W07'), 'month')).toBe(0);
    expect(countNativePeriods(period('2024'), 'ytd')).toBe(0);
    expect(countNativePeriods(period('2024'), 'year')).toBe(1);
  });
});

describe('samePeriodLastYear', () => {
  it.each([
    ['2024-03-15', '2023-03-15'],
    ['2024-02-29', '2023-02-28'],
    ['2024-W07', '2023-W07'],
    ['2015-W53', '2014-W52'],
    ['2026-W53', '2025-W52'],
    ['2024-03', '2023-03'],
    ['2024-Q1', '2023-Q1'],
    ['2024-9M', '2023-YTD09'],
    ['2024', '2023'],
  ])('%s → %s', (code, expected) => {
    expect(samePeriodLastYear(code)).toBe(expected);
  });

  it('throws on an invalid code', () => {
    expect(() => samePeriodLastYear('2024-13')).toThrow(RangeError);
  });
});

describe('previousPeriod', () => {
  it.each([
    ['2024-03-01', '2024-02-29'],
    ['2024-01-01', '2023-12-31'],
    ['2024-W07', '2024-W06'],
    ['2024-W01', '2023-W52'],
    ['2021-W01', '2020-W53'],
    ['2024-01', '2023-12'],
    ['2024-Q1', '2023-Q4'],
    ['2024-YTD05', '2024-YTD04'],
    ['2024-YTD01', '2023-YTD12'],
    ['2024-6M', '2024-YTD05'],
    ['2024', '2023'],
  ])('%s → %s', (code, expected) => {
    expect(previousPeriod(code)).toBe(expected);
  });

  it('throws on an invalid code or before year 0000', () => {
    expect(() => previousPeriod('nope')).toThrow(RangeError);
    expect(() => previousPeriod('0000')).toThrow(RangeError);
  });
});

describe('listPeriods', () => {
  it('lists days across a leap-year month end', () => {
    expect(listPeriods('day', '2024-02-27', '2024-03-01')).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
  });

  it('lists weeks across a 53-week year', () => {
    expect(listPeriods('week', '2020-W52', '2021-W02')).toEqual([
      '2020-W52',
      '2020-W53',
      '2021-W01',
      '2021-W02',
    ]);
  });

  it('lists months, quarters, YTDs and years across a year boundary', () => {
    expect(listPeriods('month', '2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(listPeriods('quarter', '2023-Q4', '2024-Q2')).toEqual(['2023-Q4', '2024-Q1', '2024-Q2']);
    expect(listPeriods('ytd', '2023-YTD12', '2024-6M')).toHaveLength(7);
    expect(listPeriods('year', '2022', '2024')).toEqual(['2022', '2023', '2024']);
  });

  it('is inclusive of a single period and empty when reversed', () => {
    expect(listPeriods('month', '2024-03', '2024-03')).toEqual(['2024-03']);
    expect(listPeriods('month', '2024-03', '2024-01')).toEqual([]);
  });

  it('lists a whole leap year of days', () => {
    const days = listPeriods('day', '2024-01-01', '2024-12-31');
    expect(days).toHaveLength(366);
    expect(days[59]).toBe('2024-02-29');
  });

  it('throws when a code is invalid or of another type', () => {
    expect(() => listPeriods('month', '2024-Q1', '2024-03')).toThrow(RangeError);
    expect(() => listPeriods('month', '2024-01', 'x')).toThrow(RangeError);
  });
});

describe('ytdPeriodOf', () => {
  it.each([
    ['2024-05', '2024-YTD05'],
    ['2024-Q3', '2024-YTD09'],
    ['2024-02-29', '2024-YTD02'],
    ['2023-02-28', '2023-YTD02'],
    ['2024-12-31', '2024-YTD12'],
    ['2024-YTD05', '2024-YTD05'],
    ['2024-6M', '2024-YTD06'],
    ['2024', '2024'],
  ])('%s → %s', (code, expected) => {
    expect(ytdPeriodOf(code)).toBe(expected);
  });

  it('is null for a day that does not end its month, and for weeks', () => {
    expect(ytdPeriodOf('2024-02-28')).toBeNull();
    expect(ytdPeriodOf('2024-03-15')).toBeNull();
    expect(ytdPeriodOf('2024-W07')).toBeNull();
  });
});

describe('isPeriodWithin', () => {
  // A district dissolved by the two-tier reform: valid until 30 June 2025 inclusive.
  const validTo = '2025-06-30';

  it('needs the whole period inside the interval', () => {
    expect(isPeriodWithin(period('2025-Q2'), null, validTo)).toBe(true);
    expect(isPeriodWithin(period('2025-06-30'), null, validTo)).toBe(true);
    expect(isPeriodWithin(period('2025-07-01'), null, validTo)).toBe(false);
    expect(isPeriodWithin(period('2025'), null, validTo)).toBe(false);
    expect(isPeriodWithin(period('2025-YTD06'), null, validTo)).toBe(true);
    expect(isPeriodWithin(period('2025-W27'), null, validTo)).toBe(false); // 30 Jun – 6 Jul
  });

  it('treats null as unbounded on either side', () => {
    expect(isPeriodWithin(period('1990'), null, null)).toBe(true);
    expect(isPeriodWithin(period('2025-07'), '2025-07-01', null)).toBe(true);
    expect(isPeriodWithin(period('2025-06'), '2025-07-01', null)).toBe(false);
    expect(isPeriodWithin(period('2025-YTD08'), '2025-07-01', null)).toBe(false);
  });
});

describe('daysInYear', () => {
  it('knows the Gregorian leap rule', () => {
    expect([2023, 2024, 1900, 2000].map(daysInYear)).toEqual([365, 366, 365, 366]);
  });
});

describe('formatPeriodLabel', () => {
  it.each([
    ['2024-03-15', '15/03/2024', '15/03/2024'],
    ['2024-W07', 'Tuần 07/2024', 'Week 07/2024'],
    ['2024-03', 'Tháng 03/2024', 'Mar 2024'],
    ['2024-Q1', 'Quý I/2024', 'Q1 2024'],
    ['2024-Q4', 'Quý IV/2024', 'Q4 2024'],
    ['2024-YTD06', '6 tháng đầu năm 2024', 'H1 2024'],
    ['2024-6M', '6 tháng đầu năm 2024', 'H1 2024'],
    ['2024-YTD09', '9 tháng năm 2024', '9M 2024'],
    ['2024-YTD05', 'Lũy kế 5 tháng năm 2024', 'Jan–May 2024'],
    ['2024-YTD12', 'Lũy kế 12 tháng năm 2024', 'Jan–Dec 2024'],
    ['2024-YTD01', 'Lũy kế 1 tháng năm 2024', 'YTD Jan 2024'],
    ['2024', 'Năm 2024', '2024'],
  ])('%s → %s / %s', (code, vi, en) => {
    expect(formatPeriodLabel(code, 'vi')).toBe(vi);
    expect(formatPeriodLabel(code, 'en')).toBe(en);
  });

  it('returns an unparseable code unchanged', () => {
    expect(formatPeriodLabel('2024-13', 'vi')).toBe('2024-13');
  });
});
