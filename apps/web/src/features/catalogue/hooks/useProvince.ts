import { useApi } from '../../../lib/api/useApi';
import type { UnitRef } from '../../../lib/api/types';
import { catalogueUrls } from '../api/catalogueApi';

/** The top of the unit tree (the province): the default subject of series and scorecards. */
export function useProvince() {
  const query = useApi<{ units: UnitRef[] }>(catalogueUrls.units({ level: 'province' }));
  const units = query.data?.units ?? [];
  // After a merge the newest province is the one still in force.
  const province = units.find((u) => !u.validTo) ?? units[units.length - 1];
  return { ...query, province };
}
