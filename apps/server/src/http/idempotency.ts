/**
 * Idempotent writes: the response to a write sent with an Idempotency-Key is stored in the
 * write's own transaction, so a retry gets the same answer and changes nothing.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';

export interface StoredResponse<T> {
  status: number;
  body: T;
}

/** A stable fingerprint of a request's content, to refuse a key reused for another request. */
export function hashRequest(content: unknown): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** The stored response for the key, null if none; 409 when the key came with another request. */
export async function findReplay<T>(
  db: Db,
  key: string,
  actor: string,
  requestHash: string,
): Promise<StoredResponse<T> | null> {
  const row = await db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row) return null;
  if (row.actor !== actor || row.request_hash !== requestHash)
    throw new AppError('IDEMPOTENCY_KEY_REUSED', { key });
  return { status: row.status_code, body: row.response as T };
}

/** Stores the response under the key, inside the write's transaction. */
export async function saveReplay(
  trx: Db,
  key: string,
  actor: string,
  requestHash: string,
  response: StoredResponse<unknown>,
): Promise<void> {
  await trx
    .insertInto('idempotency_keys')
    .values({
      key,
      actor,
      request_hash: requestHash,
      status_code: response.status,
      response: JSON.stringify(response.body),
    })
    .execute();
}

export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === '23505';
}

/**
 * Runs a write under an optional Idempotency-Key: answers a retry with the stored response, and
 * when a concurrent request with the same key commits first, answers as it did.
 */
export async function withIdempotency<T>(
  db: Db,
  key: string | undefined,
  actor: string,
  requestHash: string,
  write: () => Promise<StoredResponse<T>>,
): Promise<StoredResponse<T>> {
  if (key) {
    const replay = await findReplay<T>(db, key, actor, requestHash);
    if (replay) return replay;
  }
  try {
    return await write();
  } catch (err) {
    const replay = key && isUniqueViolation(err) ? await findReplay<T>(db, key, actor, requestHash) : null;
    if (replay) return replay;
    throw err;
  }
}
