/**
 * XLSX import of a data set with 100,000 rows (× BENCH_SCALE): time and peak memory of the whole
 * import (upload → streamed read → row checks → staged values committed), against the exceljs
 * streaming reader alone on the same file, and against the CSV path with the same rows.
 *
 *   node --import tsx apps/server/bench/xlsx.bench.ts        (BENCH_SCALE=0.1 for a quick run)
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createServices } from '../src/app.js';
import type { Actor } from '../src/auth/actor.js';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import {
  readRows,
  writeTemplateCsv,
  writeTemplateXlsx,
  type TemplateSpec,
} from '../src/data-supply/supply-files.js';
import { describeMachine, describeSources } from './machine.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const ROWS = Math.max(1000, Math.round(100_000 * SCALE));
const DISTRICTS = 100;
/** The benchmark uploads as an administrator (no session needed in-process). */
const BENCH_ACTOR: Actor = {
  kind: 'user',
  userId: 0,
  username: 'bench',
  role: 'administrator',
  organisationId: null,
  scopeUnitId: null,
};
const REPORT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/PERFORMANCE.md');

interface Measure {
  seconds: number;
  peakRssMiB: number;
  peakHeapMiB: number;
  startRssMiB: number;
}

/** Runs `work`, sampling memory every 10 ms; the peaks include whatever the process held before. */
async function measure(work: () => Promise<unknown>): Promise<Measure> {
  (globalThis as { gc?: () => void }).gc?.();
  const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakHeap = start.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 10);
  const t0 = performance.now();
  await work();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  return { seconds, peakRssMiB: mib(peakRss), peakHeapMiB: mib(peakHeap), startRssMiB: mib(start.rss) };
}

