import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MqttEventsSubscriber } from '../src/events/events-mqtt.js';
import type { EventsService } from '../src/events/events.service.js';
import { startTestApp, type TestContext } from './harness.js';
import { startMosquitto } from './mosquitto.js';
import { accident, loadOperationsFixture } from './operations-fixture.js';

/** Events over MQTT against a private Mosquitto: QoS 1, persistent session, PUBACK only once stored. */
describe('events over MQTT', () => {
  let ctx: TestContext;
  let broker: Awaited<ReturnType<typeof startMosquitto>>;
  let publisher: mqtt.MqttClient;
  const prefix = `ioc-test-${process.pid}-${Date.now()}`;
  const options = () => ({
    url: broker.url,
    topic: `${prefix}/events/#`,
    clientId: `${prefix}-server`,
  });

  const stored = async (sourceId: string) =>
    (await ctx.handle.db.selectFrom('events').select('id').where('source_id', '=', sourceId).execute())
      .length;
  const waitStored = async (sourceId: string) => {
    for (let i = 0; i < 200 && (await stored(sourceId)) === 0; i++)
      await new Promise((r) => setTimeout(r, 25));
    return stored(sourceId);
  };
  const publish = (payload: unknown) =>
    publisher.publishAsync(`${prefix}/events/camera`, JSON.stringify(payload), { qos: 1 });

  beforeAll(async () => {
    broker = await startMosquitto();
    ctx = await startTestApp({ name: 'pglite' });
    await loadOperationsFixture(ctx);
    publisher = await mqtt.connectAsync(broker.url, { clientId: `${prefix}-camera` });
  }, 60_000);
  afterAll(async () => {
    await publisher?.endAsync();
    await ctx?.close();
    await broker?.stop();
  });

  it('stores published events once, drops invalid messages, and receives what was sent while it was down', async () => {
    const subscriber = new MqttEventsSubscriber(ctx.services.events, options());
    await subscriber.start();
    const event = accident();
    await publish(event);
    expect(await waitStored(event.sourceId)).toBe(1);
    await publish(event);
    await publisher.publishAsync(`${prefix}/events/camera`, 'không phải JSON', { qos: 1 });
    await publish({ ...accident(), severity: 'rất nặng' });
    const marker = accident();
    await publish(marker);
    expect(await waitStored(marker.sourceId)).toBe(1);
    expect(await stored(event.sourceId)).toBe(1);
    expect(subscriber.stats).toEqual({ stored: 2, duplicates: 1, rejected: 2 });
    await subscriber.stop();

    // The broker keeps QoS 1 messages for the persistent session while the server is away.
    const whileDown = [accident(), accident()];
    for (const e of whileDown) await publish(e);
    const back = new MqttEventsSubscriber(ctx.services.events, options());
    await back.start();
    for (const e of whileDown) expect(await waitStored(e.sourceId)).toBe(1);
    await back.stop();
  });

  it('does not acknowledge a message before its event is stored: a crash in between means redelivery', async () => {
    let received = 0;
    const stuck = {
      // Never finishes storing: the message stays unacknowledged.
      ingest: () => {
        received++;
        return new Promise(() => {});
      },
    } as unknown as EventsService;
    const crashing = new MqttEventsSubscriber(stuck, options());
    await crashing.start();
    const event = accident();
    await publish(event);
    for (let i = 0; i < 200 && received === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(received).toBe(1);
    // The process dies without a clean disconnect.
    (crashing as unknown as { client: mqtt.MqttClient }).client.stream.destroy();
    (crashing as unknown as { client: mqtt.MqttClient }).client.end(true);

    const restarted = new MqttEventsSubscriber(ctx.services.events, options());
    await restarted.start();
    expect(await waitStored(event.sourceId)).toBe(1);
    await restarted.stop();
  });
});
