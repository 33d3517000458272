import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiKey, dataFolder, importProvince, ioc, serve, stop } from './ioc-process.js';

/** The embedded database keeps every acknowledged write when the process is killed outright. */
describe('durability of acknowledged writes (PGlite data folder)', () => {
  const { dataDir, env, remove } = dataFolder('kill');
  afterAll(remove);

  it('finds the rows after kill -9 and a restart', async () => {
    await importProvince(env);
    const indicators = path.join(dataDir, 'indicators.json');
    writeFileSync(
      indicators,
      JSON.stringify([
        {
          code: 'THU',
          nameVi: 'Thu ngân sách',
          nameEn: 'Revenue',
          domainCode: 'NS',
          unitOfMeasure: 'tỷ đồng',
          periodType: 'month',
          aggregation: 'sum',
          timeAggregation: 'sum',
          direction: 'higher_better',
          thresholds: { mode: 'achievement', yellow: 100, orange: 90, red: 75 },
          source: 'Thử',
        },
      ]),
    );
    const reference = path.join(dataDir, 'reference.json');
    writeFileSync(
      reference,
      JSON.stringify({ domains: [{ code: 'NS', nameVi: 'Ngân sách', nameEn: 'Budget', sort: 1 }] }),
    );
    await ioc(env, 'import', 'reference', reference);
    await ioc(env, 'import', 'indicators', indicators);
    const key = await createApiKey(env, 'nhap', 'data_officer');

    const first = await serve(env);
    const rows = Array.from({ length: 12 }, (_, m) => ({
      indicator: 'THU',
      unit: 'H',
      period: `2024-${String(m + 1).padStart(2, '0')}`,
      value: m + 1,
    }));
    const res = await fetch(`${first.url}/api/v1/observations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ rows }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ inserted: 12 });
    await stop(first.child, 'SIGKILL');

    const second = await serve(env);
    try {
      // Roll-ups queued before the kill are finished by the restarted server.
      for (let i = 0; i < 100; i++) {
        const health = (await (await fetch(`${second.url}/healthz`)).json()) as { rollupQueue: number };
        if (health.rollupQueue === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const values = await fetch(`${second.url}/api/v1/indicators/THU/values?period=2024&level=district`, {
        headers: { 'x-api-key': key },
      });
      const body = (await values.json()) as { rows: { value: number }[] };
      expect(body.rows[0]?.value).toBe(78);
    } finally {
      await stop(second.child, 'SIGTERM');
    }
  });
});
