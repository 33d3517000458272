import {
  cameraInputSchema,
  distanceMetres,
  type CameraInput,
  type CameraStatus,
  type CameraType,
} from '@ioc/shared';
import { sql } from 'kysely';
import type { Actor, AuthenticatedActor } from '../auth/actor.js';
import { authorise, isInScope, requirePermission, type Writer } from '../auth/policy.js';
import { writeAudit } from '../audit/audit.repository.js';
import type { Db } from '../db/database.js';
import { AppError, notFound } from '../errors.js';
import { clusterCollection, clusterPoints, type Viewport } from '../map/point-clusters.js';
import type { RowError } from '../observations/observation-rows.js';
import type { UnitCache } from '../units/unit-cache.js';
import { locateUnit } from '../units/unit-locator.js';
import { loadUnitTree, type UnitTree } from '../units/unit-tree.js';

export interface CameraView {
  code: string;
  name: string;
  type: CameraType;
  status: CameraStatus;
  streamUrl: string;
  lon: number;
  lat: number;
  unitCode: string | null;
  unitName: string | null;
  ownerCode: string | null;
  ownerName: string | null;
  statusCheckedAt: string | null;
  statusChangedAt: string | null;
}

export interface CameraFilter {
  unit?: string;
  type?: CameraType;
  status?: CameraStatus;
  q?: string;
}

/** A status observed by a health check (or known from the demo), with when it was observed. */
export interface StatusReading {
  code: string;
  status: CameraStatus;
  checkedAt: Date;
}

const MAX_NEARBY_RADIUS_M = 50_000;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The camera registry: where each camera is, who owns it, its stream and its health. */
export class CamerasService {
  constructor(
    private readonly db: Db,
    private readonly units: UnitCache,
  ) {}

  /** The unit a camera at this point stands in today (null outside the province). */
  private async locator(): Promise<(point: [number, number]) => number | null> {
    const units = await this.units.locatable();
    const today = new Date().toISOString().slice(0, 10);
    return (point) => locateUnit(point, units, today);
  }

  private baseQuery() {
    return this.db
      .selectFrom('cameras as c')
      .leftJoin('units as u', 'u.id', 'c.unit_id')
      .leftJoin('organisations as o', 'o.id', 'c.owner_organisation_id')
      .select([
        'c.id',
        'c.code',
        'c.name',
        'c.type',
        'c.status',
        'c.stream_url',
        'c.lon',
        'c.lat',
        'c.unit_id',
        'u.code as unit_code',
        'u.name as unit_name',
        'o.code as owner_code',
        'o.name as owner_name',
        'c.status_checked_at',
        'c.status_changed_at',
      ]);
  }

  private present(
    r: Awaited<ReturnType<ReturnType<CamerasService['baseQuery']>['execute']>>[number],
  ): CameraView {
    return {
      code: r.code,
      name: r.name,
      type: r.type as CameraType,
      status: r.status as CameraStatus,
      streamUrl: r.stream_url,
      lon: r.lon,
      lat: r.lat,
      unitCode: r.unit_code,
      unitName: r.unit_name,
      ownerCode: r.owner_code,
      ownerName: r.owner_name,
      statusCheckedAt: iso(r.status_checked_at),
      statusChangedAt: iso(r.status_changed_at),
    };
  }

  /**
   * The unit ids whose cameras a reader may see under a filter: the reader's scope subtree, narrowed
   * to the `unit` filter's subtree; null means no restriction (whole province, no filter).
   */
  private visibleUnitIds(actor: AuthenticatedActor, tree: UnitTree, unitCode?: string): number[] | null {
    let root: number | null = null;
    if (unitCode) {
      const unit = tree.findByCode(unitCode);
      if (!unit) throw notFound('đơn vị hành chính', 'Unit', unitCode);
      if (actor.scopeUnitId !== null && !isInScope(actor, tree, unit.id)) {
        // A filter above the reader's scope still shows only the scope.
        if (!tree.isWithin(actor.scopeUnitId, unit.id)) return [];
        root = actor.scopeUnitId;
      } else root = unit.id;
    } else root = actor.scopeUnitId;
    if (root === null) return null;
    const rootId = root;
    return tree.units.filter((u) => tree.isWithin(u.id, rootId)).map((u) => u.id);
  }

