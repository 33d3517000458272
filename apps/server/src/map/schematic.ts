/** Schematic cells for units without an official boundary ("sơ đồ minh họa"). */

export type Polygon = { type: 'Polygon'; coordinates: number[][][] };

/** A square of `size` degrees centred on [lon, lat], as a closed GeoJSON ring. */
export function squareCell(center: [number, number], size: number): Polygon {
  const [x, y] = center;
  const h = size / 2;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x - h, y - h],
        [x + h, y - h],
        [x + h, y + h],
        [x - h, y + h],
        [x - h, y - h],
      ],
    ],
  };
}

/**
 * Centres for `count` cells laid out in a near-square grid around a parent's centre, row by row
 * from the north-west, `step` degrees apart. Positions say nothing about real geography.
 */
export function gridAround(center: [number, number], count: number, step: number): [number, number][] {
  const columns = Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / columns);
  const [cx, cy] = center;
  return Array.from({ length: count }, (_, i) => {
    const col = i % columns;
    const row = Math.floor(i / columns);
    return [cx + (col - (columns - 1) / 2) * step, cy + ((rows - 1) / 2 - row) * step];
  });
}
