import { randomBytes } from 'node:crypto';
import type { EventInput } from '@ioc/shared';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SensorMqttSubscriber } from '../src/sensors/mqtt-subscriber.js';
import { SensorsService } from '../src/sensors/sensors.service.js';
import type { LiveMessage } from '../src/stream/live-hub.js';
import { ENGINES, loadFixture, loginAs, startTestApp, type TestContext } from './harness.js';
import { startMosquitto, type Broker } from './mosquitto.js';

const PM25_SENSOR = {
  code: 'KK_C1',
  name: 'Trạm không khí Xã Một',
  kind: 'air_quality',
  lon: 106.9,
  lat: 11.5,
  unitCode: 'C1',
  readings: [
    {
      name: 'pm25',
      label: 'PM2.5',
      uom: 'µg/m³',
      indicatorCode: 'PM25_NGAY',
      thresholds: [
        { level: 'moderate', above: 50 },
        { level: 'severe', above: 100 },
      ],
    },
    { name: 'pm10', uom: 'µg/m³' },
  ],
};

async function addDailyIndicator(ctx: TestContext): Promise<void> {
  await ctx.services.catalogue.upsertIndicators('cli', [
    {
      code: 'PM25_NGAY',
      nameVi: 'Bụi PM2.5 trung bình ngày',
      nameEn: 'Daily mean PM2.5',
      domainCode: 'KTXH',
      unitOfMeasure: 'µg/m³',
      periodType: 'day',
      aggregation: 'mean',
      timeAggregation: 'mean',
      direction: 'lower_better',
      thresholds: { mode: 'absolute', yellow: 25, orange: 50, red: 75 },
      source: 'Cảm biến',
    },
  ]);
}

/** Waits until `check` holds (the broker and the subscriber work asynchronously). */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 25));
}

