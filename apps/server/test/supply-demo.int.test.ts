import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAINS, INDICATORS, ORGANISATIONS, PEOPLE, TEAMS } from '../src/demo/catalogue.js';
import { DEMO_UNITS } from '../src/demo/units.js';
import { seedSupplyDemo } from '../src/seed/seed-supply.js';
import { loginAs, startTestApp, type TestContext } from './harness.js';

/** The demo's data sets and their history of arrivals, on the demo catalogue (no figures needed). */
describe('demo data supply', () => {
  let ctx: TestContext;
  let token: string;

  beforeAll(async () => {
    ctx = await startTestApp({ name: 'pglite' });
    const { catalogue } = ctx.services;
    await catalogue.upsertUnits('cli', DEMO_UNITS);
    await catalogue.upsertReferenceData('cli', {
      domains: DOMAINS,
      organisations: ORGANISATIONS,
      teams: TEAMS,
      people: PEOPLE,
    });
    await catalogue.upsertIndicators('cli', INDICATORS);
    await seedSupplyDemo(ctx.services, { from: '2024-01-01', to: '2024-12-31' });
    token = await loginAs(ctx, { username: 'lanhdao', role: 'leader' });
  }, 120_000);
  afterAll(() => ctx.close());

  it('is idempotent', async () => {
    const count = async () =>
      Number(
        (
          await ctx.handle.db
            .selectFrom('data_receipts')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await seedSupplyDemo(ctx.services, { from: '2024-01-01', to: '2024-12-31' });
    expect(await count()).toBe(before);
  });

  it('suggests the last month its units existed to a data officer (the demo units ended in 2025)', async () => {
    const res = await ctx.app.inject({
      url: '/api/v1/data-sets',
      headers: { authorization: `Bearer ${token}` },
    });
    const hotich = res.json().dataSets.find((d: { code: string }) => d.code === 'HOTICH_DX');
    expect(hotich.suggestedPeriod).toBe('2025-06');
  });

  it('gives a scoreboard where most units are on time and the chronically late ones are flagged', async () => {
    const res = await ctx.app.inject({
      url: '/api/v1/supply/scoreboard?months=12&until=2025-01-31',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    const board = res.json();
    expect(board.dataSets.map((d: { code: string }) => d.code).sort()).toEqual([
      'ATGT_THANG',
      'DN_THANG',
      'HOTICH_DX',
      'TTHC_THANG',
      'YT_THANG',
    ]);
    const tthc = board.dataSets.find((d: { code: string }) => d.code === 'TTHC_THANG');
    expect(tthc.periods).toHaveLength(12);
    expect(tthc.periods[0]).toMatchObject({ period: '2024-01', expected: 111, missing: 0 });
    expect(tthc.totals.onTimeRate).toBeGreaterThan(0.85);
    expect(tthc.totals.onTimeRate).toBeLessThan(0.98);
    const flagged = board.flaggedUnits.map((u: { unit: { name: string } }) => u.unit.name);
    expect(flagged).toEqual(expect.arrayContaining(['Phường Hưng Long', 'Huyện Bù Đốp', 'Phường Tân Phú']));
    expect(board.organisations.find((o: { code: string }) => o.code === 'CA_TINH').reminders).toBeGreaterThan(
      12,
    );
  });
});
