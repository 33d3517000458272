import type { Role } from '@ioc/shared';
import { AppError } from '../errors.js';
import type { UnitTree } from '../units/unit-tree.js';
import { actorName, type Actor, type AuthenticatedActor } from './actor.js';

/** The one permission catalogue: which roles may do what. */
const PERMISSIONS = {
  'catalogue.write': ['administrator'],
  'targets.write': ['administrator'],
  'observations.write': ['administrator', 'data_officer'],
  'users.manage': ['administrator'],
  'audit.read': ['administrator', 'leader'],
  /** The responsible unit explains a shortfall (giải trình). */
  'explanations.explain': ['administrator', 'data_officer'],
  /** Leaders and analysts comment on an explanation thread. */
  'explanations.comment': ['administrator', 'leader', 'analyst', 'operator'],
  'notifications.read': ['administrator', 'leader', 'operator', 'analyst', 'data_officer', 'viewer'],
  'notifications.manage': ['administrator'],
  /** Data supply: define data sets; send files and forms; approve as an organisation's head; read the scoreboard. */
  'datasets.manage': ['administrator'],
  'supply.submit': ['administrator', 'data_officer'],
  'supply.approve': ['administrator', 'leader'],
  'supply.read': ['administrator', 'leader', 'operator', 'analyst', 'data_officer'],
  'internal.read': ['administrator', 'leader', 'operator', 'analyst', 'data_officer', 'viewer'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor, permission: Permission): actor is AuthenticatedActor {
  return actor.kind !== 'anonymous' && (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

/** Throws 401 for an anonymous caller and 403 for a caller without the permission. */
export function requirePermission(actor: Actor, permission: Permission): asserts actor is AuthenticatedActor {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!can(actor, permission)) throw new AppError('FORBIDDEN', { permission });
}

/** True when the unit lies inside the actor's scope (an actor without a scope unit sees all). */
export function isInScope(actor: Actor, tree: UnitTree, unitId: number): boolean {
  if (actor.kind === 'anonymous') return false;
  return actor.scopeUnitId === null || tree.isWithin(unitId, actor.scopeUnitId);
}

/**
 * May the actor read this indicator's values for this unit? Public indicators are open to all;
 * internal ones only to authenticated users and only inside their scope.
 */
export function canReadValue(actor: Actor, tree: UnitTree, isPublic: boolean, unitId: number): boolean {
  if (isPublic) return true;
  return can(actor, 'internal.read') && isInScope(actor, tree, unitId);
}

/** Who runs a write: an API caller (checked against the permission catalogue) or the trusted CLI. */
export type Writer = Actor | 'cli';

/** Checks a writer's permission and returns the name to record as author. */
export function authorise(writer: Writer, permission: Permission): string {
  if (writer === 'cli') return 'cli';
  requirePermission(writer, permission);
  return actorName(writer);
}
