import { describe, expect, it } from 'vitest';
import { geometryCentroid } from './geo';

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
