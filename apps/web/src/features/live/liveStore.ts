/**
 * Live updates: one EventSource on /api/v1/stream for the whole app. A `data-changed` event
 * refetches the data on screen (values, series, rankings, overview, scorecards) without a reload.
 */
import { invalidateQueries } from '../../lib/api/query';
import { openEventStream } from '../../lib/live/eventStream';

export interface LiveStatus {
  connected: boolean;
  /** ISO time of the last data-changed event. */
  lastChange: string | null;
  changes: number;
}

let status: LiveStatus = { connected: false, lastChange: null, changes: 0 };
const listeners = new Set<() => void>();
let users = 0;
let close: (() => void) | null = null;

function set(patch: Partial<LiveStatus>): void {
  status = { ...status, ...patch };
  for (const l of listeners) l();
}

/** Data that new observations can change; catalogue and session calls are left alone. */
export function isDataUrl(url: string): boolean {
  return /\/api\/v1\/(indicators\/[^/]+\/(values|series|ranking|explanations)|overview|units\/[^/]+\/scorecard|map\/)/.test(
    url,
  );
}

export function startLiveUpdates(): () => void {
  users += 1;
  if (users === 1) {
    close = openEventStream(
      '/api/v1/stream',
      {
        'data-changed': (data) => {
          const codes = (data as { indicators?: string[] } | null)?.indicators ?? [];
          invalidateQueries((url) => {
            if (!isDataUrl(url)) return false;
            // Overview and scorecards mix every indicator; per-indicator calls refetch only when named.
            const match = /\/indicators\/([^/?]+)\//.exec(url);
            return !match || codes.length === 0 || codes.includes(decodeURIComponent(match[1] ?? ''));
          });
          set({ lastChange: new Date().toISOString(), changes: status.changes + 1 });
        },
        // A camera went on- or offline: the wall and the camera map show it.
        'camera-status': () => invalidateQueries((url) => url.startsWith('/api/v1/cameras')),
        // An alert was issued, updated or cancelled: public and operator lists follow.
        'public-alert': () =>
          invalidateQueries(
            (url) => url.startsWith('/api/v1/alerts') || url.startsWith('/api/v1/public/alerts'),
          ),
      },
      (connected) => set({ connected }),
    );
  }
  return () => {
    users -= 1;
    if (users === 0) {
      close?.();
      close = null;
      set({ connected: false });
    }
  };
}

export function subscribeToLiveStatus(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function liveStatus(): LiveStatus {
  return status;
}
