/** Cameras: the registry's input shape and the enumerations both sides use. */
import { z } from 'zod';

export const CAMERA_TYPES = ['security', 'traffic'] as const;
export const cameraTypeSchema = z.enum(CAMERA_TYPES);
export type CameraType = z.infer<typeof cameraTypeSchema>;

export const CAMERA_STATUSES = ['online', 'offline', 'unknown'] as const;
export const cameraStatusSchema = z.enum(CAMERA_STATUSES);
export type CameraStatus = z.infer<typeof cameraStatusSchema>;

/** An HLS playlist URL: http(s), absolute, or a path on this server (e.g. `/media/...`). */
const streamUrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v) || /^\/[^\s]*$/.test(v), {
    message: 'stream URL must be http(s):// or a path starting with /',
  });

export const cameraInputSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - only'),
  name: z.string().trim().min(1).max(300),
  type: cameraTypeSchema,
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  /** Owner organisation code. */
  ownerCode: z.string().trim().min(1).max(100).nullish(),
  streamUrl: streamUrlSchema,
  /** Known status when importing from another system; health checks keep it current. */
  status: cameraStatusSchema.optional(),
});
export type CameraInput = z.infer<typeof cameraInputSchema>;
