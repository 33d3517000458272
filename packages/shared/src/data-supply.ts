/**
 * Data supply discipline: what each organisation must supply, by when, and the checks a
 * submitted figure must pass. Pure: deadlines, rule checks and outlier scores, shared by the
 * server (validation, completeness, reminders) and the web app (forms, labels).
 */
import { z } from 'zod';
import { parseFormula, type Formula } from './formula';
import { parsePeriod, previousPeriod } from './periods';

export const DATA_SET_FREQUENCIES = ['day', 'month', 'quarter', 'year'] as const;
export const dataSetFrequencySchema = z.enum(DATA_SET_FREQUENCIES);
export type DataSetFrequency = z.infer<typeof dataSetFrequencySchema>;

export const DATA_SET_CHANNELS = ['file', 'form', 'api'] as const;
export const dataSetChannelSchema = z.enum(DATA_SET_CHANNELS);

/**
 * When a period's data is due: `daysAfterEnd` days after the period's last day, at `time` in
 * Vietnam time (UTC+7, no daylight saving). Daily before 17:00 = {0, "17:00"}; monthly by
 * day 5 of the next month at 17:00 = {5, "17:00"}.
 */
export const deadlineRuleSchema = z.object({
  daysAfterEnd: z.number().int().min(0).max(366),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM'),
});
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

/** Vietnam's offset from UTC, in hours (Asia/Ho_Chi_Minh has no daylight saving). */
const VIETNAM_OFFSET_HOURS = 7;

/** The moment a period's data is due under the rule. Throws RangeError on an invalid period code. */
export function computeDeadline(periodCode: string, rule: DeadlineRule): Date {
  const period = parsePeriod(periodCode);
  if (!period) throw new RangeError(`Invalid period code: ${periodCode}`);
  const [hours = 0, minutes = 0] = rule.time.split(':').map(Number);
  const [year = 0, month = 1, day = 1] = period.end.split('-').map(Number);
  const utc = Date.UTC(year, month - 1, day + rule.daysAfterEnd, hours - VIETNAM_OFFSET_HOURS, minutes);
  return new Date(utc);
}

/** The period of this frequency containing the moment, in Vietnam time. */
export function periodContaining(frequency: DataSetFrequency, at: Date): string {
  const local = new Date(at.getTime() + VIETNAM_OFFSET_HOURS * 3_600_000);
  const year = String(local.getUTCFullYear()).padStart(4, '0');
  const month = local.getUTCMonth() + 1;
  switch (frequency) {
    case 'day':
      return `${year}-${String(month).padStart(2, '0')}-${String(local.getUTCDate()).padStart(2, '0')}`;
    case 'month':
      return `${year}-${String(month).padStart(2, '0')}`;
    case 'quarter':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'year':
      return year;
  }
}

/**
 * The periods whose deadline falls in [from, to], oldest first: the reporting periods a
 * scoreboard or a reminder run looks at.
 */
export function periodsDueBetween(
  frequency: DataSetFrequency,
  rule: DeadlineRule,
  from: Date,
  to: Date,
): string[] {
  const codes: string[] = [];
  let code = periodContaining(frequency, to);
  // A deadline is never before its period ends, so walking back from `to` ends once deadlines pass `from`.
  for (;;) {
    const deadline = computeDeadline(code, rule);
    if (deadline < from) break;
    if (deadline <= to) codes.push(code);
    code = previousPeriod(code);
  }
  return codes.reverse();
}

// ---------------------------------------------------------------------------------------------
// Validation rules
// ---------------------------------------------------------------------------------------------

const indicatorCode = z.string().min(1).max(64);

