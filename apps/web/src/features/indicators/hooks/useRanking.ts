import { useApi } from '../../../lib/api/useApi';
import { indicatorUrls, type RankingResponse, type UnitSelection } from '../api/indicatorsApi';

export function useRanking(code: string | null, period: string | undefined, units: UnitSelection) {
  const query = useApi<RankingResponse>(code && period ? indicatorUrls.ranking(code, period, units) : null, {
    keepPrevious: true,
  });
  return { ...query, ranking: query.data };
}
