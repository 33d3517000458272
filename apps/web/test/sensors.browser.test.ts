import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHarness, type BrowserHarness } from './browser-harness';

/**
 * The sensors screen and the administrators' connector screen in Chromium, against the real
 * server with the demo province (and its synthetic sensors); every non-local request blocked.
 */
describe('sensors and connectors in Chromium', () => {
  let h: BrowserHarness;
  let source: Server;
  let sourceUrl: string;
  const seenAuth: (string | undefined)[] = [];

  beforeAll(async () => {
    h = await startBrowserHarness();
    source = createServer((req, res) => {
      seenAuth.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          data: [{ ma: 'NS_THU_NSNN', dv: '689', ky: '2024-12-30', gt: '12,5', sua: '2024-12-31T01:00:00Z' }],
        }),
      );
    });
    await new Promise<void>((r) => source.listen(0, '127.0.0.1', r));
    sourceUrl = `http://127.0.0.1:${(source.address() as { port: number }).port}/api/thu`;
  }, 300_000);

  afterAll(async () => {
    await h?.close();
    source?.close();
    expect(h?.external ?? []).toEqual([]);
    expect(h?.pageErrors ?? []).toEqual([]);
  });

  it('shows every sensor on the map and in the list, with alert levels, latest readings and hourly figures', async () => {
    const page = await h.newPage();
    await h.login(page, 'lanhdao');
    await page.getByRole('link', { name: 'Cảm biến' }).click();
    await page.waitForURL(`${h.base}/sensors`);
    const rows = page.getByTestId('sensor-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(58);
    await expect.poll(() => page.locator('.point-map').getAttribute('data-points-drawn')).toBe('58');
    const station = rows.filter({ hasText: 'KK_689_1' });
    expect(await station.textContent()).toContain('Chất lượng không khí');
    expect(await station.textContent()).toMatch(/PM2\.5 \d+(,\d+)? µg\/m³/);
    expect(await page.getByTestId('sensor-alerts').locator('tbody tr').count()).toBeGreaterThan(0);

    await station.getByRole('button').click();
    const detail = page.getByTestId('sensor-detail');
    await expect.poll(() => detail.locator('tbody tr').count()).toBeGreaterThan(40);
    expect(await detail.textContent()).toContain('Trung bình theo giờ');
    expect(await detail.textContent()).toContain('Ngưỡng: Trung bình > 80');

    await page.getByLabel('Loại').selectOption('water_level');
    await expect.poll(() => rows.count()).toBe(18);
    await h.screenshot(page, 'sensors', true);
  });

  it('lets an administrator define a connector, run it and read its log; the secret header is never shown back', async () => {
    const page = await h.newPage();
    await h.login(page, 'quantri');
    await page.goto(`${h.base}/admin/connectors`);
    await page.getByRole('button', { name: 'Kết nối mới' }).click();
    const form = page.getByTestId('connector-form');
    await form.getByLabel('Mã', { exact: true }).fill('KHO_BAC');
    await form.getByLabel('Tên', { exact: true }).fill('Kho bạc Nhà nước tỉnh');
    await form.getByLabel('Địa chỉ (URL)').fill(sourceUrl);
    await form.getByLabel(/Đường dẫn tới mảng bản ghi/).fill('data');
    await form.getByLabel(/Tiêu đề xác thực/).fill('Authorization: Bearer khoa-bi-mat-kho-bac-2024');
    await form.getByLabel('Chỉ tiêu', { exact: true }).fill('ma');
    await form.getByLabel('Đơn vị', { exact: true }).fill('dv');
    await form.getByLabel('Kỳ', { exact: true }).fill('ky');
    await form.getByLabel('Giá trị', { exact: true }).fill('gt');
    await form.getByLabel(/Trường con trỏ/).fill('sua');
    await form.getByLabel(/Tham số gửi lại/).fill('since');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toBe('Đã lưu kết nối KHO_BAC.');
    expect(await page.content()).not.toContain('khoa-bi-mat');

    const row = page.getByTestId('connector-table').locator('tbody tr').filter({ hasText: 'KHO_BAC' });
    await row.getByRole('button', { name: 'Chạy ngay' }).click();
    const runs = page.getByTestId('connector-runs');
    await expect.poll(() => runs.locator('tbody tr').first().textContent()).toContain('Thành công');
    expect(await runs.locator('tbody tr').first().textContent()).toContain('1 / 1 / 0 / 0');
    expect(await runs.locator('tbody tr').first().textContent()).toContain('— → 2024-12-31T01:00:00Z');
    expect(seenAuth.at(-1)).toBe('Bearer khoa-bi-mat-kho-bac-2024');
    await h.screenshot(page, 'connectors', true);
  });
});
