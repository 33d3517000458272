import type { Services } from '../app.js';
import { demoReadings, demoSensors, SENSOR_INDICATORS } from '../demo/sensors.js';

/** Months of synthetic sensor history before the demo's last day. */
const HISTORY_MONTHS = 3;

/**
 * Registers the ~60 demo sensors and loads three months (to the demo's last day, e.g. April–June
 * 2025: the end of the dry season and the start of the rains) of synthetic hourly values in bulk,
 * then writes their daily figures into the warehouse. Idempotent.
 */
export async function seedDemoSensors(
  services: Services,
  to: string,
  log: (line: string) => void,
): Promise<void> {
  await services.catalogue.upsertIndicators('cli', SENSOR_INDICATORS);
  const sensors = demoSensors();
  await services.sensors.upsert('cli', sensors);
  const start = new Date(`${to}T00:00:00Z`);
  start.setUTCMonth(start.getUTCMonth() - HISTORY_MONTHS, start.getUTCDate() + 1);
  const { readings, alerts } = demoReadings(sensors, start.toISOString().slice(0, 10), to);
  await services.sensors.importHistory('cli', readings, alerts);
  await services.sensors.drain();
  log(
    `Cảm biến: ${sensors.length} trạm, ${readings.length} số đo, ${alerts.length} cảnh báo / sensors, readings, alerts`,
  );
}
