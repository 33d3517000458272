import type { Services } from '../app.js';
import { DOMAINS, INDICATORS, ORGANISATIONS, PEOPLE, TEAMS } from '../demo/catalogue.js';
import { generateDemo } from '../demo/generate.js';
import { generateDemoDossiers } from '../demo/dossiers.js';
import { DEMO_UNITS, DEMO_VALID_TO, DISTRICT_CENTROIDS } from '../demo/units.js';
import { seedFinance } from './seed-finance.js';
import { seedDemoCases } from './seed-demo-cases.js';
import { seedDemoSensors } from './seed-demo-sensors.js';
import { seedOperationsDemo } from './seed-operations.js';
import { demoCameras } from '../demo/cameras.js';
import { seedSupplyDemo } from './seed-supply.js';

const BATCH = 20_000;

/**
 * Loads the demo province (Bình Phước, synthetic figures) through the same services as every
 * other write, then waits for the roll-ups. Idempotent: a second run changes nothing.
 */
export async function seedDemo(
  services: Services,
  options: { from?: string; to?: string; log?: (line: string) => void } = {},
): Promise<{ observations: number; dossiers: number }> {
  const log = options.log ?? (() => {});
  const { catalogue, observations, refresher } = services;
  await catalogue.upsertUnits(
    'cli',
    DEMO_UNITS.map((u) => ({ ...u, centroid: DISTRICT_CENTROIDS[u.code] ?? null })),
  );
  await catalogue.upsertReferenceData('cli', {
    domains: DOMAINS,
    organisations: ORGANISATIONS,
    teams: TEAMS,
    people: PEOPLE,
  });
  await catalogue.upsertIndicators('cli', INDICATORS);
  const cameras = demoCameras();
  await services.cameras.importRows('cli', cameras, { partial: false, audit: 'import' });
  const checkedAt = new Date();
  await services.cameras.recordStatuses(cameras.map((c) => ({ code: c.code, status: c.status, checkedAt })));
  log(`Camera: ${cameras.length} (minh họa / synthetic)`);
  log(`Danh mục: ${DEMO_UNITS.length} đơn vị, ${INDICATORS.length} chỉ tiêu / catalogue loaded`);
  const { from, to } = options;
  const demo = generateDemo({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
  for (let i = 0; i < demo.observations.length; i += BATCH) {
    const rows = demo.observations.slice(i, i + BATCH).map((o) => ({
      indicator: o.indicatorCode,
      unit: o.unitCode,
      period: o.period,
      value: o.value,
      source: 'Dữ liệu minh họa (tổng hợp) / synthetic demo data',
    }));
    await observations.write('cli', { rows, rowNumbers: rows.map((_, k) => i + k + 1), mode: 'all' });
    log(`Số liệu: ${Math.min(i + BATCH, demo.observations.length)}/${demo.observations.length}`);
  }
  await seedDemoCases(services, { ...(from ? { from } : {}), ...(to ? { to } : {}), log });
  await catalogue.upsertTargets('cli', demo.targets);
  await seedFinance(services, { ...(from ? { from } : {}), ...(to ? { to } : {}), log });
  const dossiers = await seedDemoDossiers(services, { from, to, log });
  await seedDemoSensors(services, to ?? DEMO_VALID_TO, log);
  const operations = await seedOperationsDemo(services);
  log(
    `Điều hành: ${operations.events} sự kiện, ${operations.incidents} sự cố minh họa / live operations demo`,
  );
  const supply = await seedSupplyDemo(services, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
  log(`Cung cấp số liệu: ${supply.dataSets} bộ số liệu, ${supply.receipts} lượt nộp / data supply history`);
  log('Đang tổng hợp số liệu / computing roll-ups…');
  await refresher.drain();
  return { observations: demo.observations.length, dossiers };
}

const DOSSIER_BATCH = 10_000;

/** Loads the synthetic dossier records and satisfaction ratings, then counts their figures into the warehouse. */
async function seedDemoDossiers(
  services: Services,
  options: { from?: string; to?: string; log: (line: string) => void },
): Promise<number> {
  const { from, to, log } = options;
  const { dossiers, satisfaction } = generateDemoDossiers({
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  });
  for (let i = 0; i < dossiers.length; i += DOSSIER_BATCH) {
    const rows = dossiers.slice(i, i + DOSSIER_BATCH);
    await services.dossiers.write('cli', {
      rows,
      rowNumbers: rows.map((_, k) => i + k + 1),
      mode: 'all',
      source: 'Dữ liệu minh họa (tổng hợp) / synthetic demo data',
    });
    log(`Hồ sơ TTHC: ${Math.min(i + DOSSIER_BATCH, dossiers.length)}/${dossiers.length}`);
  }
  await services.dossiers.writeSatisfaction(
    'cli',
    satisfaction.map((s) => ({ ...s, source: 'Dữ liệu minh họa (tổng hợp) / synthetic demo data' })),
  );
  // The demo world ends at `to`: dossiers still open then are not followed into later months.
  const lastMonth = (to ?? DEMO_VALID_TO).slice(0, 7);
  await services.dossiers.db
    .deleteFrom('figure_queue')
    .where('scope', '=', 'dossiers')
    .where('period', '>', lastMonth)
    .execute();
  log('Đang tính số liệu hồ sơ / counting dossier figures…');
  await services.figures.drain();
  return dossiers.length;
}
