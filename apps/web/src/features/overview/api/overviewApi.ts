import { buildUrl } from '../../../lib/api/http';
import type {
  Assessment,
  IndicatorSummary,
  OrganisationRef,
  PeriodView,
  UnitLevel,
  UnitRef,
  WarningLevel,
} from '../../../lib/api/types';

export type LevelCounts = Partial<Record<WarningLevel, number>>;
export type Trend = 'up' | 'down' | 'flat';

export interface OverviewTile extends Assessment {
  indicator: IndicatorSummary;
  period: PeriodView;
  samePeriodLastYear?: number | null;
  changePercent?: number | null;
  trend?: Trend | null;
}

export interface OverviewDomain {
  code: string;
  name: string;
  nameEn?: string | null;
  counts: LevelCounts;
  tiles: OverviewTile[];
}

export interface OverviewWarning extends Assessment {
  indicator: IndicatorSummary & { domainCode?: string };
  unit: UnitRef;
  period: PeriodView | string;
  responsible?: { name: string; title?: string | null } | null;
  owner?: OrganisationRef | null;
}

export interface OverviewResponse {
  period: PeriodView;
  root?: UnitRef;
  domains: OverviewDomain[];
  warnings: OverviewWarning[];
}

export const overviewUrls = {
  overview: (period: string, level?: UnitLevel) => buildUrl('/api/v1/overview', { period, level }),
};
