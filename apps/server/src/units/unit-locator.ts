import { distanceMetres, isPointInGeometry } from '@ioc/shared';
import type { LocatableUnit } from './unit-cache.js';

const LEVEL_RANK: Record<string, number> = { province: 0, district: 1, commune: 2 };
const rank = (u: LocatableUnit) => LEVEL_RANK[u.level] ?? 0;

/** Where no boundary decides, how far from the nearest unit centre a point may lie and still be in the province. */
export const MAX_CENTROID_DISTANCE_M = 40_000;

/**
 * The administrative unit a point [lon, lat] lies in, among the units valid on `date` (YYYY-MM-DD;
 * all units when none is valid then), for events, cameras, sensors, citizen reports and alerts:
 * - the finest unit whose imported boundary contains the point;
 * - below it (anywhere when no boundary contains the point), units without a boundary are told
 *   apart by their centres: the nearest centre at the finest level that has them.
 *
 * Null means outside the province: outside every imported boundary when the boundaries cover the
 * province (every unit of one level has one, e.g. the province itself), otherwise farther than
 * 40 km from every centre the point could be given (or no unit has a boundary or a centre).
 */
export function locateUnit(
  point: [number, number],
  units: readonly LocatableUnit[],
  date: string,
): number | null {
  const valid = units.filter(
    (u) => (!u.validFrom || u.validFrom <= date) && (!u.validTo || date <= u.validTo),
  );
  const candidates = valid.length ? valid : units;

  let inside: LocatableUnit | null = null;
  for (const u of candidates) {
    if (u.geometry === null || (inside && rank(u) <= rank(inside))) continue;
    if (isPointInGeometry(point, u.geometry)) inside = u;
  }
  if (!inside && boundariesCover(candidates)) return null;

  const within = inside;
  let centred = candidates.filter(
    (u) => u.geometry === null && u.centroid !== null && (!within || rank(u) > rank(within)),
  );
  if (within && centred.length) {
    const byId = new Map(units.map((u) => [u.id, u]));
    centred = centred.filter((u) => isBelow(u, within.id, byId));
  }
  if (!centred.length) return inside?.id ?? null;
  const finest = Math.max(...centred.map(rank));
  let nearest = { id: inside?.id ?? null, distance: Infinity };
  for (const u of centred) {
    if (rank(u) !== finest) continue;
    const distance = distanceMetres(point, u.centroid!);
    if (distance < nearest.distance) nearest = { id: u.id, distance };
  }
  // Inside a boundary the point is in the province however far the centres are.
  return inside || nearest.distance <= MAX_CENTROID_DISTANCE_M ? nearest.id : null;
}

/** True when every unit of some level (e.g. the province itself) has an imported boundary. */
function boundariesCover(units: readonly LocatableUnit[]): boolean {
  const complete = new Map<string, boolean>();
  for (const u of units) complete.set(u.level, (complete.get(u.level) ?? true) && u.geometry !== null);
  return [...complete.values()].some(Boolean);
}

function isBelow(unit: LocatableUnit, ancestorId: number, byId: Map<number, LocatableUnit>): boolean {
  for (let id = unit.parentId; id !== null; id = byId.get(id)?.parentId ?? null) {
    if (id === ancestorId) return true;
  }
  return false;
}
