/**
 * A small cache of GET requests keyed by URL, shared by every component that asks for the same
 * URL. It is the app's only data-fetching layer (wrapped here so it can be swapped for a library
 * without touching features): entries are refetched when invalidated (login, logout, a live
 * `data-changed` event) or when older than MAX_AGE_MS, and keep their last data while refetching
 * so a live update never blanks a screen.
 */
import { requestJson } from './http';

export interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  /** No data yet for this URL. */
  isLoading: boolean;
  /** A request is in flight (first load or refresh). */
  isFetching: boolean;
}

interface Entry {
  state: QueryState<unknown>;
  fetchedAt: number;
  stale: boolean;
  inflight: AbortController | null;
  listeners: Set<() => void>;
  /** Counts the live patches applied (see patchQueries): a response requested before one is out of date. */
  patches: number;
}

const MAX_AGE_MS = 5 * 60_000;
const entries = new Map<string, Entry>();
const EMPTY: QueryState<never> = { data: undefined, error: null, isLoading: true, isFetching: false };

function entryFor(key: string): Entry {
  let entry = entries.get(key);
  if (!entry) {
    entry = { state: EMPTY, fetchedAt: 0, stale: true, inflight: null, listeners: new Set(), patches: 0 };
    entries.set(key, entry);
  }
  return entry;
}

function update(entry: Entry, patch: Partial<QueryState<unknown>>): void {
  entry.state = { ...entry.state, ...patch };
  for (const listener of entry.listeners) listener();
}

function load(key: string): void {
  const entry = entryFor(key);
  if (entry.inflight) return;
  const controller = new AbortController();
  entry.inflight = controller;
  entry.stale = false;
  const patches = entry.patches;
  update(entry, { isFetching: true });
  requestJson<unknown>(key, { signal: controller.signal }).then(
    (data) => {
      entry.inflight = null;
      entry.fetchedAt = Date.now();
      // Requested before a live message was applied: the patched data is newer, so keep it.
      if (entry.patches === patches)
        update(entry, { data, error: null, isLoading: false, isFetching: false });
      else update(entry, { isFetching: false });
      // Invalidated while in flight: the answer may predate the change, so ask again.
      if (entry.stale && entry.listeners.size > 0) load(key);
    },
    (error: unknown) => {
      entry.inflight = null;
      if (controller.signal.aborted) return;
      entry.fetchedAt = Date.now();
      // Keep the last good data on a failed refresh: a wall screen must not go blank on a blip.
      update(entry, { error, isLoading: false, isFetching: false });
    },
  );
}

function needsLoad(entry: Entry): boolean {
  return entry.stale || Date.now() - entry.fetchedAt > MAX_AGE_MS;
}

export function subscribe(key: string, listener: () => void): () => void {
  const entry = entryFor(key);
  entry.listeners.add(listener);
  if (needsLoad(entry)) load(key);
  return () => {
    entry.listeners.delete(listener);
  };
}

export function snapshot<T>(key: string): QueryState<T> {
  return entryFor(key).state as QueryState<T>;
}

/** Marks matching entries stale and refetches those on screen now; the rest reload when next shown. */
export function invalidateQueries(predicate: (url: string) => boolean = () => true): void {
  for (const [key, entry] of entries) {
    if (!predicate(key)) continue;
    entry.stale = true;
    if (entry.listeners.size > 0) load(key);
  }
}

/**
 * Applies a live message to the data already held, so a screen shows it without waiting for a
 * round trip: `patch` gets each URL with its data and returns the new data, or the same object when
 * the message does not change it. The caller invalidates the same URLs for the exact answer; a
 * response requested before the patch is dropped rather than undo it.
 */
export function patchQueries(patch: (url: string, data: unknown) => unknown): void {
  for (const [key, entry] of entries) {
    if (entry.state.data === undefined) continue;
    const data = patch(key, entry.state.data);
    if (data === entry.state.data) continue;
    entry.patches += 1;
    update(entry, { data });
  }
}

/** Refetches one URL now (e.g. after posting to it). */
export function refetchQuery(key: string): void {
  const entry = entryFor(key);
  entry.inflight?.abort();
  entry.inflight = null;
  load(key);
}
