import type { UnitNode, UnitTree } from '../units/unit-tree.js';

type Ring = number[][];

function insideRing([x, y]: [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when the point lies in a GeoJSON Polygon or MultiPolygon (outside its holes). */
export function pointInGeometry(point: [number, number], geometry: unknown): boolean {
  const g = geometry as { type?: string; coordinates?: unknown };
  const polygons: Ring[][] =
    g?.type === 'Polygon'
      ? [g.coordinates as Ring[]]
      : g?.type === 'MultiPolygon'
        ? (g.coordinates as Ring[][])
        : [];
  return polygons.some(
    ([outer, ...holes]) =>
      outer !== undefined && insideRing(point, outer) && !holes.some((h) => insideRing(point, h)),
  );
}

const DEPTH = { province: 0, district: 1, commune: 2 } as const;

/**
 * The unit a sensor stands in: the deepest current unit whose official boundary contains the
 * point; without boundaries, the current unit with the nearest centre at the deepest level that
 * has centres.
 */
export function locateUnit(
  tree: UnitTree,
  point: [number, number],
  boundaries: Map<number, unknown>,
  today: string,
): UnitNode | null {
  const current = tree.units.filter(
    (u) => (!u.validFrom || u.validFrom <= today) && (!u.validTo || today <= u.validTo),
  );
  const containing = current
    .filter((u) => boundaries.has(u.id) && pointInGeometry(point, boundaries.get(u.id)))
    .sort((a, b) => DEPTH[b.level] - DEPTH[a.level]);
  if (containing[0]) return containing[0];
  const withCentre = current.filter((u) => u.centroid);
  const deepest = Math.max(...withCentre.map((u) => DEPTH[u.level]));
  let best: UnitNode | null = null;
  let bestDistance = Infinity;
  for (const u of withCentre.filter((c) => DEPTH[c.level] === deepest)) {
    const [lon, lat] = u.centroid!;
    const distance = (lon - point[0]) ** 2 + (lat - point[1]) ** 2;
    if (distance < bestDistance) [best, bestDistance] = [u, distance];
  }
  return best;
}
