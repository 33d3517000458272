import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

// Dates stay 'YYYY-MM-DD' text: a JS Date would shift them by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (text) => text);

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  /** `pglite` is the embedded engine; `postgres` a PostgreSQL server. */
  engine: 'pglite' | 'postgres';
  /** The embedded engine itself, for its COPY (used by the benchmark); absent on PostgreSQL. */
  pglite?: PGlite;
  /**
   * Refreshes the planner's statistics on PGlite, which has no autovacuum (without them it
   * misjudges table sizes and picks full scans); PostgreSQL's autovacuum does this by itself.
   */
  analyze(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite engine is used. */
  url?: string;
  /** PGlite data folder, or `memory://` for a throw-away database. */
  dataDir?: string;
  /** PostgreSQL schema to work in (tests isolate themselves this way). */
  schema?: string;
}

/** Opens the database: PostgreSQL when a URL is given, the embedded PGlite otherwise. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', analyze: async () => {}, close: () => db.destroy() };
  }
  const pglite = new PGlite(options.dataDir ?? 'memory://');
  await pglite.waitReady;
  // PGlite's pages are in its memory or the OS cache, so a random read costs about what a
  // sequential one does. At the default (4), once ANALYZE has run, every foreign-key check of a
  // bulk write scans the whole units table instead of probing its key.
  await pglite.exec('SET random_page_cost = 1.1');
  const pool = new pg.Pool(createPgConfig(pglite) as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    pglite,
    analyze: async () => {
      await sql`ANALYZE`.execute(db);
    },
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
