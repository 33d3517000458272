/**
 * Overview performance in Chromium (not a test: numbers, no pass/fail):
 *   - time from navigation until the overview is fully drawn (map idle with data, tiles, warnings),
 *     cold (empty cache) and warm;
 *   - time from choosing another indicator (the select's change event, timed in the page) until the
 *     map has redrawn it, labels included (MapLibre idle);
 *   - the JavaScript the overview loads, raw and gzip.
 * Baselines from the same run: the page's own load event (HTML, scripts and styles fetched and
 * run) for the full draw, and a bare fetch of the data the switch loads for the redraw.
 * Written to docs/PERFORMANCE.md (section `overview`) unless BENCH_REPORT=-.
 *
 *   node --import tsx apps/web/test/overview.bench.ts                 # own server, demo year 2024
 *   node --import tsx apps/web/test/overview.bench.ts --url http://127.0.0.1:8080   # a running server
 *
 * Headless Chromium here renders WebGL in software (SwiftShader) on 2 shared cores: a desktop
 * with a GPU draws faster, so these figures are an upper bound.
 */
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { writeReportSection } from '../../server/bench/report';
import { startBrowserHarness, type BrowserHarness } from './browser-harness';

const SWITCHES = ['DVC_TY_LE_DUNG_HAN', 'DL_LUOT_KHACH', 'KTXH_XUAT_KHAU', 'MT_PM25', 'KTXH_BAN_LE'];

