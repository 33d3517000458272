import { describe, expect, it } from 'vitest';
import { nextRunAt, readPath } from './connectors';

describe('nextRunAt', () => {
  it('adds the interval', () => {
    expect(nextRunAt({ kind: 'interval', minutes: 90 }, new Date('2024-06-01T00:00:00Z'))).toEqual(
      new Date('2024-06-01T01:30:00Z'),
    );
  });
  it('runs daily at the Vietnam time given: today if still ahead, else tomorrow', () => {
    const schedule = { kind: 'daily' as const, time: '06:00' };
    // 22:00 UTC is 05:00 the next day in Vietnam: 06:00 is an hour away.
    expect(nextRunAt(schedule, new Date('2024-06-01T22:00:00Z'))).toEqual(new Date('2024-06-01T23:00:00Z'));
    expect(nextRunAt(schedule, new Date('2024-06-01T23:00:00Z'))).toEqual(new Date('2024-06-02T23:00:00Z'));
  });
});

describe('readPath', () => {
  it('follows dot paths through objects and arrays', () => {
    expect(readPath({ data: { items: [{ v: 1 }] } }, 'data.items.0.v')).toBe(1);
    expect(readPath({ data: null }, 'data.items')).toBeUndefined();
    expect(readPath([1], '')).toEqual([1]);
  });
});
