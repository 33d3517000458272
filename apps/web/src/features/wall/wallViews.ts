/**
 * The views a video wall rotates through, from `?views=overview,warnings,domain:KTXH,indicator:MT_AQI`.
 */
export type WallView =
  | { kind: 'overview' }
  | { kind: 'warnings' }
  | { kind: 'domains' }
  | { kind: 'domain'; code: string }
  | { kind: 'indicator'; code: string };

export const DEFAULT_VIEWS = 'overview,warnings,domains';
export const DEFAULT_INTERVAL_S = 30;
const MIN_INTERVAL_S = 5;

export function parseWallViews(text: string | null): WallView[] {
  const views: WallView[] = [];
  for (const part of (text || DEFAULT_VIEWS).split(',')) {
    const [kind = '', code = ''] = part.trim().split(':');
    if (kind === 'overview' || kind === 'warnings' || kind === 'domains') views.push({ kind });
    else if ((kind === 'domain' || kind === 'indicator') && code) views.push({ kind, code });
  }
  return views.length > 0 ? views : parseWallViews(DEFAULT_VIEWS);
}

export function parseInterval(text: string | null): number {
  const seconds = Number(text);
  return Number.isFinite(seconds) && seconds > 0 ? Math.max(MIN_INTERVAL_S, seconds) : DEFAULT_INTERVAL_S;
}
