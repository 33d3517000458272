import { describe, expect, it } from 'vitest';
import { classifyArrival, countStatuses } from './completeness.js';

describe('classifyArrival', () => {
  const deadline = new Date('2024-03-05T10:00:00Z');
  it('tells on time, late, missing and pending apart', () => {
    expect(classifyArrival(new Date('2024-03-05T10:00:00Z'), deadline, new Date('2024-04-01'))).toBe(
      'on_time',
    );
    expect(classifyArrival(new Date('2024-03-05T10:00:01Z'), deadline, new Date('2024-04-01'))).toBe('late');
    expect(classifyArrival(null, deadline, new Date('2024-03-05T10:00:01Z'))).toBe('missing');
    expect(classifyArrival(null, deadline, new Date('2024-03-05T09:00:00Z'))).toBe('pending');
  });
});

describe('countStatuses', () => {
  it('gives the reporting rate and the on-time rate over the expected units', () => {
    expect(countStatuses(['on_time', 'on_time', 'late', 'missing'])).toEqual({
      expected: 4,
      received: 3,
      onTime: 2,
      late: 1,
      missing: 1,
      pending: 0,
      reportingRate: 0.75,
      onTimeRate: 0.5,
    });
    expect(countStatuses([]).reportingRate).toBeNull();
  });
});
