/**
 * The one shape in which an operational event enters the IOC, whatever its source: camera
 * analytics, sensor alarms, cyber-security alerts, emergency calls, CAP alerts, camera health.
 */
import { z } from 'zod';

export const EVENT_SEVERITIES = ['info', 'minor', 'moderate', 'severe', 'extreme'] as const;
export const eventSeveritySchema = z.enum(EVENT_SEVERITIES);
export type EventSeverity = z.infer<typeof eventSeveritySchema>;

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/** A point, or an area as a GeoJSON Polygon (closed rings of [lon, lat]). */
export const eventLocationSchema = z.union([
  z.object({ type: z.literal('Point'), coordinates: lonLat }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(lonLat).min(4)).min(1) }),
]);
export type EventLocation = z.infer<typeof eventLocationSchema>;

export const eventInputSchema = z.object({
  /** The sending system, e.g. `camera-ai`, `sensor`, `cap:nchmf`, `camera-health`. */
  source: z.string().min(1).max(100),
  /** The source's own id for this event: the same (source, sourceId) sent twice is one event. */
  sourceId: z.string().min(1).max(200),
  type: z.string().min(1).max(100),
  /** Domain code (DOMAIN.md), e.g. GT (traffic), ANTT (security), MT (environment). */
  category: z.string().min(1).max(50),
  severity: eventSeveritySchema,
  occurredAt: z.iso.datetime({ offset: true }),
  title: z.string().min(1).max(500),
  description: z.string().max(10_000).optional(),
  location: eventLocationSchema.optional(),
  /** When the source knows the unit; otherwise it is derived from the location. */
  unitCode: z.string().max(50).optional(),
  cameraCode: z.string().max(100).optional(),
  sensorCode: z.string().max(100).optional(),
  payload: z.record(z.string(), z.unknown()).optional(),
});
export type EventInput = z.infer<typeof eventInputSchema>;
