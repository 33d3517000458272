import { useApi } from '../../../lib/api/useApi';
import type { PeriodType } from '../../../lib/api/types';
import { indicatorUrls, type SeriesResponse } from '../api/indicatorsApi';

export function useSeries(
  code: string | null,
  query: { unit: string; from?: string; to?: string; periodType?: PeriodType } | null,
) {
  const result = useApi<SeriesResponse>(code && query ? indicatorUrls.series(code, query) : null, {
    keepPrevious: true,
  });
  return { ...result, series: result.data };
}
