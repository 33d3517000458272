import { sql } from 'kysely';
import type { Actor } from '../auth/actor.js';
import { can, type Permission } from '../auth/policy.js';
import type { Db } from '../db/database.js';
import type { UnitCache } from '../units/unit-cache.js';
import type { UnitTree } from '../units/unit-tree.js';
import type { LiveHub, LiveMessage } from './live-hub.js';

/** A live message a reconnecting screen must not miss, and who may receive it. */
export interface DurableMessage {
  topic: string;
  data: unknown;
  permission: Permission;
  /** The unit it concerns: actors scoped to that unit or above receive it; null = province-wide actors only. */
  unitId: number | null;
}

/** Serialises appends so that ids become visible in increasing order (a reader never skips a later-committed lower id). */
const APPEND_LOCK = 0x10c_1091;
const REPLAY_LIMIT = 10_000;

/** Who may receive a message about `unitId`: holders of the permission whose scope covers the unit. */
export function audienceOf(
  permission: Permission,
  unitId: number | null,
  tree: UnitTree,
): (actor: Actor) => boolean {
  const path = unitId === null ? [] : [unitId, ...tree.ancestors(unitId).map((u) => u.id)];
  return (actor) =>
    can(actor, permission) && (actor.scopeUnitId === null || path.includes(actor.scopeUnitId));
}

/**
 * Live messages with durable, increasing ids (the `live_log` table): published on the hub with
 * their id, and replayed to a screen that reconnects with `Last-Event-ID`, within the retention.
 */
export class LiveLog {
  constructor(
    private readonly db: Db,
    private readonly live: LiveHub,
    private readonly units: UnitCache,
    readonly retentionMinutes: number,
  ) {}

  async publish(message: DurableMessage): Promise<void> {
    const id = await this.db.transaction().execute((trx) => this.append(trx, message));
    await this.deliver(id, message);
  }

  /**
   * Stores the message inside the caller's transaction (one statement: the append lock, held to
   * commit, then the row), so it is durable exactly when what it reports is; the caller delivers
   * it with `deliver` after commit.
   */
  async append(trx: Db, message: DurableMessage): Promise<string> {
    const { rows } = await sql<{ id: string }>`
      WITH appending AS (SELECT pg_advisory_xact_lock(${APPEND_LOCK}))
      INSERT INTO live_log (topic, data, permission, unit_id)
      SELECT ${message.topic}, ${JSON.stringify(message.data)}::jsonb, ${message.permission}, ${message.unitId}::integer
      FROM appending
      RETURNING id`.execute(trx);
    return String(rows[0]!.id);
  }

  /** Sends a stored message to the connected screens allowed to see it. */
  async deliver(id: string, message: DurableMessage): Promise<void> {
    const tree = await this.units.tree();
    this.live.publish({
      id,
      topic: message.topic,
      data: message.data,
      audience: audienceOf(message.permission, message.unitId, tree),
    });
  }

  /**
   * The messages after `lastId` still kept (see `prune`), oldest first; `complete` is false when
   * some after `lastId` were already dropped, so the screen should reload its lists.
   */
  async since(lastId: string): Promise<{ messages: LiveMessage[]; complete: boolean; isAhead: boolean }> {
    const rows = await this.db
      .selectFrom('live_log')
      .select(['id', 'topic', 'data', 'permission', 'unit_id'])
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(REPLAY_LIMIT)
      .execute();
    const bounds = await this.db
      .selectFrom('live_log')
      .select((eb) => [eb.fn.min('id').as('oldest'), eb.fn.max('id').as('newest')])
      .executeTakeFirst();
    const oldest = bounds?.oldest ?? null;
    // An id this log never issued (another database, a restore): the screen starts afresh.
    const newest = bounds?.newest ?? null;
    const isAhead = newest !== null && BigInt(lastId) > BigInt(newest);
    const tree = await this.units.tree();
    return {
      isAhead,
      complete:
        !isAhead && rows.length < REPLAY_LIMIT && (oldest === null || BigInt(oldest) <= BigInt(lastId) + 1n),
      messages: rows.map((r) => ({
        id: String(r.id),
        topic: r.topic,
        data: r.data,
        audience: audienceOf(r.permission as Permission, r.unit_id, tree),
      })),
    };
  }

  /** Drops messages older than the retention, keeping the newest so that `since` can tell a gap. */
  async prune(): Promise<void> {
    await this.db
      .deleteFrom('live_log')
      .where(sql<boolean>`created_at < now() - make_interval(mins => ${this.retentionMinutes})`)
      .where('id', '<', (eb) => eb.selectFrom('live_log').select((e) => e.fn.max('id').as('max')))
      .execute();
  }
}
