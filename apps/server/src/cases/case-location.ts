import { distanceMetres } from '@ioc/shared';
import type { UnitNode, UnitTree } from '../units/unit-tree.js';

/** How far beyond its outermost unit centres the province reaches (degrees, ≈ 28 km). */
const EXTENT_MARGIN_DEG = 0.25;

/**
 * The province's extent: the box around the centroids of the units in use, widened by a margin
 * (official boundaries are optional, centroids are always there). Null when no unit has one.
 */
export function provinceExtent(
  units: readonly UnitNode[],
): { west: number; south: number; east: number; north: number } | null {
  const points = units.flatMap((u) => (u.centroid ? [u.centroid] : []));
  if (points.length === 0) return null;
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return {
    west: Math.min(...lons) - EXTENT_MARGIN_DEG,
    south: Math.min(...lats) - EXTENT_MARGIN_DEG,
    east: Math.max(...lons) + EXTENT_MARGIN_DEG,
    north: Math.max(...lats) + EXTENT_MARGIN_DEG,
  };
}

export function isInsideExtent(
  extent: { west: number; south: number; east: number; north: number },
  point: readonly [number, number],
): boolean {
  return (
    point[0] >= extent.west && point[0] <= extent.east && point[1] >= extent.south && point[1] <= extent.north
  );
}

/** Units valid on a date (YYYY-MM-DD). */
export function unitsOn(tree: UnitTree, date: string): UnitNode[] {
  return tree.units.filter((u) => (!u.validFrom || u.validFrom <= date) && (!u.validTo || date <= u.validTo));
}

/**
 * The unit a map point lies in, approximated by the nearest centre among the deepest units that
 * have one (below the province), so a point becomes the commune or district whose committee handles it.
 */
export function nearestUnit(units: readonly UnitNode[], point: readonly [number, number]): UnitNode | null {
  const depthOrder = ['commune', 'district'] as const;
  for (const level of depthOrder) {
    const candidates = units.filter((u) => u.level === level && u.centroid);
    if (candidates.length === 0) continue;
    let best: UnitNode | null = null;
    let bestDistance = Infinity;
    for (const u of candidates) {
      const d = distanceMetres(u.centroid as [number, number], point);
      if (d < bestDistance) {
        best = u;
        bestDistance = d;
      }
    }
    return best;
  }
  return null;
}
