/**
 * `node --import tsx apps/server/bench/mqtt.bench.ts`: MQTT sensor readings ingested per second,
 * end to end (publish → validated, stored once by message id, rolled up hourly and daily, the
 * daily figure written to the warehouse), against the rate a bare mqtt.js subscriber (QoS 1, the
 * same persistent-session settings, doing nothing with the messages) receives from the same
 * private Mosquitto in the same run.
 *
 * Runs on PGlite in a temporary folder. BENCH_SCALE (default 1) scales the message count;
 * BENCH_REPORT sets the report file (`-` to not write one).
 */
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import { sql } from 'kysely';
import { createServices } from '../src/app.js';
import { SensorMqttSubscriber } from '../src/sensors/mqtt-subscriber.js';
import { startMosquitto, type Broker } from '../test/mosquitto.js';
import { openPglite } from './engines.js';
import { describeMachine, describeSources, watchLoad } from './machine.js';
import { writeReportSection } from './report.js';

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
if (!(SCALE > 0)) throw new Error(`BENCH_SCALE must be a positive number, not "${process.env.BENCH_SCALE}"`);
const MESSAGES = Math.max(100, Math.round(10_000 * SCALE));
const SENSORS = 50;
const PREFIX = `bench-${randomBytes(3).toString('hex')}/sensors`;

const message = (i: number) =>
  JSON.stringify({
    messageId: `m${i}`,
    time: new Date(Date.UTC(2025, 5, 1) + Math.floor(i / SENSORS) * 60_000).toISOString(),
    readings: { pm25: 10 + (i % 70), pm10: 20 + (i % 120) },
  });

/** Publishes every message with QoS 1 (the broker acknowledges each), many in flight. */
async function publishAll(broker: Broker): Promise<void> {
  const publisher = await mqtt.connectAsync(broker.url, {
    clientId: `bench-pub-${randomBytes(3).toString('hex')}`,
  });
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    pending.push(publisher.publishAsync(`${PREFIX}/S${i % SENSORS}`, message(i), { qos: 1 }));
    if (pending.length >= 500) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  await publisher.endAsync();
}

/** Baseline: a subscriber that only counts, with QoS 1 and a persistent session like the server's. */
async function bareSubscriber(broker: Broker): Promise<number> {
  const client = await mqtt.connectAsync(broker.url, {
    clientId: `bench-bare-${randomBytes(3).toString('hex')}`,
    clean: false,
  });
  await client.subscribeAsync(`${PREFIX}/+`, { qos: 1 });
  let received = 0;
  const done = new Promise<void>((resolve) =>
    client.on('message', () => {
      if (++received === MESSAGES) resolve();
    }),
  );
  const start = performance.now();
  await Promise.all([publishAll(broker), done]);
  const seconds = (performance.now() - start) / 1000;
  await client.endAsync();
  return MESSAGES / seconds;
}

