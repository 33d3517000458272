import { useApi } from '../../../lib/api/useApi';
import { buildUrl } from '../../../lib/api/http';
import { useIndicators } from '../../catalogue/hooks/useIndicators';
import { useProvince } from '../../catalogue/hooks/useProvince';

interface SeriesPoints {
  points: { period: { code: string }; value: number | null }[];
}

/**
 * The latest month with data, derived from the province series of the first monthly indicator
 * the visitor can see (the API has no "latest period" call). Undefined while loading.
 */
export function useLatestMonth(): { latestMonth: string | undefined; error: unknown } {
  const { indicators, error: indicatorsError } = useIndicators();
  const { province, error: provinceError } = useProvince();
  const monthly = indicators?.find((i) => i.periodType === 'month');
  const series = useApi<SeriesPoints>(
    monthly && province
      ? buildUrl(`/api/v1/indicators/${encodeURIComponent(monthly.code)}/series`, { unit: province.code })
      : null,
  );
  const points = series.data?.points ?? [];
  const latest = [...points].reverse().find((p) => p.value !== null)?.period.code;
  const fallback = new Date().toISOString().slice(0, 7);
  const settled = series.data !== undefined || series.error || (indicators && !monthly);
  return {
    latestMonth: settled ? (latest ?? fallback) : undefined,
    error: indicatorsError ?? provinceError ?? null,
  };
}
