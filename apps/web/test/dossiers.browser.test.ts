import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHarness, type BrowserHarness } from './browser-harness';

/** From the overview to the overdue dossiers of a district and one dossier's timeline, in Chromium with the network cut. */
describe('dossier drill-down in Chromium', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 300_000);

  afterAll(async () => {
    await h?.close();
    expect(h?.external ?? []).toEqual([]);
    expect(h?.pageErrors ?? []).toEqual([]);
  });

  it('overview → the overdue figure of a district → its dossiers (as many as the figure) → one timeline', async () => {
    const page = await h.newPage();
    await h.login(page, 'lanhdao');
    const card = page.getByTestId('late-dossiers');
    await card.waitFor();
    expect(await card.locator('li').count()).toBe(11);
    // The district with the most overdue dossiers (a chronically late one in the demo).
    const figures = await card
      .locator('a[data-late]')
      .evaluateAll((links) =>
        links.map(
          (a) => [a.closest('li')?.getAttribute('data-unit'), Number(a.getAttribute('data-late'))] as const,
        ),
      );
    const [unit, late] = figures.reduce((best, f) => (f[1] > best[1] ? f : best));
    expect(late).toBeGreaterThan(0);
    const clicked = card.locator(`li[data-unit="${unit}"] a[data-late]`);
    expect(await clicked.textContent()).toBe(String(late));
    await clicked.click();

    await page.waitForURL(/\/dossiers\/list\?/);
    const total = page.getByTestId('dossier-total');
    await total.waitFor();
    expect(Number(await total.getAttribute('data-total'))).toBe(late);
    expect(await page.locator('h1').textContent()).toContain('Đang xử lý – quá hạn');
    const rows = page.getByTestId('dossier-list').locator('tbody tr');
    expect(await rows.count()).toBe(Math.min(late, 50));
    expect(await rows.first().textContent()).toContain('Quá hạn');
    await h.screenshot(page, 'dossier-list', true);

    const first = rows.first().locator('th a');
    const code = await first.textContent();
    await first.click();
    await page.waitForURL(/\/dossiers\/H70\./);
    expect(await page.locator('h1').textContent()).toContain(code ?? '');
    const timeline = page.getByTestId('dossier-timeline');
    await timeline.waitFor();
    expect(await timeline.locator('li').first().textContent()).toContain('Tiếp nhận');
    expect(await page.getByTestId('dossier-facts').textContent()).toMatch(
      /Hạn xử lý\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/,
    );
    expect(await page.getByTestId('dossier-facts').textContent()).toMatch(
      /Công khai trên Cổng DVC quốc gia(\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}|Chưa công khai)/,
    );
    await h.screenshot(page, 'dossier-timeline', true);
  });

  it('figures per unit link each count to the same number of dossiers; the 766 ranking names the costliest component', async () => {
    const page = await h.newPage();
    await h.login(page, 'lanhdao');
    await page.goto(`${h.base}/dossiers?period=2024-06&by=agency`);
    const table = page.getByTestId('dossier-figures');
    await table.waitFor();
    const link = table.locator('tr[data-key="SO_TNMT"] a[data-figure="done_late"]');
    const figure = Number((await link.textContent())?.replace(/\./g, ''));
    expect(figure).toBeGreaterThan(0);
    await link.click();
    await page.getByTestId('dossier-total').waitFor();
    expect(Number(await page.getByTestId('dossier-total').getAttribute('data-total'))).toBe(figure);

    await page.goto(`${h.base}/dossiers/index-766?month=2024-06`);
    const ranking = page.getByTestId('index-766');
    await ranking.waitFor();
    expect(await ranking.locator('tbody tr').count()).toBeGreaterThan(100);
    expect(await page.getByTestId('index-766-measures').textContent()).toContain(
      'công khai trên Cổng Dịch vụ công quốc gia trong 24 giờ kể từ khi tiếp nhận',
    );
    const row = ranking.locator('tr[data-key="SO_TNMT"]');
    expect(await row.locator('[data-costliest]').count()).toBe(1);
    expect(await row.locator('td').last().textContent()).toMatch(
      /^(Công khai, minh bạch|Tiến độ giải quyết|Dịch vụ công trực tuyến|Thanh toán trực tuyến|Mức độ hài lòng|Số hóa hồ sơ, kết quả)$/,
    );
    await h.screenshot(page, 'index-766');
  });
});
