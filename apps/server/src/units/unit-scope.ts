import type { Actor } from '../auth/actor.js';
import type { UnitTree } from './unit-tree.js';

/** The ids of `rootId` and every unit below it. */
export function idsWithin(tree: UnitTree, rootId: number): number[] {
  const out: number[] = [];
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    out.push(id);
    for (const child of tree.children(id)) stack.push(child.id);
  }
  return out;
}

/**
 * The unit ids a listing may show: those within the actor's scope and the requested unit, or
 * null when neither restricts it (rows without a unit are then shown too).
 */
export function visibleUnitIds(tree: UnitTree, actor: Actor, unitId: number | null): number[] | null {
  const scope = actor.kind === 'anonymous' ? null : actor.scopeUnitId;
  if (scope === null && unitId === null) return null;
  if (scope === null) return idsWithin(tree, unitId!);
  if (unitId === null) return idsWithin(tree, scope);
  if (tree.isWithin(unitId, scope)) return idsWithin(tree, unitId);
  return tree.isWithin(scope, unitId) ? idsWithin(tree, scope) : [];
}
