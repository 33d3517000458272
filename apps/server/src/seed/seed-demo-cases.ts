import { createHash, randomBytes } from 'node:crypto';
import { redactPersonalData } from '@ioc/shared';
import type { Services } from '../app.js';
import { generateDemoCases } from '../demo/cases.js';

const BATCH = 2_000;

/**
 * Loads the synthetic 1022 reports in bulk (the intake path checks one report at a time; here
 * tens of thousands are written in batches), then computes their indicators in the warehouse.
 * Idempotent: nothing is written when the demo reports are already there.
 */
export async function seedDemoCases(
  services: Services,
  options: { from?: string; to?: string; log?: (line: string) => void } = {},
): Promise<number> {
  const db = services.cases.db;
  const log = options.log ?? (() => {});
  const already = await db
    .selectFrom('cases')
    .select('id')
    .where('submission_key', 'like', 'demo:%')
    .limit(1)
    .execute();
  if (already.length) return 0;
  const cases = generateDemoCases({
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
  });
  const [categories, units, organisations] = await Promise.all([
    db.selectFrom('case_categories').select(['id', 'code']).execute(),
    db.selectFrom('units').select(['id', 'code']).execute(),
    db.selectFrom('organisations').select(['id', 'code']).execute(),
  ]);
  const categoryId = new Map(categories.map((c) => [c.code, c.id]));
  const unitId = new Map(units.map((u) => [u.code, u.id]));
  const organisationId = new Map(organisations.map((o) => [o.code, o.id]));
  const idOf = new Map<string, string>();
  const hash = (s: string) => createHash('sha256').update(s).digest('hex');
  const salt = randomBytes(8).toString('hex');
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < cases.length; i += BATCH) {
      const batch = cases.slice(i, i + BATCH);
      const inserted = await trx
        .insertInto('cases')
        .values(
          batch.map((c) => ({
            code: c.code,
            channel: c.channel,
            status: c.status,
            title: c.title,
            description: c.description,
            category_id: categoryId.get(c.categoryCode) as number,
            unit_id: unitId.get(c.unitCode) ?? null,
            lon: c.lon,
            lat: c.lat,
            reporter_name: c.reporterName,
            reporter_phone: c.reporterPhone,
            is_confidential: c.isConfidential,
            submission_key: `demo:${c.code}`,
            organisation_id: c.status === 'merged' ? null : (organisationId.get(c.organisationCode) ?? null),
            received_at: c.receivedAt,
            forwarded_at: c.status === 'merged' ? null : c.forwardedAt,
            due_at: c.status === 'merged' ? null : c.dueAt,
            // Deadlines missed within the demo period were escalated then.
            escalated_at:
              c.status !== 'merged' && (c.answeredAt ?? new Date(8.64e15)) > c.dueAt ? c.dueAt : null,
            answered_at: c.answeredAt,
            closed_at: c.closedAt,
            answer: c.answer,
            is_late: c.isLate,
            rating: c.rating,
            rated_at: c.ratedAt,
            citizen_token_hash: hash(`${salt}${c.code}`),
            is_published: c.isPublished,
            public_summary: c.isPublished ? redactPersonalData(c.description) : null,
            public_answer: c.isPublished ? redactPersonalData(c.answer ?? '') : null,
            published_at: c.isPublished ? c.closedAt : null,
            updated_at: c.ratedAt ?? c.closedAt ?? c.answeredAt ?? c.forwardedAt,
          })),
        )
        .returning(['id', 'code'])
        .execute();
      for (const r of inserted) idOf.set(r.code, r.id);
      const events = batch.flatMap((c) => {
        const id = idOf.get(c.code) as string;
        const org = organisationId.get(c.organisationCode) ?? null;
        const list: {
          case_id: string;
          action: string;
          actor: string;
          from_status: string | null;
          to_status: string;
          note: string | null;
          organisation_id: number | null;
          at: Date;
        }[] = [
          {
            case_id: id,
            action: 'receive',
            actor: c.channel === 'phone' ? 'tongdai' : 'citizen',
            from_status: null,
            to_status: 'received',
            note: c.channel,
            organisation_id: null,
            at: c.receivedAt,
          },
        ];
        if (c.status === 'merged') return list;
        list.push({
          case_id: id,
          action: 'forward',
          actor: 'tongdai',
          from_status: 'received',
          to_status: 'forwarded',
          note: null,
          organisation_id: org,
          at: c.forwardedAt,
        });
        if (c.answeredAt)
          list.push({
            case_id: id,
            action: 'answer',
            actor: c.organisationCode.toLowerCase(),
            from_status: 'in_progress',
            to_status: 'answered',
            note: null,
            organisation_id: org,
            at: c.answeredAt,
          });
        if (c.closedAt)
          list.push({
            case_id: id,
            action: 'close',
            actor: 'tongdai',
            from_status: 'answered',
            to_status: 'closed',
            note: null,
            organisation_id: org,
            at: c.closedAt,
          });
        return list;
      });
      await trx.insertInto('case_events').values(events).execute();
    }
    for (const c of cases.filter((x) => x.mergedIntoCode))
      await trx
        .updateTable('cases')
        .set({ merged_into_id: idOf.get(c.mergedIntoCode as string) as string })
        .where('code', '=', c.code)
        .execute();
    const years = new Map<number, number>();
    for (const c of cases) {
      const [, year, seq] = /^PA-(\d{4})-(\d+)$/.exec(c.code) as RegExpExecArray;
      years.set(Number(year), Math.max(years.get(Number(year)) ?? 0, Number(seq)));
    }
    for (const [year, last] of years)
      await trx
        .insertInto('case_code_counters')
        .values({ year, last })
        .onConflict((oc) => oc.column('year').doUpdateSet({ last }))
        .execute();
  });
  log(`Phản ánh 1022: ${cases.length} phản ánh minh họa / demo reports`);
  const first = cases[0]?.receivedAt ?? new Date();
  const last = cases.at(-1)?.receivedAt ?? new Date();
  const day = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  const written = await services.caseFigures.toWarehouse(day(first), options.to ?? day(last));
  log(`Phản ánh 1022: ${written} số liệu chỉ tiêu tính từ phản ánh / indicator values from the reports`);
  return cases.length;
}
