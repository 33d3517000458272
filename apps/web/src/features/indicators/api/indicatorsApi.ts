import { buildUrl } from '../../../lib/api/http';
import type {
  Assessment,
  IndicatorSummary,
  PeriodType,
  PeriodView,
  UnitLevel,
  UnitRef,
} from '../../../lib/api/types';

/** Which units a values/ranking call covers: a whole level, or the children of one unit. */
export type UnitSelection = { level: UnitLevel; parent?: undefined } | { parent: string; level?: undefined };

export interface ValueRow extends Assessment {
  unit: UnitRef;
  coverage?: number | null;
  targetBasis?: string | null;
}

export interface ValuesResponse {
  indicator: IndicatorSummary;
  period: PeriodView;
  rows: ValueRow[];
}

export interface RankingRow extends ValueRow {
  rank: number;
  samePeriodLastYear: number | null;
  change: number | null;
  changePercent: number | null;
  /** Value minus the reference's (the parent unit's own figure). */
  differenceFromReference?: number | null;
}

export interface RankingResponse {
  indicator: IndicatorSummary;
  period: PeriodView;
  samePeriodLastYear?: PeriodView;
  /** The parent unit's own figure the units are compared with (a total for summed indicators). */
  reference?: { unit: UnitRef; value: number | null } | null;
  rows: RankingRow[];
  withoutData: { unit: UnitRef; restricted: boolean }[];
}

export interface SeriesPoint extends Assessment {
  period: PeriodView;
  ytd: (Assessment & { period: PeriodView }) | null;
  samePeriodLastYear: number | null;
  ytdSamePeriodLastYear?: number | null;
  change: number | null;
  changePercent: number | null;
  convertedFromPredecessors: boolean;
}

export interface SeriesResponse {
  indicator: IndicatorSummary;
  unit: UnitRef;
  periodType: PeriodType;
  points: SeriesPoint[];
}

const base = (code: string) => `/api/v1/indicators/${encodeURIComponent(code)}`;

export const indicatorUrls = {
  values: (code: string, period: string, units: UnitSelection) =>
    buildUrl(`${base(code)}/values`, { period, ...units }),
  ranking: (code: string, period: string, units: UnitSelection) =>
    buildUrl(`${base(code)}/ranking`, { period, ...units }),
  series: (code: string, query: { unit: string; from?: string; to?: string; periodType?: PeriodType }) =>
    buildUrl(`${base(code)}/series`, query),
  export: (code: string, period: string, units: UnitSelection, format: 'csv' | 'xlsx') =>
    buildUrl(`${base(code)}/export`, { period, ...units, format }),
};

/**
 * Whether the reference can be read as a level the units are compared with (a rate, a mean): it
 * lies within the units' range. A summed indicator's parent figure is their total, larger than
 * any of them, and a difference from it means nothing.
 */
export function comparableReference(ranking: RankingResponse): { unit: UnitRef; value: number } | null {
  const value = ranking.reference?.value;
  if (!ranking.reference || value === null || value === undefined) return null;
  const values = ranking.rows.map((r) => r.value).filter((v): v is number => v !== null);
  if (values.length === 0) return null;
  return value >= Math.min(...values) && value <= Math.max(...values)
    ? { unit: ranking.reference.unit, value }
    : null;
}
