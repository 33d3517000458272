import { useCallback } from 'react';
import { navigate } from './history';
import { useLocation } from './useLocation';

export type QueryPatch = Record<string, string | number | null | undefined>;

/** Applies a patch to the current query string (null/undefined/'' removes a key) and returns the URL. */
export function withQuery(pathname: string, query: URLSearchParams, patch: QueryPatch): string {
  const next = new URLSearchParams(query);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
  }
  const search = next.toString();
  return search ? `${pathname}?${search}` : pathname;
}

/**
 * The page's state kept in the URL query (so a view can be shared): read with `query.get`, change
 * with `setQuery({key: value})`, which replaces the history entry.
 */
export function useQueryState(): {
  query: URLSearchParams;
  setQuery: (patch: QueryPatch, options?: { push?: boolean }) => void;
} {
  const { pathname, query } = useLocation();
  const setQuery = useCallback(
    (patch: QueryPatch, options: { push?: boolean } = {}) =>
      navigate(withQuery(pathname, query, patch), { replace: !options.push }),
    [pathname, query],
  );
  return { query, setQuery };
}
