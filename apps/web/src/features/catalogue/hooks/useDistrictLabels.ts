import { useMemo } from 'react';
import { useI18n } from '../../../lib/i18n/useI18n';
import type { MapLabel } from '../../../lib/map/FeatureMap';
import { useUnits } from './useUnits';

/** District names at their centroids, so a map without a basemap still shows where things are. */
export function useDistrictLabels(): MapLabel[] {
  const { pick } = useI18n();
  const { units } = useUnits({ level: 'district' });
  return useMemo(
    () =>
      (units ?? []).flatMap((u) =>
        u.centroid ? [{ lon: u.centroid[0], lat: u.centroid[1], text: pick(u) }] : [],
      ),
    [units, pick],
  );
}
