import { useEffect, useSyncExternalStore } from 'react';
import { liveStatus, startLiveUpdates, subscribeToLiveStatus, type LiveStatus } from '../liveStore';

/** Keeps the live stream open while the calling component is mounted, and reports its status. */
export function useLiveUpdates(): LiveStatus {
  useEffect(() => startLiveUpdates(), []);
  return useSyncExternalStore(subscribeToLiveStatus, liveStatus);
}
