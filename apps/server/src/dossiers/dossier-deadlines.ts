import { formatDateTime } from '@ioc/shared';
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.js';
import { requirePermission } from '../auth/policy.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import { loadUnitTree, type UnitTree } from '../units/unit-tree.js';
import { scopeUnit, subtreeIds } from './dossiers.service.js';

const BATCH = 500;

/**
 * Deadline warnings: each tick finds the unfinished dossiers whose due time falls within the
 * horizon (or has passed) and not yet warned about for that due time, and sends one warning per
 * dossier to the handling agency's people (users of the agency, its people by e-mail, and data
 * officers whose scope holds the dossier's unit) through the notifications module. The warning is
 * recorded after it is sent; the notification's dedupe key makes a resend after a crash harmless.
 */
export class DossierDeadlines {
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly horizonHours: number,
    private readonly onError: (err: unknown) => void = (err) =>
      console.error('dossier deadlines failed', err),
  ) {}

  start(intervalMs: number): void {
    if (this.timer) return;
    const run = () => void this.tick().catch(this.onError);
    this.timer = setInterval(run, intervalMs);
    run();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking?.catch(() => 0);
  }

  /** Sends the warnings due now; returns how many. One tick at a time. */
  tick(): Promise<number> {
    this.ticking ??= this.sendDue().finally(() => {
      this.ticking = null;
    });
    return this.ticking;
  }

  private async sendDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = this.clock();
      const horizon = new Date(now.getTime() + this.horizonHours * 3_600_000);
      const due = await this.db
        .selectFrom('dossiers as d')
        .leftJoin('units as u', 'u.id', 'd.unit_id')
        .select([
          'd.id',
          'd.code',
          'd.procedure_name',
          'd.agency_code',
          'd.agency_name',
          'd.unit_id',
          'd.handler',
          'd.due_at',
          'u.name as unit_name',
        ])
        .where('d.finished_at', 'is', null)
        .where('d.due_at', '<', horizon)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('dossier_warnings as w')
                .select('w.dossier_id')
                .whereRef('w.dossier_id', '=', 'd.id')
                .whereRef('w.due_at', '=', 'd.due_at'),
            ),
          ),
        )
        .orderBy('d.due_at')
        .limit(BATCH)
        .execute();
      if (due.length === 0) return sent;
      const tree = await loadUnitTree(this.db);
      const recipientsOf = await this.recipientFinder(tree);
      for (const d of due) {
        const dueAt = new Date(d.due_at!);
        const kind = dueAt < now ? 'overdue' : 'due_soon';
        const recipients = recipientsOf(d.agency_code, d.unit_id);
        const title =
          kind === 'overdue'
            ? `Hồ sơ ${d.code} đã quá hạn (hạn ${formatDateTime(dueAt.toISOString())})`
            : `Hồ sơ ${d.code} sắp đến hạn (${formatDateTime(dueAt.toISOString())})`;
        await this.notifications.notify({
          userIds: recipients.userIds,
          personCodes: recipients.personCodes,
          kind: `dossier.${kind}`,
          title,
          body: `${d.procedure_name} — ${d.agency_name}, ${d.unit_name ?? ''}${d.handler ? `; cán bộ xử lý: ${d.handler}` : ''}.`,
          link: `/dossiers/${encodeURIComponent(d.code)}`,
          dedupeKey: `dossier-deadline:${d.code}:${dueAt.toISOString()}`,
        });
        await this.db
          .insertInto('dossier_warnings')
          .values({
            dossier_id: d.id,
            due_at: dueAt,
            kind,
            recipients: JSON.stringify(recipients),
            created_at: now,
          })
          .onConflict((oc) => oc.columns(['dossier_id', 'due_at']).doNothing())
          .execute();
        sent++;
      }
    }
  }

  /** Who hears about an agency's dossier: its users and people, and data officers scoped over the unit. */
  private async recipientFinder(tree: UnitTree) {
    const [users, people] = await Promise.all([
      this.db
        .selectFrom('users as u')
        .leftJoin('organisations as o', 'o.id', 'u.organisation_id')
        .select(['u.id', 'u.role', 'u.scope_unit_id', 'o.code as organisation'])
        .where('u.is_active', '=', true)
        .execute(),
      this.db
        .selectFrom('people as p')
        .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
        .select(['p.code', 'o.code as organisation'])
        .execute(),
    ]);
    return (agency: string, unitId: number) => ({
      userIds: users
        .filter(
          (u) =>
            u.organisation === agency ||
            (u.role === 'data_officer' && u.scope_unit_id !== null && tree.isWithin(unitId, u.scope_unit_id)),
        )
        .map((u) => u.id),
      personCodes: people.filter((p) => p.organisation === agency).map((p) => p.code),
    });
  }

  /** The "sắp đến hạn / quá hạn" list: unfinished dossiers due within the horizon or overdue, soonest first. */
  async list(
    actor: Actor,
    query: { unit?: string; kind?: 'overdue' | 'due_soon'; page: number; pageSize: number },
  ) {
    requirePermission(actor, 'dossiers.read');
    const tree = await loadUnitTree(this.db);
    const now = this.clock();
    const horizon = new Date(now.getTime() + this.horizonHours * 3_600_000);
    const root = scopeUnit(actor, tree, query.unit, now.toISOString().slice(0, 10));
    let base = this.db
      .selectFrom('dossiers as d')
      .where('d.finished_at', 'is', null)
      .where('d.due_at', '<', query.kind === 'overdue' ? now : horizon);
    if (query.kind === 'due_soon') base = base.where('d.due_at', '>=', now);
    base = base.where('d.unit_id', 'in', subtreeIds(tree, root.id));
    const [{ total }, rows] = await Promise.all([
      base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
      base
        .leftJoin('dossier_warnings as w', (j) =>
          j.onRef('w.dossier_id', '=', 'd.id').onRef('w.due_at', '=', 'd.due_at'),
        )
        .select([
          'd.code',
          'd.procedure_name',
          'd.agency_name',
          'd.unit_id',
          'd.handler',
          'd.due_at',
          'd.received_at',
          'w.created_at as warned_at',
        ])
        .orderBy('d.due_at')
        .orderBy('d.code')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute(),
    ]);
    return {
      unit: { code: root.code, name: root.name },
      asOf: now.toISOString(),
      horizonHours: this.horizonHours,
      total,
      items: rows.map((r) => {
        const unit = tree.byId.get(r.unit_id);
        const dueAt = new Date(r.due_at!);
        return {
          code: r.code,
          procedureName: r.procedure_name,
          agencyName: r.agency_name,
          unit: { code: unit?.code ?? '', name: unit?.name ?? '' },
          handler: r.handler,
          receivedAt: new Date(r.received_at).toISOString(),
          dueAt: dueAt.toISOString(),
          kind: dueAt < now ? ('overdue' as const) : ('due_soon' as const),
          warnedAt: r.warned_at ? new Date(r.warned_at).toISOString() : null,
        };
      }),
    };
  }
}
