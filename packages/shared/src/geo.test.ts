import { describe, expect, it } from 'vitest';
import { circleRing, distanceMetres, geometryCentroid, isPointInGeometry } from './geo';

describe('geometryCentroid', () => {
  it('finds the centre of a square polygon', () => {
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [2, 2],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    expect(geometryCentroid(square)).toEqual([1, 1]);
  });

  it('weights the parts of a multipolygon by area and subtracts holes', () => {
    const multi = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [0, 0],
            [2, 0],
            [2, 2],
            [0, 2],
            [0, 0],
          ],
        ],
        [
          [
            [10, 0],
            [11, 0],
            [11, 1],
            [10, 1],
            [10, 0],
          ],
        ],
      ],
    };
    const [x, y] = geometryCentroid(multi)!;
    expect(x).toBeCloseTo((1 * 4 + 10.5 * 1) / 5, 10);
    expect(y).toBeCloseTo((1 * 4 + 0.5 * 1) / 5, 10);
    const withHole = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [4, 4],
          [0, 4],
          [0, 0],
        ],
        [
          [0, 0],
          [2, 0],
          [2, 2],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    const [hx, hy] = geometryCentroid(withHole)!;
    expect(hx).toBeCloseTo((2 * 16 - 1 * 4) / 12, 10);
    expect(hy).toBeCloseTo((2 * 16 - 1 * 4) / 12, 10);
  });

  it('returns null for non-polygons', () => {
    expect(geometryCentroid({ type: 'Point', coordinates: [1, 2] })).toBeNull();
    expect(geometryCentroid(null)).toBeNull();
  });
});

describe('isPointInGeometry', () => {
  const withHole = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ],
      [
        [4, 4],
        [6, 4],
        [6, 6],
        [4, 6],
        [4, 4],
      ],
    ],
  };
  it('finds points inside the outer ring and outside holes', () => {
    expect(isPointInGeometry([1, 1], withHole)).toBe(true);
    expect(isPointInGeometry([5, 5], withHole)).toBe(false);
    expect(isPointInGeometry([11, 5], withHole)).toBe(false);
  });
  it('looks into every polygon of a MultiPolygon', () => {
    const multi = {
      type: 'MultiPolygon',
      coordinates: [
        withHole.coordinates,
        [
          [
            [20, 20],
            [21, 20],
            [21, 21],
            [20, 20],
          ],
        ],
      ],
    };
    expect(isPointInGeometry([20.8, 20.2], multi)).toBe(true);
    expect(isPointInGeometry({} as never, null)).toBe(false);
  });
});

describe('distanceMetres', () => {
  it('measures one degree of latitude as about 111 km', () => {
    expect(distanceMetres([106.9, 11], [106.9, 12])).toBeGreaterThan(111_000);
    expect(distanceMetres([106.9, 11], [106.9, 12])).toBeLessThan(111_400);
    expect(distanceMetres([106.9, 11], [106.9, 11])).toBe(0);
  });
});

describe('circleRing', () => {
  it('measures one degree of latitude as about 111 km', () => {
    expect(distanceMetres([106.9, 11], [106.9, 12])).toBeCloseTo(111_195, -2);
    expect(distanceMetres([106.9, 11.5], [106.9, 11.5])).toBe(0);
  });
  it('draws a closed ring whose points lie at the radius', () => {
    const ring = circleRing([106.9, 11.5], 5000, 16);
    expect(ring).toHaveLength(17);
    expect(ring[0]).toEqual(ring[16]);
    for (const p of ring) expect(distanceMetres([106.9, 11.5], p as [number, number])).toBeCloseTo(5000, -2);
  });
});
