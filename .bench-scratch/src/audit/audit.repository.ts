import type { Db } from '../db/database.js';

/** Appends one audit record: who did what to which entity, with the state before and after. */
export async function writeAudit(
  db: Db,
  actor: string,
  action: string,
  entity: string,
  entityKey: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor,
      action,
      entity,
      entity_key: entityKey,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
    })
    .execute();
}
