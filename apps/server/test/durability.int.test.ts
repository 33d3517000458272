import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const IOC = path.resolve(import.meta.dirname, '../bin/ioc');

/** Starts `ioc serve` on a free port and resolves with its address once it prints it. */
function serve(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(IOC, ['serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /running at (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`ioc serve exited with ${code}: ${out}`)));
  });
}

/** The embedded database keeps every acknowledged write when the process is killed outright. */
describe('durability of acknowledged writes (PGlite data folder)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ioc-kill-'));
  const env: NodeJS.ProcessEnv = { ...process.env, IOC_DATA_DIR: dataDir, IOC_MODE: 'production' };
  delete env.DATABASE_URL;
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finds the rows after kill -9 and a restart', async () => {
    const units = path.join(dataDir, 'units.csv');
    writeFileSync(units, 'code,name,level,parent_code\nT,Tỉnh Thử,province,\nH,Huyện Thử,district,T\n');
    await run(IOC, ['import', 'units', units], { env });
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
    await run(IOC, ['import', 'reference', reference], { env });
    await run(IOC, ['import', 'indicators', indicators], { env });
    await run(
      IOC,
      [
        'create-user',
        '--username',
        'nhap',
        '--display-name',
        'Nhập liệu',
        '--role',
        'data_officer',
        '--password',
        'mat-khau-nhap-lieu',
      ],
      { env },
    );
    const key = (
      await run(IOC, ['create-api-key', '--username', 'nhap', '--name', 'thu'], { env })
    ).stdout.trim();

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
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

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
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    }
  });
});
