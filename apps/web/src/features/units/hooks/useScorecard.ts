import { useApi } from '../../../lib/api/useApi';
import { scorecardUrls, type ScorecardResponse } from '../api/scorecardApi';

export function useScorecard(code: string, month: string | undefined) {
  const query = useApi<ScorecardResponse>(month ? scorecardUrls.scorecard(code, month) : null, {
    keepPrevious: true,
  });
  return { ...query, scorecard: query.data?.unit.code === code ? query.data : undefined };
}
