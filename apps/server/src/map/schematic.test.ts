import { describe, expect, it } from 'vitest';
import { gridAround, separateCells, squareCell } from './schematic.js';

describe('schematic cells', () => {
  it('draws a closed square ring around the centre', () => {
    expect(squareCell([106, 11], 0.2).coordinates[0]).toEqual([
      [105.9, 10.9],
      [106.1, 10.9],
      [106.1, 11.1],
      [105.9, 11.1],
      [105.9, 10.9],
    ]);
  });

  it('lays cells in a grid centred on the parent, without overlaps', () => {
    const cells = gridAround([0, 0], 5, 1);
    // 5 cells: 3 columns × 2 rows around (0, 0).
    expect(cells).toEqual([
      [-1, 0.5],
      [0, 0.5],
      [1, 0.5],
      [-1, -0.5],
      [0, -0.5],
    ]);
    expect(new Set(cells.map((c) => c.join())).size).toBe(5);
  });

  it('pushes overlapping cells apart, little, and leaves separate ones where they are', () => {
    const overlaps = (a: [number, number], b: [number, number], size: number) =>
      Math.abs(a[0] - b[0]) < size - 1e-9 && Math.abs(a[1] - b[1]) < size - 1e-9;
    const centres: [number, number][] = [
      [106.6, 11.65],
      [106.62, 11.62],
      [106.62, 11.62], // the same centroid twice
      [107.5, 11.9], // far from the others
    ];
    const cells = separateCells(centres, 0.1);
    for (let i = 0; i < cells.length; i++)
      for (let j = i + 1; j < cells.length; j++) expect(overlaps(cells[i]!, cells[j]!, 0.1)).toBe(false);
    expect(cells[3]).toEqual([107.5, 11.9]);
    for (let i = 0; i < 3; i++) {
      expect(Math.hypot(cells[i]![0] - centres[i]![0], cells[i]![1] - centres[i]![1])).toBeLessThan(0.15);
    }
    expect(
      separateCells(
        [
          [0, 0],
          [1, 1],
        ],
        0.5,
      ),
    ).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });
});
