/**
 * The warning bands behind a series chart: for each period, the value ranges that would be red,
 * orange, yellow and green given that period's target and the indicator's thresholds (see
 * thresholdsSchema in @ioc/shared). Pure, for the chart and its tests.
 */
import type { Direction, Thresholds, WarningLevel } from '@ioc/shared';

export interface BandSlice {
  level: WarningLevel;
  /** Lower and upper edge per period (null: no band that period). */
  from: (number | null)[];
  to: (number | null)[];
}

interface PointTargets {
  target: number | null | undefined;
  targetLow?: number | null;
  targetHigh?: number | null;
}

/**
 * Bands from 0 up to `top`, bottom to top. Higher-better: red, orange, yellow, green; lower-better:
 * green, yellow, orange, red. Achievement thresholds scale with each period's target; absolute
 * ones are fixed. Band indicators: green inside [low, high].
 */
export function warningBands(
  points: PointTargets[],
  direction: Direction,
  thresholds: Thresholds,
  top: number,
): BandSlice[] {
  const edgesFor = (p: PointTargets): number[] | null => {
    if (direction === 'band') return null;
    if (thresholds.mode === 'absolute') return [thresholds.red, thresholds.orange, thresholds.yellow];
    if (p.target === null || p.target === undefined) return null;
    const t = p.target;
    return [(thresholds.red / 100) * t, (thresholds.orange / 100) * t, (thresholds.yellow / 100) * t];
  };
  if (direction === 'band') {
    const low = points.map((p) => p.targetLow ?? null);
    const high = points.map((p) => p.targetHigh ?? null);
    return [{ level: 'green', from: low, to: high }];
  }
  const edges = points.map(edgesFor);
  const at = (i: number) => edges.map((e) => (e ? Math.min(e[i] as number, top) : null));
  const [e0, e1, e2] = [at(0), at(1), at(2)];
  const zero = edges.map((e) => (e ? 0 : null));
  const ceiling = edges.map((e) => (e ? top : null));
  if (direction === 'higher_better') {
    // Edges ascend: red below red%, orange up to orange%, yellow up to yellow%, green above.
    return [
      { level: 'red', from: zero, to: e0 },
      { level: 'orange', from: e0, to: e1 },
      { level: 'yellow', from: e1, to: e2 },
      { level: 'green', from: e2, to: ceiling },
    ];
  }
  // lower_better: the target is a ceiling; edges are yellow% < orange% < red%.
  return [
    { level: 'green', from: zero, to: e2 },
    { level: 'yellow', from: e2, to: e1 },
    { level: 'orange', from: e1, to: e0 },
    { level: 'red', from: e0, to: ceiling },
  ];
}
