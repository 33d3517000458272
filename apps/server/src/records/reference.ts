import { formatDate } from '@ioc/shared';
import type { Actor } from '../auth/actor.js';
import { isInScope } from '../auth/policy.js';
import type { Db } from '../db/database.js';
import { loadUnitTree, type UnitNode, type UnitTree } from '../units/unit-tree.js';
import { need, refuse } from './row-check.js';

export interface Organisation {
  id: number;
  code: string;
  name: string;
}

/** What record rows are checked against: the unit tree and the organisations. */
export interface Reference {
  units: UnitTree;
  organisations: Map<string, Organisation>;
  organisationById: Map<number, Organisation>;
}

export async function loadReference(db: Db): Promise<Reference> {
  const [units, organisations] = await Promise.all([
    loadUnitTree(db),
    db.selectFrom('organisations').select(['id', 'code', 'name']).execute(),
  ]);
  return {
    units,
    organisations: new Map(organisations.map((o) => [o.code, o])),
    organisationById: new Map(organisations.map((o) => [o.id, o])),
  };
}

/**
 * The unit a row names, in the version valid on `date` (or any version when there is no date),
 * refused when unknown, not existing on that date, or outside the actor's scope.
 */
export function readUnit(
  row: Record<string, unknown>,
  field: string,
  ref: Reference,
  actor: Actor,
  date: string | null,
): UnitNode {
  const code = need(row, field, 'mã đơn vị hành chính');
  const versions = ref.units.versions(code);
  if (versions.length === 0)
    refuse(
      field,
      'UNKNOWN_UNIT',
      `Không có đơn vị hành chính mã "${code}".`,
      `Unknown unit "${code}".`,
      code,
    );
  const unit = date ? ref.units.findByCode(code, date) : ref.units.findByCode(code);
  if (!unit) {
    refuse(
      field,
      'OUTSIDE_VALIDITY',
      `Ngày ${formatDate(date!)} nằm ngoài thời gian tồn tại của đơn vị ${versions[0]!.name}.`,
      `${date} is outside the validity of unit ${code}.`,
      code,
    );
  }
  if (!isInScope(actor, ref.units, unit.id))
    refuse(
      field,
      'OUT_OF_SCOPE',
      `Đơn vị "${code}" nằm ngoài phạm vi được phân quyền.`,
      `Unit "${code}" is outside your scope.`,
      code,
    );
  return unit;
}
