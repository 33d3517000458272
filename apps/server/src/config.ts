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
  /** MQTT broker for sensors and events (e.g. mqtt://127.0.0.1:1883); no MQTT subscriber runs when unset. */
  MQTT_URL: z.string().url().optional(),
  /** Fixed client id: the broker keeps this server's persistent session under it. */
  MQTT_CLIENT_ID: z.string().min(1).default('ioc-server'),
  /** Sensors publish on `<prefix>/<sensor code>`. */
  MQTT_TOPIC_PREFIX: z.string().min(1).default('ioc/sensors'),
  /** Outgoing e-mail, e.g. smtp://user:pass@mail.example.gov.vn:587; without it no e-mail is sent. */
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().default('IOC <ioc@localhost>'),
  /** Dossiers due within this many hours and not finished are warned about ("sắp đến hạn"). */
  DOSSIER_WARNING_HOURS: z.coerce.number().positive().default(24),
  /** The one-stop system's API to pull dossiers from (GET ?updatedFrom=ISO&page=n); no pull when unset. */
  DOSSIER_PULL_URL: z.string().url().optional(),
  /** Sent as X-API-Key to the one-stop system. */
  DOSSIER_PULL_API_KEY: z.string().optional(),
  DOSSIER_PULL_MINUTES: z.coerce.number().positive().default(15),
  /** Topic filter whose messages are operational events (JSON in the EventInput shape). */
  MQTT_EVENT_TOPIC: z.string().default('ioc/events/#'),
  /** Related events (same camera, sensor, or source and place) within this many minutes form one group. */
  EVENT_GROUP_MINUTES: z.coerce.number().positive().default(5),
  /** "Nearly the same place" for grouping events without camera or sensor, in metres. */
  EVENT_GROUP_RADIUS_M: z.coerce.number().positive().default(300),
  /** How long live messages are kept for screens that reconnect. */
  LIVE_REPLAY_MINUTES: z.coerce.number().positive().default(30),
  /** Largest incident attachment, in megabytes. */
  ATTACHMENT_MAX_MB: z.coerce.number().positive().default(10),
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
  /** Data supply: a unit late or missing this many times in the last 12 months is flagged for review. */
  SUPPLY_LATE_FLAG: z.coerce.number().int().min(1).default(3),
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
