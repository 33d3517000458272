/**
 * Synthetic, deterministic benchmark data: commune-level monthly sum indicators over ten years.
 * Row `i` of the whole data set is computed from `i` alone, so the HTTP client (a worker thread),
 * the COPY loader and the roll-up queue all agree on it without sharing memory.
 */

export const FIRST_YEAR = 2015;
export const YEAR_COUNT = 10;
export const DOMAIN_CODE = 'BENCH';

export interface Layout {
  indicatorCodes: string[];
  /** GSO codes of the communes (what API clients send). */
  communeCodes: string[];
  /** Database ids of the same communes, in the same order (what COPY writes). */
  communeIds: number[];
}

export interface SyntheticRow {
  indicator: string;
  commune: number;
  period: string;
  year: number;
  value: number;
}

export function indicatorCode(index: number): string {
  return `BENCH_${String(index + 1).padStart(3, '0')}`;
}

/** Observations one indicator holds: every commune, every month of every year. */
export function rowsPerIndicator(communes: number): number {
  return YEAR_COUNT * 12 * communes;
}

/** Indicators needed to hold `rows` observations. */
export function indicatorsFor(rows: number, communes: number): number {
  return Math.ceil(rows / rowsPerIndicator(communes));
}

/** A 32-bit integer hash (murmur3 finaliser): the deterministic "random" source. */
export function hash32(n: number): number {
  let x = (n ^ 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A deterministic pseudo-random generator (mulberry32), for the order of read requests. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Row `i`: indicator-major, then year, month and commune; values 200.00–799.99. */
export function rowAt(layout: Layout, i: number): SyntheticRow {
  const communes = layout.communeCodes.length;
  const perIndicator = rowsPerIndicator(communes);
  const indicator = layout.indicatorCodes[Math.floor(i / perIndicator)];
  if (indicator === undefined)
    throw new Error(`row ${i} lies beyond the ${layout.indicatorCodes.length} indicators`);
  const withinIndicator = i % perIndicator;
  const year = FIRST_YEAR + Math.floor(withinIndicator / (12 * communes));
  const withinYear = withinIndicator % (12 * communes);
  const month = Math.floor(withinYear / communes) + 1;
  return {
    indicator,
    commune: withinYear % communes,
    period: `${year}-${String(month).padStart(2, '0')}`,
    year,
    value: 200 + (hash32(i) % 60_000) / 100,
  };
}

/** Rows [start, end) as CSV for `COPY observations (indicator_code, unit_id, period, disaggregation, value, status)`. */
export function toCopyCsv(layout: Layout, start: number, end: number): string {
  const lines: string[] = [];
  for (let i = start; i < end; i++) {
    const r = rowAt(layout, i);
    // `""` is an empty string; an unquoted empty field would be NULL.
    lines.push(`${r.indicator},${layout.communeIds[r.commune]},${r.period},"",${r.value},approved`);
  }
  lines.push('');
  return lines.join('\n');
}

/** Rows [start, end) as the JSON body of POST /api/v1/observations. */
export function toJsonBody(layout: Layout, start: number, end: number): string {
  const rows: Array<{ indicator: string; unit: string; period: string; value: number }> = [];
  for (let i = start; i < end; i++) {
    const r = rowAt(layout, i);
    rows.push({
      indicator: r.indicator,
      unit: layout.communeCodes[r.commune]!,
      period: r.period,
      value: r.value,
    });
  }
  return JSON.stringify({ rows });
}

/** The distinct (indicator, year) roll-up pairs rows [start, end) touch. */
export function pairsIn(layout: Layout, start: number, end: number): { codes: string[]; years: number[] } {
  const seen = new Set<string>();
  const codes: string[] = [];
  const years: number[] = [];
  const perYear = 12 * layout.communeCodes.length;
  // Rows are ordered by (indicator, year), so one row per year-block is enough.
  for (let i = start; i < end; i = (Math.floor(i / perYear) + 1) * perYear) {
    const r = rowAt(layout, i);
    const key = `${r.indicator}|${r.year}`;
    if (seen.has(key)) continue;
    seen.add(key);
    codes.push(r.indicator);
    years.push(r.year);
  }
  return { codes, years };
}
