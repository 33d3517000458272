/**
 * Client-side navigation on the History API: the app has a handful of routes whose state lives in
 * the query string, which this covers without a router dependency.
 */
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

export function subscribeToLocation(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function currentLocationKey(): string {
  return window.location.pathname + window.location.search;
}

/** Goes to an app URL; `replace` for state changes that should not fill the back button (sliders, pickers). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentLocationKey()) return;
  const pathChanged = new URL(to, window.location.href).pathname !== window.location.pathname;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  if (pathChanged) window.scrollTo(0, 0);
  notify();
}

/** Route params of `pattern` (e.g. `/unit/:code`) in `pathname`, or null when it does not match. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] as string;
    const actual = have[i] as string;
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(actual);
    else if (segment !== actual) return null;
  }
  return params;
}
