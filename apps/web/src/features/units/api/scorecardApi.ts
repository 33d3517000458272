import { buildUrl } from '../../../lib/api/http';
import type {
  Assessment,
  IndicatorSummary,
  OrganisationRef,
  PeriodView,
  UnitRef,
} from '../../../lib/api/types';
import type { LevelCounts } from '../../overview/api/overviewApi';

export interface ScorecardRow extends Assessment {
  indicator: IndicatorSummary;
  period: PeriodView;
  rank?: number | null;
  rankOf?: number | null;
  responsible?: { name: string; title?: string | null } | null;
  owner?: OrganisationRef | null;
}

export interface ScorecardDomain {
  code: string;
  name: string;
  nameEn?: string | null;
  counts?: LevelCounts;
  indicators: ScorecardRow[];
}

export interface ScorecardResponse {
  unit: UnitRef;
  ancestors: UnitRef[];
  period: PeriodView;
  counts: LevelCounts;
  domains: ScorecardDomain[];
  offTarget?: ScorecardRow[];
}

export const scorecardUrls = {
  scorecard: (code: string, period: string) =>
    buildUrl(`/api/v1/units/${encodeURIComponent(code)}/scorecard`, { period }),
};
