import { describe, expect, it } from 'vitest';
import { parseInterval, parseWallViews } from './wallViews';

describe('wall views', () => {
  it('reads the views list, skipping unknown entries', () => {
    expect(parseWallViews('overview,domain:KTXH,bogus,indicator:MT_AQI,domain:')).toEqual([
      { kind: 'overview' },
      { kind: 'domain', code: 'KTXH' },
      { kind: 'indicator', code: 'MT_AQI' },
    ]);
    expect(parseWallViews(null).map((v) => v.kind)).toEqual(['overview', 'warnings', 'domains']);
  });

  it('keeps the interval at 5 s or more, 30 s by default', () => {
    expect(parseInterval('10')).toBe(10);
    expect(parseInterval('1')).toBe(5);
    expect(parseInterval(null)).toBe(30);
    expect(parseInterval('abc')).toBe(30);
  });
});
