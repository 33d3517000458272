import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture, startTestApp, type TestContext } from './harness.js';

describe('live updates over Server-Sent Events', () => {
  let ctx: TestContext;
  let base: string;

  beforeAll(async () => {
    ctx = await startTestApp({ name: 'pglite' });
    await loadFixture(ctx.services);
    base = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => ctx.close());

  it('tells a connected screen which indicators changed once their roll-ups are current', async () => {
    const response = await fetch(`${base}/api/v1/stream`);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    expect(text).toContain('retry: 3000');
    await ctx.services.observations.write('cli', {
      rows: [{ indicator: 'HS_XL', unit: 'C1', period: '2024-01', value: 3 }],
      rowNumbers: [1],
      mode: 'all',
    });
    while (!text.includes('event: data-changed')) text += decoder.decode((await reader.read()).value);
    const data = JSON.parse(/data: (.*)\n/.exec(text.slice(text.indexOf('event: data-changed')))![1]!);
    expect(data.indicators).toEqual(['HS_XL']);
    // The ratio computed from it follows in the next pass.
    while (!text.includes('TL_DH')) text += decoder.decode((await reader.read()).value);
    await reader.cancel();
  });
});