export const validationRuleSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('range'),
    indicator: indicatorCode,
    min: z.number().nullable().optional(),
    max: z.number().nullable().optional(),
  }),
  z.object({ kind: z.literal('required'), indicator: indicatorCode }),
  /** `left op right`, each side a formula over indicator codes, e.g. NAM + NU = TONG. */
  z.object({
    kind: z.literal('relation'),
    left: z.string().min(1).max(200),
    operator: z.enum(['=', '<=', '>=', '<', '>']),
    right: z.string().min(1).max(200),
    /** Allowed absolute difference for `=` (rounding in source systems). */
    tolerance: z.number().min(0).optional(),
  }),
  /** Flags (does not reject) a value far from the unit's own recent history. */
  z.object({
    kind: z.literal('outlier'),
    indicator: indicatorCode,
    /** How many earlier periods to compare with (12–24 is usual). */
    periods: z.number().int().min(4).max(60).default(12),
    /** Robust z-score above which a value is flagged (3.5 is the usual cut-off). */
    threshold: z.number().positive().default(3.5),
  }),
]);
export type ValidationRule = z.infer<typeof validationRuleSchema>;

/** A failed check on one row: an error rejects the row, a warning only flags it for review. */
export interface RuleFinding {
  severity: 'error' | 'warning';
  /** The indicator the finding is about (the first referenced one for a relation). */
  indicator: string;
  code: 'REQUIRED' | 'BELOW_MIN' | 'ABOVE_MAX' | 'RELATION' | 'OUTLIER';
  message: string;
  messageEn: string;
}

/** Parses every relation's formulas once; throws FormulaError on a malformed one. */
export function compileRules(rules: ValidationRule[]): CompiledRule[] {
  return rules.map((rule) =>
    rule.kind === 'relation'
      ? { ...rule, leftFormula: parseFormula(rule.left), rightFormula: parseFormula(rule.right) }
      : rule,
  );
}

export type CompiledRule =
  | Exclude<ValidationRule, { kind: 'relation' }>
  | (Extract<ValidationRule, { kind: 'relation' }> & { leftFormula: Formula; rightFormula: Formula });

function formatPlain(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

/**
 * Checks one unit's values for one period. `history` gives the unit's earlier values of an
 * indicator, newest first, for outlier rules. Relations whose inputs are missing are skipped
 * (`required` catches missing values).
 */
export function checkRules(
  rules: CompiledRule[],
  values: Map<string, number | null>,
  history: (indicator: string) => number[] = () => [],
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const rule of rules) {
    switch (rule.kind) {
      case 'required':
        if ((values.get(rule.indicator) ?? null) === null) {
          findings.push({
            severity: 'error',
            indicator: rule.indicator,
            code: 'REQUIRED',
            message: `Chỉ tiêu ${rule.indicator} bắt buộc phải có số liệu.`,
            messageEn: `${rule.indicator} is required.`,
          });
        }
        break;
      case 'range': {
        const value = values.get(rule.indicator);
        if (value === undefined || value === null) break;
        if (typeof rule.min === 'number' && value < rule.min) {
          findings.push({
            severity: 'error',
            indicator: rule.indicator,
            code: 'BELOW_MIN',
            message: `Giá trị ${formatPlain(value)} nhỏ hơn mức tối thiểu ${formatPlain(rule.min)}.`,
            messageEn: `Value ${formatPlain(value)} is below the minimum ${formatPlain(rule.min)}.`,
          });
        } else if (typeof rule.max === 'number' && value > rule.max) {
          findings.push({
            severity: 'error',
            indicator: rule.indicator,
            code: 'ABOVE_MAX',
            message: `Giá trị ${formatPlain(value)} lớn hơn mức tối đa ${formatPlain(rule.max)}.`,
            messageEn: `Value ${formatPlain(value)} is above the maximum ${formatPlain(rule.max)}.`,
          });
        }
        break;
      }
      case 'relation': {
        const lookup = (code: string) => values.get(code) ?? null;
        const left = rule.leftFormula.evaluate(lookup);
        const right = rule.rightFormula.evaluate(lookup);
        if (left === null || right === null) break;
        if (!holds(left, rule.operator, right, rule.tolerance ?? 1e-9)) {
          findings.push({
            severity: 'error',
            indicator: rule.leftFormula.refs[0] ?? rule.rightFormula.refs[0] ?? '',
            code: 'RELATION',
            message: `Không thỏa điều kiện ${rule.left} ${rule.operator} ${rule.right} (${formatPlain(left)} so với ${formatPlain(right)}).`,
            messageEn: `${rule.left} ${rule.operator} ${rule.right} does not hold (${formatPlain(left)} vs ${formatPlain(right)}).`,
          });
        }
        break;
      }
      case 'outlier': {
        const value = values.get(rule.indicator);
        if (value === undefined || value === null) break;
        const z = robustZScore(value, history(rule.indicator).slice(0, rule.periods));
        if (z !== null && Math.abs(z) > rule.threshold) {
          findings.push({
            severity: 'warning',
            indicator: rule.indicator,
            code: 'OUTLIER',
            message: `Giá trị ${formatPlain(value)} khác thường so với các kỳ trước của đơn vị (điểm z ${formatPlain(Math.round(z * 10) / 10)}); cần xem lại.`,
            messageEn: `Value ${formatPlain(value)} is unusual for this unit's history (z ${formatPlain(Math.round(z * 10) / 10)}); please review.`,
          });
        }
        break;
      }
    }
  }
  return findings;
}

