import { buildUrl } from '../../../lib/api/http';
import type {
  IndicatorSummary,
  OrganisationRef,
  Person,
  PeriodType,
  UnitLevel,
  UnitRef,
} from '../../../lib/api/types';
import type { Thresholds } from '@ioc/shared';

export interface Domain {
  code: string;
  name: string;
  nameEn?: string | null;
}

export interface IndicatorDefinition extends IndicatorSummary {
  domainCode: string;
  domainName?: string;
  domainNameEn?: string | null;
  group?: string | null;
  aggregation?: string;
  timeAggregation?: string;
  formula?: string | null;
  thresholds: Thresholds;
  owner?: OrganisationRef | null;
  responsiblePerson?: Person | null;
  team?: { code: string; name: string; nameEn?: string | null } | null;
  source?: string | null;
  description?: string | null;
  isPublic: boolean;
}

export const catalogueUrls = {
  domains: () => '/api/v1/domains',
  indicators: (query: { domain?: string; periodType?: PeriodType } = {}) =>
    buildUrl('/api/v1/indicators', query),
  indicator: (code: string) => `/api/v1/indicators/${encodeURIComponent(code)}`,
  units: (query: { level?: UnitLevel; parent?: string; at?: string } = {}) =>
    buildUrl('/api/v1/units', query),
  unit: (code: string) => `/api/v1/units/${encodeURIComponent(code)}`,
};

export interface UnitDetail extends UnitRef {
  ancestors: UnitRef[];
}
