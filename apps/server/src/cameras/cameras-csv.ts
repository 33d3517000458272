import { parseLocaleNumber } from '@ioc/shared';
import { parseCsv } from '../csv.js';

/** Vietnamese names of the camera types accepted in files, besides `security` and `traffic`. */
const TYPE_ALIASES: Record<string, string> = { 'an ninh': 'security', 'giao thông': 'traffic' };

/**
 * Cameras CSV: code, name, type (security|traffic, or "an ninh"|"giao thông"), lon, lat, owner
 * (organisation code, optional), stream_url. Returns the rows as camera inputs with the file line
 * of each, so the import reports point at the right line.
 */
export function camerasFromCsv(text: string): { items: unknown[]; lines: number[] } {
  const { header, rows } = parseCsv(text);
  const col = (name: string) => header.indexOf(name);
  const cell = (cells: string[], name: string) => (col(name) < 0 ? '' : (cells[col(name)] ?? '').trim());
  const number = (v: string) => (v === '' ? undefined : (parseLocaleNumber(v) ?? Number.NaN));
  return {
    items: rows.map(({ cells }) => {
      const type = cell(cells, 'type').toLowerCase();
      const owner = cell(cells, 'owner');
      return {
        code: cell(cells, 'code'),
        name: cell(cells, 'name'),
        type: TYPE_ALIASES[type] ?? type,
        lon: number(cell(cells, 'lon')),
        lat: number(cell(cells, 'lat')),
        ...(owner ? { ownerCode: owner } : {}),
        streamUrl: cell(cells, 'stream_url'),
      };
    }),
    lines: rows.map((r) => r.line),
  };
}
