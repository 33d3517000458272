import type { Db } from '../db/database.js';
import { loadUnitTree, type UnitTree } from './unit-tree.js';

/** A unit with what locating a point needs: its boundary (when imported) and centroid. */
export interface LocatableUnit {
  id: number;
  level: string;
  geometry: unknown | null;
  centroid: [number, number] | null;
  validFrom: string | null;
  validTo: string | null;
}

const TTL_MS = 5_000;

/**
 * The unit tree and boundaries for hot paths (event ingest, live audiences), reloaded after a few
 * seconds: an ingest burst must not reload a few hundred boundaries per event, and a boundary or
 * unit change reaches every process within the TTL without cache invalidation.
 */
export class UnitCache {
  private loaded: Promise<{ tree: UnitTree; locatable: LocatableUnit[] }> | null = null;
  private loadedAt = 0;

  constructor(private readonly db: Db) {}

  private current() {
    if (!this.loaded || Date.now() - this.loadedAt > TTL_MS) {
      this.loadedAt = Date.now();
      this.loaded = this.load();
      this.loaded.catch(() => (this.loaded = null));
    }
    return this.loaded;
  }

  private async load() {
    const [tree, geometries] = await Promise.all([
      loadUnitTree(this.db),
      this.db.selectFrom('units').select(['id', 'geometry']).where('has_boundary', '=', true).execute(),
    ]);
    const boundary = new Map(geometries.map((g) => [g.id, g.geometry]));
    const locatable = tree.units.map((u) => ({
      id: u.id,
      level: u.level,
      geometry: boundary.get(u.id) ?? null,
      centroid: u.centroid,
      validFrom: u.validFrom,
      validTo: u.validTo,
    }));
    return { tree, locatable };
  }

  async tree(): Promise<UnitTree> {
    return (await this.current()).tree;
  }

  async locatable(): Promise<LocatableUnit[]> {
    return (await this.current()).locatable;
  }
}
