/**
 * Shapes shared by several API answers (units, periods, warning assessments). Feature-specific
 * answers are typed in each feature's api/ folder.
 */
import type { Direction, PeriodType, UnitLevel, WarningLevel } from '@ioc/shared';

export type { Direction, PeriodType, UnitLevel, WarningLevel };

export interface Bilingual {
  vi: string;
  en: string;
}

export interface UnitRef {
  code: string;
  name: string;
  nameEn?: string | null;
  level: UnitLevel;
  parentCode?: string | null;
  hasBoundary?: boolean;
  centroid?: [number, number] | null;
  validFrom?: string | null;
  validTo?: string | null;
}

export interface PeriodView {
  code: string;
  type?: PeriodType;
  label?: string;
  labelEn?: string;
  start?: string;
  end?: string;
}

export interface IndicatorSummary {
  code: string;
  name: string;
  nameEn?: string | null;
  unitOfMeasure: string;
  periodType: PeriodType;
  direction: Direction;
  decimals: number;
  isPublic?: boolean;
  domainCode?: string;
}

/** A value judged against its target: what every map cell, tile and table row carries. */
export interface Assessment {
  value: number | null;
  target?: number | null;
  targetLow?: number | null;
  targetHigh?: number | null;
  level: WarningLevel;
  achievement?: number | null;
  reason?: Bilingual | null;
  restricted?: boolean;
}

export interface Person {
  code?: string;
  name: string;
  title?: string | null;
}

export interface OrganisationRef {
  code: string;
  name: string;
  nameEn?: string | null;
}
