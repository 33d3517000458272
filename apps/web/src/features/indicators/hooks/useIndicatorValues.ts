import { useApi } from '../../../lib/api/useApi';
import { indicatorUrls, type UnitSelection, type ValuesResponse } from '../api/indicatorsApi';

export function useIndicatorValues(code: string | null, period: string | undefined, units: UnitSelection) {
  const query = useApi<ValuesResponse>(code && period ? indicatorUrls.values(code, period, units) : null, {
    keepPrevious: true,
  });
  return { ...query, values: query.data };
}
