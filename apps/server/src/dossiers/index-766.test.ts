import { describe, expect, it } from 'vitest';
import { emptyCounts } from './dossier-figures.js';
import { computeIndex766, rankIndex766 } from './index-766.js';

describe('766 index', () => {
  // 10 received (8 published, 6 online, 9 digitised), 4 with fees (1 paid online),
  // 20 to process with 2 late: on time 90 %.
  const counts = {
    ...emptyCounts(),
    received: 10,
    to_process: 20,
    published: 8,
    online: 6,
    digitised: 9,
    with_fee: 4,
    paid_online: 1,
    in_progress_late: 1,
    done_late: 1,
  };

  it('scores each component as weight × rate and sums them, by hand', () => {
    const index = computeIndex766(counts, { ratings: 50, satisfied: 45 });
    expect(index.components.map((c) => [c.component, c.score])).toEqual([
      ['publicity', 14.4], // 18 × 80 %
      ['progress', 18], // 20 × 90 %
      ['online', 7.2], // 12 × 60 %
      ['payment', 2.5], // 10 × 25 %
      ['satisfaction', 16.2], // 18 × 90 %
      ['digitisation', 19.8], // 22 × 90 %
    ]);
    expect(index.total).toBeCloseTo(78.1, 10);
    expect(index.weightCovered).toBe(100);
    // Lost: publicity 3.6, progress 2, online 4.8, payment 7.5, satisfaction 1.8, digitisation 2.2.
    expect(index.costliest).toBe('payment');
  });

  it('rescales over the components with data when satisfaction is missing', () => {
    const index = computeIndex766(counts, null);
    expect(index.weightCovered).toBe(82);
    expect(index.total).toBeCloseTo((100 * (78.1 - 16.2)) / 82, 10);
    expect(index.components.find((c) => c.component === 'satisfaction')).toMatchObject({
      score: null,
      lost: null,
    });
  });

  it('has no total without any data', () => {
    expect(computeIndex766(emptyCounts(), null)).toMatchObject({
      total: null,
      costliest: null,
      weightCovered: 0,
    });
  });

  it('ranks best first, ties share a rank, no total comes last', () => {
    const item = (name: string, total: number | null) => ({
      name,
      index: { total, weightCovered: 100, components: [], costliest: null },
    });
    const ranked = rankIndex766([item('a', 70), item('b', null), item('c', 90), item('d', 70)]);
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([
      ['c', 1],
      ['a', 2],
      ['d', 2],
      ['b', null],
    ]);
  });
});
