import {
  connectorInputSchema,
  connectorScheduleSchema,
  nextRunAt,
  type ConnectorRunStatus,
  type ConnectorSchedule,
} from '@ioc/shared';
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import { authorise, requirePermission, type Writer } from '../auth/policy.js';
import { writeAudit } from '../audit/audit.repository.js';
import type { Db } from '../db/database.js';
import type { ConnectorRunsTable, ConnectorsTable } from '../db/schema.js';
import { AppError, notFound } from '../errors.js';
import type { RowError } from '../observations/observation-rows.js';
import type { ObservationsService, WriteResult } from '../observations/observations.service.js';
import {
  extractRecords,
  fetchWithRetries,
  mapRecords,
  maxCursor,
  PullFailed,
  type AttemptError,
  type ConnectorMapping,
} from './connector-pull.js';

/** At most this many row errors are kept in a run's log (the counts stay exact). */
const MAX_LOGGED_ERRORS = 1000;

export interface ConnectorsOptions {
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** First retry delay; doubled at each attempt. */
  retryDelayMs?: number;
  log?: (line: string) => void;
}

const headersSchema = z.record(z.string(), z.string());

/** Shows only the last characters of a secret. */
function mask(secret: string): string {
  return secret.length >= 16 ? `••••${secret.slice(-4)}` : '••••';
}

function presentConnector(row: Selectable<ConnectorsTable>) {
  return {
    code: row.code,
    name: row.name,
    url: row.url,
    method: row.method as 'GET' | 'POST',
    schedule: connectorScheduleSchema.parse(row.schedule),
    headers: Object.fromEntries(
      Object.entries(headersSchema.parse(row.headers)).map(([k, v]) => [k, mask(v)]),
    ),
    format: row.format as 'json' | 'csv',
    recordsPath: row.records_path,
    mapping: row.mapping as ConnectorMapping,
    cursor:
      row.cursor_field && row.cursor_param ? { field: row.cursor_field, param: row.cursor_param } : null,
    cursorValue: row.cursor_value,
    allowPartial: row.allow_partial,
    maxAttempts: row.max_attempts,
    timeoutMs: row.timeout_ms,
    isActive: row.is_active,
    nextRunAt: row.next_run_at ? new Date(row.next_run_at).toISOString() : null,
  };
}

export type ConnectorView = ReturnType<typeof presentConnector>;

function presentRun(row: Selectable<ConnectorRunsTable>) {
  return {
    id: row.id,
    trigger: row.trigger as 'schedule' | 'manual',
    status: row.status as ConnectorRunStatus,
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    attempts: row.attempts,
    rowsFetched: row.rows_fetched,
    rowsStored: row.rows_stored,
    rowsUnchanged: row.rows_unchanged,
    rowsRejected: row.rows_rejected,
    errors: row.errors as (RowError | AttemptError)[],
    message: row.message,
    cursorBefore: row.cursor_before,
    cursorAfter: row.cursor_after,
  };
}

export type ConnectorRunView = ReturnType<typeof presentRun>;

/**
 * Connectors pull JSON or CSV from other systems on a schedule and write the records through
 * the observations write path (same validation, revisions and idempotency as every channel).
 * Every run is logged with its counts, row errors and cursor.
 */
export class ConnectorsService {
  private readonly running = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly db: Db,
    private readonly observations: ObservationsService,
    private readonly options: ConnectorsOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Creates or updates a connector by code; headers omitted on update are kept. */
  async upsert(writer: Writer, input: unknown): Promise<ConnectorView> {
    const by = authorise(writer, 'connectors.manage');
    const parsed = connectorInputSchema.safeParse(input);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new AppError('VALIDATION_FAILED', parsed.error.issues, {
        vi: `Cấu hình kết nối không hợp lệ: ${fields}`,
        en: `Invalid connector: ${fields}`,
      });
    }
    const c = parsed.data;
    const values = {
      code: c.code,
      name: c.name,
      url: c.url,
      method: c.method,
      schedule: JSON.stringify(c.schedule),
      format: c.format,
      records_path: c.recordsPath || null,
      mapping: JSON.stringify(c.mapping),
      cursor_field: c.cursor?.field ?? null,
      cursor_param: c.cursor?.param ?? null,
      allow_partial: c.allowPartial,
      max_attempts: c.maxAttempts,
      timeout_ms: c.timeoutMs,
      is_active: c.isActive,
      next_run_at: nextRunAt(c.schedule, this.now()),
    };
    const row = await this.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('connectors')
        .selectAll()
        .where('code', '=', c.code)
        .executeTakeFirst();
      const headers = JSON.stringify(c.headers ?? (before ? before.headers : {}));
      const written = await trx
        .insertInto('connectors')
        .values({ ...values, headers })
        .onConflict((oc) =>
          oc.column('code').doUpdateSet({
            ...values,
            headers,
            // A changed cursor field starts the incremental pull afresh.
            ...(before?.cursor_field !== values.cursor_field ? { cursor_value: null } : {}),
            updated_at: sql`now()`,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      // The audit keeps who changed what, never the secret headers themselves.
      await writeAudit(
        trx,
        by,
        before ? 'update' : 'create',
        'connector',
        c.code,
        before ? presentConnector(before) : null,
        presentConnector(written),
      );
      return written;
    });
    return presentConnector(row);
  }

