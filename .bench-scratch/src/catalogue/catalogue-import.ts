import { parseLocaleNumber } from '@ioc/shared';
import { parseCsv, parseCsvObjects } from '../csv.js';
import type { UnitLinkRow } from './catalogue.service.js';

/** Empty cells mean "not given". */
function given(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

function num(v: string | undefined): number | undefined {
  const t = given(v);
  return t === undefined ? undefined : (parseLocaleNumber(t) ?? Number.NaN);
}

/** Units CSV: code, name, level, parent_code, valid_from, valid_to[, name_en, lon, lat] (the GSO list's layout). */
export function unitsFromCsv(text: string): unknown[] {
  return parseCsvObjects(text).map((r) => {
    const lon = num(r.lon);
    const lat = num(r.lat);
    return {
      code: given(r.code),
      name: given(r.name),
      nameEn: given(r.name_en) ?? null,
      level: given(r.level),
      parentCode: given(r.parent_code) ?? null,
      validFrom: given(r.valid_from) ?? null,
      validTo: given(r.valid_to) ?? null,
      ...(lon !== undefined && lat !== undefined ? { centroid: [lon, lat] } : {}),
    };
  });
}

/**
 * Indicators: a JSON array of indicator objects, or CSV whose headers are the field names
 * (camelCase) with the thresholds flattened into thresholdsMode/Yellow/Orange/Red.
 */
export function indicatorsFromFile(text: string, fileName: string): unknown[] {
  if (fileName.toLowerCase().endsWith('.json')) return JSON.parse(text) as unknown[];
  return parseCsvObjects(text).map((r) => {
    const { thresholdsMode, thresholdsYellow, thresholdsOrange, thresholdsRed, isPublic, decimals, ...rest } =
      r;
    const fields = Object.fromEntries(Object.entries(rest).filter(([, v]) => given(v) !== undefined));
    return {
      ...fields,
      ...(decimals ? { decimals: num(decimals) } : {}),
      isPublic: ['true', '1', 'có', 'x'].includes((isPublic ?? '').trim().toLowerCase()),
      thresholds: {
        mode: given(thresholdsMode),
        yellow: num(thresholdsYellow),
        orange: num(thresholdsOrange),
        red: num(thresholdsRed),
      },
    };
  });
}

/** Targets CSV: indicator, unit, period, value[, low, high]. */
export function targetsFromCsv(text: string): unknown[] {
  return parseCsvObjects(text).map((r) => ({
    indicatorCode: given(r.indicator),
    unitCode: given(r.unit),
    period: given(r.period),
    value: num(r.value) ?? null,
    low: num(r.low) ?? null,
    high: num(r.high) ?? null,
  }));
}

/** Merge/split table: new_code, new_name, new_parent_code, old_code, old_name, kind (full|partial)[, share]. */
export function unitLinksFromCsv(text: string): UnitLinkRow[] {
  const { header, rows } = parseCsv(text);
  const col = (name: string) => header.indexOf(name);
  return rows.map(({ line, cells }) => {
    const cell = (name: string) => (cells[col(name)] ?? '').trim();
    const share = num(cells[col('share')]);
    return {
      line,
      newCode: cell('new_code'),
      newName: cell('new_name'),
      newParentCode: cell('new_parent_code'),
      oldCode: cell('old_code'),
      oldName: cell('old_name'),
      kind: cell('kind') === 'partial' ? 'partial' : 'full',
      share: share === undefined || Number.isNaN(share) ? null : share,
    };
  });
}
