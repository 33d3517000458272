import { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import { requirePermission } from '../auth/policy.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { parseInstant, type DossierRow } from './dossier-rows.js';
import type { DossiersService } from './dossiers.service.js';

/** One page of the one-stop system's answer to `GET {url}?updatedFrom=<ISO>&page=<n>`. */
const pageSchema = z.object({
  dossiers: z.array(z.record(z.string(), z.unknown())),
  hasMore: z.boolean().default(false),
});

const MAX_PAGES = 10_000;

export interface PullOptions {
  url: string;
  apiKey?: string;
  /** Bounds one HTTP request. */
  timeoutMs?: number;
}

/**
 * The scheduled pull from the one-stop system (Hệ thống thông tin giải quyết TTHC): asks for the
 * records updated since the cursor (the latest `updatedAt` of the last successful run), page by
 * page, and stores each page through the dossiers service (partial: a bad record is logged, the
 * rest kept). Every run is logged in dossier_pull_runs; a failed run leaves the cursor where it was,
 * so the next run fetches the same records again, which store as unchanged.
 */
export class DossierPull {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: Db,
    private readonly dossiers: DossiersService,
    private readonly clock: Clock,
    private readonly options: PullOptions,
    private readonly onError: (err: unknown) => void = (err) => console.error('dossier pull failed', err),
  ) {}

  start(intervalMs: number): void {
    if (this.timer) return;
    const run = () => void this.runOnce().catch(this.onError);
    this.timer = setInterval(run, intervalMs);
    run();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One pull; returns its run log row. Concurrent calls share the run in progress. */
  runOnce() {
    const run = (this.running ??= this.pull().finally(() => {
      this.running = null;
    }));
    return run as ReturnType<DossierPull['pull']>;
  }

  private async pull() {
    const source = this.options.url;
    const last = await this.db
      .selectFrom('dossier_pull_runs')
      .select('cursor_to')
      .where('source', '=', source)
      .where('status', '=', 'ok')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const cursorFrom = last?.cursor_to ? new Date(last.cursor_to) : null;
    const { id } = await this.db
      .insertInto('dossier_pull_runs')
      .values({ source, started_at: this.clock(), cursor_from: cursorFrom, status: 'running' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const totals = { fetched: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
    let cursorTo = cursorFrom;
    const problems: string[] = [];
    try {
      for (let page = 1; page <= MAX_PAGES; page++) {
        const body = await this.fetchPage(cursorFrom, page);
        const rows = body.dossiers as DossierRow[];
        totals.fetched += rows.length;
        if (rows.length > 0) {
          const { body: result } = await this.dossiers.write('cli', {
            rows,
            rowNumbers: rows.map((_, i) => totals.fetched - rows.length + i + 1),
            mode: 'partial',
            source: `Đồng bộ / pull ${source}`,
          });
          totals.inserted += result.inserted;
          totals.updated += result.updated;
          totals.unchanged += result.unchanged;
          totals.rejected += result.rejected;
          for (const e of result.errors.slice(0, 20 - problems.length))
            problems.push(`${e.row}/${e.field}: ${e.message}`);
          for (const row of rows) {
            const updatedAt = parseInstant(row.updatedAt);
            if (updatedAt && (!cursorTo || updatedAt > cursorTo)) cursorTo = updatedAt;
          }
        }
        if (!body.hasMore) break;
      }
      return await this.finish(id, 'ok', totals, cursorTo, problems.length ? problems.join('\n') : null);
    } catch (err) {
      return await this.finish(id, 'failed', totals, cursorFrom, (err as Error).message);
    }
  }

  private async fetchPage(cursor: Date | null, page: number) {
    const url = new URL(this.options.url);
    if (cursor) url.searchParams.set('updatedFrom', cursor.toISOString());
    url.searchParams.set('page', String(page));
    const response = await fetch(url, {
      headers: {
        accept: 'application/json',
        ...(this.options.apiKey ? { 'x-api-key': this.options.apiKey } : {}),
      },
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
    });
    if (!response.ok)
      throw new Error(`HTTP ${response.status} từ hệ thống một cửa / from the one-stop system`);
    const parsed = pageSchema.safeParse(await response.json());
    if (!parsed.success)
      throw new Error(`Trả lời không đúng dạng / malformed answer: ${parsed.error.message}`);
    return parsed.data;
  }

  private async finish(
    id: string,
    status: 'ok' | 'failed',
    totals: { fetched: number; inserted: number; updated: number; unchanged: number; rejected: number },
    cursorTo: Date | null,
    error: string | null,
  ) {
    const row = await this.db
      .updateTable('dossier_pull_runs')
      .set({ ...totals, status, error, cursor_to: cursorTo, finished_at: this.clock() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return presentRun(row);
  }
}

function presentRun(r: {
  id: string;
  source: string;
  started_at: Date;
  finished_at: Date | null;
  cursor_from: Date | null;
  cursor_to: Date | null;
  fetched: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  status: string;
  error: string | null;
}) {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: String(r.id),
    source: r.source,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    cursorFrom: iso(r.cursor_from),
    cursorTo: iso(r.cursor_to),
    fetched: r.fetched,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
    status: r.status,
    error: r.error,
  };
}

/** The pull run log, newest first (administrators). */
export async function listPullRuns(db: Db, actor: Actor, limit: number) {
  requirePermission(actor, 'dossiers.write');
  const rows = await db
    .selectFrom('dossier_pull_runs')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(presentRun);
}
