import { useCallback, useRef, useSyncExternalStore } from 'react';
import { refetchQuery, snapshot, subscribe, type QueryState } from './query';

const IDLE: QueryState<never> = { data: undefined, error: null, isLoading: false, isFetching: false };
const noop = () => () => {};

/**
 * The data behind a GET URL (null: nothing to fetch yet). With `keepPrevious`, a component that
 * switches URL (another indicator, another period) keeps showing the previous data until the new
 * arrives, so a map recolours instead of flashing empty.
 */
export function useApi<T>(
  url: string | null,
  options: { keepPrevious?: boolean } = {},
): QueryState<T> & { refetch: () => void } {
  const subscribeToUrl = useCallback(
    (listener: () => void) => (url ? subscribe(url, listener) : noop()),
    [url],
  );
  const state = useSyncExternalStore(subscribeToUrl, () =>
    url ? snapshot<T>(url) : (IDLE as QueryState<T>),
  );
  const previous = useRef<T | undefined>(undefined);
  if (state.data !== undefined) previous.current = state.data;
  const refetch = useCallback(() => {
    if (url) refetchQuery(url);
  }, [url]);
  if (options.keepPrevious && state.data === undefined && previous.current !== undefined) {
    return { ...state, data: previous.current, refetch };
  }
  return { ...state, refetch };
}
