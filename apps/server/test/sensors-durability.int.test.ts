import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, dataFolder, importProvince, ioc, serve, stop } from './ioc-process.js';
import { startMosquitto, type Broker } from './mosquitto.js';

const MESSAGES = 200;
/** What `ioc serve` prints once it is subscribed to the broker. */
const SUBSCRIBED = 'MQTT: đã kết nối';

/**
 * The server is killed (SIGKILL) while sensors publish; what it acknowledged is in the database,
 * what it had not is redelivered by the broker (persistent session), and nothing is counted twice.
 */
describe('MQTT ingest survives kill -9 (PGlite data folder, real Mosquitto)', () => {
  let broker: Broker;
  let env: NodeJS.ProcessEnv;
  let key: string;
  let remove = () => {};

  beforeAll(async () => {
    broker = await startMosquitto();
    const folder = dataFolder('mqtt-kill', {
      MQTT_URL: broker.url,
      MQTT_CLIENT_ID: `ioc-kill-${randomBytes(4).toString('hex')}`,
      MQTT_TOPIC_PREFIX: 'kill/sensors',
    });
    ({ env, remove } = folder);
    await importProvince(env);
    const sensors = path.join(folder.dataDir, 'sensors.csv');
    writeFileSync(
      sensors,
      'code,name,kind,lon,lat,unit,reading,label,uom,indicator,statistic,thresholds\n' +
        'MUA_1,Trạm đo mưa thử,rainfall,106.9,11.5,H,rain,Lượng mưa,mm,,sum,moderate>30\n',
    );
    await ioc(env, 'import', 'sensors', sensors);
    key = await createApiKey(env, 'xem', 'viewer');
  });
  afterAll(async () => {
    await broker?.stop();
    remove();
  });

  it('stores every message exactly once across a kill and a restart', async () => {
    const first = await serve(env, SUBSCRIBED);
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
    await stop(first.child, 'SIGKILL');
    await sending;
    await publisher.endAsync();

    const second = await serve(env, SUBSCRIBED);
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
      await stop(second.child, 'SIGTERM');
    }
  });
});
