import { z } from 'zod';
import { eventSeveritySchema, type EventSeverity } from '@ioc/shared';
import { writeAudit } from '../audit/audit.repository.js';
import { authorise, requirePermission, type Writer } from '../auth/policy.js';
import type { Actor } from '../auth/actor.js';
import type { Db } from '../db/database.js';

/** SLA and auto-creation for one incident type ('*' = any type) and severity. */
export const incidentPolicySchema = z.object({
  incidentType: z.string().min(1).max(100),
  severity: eventSeveritySchema,
  ackMinutes: z.number().int().positive(),
  resolveMinutes: z.number().int().positive(),
  autoCreate: z.boolean(),
  supervisorPersonCode: z.string().max(50).nullable(),
  leaderPersonCode: z.string().max(50).nullable(),
});
export type IncidentPolicy = z.infer<typeof incidentPolicySchema>;

/** One step of a standard operating procedure: who does what within how many minutes of the incident. */
export const sopStepSchema = z.object({
  title: z.string().min(1).max(500),
  responsible: z.string().min(1).max(200),
  dueMinutes: z.number().int().positive(),
});
export type SopStepInput = z.infer<typeof sopStepSchema>;

/** How long the policies read for ingest are reused; saving through this process forgets them at once. */
const POLICY_REUSE_MS = 5_000;

/** The configurable data behind incidents: SLA policies and SOP checklists per type. */
export class IncidentPolicies {
  private cached: { policies: Promise<IncidentPolicy[]>; loadedAt: number } | null = null;

  constructor(private readonly db: Db) {}

  /**
   * The policy of (type, severity), falling back to the '*' policy of the severity. Every event
   * needs it, so the few policies are read once and reused briefly.
   */
  async find(type: string, severity: EventSeverity): Promise<IncidentPolicy | null> {
    if (!this.cached || Date.now() - this.cached.loadedAt >= POLICY_REUSE_MS) {
      const policies = this.db
        .selectFrom('incident_policies')
        .selectAll()
        .execute()
        .then((rows) => rows.map(toPolicy));
      policies.catch(() => (this.cached = null));
      this.cached = { policies, loadedAt: Date.now() };
    }
    const matching = (await this.cached.policies).filter((p) => p.severity === severity);
    return (
      matching.find((p) => p.incidentType === type) ?? matching.find((p) => p.incidentType === '*') ?? null
    );
  }

  async list(actor: Actor): Promise<IncidentPolicy[]> {
    requirePermission(actor, 'operations.read');
    const rows = await this.db.selectFrom('incident_policies').selectAll().orderBy('incident_type').execute();
    return rows.map(toPolicy);
  }

  async save(writer: Writer, policies: IncidentPolicy[]): Promise<void> {
    const by = authorise(writer, 'operations.configure');
    await this.db.transaction().execute(async (trx) => {
      for (const p of policies) {
        const values = {
          ack_minutes: p.ackMinutes,
          resolve_minutes: p.resolveMinutes,
          auto_create: p.autoCreate,
          supervisor_person_code: p.supervisorPersonCode,
          leader_person_code: p.leaderPersonCode,
        };
        await trx
          .insertInto('incident_policies')
          .values({ incident_type: p.incidentType, severity: p.severity, ...values })
          .onConflict((oc) => oc.columns(['incident_type', 'severity']).doUpdateSet(values))
          .execute();
      }
      await writeAudit(trx, by, 'update', 'incident_policies', String(policies.length), null, policies);
    });
    this.cached = null;
  }

  async listSops(actor: Actor): Promise<Record<string, SopStepInput[]>> {
    requirePermission(actor, 'operations.read');
    const rows = await this.db
      .selectFrom('sop_steps')
      .selectAll()
      .orderBy('incident_type')
      .orderBy('position')
      .execute();
    const out: Record<string, SopStepInput[]> = {};
    for (const r of rows) {
      (out[r.incident_type] ??= []).push({
        title: r.title,
        responsible: r.responsible,
        dueMinutes: r.due_minutes,
      });
    }
    return out;
  }

  /** Replaces the checklist of an incident type; incidents already open keep the steps they were given. */
  async saveSop(writer: Writer, incidentType: string, steps: SopStepInput[]): Promise<void> {
    const by = authorise(writer, 'operations.configure');
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sop_steps').where('incident_type', '=', incidentType).execute();
      if (steps.length) {
        await trx
          .insertInto('sop_steps')
          .values(
            steps.map((s, i) => ({
              incident_type: incidentType,
              position: i + 1,
              title: s.title,
              responsible: s.responsible,
              due_minutes: s.dueMinutes,
            })),
          )
          .execute();
      }
      await writeAudit(trx, by, 'update', 'sop', incidentType, null, steps);
    });
  }
}

function toPolicy(r: {
  incident_type: string;
  severity: string;
  ack_minutes: number;
  resolve_minutes: number;
  auto_create: boolean;
  supervisor_person_code: string | null;
  leader_person_code: string | null;
}): IncidentPolicy {
  return {
    incidentType: r.incident_type,
    severity: r.severity as EventSeverity,
    ackMinutes: r.ack_minutes,
    resolveMinutes: r.resolve_minutes,
    autoCreate: r.auto_create,
    supervisorPersonCode: r.supervisor_person_code,
    leaderPersonCode: r.leader_person_code,
  };
}
