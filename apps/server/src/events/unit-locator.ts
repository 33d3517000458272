import { distanceMetres, isPointInGeometry } from '@ioc/shared';
import type { LocatableUnit } from '../units/unit-cache.js';

const LEVEL_RANK: Record<string, number> = { province: 0, district: 1, commune: 2 };

/** How far from the nearest centroid a point may lie and still be given that unit. */
export const MAX_CENTROID_DISTANCE_M = 40_000;

/**
 * The unit an event at `point` belongs to: the finest unit whose imported boundary contains it;
 * without boundaries, the unit of the finest level with centroids (communes when they have
 * them) whose centroid is nearest, within 40 km. Units valid on `date` (YYYY-MM-DD) are preferred.
 * Null when the point lies outside every boundary or far from every centroid.
 */
export function locateUnit(point: [number, number], units: LocatableUnit[], date: string): number | null {
  const valid = units.filter(
    (u) => (!u.validFrom || u.validFrom <= date) && (!u.validTo || date <= u.validTo),
  );
  const candidates = valid.length ? valid : units;
  const rank = (u: LocatableUnit) => LEVEL_RANK[u.level] ?? 0;

  const bounded = candidates.filter((u) => u.geometry !== null);
  if (bounded.length) {
    let best: LocatableUnit | null = null;
    for (const u of bounded) {
      if ((best === null || rank(u) > rank(best)) && isPointInGeometry(point, u.geometry)) best = u;
    }
    if (best) return best.id;
    // Outside every imported boundary is outside the province.
    return null;
  }

  const centred = candidates.filter((u) => u.centroid !== null);
  if (!centred.length) return null;
  const finest = Math.max(...centred.map(rank));
  let nearest: { id: number; distance: number } | null = null;
  for (const u of centred) {
    if (rank(u) !== finest) continue;
    const distance = distanceMetres(point, u.centroid!);
    if (!nearest || distance < nearest.distance) nearest = { id: u.id, distance };
  }
  return nearest && nearest.distance <= MAX_CENTROID_DISTANCE_M ? nearest.id : null;
}
