/** Where one unit's data for one period stands against its deadline. */
export type ArrivalStatus = 'on_time' | 'late' | 'missing' | 'pending';

/**
 * On time when it arrived by the deadline; late when after; missing when nothing arrived and the
 * deadline has passed; pending when nothing arrived yet but there is still time.
 */
export function classifyArrival(arrived: Date | null, deadline: Date, now: Date): ArrivalStatus {
  if (arrived) return arrived <= deadline ? 'on_time' : 'late';
  return now > deadline ? 'missing' : 'pending';
}

export interface PeriodCounts {
  expected: number;
  received: number;
  onTime: number;
  late: number;
  missing: number;
  pending: number;
  /** Received / expected (DHIS2's reporting rate), null when nothing is expected. */
  reportingRate: number | null;
  /** On time / expected (DHIS2's on-time rate). */
  onTimeRate: number | null;
}

/** Counts the statuses of every expected unit of one period. */
export function countStatuses(statuses: ArrivalStatus[]): PeriodCounts {
  const count = (s: ArrivalStatus) => statuses.filter((x) => x === s).length;
  const expected = statuses.length;
  const onTime = count('on_time');
  const late = count('late');
  return {
    expected,
    received: onTime + late,
    onTime,
    late,
    missing: count('missing'),
    pending: count('pending'),
    reportingRate: expected ? (onTime + late) / expected : null,
    onTimeRate: expected ? onTime / expected : null,
  };
}
