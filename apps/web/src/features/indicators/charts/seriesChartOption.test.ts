import { describe, expect, it } from 'vitest';
import { axisBottom, niceCeil } from './seriesChartOption';
import { shortPeriodLabel } from './shortPeriodLabel';

describe('series chart', () => {
  it('tops the axis at a round number', () => {
    expect(niceCeil(9406.5)).toBe(10000);
    expect(niceCeil(87)).toBe(100);
    expect(niceCeil(112)).toBe(120);
    expect(niceCeil(0.43)).toBe(0.5);
    expect(niceCeil(0)).toBe(1);
  });

  it('starts the axis at 0 unless all figures sit far above it', () => {
    expect(axisBottom([94, 95, 100])).toBe(80);
    expect(axisBottom([120, 8000])).toBe(0);
    expect(axisBottom([-3, 5])).toBe(0);
    expect(axisBottom([])).toBe(0);
  });

  it('labels months briefly on the axis', () => {
    expect(shortPeriodLabel('2025-06', 'vi')).toBe('06/2025');
    expect(shortPeriodLabel('2025-Q2', 'vi')).toBe('Quý II/2025');
  });
});
