import { describe, expect, it } from 'vitest';
import { circleRing, distanceMeters, geometryCentroid, geometryContains } from './geo';

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

describe('geometryContains', () => {
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
        [1, 1],
        [2, 1],
        [2, 2],
        [1, 2],
        [1, 1],
      ],
    ],
  };
  it('finds points inside the outer ring and outside its holes', () => {
    expect(geometryContains(withHole, [3, 3])).toBe(true);
    expect(geometryContains(withHole, [1.5, 1.5])).toBe(false);
    expect(geometryContains(withHole, [5, 1])).toBe(false);
    expect(geometryContains({ type: 'MultiPolygon', coordinates: [withHole.coordinates] }, [3, 3])).toBe(
      true,
    );
    expect(geometryContains({ type: 'Point', coordinates: [3, 3] }, [3, 3])).toBe(false);
  });
});

describe('distanceMeters and circleRing', () => {
  it('measures one degree of latitude as about 111 km', () => {
    expect(distanceMeters([106.9, 11], [106.9, 12])).toBeCloseTo(111_195, -2);
    expect(distanceMeters([106.9, 11.5], [106.9, 11.5])).toBe(0);
  });
  it('draws a closed ring whose points lie at the radius', () => {
    const ring = circleRing([106.9, 11.5], 5000, 16);
    expect(ring).toHaveLength(17);
    expect(ring[0]).toEqual(ring[16]);
    for (const p of ring) expect(distanceMeters([106.9, 11.5], p as [number, number])).toBeCloseTo(5000, -2);
  });
});
