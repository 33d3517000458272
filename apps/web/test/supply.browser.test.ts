import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startBrowserHarness, type BrowserHarness } from './browser-harness';

/**
 * Data supply in a real browser: a district data officer downloads the template, uploads a
 * filled file with an error, reads the report, uploads the fixed file and submits; the city's
 * chair approves; the figure is published in the warehouse.
 */
describe('data supply in Chromium', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 300_000);

  afterAll(async () => {
    await h?.close();
    expect(h?.external ?? []).toEqual([]);
    expect(h?.pageErrors ?? []).toEqual([]);
  });

  it('template → upload with an error → report → fixed upload → submit → approve → published', async () => {
    const officer = await h.newPage();
    await h.login(officer, 'dongxoai');
    await officer.goto(`${h.base}/supply`);
    await officer.getByLabel('Bộ số liệu').selectOption('HOTICH_DX');
    await officer.getByLabel('Kỳ số liệu').fill('2024-12');

    const [download] = await Promise.all([
      officer.waitForEvent('download'),
      officer.getByRole('link', { name: 'Tải mẫu Excel (XLSX)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('HOTICH_DX_2024-12.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Số liệu')!;
    expect(sheet.getRow(1).getCell(4).value).toBe('Số trường hợp đăng ký khai sinh (trường hợp)');
    const firstUnit = String(sheet.getRow(3).getCell(1).value);
    sheet.getRow(3).getCell(4).value = 45;
    sheet.getRow(3).getCell(5).value = 12;
    sheet.getRow(4).getCell(4).value = 'bốn mươi';
    const withError = path.join(SCREENSHOT_DIR, 'hotich-loi.xlsx');
    writeFileSync(withError, Buffer.from(await workbook.xlsx.writeBuffer()));

    await officer.getByLabel('Tệp XLSX hoặc CSV').setInputFiles(withError);
    await officer.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
    await expect.poll(() => officer.getByText('Đang tải lên: 100%').count()).toBe(1);
    const report = officer.getByTestId('submission-report');
    await report.waitFor();
    expect(await report.textContent()).toContain('Giá trị "bốn mươi" không phải là số.');
    expect(await report.locator('tbody tr').first().locator('td').allTextContents()).toEqual([
      '4',
      'D',
      'KTXH_KHAI_SINH',
      'Lỗi',
      'Giá trị "bốn mươi" không phải là số. — Value "bốn mươi" is not a number.',
    ]);
    await officer.getByText('Hãy sửa các lỗi trong tệp rồi tải lên lại.').waitFor();
    await h.screenshot(officer, 'supply-report', true);

    sheet.getRow(4).getCell(4).value = 40;
    const fixed = path.join(SCREENSHOT_DIR, 'hotich-sua.xlsx');
    writeFileSync(fixed, Buffer.from(await workbook.xlsx.writeBuffer()));
    await officer.getByLabel('Tệp XLSX hoặc CSV').setInputFiles(fixed);
    await officer.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
    await officer.getByRole('button', { name: 'Gửi duyệt' }).click();
    await officer.getByTestId('submission-panel').getByText('Chờ duyệt').waitFor();

    const chair = await h.newPage();
    await h.login(chair, 'chutichdx');
    await chair.goto(`${h.base}/supply/approvals`);
    const row = chair.getByTestId('approvals').locator('tbody tr').first();
    expect(await row.textContent()).toContain('Hộ tịch phường, xã thành phố Đồng Xoài');
    await h.screenshot(chair, 'supply-approvals');
    await row.getByRole('button', { name: 'Phê duyệt, công bố' }).click();
    await chair.getByText(/Đã phê duyệt và công bố lần nộp #\d+\./).waitFor();

    const history = (await (
      await officer.request.get(
        `${h.base}/api/v1/observations/history?indicator=KTXH_KHAI_SINH&unit=${firstUnit}&period=2024-12`,
      )
    ).json()) as { revisions: { value: number; status: string; source: string }[] };
    expect(history.revisions.at(-1)).toMatchObject({ value: 45, status: 'approved' });
    expect(history.revisions.at(-1)?.source).toMatch(/^Nộp số liệu HOTICH_DX #\d+$/);
    expect(history.revisions.length).toBeGreaterThan(1); // the demo figure is kept in the history

    await officer.reload();
    await officer.getByLabel('Bộ số liệu').selectOption('HOTICH_DX');
    await officer.getByLabel('Kỳ số liệu').fill('2024-12');
    await officer.getByText('Đã công bố').first().waitFor();
  });

  it('scoreboard: rates per data set, trend chart and units flagged for review', async () => {
    const page = await h.newPage();
    await h.login(page, 'lanhdao');
    await page.goto(`${h.base}/supply/scoreboard`);
    const table = page.getByTestId('scoreboard');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(5);
    expect(await table.textContent()).toContain('Hồ sơ thủ tục hành chính cấp xã hằng tháng');
    await page.locator('[data-chart] svg').first().waitFor();
    expect(await page.getByTestId('flagged-units').textContent()).toContain('Phường Hưng Long');
    await h.screenshot(page, 'supply-scoreboard', true);
  });
});
