import { useApi } from '../../../lib/api/useApi';
import type { UnitLevel } from '../../../lib/api/types';
import { overviewUrls, type OverviewResponse } from '../api/overviewApi';

/** Domain tiles and current warnings for a month (the overview endpoint takes months only). */
export function useOverview(month: string | undefined, level?: UnitLevel) {
  const query = useApi<OverviewResponse>(month ? overviewUrls.overview(month, level) : null, {
    keepPrevious: true,
  });
  return { ...query, overview: query.data };
}
