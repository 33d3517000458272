import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  /** PostgreSQL connection string; without it the embedded PGlite database is used. */
  DATABASE_URL: z.string().url().optional(),
  /** Folder of the embedded database. */
  IOC_DATA_DIR: z.string().default(path.resolve(process.cwd(), 'data')),
  /** `production` refuses demo accounts; `demo` seeds the demo province and its demo users. */
  IOC_MODE: z.enum(['production', 'demo']).default('production'),
  SESSION_HOURS: z.coerce.number().positive().default(12),
  /** Seconds between camera health checks; 0 turns them off. Default 60, or off in demo mode (the demo streams are not real). */
  CAMERA_CHECK_INTERVAL_S: z.coerce.number().min(0).optional(),
  /** How long a camera's HLS playlist may take to answer before the camera counts as offline. */
  CAMERA_CHECK_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** A folder served at /media/ (e.g. HLS recordings or a local test stream). */
  MEDIA_DIR: z.string().optional(),
  /** CAP `sender` of the alerts this IOC publishes (its domain name, no spaces or commas). */
  CAP_SENDER: z
    .string()
    .regex(/^[^\s,<&]+$/)
    .default('ioc.binhphuoc.gov.vn'),
  CAP_SENDER_NAME: z.string().default('Trung tâm giám sát, điều hành thông minh tỉnh Bình Phước'),
  /** Public address used in CAP feed links (default: the address the caller used). */
  PUBLIC_BASE_URL: z.string().url().optional(),
});

export type Config = z.infer<typeof envSchema>;

/** Reads the configuration from the environment; a bad value stops the process with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Cấu hình không hợp lệ / Invalid configuration: ${fields}`);
  }
  return parsed.data;
}
