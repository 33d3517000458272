import { createHash } from 'node:crypto';
import { compileRules, formatPeriodLabel, parsePeriod, previousPeriod, type Period } from '@ioc/shared';
import { sql, type Selectable } from 'kysely';
import { writeAudit } from '../audit/audit.repository.js';
import { actorName, type Actor } from '../auth/actor.js';
import { can, requirePermission } from '../auth/policy.js';
import { loadIndicators } from '../catalogue/indicator-record.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { SubmissionsTable } from '../db/schema.js';
import { AppError, notFound } from '../errors.js';
import { upsertRows } from '../observations/observations.service.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { LiveHub } from '../stream/live-hub.js';
import { loadUnitTree } from '../units/unit-tree.js';
import {
  findActorPerson,
  isApprover,
  resolveDataSetUnits,
  type DataSet,
  type DataSetsService,
} from './data-sets.service.js';
import {
  detectFormat,
  readRows,
  type FileMeta,
  writeTemplateCsv,
  writeTemplateXlsx,
  type TemplateSpec,
} from './supply-files.js';
import { SheetValidator, type Finding, type SheetContext } from './supply-sheet.js';

const PROGRESS_EVERY = 2000;
/** Live progress goes to the screens of people who follow data supply. */
const canFollow = (actor: Actor) => can(actor, 'supply.read');
const YIELD_EVERY_MS = 15;
const INSERT_BATCH = 10_000;

export interface SubmissionView {
  id: string;
  dataSet: { code: string; name: string; allowPartial: boolean };
  period: string;
  periodLabel: string;
  channel: 'file' | 'form';
  fileName: string | null;
  status: Selectable<SubmissionsTable>['status'];
  progress: { processed: number; total: number };
  rowsValid: number;
  errorCount: number;
  warningCount: number;
  canSubmit: boolean;
  failure: string | null;
  createdBy: string;
  createdAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  rejectReason: string | null;
}

type SubmissionRow = Omit<Selectable<SubmissionsTable>, 'file' | 'report'>;

const SUMMARY_COLUMNS = [
  'id',
  'data_set_id',
  'period',
  'channel',
  'file_name',
  'file_format',
  'content_hash',
  'status',
  'rows_total',
  'rows_processed',
  'rows_valid',
  'error_count',
  'warning_count',
  'failure',
  'created_by',
  'created_at',
  'submitted_by',
  'submitted_at',
  'decided_by',
  'decided_at',
  'reject_reason',
] as const;

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function present(row: SubmissionRow, dataSet: DataSet): SubmissionView {
  return {
    id: String(row.id),
    dataSet: { code: dataSet.code, name: dataSet.name, allowPartial: dataSet.allowPartial },
    period: row.period,
    periodLabel: formatPeriodLabel(row.period, 'vi'),
    channel: row.channel,
    fileName: row.file_name,
    status: row.status,
    progress: { processed: row.rows_processed, total: row.rows_total },
    rowsValid: row.rows_valid,
    errorCount: row.error_count,
    warningCount: row.warning_count,
    canSubmit:
      row.status === 'draft' && row.rows_valid > 0 && (row.error_count === 0 || dataSet.allowPartial),
    failure: row.failure,
    createdBy: row.created_by,
    createdAt: iso(row.created_at)!,
    submittedBy: row.submitted_by,
    submittedAt: iso(row.submitted_at),
    decidedBy: row.decided_by,
    decidedAt: iso(row.decided_at),
    rejectReason: row.reject_reason,
  };
}

/** One unit's figures typed in the web form. */
export interface FormRow {
  unit: string;
  values: Record<string, number | string | null>;
}

/**
 * Files and forms a data officer sends for a data set and period, their validation report, and
 * the approval that publishes them into the warehouse. Upload → queued (the file is stored:
 * acknowledged) → processing → draft with staged values and a report → submitted → published
 * (values written as approved observations, so roll-ups count them) or rejected with a reason.
 */
