import { computeDeadline } from '@ioc/shared';
import { sql } from 'kysely';
import type { Services } from '../app.js';
import { generateReceipts, SUPPLY_DATA_SETS, SUPPLY_PEOPLE } from '../demo/supply.js';
import { DEMO_VALID_TO } from '../demo/units.js';

/**
 * The demo's data sets with a history: when each unit's figures arrived (receipts), one
 * published submission per data set and month, and the reminders sent before each deadline and
 * after it when some unit was late. Bulk inserts, idempotent.
 */
export async function seedSupplyDemo(services: Services, options: { from?: string; to?: string } = {}) {
  const db = services.catalogue.db;
  await services.catalogue.upsertReferenceData('cli', { people: SUPPLY_PEOPLE });
  for (const dataSet of SUPPLY_DATA_SETS) await services.dataSets.upsert('cli', dataSet);
  const dataSetIds = new Map(
    (await db.selectFrom('data_sets').select(['id', 'code']).execute()).map((d) => [d.code, d.id]),
  );
  const unitIds = new Map(
    (await db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code, u.id]),
  );
  const receipts = generateReceipts(options.from ?? '2022-01-01', options.to ?? DEMO_VALID_TO);
  const BATCH = 10_000;
  for (let i = 0; i < receipts.length; i += BATCH) {
    const batch = receipts.slice(i, i + BATCH);
    await sql`
      INSERT INTO data_receipts (data_set_id, unit_id, period, received_at, channel)
      SELECT d, u, p, r, 'file' FROM unnest(
        ${batch.map((r) => dataSetIds.get(r.dataSet)!)}::int[], ${batch.map((r) => unitIds.get(r.unitCode)!)}::int[],
        ${batch.map((r) => r.period)}::text[], ${batch.map((r) => r.receivedAt.toISOString())}::timestamptz[]
      ) AS t(d, u, p, r)
      ON CONFLICT DO NOTHING`.execute(db);
  }
  const groups = new Map<string, { dataSet: string; period: string; times: number[] }>();
  for (const r of receipts) {
    const key = `${r.dataSet}|${r.period}`;
    const group = groups.get(key) ?? { dataSet: r.dataSet, period: r.period, times: [] };
    group.times.push(r.receivedAt.getTime());
    groups.set(key, group);
  }
  const submissions = [];
  const reminders = [];
  for (const g of groups.values()) {
    const dataSet = SUPPLY_DATA_SETS.find((d) => d.code === g.dataSet)!;
    const deadline = computeDeadline(g.period, dataSet.deadline).getTime();
    const sorted = g.times.sort((a, b) => a - b);
    const submittedAt = new Date(sorted[Math.floor(sorted.length / 2)]!);
    submissions.push({
      data_set_id: dataSetIds.get(g.dataSet)!,
      period: g.period,
      channel: 'file' as const,
      file_name: `${g.dataSet}_${g.period}.xlsx`,
      file_format: 'xlsx' as const,
      content_hash: `demo:${g.dataSet}:${g.period}`,
      file: null,
      status: 'published' as const,
      rows_total: sorted.length,
      rows_processed: sorted.length,
      rows_valid: sorted.length,
      created_by: 'demo',
      created_at: submittedAt,
      submitted_by: 'demo',
      submitted_at: submittedAt,
      decided_by: 'demo',
      decided_at: new Date(submittedAt.getTime() + 20 * 3_600_000),
    });
    for (const person of dataSet.responsiblePersonCodes ?? []) {
      const before = { data_set_id: dataSetIds.get(g.dataSet)!, period: g.period, person_code: person };
      reminders.push({ ...before, stage: 'before' as const, sent_at: new Date(deadline - 48 * 3_600_000) });
      if (sorted.at(-1)! > deadline)
        reminders.push({ ...before, stage: 'after' as const, sent_at: new Date(deadline + 3_600_000) });
    }
  }
  for (let i = 0; i < submissions.length; i += 1000) {
    await db
      .insertInto('submissions')
      .values(submissions.slice(i, i + 1000))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  for (let i = 0; i < reminders.length; i += 1000) {
    await db
      .insertInto('data_supply_reminders')
      .values(reminders.slice(i, i + 1000))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return { dataSets: SUPPLY_DATA_SETS.length, receipts: receipts.length };
}
