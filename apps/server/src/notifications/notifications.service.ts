import type { Role } from '@ioc/shared';
import { sql } from 'kysely';
import { writeAudit } from '../audit/audit.repository.js';
import type { Actor } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import { authorise, requirePermission, type Writer } from '../auth/policy.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { LiveHub } from '../stream/live-hub.js';
import { loadUnitTree } from '../units/unit-tree.js';

/** What to tell whom. Recipients are users, people (by code) and/or every user of some roles whose scope covers a unit. */
export interface NotificationInput {
  userIds?: number[];
  personCodes?: string[];
  roles?: { roles: Role[]; unitId?: number | null };
  /** Dotted kind, e.g. `incident.escalated`, `supply.reminder`; webhooks subscribe to prefixes of it. */
  kind: string;
  title: string;
  body: string;
  /** Path in the web app, e.g. `/incidents/12`. */
  link?: string | null;
  /** The same key notifies a recipient once, however often it is sent. */
  dedupeKey?: string | null;
}

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

/**
 * In-app notifications, and the outbox of e-mails (to people with an address, when SMTP is
 * configured) and webhook calls (to active subscriptions of a matching kind) that the delivery
 * worker sends. Everything of one notification is written in one transaction.
 */
export class NotificationsService {
  constructor(
    readonly db: Db,
    private readonly live: LiveHub,
    private readonly clock: Clock,
    private readonly options: { emailEnabled: boolean; wake?: () => void },
  ) {}