  async list(actor: Actor) {
    requirePermission(actor, 'connectors.manage');
    const rows = await this.db.selectFrom('connectors').selectAll().orderBy('code').execute();
    const lastRuns = await this.db
      .selectFrom('connector_runs')
      .selectAll()
      .where(
        'id',
        'in',
        this.db
          .selectFrom('connector_runs')
          .select((eb) => eb.fn.max('id').as('id'))
          .groupBy('connector_id'),
      )
      .execute();
    return rows.map((row) => {
      const last = lastRuns.find((r) => r.connector_id === row.id);
      return { ...presentConnector(row), lastRun: last ? presentRun(last) : null };
    });
  }

  async get(actor: Actor, code: string) {
    requirePermission(actor, 'connectors.manage');
    return presentConnector(await this.find(code));
  }

  async runs(actor: Actor, code: string, limit = 50) {
    requirePermission(actor, 'connectors.manage');
    const connector = await this.find(code);
    const rows = await this.db
      .selectFrom('connector_runs')
      .selectAll()
      .where('connector_id', '=', connector.id)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(presentRun);
  }

  /** Runs one connector now and returns its logged run. */
  async run(
    writer: Writer,
    code: string,
    trigger: 'schedule' | 'manual' = 'manual',
  ): Promise<ConnectorRunView> {
    const by = authorise(writer, 'connectors.manage');
    const connector = await this.find(code);
    if (this.running.has(code)) {
      throw new AppError(
        'CONFLICT',
        { code },
        {
          vi: `Kết nối "${code}" đang chạy.`,
          en: `Connector "${code}" is already running.`,
        },
      );
    }
    this.running.add(code);
    try {
      if (trigger === 'manual') await writeAudit(this.db, by, 'run', 'connector', code, null, null);
      return await this.execute(connector, trigger);
    } finally {
      this.running.delete(code);
    }
  }

  /** Runs every active connector whose time has come; returns how many ran. */
  async runDue(): Promise<number> {
    const due = await this.db
      .selectFrom('connectors')
      .select('code')
      .where('is_active', '=', true)
      .where('next_run_at', '<=', this.now())
      .orderBy('next_run_at')
      .execute();
    let ran = 0;
    for (const { code } of due) {
      if (this.running.has(code)) continue;
      await this.run('system:scheduler', code, 'schedule').catch((err: unknown) =>
        this.options.log?.(`Kết nối ${code} lỗi / connector failed: ${String(err)}`),
      );
      ran++;
    }
    return ran;
  }