async function server(broker: Broker): Promise<{ rate: number; storedRate: number; readings: number }> {
  const db = await openPglite();
  const services = createServices(db.handle, { SESSION_HOURS: 1, MQTT_TOPIC_PREFIX: PREFIX });
  try {
    await services.catalogue.upsertUnits('cli', [
      { code: 'P', name: 'Tỉnh', level: 'province' },
      { code: 'D', name: 'Huyện', level: 'district', parentCode: 'P' },
    ]);
    await services.catalogue.upsertReferenceData('cli', {
      domains: [{ code: 'MT', nameVi: 'Môi trường', nameEn: 'Environment', sort: 1 }],
    });
    await services.catalogue.upsertIndicators('cli', [
      {
        code: 'PM25_NGAY',
        nameVi: 'PM2.5 trung bình ngày',
        nameEn: 'Daily PM2.5',
        domainCode: 'MT',
        unitOfMeasure: 'µg/m³',
        periodType: 'day',
        aggregation: 'mean',
        timeAggregation: 'mean',
        direction: 'lower_better',
        thresholds: { mode: 'absolute', yellow: 25, orange: 50, red: 75 },
        source: 'bench',
      },
    ]);
    await services.sensors.upsert(
      'cli',
      Array.from({ length: SENSORS }, (_, i) => ({
        code: `S${i}`,
        name: `Trạm ${i}`,
        kind: 'air_quality',
        lon: 106.9,
        lat: 11.5,
        unitCode: 'D',
        readings: [
          {
            name: 'pm25',
            uom: 'µg/m³',
            indicatorCode: 'PM25_NGAY',
            thresholds: [{ level: 'moderate', above: 75 }],
          },
          { name: 'pm10', uom: 'µg/m³' },
        ],
      })),
    );
    const subscriber = new SensorMqttSubscriber(services.sensors, {
      url: broker.url,
      clientId: `bench-ioc-${randomBytes(3).toString('hex')}`,
    });
    await subscriber.start();
    const count = async () =>
      Number(
        (
          await sql<{ n: string }>`SELECT count(DISTINCT message_id) AS n FROM sensor_readings`.execute(
            db.handle.db,
          )
        ).rows[0]?.n ?? 0,
      );
    const start = performance.now();
    await publishAll(broker);
    while ((await count()) < MESSAGES) await new Promise((r) => setTimeout(r, 100));
    const stored = performance.now();
    // Rolled up: hourly and daily figures are written with each message; the daily figure then
    // reaches the warehouse.
    await services.sensors.drain();
    const done = performance.now();
    await subscriber.stop();
    await services.refresher.drain();
    const readings = Number(
      (await sql<{ n: string }>`SELECT count(*) AS n FROM sensor_readings`.execute(db.handle.db)).rows[0]?.n,
    );
    return {
      rate: MESSAGES / ((done - start) / 1000),
      storedRate: MESSAGES / ((stored - start) / 1000),
      readings,
    };
  } finally {
    await services.deliveries.stop();
    await db.close();
  }
}

const broker = await startMosquitto();
try {
  const machine = describeMachine();
  const load = watchLoad();
  console.log(`MQTT: ${MESSAGES} messages (2 readings each) from ${SENSORS} sensors, QoS 1`);
  const bare = await bareSubscriber(broker);
  console.log(`bare mqtt.js subscriber: ${bare.toFixed(0)} messages/s`);
  const ioc = await server(broker);
  console.log(
    `IOC end to end: ${ioc.rate.toFixed(0)} messages/s (stored and rolled up: ${ioc.storedRate.toFixed(0)}/s), ` +
      `${ioc.readings} readings`,
  );
  const ratio = ioc.rate / bare;
  console.log(`ratio IOC / bare subscriber: ${ratio.toFixed(3)}`);
  const { otherShare, loadBefore, loadAfter } = load();
  writeReportSection(
    'mqtt',
    'MQTT sensor ingest / Nhận số liệu cảm biến MQTT',
    [
      `Commit ${describeSources()}; ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB.toFixed(1)} GiB, Node ${machine.node}; ` +
        `PGlite in a temporary folder; private Mosquitto; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}` +
        (otherShare === null ? '' : `, other processes used ${(otherShare * 100).toFixed(0)} % of the CPU`) +
        `; BENCH_SCALE=${SCALE}.`,
      '',
      '| measure | messages/s |',
      '|---|---:|',
      `| bare mqtt.js subscriber, QoS 1 (baseline) | ${bare.toFixed(0)} |`,
      `| IOC: validated, stored once by message id, hourly/daily roll-ups (acknowledged) | ${ioc.storedRate.toFixed(0)} |`,
      `| IOC end to end, with the daily figures written to the warehouse | ${ioc.rate.toFixed(0)} |`,
      `| **ratio IOC end to end / baseline** | **${ratio.toFixed(3)}** |`,
      '',
      `${MESSAGES} messages of 2 readings from ${SENSORS} sensors. The server acknowledges (PUBACK) a message only`,
      'after its transaction commits, and mqtt.js hands over the next message only after that acknowledgement, so',
      'ingest runs one message, one transaction at a time: the rate is bounded by the commit latency of the database.',
    ].join('\n'),
  );
} finally {
  await broker.stop();
}
