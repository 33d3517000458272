/**
 * Number and date formatting for Vietnamese (`1.234,5`, `15/03/2024`) and English, implemented
 * directly rather than through Intl so that output never depends on the ICU data of the host.
 */
import { parsePeriod, type Lang } from './periods';

const SEPARATORS: Record<Lang, { group: string; decimal: string }> = {
  vi: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};
const EMPTY = '—';
/** Vietnam has kept UTC+07:00 all year round since 1975. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

function requireDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new RangeError(`decimals must be an integer 0–20, got ${decimals}`);
  }
}

/**
 * |value| × 10^decimals rounded half away from zero, as an exact integer. Shifting the decimal
 * exponent of the shortest text form (instead of multiplying) keeps 1.005 → 1.01 as a person
 * would round it, where binary arithmetic gives 1.00.
 */
function shiftAndRound(value: number, decimals: number): bigint {
  const [mantissa = '0', exponent = '0'] = String(Math.abs(value)).split('e');
  return BigInt(Math.round(Number(`${mantissa}e${Number(exponent) + decimals}`)));
}

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

function formatRounded(value: number, decimals: number, lang: Lang, trimZeros: boolean): string {
  const scaled = shiftAndRound(value, decimals);
  const digits = scaled.toString().padStart(decimals + 1, '0');
  const integerPart = digits.slice(0, digits.length - decimals);
  let fraction = digits.slice(digits.length - decimals);
  if (trimZeros) fraction = fraction.replace(/0+$/, '');
  const { group, decimal } = SEPARATORS[lang];
  // A value that rounds to zero prints "0", never "-0".
  const sign = value < 0 && scaled !== 0n ? '-' : '';
  return `${sign}${groupThousands(integerPart, group)}${fraction ? decimal + fraction : ''}`;
}

/**
 * Rounds half away from zero to `decimals` places (2.5 → 3, -2.5 → -3, 1.005 → 1.01), the rule
 * of Vietnamese statistical tables. Non-finite values are returned unchanged.
 */
export function roundNumber(value: number, decimals: number): number {
  requireDecimals(decimals);
  if (!Number.isFinite(value)) return value;
  const magnitude = Number(`${shiftAndRound(value, decimals)}e-${decimals}`);
  // Adding 0 turns -0 into 0.
  return (value < 0 ? -magnitude : magnitude) + 0;
}

/**
 * Formats a number with exactly `decimals` places: vi `1.234,5`, en `1,234.5`. null and
 * non-finite values print as `—`.
 */
export function formatNumber(value: number | null, decimals: number, lang: Lang = 'vi'): string {
  requireDecimals(decimals);
  if (value === null || !Number.isFinite(value)) return EMPTY;
  return formatRounded(value, decimals, lang, false);
}

/**
 * Formats a number with at most `maxDecimals` places and no trailing zeros (`102,5`, `78`), for
 * percentages and thresholds inside sentences.
 */
export function formatCompactNumber(value: number | null, maxDecimals: number, lang: Lang = 'vi'): string {
  requireDecimals(maxDecimals);
  if (value === null || !Number.isFinite(value)) return EMPTY;
  return formatRounded(value, maxDecimals, lang, true);
}

