import { describe, expect, it } from 'vitest';
import { extractRecords, mapRecords, maxCursor } from './connector-pull.js';

describe('connector pulls', () => {
  it('finds the records at the JSON path or refuses with the path named', () => {
    expect(extractRecords('{"a":{"b":[{"x":1}]}}', 'json', 'a.b')).toEqual([{ x: 1 }]);
    expect(() => extractRecords('{"a":{}}', 'json', 'a.b')).toThrow('Không thấy mảng bản ghi tại "a.b"');
    expect(() => extractRecords('<html>', 'json', null)).toThrow('không phải JSON hợp lệ');
  });

  it('reads CSV records by header', () => {
    expect(extractRecords('unit;value\nC1;1,5\n', 'csv', null)).toEqual([{ unit: 'C1', value: '1,5' }]);
  });

  it('maps fields and constants, tagging the source', () => {
    const rows = mapRecords(
      [{ u: 'C1', p: '2024-01', v: 3, g: { sex: 'nam' } }],
      {
        indicator: { constant: 'THU' },
        unit: { field: 'u' },
        period: { field: 'p' },
        value: { field: 'v' },
        disaggregation: { field: 'g.sex' },
      },
      'Kết nối X',
    );
    expect(rows).toEqual([
      {
        indicator: 'THU',
        unit: 'C1',
        period: '2024-01',
        value: 3,
        disaggregation: 'nam',
        source: 'Kết nối X',
      },
    ]);
  });

  it('advances the cursor to the largest value, numbers as numbers', () => {
    expect(maxCursor([{ id: 9 }, { id: 10 }], 'id', '8')).toBe('10');
    expect(maxCursor([{ t: '2024-01-02' }, { t: '2024-01-10' }], 't', null)).toBe('2024-01-10');
    expect(maxCursor([], 't', '2024-01-01')).toBe('2024-01-01');
  });
});
