import { distanceMetres } from '@ioc/shared';

/** What decides whether an event joins an earlier burst. */
export interface BurstKey {
  source: string;
  cameraCode: string | null;
  sensorCode: string | null;
  point: [number, number] | null;
  unitId: number | null;
  at: Date;
}

export interface BurstGroup extends Omit<BurstKey, 'at'> {
  firstAt: Date;
  lastAt: Date;
}

export interface BurstRules {
  windowMs: number;
  radiusM: number;
}

/**
 * True when an event of the same type belongs to the group's burst: within `windowMs` of the
 * group's span and from the same camera, the same sensor, or the same source at nearly the
 * same place (within `radiusM`, or the same unit when neither has a location).
 */
export function isSameBurst(group: BurstGroup, event: BurstKey, rules: BurstRules): boolean {
  const t = event.at.getTime();
  if (t < group.firstAt.getTime() - rules.windowMs || t > group.lastAt.getTime() + rules.windowMs)
    return false;
  if (event.cameraCode || group.cameraCode) return event.cameraCode === group.cameraCode;
  if (event.sensorCode || group.sensorCode) return event.sensorCode === group.sensorCode;
  if (event.source !== group.source) return false;
  if (event.point && group.point) return distanceMetres(event.point, group.point) <= rules.radiusM;
  return !event.point && !group.point && event.unitId === group.unitId;
}
