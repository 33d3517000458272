import type { Actor } from '../auth/actor.js';
import { isInScope, requirePermission } from '../auth/policy.js';
import { isIsoDate } from '@ioc/shared';
import { AppError, notFound } from '../errors.js';
import type { UnitNode, UnitTree } from '../units/unit-tree.js';

/**
 * The unit a reader asks about, checked against the reader's scope: the named unit, or by default
 * the reader's own scope unit (a district officer) or the province.
 */
export function resolveReadUnit(actor: Actor, tree: UnitTree, code: string | undefined): UnitNode {
  requirePermission(actor, 'internal.read');
  let unit: UnitNode | undefined;
  if (code) unit = tree.findByCode(code);
  else if (actor.scopeUnitId !== null) unit = tree.byId.get(actor.scopeUnitId);
  else
    unit =
      tree.units.find((u) => u.parentId === null && u.validTo === null) ??
      tree.units.find((u) => u.parentId === null);
  if (!unit) throw notFound('đơn vị hành chính', 'Unit', code ?? '-');
  if (!isInScope(actor, tree, unit.id)) throw new AppError('OUT_OF_SCOPE', { unit: unit.code });
  return unit;
}

/** The unit and every unit below it. */
export function subtreeIds(tree: UnitTree, rootId: number): number[] {
  const out: number[] = [];
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    out.push(id);
    for (const child of tree.children(id)) stack.push(child.id);
  }
  return out;
}

/**
 * For a breakdown by the children of `root`: maps every unit of the subtree to the child it lies
 * under, or to the root itself for the root's own records.
 */
export function childOf(tree: UnitTree, root: UnitNode): Map<number, UnitNode> {
  const map = new Map<number, UnitNode>([[root.id, root]]);
  for (const child of tree.children(root.id)) for (const id of subtreeIds(tree, child.id)) map.set(id, child);
  return map;
}

export function presentUnit(unit: UnitNode) {
  return { code: unit.code, name: unit.name, nameEn: unit.nameEn, level: unit.level };
}

/** Refuses a query date that is not a calendar date written yyyy-MM-dd (absent dates pass). */
export function requireQueryDates(...dates: (string | undefined)[]): void {
  for (const date of dates) {
    if (date !== undefined && !isIsoDate(date))
      throw new AppError(
        'VALIDATION_FAILED',
        { date },
        {
          vi: `Ngày "${date}" không hợp lệ (cần dạng yyyy-MM-dd).`,
          en: `Invalid date "${date}" (use yyyy-MM-dd).`,
        },
      );
  }
}
