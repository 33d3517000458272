import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitLinkRow } from '../src/catalogue/catalogue.service.js';
import { ENGINES, loadFixture, loginAs, startTestApp, writeRows, type TestContext } from './harness.js';

/** Units merge and split (1 July 2025): history recorded on the old units stays comparable on the new ones. */
describe.each(ENGINES)('reorganisation on $name', (engine) => {
  let ctx: TestContext;
  let token: string;
  const link = (
    line: number,
    newCode: string,
    oldCode: string,
    kind: 'full' | 'partial',
    share: number | null = null,
  ): UnitLinkRow => ({
    line,
    newCode,
    newName: `Phường ${newCode}`,
    newParentCode: 'N',
    oldCode,
    oldName: `Xã ${oldCode}`,
    kind,
    share,
  });

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await loadFixture(ctx.services);
    await ctx.services.catalogue.upsertUnits('cli', [
      { code: 'C1', name: 'Xã Một', level: 'commune', parentCode: 'D1', validTo: '2025-06-30' },
      { code: 'C2', name: 'Xã Hai', level: 'commune', parentCode: 'D1', validTo: '2025-06-30' },
      { code: 'C3', name: 'Xã Ba', level: 'commune', parentCode: 'D1', validTo: '2025-06-30' },
      { code: 'N', name: 'Tỉnh Mới', level: 'province', validFrom: '2025-07-01' },
    ]);
    await writeRows(ctx.services, [
      { indicator: 'THU', unit: 'C1', period: '2024-08', value: 10 },
      { indicator: 'THU', unit: 'C2', period: '2024-08', value: 20 },
      { indicator: 'THU', unit: 'C3', period: '2024-08', value: 50 },
      { indicator: 'HS_XL', unit: 'C1', period: '2024-08', value: 10 },
      { indicator: 'HS_DH', unit: 'C1', period: '2024-08', value: 9 },
      { indicator: 'HS_XL', unit: 'C2', period: '2024-08', value: 100 },
      { indicator: 'HS_DH', unit: 'C2', period: '2024-08', value: 50 },
      { indicator: 'AQI', unit: 'C1', period: '2024-08', value: 40 },
      { indicator: 'AQI', unit: 'C2', period: '2024-08', value: 60 },
      { indicator: 'AQI', unit: 'C3', period: '2024-08', value: 90 },
    ]);
    token = await loginAs(ctx, { username: 'lanhdao', role: 'leader' });
  });
  afterAll(() => ctx.close());

  const series = async (indicator: string, unit: string, from: string, to: string) => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/indicators/${indicator}/series?unit=${unit}&from=${from}&to=${to}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().points as {
      period: { code: string };
      value: number | null;
      convertedFromPredecessors: boolean;
      samePeriodLastYear: number | null;
      change: number | null;
    }[];
  };

  it('rejects the whole table when a row names an unknown old unit, and keeps the valid rows with partial', async () => {
    const rows = [
      link(2, 'M1', 'C1', 'full'),
      link(3, 'M1', 'C2', 'full'),
      link(4, 'M2', 'C3', 'partial', 0.4),
      link(5, 'M2', 'X9', 'full'),
    ];
    await expect(
      ctx.services.catalogue.linkUnits('cli', rows, { effectiveDate: '2025-07-01', partial: false }),
    ).rejects.toMatchObject({
      code: 'ROWS_REJECTED',
      details: { errors: [{ row: 5, field: 'old_code', code: 'UNKNOWN_UNIT' }] },
    });
    expect(
      await ctx.handle.db.selectFrom('units').select('id').where('code', '=', 'M1').execute(),
    ).toHaveLength(0);
    const result = await ctx.services.catalogue.linkUnits('cli', rows, {
      effectiveDate: '2025-07-01',
      partial: true,
    });
    expect(result).toMatchObject({ unitsCreated: 2, linksWritten: 3, errors: [{ row: 5 }] });
    const unit = await ctx.app.inject({ method: 'GET', url: '/api/v1/units/M2' });
    expect(unit.json()).toMatchObject({
      parentCode: 'N',
      validFrom: '2025-07-01',
      predecessors: [{ code: 'C3', share: 0.4, kind: 'partial' }],
    });
    const old = await ctx.app.inject({ method: 'GET', url: '/api/v1/units/C1' });
    expect(old.json().successors).toMatchObject([
      { code: 'M1', share: 1, kind: 'full', effectiveDate: '2025-07-01' },
    ]);
  });

  it('shows a merged unit’s history from its predecessors and compares the new year with it', async () => {
    await writeRows(ctx.services, [{ indicator: 'THU', unit: 'M1', period: '2025-08', value: 45 }]);
    const points = await series('THU', 'M1', '2024-08', '2025-08');
    expect(points[0]).toMatchObject({
      period: { code: '2024-08' },
      value: 30,
      convertedFromPredecessors: true,
    });
    expect(points.at(-1)).toMatchObject({
      period: { code: '2025-08' },
      value: 45,
      convertedFromPredecessors: false,
      samePeriodLastYear: 30,
      change: 15,
    });
    const split = await series('THU', 'M2', '2024-08', '2024-08');
    expect(split[0]).toMatchObject({ value: 20, convertedFromPredecessors: true });
  });

  it('recomputes ratios from converted parts and converts means only for whole units', async () => {
    const rate = await series('TL_DH', 'M1', '2024-08', '2024-08');
    expect(rate[0]?.value).toBeCloseTo((100 * 59) / 110, 10);
    expect((await series('AQI', 'M1', '2024-08', '2024-08'))[0]?.value).toBe(50);
    expect((await series('AQI', 'M2', '2024-08', '2024-08'))[0]).toMatchObject({
      value: null,
      convertedFromPredecessors: false,
    });
  });
});
