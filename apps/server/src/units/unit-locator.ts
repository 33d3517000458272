import { distanceMetres, isPointInGeometry } from '@ioc/shared';
import type { Db } from '../db/database.js';
import type { UnitNode, UnitTree } from './unit-tree.js';

const DEPTH = { commune: 0, district: 1, province: 2 } as const;

/**
 * Finds the administrative unit of a point: the deepest unit whose official boundary contains it,
 * else the unit with the nearest centroid at the deepest level that has centroids (communes when
 * they have one, else districts). Units still in force are preferred over ended ones.
 */
export class UnitLocator {
  private constructor(
    private readonly bounded: { unit: UnitNode; geometry: unknown }[],
    private readonly centred: UnitNode[],
  ) {}

  static async load(db: Db, tree: UnitTree): Promise<UnitLocator> {
    const ids = tree.units.filter((u) => u.hasBoundary).map((u) => u.id);
    const rows = ids.length
      ? await db.selectFrom('units').select(['id', 'geometry']).where('id', 'in', ids).execute()
      : [];
    const rank = (u: UnitNode) => DEPTH[u.level] * 2 + (u.validTo === null ? 0 : 1);
    const bounded = rows
      .map((r) => ({ unit: tree.byId.get(r.id)!, geometry: r.geometry }))
      .sort((a, b) => rank(a.unit) - rank(b.unit));
    const withCentroid = tree.units.filter((u) => u.centroid && u.level !== 'province');
    const deepest = Math.min(...withCentroid.map((u) => DEPTH[u.level]));
    const atDeepest = withCentroid.filter((u) => DEPTH[u.level] === deepest);
    const current = atDeepest.filter((u) => u.validTo === null);
    return new UnitLocator(bounded, current.length ? current : atDeepest);
  }

  locate(point: [number, number]): UnitNode | null {
    const inside = this.bounded.find((b) => isPointInGeometry(point, b.geometry));
    if (inside) return inside.unit;
    let best: UnitNode | null = null;
    let bestDistance = Infinity;
    for (const unit of this.centred) {
      const d = distanceMetres(point, unit.centroid!);
      if (d < bestDistance) [best, bestDistance] = [unit, d];
    }
    return best;
  }
}
