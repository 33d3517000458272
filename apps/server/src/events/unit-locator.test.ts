import { describe, expect, it } from 'vitest';
import type { LocatableUnit } from '../units/unit-cache.js';
import { locateUnit } from './unit-locator.js';

const square = (x0: number, y0: number, size: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x0 + size, y0],
      [x0 + size, y0 + size],
      [x0, y0 + size],
      [x0, y0],
    ],
  ],
});
const unit = (u: Partial<LocatableUnit> & { id: number; level: string }): LocatableUnit => ({
  geometry: null,
  centroid: null,
  validFrom: null,
  validTo: null,
  ...u,
});

describe('locateUnit', () => {
  const province = unit({ id: 1, level: 'province', geometry: square(106, 11, 2) });
  const west = unit({ id: 2, level: 'district', geometry: square(106, 11, 1) });
  const east = unit({ id: 3, level: 'district', geometry: square(107, 11, 1) });

  it('takes the finest unit whose boundary contains the point', () => {
    expect(locateUnit([106.5, 11.5], [province, west, east], '2026-01-01')).toBe(2);
    expect(locateUnit([107.5, 11.5], [province, west, east], '2026-01-01')).toBe(3);
    expect(locateUnit([106.5, 12.5], [province, west, east], '2026-01-01')).toBe(1);
  });

  it('finds nothing outside every boundary', () => {
    expect(locateUnit([110, 11.5], [province, west, east], '2026-01-01')).toBeNull();
  });

  it('falls back to the nearest centroid of the finest level without boundaries', () => {
    const units = [
      unit({ id: 1, level: 'province', centroid: [106.9, 11.75] }),
      unit({ id: 2, level: 'district', centroid: [106.89, 11.53] }),
      unit({ id: 3, level: 'district', centroid: [107.07, 12.03] }),
      unit({ id: 4, level: 'commune', centroid: [106.6, 11.6] }),
      unit({ id: 5, level: 'commune', centroid: [107.0, 12.0] }),
    ];
    expect(locateUnit([106.62, 11.58], units, '2026-01-01')).toBe(4);
    expect(locateUnit([107.05, 12.05], units, '2026-01-01')).toBe(5);
    // 100 km away from every centroid: not in the province.
    expect(locateUnit([108, 12], units, '2026-01-01')).toBeNull();
  });

  it('prefers the units valid on the day of the event', () => {
    const units = [
      unit({ id: 1, level: 'district', centroid: [106.9, 11.5], validTo: '2025-06-30' }),
      unit({ id: 2, level: 'district', centroid: [106.95, 11.55], validFrom: '2025-07-01' }),
    ];
    expect(locateUnit([106.9, 11.5], units, '2025-01-01')).toBe(1);
    expect(locateUnit([106.9, 11.5], units, '2026-01-01')).toBe(2);
  });
});
