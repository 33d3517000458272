import {
  formatDate,
  formatPeriodLabel,
  isPeriodWithin,
  OBSERVATION_STATUSES,
  parseLocaleNumber,
  parsePeriod,
  type ObservationStatus,
  type Period,
} from '@ioc/shared';
import type { Actor } from '../auth/actor.js';
import { isInScope } from '../auth/policy.js';
import type { IndicatorRecord } from '../catalogue/indicator-record.js';
import type { UnitTree } from '../units/unit-tree.js';

/** One observation as sent by a client (JSON body row or CSV line). */
export interface ObservationRow {
  indicator?: unknown;
  unit?: unknown;
  period?: unknown;
  value?: unknown;
  disaggregation?: unknown;
  status?: unknown;
  source?: unknown;
  comment?: unknown;
}

/** A validated row, ready to store. */
export interface ValidRow {
  row: number;
  indicatorCode: string;
  unitId: number;
  period: string;
  disaggregation: string;
  value: number;
  status: ObservationStatus;
  source: string | null;
  comment: string | null;
}

/** Where and why a row was refused: `row` is the JSON index or the CSV line number. */
export interface RowError {
  row: number;
  field: string;
  code: string;
  message: string;
  messageEn: string;
  value?: string;
}

function text(v: unknown): string {
  return v === undefined || v === null ? '' : String(v).trim();
}

/** The indicator codes a batch names, each once. */
export function indicatorCodesOf(rows: ObservationRow[]): string[] {
  return [...new Set(rows.map((r) => text(r.indicator)))];
}

/** `compute` with its results kept: a batch repeats a few indicators, units and periods many times. */
function cached<K, V>(compute: (key: K) => V): (key: K) => V {
  const results = new Map<K, V>();
  return (key) => {
    if (results.has(key)) return results.get(key) as V;
    const value = compute(key);
    results.set(key, value);
    return value;
  };
}

/**
 * Checks every row against the catalogue and the actor's scope. Returns the valid rows and a
 * located error for each invalid one (the first problem of a row; the rest follow once fixed).
 */
