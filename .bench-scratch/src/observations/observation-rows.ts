import {
  formatDate,
  formatPeriodLabel,
  isPeriodWithin,
  OBSERVATION_STATUSES,
  parseLocaleNumber,
  parsePeriod,
  type ObservationStatus,
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

/**
 * Checks every row against the catalogue and the actor's scope. Returns the valid rows and a
 * located error for each invalid one (the first problem of a row; the rest follow once fixed).
 */
export function validateRows(
  rows: ObservationRow[],
  rowNumber: (index: number) => number,
  ctx: { indicators: Map<string, IndicatorRecord>; units: UnitTree; actor: Actor },
): { valid: ValidRow[]; errors: RowError[] } {
  const valid: ValidRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  rows.forEach((input, index) => {
    const row = rowNumber(index);
    const fail = (field: string, code: string, message: string, messageEn: string, value?: string): void => {
      errors.push({ row, field, code, message, messageEn, ...(value === undefined ? {} : { value }) });
    };
    const indicatorCode = text(input.indicator);
    const unitCode = text(input.unit);
    const periodText = text(input.period);
    if (!indicatorCode)
      return fail('indicator', 'MISSING_FIELD', 'Thiếu mã chỉ tiêu.', 'Indicator code is missing.');
    const indicator = ctx.indicators.get(indicatorCode);
    if (!indicator) {
      return fail(
        'indicator',
        'UNKNOWN_INDICATOR',
        `Không có chỉ tiêu mã "${indicatorCode}".`,
        `Unknown indicator "${indicatorCode}".`,
        indicatorCode,
      );
    }
    if (indicator.formula) {
      return fail(
        'indicator',
        'DERIVED_INDICATOR',
        `Chỉ tiêu "${indicatorCode}" được tính theo công thức, không nhập trực tiếp.`,
        `Indicator "${indicatorCode}" is computed from a formula and cannot be written.`,
        indicatorCode,
      );
    }
    if (!periodText) return fail('period', 'MISSING_FIELD', 'Thiếu kỳ số liệu.', 'Period is missing.');
    const period = parsePeriod(periodText);
    if (!period) {
      return fail(
        'period',
        'BAD_PERIOD',
        `Kỳ "${periodText}" sai định dạng (ví dụ: 2024-03-15, 2024-W07, 2024-03, 2024-Q1, 2024).`,
        `Period "${periodText}" is malformed (e.g. 2024-03-15, 2024-W07, 2024-03, 2024-Q1, 2024).`,
        periodText,
      );
    }
    if (period.type !== indicator.periodType) {
      return fail(
        'period',
        'WRONG_PERIOD_TYPE',
        `Chỉ tiêu "${indicatorCode}" nhận số liệu theo ${PERIOD_NAMES_VI[indicator.periodType]}, không theo kỳ "${periodText}".`,
        `Indicator "${indicatorCode}" takes ${indicator.periodType} values, not "${periodText}".`,
        periodText,
      );
    }
    if (!unitCode)
      return fail('unit', 'MISSING_FIELD', 'Thiếu mã đơn vị hành chính.', 'Unit code is missing.');
    const versions = ctx.units.versions(unitCode);
    if (versions.length === 0) {
      return fail(
        'unit',
        'UNKNOWN_UNIT',
        `Không có đơn vị hành chính mã "${unitCode}".`,
        `Unknown unit "${unitCode}".`,
        unitCode,
      );
    }
    const unit = versions.find((u) => isPeriodWithin(period, u.validFrom, u.validTo));
    if (!unit) {
      const first = versions[0]!;
      return fail(
        'period',
        'OUTSIDE_VALIDITY',
        `Kỳ ${formatPeriodLabel(period.code, 'vi')} nằm ngoài thời gian tồn tại của đơn vị ${first.name} (${validityText(first.validFrom, first.validTo)}).`,
        `Period ${period.code} is outside the validity of unit ${unitCode} (${first.validFrom ?? '…'} – ${first.validTo ?? '…'}).`,
        periodText,
      );
    }
    if (!isInScope(ctx.actor, ctx.units, unit.id)) {
      return fail(
        'unit',
        'OUT_OF_SCOPE',
        `Đơn vị "${unitCode}" nằm ngoài phạm vi được phân quyền.`,
        `Unit "${unitCode}" is outside your scope.`,
        unitCode,
      );
    }
    const value = typeof input.value === 'number' ? input.value : parseLocaleNumber(text(input.value));
    if (value === null || !Number.isFinite(value)) {
      return fail(
        'value',
        'BAD_VALUE',
        `Giá trị "${text(input.value)}" không phải là số.`,
        `Value "${text(input.value)}" is not a number.`,
        text(input.value),
      );
    }
    const status = text(input.status) || 'approved';
    if (!(OBSERVATION_STATUSES as readonly string[]).includes(status)) {
      return fail(
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
      return fail(
        'row',
        'DUPLICATE_ROW',
        `Trùng với dòng ${firstRow} (cùng chỉ tiêu, đơn vị, kỳ).`,
        `Duplicates row ${firstRow} (same indicator, unit and period).`,
      );
    }
    seen.set(key, row);
    valid.push({
      row,
      indicatorCode,
      unitId: unit.id,
      period: period.code,
      disaggregation,
      value,
      status: status as ObservationStatus,
      source: text(input.source) || null,
      comment: text(input.comment) || null,
    });
  });
  return { valid, errors };
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
