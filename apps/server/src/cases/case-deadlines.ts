import { writeAudit } from '../audit/audit.repository.js';
import { can } from '../auth/policy.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { LiveHub } from '../stream/live-hub.js';

/** An agency is reminded this long before a case's deadline. */
export const REMIND_BEFORE_MS = 24 * 3600_000;

/**
 * Deadlines of forwarded cases: a reminder to the agency a day before, and an escalation to the
 * hotline operators and leaders (and the agency) once the deadline has passed. Each happens once
 * per forwarding; the time comes from the injected clock.
 */
export class CaseDeadlines {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: Db,
    private readonly notifications: NotificationsService,
    private readonly live: LiveHub,
    private readonly clock: Clock,
  ) {}

  async check(): Promise<{ reminded: number; escalated: number }> {
    const now = this.clock();
    const due = await this.db
      .selectFrom('cases as c')
      .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
      .select([
        'c.id',
        'c.code',
        'c.title',
        'c.status',
        'c.unit_id',
        'c.organisation_id',
        'c.due_at',
        'c.reminded_at',
        'c.escalated_at',
        'o.name as organisation',
      ])
      .where('c.status', 'in', ['forwarded', 'in_progress'])
      .where('c.due_at', '<=', new Date(now.getTime() + REMIND_BEFORE_MS))
      .where((eb) => eb.or([eb('c.reminded_at', 'is', null), eb('c.escalated_at', 'is', null)]))
      .orderBy('c.due_at')
      .limit(1000)
      .execute();
    let reminded = 0;
    let escalated = 0;
    for (const c of due) {
      const isLate = c.due_at !== null && new Date(c.due_at) <= now;
      const action = isLate
        ? c.escalated_at === null
          ? 'escalate'
          : null
        : c.reminded_at === null
          ? 'remind'
          : null;
      if (!action) continue;
      const claimed = await this.db.transaction().execute(async (trx) => {
        const column = action === 'escalate' ? 'escalated_at' : 'reminded_at';
        const updated = await trx
          .updateTable('cases')
          .set({ [column]: now })
          .where('id', '=', c.id)
          .where(column, 'is', null)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) return false;
        await trx
          .insertInto('case_events')
          .values({
            case_id: c.id,
            action,
            actor: 'system',
            organisation_id: c.organisation_id,
            at: now,
            note: c.organisation,
          })
          .execute();
        await writeAudit(trx, 'system', action, 'case', c.code, null, {
          dueAt: c.due_at,
          organisationId: c.organisation_id,
        });
        return true;
      });
      if (!claimed) continue;
      const agencyUsers =
        c.organisation_id === null
          ? []
          : (
              await this.db
                .selectFrom('users')
                .select('id')
                .where('organisation_id', '=', c.organisation_id)
                .where('is_active', '=', true)
                .execute()
            ).map((u) => u.id);
      const link = `/phan-anh/${c.code}`;
      if (action === 'remind') {
        reminded += 1;
        await this.notifications.notify({
          userIds: agencyUsers,
          kind: 'case.reminder',
          title: `Phản ánh ${c.code} sắp đến hạn xử lý`,
          body: c.title,
          link,
          dedupeKey: `case-remind-${c.code}-${new Date(c.due_at as Date).toISOString()}`,
        });
      } else {
        escalated += 1;
        await this.notifications.notify({
          userIds: agencyUsers,
          roles: { roles: ['operator', 'leader'], unitId: c.unit_id },
          kind: 'case.escalated',
          title: `Phản ánh ${c.code} quá hạn xử lý (${c.organisation ?? '—'})`,
          body: c.title,
          link,
          dedupeKey: `case-escalate-${c.code}-${new Date(c.due_at as Date).toISOString()}`,
        });
        this.live.publish({
          topic: 'cases',
          data: { code: c.code, status: c.status, action: 'escalate' },
          audience: (actor) => can(actor, 'cases.read'),
        });
      }
    }
    return { reminded, escalated };
  }

  /** Checks every `intervalMs` (started by `ioc serve`). */
  start(intervalMs: number, also: () => Promise<unknown> = async () => {}): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.check()
        .then(also)
        .catch(() => undefined)
        .finally(() => {
          this.running = null;
        });
    }, intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
