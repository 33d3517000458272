import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ENGINES,
  loadFixture,
  loadFixtureData,
  loginAs,
  startTestApp,
  writeRows,
  type TestContext,
} from './harness.js';

/** The leaders' overview and unit scorecards on the hand-checked fixture (see harness.ts). */
describe.each(ENGINES)('overview and scorecard on $name', (engine) => {
  let ctx: TestContext;
  let leader: string;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await loadFixture(ctx.services);
    await loadFixtureData(ctx.services);
    leader = await loginAs(ctx, { username: 'lanhdao', role: 'leader' });
  });
  afterAll(() => ctx.close());

  const get = async (url: string, token?: string) => {
    const res = await ctx.app.inject({
      method: 'GET',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  type Tile = {
    indicator: { code: string };
    period: { code: string };
    value: number;
    target: number;
    level: string;
    trend: string | null;
  };

  it('shows each domain’s indicators year to date at the province, public ones only to visitors', async () => {
    const overview = await get('/api/v1/overview?period=2024-03');
    expect(overview.root.code).toBe('P');
    const tiles = overview.domains.flatMap((d: { tiles: Tile[] }) => d.tiles) as Tile[];
    expect(tiles.map((t) => t.indicator.code).sort()).toEqual(['THU', 'TL_DH']);
    expect(tiles.find((t) => t.indicator.code === 'THU')).toMatchObject({
      period: { code: '2024-YTD03' },
      value: 177,
      target: 210,
      level: 'orange',
    });
    expect(tiles.find((t) => t.indicator.code === 'TL_DH')?.value).toBeCloseTo((100 * 69) / 120, 10);
    const ktxh = overview.domains.find((d: { code: string }) => d.code === 'KTXH');
    expect(ktxh.counts).toMatchObject({ orange: 1 });
  });

  it('lists the warnings of the districts worst first, with who is responsible', async () => {
    const overview = await get('/api/v1/overview?period=2024-03&level=district', leader);
    expect(overview.warnings).toHaveLength(1);
    expect(overview.warnings[0]).toMatchObject({
      indicator: { code: 'TL_DH' },
      unit: { code: 'D1' },
      level: 'red',
      target: 80,
      responsible: { name: 'Nguyễn Văn Thử', title: 'Chánh Văn phòng' },
      owner: { code: 'UBND_P' },
    });
    const internal = overview.domains
      .flatMap((d: { tiles: Tile[] }) => d.tiles)
      .map((t: Tile) => t.indicator.code);
    expect(internal).toEqual(expect.arrayContaining(['AQI', 'DAN_SO', 'GIA', 'HS_XL', 'HS_DH']));
  });

  it('gives a unit’s scorecard with its rank among its siblings and what is off target', async () => {
    const card = await get('/api/v1/units/D1/scorecard?period=2024-03', leader);
    expect(card.ancestors.map((a: { code: string }) => a.code)).toEqual(['P']);
    const all = card.domains.flatMap((d: { indicators: unknown[] }) => d.indicators);
    expect(all.find((r: Tile) => r.indicator.code === 'THU')).toMatchObject({
      value: 159,
      rank: 1,
      rankOf: 2,
    });
    expect(card.offTarget.map((r: Tile) => r.indicator.code)).toEqual(['TL_DH']);
    const commune = await get('/api/v1/units/C3/scorecard?period=2024-03', leader);
    const thu = commune.domains
      .flatMap((d: { indicators: unknown[] }) => d.indicators)
      .find((r: Tile) => r.indicator.code === 'THU');
    expect(thu).toMatchObject({ value: 63, rank: 1, rankOf: 3 });
  });

  it('asks for a month and names the mistake', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/overview?period=2024' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('Kỳ tổng quan phải là một tháng, ví dụ 2025-06 (nhận được "2024").');
  });

  it('opens at the latest month with figures the caller may see, and moves on when new data arrives', async () => {
    const latest = async (token?: string) => (await get('/api/v1/overview/latest-month', token)).month;
    expect(await latest()).toBe('2024-03');
    expect(await latest(leader)).toBe('2024-03');
    // An internal figure for May moves the leader's month only; a public one for April the visitors'.
    await writeRows(ctx.services, [{ indicator: 'DAN_SO', unit: 'C1', period: '2024-05', value: 1040 }]);
    expect(await latest(leader)).toBe('2024-05');
    expect(await latest()).toBe('2024-03');
    await writeRows(ctx.services, [{ indicator: 'THU', unit: 'C1', period: '2024-04', value: 13 }]);
    expect(await latest()).toBe('2024-04');
  });
});
