import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitsFromCsv } from '../src/catalogue/catalogue-import.js';
import { startTestApp, type TestContext } from './harness.js';

const run = promisify(execFile);
const IOC = path.resolve(import.meta.dirname, '../bin/ioc');
const SHARED_DATA = path.resolve(import.meta.dirname, '../../../../shared/data');
const SHARED_UNITS = path.join(SHARED_DATA, 'units-binh-phuoc-2025-03.csv');
const SHARED_CROSSWALK = path.join(SHARED_DATA, 'crosswalk-2025-07-dong-nai.csv');

describe('HTTP surface', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp({ name: 'pglite' });
  });
  afterAll(() => ctx.close());

  it('answers /healthz with the engine and the roll-up queue', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.json()).toEqual({ status: 'ok', database: 'pglite', rollupQueue: 0 });
  });

  it('publishes an OpenAPI 3 document generated from the zod schemas, and browsable docs', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/v1/indicators/{code}/values',
      '/api/v1/indicators/{code}/series',
      '/api/v1/indicators/{code}/ranking',
      '/api/v1/observations',
      '/api/v1/units',
    ]) {
      expect(doc.paths[p], p).toBeDefined();
    }
    const values = doc.paths['/api/v1/indicators/{code}/values'].get;
    expect(values.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['code', 'period', 'level', 'parent']),
    );
    const docs = await ctx.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('returns a Vietnamese 404 for an unknown API path', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/khong-co' });
    expect(res.statusCode).toBe(404);
  });
});

describe('CLI', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ioc-cli-'));
  const env = { ...process.env, IOC_DATA_DIR: dataDir, DATABASE_URL: '' };
  delete (env as Record<string, string | undefined>).DATABASE_URL;

  it('prints help for every command', async () => {
    for (const args of [
      [],
      ['serve'],
      ['migrate'],
      ['seed-demo'],
      ['cases-figures'],
      ['create-user'],
      ['create-api-key'],
      ['import'],
      ['import', 'units'],
      ['import', 'unit-links'],
      ['import', 'boundaries'],
      ['import', 'indicators'],
      ['import', 'targets'],
      ['import', 'observations'],
    ]) {
      const { stdout } = await run(IOC, [...args, '--help'], { env });
      expect(stdout, args.join(' ')).toMatch(/Usage: ioc/);
    }
  }, 180_000);

  it('creates a user from stdin-free flags and refuses a short password', async () => {
    await expect(
      run(
        IOC,
        [
          'create-user',
          '--username',
          'a',
          '--display-name',
          'A',
          '--role',
          'administrator',
          '--password',
          'ngan',
        ],
        { env },
      ),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('Mật khẩu phải có ít nhất 10 ký tự.') });
    const { stdout } = await run(
      IOC,
      [
        'create-user',
        '--username',
        'admin',
        '--display-name',
        'Quản trị',
        '--role',
        'administrator',
        '--password',
        'mat-khau-du-dai',
      ],
      { env },
    );
    expect(stdout).toContain('admin');
    const key = await run(IOC, ['create-api-key', '--username', 'admin', '--name', 'thu'], { env });
    expect(key.stdout.trim()).toMatch(/^ioc_[0-9a-f]{12}_/);
  });

  it.runIf(existsSync(SHARED_UNITS))(
    'imports the official unit list of Bình Phước from ../shared/data',
    async () => {
      const { stdout } = await run(IOC, ['import', 'units', SHARED_UNITS], { env });
      expect(stdout).toContain('thêm 123');
      const again = await run(IOC, ['import', 'units', SHARED_UNITS], { env });
      expect(again.stdout).toContain('thêm 0, cập nhật 123');
      const units = unitsFromCsv(readFileSync(SHARED_UNITS, 'utf8'));
      expect(units).toHaveLength(123);
      const boundaries = path.join(SHARED_DATA, 'boundaries-binh-phuoc-districts.geojson');
      const loaded = await run(IOC, ['import', 'boundaries', boundaries], { env });
      expect(loaded.stdout).toContain('cập nhật 12, lỗi 0');
    },
  );

  it.runIf(existsSync(SHARED_UNITS) && existsSync(SHARED_CROSSWALK))(
    'imports the 2025 merge table into Đồng Nai, linking the Bình Phước communes',
    async () => {
      const province = path.join(dataDir, 'dong-nai.csv');
      writeFileSync(
        province,
        'code,name,level,parent_code,valid_from\n75,Tỉnh Đồng Nai,province,,2025-07-01\n',
      );
      await run(IOC, ['import', 'units', province], { env });
      const refused = run(IOC, ['import', 'unit-links', SHARED_CROSSWALK, '--effective', '2025-07-01'], {
        env,
      });
      await expect(refused).rejects.toMatchObject({
        stderr: expect.stringContaining('Không có đơn vị cũ "26'),
      });
      const lines = readFileSync(SHARED_CROSSWALK, 'utf8').trim().split('\n').slice(1);
      const known = new Set(
        readFileSync(SHARED_UNITS, 'utf8')
          .split('\n')
          .map((l) => l.split(',')[0]),
      );
      const linked = lines.filter((l) => known.has(l.split(',')[3])).length;
      expect(linked).toBeGreaterThan(100);
      const { stdout } = await run(
        IOC,
        ['import', 'unit-links', SHARED_CROSSWALK, '--effective', '2025-07-01', '--partial'],
        { env },
      );
      expect(stdout).toContain(`Đơn vị mới: 95, liên kết: ${linked}, lỗi: ${lines.length - linked}`);
    },
  );
  if (!existsSync(SHARED_UNITS) || !existsSync(SHARED_CROSSWALK)) {
    console.log(
      'skipped: ../shared/data is not beside this checkout, so the official unit list and merge table are not tested',
    );
  }
});
