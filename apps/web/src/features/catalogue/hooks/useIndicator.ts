import { useApi } from '../../../lib/api/useApi';
import { catalogueUrls, type IndicatorDefinition } from '../api/catalogueApi';

export function useIndicator(code: string | null) {
  const query = useApi<IndicatorDefinition>(code ? catalogueUrls.indicator(code) : null);
  return { ...query, indicator: query.data };
}
