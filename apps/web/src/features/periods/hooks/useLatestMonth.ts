import { useApi } from '../../../lib/api/useApi';

/** The latest month with figures the visitor may see (the current month when there are none); undefined while loading. */
export function useLatestMonth(): { latestMonth: string | undefined; error: unknown } {
  const { data, error } = useApi<{ month: string | null }>('/api/v1/overview/latest-month');
  return {
    latestMonth: data ? (data.month ?? new Date().toISOString().slice(0, 7)) : undefined,
    error,
  };
}
