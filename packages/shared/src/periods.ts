/**
 * Period codes: the one canonical text form of a reporting period, used in the database, the API
 * and the UI alike.
 *
 *   day `2024-03-15` · ISO week `2024-W07` · month `2024-03` · quarter `2024-Q1` ·
 *   year-to-date through month m `2024-YTD05` (aliases `2024-6M`, `2024-9M`) · year `2024`
 *
 * All date arithmetic is done on UTC day numbers so that the host time zone never matters.
 */
import type { PeriodType } from './catalogue';

export interface Period {
  /** Canonical code, e.g. `2024-YTD06` even when parsed from the alias `2024-6M`. */
  code: string;
  type: PeriodType;
  /** Calendar year; for a week, its ISO week-numbering year. */
  year: number;
  /** Month, quarter, ISO week, YTD month or day-of-year; 1 for a year. */
  index: number;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day, YYYY-MM-DD, inclusive. */
  end: string;
}

export type Lang = 'vi' | 'en';

const MS_PER_DAY = 86_400_000;
/** Day number (days since 1970-01-01) of a Monday, to align week ordinals. */
const A_MONDAY = 4;
const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'] as const;
const EN_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

const COARSER_TYPES: Record<PeriodType, readonly PeriodType[]> = {
  day: ['month', 'quarter', 'ytd', 'year'],
  week: ['year'],
  month: ['quarter', 'ytd', 'year'],
  quarter: ['ytd', 'year'],
  ytd: [],
  year: [],
};

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic
// ---------------------------------------------------------------------------------------------

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a calendar year (365 or 366). */
export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function toDayNumber(year: number, month: number, day: number): number {
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() / MS_PER_DAY;
}

