import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBrowserHarness, waitForMap, type BrowserHarness } from './browser-harness';

/**
 * The operations dashboard in a real browser (Debian's Chromium, headless) against the real
 * server with one year of the demo province, every non-local request blocked.
 */
describe('operations dashboard in Chromium', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 300_000);

  afterAll(async () => {
    await h?.close();
    // Offline is a requirement: no CDN, font, tile or any other request may leave the machine.
    expect(h?.external ?? []).toEqual([]);
    expect(h?.pageErrors ?? []).toEqual([]);
  });

  const anchorOf = async (page: Page, code: string): Promise<[number, number]> => {
    const map = page.locator('[data-unit-anchors]').first();
    const anchors = JSON.parse((await map.getAttribute('data-unit-anchors')) ?? '{}') as Record<
      string,
      [number, number]
    >;
    const box = await map.boundingBox();
    const anchor = anchors[code];
    if (!anchor || !box) throw new Error(`unit ${code} is not on the map`);
    return [box.x + anchor[0], box.y + anchor[1]];
  };

  it('overview: every district coloured on the map, legend, tiles and warnings in Vietnamese', async () => {
    const page = await h.newPage();
    await page.goto(`${h.base}/`);
    await waitForMap(page, 'KTXH_BAN_LE', '2024-12');
    await expect
      .poll(() => page.locator('[data-rendered-units]').getAttribute('data-rendered-units'))
      .toBe('11');

    await expect
      .poll(() => page.getByTestId('demo-notice').textContent())
      .toBe('Dữ liệu minh họa (tổng hợp, không phải số liệu thật)');
    const legend = page.getByTestId('legend').first();
    for (const word of [
      'Xanh (đạt)',
      'Vàng (theo dõi)',
      'Cam (cảnh báo)',
      'Đỏ (nghiêm trọng)',
      'Chưa có số liệu',
    ]) {
      expect(await legend.textContent()).toContain(word);
    }
    // All 11 districts have a value: none counted as "no data" in the legend.
    expect(await legend.locator('[data-level=no_data]').textContent()).toContain('(0)');
    expect(await page.getByTestId('schematic-note').textContent()).toContain('Sơ đồ minh họa');
    // Default period: the latest month with data, in Vietnamese; numbers as 1.234,5.
    expect(await page.getByLabel('Kỳ số liệu', { exact: true }).locator('option:checked').textContent()).toBe(
      'Tháng 12/2024',
    );
    const tiles = page.getByTestId('indicator-tile');
    expect(await tiles.count()).toBeGreaterThan(10);
    expect(await page.locator('.tile-value').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\d{1,3}(\.\d{3})+(,\d+)?\s/)]),
    );
    expect(await page.getByTestId('warning-list').locator('li').count()).toBeGreaterThan(0);
    await h.screenshot(page, 'overview', true);
  });

  it('overview: changing indicator, period and colouring redraws the map and keeps the state in the URL', async () => {
    const page = await h.newPage();
    await page.goto(`${h.base}/`);
    await waitForMap(page, 'KTXH_BAN_LE', '2024-12');
    await page.getByLabel('Chỉ tiêu', { exact: true }).selectOption('DVC_TY_LE_DUNG_HAN');
    await waitForMap(page, 'DVC_TY_LE_DUNG_HAN', '2024-12');
    await page.getByLabel('Kỳ số liệu', { exact: true }).selectOption('2024-06');
    await waitForMap(page, 'DVC_TY_LE_DUNG_HAN', '2024-06');
    await page.getByText('Giá trị', { exact: true }).click();
    await expect.poll(() => page.getByTestId('unit-map').getAttribute('data-colour-by')).toBe('value');
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({
      indicator: 'DVC_TY_LE_DUNG_HAN',
      period: '2024-06',
      colour: 'value',
    });

    // The URL alone reproduces the view (a shared link).
    const shared = await h.newPage();
    await shared.goto(page.url());
    await waitForMap(shared, 'DVC_TY_LE_DUNG_HAN', '2024-06');
    expect(await shared.getByTestId('unit-map').getAttribute('data-colour-by')).toBe('value');
    await h.screenshot(shared, 'overview-by-value');
  });

  it('clicking a district on the map opens its scorecard, and a commune can be drilled into from there', async () => {
    const page = await h.newPage();
    await page.goto(`${h.base}/`);
    await waitForMap(page, 'KTXH_BAN_LE');
    const [x, y] = await anchorOf(page, '689');
    await page.mouse.click(x, y);
    await page.waitForURL(/\/unit\/689\?period=2024-12$/);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Thành phố Đồng Xoài');
    await page.getByTestId('scorecard').waitFor();
    expect(await page.locator('.scorecard-table').count()).toBeGreaterThan(3);
    await h.screenshot(page, 'scorecard-district');

    await page.getByTestId('child-units').getByRole('link').first().click();
    await page.waitForURL(/\/unit\/\d{5}\?period=2024-12$/);
    await expect.poll(() => page.getByTestId('scorecard').getAttribute('data-unit')).toMatch(/^\d{5}$/);
    const crumbs = await page.locator('.breadcrumbs').textContent();
    expect(crumbs).toContain('Tỉnh Bình Phước');
    expect(crumbs).toContain('Thành phố Đồng Xoài');
  });

  it('a tile opens its domain dashboard with charts, ranking and map', async () => {
    const page = await h.newPage();
    await page.goto(`${h.base}/`);
    const tile = page.getByTestId('indicator-tile').first();
    await tile.waitFor();
    const code = await tile.getAttribute('data-indicator');
    await tile.click();
    await page.waitForURL(/\/domain\/[A-Z_]+\?period=2024-12&indicator=/);
    expect(new URL(page.url()).searchParams.get('indicator')).toBe(code);
    await expect.poll(() => page.locator('[data-chart] svg').count(), { timeout: 20_000 }).toBeGreaterThan(2);
    await waitForMap(page, code ?? '');
    await h.screenshot(page, 'domain', true);
  });

  it('indicator detail: definition, series with warning bands, ranking, drill-down, downloads', async () => {
    const page = await h.newPage();
    await page.goto(`${h.base}/indicator/DVC_TY_LE_DUNG_HAN?period=2024-12`);
    const definition = page.getByTestId('indicator-definition');
    await definition.waitFor();
    for (const term of [
      'Đơn vị tính',
      'Nguồn số liệu',
      'Cơ quan chủ quản',
      'Người chịu trách nhiệm',
      'Tổ phân tích',
      'Công thức',
    ]) {
      expect(await definition.textContent()).toContain(term);
    }
    await expect.poll(() => page.locator('[data-chart] svg').count(), { timeout: 20_000 }).toBeGreaterThan(1);
    const ranking = page.getByTestId('ranking-table');
    await expect.poll(() => ranking.locator('tbody tr').count()).toBe(11);
    expect(await page.getByTestId('export-csv').getAttribute('href')).toBe(
      '/api/v1/indicators/DVC_TY_LE_DUNG_HAN/export?period=2024-12&parent=70&format=csv',
    );
    const csv = await page.request.get(
      `${h.base}/api/v1/indicators/DVC_TY_LE_DUNG_HAN/export?period=2024-12&parent=70&format=csv`,
    );
    expect(csv.status()).toBe(200);
    await h.screenshot(page, 'indicator', true);

    // Drill down: province → district → its communes.
    await ranking.getByRole('link', { name: 'Huyện Lộc Ninh' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('unit')).toBe('692');
    await expect
      .poll(() => page.locator('.card-title', { hasText: 'So sánh các đơn vị thuộc Huyện Lộc Ninh' }).count())
      .toBe(1);
    await expect.poll(() => page.getByTestId('ranking-table').locator('tbody tr').count()).toBe(16);
  });

  it('a logged-in leader posts an explanation and sees it in the thread with author, time and value', async () => {
    const page = await h.newPage();
    await h.login(page, 'lanhdao');
    await page.goto(`${h.base}/indicator/DVC_TY_LE_DUNG_HAN?unit=689&period=2024-12`);
    const thread = page.getByTestId('explanation-thread');
    await thread.getByText('Chưa có giải trình nào.').waitFor();
    const text = 'Đề nghị UBND thành phố Đồng Xoài giải trình tỷ lệ hồ sơ đúng hạn tháng 12.';
    await thread.getByLabel('Nội dung').fill(text);
    await thread.getByRole('button', { name: 'Gửi' }).click();
    const entry = thread.getByTestId('explanation-entry').first();
    await expect.poll(() => entry.textContent()).toContain(text);
    const content = (await entry.textContent()) ?? '';
    expect(content).toContain('Lãnh đạo UBND tỉnh (demo)');
    expect(content).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(content).toMatch(/Số liệu tại thời điểm viết: \d+,\d %/);
    await h.screenshot(page, 'explanations');
  });

  it('a district data officer sees internal figures of their district only', async () => {
    const page = await h.newPage();
    await h.login(page, 'dongxoai');
    const indicators = (await (
      await page.request.get(`${h.base}/api/v1/indicators?periodType=month`)
    ).json()) as {
      indicators: { code: string; isPublic: boolean }[];
    };
    const code = indicators.indicators.find((i) => !i.isPublic)?.code;
    expect(code).toBeDefined();
    await page.goto(`${h.base}/indicator/${code}?period=2024-12`);
    const ranking = page.getByTestId('ranking-table');
    await ranking.waitFor();
    const rows = ranking.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(11);
    const visible = await ranking.locator('tbody tr:not(.muted) th').allTextContents();
    expect(visible).toEqual(['Thành phố Đồng Xoài']);
    expect(await ranking.locator('td.restricted').count()).toBe(10);
    expect(await ranking.locator('td.restricted').first().textContent()).toBe('Không có quyền xem');

    // Anonymous visitors do not even see internal indicators.
    const anonymous = await h.newPage();
    const listed = (await (await anonymous.request.get(`${h.base}/api/v1/indicators`)).json()) as {
      indicators: { code: string }[];
    };
    expect(listed.indicators.map((i) => i.code)).not.toContain(code);
  });

  it('switches to English: labels, legend and number format', async () => {
    const page = await h.newPage();
    await page.goto(`${h.base}/`);
    await waitForMap(page, 'KTXH_BAN_LE');
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Overview');
    await waitForMap(page, 'KTXH_BAN_LE');
    expect(await page.getByTestId('legend').first().textContent()).toContain('Green (on track)');
    expect(await page.getByTestId('demo-notice').textContent()).toBe(
      'Demo data (synthetic, not real figures)',
    );
    expect(await page.getByLabel('Period', { exact: true }).locator('option:checked').textContent()).toBe(
      'Dec 2024',
    );
    expect(await page.locator('.tile-value').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\d{1,3}(,\d{3})+(\.\d+)?\s/)]),
    );
    await h.screenshot(page, 'overview-en');
  });

  it('video wall: dark full-screen views rotate, and new data shows without a reload', async () => {
    const page = await h.newPage({ width: 1920, height: 1080 });
    await page.goto(`${h.base}/wall?views=indicator:KTXH_BAN_LE,domains&interval=5`);
    const wall = page.getByTestId('wall');
    await expect.poll(() => wall.getAttribute('data-view')).toBe('indicator');
    await waitForMap(page, 'KTXH_BAN_LE', '2024-12');
    await expect.poll(() => page.getByTestId('live-status').getAttribute('class')).toContain('is-live');
    await h.screenshot(page, 'wall-indicator');

    // New data lands: the ranking redraws with it, and the page was not reloaded.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await h.services.observations.write('cli', {
      rows: [{ indicator: 'KTXH_BAN_LE', unit: '689', period: '2024-12', value: 98765.4 }],
      rowNumbers: [1],
      mode: 'all',
    });
    await h.services.refresher.drain();
    await expect
      .poll(() => page.locator('[data-chart]').textContent(), { timeout: 15_000 })
      .toContain('98.765,4');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

    await expect.poll(() => wall.getAttribute('data-view'), { timeout: 15_000 }).toBe('domains');
    expect(await wall.getAttribute('data-view-index')).toBe('1');
    await h.screenshot(page, 'wall-domains');
  });

  it('main screens pass the automated accessibility rules (axe, WCAG 2.1 AA: contrast, labels, roles)', async () => {
    const page = await h.newPage();
    await h.login(page, 'lanhdao');
    const screens = [
      ['/', '[data-testid=indicator-tile]'],
      ['/domain', 'main h1'],
      ['/domain/DVC?period=2024-12', '[data-chart] svg'],
      ['/indicator/DVC_TY_LE_DUNG_HAN?period=2024-12', '[data-chart] svg'],
      ['/unit/689?period=2024-12', 'main table'],
      ['/wall?views=domains&interval=60', '[data-view]'],
    ] as const;
    const problems: string[] = [];
    for (const [url, ready] of screens) {
      await page.goto(`${h.base}${url}`);
      await page.locator(ready).first().waitFor({ timeout: 30_000 });
      await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
      const result = await page.evaluate(async () => {
        interface AxeResults {
          violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
          passes: { id: string }[];
        }
        const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<AxeResults> } })
          .axe;
        const found = await axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        });
        return {
          passed: found.passes.map((p) => p.id),
          violations: found.violations.map(
            (v) =>
              `${v.id} (${v.impact}): ${v.nodes
                .map((n) => n.target.join(' '))
                .slice(0, 3)
                .join(', ')}`,
          ),
        };
      });
      // The rules really ran on this screen: contrast and names of controls among them.
      expect(result.passed).toEqual(
        expect.arrayContaining(['color-contrast', 'document-title', 'html-has-lang']),
      );
      const violations = result.violations;
      problems.push(...violations.map((v) => `${url}: ${v}`));
    }
    expect(problems).toEqual([]);
  });
});
