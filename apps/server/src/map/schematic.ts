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

/**
 * Moves squares of side `size` apart until none overlap, each by as little as it can: overlapping
 * pairs are pushed apart along the axis where they overlap less, pass after pass. Units whose
 * centroids are close (a town inside its district) would otherwise hide each other.
 */
export function separateCells(centres: [number, number][], size: number): [number, number][] {
  const out = centres.map(([x, y]) => [x, y] as [number, number]);
  const gap = size * 1.05;
  for (let pass = 0; pass < 100; pass++) {
    let moved = false;
    for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i]!;
        const b = out[j]!;
        const dx = b[0] - a[0];
        const dy = b[1] - a[1];
        const overlapX = gap - Math.abs(dx);
        const overlapY = gap - Math.abs(dy);
        if (overlapX <= 1e-9 || overlapY <= 1e-9) continue;
        moved = true;
        const axis = overlapX < overlapY ? 0 : 1;
        const push = ((axis === 0 ? overlapX : overlapY) / 2) * ((axis === 0 ? dx : dy) >= 0 ? 1 : -1);
        a[axis] -= push;
        b[axis] += push;
      }
    }
    if (!moved) break;
  }
  return out;
}