async function main() {
  const handle = await openDatabase({ dataDir: 'memory://' });
  await migrate(handle.db);
  await sql`INSERT INTO units (code, name, level) VALUES ('T', 'Tỉnh Thử', 'province')`.execute(handle.db);
  await sql`INSERT INTO units (code, name, level, parent_id)
    SELECT 'H' || i, 'Huyện ' || i, 'district', (SELECT id FROM units WHERE code = 'T')
    FROM generate_series(1, ${DISTRICTS}::int) i`.execute(handle.db);
  await sql`INSERT INTO units (code, name, level, parent_id)
    SELECT 'X' || lpad(i::text, 6, '0'), 'Xã ' || i, 'commune', (SELECT id FROM units WHERE code = 'H' || (1 + i % ${DISTRICTS}::int))
    FROM generate_series(1, ${ROWS}::int) i`.execute(handle.db);
  const services = createServices(handle, { SESSION_HOURS: 1 });
  await services.catalogue.upsertReferenceData('cli', {
    domains: [{ code: 'DVC', nameVi: 'Dịch vụ công', nameEn: 'Public services', sort: 1 }],
    organisations: [{ code: 'VP', nameVi: 'Văn phòng', nameEn: 'Office', kind: 'agency', unitCode: 'T' }],
  });
  const indicator = (code: string, nameVi: string) => ({
    code,
    nameVi,
    nameEn: code,
    domainCode: 'DVC',
    unitOfMeasure: 'hồ sơ',
    periodType: 'month',
    aggregation: 'sum',
    timeAggregation: 'sum',
    direction: 'higher_better',
    thresholds: { mode: 'achievement', yellow: 100, orange: 90, red: 75 },
    source: 'Bench',
  });
  await services.catalogue.upsertIndicators('cli', [
    indicator('HS_NHAN', 'Hồ sơ tiếp nhận'),
    indicator('HS_XL', 'Hồ sơ đã xử lý'),
    indicator('HS_DH', 'Hồ sơ đúng hạn'),
  ]);
  const dataSet = await services.dataSets.upsert('cli', {
    code: 'BENCH',
    name: 'Hồ sơ hằng tháng (bench)',
    organisationCode: 'VP',
    indicatorCodes: ['HS_NHAN', 'HS_XL', 'HS_DH'],
    units: { parentCode: 'T', level: 'commune' },
    frequency: 'month',
    deadline: { daysAfterEnd: 5, time: '17:00' },
    channel: 'file',
    rules: [
      { kind: 'range', indicator: 'HS_NHAN', min: 0 },
      { kind: 'required', indicator: 'HS_XL' },
      { kind: 'relation', left: 'HS_DH', operator: '<=', right: 'HS_XL' },
    ],
  });
  const units = (
    await handle.db
      .selectFrom('units')
      .select(['code', 'name'])
      .where('level', '=', 'commune')
      .orderBy('code')
      .execute()
  ).map((u) => ({ code: u.code, name: u.name }));
  const spec = (period: string): TemplateSpec => ({
    dataSet,
    period,
    indicators: ['HS_NHAN', 'HS_XL', 'HS_DH'].map((code) => ({ code, name: code, unitOfMeasure: 'hồ sơ' })),
    units,
    rules: dataSet.rules,
    value: (unit, code) => {
      const n = Number(unit.slice(1));
      return code === 'HS_NHAN' ? 50 + (n % 40) : code === 'HS_XL' ? 40 + (n % 30) : 30 + (n % 10);
    },
  });
  console.log(`Tệp ${ROWS} dòng / generating a ${ROWS}-row file…`);
  let xlsx: Buffer = Buffer.alloc(0);
  const write = await measure(async () => (xlsx = await writeTemplateXlsx(spec('2024-03'))));
  const csv = Buffer.from(writeTemplateCsv(spec('2024-04')), 'utf8');
  const scratch = path.join(path.dirname(REPORT), '..', 'bench-xlsx.tmp.xlsx');
  writeFileSync(scratch, xlsx); // a copy to open in Excel when a figure looks wrong; removed below
  const file = readFileSync(scratch);

  let rows = 0;
  const streamOnly = await measure(() => readRows(file, 'xlsx', () => void rows++));
  const importXlsx = await measure(async () => {
    const { submission } = await services.submissions.upload(
      BENCH_ACTOR,
      'BENCH',
      '2024-03',
      file,
      'bench.xlsx',
    );
    await services.submissions.idle();
    const done = await services.submissions.get(BENCH_ACTOR, submission.id);
    if (done.rowsValid !== ROWS) throw new Error(`expected ${ROWS} valid rows, got ${done.rowsValid}`);
  });
  const importCsv = await measure(async () => {
    await services.submissions.upload(BENCH_ACTOR, 'BENCH', '2024-04', csv, 'bench.csv');
    await services.submissions.idle();
  });
  const staged = await handle.db
    .selectFrom('submission_values')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(staged.n) !== ROWS * 3 * 2) throw new Error(`staged ${staged.n} values, expected ${ROWS * 6}`);
  await services.refresher.drain();
  await handle.close();
  rmSync(scratch, { force: true });

  const machine = describeMachine();
  const f = (n: number) => n.toFixed(2);
  const lines = [
    `### XLSX import (data supply) — ${ROWS.toLocaleString('en')} rows × 3 indicators, PGlite in memory`,
    '',
    `Measured ${machine.date} on ${machine.cpu} (${machine.cores} cores, ${Math.round(machine.memoryGiB)} GiB), Node ${machine.node}, sources ${describeSources()}. ` +
      `File: ${(xlsx.length / 1024 / 1024).toFixed(1)} MiB XLSX (template writer, ${f(write.seconds)} s), ${(csv.length / 1024 / 1024).toFixed(1)} MiB CSV. ` +
      'Peak memory is of the whole process, sampled every 10 ms (it includes what earlier phases left). ' +
      `Load average at the end: ${loadavg()[0]!.toFixed(1)} on ${machine.cores} cores (figures taken alongside other work are slower).`,
    '',
    '| Phase | Time (s) | Rows/s | Peak RSS (MiB) | Peak heap (MiB) | RSS at start (MiB) | Time vs streaming read |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...(
      [
        ['Baseline: exceljs streaming read alone (same file)', streamOnly],
        ['XLSX import: upload → stream → checks → staged values committed', importXlsx],
        ['CSV import, same rows (parsed in one go)', importCsv],
      ] as const
    ).map(
      ([name, m]) =>
        `| ${name} | ${f(m.seconds)} | ${Math.round(ROWS / m.seconds).toLocaleString('en')} | ${m.peakRssMiB} | ${m.peakHeapMiB} | ${m.startRssMiB} | ${f(m.seconds / streamOnly.seconds)}× |`,
    ),
    '',
    `Rows read by the baseline: ${rows.toLocaleString('en')}.`,
  ];
  console.log(lines.join('\n'));
  const begin = '<!-- bench:xlsx:begin -->';
  const end = '<!-- bench:xlsx:end -->';
  let report = readFileSync(REPORT, 'utf8');
  if (!report.includes(begin)) report = `${report.trimEnd()}\n\n${begin}\n${end}\n`;
  const before = report.slice(0, report.indexOf(begin) + begin.length);
  const after = report.slice(report.indexOf(end));
  writeFileSync(REPORT, `${before}\n${lines.join('\n')}\n${after}`);
}

await main();
