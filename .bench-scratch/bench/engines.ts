/**
 * The database the benchmark runs on: PGlite in a temporary folder (deleted afterwards), or a
 * throw-away schema of a PostgreSQL server (BENCH_DATABASE_URL), plus a raw COPY into it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';

export const COPY_SQL =
  'COPY observations (indicator_code, unit_id, period, disaggregation, value, status) FROM STDIN WITH (FORMAT csv)';

export interface BenchDatabase {
  handle: DatabaseHandle;
  /** e.g. "PGlite 0.5.16 (PostgreSQL 17.5)". */
  engine: string;
  /** Loads CSV rows (see toCopyCsv) with one COPY statement. */
  copy(csv: string): Promise<void>;
  close(): Promise<void>;
}

async function serverVersion(handle: DatabaseHandle): Promise<string> {
  const r = await sql<{ server_version: string }>`SHOW server_version`.execute(handle.db);
  return r.rows[0]?.server_version ?? '?';
}

/** The installed version of a package (its package.json is not exported, so walk up from its entry). */
function packageVersion(name: string): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.resolve(name))); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? '?';
    }
    if (path.dirname(dir) === dir) return '?';
  }
}

export async function openPglite(): Promise<BenchDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ioc-bench-'));
  try {
    const handle = await openDatabase({ dataDir: path.join(dir, 'pglite') });
    await migrate(handle.db);
    const pglite = handle.pglite;
    if (!pglite) throw new Error('PGlite handle without its engine');
    const version = packageVersion('@electric-sql/pglite');
    return {
      handle,
      engine: `PGlite ${version} (PostgreSQL ${await serverVersion(handle)}, WASM, data folder on disk)`,
      copy: async (csv) => {
        await pglite.query(COPY_SQL.replace('STDIN', "'/dev/blob'"), [], { blob: new Blob([csv]) });
      },
      close: async () => {
        try {
          await handle.close();
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** The part of pg's connection that COPY FROM STDIN writes to (not in @types/pg). */
interface CopyConnection {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** A pg query that answers the server's CopyInResponse with the CSV (what pg-copy-streams does). */
class CopyFromQuery extends pg.Query {
  private readonly data: Buffer;

  constructor(text: string, csv: string, done: (err: Error | undefined) => void) {
    super(text, (err) => done(err ?? undefined));
    this.data = Buffer.from(csv);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    const CHUNK = 1 << 20;
    for (let i = 0; i < this.data.length; i += CHUNK)
      connection.sendCopyFromChunk(this.data.subarray(i, i + CHUNK));
    connection.endCopyFrom();
  }
}

export async function openPostgres(url: string): Promise<BenchDatabase> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const dropSchema = async () => {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  };
  try {
    const handle = await openDatabase({ url, schema });
    await migrate(handle.db);
    const copier = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await copier.connect();
    return {
      handle,
      engine: `PostgreSQL ${await serverVersion(handle)} (local server, schema ${schema})`,
      copy: (csv) =>
        new Promise<void>((resolve, reject) => {
          copier.query(new CopyFromQuery(COPY_SQL, csv, (err) => (err ? reject(err) : resolve())));
        }),
      close: async () => {
        try {
          await copier.end();
          await handle.close();
        } finally {
          await dropSchema();
        }
      },
    };
  } catch (err) {
    await dropSchema();
    throw err;
  }
}
