import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type Broker } from './mosquitto.js';

const run = promisify(execFile);
const IOC = path.resolve(import.meta.dirname, '../bin/ioc');
const MESSAGES = 200;

/** Starts `ioc serve` and resolves once it is subscribed to the broker. */
function serve(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(IOC, ['serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const check = () => {
      const url = /running at (http:\/\/\S+)/.exec(out)?.[1];
      if (url && out.includes('MQTT: đã kết nối')) resolve({ child, url });
    };
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      check();
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`ioc serve exited with ${code}: ${out}`)));
  });
}

/**
 * The server is killed (SIGKILL) while sensors publish; what it acknowledged is in the database,
 * what it had not is redelivered by the broker (persistent session), and nothing is counted twice.
 */
describe('MQTT ingest survives kill -9 (PGlite data folder, real Mosquitto)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ioc-mqtt-kill-'));
  let broker: Broker;
  let env: NodeJS.ProcessEnv;
  let key: string;

  beforeAll(async () => {
    broker = await startMosquitto();
    env = {
      ...process.env,
      IOC_DATA_DIR: dataDir,
      IOC_MODE: 'production',
      MQTT_URL: broker.url,
      MQTT_CLIENT_ID: `ioc-kill-${randomBytes(4).toString('hex')}`,
      MQTT_TOPIC_PREFIX: 'kill/sensors',
    };
    delete env.DATABASE_URL;
    const units = path.join(dataDir, 'units.csv');
    writeFileSync(units, 'code,name,level,parent_code\nT,Tỉnh Thử,province,\nH,Huyện Thử,district,T\n');
    await run(IOC, ['import', 'units', units], { env });
    const sensors = path.join(dataDir, 'sensors.csv');
    writeFileSync(
      sensors,
      'code,name,kind,lon,lat,unit,reading,label,uom,indicator,statistic,thresholds\n' +
        'MUA_1,Trạm đo mưa thử,rainfall,106.9,11.5,H,rain,Lượng mưa,mm,,sum,moderate>30\n',
    );
    await run(IOC, ['import', 'sensors', sensors], { env });
    await run(
      IOC,
      [
        'create-user',
        '--username',
        'xem',
        '--display-name',
        'Xem',
        '--role',
        'viewer',
        '--password',
        'mat-khau-xem-thu',
      ],
      { env },
    );
    key = (
      await run(IOC, ['create-api-key', '--username', 'xem', '--name', 'kiểm thử'], { env })
    ).stdout.trim();
  });
  afterAll(async () => {
    await broker?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores every message exactly once across a kill and a restart', async () => {
    const first = await serve(env);
    const publisher = await mqtt.connectAsync(broker.url, { clientId: `${env.MQTT_CLIENT_ID}-pub` });
    const day = Date.UTC(2025, 5, 1, 0, 0);
    const sending = (async () => {
      for (let i = 0; i < MESSAGES; i++) {
        await publisher.publishAsync(
          'kill/sensors/MUA_1',
          JSON.stringify({
            messageId: `m${i}`,
            time: new Date(day + i * 60_000).toISOString(),
            readings: { rain: 1 },
          }),
          { qos: 1 },
        );
      }
    })();
    const rainfall = async (url: string) => {
      const response = await fetch(
        `${url}/api/v1/sensors/rollups?sensor=MUA_1&reading=rain&bucket=day&from=2025-05-31T00:00:00Z&to=2025-06-02T00:00:00Z`,
        { headers: { 'x-api-key': key } },
      );
      const body = (await response.json()) as { figures: { count: number; max: number }[] };
      return body.figures.reduce((sum, f) => sum + f.count, 0);
    };
    // Kill it in the middle of the stream.
    while ((await rainfall(first.url)) < 20) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    await sending;
    await publisher.endAsync();

    const second = await serve(env);
    try {
      let stored = 0;
      for (let i = 0; i < 600 && stored < MESSAGES; i++) {
        stored = await rainfall(second.url);
        if (stored < MESSAGES) await new Promise((r) => setTimeout(r, 100));
      }
      expect(stored).toBe(MESSAGES);
      // Nothing arrives twice: the count stays put.
      await new Promise((r) => setTimeout(r, 500));
      expect(await rainfall(second.url)).toBe(MESSAGES);
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    }
  });
});
