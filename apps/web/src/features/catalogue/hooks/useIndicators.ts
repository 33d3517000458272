import { useApi } from '../../../lib/api/useApi';
import { catalogueUrls, type IndicatorDefinition } from '../api/catalogueApi';

/** Every indicator the visitor may see (anonymous: public ones), in catalogue order. */
export function useIndicators(domain?: string) {
  const query = useApi<{ indicators: IndicatorDefinition[] }>(
    catalogueUrls.indicators(domain ? { domain } : {}),
  );
  return { ...query, indicators: query.data?.indicators };
}
