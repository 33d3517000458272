import { describe, expect, it } from 'vitest';
import { gridAround, squareCell } from './schematic.js';

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
});
