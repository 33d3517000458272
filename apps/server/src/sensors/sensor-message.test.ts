import { thresholdLevel } from '@ioc/shared';
import { describe, expect, it } from 'vitest';
import { bucketStarts, checkReadings, dayPeriodOf, parseSensorMessage } from './sensor-message.js';

const NOW = new Date('2024-03-10T12:00:00Z');
const body = (extra: object = {}) =>
  JSON.stringify({ messageId: 7, time: '2024-03-10T01:00:00+07:00', readings: { pm25: 12.5 }, ...extra });

describe('parseSensorMessage', () => {
  it('takes the sensor code from the topic, the message id as text and the time with its offset', () => {
    expect(parseSensorMessage('ioc/sensors/KK1', body(), 'ioc/sensors', NOW)).toEqual({
      sensorCode: 'KK1',
      messageId: '7',
      observedAt: new Date('2024-03-09T18:00:00Z'),
      readings: [{ name: 'pm25', value: 12.5 }],
    });
  });

  it('takes the code from the body on another topic', () => {
    expect(parseSensorMessage('other', body({ sensor: 'KK2' }), 'ioc/sensors', NOW)).toMatchObject({
      sensorCode: 'KK2',
    });
  });

  it.each([
    ['{', 'BAD_JSON'],
    [JSON.stringify({ messageId: 'a', time: 'hôm qua', readings: { pm25: 1 } }), 'BAD_MESSAGE'],
    [JSON.stringify({ messageId: 'a', time: '2024-03-10T01:00:00Z', readings: {} }), 'BAD_MESSAGE'],
    [
      JSON.stringify({ messageId: 'a', time: '2024-03-10T01:00:00Z', readings: { pm25: 'cao' } }),
      'BAD_MESSAGE',
    ],
    [body({ time: '2024-03-10T13:00:00Z' }), 'FUTURE_TIME'],
    [body({ sensor: 'KHAC' }), 'SENSOR_MISMATCH'],
  ])('refuses %s with %s', (payload, code) => {
    expect(parseSensorMessage('ioc/sensors/KK1', payload, 'ioc/sensors', NOW)).toMatchObject({ code });
  });

  it('refuses a message without a sensor code anywhere', () => {
    expect(parseSensorMessage('ioc/sensors', body(), 'ioc/sensors', NOW)).toMatchObject({
      code: 'NO_SENSOR',
    });
  });

  it('refuses readings the sensor does not have', () => {
    const parsed = parseSensorMessage('ioc/sensors/KK1', body(), 'ioc/sensors', NOW);
    expect(
      checkReadings(parsed as never, [{ name: 'pm10', uom: '', statistic: 'mean', thresholds: [] }]),
    ).toMatchObject({
      code: 'UNKNOWN_READING',
    });
  });
});

describe('buckets', () => {
  it('cuts hours in UTC and days at local midnight (UTC+7)', () => {
    expect(bucketStarts(new Date('2024-03-09T17:30:00Z'))).toEqual({
      hour: new Date('2024-03-09T17:00:00Z'),
      day: new Date('2024-03-09T17:00:00Z'),
    });
    expect(bucketStarts(new Date('2024-03-09T16:59:00Z')).day).toEqual(new Date('2024-03-08T17:00:00Z'));
    expect(dayPeriodOf(new Date('2024-03-09T17:00:00Z'))).toBe('2024-03-10');
  });
});

describe('thresholdLevel', () => {
  const thresholds = [
    { level: 'moderate' as const, above: 50 },
    { level: 'severe' as const, above: 100 },
    { level: 'minor' as const, below: 1 },
  ];
  it.each([
    [50, null],
    [50.1, 'moderate'],
    [101, 'severe'],
    [0.5, 'minor'],
  ])('%d → %s', (value, level) => {
    expect(thresholdLevel(value, thresholds)?.level ?? null).toBe(level);
  });
});
