import {
  assessWarning,
  formatPeriodLabel,
  parsePeriod,
  resolveTarget,
  type Period,
  type TargetValue,
  type WarningLevel,
} from '@ioc/shared';
import type { UnitView } from '../catalogue/catalogue.service.js';
import type { IndicatorRecord } from '../catalogue/indicator-record.js';
import { AppError } from '../errors.js';
import type { UnitNode } from '../units/unit-tree.js';

/** How one roll-up cell reads against its target: the pieces every value view shares. */
export interface Assessment {
  value: number | null;
  coverage: number | null;
  target: number | null;
  targetLow: number | null;
  targetHigh: number | null;
  targetBasis: 'exact' | 'annual' | 'pro_rata' | null;
  level: WarningLevel;
  achievement: number | null;
  reason: { vi: string; en: string };
}

export interface UnitValue extends Assessment {
  unit: UnitView;
  /** True when the caller may not see this unit's value of an internal indicator. */
  restricted: boolean;
}

const RESTRICTED_REASON = { vi: 'Không thuộc phạm vi được xem', en: 'Outside your scope' };

export function requirePeriod(code: string): Period {
  const period = parsePeriod(code);
  if (!period) {
    throw new AppError(
      'VALIDATION_FAILED',
      { period: code },
      {
        vi: `Kỳ "${code}" sai định dạng (ví dụ: 2024-03, 2024-Q1, 2024-6M, 2024).`,
        en: `Period "${code}" is malformed (e.g. 2024-03, 2024-Q1, 2024-6M, 2024).`,
      },
    );
  }
  return period;
}

export function existsDuring(unit: UnitNode, period: Period): boolean {
  return (!unit.validFrom || unit.validFrom <= period.end) && (!unit.validTo || period.start <= unit.validTo);
}

export interface Cell {
  value: number;
  coverage: number;
}

export function assess(
  indicator: IndicatorRecord,
  period: Period,
  cell: Cell | undefined,
  targets: Map<string, TargetValue> | undefined,
): Assessment {
  const resolved = resolveTarget(period, indicator.timeAggregation, (p) => targets?.get(p) ?? null);
  const warning = assessWarning({
    value: cell?.value ?? null,
    target: resolved,
    direction: indicator.direction,
    thresholds: indicator.thresholds,
    decimals: indicator.decimals,
    unitOfMeasure: indicator.unitOfMeasure,
  });
  return {
    value: cell?.value ?? null,
    coverage: cell?.coverage ?? null,
    target: resolved?.target.value ?? null,
    targetLow: resolved?.target.low ?? null,
    targetHigh: resolved?.target.high ?? null,
    targetBasis: resolved?.basis ?? null,
    ...warning,
  };
}

export function restrictedAssessment(): Assessment {
  return {
    value: null,
    coverage: null,
    target: null,
    targetLow: null,
    targetHigh: null,
    targetBasis: null,
    level: 'no_data',
    achievement: null,
    reason: RESTRICTED_REASON,
  };
}

export function change(
  value: number | null,
  before: number | null,
): { change: number | null; changePercent: number | null } {
  if (value === null || before === null) return { change: null, changePercent: null };
  return {
    change: value - before,
    changePercent: before === 0 ? null : ((value - before) / Math.abs(before)) * 100,
  };
}

export function periodView(period: Period) {
  return {
    code: period.code,
    type: period.type,
    start: period.start,
    end: period.end,
    label: formatPeriodLabel(period.code, 'vi'),
    labelEn: formatPeriodLabel(period.code, 'en'),
  };
}

export function summary(indicator: IndicatorRecord) {
  return {
    code: indicator.code,
    name: indicator.name,
    nameEn: indicator.nameEn,
    unitOfMeasure: indicator.unitOfMeasure,
    periodType: indicator.periodType,
    direction: indicator.direction,
    decimals: indicator.decimals,
    isPublic: indicator.isPublic,
  };
}
