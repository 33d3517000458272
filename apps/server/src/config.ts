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
  /** Outgoing e-mail, e.g. smtp://user:pass@mail.example.gov.vn:587; without it no e-mail is sent. */
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().default('IOC <ioc@localhost>'),
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
