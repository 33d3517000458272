import { parseCsv } from '../csv.js';
import { AppError } from '../errors.js';
import { parseLocaleNumber } from '@ioc/shared';

const REQUIRED = ['code', 'name', 'kind', 'lon', 'lat', 'reading'] as const;

/**
 * Sensors from CSV, one line per (sensor, reading); lines with the same code make one sensor.
 * Columns: code,name,kind,lon,lat,unit,reading,label,uom,indicator,statistic,thresholds where
 * thresholds reads like `moderate>50;severe>75` (or `minor<2` for a low level).
 */
export function sensorsFromCsv(text: string): unknown[] {
  const { header, rows } = parseCsv(text);
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      { missingColumns: missing },
      {
        vi: `Tệp CSV thiếu cột: ${missing.join(', ')}.`,
        en: `The CSV file lacks columns: ${missing.join(', ')}.`,
      },
    );
  }
  const sensors = new Map<string, Record<string, unknown> & { readings: unknown[] }>();
  for (const { line, cells } of rows) {
    const cell = (name: string) => (cells[names.indexOf(name)] ?? '').trim();
    const code = cell('code');
    const sensor = sensors.get(code) ?? {
      code,
      name: cell('name'),
      kind: cell('kind'),
      lon: parseLocaleNumber(cell('lon')),
      lat: parseLocaleNumber(cell('lat')),
      ...(cell('unit') ? { unitCode: cell('unit') } : {}),
      readings: [],
    };
    sensors.set(code, sensor);
    sensor.readings.push({
      name: cell('reading'),
      ...(cell('label') ? { label: cell('label') } : {}),
      uom: cell('uom'),
      ...(cell('indicator') ? { indicatorCode: cell('indicator') } : {}),
      ...(cell('statistic') ? { statistic: cell('statistic') } : {}),
      thresholds: parseThresholds(cell('thresholds'), line),
    });
  }
  return [...sensors.values()];
}

function parseThresholds(text: string, line: number): unknown[] {
  if (!text) return [];
  return text.split(/[;|]/).map((part) => {
    const match = /^\s*([a-z]+)\s*([<>])\s*(-?[\d.,]+)\s*$/.exec(part);
    const value = match ? parseLocaleNumber(match[3]!) : null;
    if (!match || value === null) {
      throw new AppError(
        'VALIDATION_FAILED',
        { row: line, field: 'thresholds', value: part },
        {
          vi: `Dòng ${line}: ngưỡng "${part}" sai dạng (ví dụ moderate>50;severe>75).`,
          en: `Line ${line}: threshold "${part}" is malformed (e.g. moderate>50;severe>75).`,
        },
      );
    }
    return match[2] === '>' ? { level: match[1], above: value } : { level: match[1], below: value };
  });
}
