/**
 * Browser tests: the real server in-process (a fresh in-memory PGlite with one year of the demo
 * province), the production build of the web app, and Debian's Chromium driven by playwright-core.
 * Every request that leaves 127.0.0.1 is aborted and recorded, and the suite fails if there was one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApp, createServices, type Services } from '../../server/src/app.js';
import type { Clock } from '../../server/src/clock.js';
import { openDatabase } from '../../server/src/db/database.js';
import { migrate } from '../../server/src/db/migrate.js';
import { createDemoUsers } from '../../server/src/seed/demo-users.js';
import { seedDemo } from '../../server/src/seed/seed-demo.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = process.env.IOC_SCREENSHOT_DIR ?? '/tmp/ioc-screenshots';
const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED_SRC = path.resolve(WEB, '../../packages/shared/src');

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(target).map((name) => newestMtime(path.join(target, name))));
}

/** Builds the web app with Vite when dist/ is missing or older than its sources. */
export function ensureWebBuild(): void {
  const built = newestMtime(path.join(WEB, 'dist/index.html'));
  const sources = Math.max(
    newestMtime(path.join(WEB, 'src')),
    newestMtime(path.join(WEB, 'index.html')),
    newestMtime(path.join(WEB, 'vite.config.ts')),
    newestMtime(SHARED_SRC),
  );
  if (built > sources) return;
  execFileSync(
    process.execPath,
    [path.join(WEB, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: WEB,
      stdio: 'inherit',
    },
  );
}

export interface BrowserHarness {
  base: string;
  services: Services;
  browser: Browser;
  /** Requests that tried to leave the machine (must stay empty). */
  external: string[];
  /** Console errors and uncaught page errors. */
  pageErrors: string[];
  newPage(options?: { width?: number; height?: number }): Promise<Page>;
  login(page: Page, username: string): Promise<void>;
  screenshot(page: Page, name: string, fullPage?: boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * `clock`: the server's time source, for tests that move time forward (deadlines, escalations).
 * `mediaDir`: a folder the server serves at /media/ (e.g. an HLS stream a test generates).
 */
export async function startBrowserHarness(
  options: { clock?: Clock; mediaDir?: string } = {},
): Promise<BrowserHarness> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: run scripts/ensure-system-packages.sh (Debian's chromium package).`,
    );
  }
  ensureWebBuild();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const handle = await openDatabase({ dataDir: 'memory://' });
  await migrate(handle.db);
  const services = createServices(handle, { SESSION_HOURS: 1 }, options.clock);
  await seedDemo(services, { from: '2024-01-01', to: '2024-12-31' });
  await createDemoUsers(services);
  const app = await buildApp(handle, services, {
    demo: true,
    ...(options.mediaDir ? { mediaDir: options.mediaDir } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless=new',
      '--disable-gpu',
      '--use-gl=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const external: string[] = [];
  const pageErrors: string[] = [];
  const contexts: BrowserContext[] = [];

  return {
    base,
    services,
    browser,
    external,
    pageErrors,
    async newPage({ width = 1600, height = 1000 } = {}) {
      const context = await browser.newContext({
        viewport: { width, height },
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
      });
      contexts.push(context);
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.origin === base || url.protocol === 'data:' || url.protocol === 'blob:')
          return route.continue();
        external.push(url.href);
        return route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      return page;
    },
    async login(page, username) {
      await page.goto(`${base}/login`);
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu').fill('demo-ioc-2025');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(`${base}/`);
      await page.getByTestId('user-menu').waitFor();
    },
    async screenshot(page, name, fullPage = false) {
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage });
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await app.close();
      await services.refresher.drain();
      await handle.close();
    },
  };
}

/** Waits until the map inside `scope` has drawn data for `indicator` (and period, when given). */
export async function waitForMap(page: Page, indicator: string, period?: string): Promise<void> {
  await page.waitForFunction(
    ([code, p]) =>
      [...document.querySelectorAll('[data-map-drawn]')].some((el) => {
        const [drawnCode, drawnPeriod] = (el.getAttribute('data-map-drawn') ?? '').split('|');
        return drawnCode === code && (!p || drawnPeriod === p);
      }),
    [indicator, period] as const,
    { timeout: 30_000 },
  );
}
