import {
  eventInputSchema,
  geometryCentroid,
  severityRank,
  type EventInput,
  type EventSeverity,
} from '@ioc/shared';
import { sql, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { Actor } from '../auth/actor.js';
import { actorOf, authorise, isInScope, requirePermission, type Writer } from '../auth/policy.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Database, EventGroupsTable } from '../db/schema.js';
import { AppError, notFound } from '../errors.js';
import type { IncidentsService } from '../incidents/incidents.service.js';
import { clusterCollection, clusterPoints, type Viewport } from '../map/point-clusters.js';
import type { DurableMessage, LiveLog } from '../stream/live-log.js';
import type { UnitCache } from '../units/unit-cache.js';
import { locateUnit } from '../units/unit-locator.js';
import { visibleUnitIds } from '../units/unit-scope.js';
import { isSameBurst, type BurstRules } from './event-grouping.js';

export interface IngestResult {
  id: string;
  groupId: string;
  /** False when (source, sourceId) was already stored: the existing event is returned. */
  created: boolean;
  /** The incident the event's group belongs to, if any (opened by a rule or earlier). */
  incidentId: string | null;
}

export interface EventGroupFilters {
  type?: string;
  severity?: EventSeverity;
  unit?: string;
  /** `open`: not yet an incident; `linked`: part of one. */
  state?: 'open' | 'linked';
  since?: string;
  limit: number;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** Thrown inside the ingest transaction to roll it back when the event was already stored. */
const DUPLICATE = new Error('duplicate event');

type GroupQuery = SelectQueryBuilder<Database & { g: Database['event_groups'] }, 'g', object>;

/** The representative point of a location: the point itself, or the centroid of an area. */
function pointOf(input: EventInput): [number, number] | null {
  if (!input.location) return null;
  return input.location.type === 'Point' ? input.location.coordinates : geometryCentroid(input.location);
}

/**
 * Operational events from every source through one model: deduplicated by (source, sourceId),
 * placed in a unit (given, or derived from the location), grouped into bursts, turned into an
 * incident when a rule says so, and published live. An event is acknowledged only once committed.
 */
export class EventsService {
  constructor(
    readonly db: Db,
    private readonly units: UnitCache,
    private readonly incidents: IncidentsService,
    private readonly liveLog: LiveLog,
    private readonly clock: Clock,
    private readonly burst: BurstRules,
  ) {}

  /** Stores one event; `via` names the channel for the record (e.g. the MQTT topic) when the writer is the server itself. */
  async ingest(input: EventInput, writer: Writer, via?: string): Promise<IngestResult> {
    const by = via ? `${authorise(writer, 'events.write')} (${via})` : authorise(writer, 'events.write');
    const parsed = eventInputSchema.safeParse(input);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new AppError('VALIDATION_FAILED', parsed.error.issues, {
        vi: `Sự kiện không hợp lệ: ${fields}`,
        en: `The event is invalid: ${fields}`,
      });
    }
    const event = parsed.data;
    const at = new Date(event.occurredAt);
    const point = pointOf(event);
    const tree = await this.units.tree();
    let unitId: number | null = null;
    if (event.unitCode) {
      const unit = tree.findByCode(event.unitCode, event.occurredAt.slice(0, 10));
      if (!unit) throw notFound('đơn vị', 'Unit', event.unitCode);
      unitId = unit.id;
    } else if (point) {
      unitId = locateUnit(point, await this.units.locatable(), event.occurredAt.slice(0, 10));
    }
    const actor = actorOf(writer);
    if (actor.kind !== 'anonymous' && actor.scopeUnitId !== null) {
      if (unitId === null || !isInScope(actor, tree, unitId)) throw new AppError('OUT_OF_SCOPE');
    }
    const policy = await this.incidents.policies.find(event.type, event.severity);

    let outcome: IngestResult & { message: DurableMessage | null; logId: string | null };
    try {
      // Six round trips: begin, lock, candidates, write, live-log row, commit (and the incident when a rule opens one).
      outcome = await this.db.transaction().execute(async (trx) => {
        // One writer at a time per type, so two events of one burst cannot open two groups.
        await sql`SELECT pg_advisory_xact_lock(hashtext(${`events:${event.type}`}))`.execute(trx);
        const windowMs = this.burst.windowMs;
        const candidates = await trx
          .selectFrom('event_groups')
          .select([
            'id',
            'source',
            'severity',
            'camera_code',
            'sensor_code',
            'lon',
            'lat',
            'unit_id',
            'first_at',
            'last_at',
          ])
          .where('type', '=', event.type)
          .where('last_at', '>=', new Date(at.getTime() - windowMs))
          .where('first_at', '<=', new Date(at.getTime() + windowMs))
          .orderBy('last_at', 'desc')
          .limit(100)
          .execute();
        const key = {
          source: event.source,
          cameraCode: event.cameraCode ?? null,
          sensorCode: event.sensorCode ?? null,
          point,
          unitId,
          at,
        };
        const burst = candidates.find((g) =>
          isSameBurst(
            {
              source: g.source,
              cameraCode: g.camera_code,
              sensorCode: g.sensor_code,
              point: g.lon === null || g.lat === null ? null : [g.lon, g.lat],
              unitId: g.unit_id,
              firstAt: new Date(g.first_at),
              lastAt: new Date(g.last_at),
            },
            key,
            this.burst,
          ),
        );
        // The group (joined or new) and the event in one statement; a (source, sourceId) already
        // stored inserts nothing, and the transaction is rolled back (the sender gets the stored one).
        const written = await trx
          .with('g', (db) =>
            burst
              ? db
                  .updateTable('event_groups')
                  .set({
                    event_count: sql`event_count + 1`,
                    severity:
                      severityRank(burst.severity as EventSeverity) > severityRank(event.severity)
                        ? burst.severity
                        : event.severity,
                    first_at: sql`least(first_at, ${at})`,
                    last_at: sql`greatest(last_at, ${at})`,
                  })
                  .where('id', '=', burst.id)
                  .returningAll()
              : db
                  .insertInto('event_groups')
                  .values({
                    source: event.source,
                    type: event.type,
                    category: event.category,
                    severity: event.severity,
                    title: event.title,
                    unit_id: unitId,
                    lon: point?.[0] ?? null,
                    lat: point?.[1] ?? null,
                    camera_code: event.cameraCode ?? null,
                    sensor_code: event.sensorCode ?? null,
                    first_at: at,
                    last_at: at,
                  })
                  .returningAll(),
          )
          .with('e', (db) =>
            db
              .insertInto('events')
              .values({
                source: event.source,
                source_id: event.sourceId,
                type: event.type,
                category: event.category,
                severity: event.severity,
                occurred_at: at,
                received_at: this.clock(),
                title: event.title,
                description: event.description ?? null,
                location: event.location ? JSON.stringify(event.location) : null,
                lon: point?.[0] ?? null,
                lat: point?.[1] ?? null,
                unit_id: unitId,
                camera_code: event.cameraCode ?? null,
                sensor_code: event.sensorCode ?? null,
                payload: event.payload ? JSON.stringify(event.payload) : null,
                group_id: (eb) => eb.selectFrom('g').select('g.id'),
                received_by: by,
              })
              .onConflict((oc) => oc.columns(['source', 'source_id']).doNothing())
              .returning('id'),
          )
          .selectFrom(['g', 'e'])
          .selectAll('g')
          .select('e.id as event_id')
          .executeTakeFirst();
        if (!written) throw DUPLICATE;
        const groupId = String(written.id);
        let incidentId = written.incident_id === null ? null : String(written.incident_id);
        if (incidentId === null && policy?.autoCreate) {
          incidentId = await this.incidents.open(
            trx,
            `rule (${by})`,
            {
              type: event.type,
              category: event.category,
              severity: written.severity as EventSeverity,
              title: event.title,
              description: event.description ?? null,
              unitId,
              lon: point?.[0] ?? null,
              lat: point?.[1] ?? null,
              groupIds: [groupId],
            },
            policy,
          );
        }
        const unit = written.unit_id === null ? undefined : tree.byId.get(written.unit_id);
        const message: DurableMessage = {
          topic: 'event',
          data: {
            ...groupView({ ...written, unit_code: unit?.code ?? null, unit_name: unit?.name ?? null }),
            incidentId,
          },
          permission: 'operations.read',
          unitId: written.unit_id,
        };
        const logId = await this.liveLog.append(trx, message);
        return { id: String(written.event_id), groupId, created: true, incidentId, message, logId };
      });
    } catch (error) {
      // Already stored (a resend), or a concurrent sender of the same (source, sourceId) under another type won the race.
      if (error === DUPLICATE || (error as { code?: string }).code === '23505') {
        const winner = await this.find(event.source, event.sourceId);
        if (winner) return winner;
      }
      throw error;
    }
    const { message, logId, ...result } = outcome;
    if (message && logId) await this.liveLog.deliver(logId, message);
    if (result.incidentId) await this.incidents.announce(result.incidentId);
    return result;
  }

  private async find(source: string, sourceId: string, db: Db = this.db): Promise<IngestResult | null> {
    const row = await db
      .selectFrom('events as e')
      .innerJoin('event_groups as g', 'g.id', 'e.group_id')
      .select(['e.id', 'e.group_id', 'g.incident_id'])
      .where('e.source', '=', source)
      .where('e.source_id', '=', sourceId)
      .executeTakeFirst();
    return row
      ? {
          id: String(row.id),
          groupId: String(row.group_id),
          created: false,
          incidentId: row.incident_id === null ? null : String(row.incident_id),
        }
      : null;
  }

  /** Event groups (bursts with their count and first/last time), newest activity first. */
  async listGroups(actor: Actor, filters: EventGroupFilters) {
    return this.groupViews(await this.groupFilter(actor, filters), filters.limit);
  }

  /** The located event groups on screen, clustered with exact counts (weights: events) for the map of now. */
  async clusters(actor: Actor, filters: Omit<EventGroupFilters, 'limit'>, viewport: Viewport) {
    const filter = await this.groupFilter(actor, filters);
    const result = await clusterPoints(
      this.db,
      filter(this.groupQuery()).select(['g.id', 'g.lon', 'g.lat', 'g.event_count as weight']),
      viewport,
    );
    const ids = result.clusters.flatMap((c) => (c.id === null ? [] : [c.id]));
    const views = ids.length ? await this.groupViews((q) => q.where('g.id', 'in', ids), ids.length) : [];
    return clusterCollection(
      result,
      new Map(
        views.map((g) => [
          g.id,
          {
            id: g.id,
            title: g.title,
            type: g.type,
            severity: g.severity,
            lastAt: g.lastAt,
            incidentId: g.incidentId,
          },
        ]),
      ),
    );
  }

  /** The groups `actor` may see that match `filters`. */
  private async groupFilter(actor: Actor, filters: Omit<EventGroupFilters, 'limit'>) {
    requirePermission(actor, 'operations.read');
    const tree = await this.units.tree();
    let unitId: number | null = null;
    if (filters.unit) {
      const unit = tree.findByCode(filters.unit);
      if (!unit) throw notFound('đơn vị', 'Unit', filters.unit);
      unitId = unit.id;
    }
    const units = visibleUnitIds(tree, actor, unitId);
    return (query: GroupQuery): GroupQuery => {
      let q = query;
      if (units !== null) q = q.where('g.unit_id', 'in', units.length ? units : [-1]);
      if (filters.type) q = q.where('g.type', '=', filters.type);
      if (filters.severity) q = q.where('g.severity', '=', filters.severity);
      if (filters.state === 'open') q = q.where('g.incident_id', 'is', null);
      if (filters.state === 'linked') q = q.where('g.incident_id', 'is not', null);
      if (filters.since) q = q.where('g.last_at', '>=', new Date(filters.since));
      return q;
    };
  }

  /** The events of one group, oldest first. */
  async listEvents(actor: Actor, groupId: string) {
    requirePermission(actor, 'operations.read');
    const [group] = await this.groupViews((q) => q.where('g.id', '=', groupId), 1);
    if (!group) throw notFound('nhóm sự kiện', 'Event group', groupId);
    const tree = await this.units.tree();
    if (actor.scopeUnitId !== null && (group.unitId === null || !isInScope(actor, tree, group.unitId))) {
      throw new AppError('OUT_OF_SCOPE');
    }
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('group_id', '=', groupId)
      .orderBy('occurred_at')
      .limit(1000)
      .execute();
    return rows.map((r) => ({
      id: String(r.id),
      source: r.source,
      sourceId: r.source_id,
      type: r.type,
      category: r.category,
      severity: r.severity as EventSeverity,
      occurredAt: iso(r.occurred_at),
      receivedAt: iso(r.received_at),
      title: r.title,
      description: r.description,
      location: r.location,
      cameraCode: r.camera_code,
      sensorCode: r.sensor_code,
      payload: r.payload,
      receivedBy: r.received_by,
    }));
  }

  private async groupViews(filter: (q: GroupQuery) => GroupQuery, limit: number) {
    const rows = await filter(this.groupQuery())
      .leftJoin('units as u', 'u.id', 'g.unit_id')
      .selectAll('g')
      .select(['u.code as unit_code', 'u.name as unit_name'])
      .orderBy('g.last_at', 'desc')
      .orderBy('g.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(groupView);
  }

  private groupQuery(): GroupQuery {
    return this.db.selectFrom('event_groups as g');
  }
}

/** What screens see of an event group (the live message and the lists alike). */
function groupView(g: Selectable<EventGroupsTable> & { unit_code: string | null; unit_name: string | null }) {
  return {
    id: String(g.id),
    source: g.source,
    type: g.type,
    category: g.category,
    severity: g.severity as EventSeverity,
    title: g.title,
    unitId: g.unit_id,
    unitCode: g.unit_code,
    unitName: g.unit_name,
    lon: g.lon,
    lat: g.lat,
    cameraCode: g.camera_code,
    sensorCode: g.sensor_code,
    firstAt: iso(g.first_at),
    lastAt: iso(g.last_at),
    count: g.event_count,
    incidentId: g.incident_id === null ? null : String(g.incident_id),
  };
}
