import { describe, expect, it } from 'vitest';
import { warningBands } from './warningBands';

describe('warning bands', () => {
  it('scales achievement thresholds with each period target, bottom to top for higher-better', () => {
    const bands = warningBands(
      [{ target: 100 }, { target: null }],
      'higher_better',
      { mode: 'achievement', yellow: 100, orange: 90, red: 75 },
      150,
    );
    expect(bands.map((b) => b.level)).toEqual(['red', 'orange', 'yellow', 'green']);
    expect(bands[0]).toMatchObject({ from: [0, null], to: [75, null] });
    expect(bands[3]).toMatchObject({ from: [100, null], to: [150, null] });
  });

  it('puts green at the bottom for lower-better absolute thresholds (AQI)', () => {
    const bands = warningBands(
      [{ target: null }],
      'lower_better',
      { mode: 'absolute', yellow: 100, orange: 150, red: 200 },
      180,
    );
    expect(bands.map((b) => [b.level, b.from[0], b.to[0]])).toEqual([
      ['green', 0, 100],
      ['yellow', 100, 150],
      ['orange', 150, 180],
      ['red', 180, 180],
    ]);
  });

  it('draws the target band as green for band indicators', () => {
    expect(
      warningBands(
        [{ target: null, targetLow: 2, targetHigh: 4 }],
        'band',
        { mode: 'achievement', yellow: 5, orange: 10, red: 20 },
        10,
      ),
    ).toEqual([{ level: 'green', from: [2], to: [4] }]);
  });
});
