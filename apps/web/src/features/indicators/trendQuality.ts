import type { Direction } from '@ioc/shared';

/** Whether a move up or down is an improvement for an indicator of this direction (null: cannot say). */
export function isGoodTrend(
  trend: 'up' | 'down' | 'flat' | null | undefined,
  direction: Direction,
): boolean | null {
  if (!trend || trend === 'flat' || direction === 'band') return null;
  return direction === 'higher_better' ? trend === 'up' : trend === 'down';
}

/** up/down/flat from a change, or null without one. */
export function trendOf(change: number | null | undefined): 'up' | 'down' | 'flat' | null {
  if (change === null || change === undefined) return null;
  return change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
}
