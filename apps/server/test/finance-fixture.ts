import type { Services } from '../src/app.js';
import { DOMAINS, INDICATORS, ORGANISATIONS, PEOPLE, TEAMS } from '../src/demo/catalogue.js';
import { DEMO_UNITS } from '../src/demo/units.js';

/** The demo province's units, organisations and budget and investment indicators, without figures. */
export async function loadFinanceCatalogue(services: Services): Promise<void> {
  await services.catalogue.upsertUnits('cli', DEMO_UNITS);
  await services.catalogue.upsertReferenceData('cli', {
    domains: DOMAINS,
    organisations: ORGANISATIONS,
    teams: TEAMS,
    people: PEOPLE,
  });
  await services.catalogue.upsertIndicators(
    'cli',
    INDICATORS.filter((i) => i.domainCode === 'NS' || i.domainCode === 'DTC'),
  );
}

/** A billion đồng (tỷ đồng). */
export const TY = 1_000_000_000;

/** Reads one rolled-up warehouse figure. */
export async function warehouseValue(
  services: Services,
  db: import('../src/db/database.js').Db,
  indicator: string,
  unit: string,
  period: string,
): Promise<number | undefined> {
  await services.figures.drain();
  await services.refresher.drain();
  const row = await db
    .selectFrom('rollup_values')
    .innerJoin('units', 'units.id', 'rollup_values.unit_id')
    .select('value')
    .where('indicator_code', '=', indicator)
    .where('units.code', '=', unit)
    .where('period', '=', period)
    .executeTakeFirst();
  return row?.value;
}
