import { isPointInGeometry } from '@ioc/shared';
import type { UnitNode, UnitTree } from '../units/unit-tree.js';

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
    .filter((u) => boundaries.has(u.id) && isPointInGeometry(point, boundaries.get(u.id)))
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
