import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { buildApp, createServices } from '../src/app.js';
import { DEMO_UNITS } from '../src/demo/units.js';
import { loadUnitTree } from '../src/units/unit-tree.js';
import { indicatorCode, pairsIn, toCopyCsv } from './data.js';
import { openPglite } from './engines.js';

const db = await openPglite();
const services = createServices(db.handle, { SESSION_HOURS: 1 });
const app = await buildApp(db.handle, services);
const url = await app.listen({ host: '127.0.0.1', port: 0 });
await services.catalogue.upsertUnits('cli', DEMO_UNITS);
await services.catalogue.upsertReferenceData('cli', { domains: [{ code: 'BENCH', nameVi: 'x', nameEn: 'x', sort: 1 }] });
const N = 15;
await services.catalogue.upsertIndicators('cli', Array.from({ length: N }, (_, k) => ({
  code: indicatorCode(k), nameVi: 'x', nameEn: 'x', domainCode: 'BENCH', unitOfMeasure: 'x', periodType: 'month',
  aggregation: 'sum', timeAggregation: 'sum', direction: 'higher_better',
  thresholds: { mode: 'achievement', yellow: 100, orange: 90, red: 75 }, source: 'x' })));
await services.refresher.drain();
const tree = await loadUnitTree(db.handle.db);
const communes = tree.units.filter((u) => u.level === 'commune');
const layout = { indicatorCodes: Array.from({ length: N }, (_, k) => indicatorCode(k)), communeCodes: communes.map((u) => u.code), communeIds: communes.map((u) => u.id) };
const rows = N * 13320;
await db.copy(toCopyCsv(layout, 0, rows));
const pairs = pairsIn(layout, 0, rows);
await sql`INSERT INTO rollup_queue (indicator_code, year) SELECT * FROM unnest(${pairs.codes}::text[], ${pairs.years}::int[])`.execute(db.handle.db);
console.log('pairs', pairs.codes.length);
let last = performance.now();
let maxLag = 0;
let ticks = 0;
const timer = setInterval(() => { const now = performance.now(); maxLag = Math.max(maxLag, now - last - 50); last = now; ticks++; }, 50);
const t0 = performance.now();
{
  const c = spawn('sh', ['-c', `sleep 1; curl -s -o /dev/null -w '%{time_total}' ${url}/healthz`]);
  let out = '';
  c.stdout.on('data', (d) => (out += d));
  c.on('close', () => console.log('curl /healthz took', out, 's; ended at', ((performance.now() - t0) / 1000).toFixed(1)));
}
const drain = services.refresher.drain();
await drain;
console.log('drain', ((performance.now() - t0) / 1000).toFixed(1), 's; timer ticks', ticks, 'max timer lag', maxLag.toFixed(0), 'ms');
await new Promise((r) => setTimeout(r, 500));
clearInterval(timer);
await app.close();
await db.close();
