import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Transports } from './transports.js';

export const MAX_ATTEMPTS = 10;
/** While one worker sends a delivery, no other picks it up; after a crash it is retried when the lease ends. */
const LEASE_MS = 60_000;
const BATCH = 50;

/** Wait before the next attempt: 30 s, 1 min, 2 min, … at most 1 hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

interface DueDelivery {
  id: string;
  channel: 'email' | 'webhook';
  target: string;
  payload: { title: string; body: string; link: string | null; kind: string };
  attempts: number;
  url: string | null;
  secret: string | null;
  active: boolean | null;
}

/**
 * Sends the outbox: at least once (a delivery is marked sent only after the receiver took it),
 * every delivery on its own so one failing receiver never holds up the others, with retries
 * after a growing wait and `failed` after MAX_ATTEMPTS.
 */
export class DeliveryWorker {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<unknown> | null = null;
  private again = false;

  constructor(
    private readonly db: Db,
    private readonly transports: Transports,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Sends everything due now; returns how many were delivered, retried later, or given up. */
  async deliverDue(): Promise<{ delivered: number; retrying: number; failed: number }> {
    const now = this.now();
    const claimed = await sql<DueDelivery>`
      WITH due AS (
        SELECT id FROM deliveries
        WHERE status = 'pending' AND next_attempt_at <= ${now}
        ORDER BY next_attempt_at LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED),
      claimed AS (
        UPDATE deliveries d SET next_attempt_at = ${new Date(now.getTime() + LEASE_MS)}
        FROM due WHERE d.id = due.id
        RETURNING d.id, d.channel, d.target, d.payload, d.attempts)
      SELECT c.id::text AS id, c.channel, c.target, c.payload, c.attempts,
        w.url, w.secret, w.is_active AS active
      FROM claimed c
      LEFT JOIN webhook_subscriptions w ON c.channel = 'webhook' AND w.code = c.target`.execute(this.db);
    const outcomes = await Promise.all(claimed.rows.map((d) => this.attempt(d, now)));
    return {
      delivered: outcomes.filter((o) => o === 'delivered').length,
      retrying: outcomes.filter((o) => o === 'pending').length,
      failed: outcomes.filter((o) => o === 'failed').length,
    };
  }

  private async attempt(d: DueDelivery, now: Date): Promise<'delivered' | 'pending' | 'failed'> {
    const attempts = d.attempts + 1;
    try {
      await this.send(d);
      await this.db
        .updateTable('deliveries')
        .set({ status: 'delivered', attempts, delivered_at: now, last_error: null })
        .where('id', '=', d.id)
        .execute();
      return 'delivered';
    } catch (error) {
      const status = attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
      await this.db
        .updateTable('deliveries')
        .set({
          status,
          attempts,
          last_error: (error as Error).message.slice(0, 1000),
          next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)),
        })
        .where('id', '=', d.id)
        .execute();
      return status;
    }
  }

  private async send(d: DueDelivery): Promise<void> {
    const { title, body, link } = d.payload;
    if (d.channel === 'email') {
      if (!this.transports.email) throw new Error('SMTP chưa được cấu hình / SMTP is not configured');
      await this.transports.email(d.target, title, link ? `${body}\n\n${link}` : body);
      return;
    }
    if (!d.url || !d.active)
      throw new Error('Webhook đã tắt hoặc không tồn tại / webhook disabled or missing');
    await this.transports.webhook(d.url, d.secret, JSON.stringify({ id: d.id, ...d.payload }), d.id);
  }

  /** Runs `deliverDue` every `intervalMs` and whenever woken, never two runs at once. */
  start(intervalMs: number): void {
    this.timer = setInterval(() => this.wake(), intervalMs);
  }

  /** Sends what is due now, when the worker is started (tests call `deliverDue` themselves). */
  wake(): void {
    if (!this.timer) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.deliverDue()
      .catch(() => undefined)
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.again = false;
    await this.running;
  }
}
