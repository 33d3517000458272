import { ictMonthOf, listPeriods, type DossierStep } from '@ioc/shared';
import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { DossiersTable } from '../db/schema.js';
import { queueFigures } from '../records/figure-refresher.js';
import type { ValidDossier } from './dossier-rows.js';

/** The stored content of a dossier: what a re-import is compared with and a revision keeps. */
export interface DossierRecord {
  code: string;
  procedureCode: string;
  procedureName: string;
  fieldCode: string;
  fieldName: string;
  agencyCode: string;
  agencyName: string;
  unitId: number;
  handler: string | null;
  channel: string;
  receivedAt: string;
  dueAt: string | null;
  finishedAt: string | null;
  status: string;
  hasFee: boolean;
  paidOnline: boolean;
  digitised: boolean;
  /** When it was published on the national public-service portal (766: publicity). */
  publishedAt: string | null;
  steps: DossierStep[];
  sourceUpdatedAt: string | null;
}

type DossierRowOut = Selectable<DossiersTable>;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** Steps with a fixed key order and nulls for absent parts (jsonb reorders keys), so versions compare equal. */
const canonicalSteps = (steps: DossierStep[]): DossierStep[] =>
  steps.map((s) => ({
    kind: s.kind,
    at: new Date(s.at).toISOString(),
    agency: s.agency ?? null,
    handler: s.handler ?? null,
    note: s.note ?? null,
  }));

export function recordOfValid(d: ValidDossier): DossierRecord {
  return {
    code: d.code,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    fieldCode: d.fieldCode,
    fieldName: d.fieldName,
    agencyCode: d.agencyCode,
    agencyName: d.agencyName,
    unitId: d.unitId,
    handler: d.handler,
    channel: d.channel,
    receivedAt: d.receivedAt.toISOString(),
    dueAt: iso(d.dueAt),
    finishedAt: iso(d.finishedAt),
    status: d.status,
    hasFee: d.hasFee,
    paidOnline: d.paidOnline,
    digitised: d.digitised,
    publishedAt: iso(d.publishedAt),
    steps: canonicalSteps(d.steps),
    sourceUpdatedAt: iso(d.sourceUpdatedAt),
  };
}

export function recordOfRow(r: DossierRowOut): DossierRecord {
  return {
    code: r.code,
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    fieldCode: r.field_code,
    fieldName: r.field_name,
    agencyCode: r.agency_code,
    agencyName: r.agency_name,
    unitId: r.unit_id,
    handler: r.handler,
    channel: r.channel,
    receivedAt: iso(r.received_at)!,
    dueAt: iso(r.due_at),
    finishedAt: iso(r.finished_at),
    status: r.status,
    hasFee: r.has_fee,
    paidOnline: r.paid_online,
    digitised: r.digitised,
    publishedAt: iso(r.published_at),
    steps: canonicalSteps(r.steps as DossierStep[]),
    sourceUpdatedAt: iso(r.source_updated_at),
  };
}

function columnsOf(r: DossierRecord, source: string | null, by: string) {
  return {
    code: r.code,
    procedure_code: r.procedureCode,
    procedure_name: r.procedureName,
    field_code: r.fieldCode,
    field_name: r.fieldName,
    agency_code: r.agencyCode,
    agency_name: r.agencyName,
    unit_id: r.unitId,
    handler: r.handler,
    channel: r.channel,
    received_at: r.receivedAt,
    due_at: r.dueAt,
    finished_at: r.finishedAt,
    status: r.status,
    has_fee: r.hasFee,
    paid_online: r.paidOnline,
    digitised: r.digitised,
    published_at: r.publishedAt,
    steps: JSON.stringify(r.steps),
    source_updated_at: r.sourceUpdatedAt,
    source,
    updated_by: by,
  };
}

/** Same content, ignoring when the source system says it last touched the record. */
function sameContent(a: DossierRecord, b: DossierRecord): boolean {
  return JSON.stringify({ ...a, sourceUpdatedAt: null }) === JSON.stringify({ ...b, sourceUpdatedAt: null });
}

/** The months a dossier counts in: from its reception to its end (or now). */
function monthsSpanned(r: DossierRecord, now: Date): string[] {
  const last = ictMonthOf(r.finishedAt ? new Date(r.finishedAt) : now);
  const current = ictMonthOf(now);
  return listPeriods('month', ictMonthOf(new Date(r.receivedAt)), last < current ? last : current);
}

const INSERT_CHUNK = 5_000;

