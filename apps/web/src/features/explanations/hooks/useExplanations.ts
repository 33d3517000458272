import { useApi } from '../../../lib/api/useApi';
import { explanationUrls, type ExplanationEntry } from '../api/explanationsApi';

export function useExplanations(code: string, unit: string | undefined, period: string | undefined) {
  const query = useApi<{ entries: ExplanationEntry[] }>(
    unit && period ? explanationUrls.thread(code, unit, period) : null,
  );
  return { ...query, entries: query.data?.entries };
}
