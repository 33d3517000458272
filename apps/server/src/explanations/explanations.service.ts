import type { Actor } from '../auth/actor.js';
import { actorName } from '../auth/actor.js';
import { canReadValue, isInScope, requirePermission } from '../auth/policy.js';
import { writeAudit } from '../audit/audit.repository.js';
import { requireIndicatorRecord } from '../catalogue/indicator-record.js';
import type { Db } from '../db/database.js';
import { AppError, notFound } from '../errors.js';
import { loadUnitTree } from '../units/unit-tree.js';
import { requirePeriod } from '../values/assessment.js';
import type { ValuesService } from '../values/values.service.js';

export type ExplanationKind = 'explanation' | 'comment';

/**
 * The explanation thread (giải trình) of an indicator for one unit and period. The responsible
 * unit explains, leaders and analysts comment; each entry records the value and warning level it
 * was written against, so a later correction does not change what it answered.
 */
export class ExplanationsService {
  constructor(
    private readonly db: Db,
    private readonly values: ValuesService,
  ) {}

  async list(actor: Actor, code: string, query: { unit: string; period: string }) {
    const { unit, period } = await this.subject(actor, code, query);
    const rows = await this.db
      .selectFrom('explanations as e')
      .innerJoin('users as u', 'u.id', 'e.author_id')
      .select([
        'e.id',
        'e.kind',
        'e.body',
        'e.value',
        'e.level',
        'e.created_at',
        'u.username',
        'u.display_name',
        'u.role',
      ])
      .where('e.indicator_code', '=', code)
      .where('e.unit_id', '=', unit.id)
      .where('e.period', '=', period.code)
      .orderBy('e.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as ExplanationKind,
      text: r.body,
      author: { username: r.username, displayName: r.display_name, role: r.role },
      at: new Date(r.created_at).toISOString(),
      unitCode: unit.code,
      period: period.code,
      value: r.value,
      level: r.level,
    }));
  }

  async add(
    actor: Actor,
    code: string,
    input: { unit: string; period: string; text: string; kind: ExplanationKind },
  ) {
    requirePermission(actor, input.kind === 'explanation' ? 'explanations.explain' : 'explanations.comment');
    const { indicator, unit, period, tree } = await this.subject(actor, code, input);
    if (input.kind === 'explanation' && !isInScope(actor, tree, unit.id))
      throw new AppError('OUT_OF_SCOPE', { unit: input.unit });
    const reading = await this.values.assessOne(indicator, unit.id, period);
    const row = {
      indicator_code: code,
      unit_id: unit.id,
      period: period.code,
      kind: input.kind,
      body: input.text.trim(),
      value: reading.value,
      level: reading.level,
      author_id: actor.userId,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('explanations').values(row).execute();
      await writeAudit(
        trx,
        actorName(actor),
        'create',
        'explanation',
        `${code}|${unit.code}|${period.code}`,
        null,
        row,
      );
    });
    return this.list(actor, code, input);
  }

  /** The indicator, unit and period of a thread, checked against the actor's scope. */
  private async subject(actor: Actor, code: string, query: { unit: string; period: string }) {
    requirePermission(actor, 'internal.read');
    const indicator = await requireIndicatorRecord(this.db, code);
    const period = requirePeriod(query.period);
    const tree = await loadUnitTree(this.db);
    const unit = tree.findByCode(query.unit, period.end) ?? tree.findByCode(query.unit, period.start);
    if (!unit) throw notFound('đơn vị hành chính', 'Unit', query.unit);
    // Threads are internal working notes: read inside one's scope, whatever the indicator's publicity.
    if (!canReadValue(actor, tree, false, unit.id)) throw new AppError('OUT_OF_SCOPE', { unit: query.unit });
    return { indicator, unit, period, tree };
  }
}
