/** Connectors: scheduled pulls of JSON or CSV from another system's HTTP API into the warehouse. */
import { z } from 'zod';

/** A mapped field: read from the record (`field`, a dot path) or the same for every record (`constant`). */
export const fieldRefSchema = z.union([
  z.object({ field: z.string().min(1).max(200) }),
  z.object({ constant: z.string().min(1).max(200) }),
]);
export type FieldRef = z.infer<typeof fieldRefSchema>;

export const connectorScheduleSchema = z.discriminatedUnion('kind', [
  /** Every N minutes. */
  z.object({
    kind: z.literal('interval'),
    minutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
  }),
  /** Once a day at HH:MM, Vietnam time (UTC+7). */
  z.object({ kind: z.literal('daily'), time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM') }),
]);
export type ConnectorSchedule = z.infer<typeof connectorScheduleSchema>;

export const connectorInputSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'letters, digits, _ . -'),
  name: z.string().trim().min(1).max(300),
  url: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//i.test(u), 'http:// or https://'),
  method: z.enum(['GET', 'POST']).default('GET'),
  schedule: connectorScheduleSchema,
  /** Authentication headers, e.g. `{ "Authorization": "Bearer …" }`; kept secret. Omit on update to keep them. */
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/), z.string().max(4000)).optional(),
  format: z.enum(['json', 'csv']),
  /** Dot path to the array of records in a JSON answer, e.g. `data.items`; empty = the answer itself. */
  recordsPath: z.string().max(200).optional(),
  mapping: z.object({
    indicator: fieldRefSchema,
    unit: fieldRefSchema,
    period: fieldRefSchema,
    value: fieldRefSchema,
    disaggregation: fieldRefSchema.optional(),
  }),
  /** Incremental pulls: the largest `field` seen is sent back as query parameter `param` next time. */
  cursor: z.object({ field: z.string().min(1).max(200), param: z.string().min(1).max(100) }).optional(),
  /** Store the valid rows of a pull that has bad ones (default: a pull with errors stores nothing). */
  allowPartial: z.boolean().default(false),
  maxAttempts: z.number().int().min(1).max(10).default(3),
  timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
  isActive: z.boolean().default(true),
});
export type ConnectorInput = z.input<typeof connectorInputSchema>;

export const CONNECTOR_RUN_STATUSES = ['running', 'succeeded', 'partial', 'failed'] as const;
export type ConnectorRunStatus = (typeof CONNECTOR_RUN_STATUSES)[number];

const HOUR_MS = 3600_000;
const LOCAL_OFFSET_MS = 7 * HOUR_MS;

/** When a connector runs next after `from`. */
export function nextRunAt(schedule: ConnectorSchedule, from: Date): Date {
  if (schedule.kind === 'interval') return new Date(from.getTime() + schedule.minutes * 60_000);
  const [hh, mm] = schedule.time.split(':').map(Number) as [number, number];
  const local = new Date(from.getTime() + LOCAL_OFFSET_MS);
  const today =
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hh, mm) - LOCAL_OFFSET_MS;
  return new Date(today > from.getTime() ? today : today + 24 * HOUR_MS);
}

/** Reads a dot path (`data.items`, `values.0.v`) from parsed JSON. */
export function readPath(value: unknown, path: string | undefined): unknown {
  if (!path) return value;
  let cur = value;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