export function validateRows(
  rows: ObservationRow[],
  rowNumber: (index: number) => number,
  ctx: {
    indicators: Map<string, IndicatorRecord>;
    units: UnitTree;
    actor: Actor;
    /** The source of rows that name none. */
    defaultSource: string | null;
  },
): { valid: ValidRow[]; errors: RowError[] } {
  const valid: ValidRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const periodOf = cached(parsePeriod);
  // The version of a unit code valid over a period (the same text gives the same Period object).
  const unitAt = cached((code: string) =>
    cached((period: Period) =>
      ctx.units.versions(code).find((u) => isPeriodWithin(period, u.validFrom, u.validTo)),
    ),
  );
  const inScope = cached((unitId: number) => isInScope(ctx.actor, ctx.units, unitId));
  const check = (input: ObservationRow, row: number): ValidRow | RowError => {
    const indicatorCode = text(input.indicator);
    const unitCode = text(input.unit);
    const periodText = text(input.period);
    if (!indicatorCode)
      return rowError(row, 'indicator', 'MISSING_FIELD', 'Thiếu mã chỉ tiêu.', 'Indicator code is missing.');
    const indicator = ctx.indicators.get(indicatorCode);
    if (!indicator) {
      return rowError(
        row,
        'indicator',
        'UNKNOWN_INDICATOR',
        `Không có chỉ tiêu mã "${indicatorCode}".`,
        `Unknown indicator "${indicatorCode}".`,
        indicatorCode,
      );
    }
    if (indicator.formula) {
      return rowError(
        row,
        'indicator',
        'DERIVED_INDICATOR',
        `Chỉ tiêu "${indicatorCode}" được tính theo công thức, không nhập trực tiếp.`,
        `Indicator "${indicatorCode}" is computed from a formula and cannot be written.`,
        indicatorCode,
      );
    }
    if (!periodText)
      return rowError(row, 'period', 'MISSING_FIELD', 'Thiếu kỳ số liệu.', 'Period is missing.');
    const period = periodOf(periodText);
    if (!period) {
      return rowError(
        row,
        'period',
        'BAD_PERIOD',
        `Kỳ "${periodText}" sai định dạng (ví dụ: 2024-03-15, 2024-W07, 2024-03, 2024-Q1, 2024).`,
        `Period "${periodText}" is malformed (e.g. 2024-03-15, 2024-W07, 2024-03, 2024-Q1, 2024).`,
        periodText,
      );
    }
    if (period.type !== indicator.periodType) {
      return rowError(
        row,
        'period',
        'WRONG_PERIOD_TYPE',
        `Chỉ tiêu "${indicatorCode}" nhận số liệu theo ${PERIOD_NAMES_VI[indicator.periodType]}, không theo kỳ "${periodText}".`,
        `Indicator "${indicatorCode}" takes ${indicator.periodType} values, not "${periodText}".`,
        periodText,
      );
    }
    if (!unitCode)
      return rowError(row, 'unit', 'MISSING_FIELD', 'Thiếu mã đơn vị hành chính.', 'Unit code is missing.');
    const versions = ctx.units.versions(unitCode);
    if (versions.length === 0) {
      return rowError(
        row,
        'unit',
        'UNKNOWN_UNIT',
        `Không có đơn vị hành chính mã "${unitCode}".`,
        `Unknown unit "${unitCode}".`,
        unitCode,
      );
    }
    const unit = unitAt(unitCode)(period);
    if (!unit) {
      const first = versions[0]!;
      return rowError(
        row,
        'period',
        'OUTSIDE_VALIDITY',
        `Kỳ ${formatPeriodLabel(period.code, 'vi')} nằm ngoài thời gian tồn tại của đơn vị ${first.name} (${validityText(first.validFrom, first.validTo)}).`,
        `Period ${period.code} is outside the validity of unit ${unitCode} (${first.validFrom ?? '…'} – ${first.validTo ?? '…'}).`,
        periodText,
      );
    }
    if (!inScope(unit.id)) {
      return rowError(
        row,
        'unit',
        'OUT_OF_SCOPE',
        `Đơn vị "${unitCode}" nằm ngoài phạm vi được phân quyền.`,
        `Unit "${unitCode}" is outside your scope.`,
        unitCode,
      );
    }
    const value = typeof input.value === 'number' ? input.value : parseLocaleNumber(text(input.value));
    if (value === null || !Number.isFinite(value)) {
      return rowError(
        row,
        'value',
        'BAD_VALUE',
        `Giá trị "${text(input.value)}" không phải là số.`,
        `Value "${text(input.value)}" is not a number.`,
        text(input.value),
      );
    }
    const status = text(input.status) || 'approved';
    if (!(OBSERVATION_STATUSES as readonly string[]).includes(status)) {
      return rowError(
        row,
        'status',
        'BAD_STATUS',
        `Trạng thái "${status}" không hợp lệ (draft, submitted, approved).`,
        `Invalid status "${status}".`,
        status,
      );
    }
    const disaggregation = text(input.disaggregation);
    const key = `${indicatorCode}|${unit.id}|${period.code}|${disaggregation}`;
    const firstRow = seen.get(key);
    if (firstRow !== undefined) {
      return rowError(
        row,
        'row',
        'DUPLICATE_ROW',
        `Trùng với dòng ${firstRow} (cùng chỉ tiêu, đơn vị, kỳ).`,
        `Duplicates row ${firstRow} (same indicator, unit and period).`,
      );
    }
    seen.set(key, row);
    return {
      row,
      indicatorCode,
      unitId: unit.id,
      period: period.code,
      disaggregation,
      value,
      status: status as ObservationStatus,
      source: text(input.source) || ctx.defaultSource,
      comment: text(input.comment) || null,
    };
  };
  for (let index = 0; index < rows.length; index++) {
    const result = check(rows[index]!, rowNumber(index));
    if ('field' in result) errors.push(result);
    else valid.push(result);
  }
  return { valid, errors };
}

function rowError(
  row: number,
  field: string,
  code: string,
  message: string,
  messageEn: string,
  value?: string,
): RowError {
  return { row, field, code, message, messageEn, ...(value === undefined ? {} : { value }) };
}

const PERIOD_NAMES_VI = {
  day: 'ngày',
  week: 'tuần',
  month: 'tháng',
  quarter: 'quý',
  ytd: 'lũy kế tháng',
  year: 'năm',
} as const;

function validityText(from: string | null, to: string | null): string {
  return `${from ? formatDate(from) : '…'} – ${to ? formatDate(to) : '…'}`;
}