export class SubmissionsService {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: Db,
    private readonly dataSets: DataSetsService,
    private readonly live: LiveHub,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    /** Called after published values are committed, so roll-ups are refreshed. */
    private readonly onChanged: () => void,
  ) {}

  private requirePeriod(dataSet: DataSet, code: string): Period {
    const period = parsePeriod(code);
    if (!period || period.type !== dataSet.frequency) {
      throw new AppError(
        'VALIDATION_FAILED',
        { period: code },
        {
          vi: `Kỳ "${code}" không hợp lệ cho bộ số liệu ${dataSet.code} (tần suất ${dataSet.frequency}).`,
          en: `Period "${code}" does not fit data set ${dataSet.code} (${dataSet.frequency}).`,
        },
      );
    }
    return period;
  }

  /** The template of a data set and period, prefilled with the figures already published. */
  async template(
    actor: Actor,
    code: string,
    periodCode: string,
    format: 'xlsx' | 'csv',
  ): Promise<{ fileName: string; body: Buffer | string }> {
    const { dataSet } = await this.dataSets.loadForSupplier(actor, code);
    const period = this.requirePeriod(dataSet, periodCode);
    const spec = await this.templateSpec(dataSet, period);
    const fileName = `${dataSet.code}_${period.code}.${format}`;
    return { fileName, body: format === 'xlsx' ? await writeTemplateXlsx(spec) : writeTemplateCsv(spec) };
  }

  private async templateSpec(dataSet: DataSet, period: Period): Promise<TemplateSpec> {
    const [indicators, tree] = await Promise.all([loadIndicators(this.db), loadUnitTree(this.db)]);
    const units = resolveDataSetUnits(dataSet, tree, period.end);
    const current = await this.currentValues(
      dataSet,
      period.code,
      units.map((u) => u.id),
    );
    const codeOf = new Map(units.map((u) => [u.code, u.id]));
    return {
      dataSet,
      period: period.code,
      indicators: dataSet.indicatorCodes.map((c) => {
        const i = indicators.get(c);
        return { code: c, name: i?.name ?? c, unitOfMeasure: i?.unitOfMeasure ?? '' };
      }),
      units: units.map((u) => ({ code: u.code, name: u.name })),
      rules: dataSet.rules,
      value: (unitCode, indicator) => current.get(`${codeOf.get(unitCode)}|${indicator}`) ?? null,
    };
  }

  /** Figures stored in the warehouse for the data set's units and period, keyed `unitId|indicator`. */
  private async currentValues(
    dataSet: DataSet,
    period: string,
    unitIds: number[],
  ): Promise<Map<string, number>> {
    if (unitIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('observations')
      .select(['unit_id', 'indicator_code', 'value'])
      .where('indicator_code', 'in', dataSet.indicatorCodes)
      .where('period', '=', period)
      .where('disaggregation', '=', '')
      .where('unit_id', 'in', unitIds)
      .execute();
    return new Map(rows.map((r) => [`${r.unit_id}|${r.indicator_code}`, r.value]));
  }

  /** The web form's grid: units × indicators with the figures already stored. */
  async form(actor: Actor, code: string, periodCode: string) {
    const { dataSet } = await this.dataSets.loadForSupplier(actor, code);
    const period = this.requirePeriod(dataSet, periodCode);
    const spec = await this.templateSpec(dataSet, period);
    return {
      dataSet: { code: dataSet.code, name: dataSet.name, allowPartial: dataSet.allowPartial },
      period: period.code,
      indicators: spec.indicators,
      rules: dataSet.rules,
      units: spec.units.map((u) => ({
        ...u,
        values: Object.fromEntries(
          spec.indicators.map((i) => [i.code, spec.value?.(u.code, i.code) ?? null]),
        ),
      })),
    };
  }

  /**
   * Stores an uploaded file (acknowledged once this returns) and queues its processing. The
   * same file for the same data set and period returns the submission it already made.
   */
  async upload(
    actor: Actor,
    code: string,
    periodCode: string,
    file: Buffer,
    fileName: string,
  ): Promise<{ duplicate: boolean; submission: SubmissionView }> {
    const { dataSet } = await this.dataSets.loadForSupplier(actor, code);
    const period = this.requirePeriod(dataSet, periodCode);
    if (file.length === 0) {
      throw new AppError('VALIDATION_FAILED', null, { vi: 'Tệp rỗng.', en: 'The file is empty.' });
    }
    const hash = createHash('sha256').update(file).digest('hex');
    const tree = await loadUnitTree(this.db);
    const total = resolveDataSetUnits(dataSet, tree, period.end).length;
    const by = actorName(actor);
    const inserted = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('submissions')
        .values({
          data_set_id: dataSet.id,
          period: period.code,
          channel: 'file',
          file_name: fileName.slice(0, 255),
          file_format: detectFormat(file),
          content_hash: hash,
          file,
          status: 'queued',
          rows_total: total,
          created_by: by,
          created_at: this.clock(),
        })
        .onConflict((oc) => oc.columns(['data_set_id', 'period', 'content_hash']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row) {
        await writeAudit(trx, by, 'upload', 'submissions', String(row.id), null, {
          dataSet: dataSet.code,
          period: period.code,
          fileName,
          contentHash: hash,
          bytes: file.length,
        });
      }
      return row;
    });
    if (inserted) this.wake();
    const id =
      inserted?.id ??
      (
        await this.db
          .selectFrom('submissions')
          .select('id')
          .where('data_set_id', '=', dataSet.id)
          .where('period', '=', period.code)
          .where('content_hash', '=', hash)
          .executeTakeFirstOrThrow()
      ).id;
    return { duplicate: !inserted, submission: await this.view(String(id), dataSet) };
  }

  /** Figures typed in the web form: validated like a file, at once (a form is small). */
  async submitForm(
    actor: Actor,
    code: string,
    periodCode: string,
    rows: FormRow[],
  ): Promise<{ duplicate: boolean; submission: SubmissionView }> {
    const { dataSet } = await this.dataSets.loadForSupplier(actor, code);
    const period = this.requirePeriod(dataSet, periodCode);
    const hash = createHash('sha256')
      .update(JSON.stringify(['form', rows]))
      .digest('hex');
    const existing = await this.db
      .selectFrom('submissions')
      .select('id')
      .where('data_set_id', '=', dataSet.id)
      .where('period', '=', period.code)
      .where('content_hash', '=', hash)
      .executeTakeFirst();
    if (existing) return { duplicate: true, submission: await this.view(String(existing.id), dataSet) };
    const validator = await this.validatorFor(dataSet, period);
    validator.read(0, ['unit', ...dataSet.indicatorCodes]);
    rows.forEach((r, i) =>
      validator.read(i + 1, [
        r.unit,
        ...dataSet.indicatorCodes.map((c) => {
          const v = r.values[c];
          return v === null || v === undefined ? '' : String(v);
        }),
      ]),
    );
    validator.finish();
    const by = actorName(actor);
    const id = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('submissions')
        .values({
          data_set_id: dataSet.id,
          period: period.code,
          channel: 'form',
          content_hash: hash,
          file: null,
          file_name: null,
          file_format: null,
          status: 'processing',
          rows_total: rows.length,
          created_by: by,
          created_at: this.clock(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await storeResult(trx, row.id, dataSet, validator);
      await writeAudit(trx, by, 'enter', 'submissions', String(row.id), null, {
        dataSet: dataSet.code,
        period: period.code,
        rows: rows.length,
      });
      return row.id;
    });
    return { duplicate: false, submission: await this.view(String(id), dataSet) };
  }

  private async validatorFor(dataSet: DataSet, period: Period): Promise<SheetValidator> {
    const tree = await loadUnitTree(this.db);
    const units = resolveDataSetUnits(dataSet, tree, period.end);
    const rules = compileRules(dataSet.rules);
    const history = await this.loadHistory(
      dataSet,
      period,
      units.map((u) => u.id),
    );
    const ctx: SheetContext = {
      indicatorCodes: dataSet.indicatorCodes,
      units: new Map(units.map((u) => [u.code, { id: u.id, name: u.name }])),
      rules,
      history: (unitId, indicator) => history.get(`${unitId}|${indicator}`) ?? [],
    };
    return new SheetValidator(ctx);
  }

  /** Approved earlier values of the indicators under outlier rules, newest first per unit. */
  private async loadHistory(
    dataSet: DataSet,
    period: Period,
    unitIds: number[],
  ): Promise<Map<string, number[]>> {
    const outliers = dataSet.rules.flatMap((r) => (r.kind === 'outlier' ? [r] : []));
    const history = new Map<string, number[]>();
    if (outliers.length === 0 || unitIds.length === 0) return history;
    const depth = Math.max(...outliers.map((r) => r.periods));
    const periods: string[] = [];
    for (let code = period.code, i = 0; i < depth; i++) periods.push((code = previousPeriod(code)));
    const rows = await this.db
      .selectFrom('observations')
      .select(['unit_id', 'indicator_code', 'period', 'value'])
      .where(
        'indicator_code',
        'in',
        outliers.map((r) => r.indicator),
      )
      .where('period', 'in', periods)
      .where('disaggregation', '=', '')
      .where('status', '=', 'approved')
      .where('unit_id', 'in', unitIds)
      .orderBy('period', 'desc')
      .execute();
    for (const r of rows) {
      const key = `${r.unit_id}|${r.indicator_code}`;
      history.set(key, [...(history.get(key) ?? []), r.value]);
    }
    return history;
  }

  /** Starts processing queued files in the background, if it is not running already. */
  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drainQueue()
      // A database failure leaves the file queued or processing; recover() resumes it at the next start.
      .catch((err: unknown) => console.error('Xử lý tệp nộp số liệu thất bại / processing failed', err))
      .finally(() => (this.running = null));
  }

  /** Resolves once no file is being processed (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * At start-up: a file whose processing was interrupted (the server stopped) is queued again;
   * nothing of it was stored, since processing commits everything in one transaction.
   */
  async recover(): Promise<number> {
    const resumed = await this.db
      .updateTable('submissions')
      .set({ status: 'queued', rows_processed: 0 })
      .where('status', '=', 'processing')
      .where('channel', '=', 'file')
      .executeTakeFirst();
    this.wake();
    return Number(resumed.numUpdatedRows);
  }

  private async drainQueue(): Promise<void> {
    do {
      this.again = false;
      for (let id = await this.claim(); id !== null; id = await this.claim()) await this.process(id);
    } while (this.again);
  }

  private async claim(): Promise<string | null> {
    const result = await sql<{ id: string }>`
      UPDATE submissions SET status = 'processing', rows_processed = 0
      WHERE id = (SELECT id FROM submissions WHERE status = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id`.execute(this.db);
    return result.rows[0] ? String(result.rows[0].id) : null;
  }

  private async process(id: string): Promise<void> {
    const row = await this.db
      .selectFrom('submissions')
      .select(['data_set_id', 'period', 'file', 'file_format', 'rows_total'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const dataSet = (await this.dataSets.loadAll()).find((d) => d.id === row.data_set_id)!;
    const period = this.requirePeriod(dataSet, row.period);
    const validator = await this.validatorFor(dataSet, period);
    let lastReported = 0;
    let meta: FileMeta;
    try {
      let lastYield = Date.now();
      meta = await readRows(row.file!, row.file_format ?? 'csv', async (rowNumber, cells) => {
        validator.read(rowNumber, cells);
        // A long file must not starve the server: other requests (progress polls) get a turn.
        if (Date.now() - lastYield > YIELD_EVERY_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          lastYield = Date.now();
        }
        if (validator.rowsRead - lastReported >= PROGRESS_EVERY) {
          lastReported = validator.rowsRead;
          await this.reportProgress(id, validator.rowsRead, row.rows_total);
        }
      });
    } catch (err) {
      // A corrupt or foreign file: nothing is staged, the report says why.
      const reason = err instanceof AppError ? err.message : `Tệp không đọc được: ${(err as Error).message}`;
      await this.db
        .updateTable('submissions')
        .set({ status: 'failed', failure: reason })
        .where('id', '=', id)
        .execute();
      this.live.publish({ topic: 'supply.submission', audience: canFollow, data: { id, status: 'failed' } });
      return;
    }
    validator.finish();
    if ((meta.dataSet && meta.dataSet !== dataSet.code) || (meta.period && meta.period !== period.code)) {
      validator.fileError(
        'WRONG_TEMPLATE',
        `Tệp là mẫu của ${meta.dataSet ?? '?'} kỳ ${meta.period ?? '?'}, không phải ${dataSet.code} kỳ ${period.code}.`,
        `The file is the template of ${meta.dataSet ?? '?'} for ${meta.period ?? '?'}, not ${dataSet.code} for ${period.code}.`,
      );
    }
    await this.db.transaction().execute((trx) => storeResult(trx, id, dataSet, validator));
    this.live.publish({ topic: 'supply.submission', audience: canFollow, data: { id, done: true } });
  }

  private async reportProgress(id: string, processed: number, total: number): Promise<void> {
    await this.db
      .updateTable('submissions')
      .set({ rows_processed: processed })
      .where('id', '=', id)
      .execute();
    this.live.publish({ topic: 'supply.submission', audience: canFollow, data: { id, processed, total } });
  }

  private async loadRow(id: string): Promise<{ row: SubmissionRow; dataSet: DataSet }> {
    if (!/^\d{1,18}$/.test(id)) throw notFound('lần nộp', 'Submission', id);
    const row = await this.db
      .selectFrom('submissions')
      .select([...SUMMARY_COLUMNS])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('lần nộp', 'Submission', id);
    const dataSet = (await this.dataSets.loadAll()).find((d) => d.id === row.data_set_id)!;
    return { row, dataSet };
  }

  private async view(id: string, dataSet: DataSet): Promise<SubmissionView> {
    const row = await this.db
      .selectFrom('submissions')
      .select([...SUMMARY_COLUMNS])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return present(row, dataSet);
  }

  /** May the actor see this submission: its organisation's suppliers, its approver, leaders and administrators. */
  private async checkAccess(actor: Actor, dataSet: DataSet): Promise<void> {
    requirePermission(actor, 'supply.read');
    const visible = await this.dataSets.list(actor);
    if (!visible.some((d) => d.id === dataSet.id)) throw new AppError('FORBIDDEN', { dataSet: dataSet.code });
  }

  /** One submission with its validation report (errors first, then warnings, by row). */
  async get(actor: Actor, id: string): Promise<SubmissionView & { report: Finding[] }> {
    const { row, dataSet } = await this.loadRow(id);
    await this.checkAccess(actor, dataSet);
    const report = await this.db
      .selectFrom('submissions')
      .select('report')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { ...present(row, dataSet), report: report.report as Finding[] };
  }

  /** Submissions of the data sets the actor deals with, newest first. */
  async list(
    actor: Actor,
    filter: { dataSet?: string; period?: string; status?: string; toApprove?: boolean; limit: number },
  ) {
    let visible = await this.dataSets.list(actor);
    if (filter.toApprove) {
      // The approver's inbox: only the data sets this person decides on.
      const person = await findActorPerson(this.db, actor);
      visible = visible.filter((d) => isApprover(actor, person, d));
    }
    const byId = new Map(visible.map((d) => [d.id, d]));
    if (byId.size === 0) return [];
    let query = this.db
      .selectFrom('submissions')
      .select([...SUMMARY_COLUMNS])
      .where('data_set_id', 'in', [...byId.keys()])
      .orderBy('id', 'desc')
      .limit(filter.limit);
    if (filter.dataSet)
      query = query.where('data_set_id', '=', visible.find((d) => d.code === filter.dataSet)?.id ?? -1);
    if (filter.period) query = query.where('period', '=', filter.period);
    if (filter.status) query = query.where('status', '=', filter.status as SubmissionRow['status']);
    return (await query.execute()).map((r) => present(r, byId.get(r.data_set_id)!));
  }

  /** Draft → submitted: the data officer sends the valid rows for approval. */
  async submit(actor: Actor, id: string): Promise<SubmissionView> {
    const { row, dataSet } = await this.loadRow(id);
    await this.dataSets.loadForSupplier(actor, dataSet.code);
    const view = present(row, dataSet);
    if (!view.canSubmit) {
      throw new AppError(
        'SUBMISSION_STATE',
        { status: row.status, errors: row.error_count },
        row.status === 'draft' && row.error_count > 0
          ? {
              vi: `Lần nộp còn ${row.error_count} lỗi và bộ số liệu không cho nộp một phần; hãy sửa và tải lên lại.`,
              en: `The submission has ${row.error_count} errors and the data set does not allow partial submission; fix and upload again.`,
            }
          : undefined,
      );
    }
    const by = actorName(actor);
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('submissions')
        .set({ status: 'submitted', submitted_by: by, submitted_at: now })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw new AppError('SUBMISSION_STATE');
      // When each unit's data arrived counts for timeliness, whenever it is approved.
      await sql`
        INSERT INTO data_receipts (data_set_id, unit_id, period, received_at, channel)
        SELECT DISTINCT ${dataSet.id}::int, unit_id, ${row.period}::text, ${now}::timestamptz, ${row.channel}::text
        FROM submission_values WHERE submission_id = ${id}
        ON CONFLICT (data_set_id, unit_id, period) DO UPDATE SET received_at = least(data_receipts.received_at, EXCLUDED.received_at)
      `.execute(trx);
      await writeAudit(trx, by, 'submit', 'submissions', id, { status: 'draft' }, { status: 'submitted' });
    });
    await this.notifyApprover(dataSet, row.period, id);
    return this.view(id, dataSet);
  }

  private async notifyApprover(dataSet: DataSet, period: string, id: string): Promise<void> {
    this.live.publish({ topic: 'supply.submission', audience: canFollow, data: { id, status: 'submitted' } });
    if (!dataSet.approverPersonCode) return;
    await this.notifications.notify({
      personCodes: [dataSet.approverPersonCode],
      kind: 'supply.submitted',
      title: `Chờ duyệt: ${dataSet.name} — ${formatPeriodLabel(period, 'vi')}`,
      body: `Số liệu ${dataSet.name} kỳ ${formatPeriodLabel(period, 'vi')} đã được nộp và chờ anh/chị phê duyệt.`,
      link: '/supply/approvals',
      dedupeKey: `supply.submitted:${id}`,
    });
  }

  /**
   * Submitted → published, by the data set's approver (the organisation's head) or an
   * administrator: the staged values become approved observations in one transaction (earlier
   * versions go to the revision history), so roll-ups and dashboards use them.
   */
  async approve(actor: Actor, id: string): Promise<SubmissionView> {
    const { row, dataSet } = await this.loadRow(id);
    await this.requireApprover(actor, dataSet);
    const by = actorName(actor);
    const source = `Nộp số liệu ${dataSet.code} #${id}`;
    await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('submissions')
        .set({ status: 'published', decided_by: by, decided_at: this.clock() })
        .where('id', '=', id)
        .where('status', '=', 'submitted')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0)
        throw new AppError('SUBMISSION_STATE', { status: row.status });
      const values = await trx
        .selectFrom('submission_values')
        .select(['unit_id', 'indicator_code', 'value'])
        .where('submission_id', '=', id)
        .execute();
      for (let i = 0; i < values.length; i += INSERT_BATCH) {
        await upsertRows(
          trx,
          values.slice(i, i + INSERT_BATCH).map((v, k) => ({
            row: i + k + 1,
            indicatorCode: v.indicator_code,
            unitId: v.unit_id,
            period: row.period,
            disaggregation: '',
            value: v.value,
            status: 'approved',
            source,
            comment: null,
          })),
          by,
        );
      }
      await writeAudit(
        trx,
        by,
        'approve',
        'submissions',
        id,
        { status: 'submitted' },
        {
          status: 'published',
          values: values.length,
        },
      );
    });
    this.onChanged();
    this.live.publish({ topic: 'supply.submission', audience: canFollow, data: { id, status: 'published' } });
    return this.view(id, dataSet);
  }

  /** Submitted → rejected with a reason; the data officer fixes and sends again. */
  async reject(actor: Actor, id: string, reason: string): Promise<SubmissionView> {
    const { row, dataSet } = await this.loadRow(id);
    await this.requireApprover(actor, dataSet);
    const by = actorName(actor);
    await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('submissions')
        .set({ status: 'rejected', decided_by: by, decided_at: this.clock(), reject_reason: reason })
        .where('id', '=', id)
        .where('status', '=', 'submitted')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0)
        throw new AppError('SUBMISSION_STATE', { status: row.status });
      await writeAudit(
        trx,
        by,
        'reject',
        'submissions',
        id,
        { status: 'submitted' },
        { status: 'rejected', reason },
      );
    });
    await this.notifications.notify({
      personCodes: dataSet.responsiblePersonCodes,
      kind: 'supply.rejected',
      title: `Bị trả lại: ${dataSet.name} — ${formatPeriodLabel(row.period, 'vi')}`,
      body: `Lý do: ${reason}`,
      link: '/supply',
      dedupeKey: `supply.rejected:${id}`,
    });
    return this.view(id, dataSet);
  }

  private async requireApprover(actor: Actor, dataSet: DataSet): Promise<void> {
    requirePermission(actor, 'supply.approve');
    const person = await findActorPerson(this.db, actor);
    if (!isApprover(actor, person, dataSet)) throw new AppError('NOT_APPROVER', { dataSet: dataSet.code });
  }
}

