import {
  parseFormula,
  type Aggregation,
  type Direction,
  type Formula,
  type PeriodType,
  type Thresholds,
  type TimeAggregation,
} from '@ioc/shared';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import type { IndicatorsTable } from '../db/schema.js';
import type { Selectable } from 'kysely';

/** An indicator as the services use it: typed fields and its parsed formula. */
export interface IndicatorRecord {
  code: string;
  name: string;
  nameEn: string;
  domainCode: string;
  group: string;
  unitOfMeasure: string;
  periodType: PeriodType;
  aggregation: Aggregation;
  timeAggregation: TimeAggregation;
  weightIndicatorCode: string | null;
  formula: Formula | null;
  decimals: number;
  direction: Direction;
  thresholds: Thresholds;
  ownerOrganisationId: number | null;
  responsiblePersonId: number | null;
  teamId: number | null;
  source: string;
  isPublic: boolean;
  description: string | null;
}

export function toIndicatorRecord(row: Selectable<IndicatorsTable>): IndicatorRecord {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    domainCode: row.domain_code,
    group: row.indicator_group,
    unitOfMeasure: row.unit_of_measure,
    periodType: row.period_type as PeriodType,
    aggregation: row.aggregation as Aggregation,
    timeAggregation: row.time_aggregation as TimeAggregation,
    weightIndicatorCode: row.weight_indicator_code,
    formula: row.formula ? parseFormula(row.formula) : null,
    decimals: row.decimals,
    direction: row.direction as Direction,
    thresholds: row.thresholds as Thresholds,
    ownerOrganisationId: row.owner_organisation_id,
    responsiblePersonId: row.responsible_person_id,
    teamId: row.team_id,
    source: row.source,
    isPublic: row.is_public,
    description: row.description,
  };
}

/**
 * Loads the indicator catalogue keyed by code (a province has hundreds, not millions), or only
 * the indicators of `codes` (a bulk write names a few of them).
 */
export async function loadIndicators(db: Db, codes?: string[]): Promise<Map<string, IndicatorRecord>> {
  if (codes?.length === 0) return new Map();
  let query = db.selectFrom('indicators').selectAll();
  if (codes) query = query.where('code', 'in', codes);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.code, toIndicatorRecord(r)]));
}

/** One indicator by code, or a 404 naming it. */
export async function requireIndicatorRecord(db: Db, code: string): Promise<IndicatorRecord> {
  const row = await db.selectFrom('indicators').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) throw notFound('chỉ tiêu', 'Indicator', code);
  return toIndicatorRecord(row);
}

/** Codes an indicator's values are computed from: formula inputs and the weight indicator. */
export function inputsOf(indicator: IndicatorRecord): string[] {
  return [
    ...(indicator.formula?.refs ?? []),
    ...(indicator.weightIndicatorCode ? [indicator.weightIndicatorCode] : []),
  ];
}
