import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHarness, type BrowserHarness } from './browser-harness';

/**
 * The camera wall plays a real HLS stream, and an alert issued by an operator reaches the public
 * page, in Debian's Chromium with every non-local request blocked.
 *
 * The stream: Debian's ffmpeg encodes its test pattern as H.264 (baseline, yuv420p) in MPEG-TS
 * segments with an HLS playlist. Debian's Chromium plays H.264 through Media Source Extensions,
 * which is how hls.js feeds it, so this is the combination the wall uses in production.
 */
describe('camera wall and early warning in Chromium', () => {
  let h: BrowserHarness;
  const media = mkdtempSync(path.join(tmpdir(), 'ioc-hls-'));
  const admin = {
    kind: 'user',
    userId: 0,
    username: 'test',
    role: 'administrator',
    organisationId: null,
    scopeUnitId: null,
  } as const;

  beforeAll(async () => {
    mkdirStream(media);
    h = await startBrowserHarness({ mediaDir: media });
    // The demo cameras' streams are synthetic addresses: mark them offline so the wall shows their
    // placeholder and requests nothing outside this machine; the test camera plays the generated stream.
    const demo = await h.services.cameras.list(admin, { page: 1, pageSize: 500 });
    const rest = await h.services.cameras.list(admin, { page: 2, pageSize: 500 });
    const checkedAt = new Date();
    await h.services.cameras.recordStatuses(
      [...demo.items, ...rest.items].map((c) => ({ code: c.code, status: 'offline' as const, checkedAt })),
    );
    await h.services.cameras.importRows(
      'cli',
      [
        {
          code: 'TEST-HLS-1',
          name: 'Camera thử nghiệm – vòng xoay Đồng Xoài',
          type: 'traffic',
          lon: 106.9,
          lat: 11.535,
          ownerCode: 'SO_GTVT',
          streamUrl: '/media/stream/index.m3u8',
        },
      ],
      { partial: false },
    );
    await h.services.cameras.recordStatuses([{ code: 'TEST-HLS-1', status: 'online', checkedAt }]);
    await h.services.auth.createUser('cli', {
      username: 'vanhanh',
      displayName: 'Điều hành viên (thử)',
      role: 'operator',
      password: 'demo-ioc-2025',
    });
  }, 300_000);

  afterAll(async () => {
    await h?.close();
    rmSync(media, { recursive: true, force: true });
    expect(h?.external ?? []).toEqual([]);
    expect(h?.pageErrors ?? []).toEqual([]);
  });

  it('plays the generated HLS stream on the wall, filters by status, and enlarges a camera', async () => {
    const page = await h.newPage();
    await h.login(page, 'vanhanh');
    await page.goto(`${h.base}/cameras?status=online`);
    await expect.poll(() => page.getByTestId('camera-count').textContent()).toBe('1 camera');
    const tile = page.locator('[data-testid=camera-tile][data-code=TEST-HLS-1]');
    await expect.poll(() => tile.getAttribute('data-player'), { timeout: 30_000 }).toBe('playing');
    const video = tile.locator('video');
    const first = await video.evaluate((v: HTMLVideoElement) => ({ t: v.currentTime, ready: v.readyState }));
    expect(first.ready).toBeGreaterThanOrEqual(2);
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 })
      .toBeGreaterThan(first.t + 0.5);
    expect(await tile.textContent()).toContain('Trực tuyến');
    await h.screenshot(page, 'camera-wall');

    await page
      .getByRole('button', { name: 'Phóng to camera Camera thử nghiệm – vòng xoay Đồng Xoài' })
      .click();
    const dialog = page.getByTestId('camera-dialog');
    await expect.poll(() => dialog.textContent()).toContain('Sở Giao thông vận tải');
    await expect
      .poll(() => dialog.locator('video').evaluate((v: HTMLVideoElement) => v.readyState), {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Escape');

    // Offline cameras show their badge and no picture.
    await page.goto(`${h.base}/cameras?status=offline&type=security`);
    await expect.poll(() => page.getByTestId('camera-count').textContent()).toMatch(/^\d+ camera$/);
    expect(await page.locator('[data-testid=camera-tile] video').count()).toBe(0);
    expect(await page.locator('[data-testid=camera-tile]').first().textContent()).toContain('Mất tín hiệu');

    await page.goto(`${h.base}/cameras?view=map`);
    await page.waitForSelector('[data-map-drawn="cameras|578"]', { timeout: 30_000 });
  });

  it('an alert issued by an operator, with a drawn area, appears on the public page without login', async () => {
    const page = await h.newPage();
    await h.login(page, 'vanhanh');
    await page.goto(`${h.base}/alerts`);
    await page.getByRole('button', { name: 'Phát cảnh báo mới' }).click();
    await page.getByLabel('Loại sự kiện (ví dụ: Lũ quét)').fill('Lũ quét');
    await page.getByLabel('Mức độ nghiêm trọng').selectOption('Severe');
    await page.getByLabel('Tiêu đề', { exact: true }).fill('Cảnh báo lũ quét ven sông Bé');
    await page.getByLabel('Nội dung', { exact: true }).fill('Mưa lớn, hồ Thác Mơ xả lũ.');
    await page.getByLabel('Hướng dẫn', { exact: true }).fill('Di dời khỏi khu vực trũng thấp.');
    await page.getByLabel('Thành phố Đồng Xoài').check();
    const map = page.getByRole('region', { name: 'Bản đồ khoanh vùng cảnh báo' });
    await page.waitForSelector('[data-map-drawn="alert-draw"]');
    // The form is long: bring the map on screen before clicking points on it.
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    for (const [dx, dy] of [
      [0.4, 0.4],
      [0.6, 0.4],
      [0.5, 0.6],
    ] as const)
      await page.mouse.click(box.x + box.width * dx, box.y + box.height * dy);
    await expect.poll(() => page.getByText('(3 điểm)').count()).toBe(1);
    await page.getByRole('button', { name: 'Phát cảnh báo', exact: true }).click();
    await expect
      .poll(() => page.locator('p.notice').textContent())
      .toBe('Đã phát cảnh báo “Cảnh báo lũ quét ven sông Bé”.');

    const visitor = await h.newPage({ width: 390, height: 844 });
    await visitor.goto(`${h.base}/public/alerts`);
    const card = visitor.getByTestId('public-alert');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain('Cảnh báo lũ quét ven sông Bé');
    expect(await card.textContent()).toContain('Thành phố Đồng Xoài, Vùng khoanh trên bản đồ');
    expect(await card.textContent()).toContain('Nghiêm trọng');
    await visitor.waitForSelector('[data-map-drawn^="alert|"]');
    const capUrl = await card.getByRole('link', { name: 'Bản tin CAP (XML)' }).getAttribute('href');
    const cap = await (await visitor.request.get(`${h.base}${capUrl}`)).text();
    expect(cap).toContain('<msgType>Alert</msgType>');
    expect(cap).toContain('<areaDesc>Vùng khoanh trên bản đồ</areaDesc>');
    await h.screenshot(visitor, 'public-alerts', true);

    // Cancelled by the operator: the public page empties.
    page.once('dialog', (d) => void d.accept('Mưa đã ngớt'));
    await page.getByRole('button', { name: 'Hủy cảnh báo' }).click();
    await expect.poll(() => page.locator('p.notice').textContent()).toContain('Đã hủy cảnh báo');
    await visitor.reload();
    await expect.poll(() => visitor.getByTestId('no-alerts').count()).toBe(1);
  });
});

/** A 20-second test pattern as HLS (2-second H.264 segments) in `<dir>/stream/`. */
function mkdirStream(dir: string): void {
  const out = path.join(dir, 'stream');
  execFileSync('mkdir', ['-p', out]);
  execFileSync(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x180:rate=25',
      '-t',
      '20',
      '-c:v',
      'libx264',
      '-profile:v',
      'baseline',
      '-pix_fmt',
      'yuv420p',
      '-g',
      '50',
      '-f',
      'hls',
      '-hls_time',
      '2',
      '-hls_playlist_type',
      'vod',
      '-hls_segment_filename',
      path.join(out, 'seg%03d.ts'),
      path.join(out, 'index.m3u8'),
    ],
    { stdio: 'inherit' },
  );
  if (!readdirSync(out).includes('index.m3u8')) throw new Error('ffmpeg wrote no playlist');
}
