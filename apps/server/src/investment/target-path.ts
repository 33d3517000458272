import type { TargetPoint } from '@ioc/shared';
import type { Db } from '../db/database.js';

/** The target path that applies to a year: its own, or else the latest earlier year's. */
export async function loadTargetPath(db: Db, year: number): Promise<{ year: number; points: TargetPoint[] }> {
  const latest = await db
    .selectFrom('investment_target_paths')
    .select((eb) => eb.fn.max('year').as('year'))
    .where('year', '<=', year)
    .executeTakeFirst();
  const from = latest?.year ?? null;
  if (from === null) return { year, points: [] };
  const rows = await db
    .selectFrom('investment_target_paths')
    .select(['day', 'percent'])
    .where('year', '=', from)
    .orderBy('day')
    .execute();
  return { year: from, points: rows };
}
