import type { Services } from '../app.js';
import { DOMAINS, INDICATORS, ORGANISATIONS, PEOPLE, TEAMS } from '../demo/catalogue.js';
import { generateDemo } from '../demo/generate.js';
import { DEMO_UNITS, DISTRICT_CENTROIDS } from '../demo/units.js';
import { seedSupplyDemo } from './seed-supply.js';

const BATCH = 20_000;

/**
 * Loads the demo province (Bình Phước, synthetic figures) through the same services as every
 * other write, then waits for the roll-ups. Idempotent: a second run changes nothing.
 */
export async function seedDemo(
  services: Services,
  options: { from?: string; to?: string; log?: (line: string) => void } = {},
): Promise<{ observations: number }> {
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
  await catalogue.upsertTargets('cli', demo.targets);
  const supply = await seedSupplyDemo(services, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
  log(`Cung cấp số liệu: ${supply.dataSets} bộ số liệu, ${supply.receipts} lượt nộp / data supply history`);
  log('Đang tổng hợp số liệu / computing roll-ups…');
  await refresher.drain();
  return { observations: demo.observations.length };
}