function fromDayNumber(dayNumber: number): CivilDate {
  const date = new Date(dayNumber * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function parseIsoDate(text: string): number {
  const [year = 0, month = 1, day = 1] = text.split('-').map(Number);
  return toDayNumber(year, month, day);
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
function getIsoWeekday(dayNumber: number): number {
  return ((((dayNumber - A_MONDAY) % 7) + 7) % 7) + 1;
}

/** Week 1 is the week holding 4 January (ISO 8601). */
function getMondayOfWeekOne(isoYear: number): number {
  const january4 = toDayNumber(isoYear, 1, 4);
  return january4 - getIsoWeekday(january4) + 1;
}

function countIsoWeeks(isoYear: number): number {
  return (getMondayOfWeekOne(isoYear + 1) - getMondayOfWeekOne(isoYear)) / 7;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function formatYear(year: number): string {
  // Codes have four-digit years; stepping outside them is a caller bug, not a period.
  if (!Number.isInteger(year) || year < 0 || year > 9999) throw new RangeError(`Year out of range: ${year}`);
  return pad(year, 4);
}

function formatDayNumber(dayNumber: number): string {
  const { year, month, day } = fromDayNumber(dayNumber);
  return `${formatYear(year)}-${pad(month, 2)}-${pad(day, 2)}`;
}

// ---------------------------------------------------------------------------------------------
// Period constructors (arguments already validated)
// ---------------------------------------------------------------------------------------------

function buildPeriod(
  type: PeriodType,
  code: string,
  year: number,
  index: number,
  first: number,
  last: number,
): Period {
  return { code, type, year, index, start: formatDayNumber(first), end: formatDayNumber(last) };
}

function makeDay(dayNumber: number): Period {
  const { year } = fromDayNumber(dayNumber);
  const dayOfYear = dayNumber - toDayNumber(year, 1, 1) + 1;
  const code = formatDayNumber(dayNumber);
  return buildPeriod('day', code, year, dayOfYear, dayNumber, dayNumber);
}

function makeWeek(isoYear: number, week: number): Period {
  const monday = getMondayOfWeekOne(isoYear) + (week - 1) * 7;
  return buildPeriod('week', `${formatYear(isoYear)}-W${pad(week, 2)}`, isoYear, week, monday, monday + 6);
}

function makeWeekOfDay(dayNumber: number): Period {
  // A week belongs to the ISO year of its Thursday.
  const thursday = dayNumber - getIsoWeekday(dayNumber) + 4;
  const isoYear = fromDayNumber(thursday).year;
  return makeWeek(isoYear, Math.floor((thursday - getMondayOfWeekOne(isoYear)) / 7) + 1);
}

function makeMonth(year: number, month: number): Period {
  const first = toDayNumber(year, month, 1);
  const code = `${formatYear(year)}-${pad(month, 2)}`;
  return buildPeriod('month', code, year, month, first, first + daysInMonth(year, month) - 1);
}

function makeQuarter(year: number, quarter: number): Period {
  const first = toDayNumber(year, quarter * 3 - 2, 1);
  const last = toDayNumber(year, quarter * 3, daysInMonth(year, quarter * 3));
  return buildPeriod('quarter', `${formatYear(year)}-Q${quarter}`, year, quarter, first, last);
}

function makeYtd(year: number, month: number): Period {
  const last = toDayNumber(year, month, daysInMonth(year, month));
  const code = `${formatYear(year)}-YTD${pad(month, 2)}`;
  return buildPeriod('ytd', code, year, month, toDayNumber(year, 1, 1), last);
}

function makeYear(year: number): Period {
  return buildPeriod('year', formatYear(year), year, 1, toDayNumber(year, 1, 1), toDayNumber(year, 12, 31));
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

type PeriodBuilder = (year: number, a: number, b: number) => Period | null;

function isBetween(value: number, min: number, max: number): boolean {
  return value >= min && value <= max;
}

const PARSERS: ReadonlyArray<readonly [RegExp, PeriodBuilder]> = [
  [
    /^(\d{4})-(\d{2})-(\d{2})$/,
    (year, month, day) =>
      isBetween(month, 1, 12) && isBetween(day, 1, daysInMonth(year, month))
        ? makeDay(toDayNumber(year, month, day))
        : null,
  ],
  [
    /^(\d{4})-W(\d{2})$/,
    (year, week) => (isBetween(week, 1, countIsoWeeks(year)) ? makeWeek(year, week) : null),
  ],
  [/^(\d{4})-(\d{2})$/, (year, month) => (isBetween(month, 1, 12) ? makeMonth(year, month) : null)],
  [/^(\d{4})-Q(\d)$/, (year, quarter) => (isBetween(quarter, 1, 4) ? makeQuarter(year, quarter) : null)],
  [/^(\d{4})-YTD(\d{2})$/, (year, month) => (isBetween(month, 1, 12) ? makeYtd(year, month) : null)],
  // "6 tháng", "9 tháng": the half-year and nine-month reports every province publishes.
  [/^(\d{4})-([69])M$/, (year, month) => makeYtd(year, month)],
  [/^(\d{4})$/, (year) => makeYear(year)],
];

/**
 * Parses a period code (canonical or alias, case-insensitive, surrounding blanks ignored).
 * Returns the period with its canonical code, or null when the code is malformed or names a
 * date that does not exist (2023-02-29, month 13, week 53 of a 52-week year …).
 */
export function parsePeriod(code: string): Period | null {
  const text = code.trim().toUpperCase();
  for (const [pattern, build] of PARSERS) {
    const match = pattern.exec(text);
    if (match) return build(Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0));
  }
  return null;
}

function requirePeriod(code: string): Period {
  const period = parsePeriod(code);
  if (!period) throw new RangeError(`Invalid period code: ${code}`);
  return period;
}

// ---------------------------------------------------------------------------------------------
// Relations between periods
// ---------------------------------------------------------------------------------------------

function listYtdCodes(year: number, fromMonth: number): string[] {
  const codes: string[] = [];
  for (let month = fromMonth; month <= 12; month++) codes.push(makeYtd(year, month).code);
  return codes;
}

/**
 * Every coarser period code the value of `p` contributes to in a time roll-up:
 * day → month, quarter, YTD of its month … YTD12, year; month → quarter, YTDm … YTD12, year;
 * quarter → YTD(3q) … YTD12, year; week → its ISO year; ytd and year → none.
 */
export function containingPeriods(p: Period): string[] {
  switch (p.type) {
    case 'day': {
      const { month } = fromDayNumber(parseIsoDate(p.start));
      const quarter = Math.ceil(month / 3);
      return [
        makeMonth(p.year, month).code,
        makeQuarter(p.year, quarter).code,
        ...listYtdCodes(p.year, month),
        formatYear(p.year),
      ];
    }
    case 'week':
      return [formatYear(p.year)];
    case 'month':
      return [
        makeQuarter(p.year, Math.ceil(p.index / 3)).code,
        ...listYtdCodes(p.year, p.index),
        formatYear(p.year),
      ];
    case 'quarter':
      return [...listYtdCodes(p.year, p.index * 3), formatYear(p.year)];
    case 'ytd':
    case 'year':
      return [];
  }
}

/** Period types whose periods a native period of type `native` contributes to (see containingPeriods). */
export function coarserPeriodTypes(native: PeriodType): PeriodType[] {
  return [...COARSER_TYPES[native]];
}

function countMonths(coarse: Period): number {
  switch (coarse.type) {
    case 'month':
      return 1;
    case 'quarter':
      return 3;
    case 'ytd':
      return coarse.index;
    case 'year':
      return 12;
    case 'day':
    case 'week':
      return 0;
  }
}

/**
 * How many native periods the coarse period should contain when complete, the denominator of
 * time coverage: days in any period; months in a quarter/YTD/year; whole quarters in a YTD
 * (YTD05 holds only Q1) or year; ISO weeks (52 or 53) in the ISO year of the same number.
 * 0 when the coarse period is not made of native periods (months in a week, weeks in a month).
 */
export function countNativePeriods(coarse: Period, nativeType: PeriodType): number {
  switch (nativeType) {
    case 'day':
      return parseIsoDate(coarse.end) - parseIsoDate(coarse.start) + 1;
    case 'week':
      if (coarse.type === 'year') return countIsoWeeks(coarse.year);
      return coarse.type === 'week' ? 1 : 0;
    case 'month':
      return countMonths(coarse);
    case 'quarter':
      return Math.floor(countMonths(coarse) / 3);
    case 'ytd':
    case 'year':
      return coarse.type === nativeType ? 1 : 0;
  }
}

/**
 * The period to compare with "so với cùng kỳ": the same period one year earlier. A day or week
 * that does not exist then is clamped (2024-02-29 → 2023-02-28, 2015-W53 → 2014-W52). Throws RangeError on an invalid code.
 */
export function samePeriodLastYear(code: string): string {
  const p = requirePeriod(code);
  const year = p.year - 1;
  switch (p.type) {
    case 'day': {
      const { month, day } = fromDayNumber(parseIsoDate(p.start));
      return makeDay(toDayNumber(year, month, Math.min(day, daysInMonth(year, month)))).code;
    }
    case 'week':
      return makeWeek(year, Math.min(p.index, countIsoWeeks(year))).code;
    case 'month':
      return makeMonth(year, p.index).code;
    case 'quarter':
      return makeQuarter(year, p.index).code;
    case 'ytd':
      return makeYtd(year, p.index).code;
    case 'year':
      return makeYear(year).code;
  }
}

/** Position of a period in the sequence of its type, so that stepping is integer arithmetic. */
function toOrdinal(p: Period): number {
  switch (p.type) {
    case 'day':
      return parseIsoDate(p.start);
    case 'week':
      return (parseIsoDate(p.start) - A_MONDAY) / 7;
    case 'month':
    case 'ytd':
      return p.year * 12 + p.index - 1;
    case 'quarter':
      return p.year * 4 + p.index - 1;
    case 'year':
      return p.year;
  }
}

function fromOrdinal(type: PeriodType, ordinal: number): Period {
  switch (type) {
    case 'day':
      return makeDay(ordinal);
    case 'week':
      return makeWeekOfDay(ordinal * 7 + A_MONDAY);
    case 'month':
      return makeMonth(Math.floor(ordinal / 12), (ordinal % 12) + 1);
    case 'ytd':
      return makeYtd(Math.floor(ordinal / 12), (ordinal % 12) + 1);
    case 'quarter':
      return makeQuarter(Math.floor(ordinal / 4), (ordinal % 4) + 1);
    case 'year':
      return makeYear(ordinal);
  }
}

/**
 * The period just before, of the same type: 2024-03-01 → 2024-02-29, 2024-W01 → 2023-W52,
 * 2024-Q1 → 2023-Q4. YTDs step by month (2024-YTD05 → 2024-YTD04, 2024-YTD01 → 2023-YTD12),
 * the order in which monthly cumulative reports are published. Throws RangeError on an invalid code.
 */
export function previousPeriod(code: string): string {
  const p = requirePeriod(code);
  return fromOrdinal(p.type, toOrdinal(p) - 1).code;
}

/**
 * All periods of `type` from `fromCode` to `toCode`, both included, in order; [] when from is
 * after to. Throws RangeError when a code is invalid or not of `type`.
 */
export function listPeriods(type: PeriodType, fromCode: string, toCode: string): string[] {
  const [from, to] = [requirePeriod(fromCode), requirePeriod(toCode)];
  if (from.type !== type || to.type !== type) {
    throw new RangeError(`Expected two ${type} periods, got ${fromCode} and ${toCode}`);
  }
  const codes: string[] = [];
  for (let ordinal = toOrdinal(from); ordinal <= toOrdinal(to); ordinal++)
    codes.push(fromOrdinal(type, ordinal).code);
  return codes;
}

/**
 * The year-to-date period that ends with this period, for reading a cumulative figure at its
 * close: month m → YTDm; quarter q → YTD(3q); a month's last day → YTD of that month (other days
 * → null); year → the year; ytd → itself; week → null. Throws RangeError on an invalid code.
 */
export function ytdPeriodOf(code: string): string | null {
  const p = requirePeriod(code);
  switch (p.type) {
    case 'day': {
      const { month, day } = fromDayNumber(parseIsoDate(p.start));
      return day === daysInMonth(p.year, month) ? makeYtd(p.year, month).code : null;
    }
    case 'month':
      return makeYtd(p.year, p.index).code;
    case 'quarter':
      return makeYtd(p.year, p.index * 3).code;
    case 'ytd':
    case 'year':
      return p.code;
    case 'week':
      return null;
  }
}

/**
 * Whether the period lies entirely within a validity interval (dates YYYY-MM-DD, both ends
 * inclusive, null = unbounded). A unit dissolved on 2025-06-30 is within 2025-Q2 but not 2025.
 */
export function isPeriodWithin(p: Period, validFrom: string | null, validTo: string | null): boolean {
  // ISO dates compare correctly as strings.
  return (validFrom === null || p.start >= validFrom) && (validTo === null || p.end <= validTo);
}

// ---------------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------------

function formatYtdLabel(month: number, year: string, lang: Lang): string {
  if (lang === 'en') {
    if (month === 6) return `H1 ${year}`;
    if (month === 9) return `9M ${year}`;
    // "Jan–Jan" would read as a typo; a one-month YTD must still differ from the month label.
    if (month === 1) return `YTD Jan ${year}`;
    return `Jan–${EN_MONTHS[month - 1]} ${year}`;
  }
  if (month === 6) return `6 tháng đầu năm ${year}`;
  if (month === 9) return `9 tháng năm ${year}`;
  return `Lũy kế ${month} tháng năm ${year}`;
}

/**
 * Human label of a period as printed in Vietnamese reports (`Quý I/2024`, `6 tháng đầu năm 2024`)
 * or in English (`Q1 2024`, `H1 2024`). An unparseable code is returned unchanged: a label must
 * never break a page.
 */
export function formatPeriodLabel(code: string, lang: Lang): string {
  const p = parsePeriod(code);
  if (!p) return code;
  const year = formatYear(p.year);
  switch (p.type) {
    case 'day': {
      const [y, m, d] = p.start.split('-');
      return `${d}/${m}/${y}`;
    }
    case 'week':
      return `${lang === 'vi' ? 'Tuần' : 'Week'} ${pad(p.index, 2)}/${year}`;
    case 'month':
      return lang === 'vi' ? `Tháng ${pad(p.index, 2)}/${year}` : `${EN_MONTHS[p.index - 1]} ${year}`;
    case 'quarter':
      return lang === 'vi' ? `Quý ${ROMAN_QUARTERS[p.index - 1]}/${year}` : `Q${p.index} ${year}`;
    case 'ytd':
      return formatYtdLabel(p.index, year, lang);
    case 'year':
      return lang === 'vi' ? `Năm ${year}` : year;
  }
}
