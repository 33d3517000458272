import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiKey, dataFolder, importProvince, serve, stop } from './ioc-process.js';
import { startMosquitto } from './mosquitto.js';

const event = (n: number) => ({
  source: 'camera-ai',
  sourceId: `kill-${n}`,
  type: 'traffic_accident',
  category: 'ATGT',
  severity: 'moderate',
  occurredAt: '2026-11-20T08:00:00+07:00',
  title: `Va chạm ${n}`,
  unitCode: 'H',
  cameraCode: `CAM-${n}`,
});

/** Events acknowledged to a source (HTTP 2xx or PUBACK) survive kill -9 of the server right after. */
describe('durability of acknowledged events (PGlite data folder, kill -9)', () => {
  let broker: Awaited<ReturnType<typeof startMosquitto>> | null = null;
  let remove = () => {};
  afterAll(async () => {
    await broker?.stop();
    remove();
  });

  it('keeps every event answered 201 or acknowledged over MQTT, exactly once', async () => {
    broker = await startMosquitto();
    const prefix = `ioc-kill-${process.pid}-${Date.now()}`;
    const folder = dataFolder('events-kill', {
      MQTT_URL: broker.url,
      MQTT_EVENT_TOPIC: `${prefix}/events/#`,
      MQTT_CLIENT_ID: `${prefix}-server`,
    });
    const { env } = folder;
    remove = folder.remove;
    await importProvince(env);
    const key = await createApiKey(env, 'camera', 'operator');

    const first = await serve(env);
    const post = (url: string, n: number) =>
      fetch(`${url}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify(event(n)),
      });
    for (let n = 1; n <= 20; n++) expect((await post(first.url, n)).status).toBe(201);
    // MQTT: 30 events published at once; the server is killed while it is still storing them.
    const publisher = await mqtt.connectAsync(broker.url, { clientId: `${prefix}-camera` });
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        publisher.publishAsync(`${prefix}/events/cam`, JSON.stringify(event(100 + i)), { qos: 1 }),
      ),
    );
    await stop(first.child, 'SIGKILL');

    const second = await serve(env);
    try {
      const count = async () => {
        const res = await fetch(`${second.url}/api/v1/events/groups?limit=1000`, {
          headers: { 'x-api-key': key },
        });
        const body = (await res.json()) as { groups: Array<{ count: number; cameraCode: string }> };
        return body.groups;
      };
      // What was answered 201 is there at once; MQTT messages not yet acknowledged are redelivered.
      expect((await count()).filter((g) => Number(g.cameraCode.slice(4)) <= 20)).toHaveLength(20);
      let groups = await count();
      for (let i = 0; i < 200 && groups.length < 50; i++) {
        await new Promise((r) => setTimeout(r, 100));
        groups = await count();
      }
      expect(groups).toHaveLength(50);
      expect(groups.every((g) => g.count === 1)).toBe(true);
      // A source retrying after the crash gets the same event back, not a second one.
      expect((await post(second.url, 1)).status).toBe(200);
    } finally {
      await publisher.endAsync();
      await stop(second.child, 'SIGTERM');
    }
  });
});