  /** Checks for due connectors every `everyMs` (started by `ioc serve`). */
  startScheduler(everyMs = 15_000): void {
    const tick = () => {
      void this.runDue()
        .catch((err: unknown) => this.options.log?.(`Lịch kết nối lỗi / scheduler failed: ${String(err)}`))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, everyMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  stopScheduler(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async find(code: string): Promise<Selectable<ConnectorsTable>> {
    const row = await this.db
      .selectFrom('connectors')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst();
    if (!row) throw notFound('kết nối', 'Connector', code);
    return row;
  }

  private async execute(connector: Selectable<ConnectorsTable>, trigger: 'schedule' | 'manual') {
    const startedAt = this.now();
    const run = await this.db
      .insertInto('connector_runs')
      .values({
        connector_id: connector.id,
        trigger,
        status: 'running',
        started_at: startedAt,
        errors: '[]',
        cursor_before: connector.cursor_value,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const outcome = await this.pull(connector);
    const finishedAt = this.now();
    const advance = outcome.status === 'succeeded' || outcome.status === 'partial';
    const row = await this.db.transaction().execute(async (trx) => {
      const logged = await trx
        .updateTable('connector_runs')
        .set({
          status: outcome.status,
          finished_at: finishedAt,
          attempts: outcome.attempts,
          rows_fetched: outcome.fetched,
          rows_stored: outcome.stored,
          rows_unchanged: outcome.unchanged,
          rows_rejected: outcome.rejected,
          errors: JSON.stringify(outcome.errors.slice(0, MAX_LOGGED_ERRORS)),
          message: outcome.message,
          cursor_after: advance ? outcome.cursor : connector.cursor_value,
        })
        .where('id', '=', run.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('connectors')
        .set({
          ...(advance ? { cursor_value: outcome.cursor } : {}),
          next_run_at: nextRunAt(connector.schedule as ConnectorSchedule, finishedAt),
        })
        .where('id', '=', connector.id)
        .execute();
      return logged;
    });
    this.options.log?.(`Kết nối ${connector.code}: ${outcome.status} — ${outcome.message}`);
    return presentRun(row);
  }

  private async pull(connector: Selectable<ConnectorsTable>): Promise<{
    status: Exclude<ConnectorRunStatus, 'running'>;
    attempts: number;
    fetched: number;
    stored: number;
    unchanged: number;
    rejected: number;
    errors: (RowError | AttemptError)[];
    message: string;
    cursor: string | null;
  }> {
    const empty = { fetched: 0, stored: 0, unchanged: 0, rejected: 0, cursor: connector.cursor_value };
    let text: string;
    let attempts: number;
    let failures: AttemptError[];
    try {
      ({ text, attempts, failures } = await fetchWithRetries(
        {
          url: connector.url,
          method: connector.method as 'GET' | 'POST',
          headers: headersSchema.parse(connector.headers),
          timeoutMs: connector.timeout_ms,
          maxAttempts: connector.max_attempts,
          ...(connector.cursor_param && connector.cursor_value
            ? { cursor: { param: connector.cursor_param, value: connector.cursor_value } }
            : {}),
        },
        this.sleep,
        this.options.retryDelayMs,
      ));
    } catch (err) {
      if (!(err instanceof PullFailed)) throw err;
      return {
        ...empty,
        status: 'failed',
        attempts: err.attempts.length,
        errors: err.attempts,
        message: err.message,
      };
    }
    let records: Record<string, unknown>[];
    try {
      records = extractRecords(text, connector.format as 'json' | 'csv', connector.records_path);
    } catch (err) {
      const message = err instanceof AppError || err instanceof PullFailed ? err.message : String(err);
      return { ...empty, status: 'failed', attempts, errors: failures, message };
    }
    const rows = mapRecords(records, connector.mapping as ConnectorMapping, `Kết nối ${connector.name}`);
    const cursor = connector.cursor_field
      ? maxCursor(records, connector.cursor_field, connector.cursor_value)
      : null;
    if (rows.length === 0) {
      return {
        ...empty,
        status: 'succeeded',
        attempts,
        errors: failures,
        message: 'Không có bản ghi mới / no new records',
      };
    }
    let body: WriteResult;
    try {
      ({ body } = await this.observations.write(`system:connector:${connector.code}`, {
        rows,
        rowNumbers: rows.map((_, i) => i + 1),
        mode: connector.allow_partial ? 'partial' : 'all',
      }));
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'ROWS_REJECTED') throw err;
      const details = err.details as WriteResult;
      return {
        ...empty,
        fetched: records.length,
        rejected: details.rejected,
        status: 'failed',
        attempts,
        errors: details.errors,
        message: `${details.rejected}/${records.length} bản ghi không hợp lệ, không lưu bản ghi nào / invalid records, nothing stored`,
      };
    }
    const stored = body.inserted + body.updated;
    return {
      status: body.rejected > 0 ? 'partial' : 'succeeded',
      attempts,
      fetched: records.length,
      stored,
      unchanged: body.unchanged,
      rejected: body.rejected,
      errors: body.errors,
      cursor,
      message:
        `Lưu ${stored}, không đổi ${body.unchanged}, lỗi ${body.rejected} / stored, unchanged, rejected` +
        (failures.length
          ? ` (sau ${failures.length} lần lỗi / after ${failures.length} failed attempts)`
          : ''),
    };
  }
}
