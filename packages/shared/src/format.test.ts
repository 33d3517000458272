import { describe, expect, it } from 'vitest';
import {
  formatCompactNumber,
  formatDate,
  formatDateTime,
  formatNumber,
  parseLocaleNumber,
  roundNumber,
} from './format';

describe('formatNumber', () => {
  it('groups thousands and separates decimals per language', () => {
    expect(formatNumber(1234.5, 1)).toBe('1.234,5');
    expect(formatNumber(1234.5, 1, 'en')).toBe('1,234.5');
    expect(formatNumber(1234567.891, 2)).toBe('1.234.567,89');
    expect(formatNumber(1234567.891, 2, 'en')).toBe('1,234,567.89');
    expect(formatNumber(123, 0)).toBe('123');
    expect(formatNumber(1000, 0)).toBe('1.000');
    expect(formatNumber(-1234.5, 1)).toBe('-1.234,5');
  });

  it('pads to the requested number of decimals', () => {
    expect(formatNumber(3, 2)).toBe('3,00');
    expect(formatNumber(0.5, 3, 'en')).toBe('0.500');
  });

  it('rounds half away from zero', () => {
    expect(formatNumber(0.5, 0)).toBe('1');
    expect(formatNumber(1.5, 0)).toBe('2');
    expect(formatNumber(2.5, 0)).toBe('3');
    expect(formatNumber(-2.5, 0)).toBe('-3');
    expect(formatNumber(999.96, 1)).toBe('1.000,0');
  });

  it('rounds decimal literals as written, not their binary approximation', () => {
    // 1.005 is stored as 1.00499999999999989…; toFixed(2) would give 1.00.
    expect(formatNumber(1.005, 2)).toBe('1,01');
    expect(formatNumber(1.0049, 2)).toBe('1,00');
    expect(formatNumber(2.345, 2, 'en')).toBe('2.35');
  });

  it('never prints "-0"', () => {
    expect(formatNumber(-0.04, 1)).toBe('0,0');
    expect(formatNumber(-0, 0)).toBe('0');
    expect(formatNumber(-0.05, 1)).toBe('-0,1');
  });

  it('handles very small and very large magnitudes', () => {
    expect(formatNumber(0.000001, 6)).toBe('0,000001');
    expect(formatNumber(5e-7, 6)).toBe('0,000001');
    expect(formatNumber(1e-7, 6)).toBe('0,000000');
    expect(formatNumber(1e21, 0)).toBe('1.000.000.000.000.000.000.000');
  });

  it('prints a dash for null and non-finite values', () => {
    expect(formatNumber(null, 1)).toBe('—');
    expect(formatNumber(Number.NaN, 1)).toBe('—');
    expect(formatNumber(Number.POSITIVE_INFINITY, 1)).toBe('—');
  });

  it('rejects invalid decimals', () => {
    expect(() => formatNumber(1, -1)).toThrow(RangeError);
    expect(() => formatNumber(1, 1.5)).toThrow(RangeError);
  });
});

describe('formatCompactNumber', () => {
  it('drops trailing zeros after rounding', () => {
    expect(formatCompactNumber(102.5, 1)).toBe('102,5');
    expect(formatCompactNumber(78, 1)).toBe('78');
    expect(formatCompactNumber(83.3333, 2)).toBe('83,33');
    expect(formatCompactNumber(99.96, 1)).toBe('100');
    expect(formatCompactNumber(1234.5, 2, 'en')).toBe('1,234.5');
    expect(formatCompactNumber(1200, 2)).toBe('1.200');
    expect(formatCompactNumber(null, 2)).toBe('—');
  });
});

describe('roundNumber', () => {
  it('rounds half away from zero on the decimal form', () => {
    expect(roundNumber(1.005, 2)).toBe(1.01);
    expect(roundNumber(2.5, 0)).toBe(3);
    expect(roundNumber(-2.5, 0)).toBe(-3);
    expect(roundNumber(83.33333, 1)).toBe(83.3);
    expect(roundNumber(-0.04, 1)).toBe(0); // +0, not -0 (toBe uses Object.is)
    expect(roundNumber(Number.POSITIVE_INFINITY, 1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('parseLocaleNumber', () => {
  it.each([
    ['1234.5', 1234.5],
    ['1234,5', 1234.5],
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['1 234,5', 1234.5],
    ['1\u00a0234,5', 1234.5], // no-break space, as spreadsheets export it
    ['1 234 567', 1234567],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ['1.234.567,89', 1234567.89],
    ['1,234,567.89', 1234567.89],
    ['-3', -3],
    ['+3', 3],
    ['-1.234,5', -1234.5],
    ['  42  ', 42],
    ['0,5', 0.5],
    ['007', 7],
    // A lone mark is a decimal separator, whichever it is (see the JSDoc).
    ['1.234', 1.234],
    ['1,234', 1.234],
  ])('parses %j as %d', (text, expected) => {
    expect(parseLocaleNumber(text)).toBe(expected);
  });

  it('returns +0 for "-0"', () => {
    expect(parseLocaleNumber('-0')).toBe(0);
  });

  it.each([
    'abc',
    '',
    '   ',
    '-',
    '1,2,3,4',
    '1.234.5',
    '12,34,567', // Indian grouping
    '1.2,5',
    '1,234.5,6',
    '1.234,',
    ',5',
    '.5',
    '1 234.567,5',
    '12 5',
    '1e5',
    '1-2',
    '--3',
    '3%',
  ])('rejects %j', (text) => {
    expect(parseLocaleNumber(text)).toBeNull();
  });
});

describe('formatDate', () => {
  it('reorders a calendar date', () => {
    expect(formatDate('2024-03-15')).toBe('15/03/2024');
  });

  it('shows the Vietnam date of a timestamp', () => {
    expect(formatDate('2024-03-14T20:00:00Z')).toBe('15/03/2024');
    expect(formatDate('2024-03-15T10:00:00+07:00')).toBe('15/03/2024');
  });

  it('returns unparseable text unchanged', () => {
    expect(formatDate('15/03/2024')).toBe('15/03/2024');
    expect(formatDate('2024-02-30')).toBe('2024-02-30');
    expect(formatDate('')).toBe('');
  });
});

describe('formatDateTime', () => {
  it.each([
    ['2024-03-15T03:04:00Z', '15/03/2024 10:04'],
    ['2024-03-14T17:30:00.000Z', '15/03/2024 00:30'],
    ['2024-12-31T20:00:00Z', '01/01/2025 03:00'],
    ['2024-03-15T10:00:00+07:00', '15/03/2024 10:00'],
    ['2024-03-15 10:00:00+07', '15/03/2024 10:00'], // PostgreSQL text output
    ['2024-03-15T10:00+0530', '15/03/2024 11:30'],
    ['2024-03-15T10:00:00-05:00', '15/03/2024 22:00'],
    ['2024-03-15T10:00:00', '15/03/2024 17:00'], // no offset: UTC
    ['2024-03-15', '15/03/2024 07:00'],
  ])('%s → %s', (iso, expected) => {
    expect(formatDateTime(iso)).toBe(expected);
  });

  it('returns unparseable text unchanged', () => {
    expect(formatDateTime('garbage')).toBe('garbage');
    expect(formatDateTime('2024-13-45T10:00:00Z')).toBe('2024-13-45T10:00:00Z');
    // Date.parse alone would show 01/03/2024.
    expect(formatDateTime('2024-02-30T10:00:00Z')).toBe('2024-02-30T10:00:00Z');
  });
});
