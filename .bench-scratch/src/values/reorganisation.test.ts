import { describe, expect, it } from 'vitest';
import { combinePredecessors } from './reorganisation.js';

describe('combinePredecessors', () => {
  it('adds whole predecessors and the given share of split ones', () => {
    expect(
      combinePredecessors('sum', [
        { value: 10, share: 1 },
        { value: 40, share: 0.25 },
      ]),
    ).toEqual({ value: 20, coverage: 1 });
  });

  it('reports coverage when a predecessor has no value', () => {
    expect(
      combinePredecessors('sum', [
        { value: 10, share: 1 },
        { value: null, share: 1 },
      ]),
    ).toEqual({ value: 10, coverage: 0.5 });
  });

  it('refuses to convert a sum when a split share is unknown', () => {
    expect(
      combinePredecessors('sum', [
        { value: 10, share: 1 },
        { value: 40, share: null },
      ]),
    ).toBeNull();
  });

  it('averages means of whole merged units, and refuses partial ones', () => {
    expect(
      combinePredecessors('mean', [
        { value: 10, share: 1 },
        { value: 30, share: 1 },
      ]),
    ).toEqual({ value: 20, coverage: 1 });
    expect(
      combinePredecessors('max', [
        { value: 10, share: 1 },
        { value: 30, share: 1 },
      ])?.value,
    ).toBe(30);
    expect(
      combinePredecessors('mean', [
        { value: 10, share: 1 },
        { value: 30, share: 0.5 },
      ]),
    ).toBeNull();
  });

  it('returns null when no predecessor has a value', () => {
    expect(combinePredecessors('sum', [{ value: null, share: 1 }])).toBeNull();
  });
});
