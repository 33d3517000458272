import {
  INCIDENT_ACTION_LABELS,
  INCIDENT_STATUS_LABELS,
  allowedIncidentActions,
  isIncidentOpen,
  nextIncidentStatus,
  severityRank,
  type EventSeverity,
  type IncidentAction,
  type IncidentStatus,
} from '@ioc/shared';
import { sql, type SelectQueryBuilder, type Transaction } from 'kysely';
import { writeAudit } from '../audit/audit.repository.js';
import type { Actor } from '../auth/actor.js';
import { authorise, isInScope, requirePermission } from '../auth/policy.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { AppError, notFound } from '../errors.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { LiveLog } from '../stream/live-log.js';
import type { UnitCache } from '../units/unit-cache.js';
import { visibleUnitIds } from '../units/unit-scope.js';
import type { UnitTree } from '../units/unit-tree.js';
import { clusterCollection, clusterPoints, type Viewport } from '../map/point-clusters.js';
import { IncidentPolicies, type IncidentPolicy } from './incident-policies.js';

type Trx = Transaction<Database>;
type IncidentQuery = SelectQueryBuilder<Database & { i: Database['incidents'] }, 'i', object>;

/** What an incident starts from: its kind, place and the event groups it takes over. */
export interface IncidentSpec {
  type: string;
  category: string;
  severity: EventSeverity;
  title: string;
  description: string | null;
  unitId: number | null;
  lon: number | null;
  lat: number | null;
  groupIds: string[];
}

export interface IncidentFilters {
  status?: IncidentStatus[] | 'open';
  type?: string;
  severity?: EventSeverity;
  unit?: string;
  limit: number;
}

const MINUTE = 60_000;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * Incidents: created by an operator from events (or by a rule at ingest), moved through their
 * lifecycle with every step on the timeline, with SOP checklists, comments, attachments and SLA
 * escalation. Every method checks the actor's permission and unit scope first.
 */
export class IncidentsService {
  readonly policies: IncidentPolicies;

