import { sql } from 'kysely';
import type { Actor } from '../auth/actor.js';
import { actorOf, authorise, canReadValue, type Writer } from '../auth/policy.js';
import { parsePeriod } from '@ioc/shared';
import { writeAudit } from '../audit/audit.repository.js';
import { loadIndicators } from '../catalogue/indicator-record.js';
import type { Db } from '../db/database.js';
import { AppError, notFound } from '../errors.js';
import { hashRequest, saveReplay, withIdempotency } from '../http/idempotency.js';
import type { RollupRefresher } from '../rollups/rollup-refresher.js';
import { loadUnitTree } from '../units/unit-tree.js';
import {
  indicatorCodesOf,
  validateRows,
  type ObservationRow,
  type RowError,
  type ValidRow,
} from './observation-rows.js';

export type WriteMode = 'all' | 'partial';

export interface WriteResult {
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: RowError[];
}

export interface WriteRequest {
  rows: ObservationRow[];
  /** Line or index shown in error reports for the row at each position. */
  rowNumbers: number[];
  /** `all` (default): one bad row stores nothing. `partial`: store the valid rows, report the rest. */
  mode: WriteMode;
  idempotencyKey?: string;
}

export class ObservationsService {
  constructor(
    private readonly db: Db,
    /** Told of each write, and after data changes are committed, so roll-ups are refreshed. */
    private readonly rollups: Pick<RollupRefresher, 'whileWriting' | 'schedule'>,
  ) {}

  /**
   * Validates and stores a batch in one transaction. A correction keeps the earlier version in
   * the revision history; an identical row changes nothing. Retrying with the same
   * Idempotency-Key returns the first response.
   */
  async write(writer: Writer, request: WriteRequest): Promise<{ status: number; body: WriteResult }> {
    const by = authorise(writer, 'observations.write');
    const actor: Actor = actorOf(writer);
    // A machine client's rows are recorded with its key's name (the sending system) as source.
    const defaultSource = (actor.kind === 'api_key' && actor.apiKeyName) || null;
    const requestHash = request.idempotencyKey ? hashRequest([request.mode, request.rows]) : '';
    const response = await this.rollups.whileWriting(() =>
      withIdempotency(this.db, request.idempotencyKey, by, requestHash, async () => {
        const [indicators, units] = await Promise.all([
          loadIndicators(this.db, indicatorCodesOf(request.rows)),
          loadUnitTree(this.db),
        ]);
        const { valid, errors } = validateRows(request.rows, (i) => request.rowNumbers[i] ?? i + 1, {
          indicators,
          units,
          actor,
          defaultSource,
        });
        const base = { received: request.rows.length, rejected: errors.length, errors };
        if (errors.length > 0 && request.mode === 'all') {
          throw new AppError('ROWS_REJECTED', { ...base, inserted: 0, updated: 0, unchanged: 0 });
        }
        return this.store(request, valid, base, by, requestHash);
      }),
    );
    if (response.body.inserted + response.body.updated > 0) this.rollups.schedule();
    return response;
  }

  private store(
    request: WriteRequest,
    valid: ValidRow[],
    base: Pick<WriteResult, 'received' | 'rejected' | 'errors'>,
    by: string,
    requestHash: string,
  ): Promise<{ status: number; body: WriteResult }> {
    return this.db.transaction().execute(async (trx) => {
      const { inserted, updated } = await upsertRows(trx, valid, by);
      const body: WriteResult = { ...base, inserted, updated, unchanged: valid.length - inserted - updated };
      if (inserted + updated > 0) {
        await writeAudit(trx, by, 'write', 'observations', request.idempotencyKey ?? '-', null, {
          inserted,
          updated,
          indicators: [...new Set(valid.map((r) => r.indicatorCode))],
        });
      }
      const status = base.rejected > 0 ? 207 : 200;
      if (request.idempotencyKey)
        await saveReplay(trx, request.idempotencyKey, by, requestHash, { status, body });
      return { status, body };
    });
  }

