import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** The tables of keyed records that keep their revision history in record_revisions. */
export type RecordEntity =
  | 'budget_records'
  | 'budget_estimates'
  | 'investment_projects'
  | 'investment_plans'
  | 'investment_disbursements';

type ColumnType = 'text' | 'integer' | 'date' | 'double precision';

/** Data columns of each table (besides key and the revision bookkeeping), with their SQL types. */
export const RECORD_COLUMNS: Record<RecordEntity, Record<string, ColumnType>> = {
  budget_records: {
    kind: 'text',
    item_code: 'text',
    organisation_id: 'integer',
    unit_id: 'integer',
    date: 'date',
    amount: 'double precision',
    description: 'text',
  },
  budget_estimates: {
    year: 'integer',
    kind: 'text',
    item_code: 'text',
    organisation_id: 'integer',
    unit_id: 'integer',
    amount: 'double precision',
  },
  investment_projects: {
    name: 'text',
    investor_id: 'integer',
    department_id: 'integer',
    unit_id: 'integer',
    project_group: 'text',
    responsible_name: 'text',
    responsible_title: 'text',
    responsible_phone: 'text',
    start_date: 'date',
    end_date: 'date',
    completed_on: 'date',
  },
  investment_plans: {
    project_key: 'text',
    year: 'integer',
    source: 'text',
    amount: 'double precision',
    decision: 'text',
  },
  investment_disbursements: {
    project_key: 'text',
    date: 'date',
    amount: 'double precision',
    source: 'text',
  },
};

/** One record ready to store: its key and a value for every data column. */
export type StoredRecord = { key: string } & Record<string, string | number | null>;

const CHUNK = 10_000;

/**
 * Upserts records by key in one statement per chunk: the versions about to change go to
 * record_revisions, changed records get revision + 1, identical ones are left alone. All CTEs
 * see the same snapshot, so `changed` reads the versions before the upsert.
 */
export async function upsertRecords(
  trx: Db,
  entity: RecordEntity,
  records: StoredRecord[],
  by: string,
): Promise<{ inserted: number; updated: number }> {
  const columns = Object.keys(RECORD_COLUMNS[entity]);
  const types = RECORD_COLUMNS[entity];
  // Identifiers come from the fixed catalogue above, never from input.
  const list = sql.raw(columns.join(', '));
  const tuple = (alias: string) => sql.raw(`(${columns.map((c) => `${alias}.${c}`).join(', ')})`);
  const table = sql.table(entity);
  let inserted = 0;
  let updated = 0;
  for (let i = 0; i < records.length; i += CHUNK) {
    const part = records.slice(i, i + CHUNK);
    // One typed array per column: unnest reads them much faster than a JSON document.
    const arrays = sql.join(
      ['key', ...columns].map(
        (c) => sql`${part.map((r) => r[c] ?? null)}::${sql.raw(c === 'key' ? 'text' : types[c]!)}[]`,
      ),
    );
    const result = await sql<{ inserted: number; updated: number }>`
      WITH input AS (SELECT * FROM unnest(${arrays}) AS t(key, ${list})),
      changed AS (
        SELECT r.* FROM ${table} r JOIN input i USING (key) WHERE ${tuple('r')} IS DISTINCT FROM ${tuple('i')}
      ),
      archived AS (
        INSERT INTO record_revisions (entity, key, revision, data, changed_by, changed_at)
        SELECT ${entity}, c.key, c.revision, to_jsonb(c) - 'key' - 'revision' - 'updated_by' - 'updated_at',
               c.updated_by, c.updated_at
        FROM changed c
      ),
      upserted AS (
        INSERT INTO ${table} (key, ${list}, updated_by)
        SELECT key, ${list}, ${by} FROM input
        ON CONFLICT (key) DO UPDATE
          SET ${sql.raw(columns.map((c) => `${c} = EXCLUDED.${c}`).join(', '))},
              updated_by = EXCLUDED.updated_by, updated_at = now(), revision = ${table}.revision + 1
          WHERE ${tuple(entity)} IS DISTINCT FROM ${tuple('EXCLUDED')}
        RETURNING revision
      )
      SELECT count(*) FILTER (WHERE revision = 1)::int AS inserted,
             count(*) FILTER (WHERE revision > 1)::int AS updated
      FROM upserted`.execute(trx);
    inserted += result.rows[0]?.inserted ?? 0;
    updated += result.rows[0]?.updated ?? 0;
  }
  return { inserted, updated };
}

/** Every version of one record, oldest first: the superseded revisions, then the current one. */
export async function readHistory(db: Db, entity: RecordEntity, key: string) {
  const current = await sql<Record<string, unknown>>`
    SELECT * FROM ${sql.table(entity)} WHERE key = ${key}`.execute(db);
  const row = current.rows[0];
  if (!row) return null;
  const earlier = await db
    .selectFrom('record_revisions')
    .selectAll()
    .where('entity', '=', entity)
    .where('key', '=', key)
    .orderBy('revision')
    .execute();
  const { revision, updated_by, updated_at, ...data } = row;
  delete data.key;
  return [
    ...earlier.map((r) => ({
      revision: r.revision,
      data: r.data as Record<string, unknown>,
      by: r.changed_by,
      at: new Date(r.changed_at).toISOString(),
    })),
    {
      revision: revision as number,
      data,
      by: updated_by as string | null,
      at: new Date(updated_at as Date).toISOString(),
    },
  ];
}

/** Years of the records' dates, and of the stored versions they replace (a correction may move a date). */
export async function yearsOfDates(
  trx: Db,
  table: 'budget_records' | 'investment_disbursements',
  records: StoredRecord[],
) {
  const keys = records.map((r) => r.key);
  const before = await sql<{ year: number }>`
    SELECT DISTINCT extract(year FROM date)::int AS year FROM ${sql.table(table)} WHERE key = ANY(${keys}::text[])`.execute(
    trx,
  );
  return [
    ...new Set([
      ...records.map((r) => Number(String(r.date).slice(0, 4))),
      ...before.rows.map((r) => r.year),
    ]),
  ];
}

/** The distinct years of records that carry a `year` field (estimates, plans). */
export function yearsOfField(records: StoredRecord[]): number[] {
  return [...new Set(records.map((r) => Number(r.year)))];
}