  constructor(
    readonly db: Db,
    private readonly liveLog: LiveLog,
    private readonly units: UnitCache,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {
    this.policies = new IncidentPolicies(db);
  }

  /**
   * Opens an incident inside the caller's transaction: SLA deadlines from the policy, the SOP
   * checklist of its type, and the event groups linked (refused when one already has an incident,
   * so a duplicate never makes a second incident). The caller announces it after commit.
   */
  async open(trx: Trx, by: string, spec: IncidentSpec, policy: IncidentPolicy | null): Promise<string> {
    const now = this.clock();
    const row = await trx
      .insertInto('incidents')
      .values({
        type: spec.type,
        category: spec.category,
        severity: spec.severity,
        title: spec.title,
        description: spec.description,
        unit_id: spec.unitId,
        lon: spec.lon,
        lat: spec.lat,
        created_by: by,
        created_at: now,
        updated_at: now,
        ack_due_at: policy ? new Date(now.getTime() + policy.ackMinutes * MINUTE) : null,
        resolve_due_at: policy ? new Date(now.getTime() + policy.resolveMinutes * MINUTE) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = String(row.id);
    if (spec.groupIds.length) {
      const linked = await trx
        .updateTable('event_groups')
        .set({ incident_id: id })
        .where('id', 'in', spec.groupIds)
        .where('incident_id', 'is', null)
        .executeTakeFirst();
      if (Number(linked.numUpdatedRows) !== spec.groupIds.length) {
        throw new AppError('EVENTS_ALREADY_IN_INCIDENT', { groupIds: spec.groupIds });
      }
    }
    const steps = await trx
      .selectFrom('sop_steps')
      .selectAll()
      .where('incident_type', '=', spec.type)
      .orderBy('position')
      .execute();
    if (steps.length) {
      await trx
        .insertInto('incident_sop_steps')
        .values(
          steps.map((s) => ({
            incident_id: id,
            position: s.position,
            title: s.title,
            responsible: s.responsible,
            due_at: new Date(now.getTime() + s.due_minutes * MINUTE),
          })),
        )
        .execute();
    }
    await this.record(trx, id, by, 'created', null, 'new', null, { groupIds: spec.groupIds });
    await writeAudit(trx, by, 'create', 'incident', id, null, { ...spec });
    return id;
  }

  /** Creates an incident from event groups and/or events, or from a report with no event (type, title, place given). */
  async create(
    actor: Actor,
    input: {
      groupIds?: string[];
      eventIds?: string[];
      type?: string;
      category?: string;
      severity?: EventSeverity;
      title?: string;
      description?: string;
      unitCode?: string;
      location?: { type: 'Point'; coordinates: [number, number] };
    },
  ) {
    const by = authorise(actor, 'incidents.manage');
    const tree = await this.units.tree();
    const fromEvents = input.eventIds?.length
      ? await this.db.selectFrom('events').select('group_id').where('id', 'in', input.eventIds).execute()
      : [];
    if (fromEvents.length !== (input.eventIds?.length ?? 0)) {
      throw notFound('sự kiện', 'Event', (input.eventIds ?? []).join(', '));
    }
    const groupIds = [...new Set([...(input.groupIds ?? []), ...fromEvents.map((e) => String(e.group_id))])];
    const groups = groupIds.length
      ? await this.db
          .selectFrom('event_groups')
          .selectAll()
          .where('id', 'in', groupIds)
          .orderBy('first_at')
          .execute()
      : [];
    if (groups.length !== groupIds.length) throw notFound('nhóm sự kiện', 'Event group', groupIds.join(', '));
    const first = groups[0];
    const unitId = input.unitCode ? this.unitId(tree, input.unitCode) : (first?.unit_id ?? null);
    for (const u of [unitId, ...groups.map((g) => g.unit_id)]) this.assertScope(actor, tree, u);
    const severity =
      input.severity ??
      groups
        .map((g) => g.severity as EventSeverity)
        .reduce<EventSeverity | undefined>(
          (a, b) => (a && severityRank(a) >= severityRank(b) ? a : b),
          undefined,
        );
    const type = input.type ?? first?.type;
    const title = input.title ?? first?.title;
    if (!type || !title || !severity) {
      throw new AppError('VALIDATION_FAILED', null, {
        vi: 'Sự cố không gắn với sự kiện nào cần có loại, tiêu đề và mức độ.',
        en: 'An incident without events needs a type, a title and a severity.',
      });
    }
    const spec: IncidentSpec = {
      type,
      category: input.category ?? first?.category ?? 'ANTT',
      severity,
      title,
      description: input.description ?? null,
      unitId,
      lon: input.location?.coordinates[0] ?? first?.lon ?? null,
      lat: input.location?.coordinates[1] ?? first?.lat ?? null,
      groupIds,
    };
    const policy = await this.policies.find(spec.type, spec.severity);
    const id = await this.db.transaction().execute((trx) => this.open(trx, by, spec, policy));
    await this.announce(id);
    return this.detail(actor, id);
  }

  /** Publishes the incident's current summary to the live screens allowed to see it. */
  async announce(id: string): Promise<void> {
    const [view] = await this.views((q) => q.where('i.id', '=', id));
    if (!view) return;
    await this.liveLog.publish({
      topic: 'incident',
      data: view,
      permission: 'operations.read',
      unitId: view.unitId,
    });
  }

  async list(actor: Actor, filters: IncidentFilters) {
    return this.views(await this.incidentFilter(actor, filters), filters.limit);
  }

  /** The located incidents on screen, clustered with exact counts, for the map of now. */
  async clusters(actor: Actor, filters: Omit<IncidentFilters, 'limit'>, viewport: Viewport) {
    const filter = await this.incidentFilter(actor, filters);
    const result = await clusterPoints(
      this.db,
      filter(this.db.selectFrom('incidents as i')).select([
        'i.id',
        'i.lon',
        'i.lat',
        sql<number>`1`.as('weight'),
      ]),
      viewport,
    );
    const ids = result.clusters.flatMap((c) => (c.id === null ? [] : [c.id]));
    const views = ids.length ? await this.views((q) => q.where('i.id', 'in', ids), ids.length) : [];
    return clusterCollection(
      result,
      new Map(
        views.map((i) => [
          i.id,
          { id: i.id, title: i.title, type: i.type, severity: i.severity, status: i.status },
        ]),
      ),
    );
  }

  /** The incidents `actor` may see that match `filters`. */
  private async incidentFilter(actor: Actor, filters: Omit<IncidentFilters, 'limit'>) {
    requirePermission(actor, 'operations.read');
    const tree = await this.units.tree();
    const units = visibleUnitIds(tree, actor, filters.unit ? this.unitId(tree, filters.unit) : null);
    return (query: IncidentQuery): IncidentQuery => {
      let q = query;
      if (units !== null) q = q.where('i.unit_id', 'in', units.length ? units : [-1]);
      if (filters.status === 'open') q = q.where('i.status', 'not in', ['resolved', 'closed']);
      else if (filters.status?.length) q = q.where('i.status', 'in', filters.status);
      if (filters.type) q = q.where('i.type', '=', filters.type);
      if (filters.severity) q = q.where('i.severity', '=', filters.severity);
      return q;
    };
  }

  /** The incident with its timeline, SOP checklist, attachments, event groups, SLA state and allowed actions. */
  async detail(actor: Actor, id: string) {
    requirePermission(actor, 'operations.read');
    const [view] = await this.views((q) => q.where('i.id', '=', id));
    if (!view) throw notFound('sự cố', 'Incident', id);
    this.assertScope(actor, await this.units.tree(), view.unitId);
    const now = this.clock();
    const [timeline, steps, attachments, groups] = await Promise.all([
      this.db
        .selectFrom('incident_timeline')
        .selectAll()
        .where('incident_id', '=', id)
        .orderBy('id')
        .execute(),
      this.db
        .selectFrom('incident_sop_steps')
        .selectAll()
        .where('incident_id', '=', id)
        .orderBy('position')
        .execute(),
      this.db
        .selectFrom('incident_attachments')
        .selectAll()
        .where('incident_id', '=', id)
        .orderBy('id')
        .execute(),
      this.db
        .selectFrom('event_groups')
        .selectAll()
        .where('incident_id', '=', id)
        .orderBy('first_at')
        .execute(),
    ]);
    return {
      ...view,
      serverTime: now.toISOString(),
      allowedActions: allowedIncidentActions(view.status),
      timeline: timeline.map((t) => ({
        id: String(t.id),
        at: iso(t.at)!,
        actor: t.actor,
        action: t.action,
        fromStatus: t.from_status,
        toStatus: t.to_status,
        note: t.note,
        data: t.data,
      })),
      sopSteps: steps.map((s) => ({
        id: String(s.id),
        position: s.position,
        title: s.title,
        responsible: s.responsible,
        dueAt: iso(s.due_at)!,
        doneAt: iso(s.done_at),
        doneBy: s.done_by,
        isOverdue: s.done_at === null && new Date(s.due_at) < now,
      })),
      attachments: attachments.map((a) => ({
        id: String(a.id),
        fileName: a.file_name,
        contentType: a.content_type,
        sizeBytes: a.size_bytes,
        uploadedBy: a.uploaded_by,
        uploadedAt: iso(a.uploaded_at)!,
      })),
      eventGroups: groups.map((g) => ({
        id: String(g.id),
        type: g.type,
        severity: g.severity,
        title: g.title,
        count: g.event_count,
        firstAt: iso(g.first_at)!,
        lastAt: iso(g.last_at)!,
        cameraCode: g.camera_code,
        sensorCode: g.sensor_code,
      })),
    };
  }

  /**
   * Takes one lifecycle step. Invalid steps are refused with 409 and the current status named;
   * `assign` needs an organisation or a person, who is notified.
   */
  async transition(
    actor: Actor,
    id: string,
    input: { action: IncidentAction; note?: string; organisationCode?: string; personCode?: string },
  ) {
    const by = authorise(actor, 'incidents.manage');
    const tree = await this.units.tree();
    let assignee: {
      organisationId: number | null;
      personId: number | null;
      personCode: string | null;
    } | null = null;
    if (input.action === 'assign')
      assignee = await this.resolveAssignee(input.organisationCode, input.personCode);
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('incidents')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!current) throw notFound('sự cố', 'Incident', id);
      this.assertScope(actor, tree, current.unit_id);
      const from = current.status as IncidentStatus;
      const hasAssignee = current.assigned_organisation_id !== null || current.assigned_person_id !== null;
      const to = nextIncidentStatus(from, input.action, hasAssignee);
      if (to === null) {
        const action = INCIDENT_ACTION_LABELS[input.action];
        const status = INCIDENT_STATUS_LABELS[from];
        throw new AppError(
          'INVALID_TRANSITION',
          { from, action: input.action, allowed: allowedIncidentActions(from) },
          {
            vi: `Không thể "${action.vi}" sự cố #${id} đang ở trạng thái "${status.vi}".`,
            en: `Cannot "${action.en}" incident #${id} while it is "${status.en}".`,
          },
        );
      }
      await trx
        .updateTable('incidents')
        .set({
          status: to,
          updated_at: now,
          ...(input.action === 'acknowledge' ? { acknowledged_at: now } : {}),
          ...(to === 'resolved' ? { resolved_at: now } : {}),
          ...(to === 'closed' ? { closed_at: now } : {}),
          ...(input.action === 'reopen' ? { resolved_at: null, closed_at: null } : {}),
          ...(assignee
            ? { assigned_organisation_id: assignee.organisationId, assigned_person_id: assignee.personId }
            : {}),
        })
        .where('id', '=', id)
        .execute();
      const data = assignee
        ? { organisationCode: input.organisationCode ?? null, personCode: input.personCode ?? null }
        : null;
      await this.record(trx, id, by, input.action, from, to, input.note ?? null, data);
      await writeAudit(trx, by, input.action, 'incident', id, { status: from }, { status: to, ...data });
    });
    if (assignee) await this.notifyAssignee(id, assignee);
    await this.announce(id);
    return this.detail(actor, id);
  }

