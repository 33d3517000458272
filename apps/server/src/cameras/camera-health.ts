import type { CameraStatus, EventInput } from '@ioc/shared';
import { isInScope } from '../auth/policy.js';
import type { Db } from '../db/database.js';
import type { LiveHub } from '../stream/live-hub.js';
import { loadUnitTree } from '../units/unit-tree.js';
import type { CamerasService } from './cameras.service.js';

/** Hands an operational event to the events service (wired in app.ts). */
export type EmitEvent = (event: EventInput) => Promise<void>;

/** Repeated outages of one camera within this window are one event (same sourceId). */
const EVENT_BUCKET_MS = 15 * 60_000;
/** Playlists fetched at once: enough to check hundreds of cameras in seconds, gentle on the VMS. */
const CONCURRENCY = 16;

export interface CameraHealthOptions {
  /** How long a playlist may take to answer before the camera counts as offline. */
  timeoutMs: number;
  /** Resolves stream URLs given as a path on this server (`/media/...`). */
  baseUrl?: string;
  now?: () => Date;
  log?: (line: string) => void;
}

/** Fetches an HLS playlist; online when it answers 2xx with a body starting `#EXTM3U` in time. */
async function probe(url: string, timeoutMs: number): Promise<{ online: boolean; reason: string }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    const body = await response.text();
    if (!response.ok) return { online: false, reason: `HTTP ${response.status}` };
    if (!body.trimStart().startsWith('#EXTM3U')) return { online: false, reason: 'not an HLS playlist' };
    return { online: true, reason: 'ok' };
  } catch (error) {
    const name = (error as Error).name;
    return {
      online: false,
      reason: name === 'TimeoutError' ? `timeout ${timeoutMs} ms` : (error as Error).message,
    };
  }
}

/**
 * Checks every camera's HLS playlist, records online/offline with the time, publishes each change
 * on the live hub (`camera-status`), and raises an event when a camera goes offline. The offline
 * status is stored only after the event was accepted, so an outage is never silently lost: a
 * failed hand-over is retried on the next pass, under the same sourceId.
 */
export class CameraHealthChecker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly cameras: CamerasService,
    private readonly live: LiveHub,
    private readonly emitEvent: EmitEvent,
    private readonly options: CameraHealthOptions,
  ) {}

  /** Checks now and then every `intervalMs`, one pass at a time. */
  start(intervalMs: number): void {
    this.stopped = false;
    const loop = async () => {
      this.running = this.checkOnce().catch((error: unknown) =>
        this.options.log?.(`Kiểm tra camera lỗi / camera check failed: ${(error as Error).message}`),
      );
      await this.running;
      if (!this.stopped) this.timer = setTimeout(() => void loop(), intervalMs);
    };
    void loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  async checkOnce(): Promise<{ checked: number; online: number; offline: number; changed: number }> {
    const now = this.options.now ?? (() => new Date());
    const cameras = await this.cameras.allForHealthCheck();
    const results: { camera: (typeof cameras)[number]; status: CameraStatus; reason: string }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < cameras.length) {
        const camera = cameras[next++]!;
        const url = this.resolve(camera.stream_url);
        if (!url) continue;
        const { online, reason } = await probe(url, this.options.timeoutMs);
        results.push({ camera, status: online ? 'online' : 'offline', reason });
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, cameras.length) }, worker));

    const checkedAt = now();
    const readings = [];
    for (const { camera, status, reason } of results) {
      if (status === 'offline' && camera.status !== 'offline') {
        try {
          await this.emitEvent(this.offlineEvent(camera, reason, checkedAt));
        } catch (error) {
          this.options.log?.(
            `Chưa chuyển được sự kiện camera ${camera.code} / event hand-over failed: ${(error as Error).message}`,
          );
          continue;
        }
      }
      readings.push({ code: camera.code, status, checkedAt });
    }
    const changed = await this.cameras.recordStatuses(readings);
    if (changed.length > 0) {
      const tree = await loadUnitTree(this.db);
      const unitOf = new Map(cameras.map((c) => [c.code, c.unit_id]));
      for (const change of changed) {
        const unitId = unitOf.get(change.code) ?? null;
        this.live.publish({
          topic: 'camera-status',
          data: { ...change, checkedAt: change.checkedAt.toISOString() },
          audience: (actor) =>
            actor.kind !== 'anonymous' &&
            (actor.scopeUnitId === null || (unitId !== null && isInScope(actor, tree, unitId))),
        });
      }
    }
    const online = results.filter((r) => r.status === 'online').length;
    return { checked: results.length, online, offline: results.length - online, changed: changed.length };
  }

  private resolve(streamUrl: string): string | null {
    if (/^https?:\/\//i.test(streamUrl)) return streamUrl;
    return this.options.baseUrl ? new URL(streamUrl, this.options.baseUrl).href : null;
  }

  private offlineEvent(
    camera: Awaited<ReturnType<CamerasService['allForHealthCheck']>>[number],
    reason: string,
    at: Date,
  ): EventInput {
    const bucket = new Date(Math.floor(at.getTime() / EVENT_BUCKET_MS) * EVENT_BUCKET_MS).toISOString();
    return {
      source: 'camera-health',
      sourceId: `${camera.code}@${bucket}`,
      type: 'camera_offline',
      category: camera.type === 'security' ? 'ANTT' : 'ATGT',
      severity: 'minor',
      occurredAt: at.toISOString(),
      title: `Camera mất tín hiệu: ${camera.name} (${camera.code})`,
      description: `Không lấy được luồng HLS (${reason}). / The HLS stream cannot be fetched (${reason}).`,
      location: { type: 'Point', coordinates: [camera.lon, camera.lat] },
      ...(camera.unit_code ? { unitCode: camera.unit_code } : {}),
      cameraCode: camera.code,
      payload: { previousStatus: camera.status, streamUrl: camera.stream_url, reason },
    };
  }
}