/**
 * Stores a batch: new codes are inserted, changed ones archived to dossier_revisions and
 * updated, identical ones left alone; the months whose figures change are queued. Call inside
 * a transaction.
 */
export async function storeDossiers(
  trx: Db,
  dossiers: ValidDossier[],
  source: string | null,
  by: string,
  now: Date,
): Promise<{ inserted: number; updated: number; changedCodes: string[] }> {
  if (dossiers.length === 0) return { inserted: 0, updated: 0, changedCodes: [] };
  const existing = new Map<string, DossierRowOut>();
  for (let i = 0; i < dossiers.length; i += INSERT_CHUNK) {
    const codes = dossiers.slice(i, i + INSERT_CHUNK).map((d) => d.code);
    const rows = await trx
      .selectFrom('dossiers')
      .selectAll()
      .where(sql<boolean>`code = ANY(${codes}::text[])`)
      .execute();
    for (const row of rows) existing.set(row.code, row);
  }
  const months = new Set<string>();
  const fresh: DossierRecord[] = [];
  const changedCodes: string[] = [];
  let updated = 0;
  for (const dossier of dossiers) {
    const record = recordOfValid(dossier);
    const old = existing.get(record.code);
    if (!old) {
      fresh.push(record);
      continue;
    }
    const before = recordOfRow(old);
    if (sameContent(before, record)) continue;
    await trx
      .insertInto('dossier_revisions')
      .values({
        dossier_id: old.id,
        revision: old.revision,
        record: JSON.stringify(before),
        changed_by: old.updated_by,
        changed_at: old.updated_at,
      })
      .execute();
    await trx
      .updateTable('dossiers')
      .set({ ...columnsOf(record, source, by), revision: old.revision + 1, updated_at: now })
      .where('id', '=', old.id)
      .execute();
    updated++;
    changedCodes.push(record.code);
    for (const m of [...monthsSpanned(before, now), ...monthsSpanned(record, now)]) months.add(m);
  }
  for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
    await insertRecords(trx, fresh.slice(i, i + INSERT_CHUNK), source, by, now);
  }
  for (const record of fresh) {
    changedCodes.push(record.code);
    for (const m of monthsSpanned(record, now)) months.add(m);
  }
  await queueFigures(trx, 'dossiers', [...months]);
  return { inserted: fresh.length, updated, changedCodes };
}

/** One statement per chunk: a column array each (far fewer parameters than a VALUES list). */
async function insertRecords(
  trx: Db,
  records: DossierRecord[],
  source: string | null,
  by: string,
  now: Date,
) {
  const col = <T>(f: (r: DossierRecord) => T): T[] => records.map(f);
  await sql`
    INSERT INTO dossiers (code, procedure_code, procedure_name, field_code, field_name, agency_code, agency_name,
      unit_id, handler, channel, received_at, due_at, finished_at, status, has_fee, paid_online, digitised,
      published_at, steps, source_updated_at, source, updated_by, updated_at)
    SELECT code, procedure_code, procedure_name, field_code, field_name, agency_code, agency_name, unit_id, handler,
      channel, received_at, due_at, finished_at, status, has_fee, paid_online, digitised, published_at, steps::jsonb,
      source_updated_at, ${source}, ${by}, ${now.toISOString()}::timestamptz
    FROM unnest(
      ${col((r) => r.code)}::text[], ${col((r) => r.procedureCode)}::text[], ${col((r) => r.procedureName)}::text[],
      ${col((r) => r.fieldCode)}::text[], ${col((r) => r.fieldName)}::text[], ${col((r) => r.agencyCode)}::text[],
      ${col((r) => r.agencyName)}::text[], ${col((r) => r.unitId)}::int[], ${col((r) => r.handler)}::text[],
      ${col((r) => r.channel)}::text[], ${col((r) => r.receivedAt)}::timestamptz[], ${col((r) => r.dueAt)}::timestamptz[],
      ${col((r) => r.finishedAt)}::timestamptz[], ${col((r) => r.status)}::text[], ${col((r) => r.hasFee)}::boolean[],
      ${col((r) => r.paidOnline)}::boolean[], ${col((r) => r.digitised)}::boolean[], ${col((r) => r.publishedAt)}::timestamptz[],
      ${col((r) => JSON.stringify(r.steps))}::text[], ${col((r) => r.sourceUpdatedAt)}::timestamptz[]
    ) AS t(code, procedure_code, procedure_name, field_code, field_name, agency_code, agency_name, unit_id, handler,
      channel, received_at, due_at, finished_at, status, has_fee, paid_online, digitised, published_at, steps,
      source_updated_at)`.execute(trx);
}
