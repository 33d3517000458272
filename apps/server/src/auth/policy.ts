import type { Role } from '@ioc/shared';
import { AppError } from '../errors.js';
import type { UnitTree } from '../units/unit-tree.js';
import { actorName, CLI_ACTOR, type Actor, type AuthenticatedActor } from './actor.js';

/** The one permission catalogue: which roles may do what. */
const PERMISSIONS = {
  'catalogue.write': ['administrator'],
  'targets.write': ['administrator'],
  'observations.write': ['administrator', 'data_officer'],
  /** Budget transactions and estimates, investment projects, plans and disbursements. */
  'finance.write': ['administrator', 'data_officer'],
  'users.manage': ['administrator'],
  'audit.read': ['administrator', 'leader'],
  /** The responsible unit explains a shortfall (giải trình). */
  'explanations.explain': ['administrator', 'data_officer'],
  /** Leaders and analysts comment on an explanation thread. */
  'explanations.comment': ['administrator', 'leader', 'analyst', 'operator'],
  'sensors.manage': ['administrator'],
  'connectors.manage': ['administrator'],
  'notifications.read': ['administrator', 'leader', 'operator', 'analyst', 'data_officer', 'viewer'],
  'notifications.manage': ['administrator'],
  /** Dossier records (hồ sơ TTHC): read inside the actor's scope only. */
  'dossiers.read': ['administrator', 'leader', 'operator', 'analyst', 'data_officer', 'viewer'],
  'dossiers.write': ['administrator', 'data_officer'],
  /** Citizen reports (1022): read the internal list, in one's unit scope (agencies: their own cases). */
  'cases.read': ['administrator', 'leader', 'operator', 'analyst', 'data_officer', 'viewer'],
  /** Hotline operators take reports from every channel, route, merge, close and publish them. */
  'cases.intake': ['administrator', 'operator'],
  /** See who reported, confidential reporters included (the handling agency sees non-confidential ones). */
  'cases.personal': ['administrator', 'operator'],
  /** The responsible agency accepts, sends back and answers the cases forwarded to its organisation. */
  'cases.handle': ['administrator', 'data_officer'],
  'cases.configure': ['administrator'],
  /** Data supply: define data sets; send files and forms; approve as an organisation's head; read the scoreboard. */
  'datasets.manage': ['administrator'],
  'supply.submit': ['administrator', 'data_officer'],
  'supply.approve': ['administrator', 'leader'],
  'supply.read': ['administrator', 'leader', 'operator', 'analyst', 'data_officer'],
  'internal.read': ['administrator', 'leader', 'operator', 'analyst', 'data_officer', 'viewer'],
  /** Live operations: sources (through an API key of an operator account) and operators send events. */
  'events.write': ['administrator', 'operator'],
  /** The operator screen: events, incidents, SOPs, attachments, within the caller's scope. */
  'operations.read': ['administrator', 'leader', 'operator'],
  /** Create incidents, move them through their lifecycle, comment, attach, tick SOP steps. */
  'incidents.manage': ['administrator', 'leader', 'operator'],
  /** SLA policies, auto-creation rules and SOP checklists. */
  'operations.configure': ['administrator'],
  /** Cameras and their streams, inside the reader's unit scope. */
  'cameras.read': ['administrator', 'leader', 'operator', 'analyst', 'data_officer', 'viewer'],
  'cameras.write': ['administrator'],
  /** Issue, update and cancel public early-warning alerts (CAP). */
  'alerts.issue': ['administrator', 'leader', 'operator'],
  /** Send CAP alerts into the IOC as events (operators, or a machine with an operator's API key). */
  'cap.ingest': ['administrator', 'operator'],
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

/**
 * Who runs a write: an API caller (checked against the permission catalogue), the trusted CLI,
 * or a trusted server-side feed named after itself (e.g. `system:sensors`, `system:connector:X`).
 */
export type Writer = Actor | 'cli' | `system:${string}`;

/** The actor a write runs as: trusted server-side writers (the CLI, connectors, sensors) act province-wide. */
export function actorOf(writer: Writer): Actor {
  return typeof writer === 'string' ? CLI_ACTOR : writer;
}

/** Checks a writer's permission and returns the name to record as author. */
export function authorise(writer: Writer, permission: Permission): string {
  if (typeof writer === 'string') return writer;
  requirePermission(writer, permission);
  return actorName(writer);
}
