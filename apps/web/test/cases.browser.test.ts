import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBrowserHarness, type BrowserHarness } from './browser-harness';

/** A tiny real PNG (1×1): the server checks the magic bytes. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
const CITIZEN = { name: 'Lê Thị Hồng', phone: '0913555777' };

/**
 * The 1022 workflow in Chromium: a citizen files a report with a photo and a map point, the
 * operator forwards it, the agency answers, the operator closes and publishes it, the citizen
 * rates it, the public page shows it without personal data; a missed deadline is escalated when
 * the test moves the server's clock forward.
 */
describe('citizen reports (1022) in Chromium', () => {
  let h: BrowserHarness;
  // Inside the demo units' lifetime (they end on 2025-06-30).
  let now = new Date('2025-06-10T02:00:00Z');

  beforeAll(async () => {
    h = await startBrowserHarness({ clock: () => now });
  }, 300_000);

  afterAll(async () => {
    await h?.close();
    expect(h?.external ?? []).toEqual([]);
    expect(h?.pageErrors ?? []).toEqual([]);
  });

  const mapReady = (page: Page) =>
    page.locator('.point-map[data-map-ready=true]').first().waitFor({ timeout: 30_000 });

  let code = '';
  let followUrl = '';

  it('a citizen files a report with a photo and a map point on a phone, without an account', async () => {
    const page = await h.newPage({ width: 390, height: 844 });
    await page.goto(`${h.base}/phan-anh/gui`);
    await page
      .getByLabel('Nội dung phản ánh')
      .fill('Đường ĐT741 đoạn qua xã có nhiều ổ gà lớn, xe máy dễ té ngã');
    await mapReady(page);
    await page.locator('.point-map').click();
    await expect.poll(() => page.getByTestId('case-location').textContent()).toMatch(/^11\.\d+, 106\.\d+$/);
    await page
      .getByLabel('Ảnh (tối đa 5 ảnh, mỗi ảnh 5 MB)')
      .setInputFiles({ name: 'o-ga.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => page.getByText('Đã chọn 1 ảnh').count()).toBe(1);
    await page.getByLabel('Họ và tên').fill(CITIZEN.name);
    await page.getByLabel('Số điện thoại').fill(CITIZEN.phone);
    await h.screenshot(page, 'cases-citizen-form', true);
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    const sent = await page.getByTestId('case-sent').textContent();
    code = /PA-2025-\d{6}/.exec(sent ?? '')?.[0] ?? '';
    expect(code).toMatch(/^PA-2025-\d{6}$/);
    followUrl = (await page.getByTestId('follow-link').getAttribute('href')) ?? '';
    expect(followUrl).toContain(`/phan-anh/theo-doi/${code}?token=`);
  });

  it('the operator sees it with the photo and forwards it to the suggested agency', async () => {
    const page = await h.newPage();
    await h.login(page, 'tongdai');
    await page.goto(`${h.base}/phan-anh`);
    await page.locator(`tr[data-code="${code}"]`).getByRole('link', { name: code }).click();
    await expect.poll(() => page.getByTestId('case-reporter').textContent()).toContain(CITIZEN.phone);
    await expect
      .poll(() => page.locator('img.case-photo').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBe(1);
    await page.getByRole('button', { name: 'Chuyển xử lý' }).click();
    await expect
      .poll(() => page.locator('[data-status]').first().getAttribute('data-status'))
      .toBe('forwarded');
    expect(await page.getByText('Sở Giao thông vận tải').count()).toBeGreaterThan(0);
  });

  it('the agency accepts and answers; the operator closes and publishes', async () => {
    const agency = await h.newPage();
    await h.login(agency, 'sogtvt');
    await agency.goto(`${h.base}/phan-anh/${code}`);
    await agency.getByRole('button', { name: 'Tiếp nhận xử lý' }).click();
    await expect
      .poll(() => agency.locator('[data-status]').first().getAttribute('data-status'))
      .toBe('in_progress');
    await agency
      .getByLabel('Nội dung trả lời / lý do / ghi chú')
      .fill('Đã vá các ổ gà trên đường ĐT741 ngày 12/06/2025.');
    await agency.getByRole('button', { name: 'Gửi trả lời' }).click();
    await expect
      .poll(() => agency.locator('[data-status]').first().getAttribute('data-status'))
      .toBe('answered');

    const operator = await h.newPage();
    await h.login(operator, 'tongdai');
    await operator.goto(`${h.base}/phan-anh/${code}`);
    await operator.getByRole('button', { name: 'Duyệt và đóng' }).click();
    await expect
      .poll(() => operator.locator('[data-status]').first().getAttribute('data-status'))
      .toBe('closed');
    await operator.getByRole('button', { name: 'Công khai câu trả lời' }).click();
    await operator.getByRole('button', { name: 'Thôi công khai' }).waitFor();
    await h.screenshot(operator, 'cases-detail', true);
  });

  it('the citizen reads the answer by the private link and rates it', async () => {
    const page = await h.newPage({ width: 390, height: 844 });
    await page.goto(`${h.base}${followUrl}`);
    await expect.poll(() => page.getByTestId('citizen-answer').textContent()).toContain('Đã vá các ổ gà');
    await page.getByRole('button', { name: '5 sao' }).click();
    await expect.poll(() => page.getByTestId('citizen-rating').textContent()).toBe('Đánh giá: 5/5');
  });

  it('the published answer appears on the public page and its map, with no personal data', async () => {
    const page = await h.newPage();
    await page.goto(`${h.base}/phan-anh/cong-khai`);
    await page.getByLabel('Tìm kiếm').fill('ĐT741');
    const item = page.locator(`[data-code="${code}"]`);
    await expect.poll(() => item.textContent()).toContain('Đã vá các ổ gà trên đường ĐT741');
    await expect
      .poll(async () => Number(await page.locator('.point-map').getAttribute('data-points-drawn')))
      .toBeGreaterThanOrEqual(1);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toContain(CITIZEN.name);
    expect(text).not.toContain(CITIZEN.phone);
    await h.screenshot(page, 'cases-public', true);
  });

  it('a call taken on the fast form and forwarded is escalated once its deadline passes', async () => {
    const page = await h.newPage();
    await h.login(page, 'tongdai');
    await page.goto(`${h.base}/phan-anh`);
    await page.getByRole('button', { name: 'Tiếp nhận cuộc gọi' }).click();
    await page.getByLabel('Nội dung phản ánh').fill('Mất nước sinh hoạt ba ngày, vỡ ống nước ở khu phố 3');
    await expect.poll(() => page.getByTestId('case-suggestion').textContent()).toContain('Cấp thoát nước');
    await page.getByLabel('Địa chỉ').fill('Khu phố 3, phường Tân Phú');
    await page.getByLabel('Họ và tên').fill('Phạm Văn Gọi');
    await page.getByRole('button', { name: 'Ghi nhận phản ánh' }).click();
    await page.waitForURL(/\/phan-anh\/PA-2025-\d{6}$/);
    const callCode = page.url().split('/').pop() ?? '';
    await page.getByRole('button', { name: 'Chuyển xử lý' }).click();
    await expect
      .poll(() => page.locator('[data-status]').first().getAttribute('data-status'))
      .toBe('forwarded');

    // Water cases are due in 120 hours; move the server's clock past that and run the check.
    now = new Date(now.getTime() + 121 * 3600_000);
    expect((await h.services.caseDeadlines.check()).escalated).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByTestId('case-escalated').textContent()).toContain('Quá hạn xử lý');
    expect(await page.locator('[data-action=escalate]').count()).toBe(1);
    await page.goto(`${h.base}/phan-anh?overdue=true`);
    await expect.poll(() => page.locator(`tr[data-code="${callCode}"]`).textContent()).toContain('quá hạn');
    await page.getByTestId('notification-bell').click();
    await expect
      .poll(() => page.getByTestId('notification-bell').textContent())
      .toContain(`Phản ánh ${callCode} quá hạn xử lý`);
    await h.screenshot(page, 'cases-escalated', true);
  });
});
