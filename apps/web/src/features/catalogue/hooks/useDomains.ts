import { useApi } from '../../../lib/api/useApi';
import { catalogueUrls, type Domain } from '../api/catalogueApi';

export function useDomains() {
  const query = useApi<{ domains: Domain[] }>(catalogueUrls.domains());
  return { ...query, domains: query.data?.domains };
}
