import { randomUUID } from 'node:crypto';
import {
  circleRing,
  geometryCentroid,
  publicAlertInputSchema,
  type CapCategory,
  type CapCertainty,
  type CapMsgType,
  type CapSeverity,
  type CapUrgency,
  type PublicAlert,
  type UnitLevel,
} from '@ioc/shared';
import type { z } from 'zod';
import type { Actor, AuthenticatedActor } from '../auth/actor.js';
import { authorise, isInScope, requirePermission } from '../auth/policy.js';
import { writeAudit } from '../audit/audit.repository.js';
import type { EmitEvent } from '../cameras/camera-health.js';
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { PublicAlertsTable } from '../db/schema.js';
import { AppError, notFound } from '../errors.js';
import type { LiveHub } from '../stream/live-hub.js';
import type { UnitCache } from '../units/unit-cache.js';
import { locateUnit } from '../units/unit-locator.js';
import { loadUnitTree, type UnitTree } from '../units/unit-tree.js';
import { buildAtom, buildRss, type FeedEntry } from './cap-feed.js';
import {
  buildCap,
  capDateTime,
  capToEventInput,
  CapError,
  parseCap,
  type CapAlert,
  type CapArea,
} from './cap.js';

/** Radius of the circle standing for a unit that has a centroid but no boundary yet. */
const CIRCLE_KM: Record<UnitLevel, number> = { province: 60, district: 12, commune: 4 };
const DRAWN_AREA = 'Vùng khoanh trên bản đồ';

export interface AlertsConfig {
  /** CAP `sender`: this IOC's identifier, e.g. its domain name. */
  sender: string;
  senderName: string;
  now?: () => Date;
}

type AlertRow = Selectable<PublicAlertsTable>;

type PreparedInput = Omit<z.output<typeof publicAlertInputSchema>, 'effective' | 'expires'> & {
  effective: Date;
  expires: Date;
};

interface ResolvedArea {
  unitCodes: string[];
  /** The drawn polygon as given (closed ring of [lon, lat]), so it can be edited later. */
  polygon: number[][] | null;
  areaDesc: string;
  capAreas: CapArea[];
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
}

const toCapRing = (ring: number[][]) =>
  ring.map(([lon, lat]) => [Math.round(lat! * 1e5) / 1e5, Math.round(lon! * 1e5) / 1e5] as [number, number]);

function closeRing(ring: number[][]): number[][] {
  const [first] = ring;
  const last = ring.at(-1);
  return first && last && (first[0] !== last[0] || first[1] !== last[1]) ? [...ring, first] : ring;
}

/**
 * Early warning out: operators issue public alerts for units or a drawn area, update and cancel
 * them; every step is published as a CAP 1.2 message (kept as sent) and listed in Atom/RSS feeds.
 * Early warning in: CAP alerts from other agencies become IOC events.
 */
export class PublicAlertsService {
  constructor(
    private readonly db: Db,
    private readonly units: UnitCache,
    private readonly live: LiveHub,
    private readonly emitEvent: EmitEvent,
    private readonly config: AlertsConfig,
  ) {}

  private now(): Date {
    return this.config.now?.() ?? new Date();
  }

