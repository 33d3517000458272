import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';

/**
 * The answer already given to a request with this Idempotency-Key, or null for a new key.
 * Throws IDEMPOTENCY_KEY_REUSED when the key came with another caller or another request.
 */
export async function findReplay<T>(
  db: Db,
  key: string,
  actor: string,
  requestHash: string,
): Promise<{ status: number; body: T } | null> {
  const row = await db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row) return null;
  if (row.actor !== actor || row.request_hash !== requestHash)
    throw new AppError('IDEMPOTENCY_KEY_REUSED', { key });
  return { status: row.status_code, body: row.response as T };
}

/** Records the answer to a keyed request, in the transaction that made its changes. */
export async function saveReplay(
  trx: Db,
  key: string,
  actor: string,
  requestHash: string,
  answer: { status: number; body: unknown },
): Promise<void> {
  await trx
    .insertInto('idempotency_keys')
    .values({
      key,
      actor,
      request_hash: requestHash,
      status_code: answer.status,
      response: JSON.stringify(answer.body),
    })
    .execute();
}

/** True for PostgreSQL's unique violation (e.g. a concurrent request with the same key committed first). */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === '23505';
}
