/**
 * Map of now in Chromium (not a test: numbers, no pass/fail): time from navigation to
 * /operations until the map has drawn its events layer, with 100,000 event groups against the
 * same map with none (baseline), median of 3 runs each. The data-layer-totals the map writes after
 * drawing is each layer's total weight, so the run waits until the clusters of all 100,000 are drawn.
 *
 *   node --import tsx apps/web/test/operations-map.bench.ts     # BENCH_SCALE=0.1: 10,000 points
 *
 * Headless Chromium here renders WebGL in software (SwiftShader) on shared cores: a desktop with
 * a GPU draws faster, so these figures are an upper bound. Writes its section into
 * docs/PERFORMANCE.md between `<!-- bench:events-map:begin -->` and `<!-- bench:events-map:end -->`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { chromium, type Page } from 'playwright-core';
import { buildApp } from '../../server/src/app.js';
import { BENCH_OPERATOR, openOperationsProvince } from '../../server/bench/operations-province.js';
import { CHROMIUM, ensureWebBuild } from './browser-harness';

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const POINTS = Math.round(100_000 * SCALE);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPORT =
  process.env.BENCH_REPORT === '-'
    ? null
    : (process.env.BENCH_REPORT ?? path.resolve(HERE, '../../../docs/PERFORMANCE.md'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** ms from navigation start until the map has drawn `expected` events. */
async function drawnAt(page: Page, expected: number): Promise<number> {
  const handle = await page.waitForFunction(
    (n) => {
      const totals = document.querySelector('[data-layer-totals]')?.getAttribute('data-layer-totals');
      return totals && (JSON.parse(totals) as { events?: number }).events === n ? performance.now() : false;
    },
    expected,
    { polling: 'raf', timeout: 300_000 },
  );
  return (await handle.jsonValue()) as number;
}

async function main(): Promise<void> {
  ensureWebBuild();
  const { handle, services } = await openOperationsProvince();
  const app = await buildApp(handle, services);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless=new',
      '--disable-gpu',
      '--use-gl=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'vi-VN' });
  await context.route('**/*', (route) =>
    new URL(route.request().url()).origin === base ? route.continue() : route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('Tên đăng nhập').fill(BENCH_OPERATOR.username);
  await page.getByLabel('Mật khẩu').fill(BENCH_OPERATOR.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(`${base}/`);

  const measure = async (expected: number) => {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(`${base}/operations`);
      runs.push(await drawnAt(page, expected));
    }
    return runs;
  };
  const empty = await measure(0);
  // 100,000 event groups spread over the province (about 0.9° × 0.7°), in one statement.
  await sql`
    INSERT INTO event_groups (source, type, category, severity, title, lon, lat, first_at, last_at, event_count)
    SELECT 'bench', 'traffic_accident', 'ATGT', 'minor', 'Sự kiện thử ' || g,
           106.45 + random() * 0.9, 11.35 + random() * 0.75, now() - interval '1 hour', now(), 1
    FROM generate_series(1, ${POINTS}) AS g`.execute(handle.db);
  const full = await measure(POINTS);
  await browser.close();
  await app.close();
  await handle.close();

  const lines = [
    `Map of now (/operations) in headless Chromium (SwiftShader), navigation → events layer drawn, median of 3; load average ${loadavg()[0]!.toFixed(1)} at the end:`,
    '',
    '| points | first draw | baseline (no points) | ratio |',
    '|---|---|---|---|',
    `| ${POINTS.toLocaleString('en')} | ${median(full).toFixed(0)} ms (${full.map((x) => x.toFixed(0)).join(', ')}) | ${median(empty).toFixed(0)} ms (${empty.map((x) => x.toFixed(0)).join(', ')}) | ${(median(full) / median(empty)).toFixed(2)} |`,
    '',
    'The server clusters the points on screen (GET /api/v1/events/clusters with zoom and bbox: one SQL aggregate into grid cells, exact counts), so the browser draws a few hundred features whatever the number of points.',
  ];
  console.log(lines.join('\n'));
  if (REPORT) {
    const begin = '<!-- bench:events-map:begin -->';
    const end = '<!-- bench:events-map:end -->';
    let text = existsSync(REPORT) ? readFileSync(REPORT, 'utf8') : '# Performance\n';
    if (!text.includes(begin)) text = `${text.trimEnd()}\n\n${begin}\n${end}\n`;
    const section = `${begin}\n## Live operations: map of now with ${POINTS.toLocaleString('en')} points (${new Date().toISOString().slice(0, 10)})\n\n${lines.join('\n')}\n${end}`;
    text = text.slice(0, text.indexOf(begin)) + section + text.slice(text.indexOf(end) + end.length);
    writeFileSync(REPORT, text);
  }
  process.exit(0);
}

void main();
