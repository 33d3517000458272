import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSupplyFixture, supplySessions } from './data-supply.fixture.js';
import { ENGINES, loadFixture, startTestApp, writeRows, type TestContext } from './harness.js';

describe.each(ENGINES)('data supply: completeness, timeliness and reminders on $name', (engine) => {
  let ctx: TestContext;
  let s: Awaited<ReturnType<typeof supplySessions>>;
  let now = new Date('2024-03-04T12:00:00Z');
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const inbox = async () =>
    (await ctx.app.inject({ url: '/api/v1/notifications', headers: auth(s.officer) })).json() as {
      items: { kind: string; title: string; body: string }[];
    };

  beforeAll(async () => {
    ctx = await startTestApp(engine, { clock: () => now, config: { SUPPLY_LATE_FLAG: 2 } });
    await loadFixture(ctx.services);
    await loadSupplyFixture(ctx.services);
    s = await supplySessions(ctx);
  });
  afterAll(() => ctx.close());

  it('reminds the responsible person once the day before the deadline, and never twice', async () => {
    expect(await ctx.services.reminders.runOnce()).toBe(1);
    expect(await ctx.services.reminders.runOnce()).toBe(0);
    const { items } = await inbox();
    expect(items.map((n) => [n.kind, n.title])).toEqual([
      ['supply.reminder', 'Sắp đến hạn nộp: Hồ sơ hành chính hằng tháng — Tháng 02/2024'],
    ]);
    expect(items[0]!.body).toBe(
      'Hạn nộp 05/03/2024 17:00. Chưa có số liệu của 3 đơn vị: Xã Một, Xã Hai, Xã Ba.',
    );
  });

  it('counts a file submitted before the deadline as on time, and reminds after it for the units still missing', async () => {
    now = new Date('2024-03-05T09:00:00Z');
    const csv = 'unit;HS_XL;HS_DH\nC1;10;9\nC2;8;8\n';
    const upload = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/data-sets/HS_THANG/periods/2024-02/uploads?name=t2.csv',
      headers: { ...auth(s.officer), 'content-type': 'text/csv' },
      payload: csv,
    });
    const id = upload.json().submission.id as string;
    await ctx.services.submissions.idle();
    await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/submissions/${id}/submit`,
      headers: auth(s.officer),
    });

    now = new Date('2024-03-06T00:00:00Z');
    expect(await ctx.services.reminders.runOnce()).toBe(1);
    expect(await ctx.services.reminders.runOnce()).toBe(0);
    const latest = (await inbox()).items[0]!;
    expect(latest.title).toBe('Quá hạn nộp: Hồ sơ hành chính hằng tháng — Tháng 02/2024');
    expect(latest.body).toContain('Chưa có số liệu của 1 đơn vị: Xã Ba.');

    const status = await ctx.app.inject({
      url: '/api/v1/supply/status/HS_THANG/2024-02',
      headers: auth(s.officer),
    });
    expect(status.json()).toMatchObject({ expected: 3, onTime: 2, missing: 1, late: 0 });
  });

  it('counts data that came through another channel (the API) after the deadline as late', async () => {
    // The observation is stored now (real time), well after the 2024 deadline.
    await writeRows(ctx.services, [
      { indicator: 'HS_XL', unit: 'C3', period: '2024-02', value: 3 },
      { indicator: 'HS_DH', unit: 'C3', period: '2024-02', value: 3 },
    ]);
    const res = await ctx.app.inject({
      url: '/api/v1/supply/scoreboard?months=1',
      headers: auth(s.approver),
    });
    expect(res.statusCode).toBe(200);
    const board = res.json();
    const [set] = board.dataSets;
    expect(set.periods.map((p: { period: string }) => p.period)).toEqual(['2024-01', '2024-02']);
    expect(set.periods[1]).toMatchObject({
      expected: 3,
      received: 3,
      onTime: 2,
      late: 1,
      missing: 0,
      reportingRate: 1,
      onTimeRate: 2 / 3,
      deadline: '2024-03-05T10:00:00.000Z',
      reminders: { before: 1, after: 1 },
    });
    expect(set.periods[0]).toMatchObject({ expected: 3, missing: 3, reportingRate: 0 });
    expect(board.flaggedUnits).toEqual([
      {
        dataSet: 'HS_THANG',
        organisation: 'UBND huyện Một',
        unit: { code: 'C3', name: 'Xã Ba' },
        late: 1,
        missing: 1,
      },
    ]);
    expect(board.organisations).toMatchObject([
      { code: 'UBND_D1', latePeriods: 2, reminders: 2, isFlagged: true },
    ]);
  });

  it('refuses the scoreboard to a viewer', async () => {
    const res = await ctx.app.inject({ url: '/api/v1/supply/scoreboard', headers: auth(s.viewer) });
    expect(res.statusCode).toBe(403);
  });
});
