import { isIsoDate, parseLocaleNumber } from '@ioc/shared';
import type { RowError } from '../observations/observation-rows.js';

/** Why one row was refused; thrown by the readers below and turned into a RowError. */
class RowProblem {
  constructor(
    readonly field: string,
    readonly code: string,
    readonly message: string,
    readonly messageEn: string,
    readonly value?: string,
  ) {}
}

/** Refuses the row being checked. */
export function refuse(
  field: string,
  code: string,
  message: string,
  messageEn: string,
  value?: string,
): never {
  throw new RowProblem(field, code, message, messageEn, value);
}

export function text(row: Record<string, unknown>, field: string): string {
  const v = row[field];
  return v === undefined || v === null ? '' : String(v).trim();
}

/** A required text field. */
export function need(row: Record<string, unknown>, field: string, labelVi: string): string {
  const value = text(row, field);
  if (!value) refuse(field, 'MISSING_FIELD', `Thiếu ${labelVi}.`, `${field} is missing.`);
  return value;
}

/** An optional text field: null when empty. */
export function optional(row: Record<string, unknown>, field: string): string | null {
  return text(row, field) || null;
}

/** A date as YYYY-MM-DD or dd/MM/yyyy (how Vietnamese spreadsheets write it). */
export function readDate(row: Record<string, unknown>, field: string, labelVi: string): string {
  const value = need(row, field, labelVi);
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : value;
  if (!isIsoDate(iso)) {
    refuse(
      field,
      'BAD_DATE',
      `${labelVi[0]!.toUpperCase()}${labelVi.slice(1)} "${value}" không phải ngày hợp lệ (dd/MM/yyyy hoặc yyyy-MM-dd).`,
      `${field} "${value}" is not a valid date (dd/MM/yyyy or yyyy-MM-dd).`,
      value,
    );
  }
  return iso;
}

/** A number typed in either convention (1.234.567 or 1234567,5). */
export function readNumber(row: Record<string, unknown>, field: string, labelVi: string): number {
  const raw = row[field];
  const value = typeof raw === 'number' ? raw : parseLocaleNumber(need(row, field, labelVi));
  if (value === null || !Number.isFinite(value)) {
    refuse(
      field,
      'BAD_VALUE',
      `${labelVi} "${text(row, field)}" không phải là số.`,
      `${field} is not a number.`,
      text(row, field),
    );
  }
  return value;
}

/** A year from 2000 to 2100. */
export function readYear(row: Record<string, unknown>, field: string): number {
  const value = readNumber(row, field, 'Năm');
  if (!Number.isInteger(value) || value < 2000 || value > 2100)
    refuse(field, 'BAD_VALUE', `Năm "${text(row, field)}" không hợp lệ.`, `Invalid year.`, text(row, field));
  return value;
}

/** A code that must be one of `known`. */
export function readCode<T>(
  row: Record<string, unknown>,
  field: string,
  known: ReadonlyMap<string, T>,
  what: { vi: string; en: string },
): T {
  const code = need(row, field, `mã ${what.vi}`);
  const found = known.get(code);
  if (found === undefined)
    refuse(field, 'UNKNOWN_CODE', `Không có ${what.vi} mã "${code}".`, `Unknown ${what.en} "${code}".`, code);
  return found;
}

/**
 * Checks every row with `check`, which returns the record or throws through `refuse`. Returns the
 * valid records and a located error for each invalid row (the first problem of a row); a key
 * sent twice in one request is refused on its second row.
 */
export function checkRows<T extends { key: string }>(
  rows: Record<string, unknown>[],
  rowNumber: (index: number) => number,
  check: (row: Record<string, unknown>) => T,
): { valid: T[]; errors: RowError[] } {
  const valid: T[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  rows.forEach((input, index) => {
    const row = rowNumber(index);
    try {
      const record = check(input);
      const first = seen.get(record.key);
      if (first !== undefined)
        refuse(
          'row',
          'DUPLICATE_ROW',
          `Trùng với dòng ${first} (cùng mã bản ghi).`,
          `Duplicates row ${first} (same key).`,
        );
      seen.set(record.key, row);
      valid.push(record);
    } catch (err) {
      if (!(err instanceof RowProblem)) throw err;
      errors.push({
        row,
        field: err.field,
        code: err.code,
        message: err.message,
        messageEn: err.messageEn,
        ...(err.value === undefined ? {} : { value: err.value }),
      });
    }
  });
  return { valid, errors };
}
