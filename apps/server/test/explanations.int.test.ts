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

/** The explanation thread (giải trình) on the fixture: D1's on-time dossier rate in January 2024 is red. */
describe.each(ENGINES)('explanation threads on $name', (engine) => {
  let ctx: TestContext;
  let d1Officer: string;
  let d2Officer: string;
  let leader: string;
  let viewer: string;
  const url = '/api/v1/indicators/TL_DH/explanations';

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await loadFixture(ctx.services);
    await loadFixtureData(ctx.services);
    d1Officer = await loginAs(ctx, { username: 'canbo_d1', role: 'data_officer', scopeUnitCode: 'D1' });
    d2Officer = await loginAs(ctx, { username: 'canbo_d2', role: 'data_officer', scopeUnitCode: 'D2' });
    leader = await loginAs(ctx, { username: 'lanhdao', role: 'leader' });
    viewer = await loginAs(ctx, { username: 'xem', role: 'viewer' });
  });
  afterAll(() => ctx.close());

  const post = (token: string | undefined, payload: object) =>
    ctx.app.inject({
      method: 'POST',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      payload,
    });
  const explanation = {
    unit: 'D1',
    period: '2024-01',
    kind: 'explanation',
    text: 'Xã Hai thiếu cán bộ một cửa trong tháng 1.',
  };

  it('refuses visitors, other districts and roles that may not write', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: `${url}?unit=D1&period=2024-01` })).statusCode).toBe(
      401,
    );
    const other = await post(d2Officer, explanation);
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('OUT_OF_SCOPE');
    expect((await post(viewer, { ...explanation, kind: 'comment' })).statusCode).toBe(403);
    expect((await post(leader, explanation)).statusCode).toBe(403);
    expect((await post(d1Officer, { ...explanation, text: '   ' })).statusCode).toBe(400);
  });

  it('records the explanation and the leader’s comment with author, time and the value they answer', async () => {
    expect((await post(d1Officer, explanation)).statusCode).toBe(201);
    const comment = await post(leader, {
      unit: 'D1',
      period: '2024-01',
      kind: 'comment',
      text: 'Đề nghị bổ sung cán bộ trước 15/02/2024.',
    });
    expect(comment.statusCode).toBe(201);
    const entries = comment.json().entries;
    expect(entries).toMatchObject([
      {
        kind: 'explanation',
        author: { username: 'canbo_d1', role: 'data_officer' },
        level: 'red',
        text: explanation.text,
      },
      { kind: 'comment', author: { username: 'lanhdao', role: 'leader' }, level: 'red' },
    ]);
    expect(entries[0].value).toBeCloseTo((100 * 59) / 110, 10);
    expect(Date.parse(entries[0].at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('keeps the value an entry answered after the figure is corrected', async () => {
    await writeRows(ctx.services, [{ indicator: 'HS_DH', unit: 'C2', period: '2024-01', value: 95 }]);
    const res = await ctx.app.inject({
      method: 'GET',
      url: `${url}?unit=D1&period=2024-01`,
      headers: { authorization: `Bearer ${leader}` },
    });
    expect(res.json().entries[0].value).toBeCloseTo((100 * 59) / 110, 10);
    const now = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/indicators/TL_DH/values?period=2024-01&level=district',
      headers: { authorization: `Bearer ${leader}` },
    });
    expect(now.json().rows.find((r: { unit: { code: string } }) => r.unit.code === 'D1').value).toBeCloseTo(
      (100 * 104) / 110,
      10,
    );
  });
});