/** Writes a processed file's outcome in one transaction: staged values, counts, report, status draft. */
async function storeResult(trx: Db, id: string, dataSet: DataSet, validator: SheetValidator): Promise<void> {
  const rows = validator.accepted.flatMap((r) =>
    dataSet.indicatorCodes.flatMap((code, i) => {
      const value = r.values[i];
      return value === null || value === undefined ? [] : [{ unitId: r.unitId, code, value }];
    }),
  );
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const batch = rows.slice(i, i + INSERT_BATCH);
    await sql`
      INSERT INTO submission_values (submission_id, unit_id, indicator_code, value)
      SELECT ${id}::bigint, * FROM unnest(${batch.map((r) => r.unitId)}::int[], ${batch.map((r) => r.code)}::text[], ${batch.map((r) => r.value)}::float8[])
    `.execute(trx);
  }
  const report = [...validator.findings].sort((a, b) =>
    a.severity === b.severity ? a.row - b.row : a.severity === 'error' ? -1 : 1,
  );
  await trx
    .updateTable('submissions')
    .set({
      status: 'draft',
      rows_processed: validator.rowsRead,
      rows_valid: validator.accepted.length,
      error_count: validator.errorCount,
      warning_count: validator.warningCount,
      report: JSON.stringify(report),
    })
    .where('id', '=', id)
    .execute();
}
