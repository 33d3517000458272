import { describe, expect, it } from 'vitest';
import { isSameBurst, type BurstGroup, type BurstKey } from './event-grouping.js';

const rules = { windowMs: 5 * 60_000, radiusM: 300 };
const group: BurstGroup = {
  source: 'camera-ai',
  cameraCode: 'CAM-1',
  sensorCode: null,
  point: [106.9, 11.5],
  unitId: 1,
  firstAt: new Date('2026-11-20T08:00:00Z'),
  lastAt: new Date('2026-11-20T08:02:00Z'),
};
const event = (e: Partial<BurstKey>): BurstKey => ({
  source: 'camera-ai',
  cameraCode: 'CAM-1',
  sensorCode: null,
  point: [106.9, 11.5],
  unitId: 1,
  at: new Date('2026-11-20T08:05:00Z'),
  ...e,
});

describe('isSameBurst', () => {
  it('joins the same camera within the window after the last event', () => {
    expect(isSameBurst(group, event({}), rules)).toBe(true);
    expect(isSameBurst(group, event({ at: new Date('2026-11-20T08:07:01Z') }), rules)).toBe(false);
  });
  it('accepts an event that arrives late but happened within the window', () => {
    expect(isSameBurst(group, event({ at: new Date('2026-11-20T07:56:00Z') }), rules)).toBe(true);
  });
  it('keeps other cameras apart even at the same place', () => {
    expect(isSameBurst(group, event({ cameraCode: 'CAM-2' }), rules)).toBe(false);
  });
  it('groups a source without camera or sensor by place', () => {
    const cyber = { ...group, source: 'soc', cameraCode: null, point: null, unitId: 4 };
    expect(
      isSameBurst(cyber, event({ source: 'soc', cameraCode: null, point: null, unitId: 4 }), rules),
    ).toBe(true);
    expect(
      isSameBurst(cyber, event({ source: 'soc', cameraCode: null, point: null, unitId: 5 }), rules),
    ).toBe(false);
    const placed = { ...group, cameraCode: null };
    expect(isSameBurst(placed, event({ cameraCode: null, point: [106.901, 11.501] }), rules)).toBe(true);
    expect(isSameBurst(placed, event({ cameraCode: null, point: [106.91, 11.51] }), rules)).toBe(false);
    expect(isSameBurst(placed, event({ cameraCode: null, source: 'other' }), rules)).toBe(false);
  });
  it('groups a sensor by its code', () => {
    const sensor = { ...group, cameraCode: null, sensorCode: 'S-1' };
    expect(isSameBurst(sensor, event({ cameraCode: null, sensorCode: 'S-1', point: null }), rules)).toBe(
      true,
    );
  });
});