  async notify(input: NotificationInput, db: Db = this.db): Promise<{ users: number; deliveries: number }> {
    const recipients = await this.resolve(input, db);
    const dedupe = input.dedupeKey ?? null;
    const payload = { kind: input.kind, title: input.title, body: input.body, link: input.link ?? null };
    const now = this.clock();
    const result = await db.transaction().execute(async (trx) => {
      const inserted = recipients.userIds.length
        ? await trx
            .insertInto('notifications')
            .values(
              recipients.userIds.map((userId) => ({
                user_id: userId,
                ...payload,
                dedupe_key: dedupe,
                created_at: now,
              })),
            )
            .onConflict((oc) =>
              oc.columns(['user_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing(),
            )
            .returning('user_id')
            .execute()
        : [];
      const hooks = await trx
        .selectFrom('webhook_subscriptions')
        .select(['code', 'kinds'])
        .where('is_active', '=', true)
        .execute();
      const targets = [
        ...(this.options.emailEnabled
          ? recipients.emails.map((to) => ({ channel: 'email' as const, target: to }))
          : []),
        ...hooks
          .filter((h) => h.kinds.length === 0 || h.kinds.some((k) => input.kind.startsWith(k)))
          .map((h) => ({ channel: 'webhook' as const, target: h.code })),
      ];
      const queued = targets.length
        ? await trx
            .insertInto('deliveries')
            .values(
              targets.map((t) => ({
                ...t,
                kind: input.kind,
                dedupe_key: dedupe,
                payload: JSON.stringify(payload),
                created_at: now,
                next_attempt_at: now,
              })),
            )
            .onConflict((oc) =>
              oc.columns(['channel', 'target', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing(),
            )
            .returning('id')
            .execute()
        : [];
      return { userIds: inserted.map((r) => r.user_id), deliveries: queued.length };
    });
    if (result.userIds.length) {
      const notified = new Set(result.userIds);
      this.live.publish({
        topic: 'notification',
        data: { kind: input.kind, title: input.title },
        audience: (actor) => actor.kind === 'user' && notified.has(actor.userId),
      });
    }
    if (result.deliveries) this.options.wake?.();
    return { users: result.userIds.length, deliveries: result.deliveries };
  }

  private async resolve(input: NotificationInput, db: Db): Promise<{ userIds: number[]; emails: string[] }> {
    const userIds = new Set(input.userIds ?? []);
    const emails = new Set<string>();
    if (input.personCodes?.length) {
      const people = await db
        .selectFrom('people as p')
        .leftJoin('users as u', (j) => j.onRef('u.person_id', '=', 'p.id').on('u.is_active', '=', true))
        .select(['p.email', 'u.id as userId'])
        .where('p.code', 'in', input.personCodes)
        .execute();
      for (const p of people) {
        if (p.email) emails.add(p.email);
        if (p.userId !== null) userIds.add(p.userId);
      }
    }
    if (input.roles?.roles.length) {
      const users = await db
        .selectFrom('users')
        .select(['id', 'scope_unit_id'])
        .where('role', 'in', input.roles.roles)
        .where('is_active', '=', true)
        .execute();
      const unitId = input.roles.unitId ?? null;
      const tree = unitId === null ? null : await loadUnitTree(db);
      for (const u of users) {
        if (u.scope_unit_id === null || (tree && unitId !== null && tree.isWithin(unitId, u.scope_unit_id))) {
          userIds.add(u.id);
        }
      }
    }
    return { userIds: [...userIds], emails: [...emails] };
  }

  /** The caller's own notifications, newest first, with the unread count. */
  async list(actor: Actor, options: { unreadOnly: boolean; limit: number }) {
    requirePermission(actor, 'notifications.read');
    let query = this.db
      .selectFrom('notifications')
      .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
      .where('user_id', '=', actor.userId);
    if (options.unreadOnly) query = query.where('read_at', 'is', null);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit)
      .execute();
    const unread = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', actor.userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return {
      unread: Number(unread.n),
      items: rows.map((r): NotificationView => ({
        id: String(r.id),
        kind: r.kind,
        title: r.title,
        body: r.body,
        link: r.link,
        createdAt: new Date(r.created_at).toISOString(),
        readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
      })),
    };
  }

  /** Marks the caller's notifications read: one, or all when `id` is null. */
  async markRead(actor: Actor, id: string | null): Promise<number> {
    requirePermission(actor, 'notifications.read');
    let query = this.db
      .updateTable('notifications')
      .set({ read_at: sql`now()` })
      .where('user_id', '=', actor.userId)
      .where('read_at', 'is', null);
    if (id !== null) query = query.where('id', '=', id);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async listWebhooks(actor: Actor) {
    requirePermission(actor, 'notifications.manage');
    const rows = await this.db
      .selectFrom('webhook_subscriptions')
      .select(['code', 'url', 'kinds', 'is_active', 'secret'])
      .orderBy('code')
      .execute();
    return rows.map((r) => ({
      code: r.code,
      url: r.url,
      kinds: r.kinds,
      active: r.is_active,
      signed: r.secret !== null,
    }));
  }

  /** Creates or updates a webhook receiver (by code); its secret signs every call (HMAC-SHA256). */
  async saveWebhook(
    writer: Writer,
    input: { code: string; url: string; kinds: string[]; secret?: string | null; active: boolean },
  ): Promise<void> {
    const by = authorise(writer, 'notifications.manage');
    const url = new URL(input.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new AppError(
        'VALIDATION_FAILED',
        { field: 'url' },
        {
          vi: 'Địa chỉ webhook phải là http hoặc https.',
          en: 'The webhook URL must be http or https.',
        },
      );
    }
    await this.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('webhook_subscriptions')
        .select(['url', 'kinds', 'is_active'])
        .where('code', '=', input.code)
        .executeTakeFirst();
      const values = {
        url: input.url,
        kinds: input.kinds,
        secret: input.secret ?? null,
        is_active: input.active,
      };
      await trx
        .insertInto('webhook_subscriptions')
        .values({ code: input.code, ...values })
        .onConflict((oc) => oc.column('code').doUpdateSet(values))
        .execute();
      await writeAudit(
        trx,
        by,
        before ? 'update' : 'create',
        'webhook_subscription',
        input.code,
        before ?? null,
        {
          url: input.url,
          kinds: input.kinds,
          active: input.active,
        },
      );
    });
  }

  /** The delivery log, newest first: what was sent where, how often it was tried, and the last error. */
  async listDeliveries(
    actor: Actor,
    options: { status?: 'pending' | 'delivered' | 'failed'; limit: number },
  ) {
    requirePermission(actor, 'notifications.manage');
    let query = this.db
      .selectFrom('deliveries')
      .select([
        'id',
        'channel',
        'target',
        'kind',
        'status',
        'attempts',
        'last_error',
        'created_at',
        'delivered_at',
      ]);
    if (options.status) query = query.where('status', '=', options.status);
    const rows = await query.orderBy('id', 'desc').limit(options.limit).execute();
    return rows.map((r) => ({
      id: String(r.id),
      channel: r.channel,
      target: r.target,
      kind: r.kind,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: new Date(r.created_at).toISOString(),
      deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
    }));
  }
}
