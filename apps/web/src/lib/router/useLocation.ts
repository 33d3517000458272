import { useMemo, useSyncExternalStore } from 'react';
import { currentLocationKey, subscribeToLocation } from './history';

export interface AppLocation {
  pathname: string;
  query: URLSearchParams;
}

export function useLocation(): AppLocation {
  const key = useSyncExternalStore(subscribeToLocation, currentLocationKey);
  return useMemo(() => {
    const url = new URL(key, window.location.origin);
    return { pathname: url.pathname, query: url.searchParams };
  }, [key]);
}
