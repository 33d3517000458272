import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventInput } from '@ioc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CameraHealthChecker } from '../src/cameras/camera-health.js';
import type { LiveMessage } from '../src/stream/live-hub.js';
import { ENGINES, loadFixture, startTestApp, type TestContext } from './harness.js';

/**
 * A stand-in for a video management system: serves an HLS playlist per camera while the camera is
 * "up", answers 404 when it is down, and never answers for a camera that hangs.
 */
function startVms(): Promise<{ server: Server; base: string; up: Set<string> }> {
  const up = new Set<string>();
  const server = createServer((request, response) => {
    const code = /^\/hls\/([^/]+)\/index\.m3u8$/.exec(request.url ?? '')?.[1];
    if (code === 'HANG') return; // never answers
    if (code && up.has(code)) {
      response.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' });
      response.end('#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nseg0.ts\n');
      return;
    }
    response.writeHead(404).end('not found');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, up }),
    ),
  );
}

describe.each(ENGINES)('camera health checks on $name', (engine) => {
  let ctx: TestContext;
  let vms: Awaited<ReturnType<typeof startVms>>;
  const emitted: EventInput[] = [];
  const live: LiveMessage[] = [];
  let failNextEmit = false;
  let clock = new Date('2026-03-01T08:00:00Z');

  const status = async (code: string) =>
    await ctx.services.cameras.get(
      {
        kind: 'user',
        userId: 0,
        username: 't',
        role: 'administrator',
        organisationId: null,
        scopeUnitId: null,
      },
      code,
    );

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await loadFixture(ctx.services);
    await ctx.services.catalogue.upsertUnits('cli', [
      { code: 'C1', name: 'Xã Một', level: 'commune', parentCode: 'D1', centroid: [106.8, 11.5] },
    ]);
    vms = await startVms();
    const camera = (code: string, type: string, streamUrl: string) => ({
      code,
      name: `Camera ${code}`,
      type,
      lon: 106.8,
      lat: 11.5,
      streamUrl,
    });
    await ctx.services.cameras.importRows(
      'cli',
      [
        camera('CAM-A', 'traffic', `${vms.base}/hls/CAM-A/index.m3u8`),
        camera('CAM-B', 'security', `${vms.base}/hls/CAM-B/index.m3u8`),
        camera('CAM-H', 'traffic', `${vms.base}/hls/HANG/index.m3u8`),
        camera('CAM-L', 'security', '/hls/CAM-L/index.m3u8'),
      ],
      { partial: false },
    );
    ctx.services.live.subscribe((m) => live.push(m));
  });
  afterAll(async () => {
    await new Promise((resolve) => vms.server.close(resolve));
    vms.server.closeAllConnections();
    await ctx.close();
  });

  const checker = () =>
    new CameraHealthChecker(
      ctx.handle.db,
      ctx.services.cameras,
      ctx.services.live,
      async (event) => {
        if (failNextEmit) {
          failNextEmit = false;
          throw new Error('events service unavailable');
        }
        emitted.push(event);
      },
      { timeoutMs: 2000, baseUrl: vms.base, now: () => clock },
    );

  it('marks cameras whose playlist answers online, the others offline, with the time, and raises one event per outage', async () => {
    vms.up.add('CAM-A');
    vms.up.add('CAM-L');
    const result = await checker().checkOnce();
    expect(result).toEqual({ checked: 4, online: 2, offline: 2, changed: 4 });
    expect(await status('CAM-A')).toMatchObject({ status: 'online', statusCheckedAt: clock.toISOString() });
    // A path on the IOC's own server is resolved against its address.
    expect((await status('CAM-L')).status).toBe('online');
    expect((await status('CAM-H')).status).toBe('offline');
    expect(emitted.map((e) => e.cameraCode).sort()).toEqual(['CAM-B', 'CAM-H']);
    expect(emitted.find((e) => e.cameraCode === 'CAM-B')).toMatchObject({
      source: 'camera-health',
      sourceId: 'CAM-B@2026-03-01T08:00:00.000Z',
      type: 'camera_offline',
      category: 'ANTT',
      unitCode: 'C1',
      occurredAt: clock.toISOString(),
      location: { type: 'Point', coordinates: [106.8, 11.5] },
    });
    expect(emitted.find((e) => e.cameraCode === 'CAM-H')?.payload).toMatchObject({
      reason: 'timeout 2000 ms',
    });
    expect(live.filter((m) => m.topic === 'camera-status').map((m) => m.data)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'CAM-A', status: 'online', previous: 'unknown' }),
        expect.objectContaining({ code: 'CAM-B', status: 'offline', previous: 'unknown' }),
      ]),
    );
  });

  it('sees a stream stop and come back; a camera still down raises nothing new', async () => {
    emitted.length = 0;
    live.length = 0;
    vms.up.delete('CAM-A');
    clock = new Date('2026-03-01T08:01:00Z');
    expect(await checker().checkOnce()).toMatchObject({ online: 1, offline: 3, changed: 1 });
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatchObject({
      cameraCode: 'CAM-A',
      category: 'ATGT',
      sourceId: 'CAM-A@2026-03-01T08:00:00.000Z',
    });
    expect(await status('CAM-A')).toMatchObject({ status: 'offline', statusChangedAt: clock.toISOString() });
    expect(await status('CAM-B')).toMatchObject({
      statusCheckedAt: clock.toISOString(),
      statusChangedAt: '2026-03-01T08:00:00.000Z',
    });
    const anonymousSees = live[0]!.audience!({ kind: 'anonymous' });
    expect(anonymousSees).toBe(false);

    vms.up.add('CAM-A');
    clock = new Date('2026-03-01T08:02:00Z');
    expect(await checker().checkOnce()).toMatchObject({ changed: 1 });
    expect((await status('CAM-A')).status).toBe('online');
    expect(emitted).toHaveLength(1);
  });

  it('keeps a camera online until its outage event is handed over, then retries under the same sourceId', async () => {
    emitted.length = 0;
    vms.up.delete('CAM-A');
    failNextEmit = true;
    clock = new Date('2026-03-01T08:03:00Z');
    expect(await checker().checkOnce()).toMatchObject({ changed: 0 });
    expect((await status('CAM-A')).status).toBe('online');
    expect(emitted).toEqual([]);
    clock = new Date('2026-03-01T08:04:00Z');
    expect(await checker().checkOnce()).toMatchObject({ changed: 1 });
    expect(emitted.map((e) => e.sourceId)).toEqual(['CAM-A@2026-03-01T08:00:00.000Z']);
  });

  it('runs on an interval once started and stops cleanly', async () => {
    vms.up.add('CAM-A');
    clock = new Date('2026-03-01T09:00:00Z');
    const running = checker();
    running.start(50);
    await expect.poll(async () => (await status('CAM-A')).status, { timeout: 5000 }).toBe('online');
    await running.stop();
  });
});
