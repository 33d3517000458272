import { levelRank, type SensorAlertLevel, type SensorKind, type SensorStatus } from '@ioc/shared';
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.js';
import { requirePermission } from '../auth/policy.js';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import { clusterCollection, clusterPoints, type Viewport } from '../map/point-clusters.js';
import { loadUnitTree } from '../units/unit-tree.js';
import { visibleUnitIds } from '../units/unit-scope.js';

export interface SensorMapFilter {
  kind?: SensorKind;
  status?: SensorStatus;
  /** A unit code: the sensors in it and below it. */
  unit?: string;
}

/** Some reading of the sensor is over a threshold now. */
const IN_ALARM = sql<boolean>`EXISTS (SELECT 1 FROM sensor_reading_state r WHERE r.sensor_id = s.id AND r.level IS NOT NULL)`;

/**
 * The sensors the reader may see (their unit scope), filtered by kind, status and unit, on screen
 * and clustered with exact counts for the map of now; a lone sensor carries its code, name, kind,
 * status, worst current alert level and when it last reported.
 */
export async function sensorClusters(db: Db, actor: Actor, filter: SensorMapFilter, viewport: Viewport) {
  requirePermission(actor, 'internal.read');
  const tree = await loadUnitTree(db);
  const unit = filter.unit ? tree.findByCode(filter.unit) : undefined;
  if (filter.unit && !unit) throw notFound('đơn vị hành chính', 'Unit', filter.unit);
  const units = visibleUnitIds(tree, actor, unit?.id ?? null);
  const query = db
    .selectFrom('sensors as s')
    .$if(units !== null, (q) => q.where('s.unit_id', 'in', units!.length ? units! : [-1]))
    .$if(Boolean(filter.kind), (q) => q.where('s.kind', '=', filter.kind!))
    .$if(filter.status === 'inactive', (q) => q.where('s.is_active', '=', false))
    .$if(filter.status === 'alarm', (q) => q.where('s.is_active', '=', true).where(IN_ALARM))
    .$if(filter.status === 'normal', (q) =>
      q.where('s.is_active', '=', true).where(sql<boolean>`NOT ${IN_ALARM}`),
    );
  const result = await clusterPoints(
    db,
    query.select(['s.code as id', 's.lon', 's.lat', sql<number>`1`.as('weight')]),
    viewport,
  );
  const codes = result.clusters.flatMap((c) => (c.id === null ? [] : [c.id]));
  const sensors = codes.length
    ? await db
        .selectFrom('sensors')
        .select(['id', 'code', 'name', 'kind', 'is_active', 'last_seen_at', 'unit_id'])
        .where('code', 'in', codes)
        .execute()
    : [];
  const states = sensors.length
    ? await db
        .selectFrom('sensor_reading_state')
        .select(['sensor_id', 'level'])
        .where(
          'sensor_id',
          'in',
          sensors.map((s) => s.id),
        )
        .where('level', 'is not', null)
        .execute()
    : [];
  const worst = new Map<number, SensorAlertLevel>();
  for (const s of states) {
    const level = s.level as SensorAlertLevel;
    if (levelRank(level) > levelRank(worst.get(s.sensor_id) ?? null)) worst.set(s.sensor_id, level);
  }
  return clusterCollection(
    result,
    new Map(
      sensors.map((s) => {
        const alertLevel = worst.get(s.id) ?? null;
        const status: SensorStatus = !s.is_active ? 'inactive' : alertLevel ? 'alarm' : 'normal';
        return [
          s.code,
          {
            code: s.code,
            name: s.name,
            kind: s.kind,
            status,
            alertLevel,
            unitCode: tree.byId.get(s.unit_id)?.code ?? null,
            lastSeenAt: s.last_seen_at ? new Date(s.last_seen_at).toISOString() : null,
          },
        ];
      }),
    ),
  );
}
