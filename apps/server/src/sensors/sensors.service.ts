import {
  levelRank,
  sensorInputSchema,
  sensorReadingSpecSchema,
  thresholdLevel,
  type EventInput,
  type SensorAlertLevel,
  type SensorKind,
  type SensorReadingSpec,
} from '@ioc/shared';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import { authorise, can, isInScope, requirePermission, type Writer } from '../auth/policy.js';
import { writeAudit } from '../audit/audit.repository.js';
import { loadIndicators } from '../catalogue/indicator-record.js';
import type { Db } from '../db/database.js';
import { AppError, notFound } from '../errors.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { ObservationsService } from '../observations/observations.service.js';
import type { Viewport } from '../map/point-clusters.js';
import type { LiveHub } from '../stream/live-hub.js';
import type { UnitCache } from '../units/unit-cache.js';
import { locateUnit } from '../units/unit-locator.js';
import { loadUnitTree } from '../units/unit-tree.js';
import {
  bucketStarts,
  checkReadings,
  dayPeriodOf,
  isReject,
  parseSensorMessage,
  type MessageReject,
  type ParsedMessage,
} from './sensor-message.js';
import { sensorClusters, type SensorMapFilter } from './sensor-clusters.js';

/** The writer recorded on warehouse figures computed from sensor readings. */
const SENSOR_WRITER = 'system:sensors';
const SENSOR_SOURCE = 'Cảm biến IoT (trung bình ngày) / IoT sensors (daily figure)';
const SENSOR_CACHE_MS = 10_000;
/**
 * Daily figures are written at most this long after a reading changes them: a burst of readings
 * writes each day once, and ingest keeps the (single PGlite) connection meanwhile.
 */
const FEED_DELAY_MS = 5_000;

export interface SensorRecord {
  id: number;
  code: string;
  name: string;
  kind: SensorKind;
  lon: number;
  lat: number;
  unitId: number;
  readings: SensorReadingSpec[];
  isActive: boolean;
}

const LEVEL_VI: Record<SensorAlertLevel, string> = {
  minor: 'nhẹ',
  moderate: 'trung bình',
  severe: 'nghiêm trọng',
  extreme: 'khẩn cấp',
};

/** A past threshold warning, loaded with the history. */
export interface HistoryAlert {
  sensorCode: string;
  reading: string;
  at: Date;
  value: number;
  level: string;
  threshold: number;
  direction: 'above' | 'below';
}

export type IngestOutcome =
  | { status: 'stored'; sensorCode: string; readings: number; alerts: number }
  | { status: 'duplicate'; sensorCode: string }
  | { status: 'rejected'; reject: MessageReject };

export interface SensorsOptions {
  topicPrefix: string;
  /** Hands each threshold warning to the events service (wired by the application). */
  emitEvent?: (event: EventInput) => Promise<void>;
  /** Tells the operators, leaders and administrators whose scope covers the sensor. */
  notifications?: Pick<NotificationsService, 'notify'>;
  now?: () => Date;
  log?: (line: string) => void;
}

const readingsSchema = z.array(sensorReadingSpecSchema);

export class SensorsService {
  private cache: { at: number; byCode: Map<string, SensorRecord> } | null = null;
  private readonly states = new Map<number, Map<string, ReadingState>>();
  private feeding: Promise<void> | null = null;
  private feedTimer: NodeJS.Timeout | null = null;
  readonly topicPrefix: string;
  private readonly now: () => Date;
  private readonly log: (line: string) => void;

  constructor(
    private readonly db: Db,
    private readonly units: UnitCache,
    private readonly observations: ObservationsService,
    private readonly live: LiveHub,
    private readonly options: SensorsOptions,
  ) {
    this.topicPrefix = options.topicPrefix;
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? (() => {});
  }

  // ---- registry ----