  async issue(actor: Actor, body: unknown): Promise<PublicAlert> {
    const by = authorise(actor, 'alerts.issue');
    const { input, area } = await this.prepare(actor as AuthenticatedActor, body, true);
    const id = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('public_alerts')
        .values({ state: 'active', ...this.columns(input, area), created_by: by })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.publishMessage(trx, row, 'Alert', []);
      await writeAudit(trx, by, 'create', 'public_alert', row.id, null, this.auditShape(row));
      return row.id;
    });
    return this.announce(id);
  }

  async update(actor: Actor, id: string, body: unknown): Promise<PublicAlert> {
    const by = authorise(actor, 'alerts.issue');
    const before = await this.requireActive(actor as AuthenticatedActor, id);
    const { input, area } = await this.prepare(actor as AuthenticatedActor, body, false);
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('public_alerts')
        .set({ ...this.columns(input, area), updated_at: this.now() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.publishMessage(trx, row, 'Update', await this.earlier(trx, id));
      await writeAudit(trx, by, 'update', 'public_alert', id, this.auditShape(before), this.auditShape(row));
    });
    return this.announce(id);
  }

  async cancel(actor: Actor, id: string, reason: string | undefined): Promise<PublicAlert> {
    const by = authorise(actor, 'alerts.issue');
    const before = await this.requireActive(actor as AuthenticatedActor, id);
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('public_alerts')
        .set({ state: 'cancelled', updated_at: this.now() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.publishMessage(trx, row, 'Cancel', await this.earlier(trx, id), reason);
      await writeAudit(trx, by, 'cancel', 'public_alert', id, this.auditShape(before), {
        state: 'cancelled',
        reason: reason ?? null,
      });
    });
    return this.announce(id);
  }

  /** Every alert (operators), newest first; `current` keeps only active, unexpired ones. */
  async list(actor: Actor, filter: { current?: boolean }): Promise<PublicAlert[]> {
    requirePermission(actor, 'alerts.issue');
    return this.views(filter.current ?? false);
  }

  /** What the public sees: alerts in force now. */
  async listPublic(): Promise<PublicAlert[]> {
    return this.views(true);
  }

  /** One alert as the public sees it (also after it was cancelled or expired). */
  async get(id: string): Promise<PublicAlert> {
    if (!/^\d+$/.test(id)) throw notFound('cảnh báo', 'Alert', id);
    const [view] = await this.views(false, id);
    if (!view) throw notFound('cảnh báo', 'Alert', id);
    return view;
  }

  /** A published CAP message, exactly as sent. */
  async messageXml(messageId: string): Promise<string> {
    const row = /^\d+$/.test(messageId)
      ? await this.db
          .selectFrom('public_alert_messages')
          .select('xml')
          .where('id', '=', messageId)
          .executeTakeFirst()
      : undefined;
    if (!row) throw notFound('bản tin CAP', 'CAP message', messageId);
    return row.xml;
  }

  /** The feed of the latest CAP message of each alert not yet expired (a cancellation stays listed until then). */
  async feed(format: 'atom' | 'rss', baseUrl: string): Promise<string> {
    const rows = await this.db
      .selectFrom('public_alert_messages as m')
      .innerJoin('public_alerts as a', 'a.id', 'm.alert_id')
      .select([
        'm.id',
        'm.identifier',
        'm.msg_type',
        'm.sent',
        'm.headline',
        'a.area_desc',
        'a.severity',
        'a.expires',
      ])
      .where('a.expires', '>', this.now())
      .where((eb) =>
        eb(
          'm.id',
          '=',
          eb
            .selectFrom('public_alert_messages as l')
            .select((l) => l.fn.max('l.id').as('id'))
            .whereRef('l.alert_id', '=', 'a.id'),
        ),
      )
      .orderBy('m.sent', 'desc')
      .execute();
    const label: Record<string, string> = { Alert: 'Cảnh báo', Update: 'Cập nhật', Cancel: 'Hủy cảnh báo' };
    const entries: FeedEntry[] = rows.map((r) => ({
      url: `${baseUrl}/cap/alerts/${r.id}.xml`,
      identifier: r.identifier,
      title: `${label[r.msg_type] ?? r.msg_type}: ${r.headline}`,
      summary: `${r.area_desc} · ${r.severity}`,
      sent: new Date(r.sent),
    }));
    const channel = {
      self: `${baseUrl}/cap/alerts.${format}`,
      page: `${baseUrl}/public/alerts`,
      title: `Cảnh báo sớm / Early warnings — ${this.config.senderName}`,
      author: this.config.senderName,
    };
    return format === 'atom'
      ? buildAtom(channel, entries, this.now())
      : buildRss(channel, entries, this.now());
  }

  /** Reads a CAP 1.2 alert from another agency and hands it to the events service as an event. */
  async ingestCap(
    actor: Actor,
    xml: string,
  ): Promise<{ identifier: string; msgType: string; event: { source: string; sourceId: string } | null }> {
    authorise(actor, 'cap.ingest');
    let alert: CapAlert;
    try {
      alert = parseCap(xml);
    } catch (error) {
      if (!(error instanceof CapError)) throw error;
      throw new AppError('CAP_INVALID', { element: error.element }, { vi: error.vi, en: error.en });
    }
    const event = capToEventInput(alert);
    if (event) await this.emitEvent(event);
    return {
      identifier: alert.identifier,
      msgType: alert.msgType,
      event: event ? { source: event.source, sourceId: event.sourceId } : null,
    };
  }

  private async prepare(
    actor: AuthenticatedActor,
    body: unknown,
    isNew: boolean,
  ): Promise<{ input: PreparedInput; area: ResolvedArea }> {
    const parsed = publicAlertInputSchema.safeParse(body);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new AppError(
        'VALIDATION_FAILED',
        { issues: parsed.error.issues },
        {
          vi: `Cảnh báo chưa hợp lệ: ${fields}`,
          en: `The alert is invalid: ${fields}`,
        },
      );
    }
    const input = parsed.data;
    const now = this.now();
    const effective = input.effective ? new Date(input.effective) : now;
    const expires = new Date(input.expires);
    if (expires <= effective || (isNew && expires <= now))
      throw new AppError(
        'VALIDATION_FAILED',
        { field: 'expires' },
        {
          vi: 'Thời điểm hết hiệu lực phải sau thời điểm có hiệu lực và sau hiện tại.',
          en: 'The expiry must be after the effective time and in the future.',
        },
      );
    const area = await this.resolveArea(actor, input.unitCodes, input.polygon, input.areaDesc);
    return { input: { ...input, effective, expires }, area };
  }

  /** The alert's area: unit boundaries (or circles around centroids) and the drawn polygon, inside the actor's scope. */
  private async resolveArea(
    actor: AuthenticatedActor,
    unitCodes: string[],
    polygon: [number, number][] | undefined,
    areaDesc: string | undefined,
  ): Promise<ResolvedArea> {
    const tree = await loadUnitTree(this.db);
    const units = [...new Set(unitCodes)].map((code) => {
      const unit = tree.findByCode(code);
      if (!unit) throw notFound('đơn vị hành chính', 'Unit', code);
      if (!isInScope(actor, tree, unit.id)) throw new AppError('OUT_OF_SCOPE', { unit: code });
      return unit;
    });
    const geometries = new Map(
      (units.some((u) => u.hasBoundary)
        ? await this.db
            .selectFrom('units')
            .select(['id', 'geometry'])
            .where(
              'id',
              'in',
              units.filter((u) => u.hasBoundary).map((u) => u.id),
            )
            .execute()
        : []
      ).map((g) => [g.id, g.geometry as { type: string; coordinates: unknown }]),
    );
    const capAreas: CapArea[] = [];
    const multi: number[][][][] = [];
    for (const unit of units) {
      const geocodes = [{ valueName: 'GSO', value: unit.code }];
      const boundary = geometries.get(unit.id);
      if (boundary) {
        const polygons = (
          boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates
        ) as number[][][][];
        multi.push(...polygons);
        capAreas.push({
          areaDesc: unit.name,
          polygons: polygons.map((p) => toCapRing(p[0]!)),
          circles: [],
          geocodes,
        });
      } else if (unit.centroid) {
        const [lon, lat] = unit.centroid;
        const radiusKm = CIRCLE_KM[unit.level];
        multi.push([circleRing(unit.centroid, radiusKm * 1000)]);
        capAreas.push({ areaDesc: unit.name, polygons: [], circles: [{ lat, lon, radiusKm }], geocodes });
      } else {
        throw new AppError(
          'VALIDATION_FAILED',
          { unit: unit.code },
          {
            vi: `Đơn vị "${unit.name}" chưa có ranh giới hay tọa độ; hãy khoanh vùng trên bản đồ.`,
            en: `Unit "${unit.name}" has neither a boundary nor a position; draw the area on the map.`,
          },
        );
      }
    }
    if (polygon) {
      const ring = closeRing(polygon);
      if (new Set(ring.map((p) => p.join(','))).size < 3)
        throw new AppError(
          'VALIDATION_FAILED',
          { field: 'polygon' },
          {
            vi: 'Vùng khoanh cần ít nhất 3 điểm khác nhau.',
            en: 'The drawn area needs at least 3 distinct points.',
          },
        );
      if (!(await this.isDrawnAreaInScope(actor, tree, ring)))
        throw new AppError('OUT_OF_SCOPE', { field: 'polygon' });
      multi.push([ring]);
      capAreas.push({
        areaDesc: areaDesc ?? DRAWN_AREA,
        polygons: [toCapRing(ring)],
        circles: [],
        geocodes: [],
      });
    }
    return {
      unitCodes: units.map((u) => u.code),
      polygon: polygon ? closeRing(polygon) : null,
      areaDesc: areaDesc ?? [...units.map((u) => u.name), ...(polygon ? [DRAWN_AREA] : [])].join(', '),
      capAreas,
      geometry: { type: 'MultiPolygon', coordinates: multi },
    };
  }

  /** A scoped actor may draw only areas whose centre lies in a unit of their scope. */
  private async isDrawnAreaInScope(
    actor: AuthenticatedActor,
    tree: UnitTree,
    ring: number[][],
  ): Promise<boolean> {
    if (actor.scopeUnitId === null) return true;
    const centre = geometryCentroid({ type: 'Polygon', coordinates: [ring] });
    const today = this.now().toISOString().slice(0, 10);
    const unitId = centre ? locateUnit(centre, await this.units.locatable(), today) : null;
    return unitId !== null && isInScope(actor, tree, unitId);
  }

  private columns(input: PreparedInput, area: ResolvedArea) {
    return {
      event: input.event,
      cap_category: input.category,
      urgency: input.urgency,
      severity: input.severity,
      certainty: input.certainty,
      headline: input.headline,
      description: input.description,
      instruction: input.instruction,
      headline_en: input.headlineEn ?? null,
      description_en: input.descriptionEn ?? null,
      instruction_en: input.instructionEn ?? null,
      area_desc: area.areaDesc,
      unit_codes: JSON.stringify(area.unitCodes),
      area: JSON.stringify({ geometry: area.geometry, capAreas: area.capAreas, polygon: area.polygon }),
      effective: input.effective,
      expires: input.expires,
    };
  }

  private async requireActive(actor: AuthenticatedActor, id: string): Promise<AlertRow> {
    const row = /^\d+$/.test(id)
      ? await this.db.selectFrom('public_alerts').selectAll().where('id', '=', id).executeTakeFirst()
      : undefined;
    if (!row) throw notFound('cảnh báo', 'Alert', id);
    if (actor.scopeUnitId !== null) {
      const tree = await loadUnitTree(this.db);
      const polygon = (row.area as { polygon?: number[][] | null }).polygon ?? null;
      const codes = row.unit_codes as string[];
      const unitsInScope = codes.every((c) => {
        const unit = tree.findByCode(c);
        return unit !== undefined && isInScope(actor, tree, unit.id);
      });
      if (!unitsInScope || (polygon && !(await this.isDrawnAreaInScope(actor, tree, polygon))))
        throw new AppError('OUT_OF_SCOPE', { alert: id });
    }
    if (row.state === 'cancelled')
      throw new AppError(
        'CONFLICT',
        { alert: id },
        {
          vi: 'Cảnh báo đã bị hủy, không thể sửa hay hủy lại.',
          en: 'The alert was cancelled; it can no longer be updated or cancelled.',
        },
      );
    return row;
  }

  private async earlier(db: Db, alertId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('public_alert_messages')
      .select(['identifier', 'sent'])
      .where('alert_id', '=', alertId)
      .orderBy('id')
      .execute();
    return rows.map((r) => `${this.config.sender},${r.identifier},${capDateTime(new Date(r.sent))}`);
  }

  /** Writes the CAP message for the alert's current content and stores it as published. */
  private async publishMessage(
    db: Db,
    row: AlertRow,
    msgType: CapMsgType,
    references: string[],
    note?: string,
  ) {
    const sent = new Date(Math.floor(this.now().getTime() / 1000) * 1000);
    const identifier = `urn:uuid:${randomUUID()}`;
    const { capAreas } = row.area as { capAreas: CapArea[] };
    const common = {
      categories: [row.cap_category as CapCategory],
      urgency: row.urgency as CapUrgency,
      severity: row.severity as CapSeverity,
      certainty: row.certainty as CapCertainty,
      effective: capDateTime(new Date(row.effective)),
      expires: capDateTime(new Date(row.expires)),
      senderName: this.config.senderName,
      areas: capAreas,
    };
    const alert: CapAlert = {
      identifier,
      sender: this.config.sender,
      sent: capDateTime(sent),
      status: 'Actual',
      msgType,
      scope: 'Public',
      ...(note ? { note } : {}),
      ...(references.length ? { references: references.join(' ') } : {}),
      infos: [
        {
          language: 'vi-VN',
          event: row.event,
          ...common,
          headline: row.headline,
          description: row.description,
          instruction: row.instruction,
        },
        ...(row.headline_en
          ? [
              {
                language: 'en-US',
                event: row.event,
                ...common,
                headline: row.headline_en,
                ...(row.description_en ? { description: row.description_en } : {}),
                ...(row.instruction_en ? { instruction: row.instruction_en } : {}),
              },
            ]
          : []),
      ],
    };
    await db
      .insertInto('public_alert_messages')
      .values({
        alert_id: row.id,
        identifier,
        msg_type: msgType,
        sent,
        headline: row.headline,
        xml: buildCap(alert),
      })
      .execute();
  }

  private async announce(id: string): Promise<PublicAlert> {
    const view = await this.get(id);
    this.live.publish({
      topic: 'public-alert',
      data: {
        id: view.id,
        state: view.state,
        headline: view.headline,
        msgType: view.messages.at(-1)?.msgType,
      },
    });
    return view;
  }

  /** The alert as audited: everything but the (large) area geometry, which the unit codes describe. */
  private auditShape(row: AlertRow) {
    return Object.fromEntries(Object.entries(row).filter(([key]) => key !== 'area'));
  }

  private async views(currentOnly: boolean, id?: string): Promise<PublicAlert[]> {
    const now = this.now();
    let query = this.db
      .selectFrom('public_alerts')
      .selectAll()
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc');
    if (id) query = query.where('id', '=', id);
    if (currentOnly) query = query.where('state', '=', 'active').where('expires', '>', now);
    const rows = await query.limit(500).execute();
    if (rows.length === 0) return [];
    const messages = await this.db
      .selectFrom('public_alert_messages')
      .select(['id', 'alert_id', 'msg_type', 'sent'])
      .where(
        'alert_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      state: r.state as 'active' | 'cancelled',
      isCurrent: r.state === 'active' && new Date(r.expires) > now,
      event: r.event,
      category: r.cap_category as CapCategory,
      urgency: r.urgency as CapUrgency,
      severity: r.severity as CapSeverity,
      certainty: r.certainty as CapCertainty,
      headline: r.headline,
      description: r.description,
      instruction: r.instruction,
      headlineEn: r.headline_en,
      descriptionEn: r.description_en,
      instructionEn: r.instruction_en,
      areaDesc: r.area_desc,
      unitCodes: r.unit_codes as string[],
      area: (r.area as { geometry: PublicAlert['area'] }).geometry,
      polygon: (r.area as { polygon?: PublicAlert['polygon'] }).polygon ?? null,
      effective: new Date(r.effective).toISOString(),
      expires: new Date(r.expires).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
      messages: messages
        .filter((m) => m.alert_id === r.id)
        .map((m) => ({
          id: m.id,
          msgType: m.msg_type as CapMsgType,
          sent: new Date(m.sent).toISOString(),
          url: `/cap/alerts/${m.id}.xml`,
        })),
    }));
  }
}
