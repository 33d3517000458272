/**
 * The setting of the live-operations benchmarks: an in-memory PGlite with the demo province's units
 * (districts at their centres) and one operator, `bench`, who may send events.
 */
import { createServices } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { DEMO_UNITS, DISTRICT_CENTROIDS } from '../src/demo/units.js';

export const BENCH_OPERATOR = { username: 'bench', password: 'mat-khau-bench-123' };

export async function openOperationsProvince() {
  const handle = await openDatabase({ dataDir: 'memory://' });
  await migrate(handle.db);
  const services = createServices(handle, { SESSION_HOURS: 1 });
  await services.catalogue.upsertUnits(
    'cli',
    DEMO_UNITS.map((u) => ({ ...u, validTo: null, centroid: DISTRICT_CENTROIDS[u.code] ?? null })),
  );
  await services.auth.createUser('cli', { ...BENCH_OPERATOR, displayName: 'Bench', role: 'operator' });
  return { handle, services };
}
