import { cellDegrees } from '@ioc/shared';
import { sql, type Expression } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';

/** More cells than this in one request is a viewport far larger than any screen. */
const MAX_CELLS = 40_000;

const NUMBER = String.raw`-?\d+(?:\.\d+)?`;

/** The part of the map on screen: its zoom and bounding box `west,south,east,north` (degrees). */
export const viewportSchema = z.object({
  zoom: z.coerce.number().min(0).max(24),
  bbox: z
    .string()
    .regex(new RegExp(`^${NUMBER}(?:,${NUMBER}){3}$`), 'bbox: west,south,east,north')
    .transform((s) => s.split(',').map(Number) as [number, number, number, number])
    .refine(([w, s, e, n]) => w < e && s < n && w >= -180 && e <= 180 && s >= -90 && n <= 90, {
      message: 'bbox: west,south,east,north with west < east and south < north',
    }),
});
export type Viewport = z.infer<typeof viewportSchema>;

export interface PointCluster {
  lon: number;
  lat: number;
  /** Points in the cell. */
  count: number;
  /** Sum of the points' weights (an event group weighs its number of events). */
  weight: number;
  /** The point's id when the cell holds one point, for its details. */
  id: string | null;
}

/**
 * Clusters the points of `points` (a query selecting `id`, `lon`, `lat`, `weight`) that lie in the
 * viewport into grid cells of about 64 pixels on screen (`cellDegrees`), aligned on a world grid so that panning
 * keeps them; each cell sits at its points' mean position with exact counts. `total` is the whole
 * layer, on screen or not.
 */
export async function clusterPoints(
  db: Db,
  points: Expression<unknown>,
  viewport: Viewport,
): Promise<{ clusters: PointCluster[]; total: { count: number; weight: number } }> {
  const [west, south, east, north] = viewport.bbox;
  const cell = cellDegrees(viewport.zoom);
  if (((east - west) / cell) * ((north - south) / cell) > MAX_CELLS) {
    throw new AppError('VALIDATION_FAILED', viewport, {
      vi: 'Khung nhìn quá lớn so với mức thu phóng.',
      en: 'The viewport is too large for the zoom level.',
    });
  }
  // One scan: the points on screen grouped by cell, the others in one group of their own (for the total).
  const { rows } = await sql<PointCluster & { onScreen: boolean }>`
    SELECT avg(lon)::float8 AS lon, avg(lat)::float8 AS lat, count(*)::int AS count,
           sum(weight)::float8 AS weight, CASE WHEN count(*) = 1 THEN min(id)::text END AS id,
           on_screen AS "onScreen"
    FROM (
      SELECT id, lon, lat, weight,
             lon BETWEEN ${west} AND ${east} AND lat BETWEEN ${south} AND ${north} AS on_screen
      FROM (${points}) AS p
      WHERE lon IS NOT NULL AND lat IS NOT NULL
    ) AS q
    GROUP BY on_screen, CASE WHEN on_screen THEN floor(lon / ${cell}) END,
             CASE WHEN on_screen THEN floor(lat / ${cell}) END`.execute(db);
  const total = { count: 0, weight: 0 };
  for (const r of rows) {
    total.count += r.count;
    total.weight += r.weight;
  }
  return { clusters: rows.filter((r) => r.onScreen).map(({ onScreen: _, ...c }) => c), total };
}

/**
 * The clusters as a GeoJSON FeatureCollection for the map: a cell of one point carries that
 * point's `properties` (looked up by id), a cell of more carries `cluster: true`; every feature has
 * `count` and `weight`, and the collection its layer's `total`.
 */
export function clusterCollection(
  result: Awaited<ReturnType<typeof clusterPoints>>,
  properties: Map<string, Record<string, unknown>>,
) {
  return {
    type: 'FeatureCollection' as const,
    total: result.total,
    features: result.clusters.map((c) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [c.lon, c.lat] as [number, number] },
      properties: {
        ...(c.id === null ? { cluster: true } : properties.get(c.id)),
        count: c.count,
        weight: c.weight,
      },
    })),
  };
}
