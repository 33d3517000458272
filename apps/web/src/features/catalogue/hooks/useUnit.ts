import { useApi } from '../../../lib/api/useApi';
import { catalogueUrls, type UnitDetail } from '../api/catalogueApi';

export function useUnit(code: string | null) {
  const query = useApi<UnitDetail>(code ? catalogueUrls.unit(code) : null);
  return { ...query, unit: query.data };
}
