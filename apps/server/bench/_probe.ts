import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createServices } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { DEMO_UNITS } from '../src/demo/units.js';

const dir = mkdtempSync(path.join(tmpdir(), 'iocbench-'));
const handle = await openDatabase({ dataDir: path.join(dir, 'pglite') });
await migrate(handle.db);
const services = createServices(handle, { SESSION_HOURS: 1 });
await services.catalogue.upsertUnits('cli', DEMO_UNITS);
await services.catalogue.upsertReferenceData('cli', {
  domains: [{ code: 'BENCH', nameVi: 'Đo', nameEn: 'Bench', sort: 1 }],
});
const N_IND = 20;
const inds = Array.from({ length: N_IND }, (_, i) => ({
  code: `B${String(i).padStart(3, '0')}`,
  nameVi: `Chỉ tiêu ${i}`,
  nameEn: `Ind ${i}`,
  domainCode: 'BENCH',
  unitOfMeasure: 'cái',
  periodType: 'month',
  aggregation: 'sum',
  timeAggregation: 'sum',
  direction: 'higher_better',
  thresholds: { mode: 'achievement', yellow: 100, orange: 90, red: 75 },
  source: 'bench',
  isPublic: true,
}));
await services.catalogue.upsertIndicators('cli', inds);
await services.refresher.drain();
const units = await handle.db.selectFrom('units').select(['id', 'code', 'level']).execute();
const communes = units.filter((u) => u.level === 'commune');
console.log('communes', communes.length);
let csv = '';
let n = 0;
for (const ind of inds)
  for (let y = 2015; y < 2025; y++)
    for (let m = 1; m <= 12; m++)
      for (const c of communes) {
        csv += `${ind.code},${c.id},${y}-${String(m).padStart(2, '0')},"",${(n % 997) + 0.5},approved\n`;
        n++;
      }
console.log('rows', n, 'bytes', csv.length);
let t = performance.now();
await handle.pglite!.query(
  "COPY observations (indicator_code, unit_id, period, disaggregation, value, status) FROM '/dev/blob' WITH (FORMAT csv)",
  [],
  { blob: new Blob([csv]) },
);
let s = (performance.now() - t) / 1000;
console.log('copy', s.toFixed(2), 's', (n / s).toFixed(0), 'rows/s');
t = performance.now();
await sql`INSERT INTO rollup_queue (indicator_code, year) SELECT DISTINCT indicator_code, left(period,4)::int FROM observations ON CONFLICT DO NOTHING`.execute(
  handle.db,
);
console.log('queue', (performance.now() - t).toFixed(0), 'ms', await services.refresher.pending());
t = performance.now();
await services.refresher.drain();
s = (performance.now() - t) / 1000;
console.log('drain', s.toFixed(2), 's', ((s / (N_IND * 10)) * 1000).toFixed(1), 'ms/pair');
const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM rollup_values`.execute(handle.db);
console.log('rollup rows', r.rows[0]);
console.log('mem', process.memoryUsage());
await handle.close();
rmSync(dir, { recursive: true, force: true });
