/** Sensors that report over MQTT: the registry and the message every sensor sends. */
import { z } from 'zod';

export const SENSOR_KINDS = ['air_quality', 'water_level', 'rainfall', 'noise', 'weather', 'other'] as const;
export const sensorKindSchema = z.enum(SENSOR_KINDS);
export type SensorKind = z.infer<typeof sensorKindSchema>;

/** Alert levels of a threshold, mild to worst (the severities of an operational event, without `info`). */
export const SENSOR_ALERT_LEVELS = ['minor', 'moderate', 'severe', 'extreme'] as const;
export const sensorAlertLevelSchema = z.enum(SENSOR_ALERT_LEVELS);
export type SensorAlertLevel = z.infer<typeof sensorAlertLevelSchema>;

/** A sensor's state on the map of now: active with a reading over a threshold, active and within them, or switched off. */
export const SENSOR_STATUSES = ['alarm', 'normal', 'inactive'] as const;
export const sensorStatusSchema = z.enum(SENSOR_STATUSES);
export type SensorStatus = z.infer<typeof sensorStatusSchema>;

/** Which daily figure of a reading feeds its indicator: the mean (default), the maximum or the sum (rainfall). */
export const SENSOR_STATISTICS = ['mean', 'min', 'max', 'sum'] as const;
export type SensorStatistic = (typeof SENSOR_STATISTICS)[number];

const readingName = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a–z, 0–9, _ (e.g. pm25, water_level)');

export const sensorThresholdSchema = z
  .object({
    level: sensorAlertLevelSchema,
    above: z.number().finite().optional(),
    below: z.number().finite().optional(),
  })
  .refine((t) => (t.above === undefined) !== (t.below === undefined), {
    message: 'exactly one of above / below',
  });
export type SensorThreshold = z.infer<typeof sensorThresholdSchema>;

export const sensorReadingSpecSchema = z.object({
  name: readingName,
  label: z.string().max(200).optional(),
  uom: z.string().max(50).default(''),
  /** The daily indicator this reading feeds (optional). */
  indicatorCode: z.string().max(100).optional(),
  statistic: z.enum(SENSOR_STATISTICS).default('mean'),
  thresholds: z.array(sensorThresholdSchema).max(10).default([]),
});
export type SensorReadingSpec = z.infer<typeof sensorReadingSpecSchema>;

export const sensorInputSchema = z.object({
  code: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'letters, digits, _ . - (used as the MQTT topic)'),
  name: z.string().trim().min(1).max(300),
  kind: sensorKindSchema,
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  /** The administrative unit; derived from the location (nearest unit centre) when absent. */
  unitCode: z.string().max(50).optional(),
  readings: z.array(sensorReadingSpecSchema).min(1).max(20),
  isActive: z.boolean().default(true),
});
export type SensorInput = z.input<typeof sensorInputSchema>;

/**
 * One MQTT message: `{ sensor?, messageId, time, readings: { name: value } }`. The sensor code
 * comes from the topic's last level (`<prefix>/<code>`) or from `sensor`.
 */
export const sensorMessageSchema = z.object({
  sensor: z.string().min(1).max(100).optional(),
  messageId: z.union([z.string().min(1).max(200), z.number().int().nonnegative()]).transform(String),
  time: z.iso.datetime({ offset: true }),
  readings: z.record(z.string(), z.number().finite()).refine((r) => Object.keys(r).length > 0, {
    message: 'at least one reading',
  }),
});
export type SensorMessage = z.infer<typeof sensorMessageSchema>;

/** The level a value reaches: the worst threshold it crosses, or null. */
export function thresholdLevel(
  value: number,
  thresholds: readonly SensorThreshold[],
): { level: SensorAlertLevel; threshold: SensorThreshold } | null {
  let worst: { level: SensorAlertLevel; threshold: SensorThreshold } | null = null;
  for (const t of thresholds) {
    const crossed = t.above !== undefined ? value > t.above : t.below !== undefined && value < t.below;
    if (crossed && (!worst || levelRank(t.level) > levelRank(worst.level)))
      worst = { level: t.level, threshold: t };
  }
  return worst;
}

/** 0 for no alert, then 1 (minor) … 4 (extreme). */
export function levelRank(level: SensorAlertLevel | null): number {
  return level === null ? 0 : SENSOR_ALERT_LEVELS.indexOf(level) + 1;
}