  /** Creates or updates sensors by code, all or nothing; the unit is derived from the location when not given. */
  async upsert(writer: Writer, items: unknown[]): Promise<{ created: number; updated: number }> {
    const by = authorise(writer, 'sensors.manage');
    const [tree, indicators, units] = await Promise.all([
      loadUnitTree(this.db),
      loadIndicators(this.db),
      this.units.locatable(),
    ]);
    const today = this.now().toISOString().slice(0, 10);
    const errors: { row: number; field: string; message: string; messageEn: string }[] = [];
    const rows = items.flatMap((item, index) => {
      const row = index + 1;
      const parsed = sensorInputSchema.safeParse(item);
      if (!parsed.success) {
        const text = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        errors.push({
          row,
          field: 'sensor',
          message: `Dữ liệu cảm biến không hợp lệ: ${text}`,
          messageEn: text,
        });
        return [];
      }
      const s = parsed.data;
      const unitId = s.unitCode
        ? (tree.findByCode(s.unitCode, today) ?? tree.findByCode(s.unitCode))?.id
        : locateUnit([s.lon, s.lat], units, today);
      if (unitId === undefined || unitId === null) {
        errors.push({
          row,
          field: 'unitCode',
          message: s.unitCode
            ? `Không có đơn vị hành chính mã "${s.unitCode}".`
            : 'Tọa độ nằm ngoài địa bàn tỉnh.',
          messageEn: s.unitCode ? `Unknown unit "${s.unitCode}".` : 'The location is outside the province.',
        });
        return [];
      }
      for (const reading of s.readings) {
        if (!reading.indicatorCode) continue;
        const indicator = indicators.get(reading.indicatorCode);
        if (!indicator || indicator.periodType !== 'day' || indicator.formula) {
          errors.push({
            row,
            field: `readings.${reading.name}.indicatorCode`,
            message: `Chỉ tiêu "${reading.indicatorCode}" không tồn tại hoặc không phải chỉ tiêu nhập theo ngày.`,
            messageEn: `Indicator "${reading.indicatorCode}" does not exist or is not a daily, directly entered indicator.`,
          });
        }
      }
      if (new Set(s.readings.map((r) => r.name)).size !== s.readings.length) {
        errors.push({
          row,
          field: 'readings',
          message: 'Tên phép đo bị trùng.',
          messageEn: 'Duplicate reading names.',
        });
      }
      return [{ ...s, unitId }];
    });
    if (errors.length > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        { errors },
        {
          vi: `Có ${errors.length} cảm biến không hợp lệ; không cảm biến nào được lưu.`,
          en: `${errors.length} sensors are invalid; none was stored.`,
        },
      );
    }
    const result = await this.db.transaction().execute(async (trx) => {
      let created = 0;
      for (const s of rows) {
        const values = {
          code: s.code,
          name: s.name,
          kind: s.kind,
          lon: s.lon,
          lat: s.lat,
          unit_id: s.unitId,
          readings: JSON.stringify(s.readings),
          is_active: s.isActive,
        };
        const written = await trx
          .insertInto('sensors')
          .values(values)
          .onConflict((oc) => oc.column('code').doUpdateSet({ ...values, updated_at: sql`now()` }))
          .returning(sql<boolean>`xmax = 0`.as('inserted'))
          .executeTakeFirstOrThrow();
        if (written.inserted) created++;
        await writeAudit(trx, by, written.inserted ? 'create' : 'update', 'sensor', s.code, null, values);
      }
      return { created, updated: rows.length - created };
    });
    this.cache = null;
    return result;
  }

  async list(actor: Actor, query: { kind?: string; unit?: string } = {}) {
    requirePermission(actor, 'internal.read');
    const tree = await loadUnitTree(this.db);
    const root = query.unit ? tree.findByCode(query.unit) : undefined;
    if (query.unit && !root) throw notFound('đơn vị hành chính', 'Unit', query.unit);
    const rows = await this.db
      .selectFrom('sensors')
      .selectAll()
      .$if(Boolean(query.kind), (q) => q.where('kind', '=', query.kind!))
      .orderBy('code')
      .execute();
    const states = await this.db.selectFrom('sensor_reading_state').selectAll().execute();
    const latest = new Map<number, typeof states>();
    for (const s of states) latest.set(s.sensor_id, [...(latest.get(s.sensor_id) ?? []), s]);
    return rows
      .filter((r) => isInScope(actor, tree, r.unit_id) && (!root || tree.isWithin(r.unit_id, root.id)))
      .map((r) => {
        const unit = tree.byId.get(r.unit_id);
        const readings = readingsSchema.parse(r.readings);
        const current = latest.get(r.id) ?? [];
        const level = current.reduce<SensorAlertLevel | null>(
          (worst, s) =>
            levelRank(s.level as SensorAlertLevel | null) > levelRank(worst)
              ? (s.level as SensorAlertLevel)
              : worst,
          null,
        );
        return {
          code: r.code,
          name: r.name,
          kind: r.kind as SensorKind,
          lon: r.lon,
          lat: r.lat,
          unitCode: unit?.code ?? null,
          unitName: unit?.name ?? null,
          isActive: r.is_active,
          lastSeenAt: r.last_seen_at ? new Date(r.last_seen_at).toISOString() : null,
          alertLevel: level,
          readings: readings.map((spec) => {
            const state = current.find((s) => s.reading === spec.name);
            return {
              ...spec,
              latest: state
                ? { value: state.value, at: new Date(state.observed_at).toISOString(), level: state.level }
                : null,
            };
          }),
        };
      });
  }

  /** The sensors on screen, clustered with exact counts, for the map of now. */
  clusters(actor: Actor, filter: SensorMapFilter, viewport: Viewport) {
    return sensorClusters(this.db, actor, filter, viewport);
  }

  /**
   * Hourly or daily figures (mean, min, max, count) of one reading, for a sensor or for every
   * sensor in a unit (and below it) together.
   */
  async rollups(
    actor: Actor,
    query: {
      sensor?: string;
      unit?: string;
      reading: string;
      bucket: 'hour' | 'day';
      from: string;
      to: string;
    },
  ) {
    requirePermission(actor, 'internal.read');
    const tree = await loadUnitTree(this.db);
    let sensorIds: number[];
    if (query.sensor) {
      const sensor = await this.db
        .selectFrom('sensors')
        .select(['id', 'unit_id'])
        .where('code', '=', query.sensor)
        .executeTakeFirst();
      if (!sensor) throw notFound('cảm biến', 'Sensor', query.sensor);
      if (!isInScope(actor, tree, sensor.unit_id))
        throw new AppError('OUT_OF_SCOPE', { sensor: query.sensor });
      sensorIds = [sensor.id];
    } else if (query.unit) {
      const unit = tree.findByCode(query.unit);
      if (!unit) throw notFound('đơn vị hành chính', 'Unit', query.unit);
      if (!isInScope(actor, tree, unit.id)) throw new AppError('OUT_OF_SCOPE', { unit: query.unit });
      const sensors = await this.db.selectFrom('sensors').select(['id', 'unit_id']).execute();
      sensorIds = sensors.filter((s) => tree.isWithin(s.unit_id, unit.id)).map((s) => s.id);
    } else {
      throw new AppError('VALIDATION_FAILED', null, {
        vi: 'Cần chọn cảm biến (sensor) hoặc đơn vị (unit).',
        en: 'Give a sensor or a unit.',
      });
    }
    if (sensorIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('sensor_rollups')
      .select([
        'start_at',
        sql<number>`sum(count)::int`.as('count'),
        sql<number>`sum(sum) / sum(count)`.as('mean'),
        sql<number>`min(min)`.as('min'),
        sql<number>`max(max)`.as('max'),
      ])
      .where('sensor_id', 'in', sensorIds)
      .where('reading', '=', query.reading)
      .where('bucket', '=', query.bucket)
      .where('start_at', '>=', new Date(query.from))
      .where('start_at', '<', new Date(query.to))
      .groupBy('start_at')
      .orderBy('start_at')
      .execute();
    return rows.map((r) => ({
      start: new Date(r.start_at).toISOString(),
      count: r.count,
      mean: r.mean,
      min: r.min,
      max: r.max,
    }));
  }

  async alerts(actor: Actor, query: { limit?: number } = {}) {
    requirePermission(actor, 'internal.read');
    const tree = await loadUnitTree(this.db);
    const rows = await this.db
      .selectFrom('sensor_alerts as a')
      .innerJoin('sensors as s', 's.id', 'a.sensor_id')
      .select([
        'a.id',
        's.code',
        's.name',
        's.unit_id',
        'a.reading',
        'a.level',
        'a.value',
        'a.threshold',
        'a.direction',
        'a.observed_at',
      ])
      .orderBy('a.observed_at', 'desc')
      .limit(query.limit ?? 100)
      .execute();
    return rows
      .filter((r) => isInScope(actor, tree, r.unit_id))
      .map((r) => ({
        id: r.id,
        sensorCode: r.code,
        sensorName: r.name,
        unitCode: tree.byId.get(r.unit_id)?.code ?? null,
        reading: r.reading,
        level: r.level,
        value: r.value,
        threshold: r.threshold,
        direction: r.direction,
        observedAt: new Date(r.observed_at).toISOString(),
      }));
  }

  /** Messages refused, newest first, with their reason (administrators). */
  async rejects(actor: Actor, limit = 100) {
    requirePermission(actor, 'sensors.manage');
    const rows = await this.db
      .selectFrom('sensor_rejects')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      topic: r.topic,
      code: r.code,
      reason: r.reason,
      payload: r.payload,
      receivedAt: new Date(r.received_at).toISOString(),
    }));
  }

  /**
   * Loads a station's past hourly values in bulk (a logger's archive, or the demo) as hourly and
   * daily figures; raw readings are kept for what arrives live. Figures already present are left
   * alone, so a repeat changes nothing. The given warnings are recorded as already announced.
   * Daily figures reach the warehouse on the next feed (`drain`).
   */
  async importHistory(
    writer: Writer,
    hourly: { sensorCode: string; reading: string; at: Date; value: number }[],
    alerts: HistoryAlert[] = [],
  ): Promise<{ figures: number }> {
    authorise(writer, 'sensors.manage');
    const byCode = await this.sensorsByCode();
    const idOf = (code: string) => {
      const sensor = byCode.get(code);
      if (!sensor) throw notFound('cảm biến', 'Sensor', code);
      return sensor.id;
    };
    const figures = rollUp(
      hourly.map((h) => ({ sensorId: idOf(h.sensorCode), reading: h.reading, at: h.at, value: h.value })),
    );
    const latest = new Map<string, { sensorId: number; reading: string; at: Date; value: number }>();
    for (const h of hourly) {
      const key = `${h.sensorCode}|${h.reading}`;
      if (!latest.has(key) || latest.get(key)!.at < h.at)
        latest.set(key, { ...h, sensorId: idOf(h.sensorCode) });
    }
    let written = 0;
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < figures.length; i += 20_000) {
        const chunk = figures.slice(i, i + 20_000);
        const result = await sql`
          INSERT INTO sensor_rollups (sensor_id, reading, bucket, start_at, count, sum, min, max)
          SELECT * FROM unnest(${chunk.map((r) => r.sensorId)}::int[], ${chunk.map((r) => r.reading)}::text[],
                               ${chunk.map((r) => r.bucket)}::text[], ${chunk.map((r) => r.start.toISOString())}::timestamptz[],
                               ${chunk.map((r) => r.count)}::int[], ${chunk.map((r) => r.sum)}::float8[],
                               ${chunk.map((r) => r.min)}::float8[], ${chunk.map((r) => r.max)}::float8[])
          ON CONFLICT DO NOTHING`.execute(trx);
        written += Number(result.numAffectedRows ?? 0);
      }
      const states = [...latest.values()];
      await sql`
        INSERT INTO sensor_reading_state AS s (sensor_id, reading, value, level, observed_at)
        SELECT sensor_id, reading, value, NULL, observed_at
        FROM unnest(${states.map((l) => l.sensorId)}::int[], ${states.map((l) => l.reading)}::text[],
                    ${states.map((l) => l.value)}::float8[], ${states.map((l) => l.at.toISOString())}::timestamptz[])
          AS t(sensor_id, reading, value, observed_at)
        ON CONFLICT (sensor_id, reading) DO UPDATE SET value = EXCLUDED.value, observed_at = EXCLUDED.observed_at,
          level = NULL WHERE s.observed_at < EXCLUDED.observed_at`.execute(trx);
      await sql`
        UPDATE sensors s SET last_seen_at = t.at
        FROM (SELECT sensor_id, max(observed_at) AS at FROM sensor_reading_state
              WHERE sensor_id = ANY(${[...new Set(states.map((l) => l.sensorId))]}::int[]) GROUP BY sensor_id) t
        WHERE s.id = t.sensor_id AND (s.last_seen_at IS NULL OR s.last_seen_at < t.at)`.execute(trx);
      for (let i = 0; i < alerts.length; i += 5_000) {
        await trx
          .insertInto('sensor_alerts')
          .values(
            alerts.slice(i, i + 5_000).map((a) => ({
              sensor_id: idOf(a.sensorCode),
              reading: a.reading,
              message_id: `history:${a.at.toISOString()}`,
              level: a.level,
              value: a.value,
              threshold: a.threshold,
              direction: a.direction,
              observed_at: a.at,
              delivered_at: new Date(),
            })),
          )
          .onConflict((oc) => oc.columns(['sensor_id', 'message_id', 'reading']).doNothing())
          .execute();
      }
    });
    this.states.clear();
    this.scheduleFeed();
    return { figures: written };
  }

  // ---- ingest ----

  /**
   * Stores one MQTT message durably before it is acknowledged: its readings (once per message
   * id), the hourly and daily roll-ups, the current state and any threshold warning, in one
   * transaction. A refused message is logged with its reason and stores nothing else.
   */
  async ingest(topic: string, payload: Buffer | string): Promise<IngestOutcome> {
    const parsed = parseSensorMessage(topic, payload, this.topicPrefix, this.now());
    const sensor = isReject(parsed) ? undefined : (await this.sensorsByCode()).get(parsed.sensorCode);
    const reject = isReject(parsed)
      ? parsed
      : !sensor || !sensor.isActive
        ? ({
            code: 'UNKNOWN_SENSOR',
            sensorCode: parsed.sensorCode,
            reason: `Cảm biến "${parsed.sensorCode}" chưa đăng ký hoặc đã ngừng / sensor not registered or inactive`,
          } as const)
        : checkReadings(parsed, sensor.readings);
    if (reject) {
      await this.db
        .insertInto('sensor_rejects')
        .values({
          topic,
          code: reject.code,
          reason: reject.reason,
          payload: payload.toString().slice(0, 2000),
        })
        .execute();
      this.log(`MQTT: bỏ bản tin trên ${topic}: ${reject.reason}`);
      return { status: 'rejected', reject };
    }
    const message = parsed as ParsedMessage;
    const previous = await this.readingStates(sensor!.id);
    const stored = await storeMessage(this.db, sensor!, message, previous);
    if (stored === null) return { status: 'duplicate', sensorCode: sensor!.code };
    for (const [name, state] of stored.states) previous.set(name, state);
    this.scheduleFeed();
    if (stored.alerts > 0) await this.deliverAlerts();
    return { status: 'stored', sensorCode: sensor!.code, readings: stored.readings, alerts: stored.alerts };
  }

  /**
   * Hands undelivered warnings to live screens and the event callback; a warning stays
   * undelivered (and is retried) until the callback succeeds.
   */
  async deliverAlerts(): Promise<number> {
    const pending = await this.db
      .selectFrom('sensor_alerts as a')
      .innerJoin('sensors as s', 's.id', 'a.sensor_id')
      .innerJoin('units as u', 'u.id', 's.unit_id')
      .select([
        'a.id',
        'a.reading',
        'a.message_id',
        'a.level',
        'a.value',
        'a.threshold',
        'a.direction',
        'a.observed_at',
        's.code',
        's.name',
        's.kind',
        's.lon',
        's.lat',
        's.readings',
        's.unit_id',
        'u.code as unit_code',
      ])
      .where('a.delivered_at', 'is', null)
      .orderBy('a.id')
      .limit(500)
      .execute();
    if (pending.length === 0) return 0;
    const tree = await loadUnitTree(this.db);
    let delivered = 0;
    for (const a of pending) {
      const spec = readingsSchema.parse(a.readings).find((r) => r.name === a.reading);
      const label = spec?.label ?? a.reading;
      const uom = spec?.uom ? ` ${spec.uom}` : '';
      const event: EventInput = {
        source: 'sensor',
        sourceId: `${a.code}:${a.message_id}:${a.reading}`,
        type: `sensor_threshold.${a.reading}`,
        category: 'MT',
        severity: a.level as SensorAlertLevel,
        occurredAt: new Date(a.observed_at).toISOString(),
        title: `${a.name}: ${label} ${a.value}${uom} ${a.direction === 'above' ? 'vượt' : 'dưới'} ngưỡng ${a.threshold}${uom}`,
        location: { type: 'Point', coordinates: [a.lon, a.lat] },
        unitCode: a.unit_code,
        sensorCode: a.code,
        payload: {
          reading: a.reading,
          value: a.value,
          threshold: a.threshold,
          direction: a.direction,
          kind: a.kind,
        },
      };
      try {
        await this.options.emitEvent?.(event);
        await this.options.notifications?.notify({
          roles: { roles: ['administrator', 'leader', 'operator'], unitId: a.unit_id },
          kind: `sensor.threshold.${a.level}`,
          title: `Cảnh báo ${LEVEL_VI[a.level as SensorAlertLevel] ?? a.level}: ${event.title}`,
          body: `${a.name} (${a.code}), ${new Date(a.observed_at).toISOString()}. ${event.title}`,
          link: `/sensors?sensor=${encodeURIComponent(a.code)}`,
          // Delivered at least once: a retry notifies nobody twice.
          dedupeKey: `sensor-alert:${event.sourceId}`,
        });
      } catch (err) {
        this.log(
          `Cảnh báo cảm biến ${event.sourceId} chưa chuyển được, sẽ thử lại / alert not delivered: ${String(err)}`,
        );
        break;
      }
      const unitId = a.unit_id;
      this.live.publish({
        topic: 'sensor-alert',
        data: event,
        audience: (actor) => can(actor, 'internal.read') && isInScope(actor, tree, unitId),
      });
      await this.db
        .updateTable('sensor_alerts')
        .set({ delivered_at: sql`now()` })
        .where('id', '=', a.id)
        .execute();
      delivered++;
    }
    return delivered;
  }

  // ---- daily figures into the indicator warehouse ----

  /** Feeds changed days soon (coalesced), so a burst of readings writes each day once. */
  scheduleFeed(): void {
    if (this.feedTimer) return;
    this.feedTimer = setTimeout(() => {
      this.feedTimer = null;
      void this.feed().catch((err: unknown) =>
        this.log(`Ghi số liệu ngày từ cảm biến lỗi / sensor feed failed: ${String(err)}`),
      );
    }, FEED_DELAY_MS);
  }

  /** Writes every changed daily figure now and waits for it (tests, CLI, shutdown). */
  async drain(): Promise<void> {
    if (this.feedTimer) {
      clearTimeout(this.feedTimer);
      this.feedTimer = null;
    }
    await this.feed();
  }

  /**
   * Writes the daily figure of every (indicator, unit, day) whose readings changed through the
   * observations write path: the mean over the unit's sensors of each sensor's daily statistic.
   * Days are marked fed only if no reading arrived meanwhile, so nothing is missed after a crash.
   */
  feed(): Promise<void> {
    this.feeding ??= this.feedOnce().finally(() => {
      this.feeding = null;
    });
    return this.feeding;
  }

  private async feedOnce(): Promise<void> {
    for (;;) {
      const dirty = await this.db
        .selectFrom('sensor_rollups')
        .select(['sensor_id', 'reading', 'start_at', 'count'])
        .where('bucket', '=', 'day')
        .where('fed', '=', false)
        .limit(5000)
        .execute();
      if (dirty.length === 0) return;
      const [sensors, tree] = [await this.sensorsById(), await loadUnitTree(this.db)];
      // Keys (indicator, unit, day) to recompute.
      const keys = new Map<string, { indicator: string; unitId: number; day: Date }>();
      for (const d of dirty) {
        const sensor = sensors.get(d.sensor_id);
        const spec = sensor?.readings.find((r) => r.name === d.reading);
        if (!sensor || !spec?.indicatorCode) continue;
        const day = new Date(d.start_at);
        keys.set(`${spec.indicatorCode}|${sensor.unitId}|${day.getTime()}`, {
          indicator: spec.indicatorCode,
          unitId: sensor.unitId,
          day,
        });
      }
      const rows: { indicator: string; unit: string; period: string; value: number; source: string }[] = [];
      const days = [...new Set([...keys.values()].map((k) => k.day.getTime()))].map((t) => new Date(t));
      const figures = days.length
        ? await this.db
            .selectFrom('sensor_rollups')
            .select(['sensor_id', 'reading', 'start_at', 'count', 'sum', 'min', 'max'])
            .where('bucket', '=', 'day')
            .where('start_at', 'in', days)
            .execute()
        : [];
      for (const key of keys.values()) {
        const values: number[] = [];
        for (const f of figures) {
          if (new Date(f.start_at).getTime() !== key.day.getTime()) continue;
          const sensor = sensors.get(f.sensor_id);
          const spec = sensor?.readings.find((r) => r.name === f.reading);
          if (!sensor || sensor.unitId !== key.unitId || spec?.indicatorCode !== key.indicator) continue;
          values.push(dailyStatistic(spec.statistic, f));
        }
        const unit = tree.byId.get(key.unitId);
        if (!unit || values.length === 0) continue;
        rows.push({
          indicator: key.indicator,
          unit: unit.code,
          period: dayPeriodOf(key.day),
          value: values.reduce((a, b) => a + b, 0) / values.length,
          source: SENSOR_SOURCE,
        });
      }
      if (rows.length > 0) {
        const { body } = await this.observations.write(SENSOR_WRITER, {
          rows,
          rowNumbers: rows.map((_, i) => i + 1),
          mode: 'partial',
        });
        for (const e of body.errors) this.log(`Số liệu ngày từ cảm biến bị từ chối / rejected: ${e.message}`);
      }
      await sql`
        UPDATE sensor_rollups r SET fed = true
        FROM unnest(${dirty.map((d) => d.sensor_id)}::int[], ${dirty.map((d) => d.reading)}::text[],
                    ${dirty.map((d) => new Date(d.start_at).toISOString())}::timestamptz[], ${dirty.map((d) => d.count)}::int[])
          AS t(sensor_id, reading, start_at, count)
        WHERE r.sensor_id = t.sensor_id AND r.reading = t.reading AND r.bucket = 'day'
          AND r.start_at = t.start_at AND r.count = t.count`.execute(this.db);
      if (dirty.length < 5000) return;
    }
  }

  // ---- helpers ----

  /**
   * The current level of each reading of a sensor, read once and then kept in step with what
   * this process stores (one server holds the broker session, so it is the only writer).
   */
  private async readingStates(sensorId: number): Promise<Map<string, ReadingState>> {
    let states = this.states.get(sensorId);
    if (!states) {
      const rows = await this.db
        .selectFrom('sensor_reading_state')
        .select(['reading', 'level', 'observed_at'])
        .where('sensor_id', '=', sensorId)
        .execute();
      states = new Map(
        rows.map((r) => [
          r.reading,
          { level: r.level as SensorAlertLevel | null, observedAt: new Date(r.observed_at) },
        ]),
      );
      this.states.set(sensorId, states);
    }
    return states;
  }

  private async sensorsByCode(): Promise<Map<string, SensorRecord>> {
    if (this.cache && Date.now() - this.cache.at < SENSOR_CACHE_MS) return this.cache.byCode;
    const rows = await this.db.selectFrom('sensors').selectAll().execute();
    const byCode = new Map(
      rows.map((r) => [
        r.code,
        {
          id: r.id,
          code: r.code,
          name: r.name,
          kind: r.kind as SensorKind,
          lon: r.lon,
          lat: r.lat,
          unitId: r.unit_id,
          readings: readingsSchema.parse(r.readings),
          isActive: r.is_active,
        },
      ]),
    );
    this.cache = { at: Date.now(), byCode };
    return byCode;
  }

  private async sensorsById(): Promise<Map<number, SensorRecord>> {
    this.cache = null;
    return new Map([...(await this.sensorsByCode()).values()].map((s) => [s.id, s]));
  }
}

