import type { Db } from '../db/database.js';
import { loadUnitTree, type UnitTree } from './unit-tree.js';

/** A unit with what locating a point needs: its boundary (when imported) and centroid. */
export interface LocatableUnit {
  id: number;
  level: string;
  parentId: number | null;
  geometry: unknown | null;
  centroid: [number, number] | null;
  validFrom: string | null;
  validTo: string | null;
}

/**
 * The unit tree and boundaries for hot paths (event ingest, live audiences). The tree is the
 * shared reused one (`loadUnitTree`); the boundaries are read again whenever it is a new tree, so
 * a boundary import or unit change is seen as soon as the tree is.
 */
export class UnitCache {
  private cached: { tree: UnitTree; locatable: Promise<LocatableUnit[]> } | null = null;

  constructor(private readonly db: Db) {}

  tree(): Promise<UnitTree> {
    return loadUnitTree(this.db);
  }

  async locatable(): Promise<LocatableUnit[]> {
    const tree = await this.tree();
    if (this.cached?.tree !== tree) {
      const locatable = this.load(tree);
      locatable.catch(() => (this.cached = null));
      this.cached = { tree, locatable };
    }
    return this.cached.locatable;
  }

  private async load(tree: UnitTree): Promise<LocatableUnit[]> {
    const geometries = await this.db
      .selectFrom('units')
      .select(['id', 'geometry'])
      .where('has_boundary', '=', true)
      .execute();
    const boundary = new Map(geometries.map((g) => [g.id, g.geometry]));
    return tree.units.map((u) => ({
      id: u.id,
      level: u.level,
      parentId: u.parentId,
      geometry: boundary.get(u.id) ?? null,
      centroid: u.centroid,
      validFrom: u.validFrom,
      validTo: u.validTo,
    }));
  }
}