  private async filtered(actor: Actor, filter: CameraFilter) {
    requirePermission(actor, 'cameras.read');
    const tree = await loadUnitTree(this.db);
    const unitIds = this.visibleUnitIds(actor, tree, filter.unit);
    let query = this.baseQuery();
    if (unitIds !== null) {
      if (unitIds.length === 0) return null;
      query = query.where('c.unit_id', 'in', unitIds);
    }
    if (filter.type) query = query.where('c.type', '=', filter.type);
    if (filter.status) query = query.where('c.status', '=', filter.status);
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      query = query.where((eb) => eb.or([eb('c.code', 'ilike', like), eb('c.name', 'ilike', like)]));
    }
    return query;
  }

  /** Cameras the reader may see, filtered, one page at a time, by code. */
  async list(
    actor: Actor,
    filter: CameraFilter & { page: number; pageSize: number },
  ): Promise<{ items: CameraView[]; total: number; page: number; pageSize: number }> {
    const query = await this.filtered(actor, filter);
    const { page, pageSize } = filter;
    if (!query) return { items: [], total: 0, page, pageSize };
    const [rows, count] = await Promise.all([
      query
        .orderBy('c.code')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      query
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => this.present(r)), total: Number(count.n), page, pageSize };
  }

  async get(actor: Actor, code: string): Promise<CameraView> {
    const query = await this.filtered(actor, {});
    const row = query ? await query.where('c.code', '=', code).executeTakeFirst() : undefined;
    if (!row) throw notFound('camera', 'Camera', code);
    return this.present(row);
  }

  /** Cameras within `radiusM` metres of a point, nearest first. */
  async nearby(
    actor: Actor,
    at: { lon: number; lat: number; radiusM: number },
  ): Promise<{
    cameras: (Omit<
      CameraView,
      'unitName' | 'ownerCode' | 'ownerName' | 'statusCheckedAt' | 'statusChangedAt'
    > & { distanceM: number })[];
  }> {
    const radius = Math.min(at.radiusM, MAX_NEARBY_RADIUS_M);
    const query = await this.filtered(actor, {});
    if (!query) return { cameras: [] };
    // A bounding box narrows the rows in SQL (index on lat, lon); the exact distance is computed here.
    const dLat = radius / 111_320;
    const dLon = radius / (111_320 * Math.max(0.01, Math.cos((at.lat * Math.PI) / 180)));
    const rows = await query
      .where('c.lat', '>=', at.lat - dLat)
      .where('c.lat', '<=', at.lat + dLat)
      .where('c.lon', '>=', at.lon - dLon)
      .where('c.lon', '<=', at.lon + dLon)
      .execute();
    const cameras = rows
      .map((r) => ({ r, distanceM: Math.round(distanceMetres([at.lon, at.lat], [r.lon, r.lat])) }))
      .filter((c) => c.distanceM <= radius)
      .sort((a, b) => a.distanceM - b.distanceM || a.r.code.localeCompare(b.r.code))
      .map(({ r, distanceM }) => ({
        code: r.code,
        name: r.name,
        type: r.type as CameraType,
        status: r.status as CameraStatus,
        streamUrl: r.stream_url,
        lon: r.lon,
        lat: r.lat,
        unitCode: r.unit_code,
        distanceM,
      }));
    return { cameras };
  }

  /** The cameras as GeoJSON points for maps. */
  async geojson(actor: Actor, filter: CameraFilter) {
    const query = await this.filtered(actor, filter);
    const rows = query ? await query.orderBy('c.code').execute() : [];
    return {
      type: 'FeatureCollection' as const,
      features: rows.map((r) => ({
        type: 'Feature' as const,
        id: r.code,
        geometry: { type: 'Point' as const, coordinates: [r.lon, r.lat] as [number, number] },
        properties: mapProperties(this.present(r)),
      })),
    };
  }

  /** The cameras on screen, clustered with exact counts, for the map of now. */
  async clusters(actor: Actor, filter: CameraFilter, viewport: Viewport) {
    const query = await this.filtered(actor, filter);
    if (!query) return clusterCollection({ clusters: [], total: { count: 0, weight: 0 } }, new Map());
    const result = await clusterPoints(
      this.db,
      this.db
        .selectFrom(query.as('c'))
        .select(['c.code as id', 'c.lon', 'c.lat', sql<number>`1`.as('weight')]),
      viewport,
    );
    const codes = result.clusters.flatMap((c) => (c.id === null ? [] : [c.id]));
    const rows = codes.length ? await query.where('c.code', 'in', codes).execute() : [];
    return clusterCollection(result, new Map(rows.map((r) => [r.code, mapProperties(this.present(r))])));
  }

  /** Registers a new camera (administrators); 409 when the code is taken. */
  async create(actor: Actor, input: unknown): Promise<CameraView> {
    requirePermission(actor, 'cameras.write');
    const code = (input as { code?: unknown }).code;
    if (typeof code === 'string' && (await this.exists(code)))
      throw new AppError(
        'CONFLICT',
        { code },
        { vi: `Camera "${code}" đã có.`, en: `Camera "${code}" already exists.` },
      );
    await this.importRows(actor, [input], { partial: false, audit: 'create' });
    return this.get(actor, String(code));
  }

  private async exists(code: string): Promise<boolean> {
    return Boolean(
      await this.db.selectFrom('cameras').select('id').where('code', '=', code).executeTakeFirst(),
    );
  }

  /** Changes a camera's name, type, place, owner or stream (administrators). */
  async update(actor: Actor, code: string, input: unknown): Promise<CameraView> {
    requirePermission(actor, 'cameras.write');
    if (!(await this.exists(code))) throw notFound('camera', 'Camera', code);
    await this.importRows(actor, [{ ...(input as object), code }], { partial: false, audit: 'update' });
    return this.get(actor, code);
  }

  /**
   * Creates or updates cameras by code, deriving each one's unit from its location. Every bad row
   * is reported (row, field, code, message); nothing is stored unless all rows are valid, or
   * `partial` is set (then the valid rows are).
   */
  async importRows(
    writer: Writer,
    items: unknown[],
    options: { partial: boolean; rowNumbers?: number[]; audit?: 'create' | 'update' | 'import' },
  ): Promise<{ created: number; updated: number; errors: RowError[] }> {
    const by = authorise(writer, 'cameras.write');
    const rowOf = (index: number) => options.rowNumbers?.[index] ?? index + 1;
    const organisations = new Map(
      (await this.db.selectFrom('organisations').select(['id', 'code']).execute()).map((o) => [o.code, o.id]),
    );
    const errors: RowError[] = [];
    const valid: { input: CameraInput; ownerId: number | null }[] = [];
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const row = rowOf(index);
      const parsed = cameraInputSchema.safeParse(item);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = issue.path.join('.') || '-';
          errors.push({
            row,
            field,
            code: 'INVALID',
            message: `Dòng ${row}: trường "${field}" không hợp lệ (${issue.message}).`,
            messageEn: `Row ${row}: field "${field}" is invalid (${issue.message}).`,
          });
        }
        return;
      }
      const input = parsed.data;
      const fail = (field: string, code: string, vi: string, en: string, value: string) =>
        errors.push({ row, field, code, message: vi, messageEn: en, value });
      if (seen.has(input.code))
        return fail(
          'code',
          'DUPLICATE',
          `Dòng ${row}: mã camera "${input.code}" lặp lại trong tệp.`,
          `Row ${row}: camera code "${input.code}" appears twice in the file.`,
          input.code,
        );
      seen.add(input.code);
      const ownerId = input.ownerCode ? organisations.get(input.ownerCode) : null;
      if (ownerId === undefined)
        return fail(
          'ownerCode',
          'UNKNOWN_ORGANISATION',
          `Dòng ${row}: không có cơ quan mã "${input.ownerCode}".`,
          `Row ${row}: unknown organisation "${input.ownerCode}".`,
          input.ownerCode ?? '',
        );
      valid.push({ input, ownerId });
    });
    if (errors.length > 0 && !options.partial) throw new AppError('ROWS_REJECTED', { errors });
    if (valid.length === 0) return { created: 0, updated: 0, errors };

    const locate = await this.locator();
    const rows = valid.map(({ input, ownerId }) => ({
      code: input.code,
      name: input.name,
      type: input.type,
      lon: input.lon,
      lat: input.lat,
      unit_id: locate([input.lon, input.lat]),
      owner_organisation_id: ownerId,
      stream_url: input.streamUrl,
      updated_by: by,
    }));
    return this.db.transaction().execute(async (trx) => {
      const written = await trx
        .insertInto('cameras')
        .values(rows)
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            type: eb.ref('excluded.type'),
            lon: eb.ref('excluded.lon'),
            lat: eb.ref('excluded.lat'),
            unit_id: eb.ref('excluded.unit_id'),
            owner_organisation_id: eb.ref('excluded.owner_organisation_id'),
            stream_url: eb.ref('excluded.stream_url'),
            updated_by: eb.ref('excluded.updated_by'),
            updated_at: sql`now()`,
          })),
        )
        // xmax = 0 only on a freshly inserted row: tells a create from an update in one statement.
        .returning(['code', sql<boolean>`(xmax = 0)`.as('inserted')])
        .execute();
      const created = written.filter((w) => w.inserted).length;
      const single = rows.length === 1 && options.audit !== 'import';
      await writeAudit(
        trx,
        by,
        single ? (options.audit ?? 'write') : 'import',
        'camera',
        single ? rows[0]!.code : `${rows.length}`,
        null,
        single ? rows[0] : { codes: rows.map((r) => r.code) },
      );
      return { created, updated: written.length - created, errors };
    });
  }

  /** Derives every camera's unit again, e.g. after official boundaries were loaded; returns how many moved. */
  async relocateAll(): Promise<number> {
    const locate = await this.locator();
    const cameras = await this.db.selectFrom('cameras').select(['id', 'lon', 'lat', 'unit_id']).execute();
    let moved = 0;
    for (const camera of cameras) {
      const unitId = locate([camera.lon, camera.lat]);
      if (unitId === camera.unit_id) continue;
      await this.db.updateTable('cameras').set({ unit_id: unitId }).where('id', '=', camera.id).execute();
      moved++;
    }
    return moved;
  }

  /** Records observed statuses; returns the cameras whose status changed. */
  async recordStatuses(
    readings: StatusReading[],
  ): Promise<{ code: string; status: CameraStatus; previous: CameraStatus; checkedAt: Date }[]> {
    if (readings.length === 0) return [];
    return this.db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('cameras')
        .select(['code', 'status'])
        .where(
          'code',
          'in',
          readings.map((r) => r.code),
        )
        .execute();
      const statusOf = new Map(current.map((c) => [c.code, c.status as CameraStatus]));
      const changed = [];
      // One statement per (status, check time, whether it changed): a pass over hundreds of cameras is a few statements.
      const groups = new Map<
        string,
        { status: CameraStatus; at: Date; isChange: boolean; codes: string[] }
      >();
      for (const reading of readings) {
        const previous = statusOf.get(reading.code);
        if (!previous) continue;
        const isChange = previous !== reading.status;
        if (isChange)
          changed.push({
            code: reading.code,
            status: reading.status,
            previous,
            checkedAt: reading.checkedAt,
          });
        const key = `${reading.status}|${reading.checkedAt.getTime()}|${isChange}`;
        const group = groups.get(key) ?? {
          status: reading.status,
          at: reading.checkedAt,
          isChange,
          codes: [],
        };
        group.codes.push(reading.code);
        groups.set(key, group);
      }
      for (const { status, at, isChange, codes } of groups.values())
        await trx
          .updateTable('cameras')
          .set({ status, status_checked_at: at, ...(isChange ? { status_changed_at: at } : {}) })
          .where('code', 'in', codes)
          .execute();
      return changed;
    });
  }

  /** Every camera with its stream, place and last status, for the health checker. */
  async allForHealthCheck() {
    return this.db
      .selectFrom('cameras as c')
      .leftJoin('units as u', 'u.id', 'c.unit_id')
      .select([
        'c.code',
        'c.name',
        'c.type',
        'c.stream_url',
        'c.status',
        'c.lon',
        'c.lat',
        'c.unit_id',
        'u.code as unit_code',
      ])
      .orderBy('c.code')
      .execute();
  }
}

/** What a camera's point on a map says about it. */
const mapProperties = ({ code, name, type, status, unitCode }: CameraView) => ({
  code,
  name,
  type,
  status,
  unitCode,
});
