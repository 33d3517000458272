import { describe, expect, it } from 'vitest';
import type { LocatableUnit } from './unit-cache.js';
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
  parentId: null,
  geometry: null,
  centroid: null,
  validFrom: null,
  validTo: null,
  ...u,
});
const DAY = '2026-01-01';

describe('locateUnit', () => {
  describe('with imported boundaries', () => {
    const province = unit({ id: 1, level: 'province', geometry: square(106, 11, 2) });
    const west = unit({ id: 2, level: 'district', parentId: 1, geometry: square(106, 11, 1) });
    const east = unit({ id: 3, level: 'district', parentId: 1, geometry: square(107, 11, 1) });

    it('takes the finest unit whose boundary contains the point', () => {
      expect(locateUnit([106.5, 11.5], [province, west, east], DAY)).toBe(2);
      expect(locateUnit([107.5, 11.5], [province, west, east], DAY)).toBe(3);
      // In the province, in no district boundary.
      expect(locateUnit([106.5, 12.5], [province, west, east], DAY)).toBe(1);
    });

    // A commune without a boundary, its centre 5 km inside the province's western edge.
    const edge = unit({ id: 4, level: 'commune', parentId: 2, centroid: [106.05, 11.5] });

    it('a point outside the province boundary is outside, even next to a centre', () => {
      expect(locateUnit([106.02, 11.5], [province, west, edge], DAY)).toBe(4);
      expect(locateUnit([105.95, 11.5], [province, west, edge], DAY)).toBeNull();
      expect(locateUnit([110, 11.5], [province, west, edge], DAY)).toBeNull();
    });

    it('boundaries of every district cover the province when it has none of its own', () => {
      const units = [unit({ id: 1, level: 'province', centroid: [107, 11.5] }), west, east, edge];
      expect(locateUnit([106.02, 11.5], units, DAY)).toBe(4);
      expect(locateUnit([107.5, 11.5], units, DAY)).toBe(3);
      // Outside the districts, 11 km from the commune's centre: outside all the same.
      expect(locateUnit([105.95, 11.5], units, DAY)).toBeNull();
    });

    it('inside a boundary, its units without one are told apart by their centres, however far', () => {
      const units = [
        province,
        west,
        east,
        unit({ id: 4, level: 'commune', parentId: 2, centroid: [106.2, 11.2] }),
        unit({ id: 5, level: 'commune', parentId: 2, centroid: [106.8, 11.8] }),
        // Nearer to the point, but in the other district.
        unit({ id: 6, level: 'commune', parentId: 3, centroid: [107.05, 11.85] }),
      ];
      expect(locateUnit([106.3, 11.3], units, DAY)).toBe(4);
      expect(locateUnit([106.95, 11.85], units, DAY)).toBe(5);
      expect(locateUnit([107.5, 11.5], units, DAY)).toBe(6);
      // The province's own corner, over 40 km from every commune centre: still the province's commune.
      expect(
        locateUnit(
          [106.01, 11.01],
          [province, unit({ id: 7, level: 'commune', parentId: 1, centroid: [106.4, 11.3] })],
          DAY,
        ),
      ).toBe(7);
    });

    it('with only some boundaries, a point outside them falls back to the nearest centre', () => {
      const units = [
        unit({ id: 1, level: 'province', centroid: [107, 11.5] }),
        west,
        unit({ id: 3, level: 'district', parentId: 1, centroid: [107.5, 11.5] }),
      ];
      expect(locateUnit([106.5, 11.5], units, DAY)).toBe(2);
      expect(locateUnit([107.4, 11.6], units, DAY)).toBe(3);
      // Neither in the boundary nor within 40 km of a centre.
      expect(locateUnit([109, 11.5], units, DAY)).toBeNull();
    });
  });

  describe('without boundaries', () => {
    const units = [
      unit({ id: 1, level: 'province', centroid: [106.9, 11.75] }),
      unit({ id: 2, level: 'district', parentId: 1, centroid: [106.89, 11.53] }),
      unit({ id: 3, level: 'district', parentId: 1, centroid: [107.07, 12.03] }),
      unit({ id: 4, level: 'commune', parentId: 2, centroid: [106.6, 11.6] }),
      unit({ id: 5, level: 'commune', parentId: 3, centroid: [107.0, 12.0] }),
    ];

    it('takes the nearest centre of the finest level that has them', () => {
      expect(locateUnit([106.62, 11.58], units, DAY)).toBe(4);
      expect(locateUnit([107.05, 12.05], units, DAY)).toBe(5);
      // Communes without a centre leave the districts to tell the point apart.
      const districts = units.map((u) => (u.level === 'commune' ? { ...u, centroid: null } : u));
      expect(locateUnit([107.05, 12.05], districts, DAY)).toBe(3);
    });

    it('a point over 40 km from every centre is outside the province', () => {
      expect(locateUnit([108, 12], units, DAY)).toBeNull();
      expect(locateUnit([105.8, 21.0], units, DAY)).toBeNull();
    });

    it('nothing is located when no unit has a boundary or a centre', () => {
      expect(locateUnit([106.62, 11.58], [unit({ id: 1, level: 'province' })], DAY)).toBeNull();
    });
  });

  describe('units at a date', () => {
    it('takes the units valid on the day', () => {
      const units = [
        unit({ id: 1, level: 'district', centroid: [106.9, 11.5], validTo: '2025-06-30' }),
        unit({ id: 2, level: 'district', centroid: [106.95, 11.55], validFrom: '2025-07-01' }),
      ];
      expect(locateUnit([106.9, 11.5], units, '2025-01-01')).toBe(1);
      expect(locateUnit([106.9, 11.5], units, '2026-01-01')).toBe(2);
    });

    it('uses the boundaries in force that day, and all units before the first ones began', () => {
      const units = [
        unit({
          id: 1,
          level: 'commune',
          geometry: square(106, 11, 1),
          validFrom: '2020-01-01',
          validTo: '2025-06-30',
        }),
        unit({ id: 2, level: 'commune', geometry: square(106, 11, 2), validFrom: '2025-07-01' }),
      ];
      expect(locateUnit([106.5, 11.5], units, '2025-01-01')).toBe(1);
      expect(locateUnit([106.5, 11.5], units, '2026-01-01')).toBe(2);
      // The ended commune's area is outside on a day it did not cover, in the merged one after.
      expect(locateUnit([107.5, 11.5], units, '2025-01-01')).toBeNull();
      expect(locateUnit([107.5, 11.5], units, '2026-01-01')).toBe(2);
      expect(locateUnit([106.5, 11.5], units, '2019-01-01')).toBe(1);
    });
  });
});
