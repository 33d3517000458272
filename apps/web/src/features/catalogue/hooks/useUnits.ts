import { useApi } from '../../../lib/api/useApi';
import type { UnitLevel, UnitRef } from '../../../lib/api/types';
import { catalogueUrls } from '../api/catalogueApi';

export function useUnits(query: { level?: UnitLevel; parent?: string; at?: string } | null) {
  const result = useApi<{ units: UnitRef[] }>(query ? catalogueUrls.units(query) : null);
  return { ...result, units: result.data?.units };
}
