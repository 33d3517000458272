/**
 * Cameras: how long a health-check pass takes over a large registry, and what a nearby query
 * costs, each against a baseline measured in the same run.
 *
 * 1. Health: CAMERAS cameras (5,000 × BENCH_SCALE) whose playlists a local HTTP server answers
 *    after 20 ms (a VMS on the LAN), 3 % of them down. Baseline: the same playlist fetches with the
 *    same concurrency and nothing else; the pass adds reading the registry and recording statuses.
 * 2. Nearby: GET /api/v1/cameras/nearby (1 km) through the HTTP stack with a session, against the
 *    bounding-box SELECT it runs.
 *
 * Runs on an in-memory PGlite. Writes its section into docs/PERFORMANCE.md between
 * `<!-- bench:cameras:begin -->` and `<!-- bench:cameras:end -->` (BENCH_REPORT=- to skip).
 * Run: node --import tsx apps/server/bench/cameras.bench.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, createServices } from '../src/app.js';
import { CameraHealthChecker } from '../src/cameras/camera-health.js';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { describeMachine, describeSources } from './machine.js';

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
if (!(SCALE > 0)) throw new Error(`BENCH_SCALE must be a positive number, not "${process.env.BENCH_SCALE}"`);
const CAMERAS = Math.max(50, Math.round(5_000 * SCALE));
const LATENCY_MS = 20;
const CONCURRENCY = 16;
const QUERIES = 300;
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPORT =
  process.env.BENCH_REPORT === '-'
    ? null
    : (process.env.BENCH_REPORT ?? path.resolve(HERE, '../../../docs/PERFORMANCE.md'));

const ms = (v: number) => `${v.toFixed(1)} ms`;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function main() {
  const down = (i: number) => i % 33 === 0;
  const vms = createServer((request, response) => {
    const index = Number(/\/cam\/(\d+)\//.exec(request.url ?? '')?.[1]);
    setTimeout(() => {
      if (down(index)) return response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' });
      response.end('#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nseg0.ts\n');
    }, LATENCY_MS);
  });
  await new Promise<void>((resolve) => vms.listen(0, '127.0.0.1', resolve));
  const vmsBase = `http://127.0.0.1:${(vms.address() as AddressInfo).port}`;

  const handle = await openDatabase({ dataDir: 'memory://' });
  await migrate(handle.db);
  const services = createServices(handle, { SESSION_HOURS: 1 }, undefined, { emitEvent: async () => {} });
  await services.catalogue.upsertUnits('cli', [
    { code: 'P', name: 'Tỉnh', level: 'province', centroid: [106.9, 11.75] },
    { code: 'D', name: 'Huyện', level: 'district', parentCode: 'P', centroid: [106.9, 11.75] },
  ]);
  const cameras = Array.from({ length: CAMERAS }, (_, i) => ({
    code: `B-${i}`,
    name: `Camera ${i}`,
    type: i % 3 === 0 ? 'security' : 'traffic',
    // A 0.8° × 0.8° square around the province centre, like a province's spread.
    lon: 106.5 + ((i * 7919) % 1000) / 1250,
    lat: 11.35 + ((i * 104729) % 1000) / 1250,
    streamUrl: `${vmsBase}/cam/${i}/index.m3u8`,
  }));
  for (let i = 0; i < cameras.length; i += 2000)
    await services.cameras.importRows('cli', cameras.slice(i, i + 2000), { partial: false, audit: 'import' });

  // 1. Health pass vs bare fetches (timed before and after the passes; the faster run counts, as
  // the machine's load drifts).
  const bareFetches = async () => {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < cameras.length) {
          const camera = cameras[next++]!;
          const response = await fetch(camera.streamUrl, { signal: AbortSignal.timeout(5000) });
          await response.text();
        }
      }),
    );
    return performance.now() - started;
  };
  const bareBefore = await bareFetches();
  const checker = new CameraHealthChecker(handle.db, services.cameras, services.live, services.emitEvent, {
    timeoutMs: 5000,
  });
  const t1 = performance.now();
  const first = await checker.checkOnce();
  const firstMs = performance.now() - t1;
  const t2 = performance.now();
  await checker.checkOnce();
  const steadyMs = performance.now() - t2;
  const bareMs = Math.min(bareBefore, await bareFetches());

  // 2. Nearby through HTTP vs its SQL.
  const app = await buildApp(handle, services);
  await services.auth.createUser('cli', {
    username: 'bench',
    displayName: 'bench',
    role: 'operator',
    password: 'mat-khau-bench-123',
  });
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'bench', password: 'mat-khau-bench-123' },
  });
  const token = (login.json() as { token: string }).token;
  const points = Array.from(
    { length: QUERIES },
    (_, i) => [106.6 + (i % 17) / 30, 11.4 + (i % 13) / 20] as const,
  );
  const http: number[] = [];
  let found = 0;
  for (const [lon, lat] of points) {
    const s = performance.now();
    const r = await app.inject({
      method: 'GET',
      url: `/api/v1/cameras/nearby?lon=${lon}&lat=${lat}&radiusM=1000`,
      headers: { authorization: `Bearer ${token}` },
    });
    http.push(performance.now() - s);
    found += (r.json() as { cameras: unknown[] }).cameras.length;
  }
  const sqlTimes: number[] = [];
  for (const [lon, lat] of points) {
    const dLat = 1000 / 111_320;
    const dLon = 1000 / (111_320 * Math.cos((lat * Math.PI) / 180));
    const s = performance.now();
    await handle.db
      .selectFrom('cameras')
      .selectAll()
      .where('lat', '>=', lat - dLat)
      .where('lat', '<=', lat + dLat)
      .where('lon', '>=', lon - dLon)
      .where('lon', '<=', lon + dLon)
      .execute();
    sqlTimes.push(performance.now() - s);
  }
  await app.close();
  await handle.close();
  vms.close();

  const machine = describeMachine();
  const lines = [
    `Cameras: ${CAMERAS.toLocaleString('en')} (BENCH_SCALE ${SCALE}), playlists answered after ${LATENCY_MS} ms, ${CONCURRENCY} fetches at a time; in-memory PGlite. Sources: ${describeSources()}. Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.date}.`,
    '',
    '| figure | measured | baseline | ratio |',
    '|---|---|---|---|',
    `| health pass, first (${first.changed} status changes, ${first.offline} offline) | ${ms(firstMs)} | bare fetches ${ms(bareMs)} | ${(firstMs / bareMs).toFixed(2)} |`,
    `| health pass, steady (no change) | ${ms(steadyMs)} | bare fetches ${ms(bareMs)} | ${(steadyMs / bareMs).toFixed(2)} |`,
    `| nearby 1 km via HTTP, p50 (${(found / QUERIES).toFixed(1)} cameras found on average) | ${ms(percentile(http, 50))} | its SELECT p50 ${ms(percentile(sqlTimes, 50))} | ${(percentile(http, 50) / percentile(sqlTimes, 50)).toFixed(1)} |`,
    `| nearby 1 km via HTTP, p95 | ${ms(percentile(http, 95))} | its SELECT p95 ${ms(percentile(sqlTimes, 95))} | ${(percentile(http, 95) / percentile(sqlTimes, 95)).toFixed(1)} |`,
  ];
  console.log(lines.join('\n'));
  if (REPORT) {
    const begin = '<!-- bench:cameras:begin -->';
    const end = '<!-- bench:cameras:end -->';
    const text = existsSync(REPORT) ? readFileSync(REPORT, 'utf8') : '';
    const section = `${begin}\n### Cameras (\`node --import tsx apps/server/bench/cameras.bench.ts\`)\n\n${lines.join('\n')}\n${end}`;
    const updated = text.includes(begin)
      ? text.slice(0, text.indexOf(begin)) + section + text.slice(text.indexOf(end) + end.length)
      : `${text.trimEnd()}\n\n${section}\n`;
    writeFileSync(REPORT, updated);
  }
}

await main();
