import type { Role } from '@ioc/shared';

/** Who is calling: an anonymous visitor, a logged-in user, or a machine client with an API key. */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user' | 'api_key';
      userId: number;
      username: string;
      role: Role;
      organisationId: number | null;
      /** Root of the unit subtree the actor may see and change; null = the whole province. */
      scopeUnitId: number | null;
      /** For an API key: its name, the sending system recorded as the source of what it writes. */
      apiKeyName?: string;
    };

export type AuthenticatedActor = Extract<Actor, { kind: 'user' | 'api_key' }>;

export const ANONYMOUS: Actor = { kind: 'anonymous' };

/** The name written into audit records and `updated_by`. */
export function actorName(actor: Actor): string {
  if (actor.kind === 'anonymous') return 'anonymous';
  return actor.kind === 'api_key' ? `${actor.username} (API key)` : actor.username;
}

/** The CLI runs on the server itself and writes with a province-wide scope. */
export const CLI_ACTOR: Actor = {
  kind: 'user',
  userId: 0,
  username: 'cli',
  role: 'administrator',
  organisationId: null,
  scopeUnitId: null,
};