  async comment(actor: Actor, id: string, text: string) {
    const by = authorise(actor, 'incidents.manage');
    await this.assertIncidentInScope(actor, id);
    await this.db.transaction().execute((trx) => this.record(trx, id, by, 'comment', null, null, text, null));
    await this.announce(id);
    return this.detail(actor, id);
  }

  /** Ticks (or unticks) an SOP step, recording who and when. */
  async tickStep(actor: Actor, id: string, stepId: string, done: boolean) {
    const by = authorise(actor, 'incidents.manage');
    await this.assertIncidentInScope(actor, id);
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      const step = await trx
        .updateTable('incident_sop_steps')
        .set({ done_at: done ? now : null, done_by: done ? by : null })
        .where('id', '=', stepId)
        .where('incident_id', '=', id)
        .returning(['position', 'title'])
        .executeTakeFirst();
      if (!step) throw notFound('bước quy trình', 'SOP step', stepId);
      await this.record(trx, id, by, done ? 'sop_step_done' : 'sop_step_undone', null, null, step.title, {
        stepId,
        position: step.position,
      });
      await trx.updateTable('incidents').set({ updated_at: now }).where('id', '=', id).execute();
    });
    await this.announce(id);
    return this.detail(actor, id);
  }

  /** Records an attachment already stored on disk under `storageName`. */
  async recordAttachment(
    actor: Actor,
    id: string,
    file: { fileName: string; contentType: string; sizeBytes: number; storageName: string },
  ) {
    const by = authorise(actor, 'incidents.manage');
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('incident_attachments')
        .values({
          incident_id: id,
          file_name: file.fileName,
          content_type: file.contentType,
          size_bytes: file.sizeBytes,
          storage_name: file.storageName,
          uploaded_by: by,
          uploaded_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.record(trx, id, by, 'attachment', null, null, file.fileName, {
        attachmentId: String(row.id),
      });
    });
    await this.announce(id);
    return this.detail(actor, id);
  }

  /** Throws unless the actor may work on the incident (exists, permission, scope). */
  async assertIncidentInScope(
    actor: Actor,
    id: string,
    permission: 'operations.read' | 'incidents.manage' = 'incidents.manage',
  ) {
    requirePermission(actor, permission);
    const row = await this.db
      .selectFrom('incidents')
      .select('unit_id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('sự cố', 'Incident', id);
    this.assertScope(actor, await this.units.tree(), row.unit_id);
  }

  async findAttachment(actor: Actor, id: string, attachmentId: string) {
    await this.assertIncidentInScope(actor, id, 'operations.read');
    const row = await this.db
      .selectFrom('incident_attachments')
      .selectAll()
      .where('id', '=', attachmentId)
      .where('incident_id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('tệp đính kèm', 'Attachment', attachmentId);
    return { fileName: row.file_name, contentType: row.content_type, storageName: row.storage_name };
  }

  /**
   * Escalates incidents whose SLA lapsed: a late acknowledgement or resolution goes to the
   * supervisor, and when it is late by a second SLA period, to the leader. Each escalation is
   * sent once (recorded in incident_escalations), on the timeline and through notifications.
   */
  async checkSla(now: Date = this.clock()): Promise<number> {
    const late = await this.db
      .selectFrom('incidents')
      .select([
        'id',
        'type',
        'severity',
        'title',
        'status',
        'unit_id',
        'created_at',
        'ack_due_at',
        'resolve_due_at',
      ])
      .where('status', 'not in', ['resolved', 'closed'])
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'new'), eb('ack_due_at', '<', now)]),
          eb('resolve_due_at', '<', now),
        ]),
      )
      .execute();
    let sent = 0;
    for (const incident of late) {
      const created = new Date(incident.created_at).getTime();
      const due: Array<{ sla: 'ack' | 'resolve'; level: number }> = [];
      for (const [sla, dueAt] of [
        ['ack', incident.status === 'new' ? incident.ack_due_at : null],
        ['resolve', incident.resolve_due_at],
      ] as const) {
        if (dueAt === null) continue;
        const deadline = new Date(dueAt).getTime();
        if (now.getTime() > deadline) due.push({ sla, level: 1 });
        if (now.getTime() > deadline + (deadline - created)) due.push({ sla, level: 2 });
      }
      const policy = await this.policies.find(incident.type, incident.severity as EventSeverity);
      for (const step of due) {
        const id = String(incident.id);
        const isNew = await this.db.transaction().execute(async (trx) => {
          const inserted = await trx
            .insertInto('incident_escalations')
            .values({ incident_id: id, sla: step.sla, level: step.level, at: now })
            .onConflict((oc) => oc.doNothing())
            .returning('level')
            .executeTakeFirst();
          if (!inserted) return false;
          const note = escalationNote(step.sla, step.level);
          await this.record(trx, id, 'system', 'escalated', null, null, note.vi, { ...step });
          return true;
        });
        if (!isNew) continue;
        sent++;
        const note = escalationNote(step.sla, step.level);
        const person = step.level === 1 ? policy?.supervisorPersonCode : policy?.leaderPersonCode;
        await this.notifications.notify({
          ...(person
            ? { personCodes: [person] }
            : {
                roles: { roles: [step.level === 1 ? 'administrator' : 'leader'], unitId: incident.unit_id },
              }),
          kind: 'incident.escalated',
          title: `${note.vi}: #${id} ${incident.title}`,
          body: `${note.vi} / ${note.en}. ${INCIDENT_STATUS_LABELS[incident.status as IncidentStatus].vi}.`,
          link: `/operations?incident=${id}`,
          dedupeKey: `incident:${id}:${step.sla}:${step.level}`,
        });
        await this.announce(id);
      }
    }
    return sent;
  }

  private async notifyAssignee(
    id: string,
    assignee: { organisationId: number | null; personId: number | null; personCode: string | null },
  ) {
    const incident = await this.db
      .selectFrom('incidents')
      .select(['title', 'severity'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const members =
      assignee.personCode === null && assignee.organisationId !== null
        ? await this.db
            .selectFrom('users')
            .select('id')
            .where('organisation_id', '=', assignee.organisationId)
            .where('is_active', '=', true)
            .execute()
        : [];
    const assigned = await this.db
      .selectFrom('incident_timeline')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('incident_id', '=', id)
      .where('action', '=', 'assign')
      .executeTakeFirstOrThrow();
    await this.notifications.notify({
      ...(assignee.personCode
        ? { personCodes: [assignee.personCode] }
        : { userIds: members.map((m) => m.id) }),
      kind: 'incident.assigned',
      title: `Được phân công xử lý sự cố #${id}: ${incident.title}`,
      body: `Sự cố #${id} (${incident.severity}) được phân công cho bạn / Incident #${id} is assigned to you.`,
      link: `/operations?incident=${id}`,
      dedupeKey: `incident:${id}:assign:${assigned.n}`,
    });
  }

  private async resolveAssignee(organisationCode?: string, personCode?: string) {
    if (!organisationCode && !personCode) {
      throw new AppError('VALIDATION_FAILED', null, {
        vi: 'Phân công cần chọn cơ quan hoặc người xử lý.',
        en: 'Assigning needs an organisation or a person.',
      });
    }
    const person = personCode
      ? await this.db
          .selectFrom('people')
          .select(['id', 'organisation_id'])
          .where('code', '=', personCode)
          .executeTakeFirst()
      : null;
    if (personCode && !person) throw notFound('người', 'Person', personCode);
    const organisation = organisationCode
      ? await this.db
          .selectFrom('organisations')
          .select('id')
          .where('code', '=', organisationCode)
          .executeTakeFirst()
      : null;
    if (organisationCode && !organisation) throw notFound('cơ quan', 'Organisation', organisationCode);
    return {
      organisationId: organisation?.id ?? person?.organisation_id ?? null,
      personId: person?.id ?? null,
      personCode: personCode ?? null,
    };
  }

  private async record(
    trx: Trx,
    id: string,
    actor: string,
    action: string,
    from: string | null,
    to: string | null,
    note: string | null,
    data: unknown,
  ): Promise<void> {
    await trx
      .insertInto('incident_timeline')
      .values({
        incident_id: id,
        at: this.clock(),
        actor,
        action,
        from_status: from,
        to_status: to,
        note,
        data: data === null ? null : JSON.stringify(data),
      })
      .execute();
  }

  private unitId(tree: UnitTree, code: string): number {
    const unit = tree.findByCode(code);
    if (!unit) throw notFound('đơn vị', 'Unit', code);
    return unit.id;
  }

  private assertScope(actor: Actor, tree: UnitTree, unitId: number | null): void {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    if (actor.scopeUnitId === null) return;
    if (unitId === null || !isInScope(actor, tree, unitId)) throw new AppError('OUT_OF_SCOPE');
  }

  /** Incident summaries (unit, assignee, overdue SOP steps, event count, SLA state) of the filtered rows. */
  private async views(filter: (q: IncidentQuery) => IncidentQuery, limit = 500) {
    const now = this.clock();
    const rows = await filter(this.db.selectFrom('incidents as i'))
      .leftJoin('units as u', 'u.id', 'i.unit_id')
      .leftJoin('organisations as o', 'o.id', 'i.assigned_organisation_id')
      .leftJoin('people as p', 'p.id', 'i.assigned_person_id')
      .selectAll('i')
      .select([
        'u.code as unit_code',
        'u.name as unit_name',
        'o.code as org_code',
        'o.name as org_name',
        'p.code as person_code',
        'p.full_name as person_name',
        (eb) =>
          eb
            .selectFrom('incident_sop_steps as s')
            .select((e) => e.fn.countAll<string>().as('n'))
            .whereRef('s.incident_id', '=', 'i.id')
            .where('s.done_at', 'is', null)
            .where('s.due_at', '<', now)
            .as('overdue_steps'),
        (eb) =>
          eb
            .selectFrom('event_groups as g')
            .select((e) => e.fn.coalesce(e.fn.sum<string>('g.event_count'), sql<string>`0`).as('n'))
            .whereRef('g.incident_id', '=', 'i.id')
            .as('event_count'),
        (eb) =>
          eb
            .selectFrom('incident_escalations as x')
            .select((e) => e.fn.max('x.level').as('n'))
            .whereRef('x.incident_id', '=', 'i.id')
            .as('escalation_level'),
      ])
      .orderBy('i.created_at', 'desc')
      .orderBy('i.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => {
      const status = r.status as IncidentStatus;
      const ackDue = r.ack_due_at ? new Date(r.ack_due_at) : null;
      const resolveDue = r.resolve_due_at ? new Date(r.resolve_due_at) : null;
      return {
        id: String(r.id),
        type: r.type,
        category: r.category,
        severity: r.severity as EventSeverity,
        title: r.title,
        description: r.description,
        status,
        unitId: r.unit_id,
        unitCode: r.unit_code,
        unitName: r.unit_name,
        lon: r.lon,
        lat: r.lat,
        assignedOrganisation: r.org_code ? { code: r.org_code, name: r.org_name! } : null,
        assignedPerson: r.person_code ? { code: r.person_code, name: r.person_name! } : null,
        createdBy: r.created_by,
        createdAt: iso(r.created_at)!,
        updatedAt: iso(r.updated_at)!,
        acknowledgedAt: iso(r.acknowledged_at),
        resolvedAt: iso(r.resolved_at),
        closedAt: iso(r.closed_at),
        ackDueAt: iso(ackDue),
        resolveDueAt: iso(resolveDue),
        isAckLate: status === 'new' && ackDue !== null && ackDue < now,
        isResolveLate: isIncidentOpen(status) && resolveDue !== null && resolveDue < now,
        overdueSteps: Number(r.overdue_steps ?? 0),
        eventCount: Number(r.event_count ?? 0),
        escalationLevel: Number(r.escalation_level ?? 0),
      };
    });
  }
}

function escalationNote(sla: 'ack' | 'resolve', level: number): { vi: string; en: string } {
  const who =
    level === 1 ? { vi: 'cấp giám sát', en: 'the supervisor' } : { vi: 'lãnh đạo', en: 'the leader' };
  return sla === 'ack'
    ? { vi: `Quá hạn tiếp nhận, chuyển ${who.vi}`, en: `Acknowledgement late, escalated to ${who.en}` }
    : { vi: `Quá hạn xử lý, chuyển ${who.vi}`, en: `Resolution late, escalated to ${who.en}` };
}
