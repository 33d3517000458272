/**
 * Live updates: one EventSource on /api/v1/stream for the whole app. A `data-changed` event
 * refetches the data on screen (values, series, rankings, overview, scorecards) without a reload;
 * a `notification` event refetches the notification list; `event` and `incident` messages are
 * applied at once by the screens subscribed to them (the operator screen: useLiveOperations), then
 * refetch the operator screen and the map of now for the exact answer (coalesced during bursts).
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

const topicListeners = new Map<string, Set<(data: unknown) => void>>();

/** Calls `listener` with the data of every live message of `topic` (while the stream is open); returns the unsubscribe. */
export function subscribeToTopic(topic: string, listener: (data: unknown) => void): () => void {
  const set = topicListeners.get(topic) ?? new Set();
  set.add(listener);
  topicListeners.set(topic, set);
  return () => {
    set.delete(listener);
  };
}

/** Screens apply the message at once (topic listeners), then what it can change refetches to stay exact. */
function operationsMessage(topic: 'event' | 'incident'): (data: unknown) => void {
  return (data) => {
    for (const listener of topicListeners.get(topic) ?? []) listener(data);
    operationsChanged(topic);
  };
}

/** Live operations (events, incidents) refetch their lists at most this often during a burst. */
const OPERATIONS_COALESCE_MS = 300;
const operationsTimers = new Map<string, { pending: boolean }>();

/**
 * What a message can change: an event only event groups (so the map's event layer is not queued
 * behind the incident lists); an incident itself and the groups it links; after a replay, both.
 */
const CHANGED_BY: Record<'event' | 'incident' | 'replay', (url: string) => boolean> = {
  event: (url) => /\/api\/v1\/events([/?]|$)/.test(url),
  incident: isOperationsUrl,
  replay: isOperationsUrl,
};

/** Refetches at once, then at most once per OPERATIONS_COALESCE_MS per kind while messages keep coming. */
function operationsChanged(kind: keyof typeof CHANGED_BY): void {
  const timer = operationsTimers.get(kind);
  if (timer) {
    timer.pending = true;
    return;
  }
  invalidateQueries(CHANGED_BY[kind]);
  const state = { pending: false };
  operationsTimers.set(kind, state);
  setTimeout(() => {
    operationsTimers.delete(kind);
    if (state.pending) operationsChanged(kind);
  }, OPERATIONS_COALESCE_MS);
}

/** Data that live-operations messages (events, incidents) can change. */
export function isOperationsUrl(url: string): boolean {
  return /\/api\/v1\/(events|incidents)([/?]|$)/.test(url);
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
        notification: () => invalidateQueries((url) => url.startsWith('/api/v1/notifications')),
        'sensor-alert': () => invalidateQueries((url) => url.startsWith('/api/v1/sensors')),
        event: operationsMessage('event'),
        incident: operationsMessage('incident'),
        // After a reconnect the missed messages were replayed; a gap longer than the retention reloads everything.
        'replay-done': () => operationsChanged('replay'),
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
