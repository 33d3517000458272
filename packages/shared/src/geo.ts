/** The little geometry the product needs, in TypeScript so PostGIS stays optional. */

type Ring = number[][];

function ringAreaCentroid(ring: Ring): { area: number; x: number; y: number } {
  let area = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0 = 0, y0 = 0] = ring[j] ?? [];
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    x += (x0 + x1) * cross;
    y += (y0 + y1) * cross;
  }
  area /= 2;
  return area === 0 ? { area: 0, x: 0, y: 0 } : { area, x: x / (6 * area), y: y / (6 * area) };
}

/**
 * Area-weighted centroid [lon, lat] of a GeoJSON Polygon or MultiPolygon (holes subtract),
 * or null for anything else. Planar on lon/lat, which is accurate enough at province scale.
 */
export function geometryCentroid(geometry: unknown): [number, number] | null {
  const g = geometry as { type?: string; coordinates?: unknown };
  const polygons: Ring[][] =
    g?.type === 'Polygon'
      ? [g.coordinates as Ring[]]
      : g?.type === 'MultiPolygon'
        ? (g.coordinates as Ring[][])
        : [];
  let total = 0;
  let sx = 0;
  let sy = 0;
  for (const polygon of polygons) {
    polygon.forEach((ring, index) => {
      const { area, x, y } = ringAreaCentroid(ring);
      // The outer ring counts positive and holes negative, whatever their winding order.
      const signed = index === 0 ? Math.abs(area) : -Math.abs(area);
      total += signed;
      sx += x * signed;
      sy += y * signed;
    });
  }
  return total === 0 ? null : [sx / total, sy / total];
}

/** True when the point [lon, lat] lies inside the ring (ray casting; points on an edge may fall either way). */
function isInRing(point: [number, number], ring: Ring): boolean {
  const [px, py] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when the point [lon, lat] lies inside a GeoJSON Polygon or MultiPolygon (outside its holes). */
export function isPointInGeometry(point: [number, number], geometry: unknown): boolean {
  const g = geometry as { type?: string; coordinates?: unknown };
  const polygons: Ring[][] =
    g?.type === 'Polygon'
      ? [g.coordinates as Ring[]]
      : g?.type === 'MultiPolygon'
        ? (g.coordinates as Ring[][])
        : [];
  return polygons.some(
    ([outer, ...holes]) => !!outer && isInRing(point, outer) && !holes.some((h) => isInRing(point, h)),
  );
}

/** Great-circle distance in metres between two [lon, lat] points (haversine). */
export function distanceMetres(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/** A closed ring of `sides` [lon, lat] points approximating a circle of `radiusM` metres (for maps). */
export function circleRing([lon, lat]: [number, number], radiusM: number, sides = 32): number[][] {
  const dLat = radiusM / 111_320;
  const dLon = radiusM / (111_320 * Math.cos((lat * Math.PI) / 180));
  const ring = Array.from({ length: sides }, (_, i) => {
    const angle = (2 * Math.PI * i) / sides;
    return [lon + dLon * Math.cos(angle), lat + dLat * Math.sin(angle)];
  });
  return [...ring, ring[0]!];
}

/** How wide a map-of-now cluster cell is on screen, in pixels (MapLibre draws 512-pixel tiles). */
const CELL_PIXELS = 64;
/** From this zoom on, points are no longer merged unless they share a place to ~1 m. */
const LAST_CLUSTER_ZOOM = 17;

/**
 * Degrees per cluster cell at `zoom`: about CELL_PIXELS on screen. Cells are aligned on a world
 * grid (`floor(lon / cell)`, `floor(lat / cell)`), so the server's clusters and a screen adding a
 * live point to them agree on where it falls.
 */
export function cellDegrees(zoom: number): number {
  const z = Math.min(Math.floor(zoom), LAST_CLUSTER_ZOOM);
  return (CELL_PIXELS * 360) / (512 * 2 ** z);
}
