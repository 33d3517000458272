import type { SensorAlertLevel, SensorKind, SensorReadingSpec } from '@ioc/shared';

export interface SensorView {
  code: string;
  name: string;
  kind: SensorKind;
  lon: number;
  lat: number;
  unitCode: string | null;
  unitName: string | null;
  isActive: boolean;
  lastSeenAt: string | null;
  alertLevel: SensorAlertLevel | null;
  readings: (SensorReadingSpec & { latest: { value: number; at: string; level: string | null } | null })[];
}

export interface SensorAlertView {
  id: string;
  sensorCode: string;
  sensorName: string;
  unitCode: string | null;
  reading: string;
  level: SensorAlertLevel;
  value: number;
  threshold: number;
  direction: 'above' | 'below';
  observedAt: string;
}

export interface SensorFigure {
  start: string;
  count: number;
  mean: number;
  min: number;
  max: number;
}

/** Colours of alert levels on the map (no alert: the calm green of the warning scale). */
export const ALERT_FILL: Record<SensorAlertLevel | 'none', string> = {
  none: '#159a7b',
  minor: '#f2c12e',
  moderate: '#ef7d22',
  severe: '#c8102e',
  extreme: '#6b0718',
};
