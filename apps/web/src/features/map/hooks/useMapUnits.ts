import { useApi } from '../../../lib/api/useApi';
import type { UnitLevel } from '../../../lib/api/types';
import { mapUrls, type MapUnitCollection } from '../api/mapApi';

/** Unit shapes of a level valid in a period (official boundaries, or schematic cells). */
export function useMapUnits(level: UnitLevel, period: string | undefined) {
  const query = useApi<MapUnitCollection>(period ? mapUrls.units({ level, period }) : null, {
    keepPrevious: true,
  });
  return { ...query, collection: query.data };
}
