import type { UnitLevel } from '@ioc/shared';
import type { Db } from '../db/database.js';

export interface UnitNode {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  level: UnitLevel;
  parentId: number | null;
  validFrom: string | null;
  validTo: string | null;
  hasBoundary: boolean;
  centroid: [number, number] | null;
}

/**
 * The administrative hierarchy in memory, for scope checks, code resolution and roll-ups.
 * It is loaded per request (a province has a few hundred units), so every process sees the
 * current catalogue without cache invalidation.
 */
export class UnitTree {
  readonly byId = new Map<number, UnitNode>();
  private readonly byCode = new Map<string, UnitNode[]>();
  private readonly childrenOf = new Map<number, UnitNode[]>();

  constructor(readonly units: UnitNode[]) {
    for (const unit of units) {
      this.byId.set(unit.id, unit);
      // Appending in place: copying the list per unit is quadratic in a parent's children.
      const versions = this.byCode.get(unit.code);
      if (versions) versions.push(unit);
      else this.byCode.set(unit.code, [unit]);
      if (unit.parentId !== null) {
        const siblings = this.childrenOf.get(unit.parentId);
        if (siblings) siblings.push(unit);
        else this.childrenOf.set(unit.parentId, [unit]);
      }
    }
  }

  children(id: number): UnitNode[] {
    return this.childrenOf.get(id) ?? [];
  }

  /** All versions of a code (a code may be reused after a reorganisation). */
  versions(code: string): UnitNode[] {
    return this.byCode.get(code) ?? [];
  }

  /** The version of `code` valid on `date` (YYYY-MM-DD), or the only/latest one when date is absent. */
  findByCode(code: string, date?: string): UnitNode | undefined {
    const versions = this.versions(code);
    if (!date) return versions.find((u) => u.validTo === null) ?? versions.at(-1);
    return versions.find((u) => (!u.validFrom || u.validFrom <= date) && (!u.validTo || date <= u.validTo));
  }

  /** True when `id` is `rootId` or lies below it. */
  isWithin(id: number, rootId: number): boolean {
    for (
      let cur = this.byId.get(id);
      cur;
      cur = cur.parentId === null ? undefined : this.byId.get(cur.parentId)
    ) {
      if (cur.id === rootId) return true;
    }
    return false;
  }

  /** Ancestors from the parent up to the root. */
  ancestors(id: number): UnitNode[] {
    const out: UnitNode[] = [];
    let cur = this.byId.get(id);
    while (cur && cur.parentId !== null) {
      cur = this.byId.get(cur.parentId);
      if (cur) out.push(cur);
    }
    return out;
  }
}

/**
 * How long a loaded tree is reused. This process forgets it at once when it changes units
 * (`forgetUnitTree`); another process (the CLI importing units) is seen within this time.
 */
const TREE_REUSE_MS = 5_000;
const trees = new WeakMap<Db, { tree: Promise<UnitTree>; loadedAt: number }>();

/** The whole unit hierarchy; every request needs it, so it is read once and reused briefly. */
export function loadUnitTree(db: Db): Promise<UnitTree> {
  const cached = trees.get(db);
  if (cached && Date.now() - cached.loadedAt < TREE_REUSE_MS) return cached.tree;
  const tree = readUnitTree(db);
  trees.set(db, { tree, loadedAt: Date.now() });
  tree.catch(() => trees.delete(db));
  return tree;
}

/** Drops the reused tree after units changed. */
export function forgetUnitTree(db: Db): void {
  trees.delete(db);
}

async function readUnitTree(db: Db): Promise<UnitTree> {
  const rows = await db
    .selectFrom('units')
    .select([
      'id',
      'code',
      'name',
      'name_en',
      'level',
      'parent_id',
      'valid_from',
      'valid_to',
      'has_boundary',
      'centroid_lon',
      'centroid_lat',
    ])
    .orderBy('code')
    .execute();
  return new UnitTree(
    rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
      level: r.level as UnitLevel,
      parentId: r.parent_id,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      hasBoundary: r.has_boundary,
      centroid: r.centroid_lon === null || r.centroid_lat === null ? null : [r.centroid_lon, r.centroid_lat],
    })),
  );
}
