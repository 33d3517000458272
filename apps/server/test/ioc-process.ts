import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * The real `ioc` command in its own process, for the tests that kill the server outright
 * (kill -9) and start it again on the same data folder.
 */
export const IOC = path.resolve(import.meta.dirname, '../bin/ioc');

const execIoc = promisify(execFile);

/** Runs an `ioc` command to its end; resolves with what it printed (trimmed). */
export async function ioc(env: NodeJS.ProcessEnv, ...args: string[]): Promise<string> {
  return (await execIoc(IOC, args, { env })).stdout.trim();
}

/** A fresh PGlite data folder and a production environment on it (no DATABASE_URL). */
export function dataFolder(name: string, extra: NodeJS.ProcessEnv = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), `ioc-${name}-`));
  const env: NodeJS.ProcessEnv = { ...process.env, IOC_DATA_DIR: dataDir, IOC_MODE: 'production', ...extra };
  delete env.DATABASE_URL;
  return { dataDir, env, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** Imports a province T with one district H through the CLI. */
export async function importProvince(env: NodeJS.ProcessEnv): Promise<void> {
  const file = path.join(env.IOC_DATA_DIR!, 'units.csv');
  writeFileSync(file, 'code,name,level,parent_code\nT,Tỉnh Thử,province,\nH,Huyện Thử,district,T\n');
  await ioc(env, 'import', 'units', file);
}

/** Creates a user of `role` and an API key for it through the CLI; resolves with the key. */
export async function createApiKey(env: NodeJS.ProcessEnv, username: string, role: string): Promise<string> {
  await ioc(
    env,
    'create-user',
    '--username',
    username,
    '--display-name',
    username,
    '--role',
    role,
    '--password',
    `mat-khau-${username}-thu`,
  );
  return ioc(env, 'create-api-key', '--username', username, '--name', username);
}

/**
 * Starts `ioc serve` on a free port; resolves with its address once it prints it (and, when
 * given, once it has also printed `readyWhen`, e.g. the MQTT connection).
 */
export function serve(
  env: NodeJS.ProcessEnv,
  readyWhen?: string,
): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(IOC, ['serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /running at (http:\/\/\S+)/.exec(out)?.[1];
      if (url && (!readyWhen || out.includes(readyWhen))) resolve({ child, url });
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`ioc serve exited with ${code}: ${out}`)));
  });
}

/** Sends `signal` (SIGKILL: kill -9) and waits until the process has exited. */
export async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}
