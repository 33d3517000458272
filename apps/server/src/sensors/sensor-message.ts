import { sensorMessageSchema, type SensorReadingSpec } from '@ioc/shared';

/** A message refused, with the reason logged for the administrator (Vietnamese first). */
export interface MessageReject {
  code:
    | 'BAD_JSON'
    | 'BAD_MESSAGE'
    | 'NO_SENSOR'
    | 'SENSOR_MISMATCH'
    | 'UNKNOWN_SENSOR'
    | 'UNKNOWN_READING'
    | 'FUTURE_TIME';
  reason: string;
  sensorCode?: string;
}

export interface ParsedMessage {
  sensorCode: string;
  messageId: string;
  observedAt: Date;
  readings: { name: string; value: number }[];
}

/** Sensors may run a little fast; a reading further ahead than this is refused. */
const MAX_CLOCK_SKEW_MS = 10 * 60_000;

/**
 * Reads one MQTT message: JSON `{sensor?, messageId, time, readings}` on `<prefix>/<sensor code>`.
 * Checks the shape and the clock; the sensor itself is checked by `checkReadings`.
 */
export function parseSensorMessage(
  topic: string,
  payload: Buffer | string,
  topicPrefix: string,
  now: Date,
): ParsedMessage | MessageReject {
  let json: unknown;
  try {
    json = JSON.parse(payload.toString());
  } catch {
    return { code: 'BAD_JSON', reason: 'Nội dung không phải JSON hợp lệ / payload is not valid JSON' };
  }
  const parsed = sensorMessageSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(gốc)'}: ${i.message}`).join('; ');
    return { code: 'BAD_MESSAGE', reason: `Sai cấu trúc bản tin / malformed message: ${issues}` };
  }
  const message = parsed.data;
  const fromTopic = topic.startsWith(`${topicPrefix}/`) ? topic.slice(topicPrefix.length + 1) : '';
  const sensorCode = fromTopic || message.sensor;
  if (!sensorCode) {
    return {
      code: 'NO_SENSOR',
      reason: 'Không rõ mã cảm biến (chủ đề hoặc trường sensor) / no sensor code in topic or body',
    };
  }
  if (fromTopic && message.sensor && message.sensor !== fromTopic) {
    return {
      code: 'SENSOR_MISMATCH',
      sensorCode,
      reason: `Mã cảm biến trong bản tin (${message.sensor}) khác chủ đề (${fromTopic}) / sensor code differs from topic`,
    };
  }
  const observedAt = new Date(message.time);
  if (observedAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    return {
      code: 'FUTURE_TIME',
      sensorCode,
      reason: `Thời điểm đo ${message.time} ở tương lai / reading time is in the future`,
    };
  }
  return {
    sensorCode,
    messageId: message.messageId,
    observedAt,
    readings: Object.entries(message.readings).map(([name, value]) => ({ name, value })),
  };
}

/** Refuses a message naming a reading the sensor does not have (nothing of it is stored). */
export function checkReadings(
  message: ParsedMessage,
  specs: readonly SensorReadingSpec[],
): MessageReject | null {
  const known = new Set(specs.map((s) => s.name));
  const unknown = message.readings.filter((r) => !known.has(r.name)).map((r) => r.name);
  if (unknown.length === 0) return null;
  return {
    code: 'UNKNOWN_READING',
    sensorCode: message.sensorCode,
    reason: `Cảm biến ${message.sensorCode} không có phép đo: ${unknown.join(', ')} (có: ${[...known].join(', ')}) / unknown readings`,
  };
}

export function isReject(value: ParsedMessage | MessageReject): value is MessageReject {
  return 'reason' in value;
}

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
/** Vietnam keeps UTC+7 all year, so days are cut at 17:00 UTC. */
const LOCAL_OFFSET_MS = 7 * HOUR_MS;

/** Start of the hour and of the local (UTC+7) day a reading belongs to. */
export function bucketStarts(at: Date): { hour: Date; day: Date } {
  const ms = at.getTime();
  return {
    hour: new Date(Math.floor(ms / HOUR_MS) * HOUR_MS),
    day: new Date(Math.floor((ms + LOCAL_OFFSET_MS) / DAY_MS) * DAY_MS - LOCAL_OFFSET_MS),
  };
}

/** The day period code (YYYY-MM-DD, local date) of a day bucket's start. */
export function dayPeriodOf(dayStart: Date): string {
  return new Date(dayStart.getTime() + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
}