function countOf(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** Strips grouping separators from an integer part, or null when the groups are not 1–3 + 3 + 3 … digits. */
function removeGrouping(integerPart: string, group: string | null): string | null {
  if (group === null) return /^\d+$/.test(integerPart) ? integerPart : null;
  const groups = integerPart.split(group);
  const [head = '', ...rest] = groups;
  const valid = /^\d{1,3}$/.test(head) && rest.every((part) => /^\d{3}$/.test(part));
  return valid ? groups.join('') : null;
}

/** Which of `.` and `,` is the decimal separator, which groups thousands, from their counts and order. */
function detectSeparators(body: string): { decimal: string | null; group: string | null } | null {
  const dots = countOf(body, '.');
  const commas = countOf(body, ',');
  const hasSpace = body.includes(' ');
  if (dots > 0 && commas > 0) {
    if (hasSpace) return null;
    // With both present, the one that comes last separates the decimals: 1.234,5 and 1,234.5.
    return body.lastIndexOf('.') > body.lastIndexOf(',')
      ? { decimal: '.', group: ',' }
      : { decimal: ',', group: '.' };
  }
  const mark = dots > 0 ? '.' : commas > 0 ? ',' : null;
  const count = dots + commas;
  if (hasSpace) return count <= 1 ? { decimal: mark, group: ' ' } : null;
  // A single mark is a decimal separator (see parseLocaleNumber); repeated, it groups thousands.
  return count === 1 ? { decimal: mark, group: null } : { decimal: null, group: mark };
}

/**
 * Parses a number typed or exported in either convention, for CSV import: `1234.5`, `1234,5`,
 * `1.234,5`, `1,234.5`, `1 234,5`, `-3`. Returns null for anything else (`abc`, `1,2,3,4`, empty).
 *
 * A single `.` or `,` is always read as the decimal separator, so `1.234` is 1.234 and `1,234`
 * is 1.234 too. Vietnamese spreadsheets write decimals with a comma and English ones with a dot;
 * reading a lone mark as grouping would silently turn a typed 1,5 (%) into 15 and 1.234 (tỷ đồng)
 * into 1234 — a thousand-fold error — while a real thousands figure almost always either has
 * several groups (1.234.567) or both marks (1.234,5), or is written without separators.
 */
export function parseLocaleNumber(text: string): number | null {
  const trimmed = text.trim().replace(/[\u00a0\u202f]/g, ' ');
  const match = /^([+-]?)(\d[\d., ]*)$/.exec(trimmed);
  if (!match) return null;
  const [, sign = '', body = ''] = match;
  const separators = detectSeparators(body);
  if (!separators) return null;
  const { decimal, group } = separators;
  const parts = decimal === null ? [body] : body.split(decimal);
  if (parts.length > 2) return null;
  const [integerPart = '', fraction] = parts;
  const integer = removeGrouping(integerPart, group);
  if (integer === null || (fraction !== undefined && !/^\d+$/.test(fraction))) return null;
  return Number(`${sign}${integer}${fraction === undefined ? '' : `.${fraction}`}`) + 0;
}

function isCalendarDate(text: string): boolean {
  return parsePeriod(text)?.type === 'day';
}

/** Normalises `2024-03-15 10:00:00+07` style text to the ISO form Date.parse reads reliably. */
function normaliseTimestamp(iso: string): string | null {
  const match =
    /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(?:(Z)|([+-]\d{2})(?::?(\d{2}))?)?$/i.exec(
      iso.trim(),
    );
  const [, date = '', time = '00:00', , offsetHours, offsetMinutes = '00'] = match ?? [];
  // Date.parse rolls 2024-02-30 over to 1 March instead of rejecting it.
  if (!isCalendarDate(date)) return null;
  return `${date}T${time}${offsetHours === undefined ? 'Z' : `${offsetHours}:${offsetMinutes}`}`;
}

/** The wall-clock date and time in Vietnam of an instant, zero-padded, or null when unparseable. */
function toVietnamClock(iso: string): { date: string; time: string } | null {
  const normalised = normaliseTimestamp(iso);
  const instant = normalised === null ? Number.NaN : Date.parse(normalised);
  if (Number.isNaN(instant)) return null;
  const local = new Date(instant + VIETNAM_OFFSET_MS);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return {
    date: `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${pad(local.getUTCFullYear(), 4)}`,
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`,
  };
}

/**
 * `2024-03-15` → `15/03/2024`. A calendar date is reformatted as is; a timestamp
 * (`2024-03-14T20:00:00Z`) is an instant and shows its date in Vietnam time (`15/03/2024`).
 * Unparseable text is returned unchanged: formatting must never break a page.
 */
export function formatDate(isoDate: string): string {
  const text = isoDate.trim();
  if (isCalendarDate(text)) {
    const [year, month, day] = text.split('-');
    return `${day}/${month}/${year}`;
  }
  return toVietnamClock(text)?.date ?? isoDate;
}

/**
 * An instant shown in Vietnam time (UTC+07:00) as `dd/MM/yyyy HH:mm`. Text without an offset is
 * read as UTC, the form timestamps take in JSON. Unparseable text is returned unchanged.
 */
export function formatDateTime(iso: string): string {
  const clock = toVietnamClock(iso);
  return clock ? `${clock.date} ${clock.time}` : iso;
}
