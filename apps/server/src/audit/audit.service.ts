import type { Actor } from '../auth/actor.js';
import { requirePermission } from '../auth/policy.js';
import type { Db } from '../db/database.js';

/** Reads the audit trail: who changed what, when, with the state before and after. */
export class AuditService {
  constructor(private readonly db: Db) {}

  async list(actor: Actor, filter: { entity?: string; key?: string; actor?: string; limit: number }) {
    requirePermission(actor, 'audit.read');
    let query = this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(filter.limit);
    if (filter.entity) query = query.where('entity', '=', filter.entity);
    if (filter.key) query = query.where('entity_key', '=', filter.key);
    if (filter.actor) query = query.where('actor', '=', filter.actor);
    const rows = await query.execute();
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      key: r.entity_key,
      before: r.before,
      after: r.after,
    }));
  }
}