describe.each(ENGINES)('sensors over MQTT ($name)', (engine) => {
  let ctx: TestContext;
  let broker: Broker;
  let admin: string;

  beforeAll(async () => {
    [ctx, broker] = await Promise.all([startTestApp(engine), startMosquitto()]);
    await loadFixture(ctx.services);
    await addDailyIndicator(ctx);
    admin = await loginAs(ctx, { username: 'quantri', role: 'administrator' });
  });
  afterAll(async () => {
    await ctx.close();
    await broker.stop();
  });

  it('refuses sensor registration without a session (401), to a non-administrator (403), and with a bad indicator (400 per sensor)', async () => {
    const post = (token: string | null, payload: unknown) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/v1/sensors',
        ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
        payload: payload as object,
      });
    expect((await post(null, { sensors: [PM25_SENSOR] })).statusCode).toBe(401);
    const viewer = await loginAs(ctx, { username: 'xem', role: 'viewer' });
    expect((await post(viewer, { sensors: [PM25_SENSOR] })).json().code).toBe('FORBIDDEN');
    const bad = await post(admin, {
      sensors: [{ ...PM25_SENSOR, readings: [{ name: 'pm25', indicatorCode: 'THU' }] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.errors[0]).toMatchObject({ row: 1, field: 'readings.pm25.indicatorCode' });
    expect(bad.json().details.errors[0].message).toContain('không phải chỉ tiêu nhập theo ngày');
  });

  it('imports sensors from CSV, one line per reading, and lists them', async () => {
    const csv =
      'code,name,kind,lon,lat,unit,reading,label,uom,indicator,statistic,thresholds\n' +
      'MN_C2,Trạm mực nước Xã Hai,water_level,106.8,11.6,C2,water_level,Mực nước,m,,,moderate>3|severe>4.5\n' +
      'MN_C2,Trạm mực nước Xã Hai,water_level,106.8,11.6,C2,rain,Lượng mưa,mm,,sum,\n';
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/sensors',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ created: 1, updated: 0 });
    const list = await ctx.app.inject({
      url: '/api/v1/sensors',
      headers: { authorization: `Bearer ${admin}` },
    });
    const sensor = list.json().sensors.find((s: { code: string }) => s.code === 'MN_C2');
    expect(sensor).toMatchObject({ unitCode: 'C2', kind: 'water_level' });
    expect(sensor.readings[0].thresholds).toEqual([
      { level: 'moderate', above: 3 },
      { level: 'severe', above: 4.5 },
    ]);
    expect(sensor.readings[1]).toMatchObject({ name: 'rain', statistic: 'sum' });
  });

  it('stores valid messages once, logs refused ones with a reason, rolls up, warns on a crossing and feeds the daily indicator; a restarted server receives what was published while it was down', async () => {
    const registered = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/sensors',
      headers: { authorization: `Bearer ${admin}` },
      payload: { sensors: [PM25_SENSOR] },
    });
    expect(registered.statusCode).toBe(200);
    const prefix = `test-${randomBytes(4).toString('hex')}/sensors`;
    const clientId = `ioc-test-${randomBytes(4).toString('hex')}`;
    const events: EventInput[] = [];
    const live: LiveMessage[] = [];
    ctx.services.live.subscribe((m) => live.push(m));
    const sensors = new SensorsService(
      ctx.handle.db,
      ctx.services.units,
      ctx.services.observations,
      ctx.services.live,
      {
        topicPrefix: prefix,
        emitEvent: async (event) => {
          events.push(event);
        },
        notifications: ctx.services.notifications,
      },
    );
    let subscriber = new SensorMqttSubscriber(sensors, { url: broker.url, clientId });
    await subscriber.start();
    const publisher = await mqtt.connectAsync(broker.url, { clientId: `${clientId}-pub` });
    const send = (topic: string, body: unknown) =>
      publisher.publishAsync(`${prefix}/${topic}`, typeof body === 'string' ? body : JSON.stringify(body), {
        qos: 1,
      });
    const message = (id: string, time: string, readings: Record<string, number>) => ({
      messageId: id,
      time,
      readings,
    });
    const countReadings = async () =>
      Number(
        (
          await ctx.handle.db
            .selectFrom('sensor_readings')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    await send('KK_C1', message('m1', '2024-03-10T01:00:00Z', { pm25: 20, pm10: 40 }));
    await send('KK_C1', '{not json');
    await send('KHONG_CO', message('x1', '2024-03-10T01:00:00Z', { pm25: 1 }));
    await send('KK_C1', message('x2', '2024-03-10T01:00:00Z', { co2: 400 }));
    await send('KK_C1', { ...message('x3', '2024-03-10T01:00:00Z', { pm25: 1 }), sensor: 'KHAC' });
    // The same message id again, even with other figures, is stored once.
    await send('KK_C1', message('m1', '2024-03-10T01:00:00Z', { pm25: 999, pm10: 999 }));
    await send('KK_C1', message('m2', '2024-03-10T01:30:00Z', { pm25: 120 }));
    await send('KK_C1', message('m3', '2024-03-10T02:10:00Z', { pm25: 130 }));
    await send('KK_C1', message('m4', '2024-03-10T03:00:00Z', { pm25: 10 }));
    await send('KK_C1', message('m5', '2024-03-10T04:00:00Z', { pm25: 60 }));
    await until(async () => (await countReadings()) === 6);

    const rejects = await ctx.app.inject({
      url: '/api/v1/sensors/rejects',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(rejects.json().rejects.map((r: { code: string }) => r.code)).toEqual([
      'SENSOR_MISMATCH',
      'UNKNOWN_READING',
      'UNKNOWN_SENSOR',
      'BAD_JSON',
    ]);
    expect(rejects.json().rejects[1].reason).toContain('không có phép đo: co2');

    const hours = await ctx.app.inject({
      url: `/api/v1/sensors/rollups?sensor=KK_C1&reading=pm25&bucket=hour&from=2024-03-10T00:00:00Z&to=2024-03-11T00:00:00Z`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(hours.json().figures).toEqual([
      { start: '2024-03-10T01:00:00.000Z', count: 2, mean: 70, min: 20, max: 120 },
      { start: '2024-03-10T02:00:00.000Z', count: 1, mean: 130, min: 130, max: 130 },
      { start: '2024-03-10T03:00:00.000Z', count: 1, mean: 10, min: 10, max: 10 },
      { start: '2024-03-10T04:00:00.000Z', count: 1, mean: 60, min: 60, max: 60 },
    ]);
    const unitDays = await ctx.app.inject({
      url: `/api/v1/sensors/rollups?unit=D1&reading=pm25&bucket=day&from=2024-03-09T00:00:00Z&to=2024-03-11T00:00:00Z`,
      headers: { authorization: `Bearer ${admin}` },
    });
    // The local day 2024-03-10 starts at 17:00 UTC the day before.
    expect(unitDays.json().figures).toEqual([
      { start: '2024-03-09T17:00:00.000Z', count: 5, mean: 68, min: 10, max: 130 },
    ]);

    // Crossing into severe warns; staying severe does not; falling back and crossing moderate warns again.
    await until(async () => events.length === 2);
    expect(events.map((e) => [e.severity, e.sensorCode, e.unitCode, e.sourceId])).toEqual([
      ['severe', 'KK_C1', 'C1', 'KK_C1:m2:pm25'],
      ['moderate', 'KK_C1', 'C1', 'KK_C1:m5:pm25'],
    ]);
    expect(events[0]!.title).toContain('PM2.5 120 µg/m³ vượt ngưỡng 100 µg/m³');
    expect(events[0]!.location).toEqual({ type: 'Point', coordinates: [106.9, 11.5] });
    expect(live.filter((m) => m.topic === 'sensor-alert')).toHaveLength(2);
    // The administrator (province-wide) is notified in the app, once per warning.
    const inbox = await ctx.app.inject({
      url: '/api/v1/notifications',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(
      inbox
        .json()
        .items.filter((n: { kind: string }) => n.kind.startsWith('sensor.threshold'))
        .map((n: { kind: string }) => n.kind)
        .sort(),
    ).toEqual(['sensor.threshold.moderate', 'sensor.threshold.severe']);
    const alerts = await ctx.app.inject({
      url: '/api/v1/sensors/alerts',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(alerts.json().alerts.map((a: { level: string; value: number }) => [a.level, a.value])).toEqual([
      ['moderate', 60],
      ['severe', 120],
    ]);

    // The daily mean reaches the warehouse through the observations write path.
    await sensors.drain();
    const observation = await ctx.handle.db
      .selectFrom('observations')
      .select(['value', 'updated_by', 'revision'])
      .where('indicator_code', '=', 'PM25_NGAY')
      .where('period', '=', '2024-03-10')
      .executeTakeFirstOrThrow();
    expect(observation).toEqual({ value: 68, updated_by: 'system:sensors', revision: 1 });

    // Crash: the server drops its connection; sensors keep publishing; it comes back.
    await subscriber.stop(true);
    await send('KK_C1', message('m6', '2024-03-10T05:00:00Z', { pm25: 40 }));
    await send('KK_C1', message('m7', '2024-03-10T06:00:00Z', { pm25: 30 }));
    expect(await countReadings()).toBe(6);
    subscriber = new SensorMqttSubscriber(sensors, { url: broker.url, clientId });
    await subscriber.start();
    await until(async () => (await countReadings()) === 8);
    await sensors.drain();
    const updated = await ctx.handle.db
      .selectFrom('observations')
      .select(['value', 'revision'])
      .where('indicator_code', '=', 'PM25_NGAY')
      .where('period', '=', '2024-03-10')
      .executeTakeFirstOrThrow();
    expect(updated).toEqual({ value: (20 + 120 + 130 + 10 + 60 + 40 + 30) / 7, revision: 2 });

    await subscriber.stop();
    await publisher.endAsync();
  });
});