const kb = (bytes: number) => (bytes / 1024).toFixed(0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** ms since navigation start when the overview is complete: map drawn with data, tiles and warnings shown. */
async function drawnAt(page: Page): Promise<{ drawn: number; loaded: number }> {
  const handle = await page.waitForFunction(
    () => {
      const map = document.querySelector('[data-map-drawn]');
      const drawn = map && (map.getAttribute('data-map-drawn') ?? '') !== '';
      const tiles = document.querySelectorAll('[data-testid=indicator-tile]').length > 0;
      const warnings = document.querySelector('[data-testid=warning-list], .warnings-card .muted');
      return drawn && tiles && warnings ? performance.now() : false;
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  const drawn = (await handle.jsonValue()) as number;
  const loaded = await page.evaluate(async () => {
    for (;;) {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      if (nav && nav.loadEventEnd > 0) return nav.loadEventEnd;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  return { drawn, loaded };
}

async function main(): Promise<void> {
  const urlArg = process.argv.indexOf('--url');
  let harness: BrowserHarness | null = null;
  let base: string;
  let newPage: (o?: { width?: number; height?: number }) => Promise<Page>;
  let browserVersion: string;
  if (urlArg > 0 && process.argv[urlArg + 1]) {
    base = process.argv[urlArg + 1] as string;
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless=new',
        '--disable-gpu',
        '--use-gl=swiftshader',
        '--enable-unsafe-swiftshader',
      ],
    });
    newPage = async ({ width = 1600, height = 1000 } = {}) =>
      (await browser.newContext({ viewport: { width, height } })).newPage();
    browserVersion = browser.version();
    process.on('exit', () => void browser.close());
  } else {
    harness = await startBrowserHarness();
    base = harness.base;
    newPage = harness.newPage;
    browserVersion = harness.browser.version();
  }

  const cold: number[] = [];
  const warm: number[] = [];
  const coldLoad: number[] = [];
  const switches: number[] = [];
  const fetches: number[] = [];
  const scripts = new Map<string, { raw: number; gzip: number }>();
  for (let round = 0; round < 3; round++) {
    const page = await newPage();
    if (round === 0) {
      page.on('response', (response) => {
        if (response.request().resourceType() !== 'script') return;
        response.body().then(
          (body) =>
            scripts.set(new URL(response.url()).pathname, { raw: body.length, gzip: gzipSync(body).length }),
          () => {}, // a redirect or cached answer has no body
        );
      });
    }
    await page.goto(`${base}/`);
    const first = await drawnAt(page);
    cold.push(first.drawn);
    coldLoad.push(first.loaded);
    await page.goto(`${base}/`);
    warm.push((await drawnAt(page)).drawn);

    if (round === 0) {
      for (const code of SWITCHES) {
        const dataUrls: string[] = [];
        const onRequest = (request: { url(): string }) => {
          if (request.url().includes('/api/v1/')) dataUrls.push(request.url());
        };
        page.on('request', onRequest);
        // Timed inside the page, from the select's change event (the user's choice) to the moment
        // the map writes what it has drawn, so the test driver's own round trips are not counted.
        await page.evaluate((c) => {
          const probe = window as unknown as { switchTimes?: Promise<number> };
          probe.switchTimes = new Promise<number>((resolve) => {
            let changedAt = 0;
            document.addEventListener('change', (event) => (changedAt = event.timeStamp), {
              capture: true,
              once: true,
            });
            const observer = new MutationObserver(() => {
              const drawn = document.querySelector('[data-map-drawn]')?.getAttribute('data-map-drawn') ?? '';
              if (changedAt > 0 && drawn.startsWith(`${c}|`)) {
                observer.disconnect();
                resolve(performance.now() - changedAt);
              }
            });
            observer.observe(document.body, {
              attributes: true,
              subtree: true,
              attributeFilter: ['data-map-drawn'],
            });
          });
        }, code);
        await page.getByLabel('Chỉ tiêu', { exact: true }).selectOption(code);
        switches.push(
          await page.evaluate(() => (window as unknown as { switchTimes: Promise<number> }).switchTimes),
        );
        page.off('request', onRequest);
        // Baseline: the same data requests, fetched bare (no cache) from the same page.
        fetches.push(
          await page.evaluate(async (urls) => {
            const t0 = performance.now();
            await Promise.all(urls.map((u) => fetch(u, { cache: 'no-store' }).then((r) => r.text())));
            return performance.now() - t0;
          }, dataUrls),
        );
      }
    }
    await page.context().close();
  }
  let raw = 0;
  let gzip = 0;
  const scriptLines: string[] = [];
  for (const [name, size] of [...scripts].sort((a, b) => b[1].gzip - a[1].gzip)) {
    raw += size.raw;
    gzip += size.gzip;
    scriptLines.push(`| \`${name}\` | ${kb(size.raw)} | ${kb(size.gzip)} |`);
  }
  const row = (name: string, value: number, baseline: number, target: string) =>
    `| ${name} | ${value.toFixed(0)} ms | ${baseline.toFixed(0)} ms | ${(value / baseline).toFixed(1)} | ${target} |`;
  const block = [
    `Chromium ${browserVersion}, headless, WebGL in software (SwiftShader); ${cpus().length} cores; demo year 2024; medians of ${cold.length} navigations and ${switches.length} switches; ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '| figure | value | baseline | ratio | target |',
    '|---|---|---|---|---|',
    row(
      'overview fully drawn after navigation, cold (baseline: the page load event)',
      median(cold),
      median(coldLoad),
      '≤ 2,000 ms',
    ),
    row(
      'overview fully drawn, warm cache (baseline: cold load event)',
      median(warm),
      median(coldLoad),
      '≤ 2,000 ms',
    ),
    row(
      'indicator switch (change event) → map redrawn with labels (baseline: bare fetch of the same data)',
      median(switches),
      median(fetches),
      '≤ 200 ms',
    ),
    '',
    `Every value: cold ${cold.map((c) => c.toFixed(0)).join(', ')} ms; warm ${warm.map((c) => c.toFixed(0)).join(', ')} ms; switches ${switches.map((c) => c.toFixed(0)).join(', ')} ms.`,
    '',
    '| JavaScript loaded by the overview | raw kB | gzip kB |',
    '|---|---|---|',
    ...scriptLines,
    `| **total** | ${kb(raw)} | ${kb(gzip)} |`,
  ].join('\n');
  console.log(block);
  writeReportSection('overview', 'Overview in Chromium', block);
  await harness?.close();
  process.exit(0);
}

await main();
