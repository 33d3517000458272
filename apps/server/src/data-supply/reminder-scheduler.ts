import { computeDeadline, formatDateTime, formatPeriodLabel, periodsDueBetween } from '@ioc/shared';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import { loadUnitTree } from '../units/unit-tree.js';
import type { CompletenessService } from './completeness.service.js';
import type { DataSetsService } from './data-sets.service.js';

/** After the deadline, units still missing are reminded for this long. */
const OVERDUE_WINDOW_MS = 7 * 86_400_000;
const MAX_UNITS_LISTED = 10;

/**
 * Reminds the responsible people of a data set before its deadline (within the data set's
 * `remindBeforeHours`) and once after it, while some units have not supplied their data. Each
 * reminder is recorded once per data set, period, person and stage (and deduplicated by the
 * notifications module), so a run repeated every minute never repeats one. Started by `ioc serve`.
 */
export class ReminderScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly dataSets: DataSetsService,
    private readonly completeness: CompletenessService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  start(intervalMs: number): void {
    this.timer ??= setInterval(() => void this.tick(), intervalMs);
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.runOnce();
    try {
      await this.running;
    } catch (err) {
      console.error('Nhắc hạn nộp số liệu thất bại / reminders failed', err);
    } finally {
      this.running = null;
    }
  }

  /** Sends the reminders due now; returns how many were sent. */
  async runOnce(): Promise<number> {
    const now = this.clock();
    const tree = await loadUnitTree(this.db);
    let sent = 0;
    for (const dataSet of await this.dataSets.loadAll()) {
      if (!dataSet.isActive || dataSet.responsiblePersonCodes.length === 0) continue;
      const periods = periodsDueBetween(
        dataSet.frequency,
        dataSet.deadline,
        new Date(now.getTime() - OVERDUE_WINDOW_MS),
        new Date(now.getTime() + dataSet.remindBeforeHours * 3_600_000),
      );
      const arrivals = await this.completeness.arrivals(dataSet, periods, tree);
      for (const period of periods) {
        const deadline = computeDeadline(period, dataSet.deadline);
        const stage = now < deadline ? 'before' : 'after';
        const missing = arrivals.get(period)!.filter((u) => u.arrived === null);
        if (missing.length === 0) continue;
        const label = formatPeriodLabel(period, 'vi');
        const names = missing.slice(0, MAX_UNITS_LISTED).map((u) => u.unit.name);
        const more =
          missing.length > MAX_UNITS_LISTED ? ` và ${missing.length - MAX_UNITS_LISTED} đơn vị khác` : '';
        for (const person of dataSet.responsiblePersonCodes) {
          const already = await this.db
            .selectFrom('data_supply_reminders')
            .select('person_code')
            .where('data_set_id', '=', dataSet.id)
            .where('period', '=', period)
            .where('person_code', '=', person)
            .where('stage', '=', stage)
            .executeTakeFirst();
          if (already) continue;
          // Notify first: it is deduplicated by key, so a crash before the record is written repeats nothing.
          await this.notifications.notify({
            personCodes: [person],
            kind: 'supply.reminder',
            title:
              stage === 'before'
                ? `Sắp đến hạn nộp: ${dataSet.name} — ${label}`
                : `Quá hạn nộp: ${dataSet.name} — ${label}`,
            body:
              `${stage === 'before' ? 'Hạn nộp' : 'Đã quá hạn'} ${formatDateTime(deadline.toISOString())}. ` +
              `Chưa có số liệu của ${missing.length} đơn vị: ${names.join(', ')}${more}.`,
            link: '/supply',
            dedupeKey: `supply.reminder:${dataSet.code}:${period}:${person}:${stage}`,
          });
          await this.db
            .insertInto('data_supply_reminders')
            .values({ data_set_id: dataSet.id, period, person_code: person, stage, sent_at: now })
            .onConflict((oc) => oc.doNothing())
            .execute();
          sent++;
        }
      }
    }
    return sent;
  }
}