  /** Every version of one observation, oldest first: the superseded revisions, then the current one. */
  async history(
    actor: Actor,
    query: { indicator: string; unit: string; period: string; disaggregation?: string },
  ) {
    const [indicators, tree] = await Promise.all([loadIndicators(this.db), loadUnitTree(this.db)]);
    const indicator = indicators.get(query.indicator);
    if (!indicator) throw notFound('chỉ tiêu', 'Indicator', query.indicator);
    const unit = tree.findByCode(query.unit, parsePeriod(query.period)?.end);
    if (!unit) throw notFound('đơn vị hành chính', 'Unit', query.unit);
    if (!canReadValue(actor, tree, indicator.isPublic, unit.id))
      throw new AppError('OUT_OF_SCOPE', { unit: query.unit });
    const current = await this.db
      .selectFrom('observations')
      .selectAll()
      .where('indicator_code', '=', indicator.code)
      .where('unit_id', '=', unit.id)
      .where('period', '=', parsePeriod(query.period)?.code ?? query.period)
      .where('disaggregation', '=', query.disaggregation ?? '')
      .executeTakeFirst();
    if (!current) return [];
    const earlier = await this.db
      .selectFrom('observation_revisions')
      .selectAll()
      .where('observation_id', '=', current.id)
      .orderBy('revision')
      .execute();
    const present = (
      r: { revision: number; value: number; status: string; source: string | null; comment: string | null },
      by: string | null,
      at: Date,
    ) => ({
      revision: r.revision,
      value: r.value,
      status: r.status,
      source: r.source,
      comment: r.comment,
      by,
      at: new Date(at).toISOString(),
    });
    return [
      ...earlier.map((r) => present(r, r.changed_by, r.changed_at)),
      present(current, current.updated_by, current.updated_at),
    ];
  }
}

/**
 * One statement per batch: upsert the rows (rows equal to what is stored are left alone) and
 * queue the touched (indicator, year) roll-ups. The versions a correction replaces are moved to
 * observation_revisions by the table's trigger (migration 0011).
 */
export async function upsertRows(
  trx: Db,
  rows: ValidRow[],
  by: string,
): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const result = await sql<{ inserted: number; updated: number }>`
    WITH input AS (
      SELECT * FROM unnest(
        ${rows.map((r) => r.indicatorCode)}::text[], ${rows.map((r) => r.unitId)}::int[],
        ${rows.map((r) => r.period)}::text[], ${rows.map((r) => r.disaggregation)}::text[],
        ${rows.map((r) => r.value)}::float8[], ${rows.map((r) => r.status)}::text[],
        ${rows.map((r) => r.source)}::text[], ${rows.map((r) => r.comment)}::text[]
      ) AS t(indicator_code, unit_id, period, disaggregation, value, status, source, comment)
    ),
    upserted AS (
      INSERT INTO observations (indicator_code, unit_id, period, disaggregation, value, status, source, comment, updated_by)
      SELECT indicator_code, unit_id, period, disaggregation, value, status, source, comment, ${by} FROM input
      ON CONFLICT (indicator_code, unit_id, period, disaggregation) DO UPDATE
        SET value = EXCLUDED.value, status = EXCLUDED.status, source = EXCLUDED.source, comment = EXCLUDED.comment,
            updated_by = EXCLUDED.updated_by, updated_at = now(), revision = observations.revision + 1
        WHERE (observations.value, observations.status, observations.source)
          IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.status, EXCLUDED.source)
      RETURNING indicator_code, period, revision
    ),
    queued AS (
      INSERT INTO rollup_queue (indicator_code, year)
      SELECT DISTINCT indicator_code, left(period, 4)::int FROM upserted
      ON CONFLICT (indicator_code, year) DO UPDATE SET generation = EXCLUDED.generation
    )
    SELECT count(*) FILTER (WHERE revision = 1)::int AS inserted, count(*) FILTER (WHERE revision > 1)::int AS updated
    FROM upserted`.execute(trx);
  return result.rows[0] ?? { inserted: 0, updated: 0 };
}