function holds(
  left: number,
  operator: '=' | '<=' | '>=' | '<' | '>',
  right: number,
  tolerance: number,
): boolean {
  switch (operator) {
    case '=':
      return Math.abs(left - right) <= tolerance;
    case '<=':
      return left <= right + tolerance;
    case '>=':
      return left >= right - tolerance;
    case '<':
      return left < right;
    case '>':
      return left > right;
  }
}

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Robust z-score of a value against a history: 0.6745 (x − median) / MAD (Iglewicz and
 * Hoaglin). Null with fewer than 4 past values. When the MAD is 0 (a flat history), any other
 * value is infinitely far (±Infinity) and the same value is 0.
 */
export function robustZScore(value: number, history: number[]): number | null {
  if (history.length < 4) return null;
  const sorted = [...history].sort((a, b) => a - b);
  const centre = median(sorted);
  const mad = median(sorted.map((v) => Math.abs(v - centre)).sort((a, b) => a - b));
  if (mad === 0) return value === centre ? 0 : value > centre ? Infinity : -Infinity;
  return (0.6745 * (value - centre)) / mad;
}

// ---------------------------------------------------------------------------------------------
// Data set definitions
// ---------------------------------------------------------------------------------------------

/** Which units must report: an explicit list, or every unit of a level below a parent. */
export const unitSelectionSchema = z.union([
  z.object({ codes: z.array(z.string().min(1)).min(1).max(5000) }),
  z.object({ parentCode: z.string().min(1), level: z.enum(['district', 'commune']) }),
]);
export type UnitSelection = z.infer<typeof unitSelectionSchema>;

export const dataSetInputSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{2,64}$/, 'Mã 2–64 ký tự: chữ, số, _ . - / 2–64 letters, digits, _ . -'),
  name: z.string().trim().min(1).max(300),
  nameEn: z.string().trim().max(300).nullable().optional(),
  organisationCode: z.string().min(1),
  indicatorCodes: z.array(z.string().min(1)).min(1).max(200),
  units: unitSelectionSchema,
  frequency: dataSetFrequencySchema,
  deadline: deadlineRuleSchema,
  channel: dataSetChannelSchema,
  allowPartial: z.boolean().default(false),
  responsiblePersonCodes: z.array(z.string().min(1)).max(50).default([]),
  approverPersonCode: z.string().min(1).nullable().optional(),
  rules: z.array(validationRuleSchema).max(200).default([]),
  remindBeforeHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 31)
    .default(24),
  isActive: z.boolean().default(true),
});
export type DataSetInput = z.input<typeof dataSetInputSchema>;
