import type { Actor } from '../auth/actor.js';
import { actorOf, authorise, type Permission, type Writer } from '../auth/policy.js';
import { writeAudit } from '../audit/audit.repository.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import { hashRequest, saveReplay, withIdempotency } from '../http/idempotency.js';
import type { RowError } from '../observations/observation-rows.js';
import { queueFigures, type FigureScope } from './figure-refresher.js';
import { upsertRecords, type RecordEntity, type StoredRecord } from './record-store.js';

/** How one kind of record is checked and which warehouse figures it feeds. */
export interface RecordSpec {
  entity: RecordEntity;
  permission: Permission;
  scope: FigureScope;
  /** Checks rows against the reference data and the actor's scope. */
  validate(
    rows: Record<string, unknown>[],
    rowNumber: (index: number) => number,
    actor: Actor,
  ): Promise<{ valid: StoredRecord[]; errors: RowError[] }>;
  /** Years whose figures the records change, before and after this write. */
  touchedYears(trx: Db, records: StoredRecord[]): Promise<number[]>;
}

export interface IntakeRequest {
  rows: Record<string, unknown>[];
  /** Line or index shown in error reports for the row at each position. */
  rowNumbers: number[];
  /** `all`: one bad row stores nothing. `partial`: store the valid rows, report the rest. */
  mode: 'all' | 'partial';
  idempotencyKey?: string;
}

export interface IntakeResult {
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: RowError[];
}

/**
 * Takes in keyed records (budget transactions, estimates, projects, plans, disbursements) with
 * the rules of every data supply: a row-by-row report, all-or-nothing unless partial, one
 * transaction, audited, idempotent by record key and by Idempotency-Key, figures queued.
 */
export class RecordIntake {
  constructor(
    private readonly db: Db,
    /** Called after records are committed, so their figures are recomputed. */
    private readonly onChanged: () => void,
  ) {}

  async write(
    writer: Writer,
    spec: RecordSpec,
    request: IntakeRequest,
  ): Promise<{ status: number; body: IntakeResult }> {
    const by = authorise(writer, spec.permission);
    const actor = actorOf(writer);
    const requestHash = hashRequest([spec.entity, request.mode, request.rows]);
    const response = await withIdempotency(this.db, request.idempotencyKey, by, requestHash, () =>
      this.store(spec, request, actor, by, requestHash),
    );
    if (response.body.inserted + response.body.updated > 0) this.onChanged();
    return response;
  }

  private async store(
    spec: RecordSpec,
    request: IntakeRequest,
    actor: Actor,
    by: string,
    requestHash: string,
  ): Promise<{ status: number; body: IntakeResult }> {
    const { valid, errors } = await spec.validate(request.rows, (i) => request.rowNumbers[i] ?? i + 1, actor);
    const base = { received: request.rows.length, rejected: errors.length, errors };
    if (errors.length > 0 && request.mode === 'all') {
      throw new AppError('ROWS_REJECTED', { ...base, inserted: 0, updated: 0, unchanged: 0 });
    }
    return this.db.transaction().execute(async (trx) => {
      const years = await spec.touchedYears(trx, valid);
      const { inserted, updated } = await upsertRecords(trx, spec.entity, valid, by);
      const body: IntakeResult = {
        ...base,
        inserted,
        updated,
        unchanged: valid.length - inserted - updated,
      };
      if (inserted + updated > 0) {
        await writeAudit(trx, by, 'write', spec.entity, request.idempotencyKey ?? '-', null, {
          inserted,
          updated,
          keys: valid.slice(0, 50).map((r) => r.key),
        });
        await queueFigures(trx, spec.scope, years.map(String));
      }
      const status = base.rejected > 0 ? 207 : 200;
      if (request.idempotencyKey)
        await saveReplay(trx, request.idempotencyKey, by, requestHash, { status, body });
      return { status, body };
    });
  }
}
