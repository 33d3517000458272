import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createServices, type Services } from './app.js';
import type { Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrate } from './db/migrate.js';

/** Opens the configured database (PostgreSQL or the embedded PGlite folder), migrates it, and wires the services. */
export async function openRuntime(config: Config): Promise<{ handle: DatabaseHandle; services: Services }> {
  if (!config.DATABASE_URL) mkdirSync(config.IOC_DATA_DIR, { recursive: true });
  const handle = await openDatabase(
    config.DATABASE_URL
      ? { url: config.DATABASE_URL }
      : { dataDir: path.join(config.IOC_DATA_DIR, 'pglite') },
  );
  await migrate(handle.db);
  await handle.analyze();
  return { handle, services: createServices(handle, config) };
}
