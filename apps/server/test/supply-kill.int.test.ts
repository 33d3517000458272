import { sql } from 'kysely';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServices } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { dataFolder, serve, stop } from './ioc-process.js';

const UNITS = 30_000;

/**
 * A large file being imported when the server is killed outright: the acknowledged upload is
 * kept, nothing of it is half-stored, and the restarted server processes it again from the start.
 */
describe('data supply import survives kill -9 (PGlite data folder)', () => {
  const { dataDir, env, remove } = dataFolder('supply-kill');
  afterAll(remove);

  it('keeps the upload, stores none of it half, resumes after the restart, and keeps the approval', async () => {
    // Setup straight into the data folder (bulk SQL: the CLI's unit import goes row by row).
    const setup = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    await migrate(setup.db);
    await sql`INSERT INTO units (code, name, level) VALUES ('T', 'Tỉnh Thử', 'province')`.execute(setup.db);
    await sql`INSERT INTO units (code, name, level, parent_id)
      SELECT 'H' || i, 'Huyện ' || i, 'district', (SELECT id FROM units WHERE code = 'T') FROM generate_series(0, 39) i`.execute(
      setup.db,
    );
    await sql`INSERT INTO units (code, name, level, parent_id)
      SELECT 'X' || i, 'Xã ' || i, 'commune', (SELECT id FROM units WHERE code = 'H' || (i % 40)) FROM generate_series(0, ${UNITS - 1}::int) i`.execute(
      setup.db,
    );
    const services = createServices(setup, { SESSION_HOURS: 1 });
    await services.catalogue.upsertReferenceData('cli', {
      domains: [{ code: 'DVC', nameVi: 'Dịch vụ công', nameEn: 'Public services', sort: 1 }],
      organisations: [{ code: 'VP', nameVi: 'Văn phòng', nameEn: 'Office', kind: 'agency', unitCode: 'T' }],
    });
    await services.catalogue.upsertIndicators('cli', [
      {
        code: 'HS',
        nameVi: 'Hồ sơ',
        nameEn: 'Dossiers',
        domainCode: 'DVC',
        unitOfMeasure: 'hồ sơ',
        periodType: 'month',
        aggregation: 'sum',
        timeAggregation: 'sum',
        direction: 'higher_better',
        thresholds: { mode: 'achievement', yellow: 100, orange: 90, red: 75 },
        source: 'Thử',
      },
    ]);
    await services.dataSets.upsert('cli', {
      code: 'HS_THANG',
      name: 'Hồ sơ hằng tháng',
      organisationCode: 'VP',
      indicatorCodes: ['HS'],
      units: { parentCode: 'T', level: 'commune' },
      frequency: 'month',
      deadline: { daysAfterEnd: 5, time: '17:00' },
      channel: 'file',
    });
    await services.auth.createUser('cli', {
      username: 'qt',
      displayName: 'Quản trị',
      role: 'administrator',
      password: 'mat-khau-quan-tri',
    } as never);
    const { key } = await services.auth.createApiKey('cli', 'qt', 'nap');
    await services.refresher.drain();
    await setup.close();
    const csv = ['unit;HS', ...Array.from({ length: UNITS }, (_, i) => `X${i};${(i % 97) + 1}`)].join('\n');
    const headers = { 'x-api-key': key };

    const first = await serve(env);
    const upload = await fetch(
      `${first.url}/api/v1/data-sets/HS_THANG/periods/2024-03/uploads?name=lon.csv`,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/csv' },
        body: csv,
      },
    );
    expect(upload.status).toBe(202);
    const id = ((await upload.json()) as { submission: { id: string } }).submission.id;
    // Kill as soon as processing has visibly started (progress reported), before it is stored.
    let seen = '';
    for (let i = 0; i < 2000; i++) {
      const s = (await (await fetch(`${first.url}/api/v1/submissions/${id}`, { headers })).json()) as {
        submission: { status: string; progress: { processed: number } };
      };
      seen = `${s.submission.status}:${s.submission.progress.processed}`;
      if (s.submission.status !== 'queued' && s.submission.progress.processed > 0) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    await stop(first.child, 'SIGKILL');
    expect(seen).toMatch(/^processing:[1-9]\d*$/);

    // Between the kill and the restart: the file is there, marked processing, with nothing staged.
    const db = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    const stranded = await db.db
      .selectFrom('submissions')
      .select(['status', 'file'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const staged = await db.db
      .selectFrom('submission_values')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    await db.close();
    expect(stranded.status).toBe('processing');
    expect(stranded.file?.length).toBe(Buffer.byteLength(csv));
    expect(Number(staged.n)).toBe(0);

    const second = await serve(env);
    try {
      let submission = { status: '', rowsValid: 0, errorCount: -1 };
      for (let i = 0; i < 600 && submission.status !== 'draft'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        submission = (
          (await (await fetch(`${second.url}/api/v1/submissions/${id}`, { headers })).json()) as {
            submission: typeof submission;
          }
        ).submission;
      }
      expect(submission).toMatchObject({ status: 'draft', rowsValid: UNITS, errorCount: 0 });
      const post = (action: string) =>
        fetch(`${second.url}/api/v1/submissions/${id}/${action}`, { method: 'POST', headers });
      expect((await post('submit')).status).toBe(200);
      expect((await post('approve')).status).toBe(200);
      await stop(second.child, 'SIGKILL');
    } catch (err) {
      await stop(second.child, 'SIGKILL');
      throw err;
    }

    const after = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    const stored = await after.db
      .selectFrom('observations')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('period', '=', '2024-03')
      .executeTakeFirstOrThrow();
    const status = await after.db
      .selectFrom('submissions')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await after.close();
    expect(Number(stored.n)).toBe(UNITS);
    expect(status.status).toBe('published');
  }, 300_000);
});