/** Hourly and daily figures of a set of readings (the same buckets as live ingest). */
function rollUp(readings: { sensorId: number; reading: string; at: Date; value: number }[]) {
  const figures = new Map<
    string,
    {
      sensorId: number;
      reading: string;
      bucket: 'hour' | 'day';
      start: Date;
      count: number;
      sum: number;
      min: number;
      max: number;
    }
  >();
  for (const r of readings) {
    const starts = bucketStarts(r.at);
    for (const bucket of ['hour', 'day'] as const) {
      const start = starts[bucket];
      const key = `${r.sensorId}|${r.reading}|${bucket}|${start.getTime()}`;
      const f = figures.get(key);
      if (f) {
        f.count++;
        f.sum += r.value;
        f.min = Math.min(f.min, r.value);
        f.max = Math.max(f.max, r.value);
      } else {
        figures.set(key, {
          sensorId: r.sensorId,
          reading: r.reading,
          bucket,
          start,
          count: 1,
          sum: r.value,
          min: r.value,
          max: r.value,
        });
      }
    }
  }
  return [...figures.values()];
}

function dailyStatistic(
  statistic: SensorReadingSpec['statistic'],
  f: { count: number; sum: number; min: number; max: number },
): number {
  switch (statistic) {
    case 'mean':
      return f.sum / f.count;
    case 'min':
      return f.min;
    case 'max':
      return f.max;
    case 'sum':
      return f.sum;
  }
}

