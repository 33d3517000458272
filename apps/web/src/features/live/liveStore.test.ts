import { describe, expect, it } from 'vitest';
import { isDataUrl } from './liveStore';

describe('live updates', () => {
  it('refetch data calls, not the catalogue or the session', () => {
    expect(isDataUrl('/api/v1/indicators/KTXH_BAN_LE/values?period=2025-06&level=district')).toBe(true);
    expect(isDataUrl('/api/v1/overview?period=2025-06')).toBe(true);
    expect(isDataUrl('/api/v1/units/689/scorecard?period=2025-06')).toBe(true);
    expect(isDataUrl('/api/v1/indicators/KTXH_BAN_LE')).toBe(false);
    expect(isDataUrl('/api/v1/auth/me')).toBe(false);
    expect(isDataUrl('/api/v1/units?level=district')).toBe(false);
  });
});
