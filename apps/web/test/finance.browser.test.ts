import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHarness, type BrowserHarness } from './browser-harness';

/**
 * Budget and public investment in Chromium against the demo province (2024), every non-local
 * request blocked: a leader goes from the disbursement ranking to a lagging project, and from a
 * budget figure to the records behind it.
 */
describe('budget and public investment in Chromium', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 300_000);

  afterAll(async () => {
    await h?.close();
    expect(h?.external ?? []).toEqual([]);
    expect(h?.pageErrors ?? []).toEqual([]);
  });

  it('disbursement ranking → the slowest investor → its worst lagging project, with who answers for it', async () => {
    const page = await h.newPage();
    await h.login(page, 'lanhdao');
    await page.goto(`${h.base}/investment?year=2024&date=2024-06-30`);
    const ranking = page.getByTestId('disbursement-ranking');
    await ranking.waitFor();
    expect(await page.locator('h1').textContent()).toContain('Giải ngân đầu tư công 2024');
    expect(await page.getByTestId('investment-rate-value').textContent()).toMatch(/^\d{1,3},\d %$/);
    await h.screenshot(page, 'investment', true);

    // Worst first: the first investor has the largest shortfall against the target path.
    const worst = ranking.locator('tbody tr').first().locator('th a');
    const investorName = (await worst.textContent()) ?? '';
    await worst.click();
    await page.waitForURL(/investor=/);
    await expect.poll(() => page.locator('h1').textContent()).toContain(investorName);
    const lagging = page.getByTestId('lagging-projects').locator('tbody tr');
    await lagging.first().waitFor();
    expect(await lagging.count()).toBeGreaterThan(0);
    const first = lagging.first();
    const projectName = (await first.locator('th a').textContent()) ?? '';
    const responsible = (await first.locator('td').nth(2).textContent()) ?? '';
    const rate = (await first.locator('td').nth(3).textContent()) ?? '';
    await first.locator('th a').click();

    await page.waitForURL(/\/investment\/project\//);
    await page.getByTestId('project-page').waitFor();
    expect(await page.locator('h1').textContent()).toBe(projectName);
    expect(responsible).toContain(
      (await page.getByTestId('project-responsible').locator('dd').nth(2).textContent())?.split(' — ')[0],
    );
    expect(await page.getByTestId('project-rate-value').textContent()).toBe(rate);
    expect(await page.getByTestId('project-plans').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('project-disbursements').locator('tbody tr').count()).toBeGreaterThan(0);
    await h.screenshot(page, 'investment-project', true);
  });

  it('a budget figure → its records: their total equals the figure', async () => {
    const page = await h.newPage();
    await h.login(page, 'lanhdao');
    await page.goto(`${h.base}/budget?kind=revenue&date=2024-06-30`);
    await page.getByTestId('budget-dashboard').waitFor();
    const ytd = (await page.getByTestId('budget-ytd-value').textContent()) ?? '';
    expect(ytd).toMatch(/^\d{1,3}(\.\d{3})* tỷ đồng$/);
    await h.screenshot(page, 'budget', true);

    await page.getByTestId('budget-ytd').click();
    await page.getByTestId('budget-records').waitFor();
    expect(await page.getByTestId('records-total').textContent()).toBe(ytd);
    const count = Number(await page.getByTestId('records-count').textContent());
    expect(count).toBeGreaterThan(200);

    // Exact check in đồng: the listed total equals the summary's figure.
    const figure = await page.evaluate(async () => {
      const res = await fetch('/api/v1/budget/summary?kind=revenue&date=2024-06-30');
      return ((await res.json()) as { total: { ytd: number } }).total.ytd;
    });
    expect(Number(await page.getByTestId('records-total').getAttribute('data-value'))).toBeCloseTo(figure, 0);

    // A locality's figure in the breakdown opens the records of that locality only.
    await page.goBack();
    const district = page.getByTestId('budget-by-unit').locator('tbody tr').last();
    const districtYtd = (await district.getByTestId('budget-by-unit-ytd').textContent()) ?? '';
    await district.getByTestId('budget-by-unit-ytd').click();
    await page.getByTestId('budget-records').waitFor();
    expect(await page.getByTestId('records-total').textContent()).toBe(districtYtd);
    await h.screenshot(page, 'budget-records');
  });
});
