import { readPath, type FieldRef } from '@ioc/shared';
import { parseCsv } from '../csv.js';
import type { ObservationRow } from '../observations/observation-rows.js';

/** A failed attempt, kept in the run's log. */
export interface AttemptError {
  attempt: number;
  message: string;
}

export class PullFailed extends Error {
  constructor(
    message: string,
    readonly attempts: AttemptError[],
  ) {
    super(message);
  }
}

export interface PullRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  timeoutMs: number;
  maxAttempts: number;
  /** Sends the cursor back as this query parameter. */
  cursor?: { param: string; value: string };
}

/** Server errors, throttling and network failures are worth retrying; other 4xx answers are not. */
function isRetryable(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/**
 * Fetches the answer, retrying with exponential backoff (1 s, 2 s, 4 s …) on timeouts, network
 * errors and 5xx/429 answers; each attempt is bounded by the timeout.
 */
export async function fetchWithRetries(
  request: PullRequest,
  sleep: (ms: number) => Promise<void>,
  baseDelayMs = 1000,
): Promise<{ text: string; attempts: number; failures: AttemptError[] }> {
  const url = new URL(request.url);
  if (request.cursor) url.searchParams.set(request.cursor.param, request.cursor.value);
  const failures: AttemptError[] = [];
  for (let attempt = 1; attempt <= request.maxAttempts; attempt++) {
    let retryable = true;
    try {
      const response = await fetch(url, {
        method: request.method,
        headers: request.headers,
        signal: AbortSignal.timeout(request.timeoutMs),
      });
      const text = await response.text();
      if (response.ok) return { text, attempts: attempt, failures };
      retryable = isRetryable(response.status);
      failures.push({
        attempt,
        message: `HTTP ${response.status} ${response.statusText}: ${text.slice(0, 300)}`,
      });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      failures.push({
        attempt,
        message: timedOut
          ? `Quá thời gian chờ ${request.timeoutMs} ms / timed out`
          : `Lỗi kết nối / network error: ${(err as Error).cause ? String((err as Error).cause) : (err as Error).message}`,
      });
    }
    if (!retryable) break;
    if (attempt < request.maxAttempts) await sleep(baseDelayMs * 2 ** (attempt - 1));
  }
  const last = failures.at(-1)?.message ?? '';
  throw new PullFailed(
    `Không lấy được dữ liệu sau ${failures.length} lần thử / fetch failed: ${last}`,
    failures,
  );
}

/** The records of an answer: the array at `recordsPath` of a JSON answer, or the lines of a CSV one. */
export function extractRecords(
  text: string,
  format: 'json' | 'csv',
  recordsPath: string | null,
): Record<string, unknown>[] {
  if (format === 'csv') {
    const { header, rows } = parseCsv(text);
    return rows.map(({ cells }) => Object.fromEntries(header.map((h, i) => [h.trim(), cells[i] ?? ''])));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PullFailed('Dữ liệu trả về không phải JSON hợp lệ / the answer is not valid JSON', []);
  }
  const records = readPath(json, recordsPath ?? undefined);
  if (!Array.isArray(records)) {
    throw new PullFailed(
      `Không thấy mảng bản ghi tại "${recordsPath ?? '(gốc)'}" / no array of records at that path`,
      [],
    );
  }
  return records as Record<string, unknown>[];
}

export interface ConnectorMapping {
  indicator: FieldRef;
  unit: FieldRef;
  period: FieldRef;
  value: FieldRef;
  disaggregation?: FieldRef;
}

function resolve(record: Record<string, unknown>, ref: FieldRef): unknown {
  return 'constant' in ref ? ref.constant : readPath(record, ref.field);
}

/** Maps records to observation rows; validation happens in the observations write path. */
export function mapRecords(
  records: Record<string, unknown>[],
  mapping: ConnectorMapping,
  source: string,
): ObservationRow[] {
  return records.map((record) => ({
    indicator: resolve(record, mapping.indicator),
    unit: resolve(record, mapping.unit),
    period: resolve(record, mapping.period),
    value: resolve(record, mapping.value),
    ...(mapping.disaggregation ? { disaggregation: resolve(record, mapping.disaggregation) } : {}),
    source,
  }));
}

/** The largest cursor value among the records (numbers compared as numbers, the rest as text). */
export function maxCursor(
  records: Record<string, unknown>[],
  field: string,
  current: string | null,
): string | null {
  let best = current;
  for (const record of records) {
    const raw = readPath(record, field);
    if (raw === undefined || raw === null || raw === '') continue;
    const value = String(raw);
    const numeric =
      typeof raw === 'number' ||
      (/^-?\d+(\.\d+)?$/.test(value) && (best === null || /^-?\d+(\.\d+)?$/.test(best)));
    if (best === null || (numeric ? Number(value) > Number(best) : value > best)) best = value;
  }
  return best;
}
