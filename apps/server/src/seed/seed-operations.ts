import { severityRank } from '@ioc/shared';
import type { Services } from '../app.js';
import { DEMO_POLICIES, DEMO_SOPS, DEMO_SOURCE_PREFIX, generateOperationsDemo } from '../demo/operations.js';
import { locateUnit } from '../units/unit-locator.js';

const ACTIONS = ['acknowledge', 'assign', 'start', 'resolve', 'close'] as const;
const STATUS_AFTER = ['acknowledged', 'assigned', 'in_progress', 'resolved', 'closed'] as const;
const OPERATOR = 'demo (trực ban IOC)';
const MINUTE = 60_000;

/**
 * Loads the synthetic live operations (SOPs, SLA policies, four weeks of events and incidents up
 * to the services' clock) in bulk. Skipped when demo events are already there.
 */
export async function seedOperationsDemo(services: Services): Promise<{ events: number; incidents: number }> {
  const db = services.events.db;
  for (const [type, steps] of Object.entries(DEMO_SOPS))
    await services.incidents.policies.saveSop('cli', type, steps);
  await services.incidents.policies.save('cli', DEMO_POLICIES);
  const seeded = await db
    .selectFrom('events')
    .select('id')
    .where('source', 'like', `${DEMO_SOURCE_PREFIX}%`)
    .limit(1)
    .execute();
  if (seeded.length) return { events: 0, incidents: 0 };

  const now = services.clock();
  const groups = generateOperationsDemo(now);
  const units = await services.units.locatable();
  const organisations = new Map(
    (await db.selectFrom('organisations').select(['id', 'code']).execute()).map((o) => [o.code, o.id]),
  );
  const sops = await db.selectFrom('sop_steps').selectAll().execute();
  const policies = new Map(DEMO_POLICIES.map((p) => [`${p.incidentType}|${p.severity}`, p]));

  return db.transaction().execute(async (trx) => {
    const placed = groups.map((g) => {
      const first = g.events[0]!;
      const last = g.events[g.events.length - 1]!;
      const unitId = locateUnit(first.point, units, first.occurredAt.toISOString().slice(0, 10));
      return { ...g, first, last, unitId };
    });
    const incidentRows = placed.filter((g) => g.incident);
    const incidentIds: string[] = [];
    for (let i = 0; i < incidentRows.length; i += 500) {
      const rows = await trx
        .insertInto('incidents')
        .values(
          incidentRows.slice(i, i + 500).map((g) => {
            const created = new Date(g.first.occurredAt.getTime() + 2 * MINUTE);
            const at = (k: number) => new Date(created.getTime() + (g.incident!.steps[k] ?? 0) * MINUTE);
            const done = g.incident!.steps.length;
            const policy =
              policies.get(`${g.first.type}|${g.first.severity}`) ??
              DEMO_POLICIES.find((p) => p.incidentType === g.first.type);
            return {
              type: g.first.type,
              category: g.first.category,
              severity: g.first.severity,
              title: g.first.title,
              description: 'Dữ liệu minh họa (tổng hợp) / synthetic demo data',
              status: g.incident!.status,
              unit_id: g.unitId,
              lon: g.first.point[0],
              lat: g.first.point[1],
              assigned_organisation_id:
                done >= 2 ? (organisations.get(g.incident!.organisationCode) ?? null) : null,
              created_by: `rule (${OPERATOR})`,
              created_at: created,
              updated_at: done ? at(done - 1) : created,
              acknowledged_at: done >= 1 ? at(0) : null,
              resolved_at: done >= 4 ? at(3) : null,
              closed_at: done >= 5 ? at(4) : null,
              ack_due_at: policy ? new Date(created.getTime() + policy.ackMinutes * MINUTE) : null,
              resolve_due_at: policy ? new Date(created.getTime() + policy.resolveMinutes * MINUTE) : null,
            };
          }),
        )
        .returning('id')
        .execute();
      incidentIds.push(...rows.map((r) => String(r.id)));
    }
    const timeline: Array<{
      incident_id: string;
      at: Date;
      actor: string;
      action: string;
      from_status: string | null;
      to_status: string | null;
      note: string | null;
    }> = [];
    const steps: Array<{
      incident_id: string;
      position: number;
      title: string;
      responsible: string;
      due_at: Date;
      done_at: Date | null;
      done_by: string | null;
    }> = [];
    incidentRows.forEach((g, index) => {
      const id = incidentIds[index]!;
      const created = new Date(g.first.occurredAt.getTime() + 2 * MINUTE);
      timeline.push({
        incident_id: id,
        at: created,
        actor: `rule (${OPERATOR})`,
        action: 'created',
        from_status: null,
        to_status: 'new',
        note: null,
      });
      g.incident!.steps.forEach((minutes, k) => {
        timeline.push({
          incident_id: id,
          at: new Date(created.getTime() + minutes * MINUTE),
          actor: OPERATOR,
          action: ACTIONS[k]!,
          from_status: k === 0 ? 'new' : STATUS_AFTER[k - 1]!,
          to_status: STATUS_AFTER[k]!,
          note: null,
        });
      });
      const finished = g.incident!.steps.length >= 4;
      for (const s of sops.filter((s) => s.incident_type === g.first.type)) {
        const due = new Date(created.getTime() + s.due_minutes * MINUTE);
        steps.push({
          incident_id: id,
          position: s.position,
          title: s.title,
          responsible: s.responsible,
          due_at: due,
          done_at: finished || due < now ? new Date(Math.min(due.getTime() - MINUTE, now.getTime())) : null,
          done_by: finished || due < now ? OPERATOR : null,
        });
      }
    });
    for (let i = 0; i < timeline.length; i += 2000) {
      await trx
        .insertInto('incident_timeline')
        .values(timeline.slice(i, i + 2000))
        .execute();
    }
    for (let i = 0; i < steps.length; i += 2000) {
      await trx
        .insertInto('incident_sop_steps')
        .values(steps.slice(i, i + 2000))
        .execute();
    }

    const incidentOf = new Map(incidentRows.map((g, index) => [g, incidentIds[index]!]));
    const groupIds: string[] = [];
    for (let i = 0; i < placed.length; i += 1000) {
      const rows = await trx
        .insertInto('event_groups')
        .values(
          placed.slice(i, i + 1000).map((g) => ({
            source: g.first.source,
            type: g.first.type,
            category: g.first.category,
            severity: g.events.reduce(
              (s, e) => (severityRank(e.severity) > severityRank(s) ? e.severity : s),
              g.first.severity,
            ),
            title: g.first.title,
            unit_id: g.unitId,
            lon: g.first.point[0],
            lat: g.first.point[1],
            camera_code: g.first.cameraCode,
            sensor_code: g.first.sensorCode,
            first_at: g.first.occurredAt,
            last_at: g.last.occurredAt,
            event_count: g.events.length,
            incident_id: incidentOf.get(g) ?? null,
          })),
        )
        .returning('id')
        .execute();
      groupIds.push(...rows.map((r) => String(r.id)));
    }
    const events = placed.flatMap((g, index) =>
      g.events.map((e) => ({
        source: e.source,
        source_id: e.sourceId,
        type: e.type,
        category: e.category,
        severity: e.severity,
        occurred_at: e.occurredAt,
        received_at: new Date(e.occurredAt.getTime() + 2_000),
        title: e.title,
        description: null,
        location: JSON.stringify({ type: 'Point', coordinates: e.point }),
        lon: e.point[0],
        lat: e.point[1],
        unit_id: g.unitId,
        camera_code: e.cameraCode,
        sensor_code: e.sensorCode,
        payload: JSON.stringify({ synthetic: true }),
        group_id: groupIds[index]!,
        received_by: OPERATOR,
      })),
    );
    for (let i = 0; i < events.length; i += 2000) {
      await trx
        .insertInto('events')
        .values(events.slice(i, i + 2000))
        .execute();
    }
    return { events: events.length, incidents: incidentIds.length };
  });
}
