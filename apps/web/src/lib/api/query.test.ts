import { afterEach, describe, expect, it, vi } from 'vitest';
import { invalidateQueries, patchQueries, snapshot, subscribe } from './query';

/** A fetch whose answers the test hands out one by one, in the order the requests were made. */
function controlledFetch() {
  const pending: Array<(body: unknown) => void> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(
      () =>
        new Promise<Response>((resolve) =>
          pending.push((body) => resolve(new Response(JSON.stringify(body), { status: 200 }))),
        ),
    ),
  );
  return {
    requests: () => pending.length,
    answer: async (index: number, body: unknown) => {
      pending[index]!(body);
      // Lets the response's JSON be read and the cache updated.
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

describe('live patches in the query cache', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows a patch at once, drops an answer requested before it, and keeps the exact answer after', async () => {
    const server = controlledFetch();
    const url = '/api/v1/test/patched';
    const off = subscribe(url, () => {});
    await server.answer(0, { n: 1 });
    expect(snapshot(url).data).toEqual({ n: 1 });

    // A refetch is in flight when a live message arrives and is applied.
    invalidateQueries((u) => u === url);
    expect(server.requests()).toBe(2);
    patchQueries((u, data) => (u === url ? { n: (data as { n: number }).n + 1 } : data));
    expect(snapshot(url).data).toEqual({ n: 2 });
    // The message's own invalidation while that request is in flight asks again once it ends.
    invalidateQueries((u) => u === url);
    expect(server.requests()).toBe(2);
    await server.answer(1, { n: 1 });
    expect(snapshot(url).data).toEqual({ n: 2 });
    expect(server.requests()).toBe(3);
    await server.answer(2, { n: 2, exact: true });
    expect(snapshot(url).data).toEqual({ n: 2, exact: true });

    // A patch that changes nothing leaves the data (and later answers) alone.
    const held = snapshot(url).data;
    patchQueries((_u, data) => data);
    expect(snapshot(url).data).toBe(held);
    off();
  });
});