/** The current level of each reading, as of the latest message that set it. */
type ReadingState = { level: SensorAlertLevel | null; observedAt: Date };

/**
 * One message in one SQL statement (atomic, one round trip): readings (skipped when the message
 * id was seen), roll-ups, current state, last-seen time and the warnings computed from the
 * previous state. Returns null for a duplicate.
 */
async function storeMessage(
  db: Db,
  sensor: SensorRecord,
  message: ParsedMessage,
  previous: Map<string, ReadingState>,
): Promise<{ readings: number; alerts: number; states: Map<string, ReadingState> } | null> {
  const { hour, day } = bucketStarts(message.observedAt);
  const at = message.observedAt;
  const states = new Map<string, ReadingState>();
  const alerts: { reading: string; level: string; value: number; threshold: number; direction: string }[] =
    [];
  for (const { name, value } of message.readings) {
    const before = previous.get(name);
    // A late message (older than the state) adds to the history, not to the current level.
    if (before && before.observedAt > at) continue;
    const spec = sensor.readings.find((r) => r.name === name);
    const crossed = thresholdLevel(value, spec?.thresholds ?? []);
    states.set(name, { level: crossed?.level ?? null, observedAt: at });
    if (crossed && levelRank(crossed.level) > levelRank(before?.level ?? null)) {
      const above = crossed.threshold.above !== undefined;
      alerts.push({
        reading: name,
        level: crossed.level,
        value,
        threshold: (above ? crossed.threshold.above : crossed.threshold.below)!,
        direction: above ? 'above' : 'below',
      });
    }
  }
  const names = message.readings.map((r) => r.name);
  const stateNames = [...states.keys()];
  const result = await sql<{ inserted: number }>`
    WITH input AS (SELECT * FROM unnest(${names}::text[], ${message.readings.map((r) => r.value)}::float8[]) AS t(reading, value)),
    ins AS (
      INSERT INTO sensor_readings (sensor_id, message_id, reading, observed_at, value)
      SELECT ${sensor.id}, ${message.messageId}, reading, ${at}, value FROM input
      ON CONFLICT DO NOTHING
      RETURNING reading, value
    ),
    buckets AS (
      SELECT 'hour' AS bucket, ${hour}::timestamptz AS start_at UNION ALL SELECT 'day', ${day}::timestamptz
    ),
    rolled AS (
      INSERT INTO sensor_rollups AS r (sensor_id, reading, bucket, start_at, count, sum, min, max)
      SELECT ${sensor.id}, ins.reading, b.bucket, b.start_at, 1, ins.value, ins.value, ins.value FROM ins CROSS JOIN buckets b
      ON CONFLICT (sensor_id, reading, bucket, start_at) DO UPDATE SET
        count = r.count + 1, sum = r.sum + EXCLUDED.sum, min = least(r.min, EXCLUDED.min),
        max = greatest(r.max, EXCLUDED.max), fed = false
    ),
    state AS (
      INSERT INTO sensor_reading_state AS s (sensor_id, reading, value, level, observed_at)
      SELECT ${sensor.id}, ins.reading, ins.value, t.level, ${at}
      FROM ins JOIN unnest(${stateNames}::text[], ${stateNames.map((n) => states.get(n)!.level)}::text[]) AS t(reading, level)
        USING (reading)
      ON CONFLICT (sensor_id, reading) DO UPDATE SET value = EXCLUDED.value, level = EXCLUDED.level,
        observed_at = EXCLUDED.observed_at
      WHERE s.observed_at <= EXCLUDED.observed_at
    ),
    seen AS (
      UPDATE sensors SET last_seen_at = ${at}
      WHERE id = ${sensor.id} AND (last_seen_at IS NULL OR last_seen_at < ${at}) AND EXISTS (SELECT 1 FROM ins)
    ),
    alerted AS (
      INSERT INTO sensor_alerts (sensor_id, reading, message_id, level, value, threshold, direction, observed_at)
      SELECT ${sensor.id}, a.reading, ${message.messageId}, a.level, a.value, a.threshold, a.direction, ${at}
      FROM unnest(${alerts.map((a) => a.reading)}::text[], ${alerts.map((a) => a.level)}::text[],
                  ${alerts.map((a) => a.value)}::float8[], ${alerts.map((a) => a.threshold)}::float8[],
                  ${alerts.map((a) => a.direction)}::text[]) AS a(reading, level, value, threshold, direction)
      WHERE EXISTS (SELECT 1 FROM ins)
    )
    SELECT count(*)::int AS inserted FROM ins`.execute(db);
  const readings = result.rows[0]?.inserted ?? 0;
  return readings === 0 ? null : { readings, alerts: alerts.length, states };
}
