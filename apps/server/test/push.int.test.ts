import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, loadFixture, startTestApp, type TestContext } from './harness.js';

/** Systems that send: a data officer's API key, scoped to district D1, named after the sending system. */
describe.each(ENGINES)('push API with API keys ($name)', (engine) => {
  let ctx: TestContext;
  let key: string;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await loadFixture(ctx.services);
    await ctx.services.auth.createUser('cli', {
      username: 'tthc_d1',
      displayName: 'Hệ thống một cửa huyện Một',
      password: 'mat-khau-he-thong',
      role: 'data_officer',
      scopeUnitCode: 'D1',
    });
    ({ key } = await ctx.services.auth.createApiKey('cli', 'tthc_d1', 'Một cửa điện tử huyện Một'));
  });
  afterAll(() => ctx.close());

  const push = (payload: object, headers: Record<string, string> = {}) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/observations',
      headers: { 'x-api-key': key, ...headers },
      payload,
    });

  const stored = (unit: string) =>
    ctx.handle.db
      .selectFrom('observations as o')
      .innerJoin('units as u', 'u.id', 'o.unit_id')
      .select(['o.value', 'o.revision', 'o.source', 'o.updated_by'])
      .where('o.indicator_code', '=', 'HS_XL')
      .where('u.code', '=', unit)
      .where('o.period', '=', '2024-05')
      .executeTakeFirst();

  it('refuses a revoked or forged key (401) and a write outside the key scope (422, nothing stored)', async () => {
    const forged = await push({ rows: [] }, { 'x-api-key': `${key.slice(0, -3)}abc` });
    expect(forged.statusCode).toBe(401);
    const outside = await push({
      rows: [
        { indicator: 'HS_XL', unit: 'C1', period: '2024-05', value: 5 },
        { indicator: 'HS_XL', unit: 'C4', period: '2024-05', value: 6 },
      ],
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().details.errors).toEqual([
      expect.objectContaining({
        row: 2,
        field: 'unit',
        code: 'OUT_OF_SCOPE',
        message: 'Đơn vị "C4" nằm ngoài phạm vi được phân quyền.',
      }),
    ]);
    expect(await stored('C1')).toBeUndefined();
    // Partial mode stores what is in scope and still refuses the rest.
    const partial = await push({
      mode: 'partial',
      rows: [
        { indicator: 'HS_XL', unit: 'C2', period: '2024-05', value: 5 },
        { indicator: 'HS_XL', unit: 'C4', period: '2024-05', value: 6 },
      ],
    });
    expect(partial.statusCode).toBe(207);
    expect(await stored('C4')).toBeUndefined();
  });

  it('records the sending system as source and its key as author; a resend with the same Idempotency-Key or batch id is stored once', async () => {
    const rows = [{ indicator: 'HS_XL', unit: 'C1', period: '2024-05', value: 41 }];
    const first = await push({ rows }, { 'idempotency-key': 'mot-cua-2024-05-lan-1' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ inserted: 1 });
    expect(await stored('C1')).toEqual({
      value: 41,
      revision: 1,
      source: 'Một cửa điện tử huyện Một',
      updated_by: 'tthc_d1 (API key)',
    });
    const again = await push({ rows }, { 'idempotency-key': 'mot-cua-2024-05-lan-1' });
    expect(again.json()).toEqual(first.json());
    // The same key for a different batch is refused rather than silently ignored.
    const reused = await push(
      { rows: [{ ...rows[0], value: 42 }] },
      { 'idempotency-key': 'mot-cua-2024-05-lan-1' },
    );
    expect(reused.statusCode).toBe(409);

    const batch = { batchId: 'lo-2024-05-0002', rows: [{ ...rows[0], value: 43 }] };
    expect((await push(batch)).json()).toMatchObject({ updated: 1 });
    expect((await push(batch)).json()).toMatchObject({ updated: 1 });
    expect(await stored('C1')).toMatchObject({ value: 43, revision: 2 });
    const history = await ctx.app.inject({
      url: '/api/v1/observations/history?indicator=HS_XL&unit=C1&period=2024-05',
      headers: { 'x-api-key': key },
    });
    expect(
      history.json().revisions.map((r: { value: number; source: string }) => [r.value, r.source]),
    ).toEqual([
      [41, 'Một cửa điện tử huyện Một'],
      [43, 'Một cửa điện tử huyện Một'],
    ]);
  });
});
