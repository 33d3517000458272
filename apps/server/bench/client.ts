/**
 * The benchmark's HTTP client. It runs in a worker thread (see runClient in bench.ts) so that
 * building request bodies and reading responses does not share the server's event loop, as with
 * a real client on another machine.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toJsonBody, type Layout } from './data.js';

export interface IngestRequest {
  kind: 'ingest';
  baseUrl: string;
  apiKey: string;
  layout: Layout;
  /** Global row range [start, end) to send. */
  start: number;
  end: number;
  batch: number;
  inFlight: number;
}

export interface ReadRequest {
  kind: 'read';
  baseUrl: string;
  token: string;
  /** Request paths; the first `warmup` are sent but not timed. */
  paths: string[];
  warmup: number;
}

export type ClientRequest = IngestRequest | ReadRequest;

export type ClientMessage =
  | { type: 'progress'; done: number; total: number }
  | {
      type: 'ingest-done';
      seconds: number;
      rows: number;
      requests: number;
      requestMs: number[];
      /** When the last response arrived, in ms since the epoch (performance.now differs between threads). */
      lastAckAt: number;
    }
  | {
      type: 'read-done';
      latenciesMs: number[];
      /** Fewest units in one response, and fewest of them with a value. */
      minRows: number;
      minValued: number;
      meanBytes: number;
    }
  | { type: 'error'; message: string };

function post(message: ClientMessage): void {
  parentPort?.postMessage(message);
}

async function ingest(req: IngestRequest): Promise<void> {
  const requestMs: number[] = [];
  let next = req.start;
  let done = 0;
  let lastReport = 0;
  const total = req.end - req.start;
  const began = performance.now();
  const sender = async (): Promise<void> => {
    while (next < req.end) {
      const from = next;
      const to = Math.min(from + req.batch, req.end);
      next = to;
      const body = toJsonBody(req.layout, from, to);
      const t0 = performance.now();
      const res = await fetch(`${req.baseUrl}/api/v1/observations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': req.apiKey },
        body,
      });
      const text = await res.text();
      requestMs.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`POST /observations → ${res.status}: ${text.slice(0, 500)}`);
      const result = JSON.parse(text) as { inserted: number; updated: number; unchanged: number };
      if (result.inserted + result.updated + result.unchanged !== to - from)
        throw new Error(`POST /observations stored ${text.slice(0, 200)} for ${to - from} rows`);
      done += to - from;
      if (performance.now() - lastReport > 5000) {
        lastReport = performance.now();
        post({ type: 'progress', done, total });
      }
    }
  };
  await Promise.all(Array.from({ length: req.inFlight }, sender));
  const ended = performance.now();
  post({
    type: 'ingest-done',
    seconds: (ended - began) / 1000,
    rows: done,
    requests: requestMs.length,
    requestMs,
    lastAckAt: performance.timeOrigin + ended,
  });
}

async function read(req: ReadRequest): Promise<void> {
  const latenciesMs: number[] = [];
  let minRows = Infinity;
  let minValued = Infinity;
  let bytes = 0;
  for (const [index, path] of req.paths.entries()) {
    const t0 = performance.now();
    const res = await fetch(`${req.baseUrl}${path}`, { headers: { authorization: `Bearer ${req.token}` } });
    const text = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}: ${text.slice(0, 500)}`);
    if (index < req.warmup) continue;
    latenciesMs.push(ms);
    bytes += text.length;
    const body = JSON.parse(text) as { rows: Array<{ value: number | null }> };
    minRows = Math.min(minRows, body.rows.length);
    minValued = Math.min(minValued, body.rows.filter((r) => r.value !== null).length);
    if (latenciesMs.length % 100 === 0) post({ type: 'progress', done: latenciesMs.length, total: 0 });
  }
  post({
    type: 'read-done',
    latenciesMs,
    minRows,
    minValued,
    meanBytes: latenciesMs.length ? bytes / latenciesMs.length : 0,
  });
}

const request = workerData as ClientRequest;
(request.kind === 'ingest' ? ingest(request) : read(request)).catch((err: unknown) => {
  post({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
});
