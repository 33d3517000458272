/**
 * Overview performance in Chromium (not a test: numbers, no pass/fail):
 *   - time from navigation until the overview is fully drawn (map idle with data, tiles, warnings),
 *     cold (empty cache) and warm;
 *   - time from choosing another indicator until the map has redrawn it;
 *   - the JavaScript the overview loads, raw and gzip.
 *
 *   node --import tsx apps/web/test/overview.bench.ts                 # own server, demo year 2024
 *   node --import tsx apps/web/test/overview.bench.ts --url http://127.0.0.1:8080   # a running server
 *
 * Headless Chromium here renders WebGL in software (SwiftShader) on 2 shared cores: a desktop
 * with a GPU draws faster, so these figures are an upper bound.
 */
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { startBrowserHarness, type BrowserHarness } from './browser-harness';

const SWITCHES = ['DVC_TY_LE_DUNG_HAN', 'DL_LUOT_KHACH', 'KTXH_XUAT_KHAU', 'MT_PM25', 'KTXH_BAN_LE'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** ms since navigation start when the overview is complete: map drawn with data, tiles and warnings shown. */
async function drawnAt(page: Page): Promise<number> {
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
  return (await handle.jsonValue()) as number;
}

async function main(): Promise<void> {
  const urlArg = process.argv.indexOf('--url');
  let harness: BrowserHarness | null = null;
  let base: string;
  let newPage: (o?: { width?: number; height?: number }) => Promise<Page>;
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
    process.on('exit', () => void browser.close());
  } else {
    harness = await startBrowserHarness();
    base = harness.base;
    newPage = harness.newPage;
  }

  const cold: number[] = [];
  const warm: number[] = [];
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
    cold.push(await drawnAt(page));
    await page.goto(`${base}/`);
    warm.push(await drawnAt(page));

    if (round === 0) {
      const switches: number[] = [];
      for (const code of SWITCHES) {
        const started = await page.evaluate(() => performance.now());
        await page.getByLabel('Chỉ tiêu', { exact: true }).selectOption(code);
        const handle = await page.waitForFunction(
          (c) =>
            (document.querySelector('[data-map-drawn]')?.getAttribute('data-map-drawn') ?? '').startsWith(
              `${c}|`,
            )
              ? performance.now()
              : false,
          code,
          { polling: 'raf', timeout: 30_000 },
        );
        switches.push(((await handle.jsonValue()) as number) - started);
      }
      console.log(
        `indicator switch → map redrawn: median ${median(switches).toFixed(0)} ms (${switches.map((s) => s.toFixed(0)).join(', ')})`,
      );
    }
    await page.context().close();
  }
  console.log(
    `overview fully drawn after navigation: cold median ${median(cold).toFixed(0)} ms (${cold.map((c) => c.toFixed(0)).join(', ')}), warm median ${median(warm).toFixed(0)} ms (${warm.map((c) => c.toFixed(0)).join(', ')})`,
  );
  let raw = 0;
  let gzip = 0;
  console.log('JavaScript loaded by the overview (worker included):');
  for (const [name, size] of [...scripts].sort((a, b) => b[1].gzip - a[1].gzip)) {
    raw += size.raw;
    gzip += size.gzip;
    console.log(
      `  ${name.padEnd(48)} ${(size.raw / 1024).toFixed(0).padStart(6)} kB  gzip ${(size.gzip / 1024).toFixed(0).padStart(5)} kB`,
    );
  }
  console.log(
    `  ${'total'.padEnd(48)} ${(raw / 1024).toFixed(0).padStart(6)} kB  gzip ${(gzip / 1024).toFixed(0).padStart(5)} kB`,
  );
  await harness?.close();
  process.exit(0);
}

await main();
