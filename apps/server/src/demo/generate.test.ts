import { BUDGET_INDICATORS } from '../budget/budget-figures.js';
import { INVESTMENT_INDICATORS } from '../investment/investment-figures.js';
import { createHash } from 'node:crypto';
import { DOSSIER_RECORD_INDICATORS, targetInputSchema } from '@ioc/shared';
import { CASE_INDICATORS } from '../cases/case-figures.js';
import { describe, expect, it } from 'vitest';
import { INDICATORS, INDICATOR_LEVEL } from './catalogue.js';
import { type DemoData, generateDemo } from './generate.js';
import { DEMO_UNITS } from './units.js';

const demo = generateDemo();
const indicators = new Map(INDICATORS.map((i) => [i.code, i]));
const units = new Map(DEMO_UNITS.map((u) => [u.code, u]));
const PROVINCE_YEARS = ['2022', '2023', '2024'];

const digest = (data: DemoData) => createHash('sha256').update(JSON.stringify(data)).digest('hex');
const observationsOf = (code: string) => demo.observations.filter((o) => o.indicatorCode === code);
const total = (code: string, periodPrefix: string) =>
  observationsOf(code)
    .filter((o) => o.period.startsWith(periodPrefix))
    .reduce((sum, o) => sum + o.value, 0);

const PERIOD_PATTERNS: Record<string, RegExp> = {
  day: /^\d{4}-\d{2}-\d{2}$/,
  week: /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  quarter: /^\d{4}-Q[1-4]$/,
  year: /^\d{4}$/,
};

/** The last day of a period, as YYYY-MM-DD. */
function periodEnd(code: string): string {
  const year = Number(code.slice(0, 4));
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  if (PERIOD_PATTERNS.day?.test(code)) return code;
  if (code.includes('-W')) {
    const jan4 = Date.UTC(year, 0, 4);
    const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000;
    return iso(monday + ((Number(code.slice(6)) - 1) * 7 + 6) * 86_400_000);
  }
  if (code.includes('-Q')) return iso(Date.UTC(year, Number(code.slice(6)) * 3, 0));
  if (code.length === 7) return iso(Date.UTC(year, Number(code.slice(5)), 0));
  return `${year}-12-31`;
}

describe('generateDemo', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(digest(generateDemo({ seed: 1 }))).toBe(digest(demo));
    expect(digest(generateDemo({ seed: 2 }))).not.toBe(digest(demo));
  });

  it('produces a loadable amount of data, none for derived indicators nor those computed from records', () => {
    // The dossier, 1022, budget and investment figures come from their records, not from here.
    expect(demo.observations.length).toBeGreaterThan(150_000);
    expect(demo.observations.length).toBeLessThan(700_000);
    const codes = new Set(demo.observations.map((o) => o.indicatorCode));
    const fromRecords = new Set([
      ...BUDGET_INDICATORS,
      ...INVESTMENT_INDICATORS,
      ...DOSSIER_RECORD_INDICATORS,
      ...CASE_INDICATORS,
    ]);
    for (const indicator of INDICATORS)
      expect(codes.has(indicator.code), indicator.code).toBe(
        !indicator.formula && !fromRecords.has(indicator.code),
      );
  });

  it('records every value at the indicator’s level, in periods of its type within the units’ validity', () => {
    const ends = new Map<string, string>();
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const o of demo.observations) {
      const indicator = indicators.get(o.indicatorCode);
      const unit = units.get(o.unitCode);
      const end = ends.get(o.period) ?? periodEnd(o.period);
      ends.set(o.period, end);
      const key = `${o.indicatorCode}|${o.unitCode}|${o.period}`;
      if (
        unit?.level !== INDICATOR_LEVEL[o.indicatorCode] ||
        !PERIOD_PATTERNS[indicator?.periodType ?? '']?.test(o.period) ||
        o.period < '2022' ||
        end > (unit?.validTo ?? '') ||
        !Number.isFinite(o.value) ||
        o.value < 0 ||
        seen.has(key)
      ) {
        problems.push(`${key}: ${o.value}`);
      }
      seen.add(key);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(demo.observations.some((o) => o.period === '2025-06-30')).toBe(true);
    expect(demo.observations.some((o) => o.period === '2025-W27' || o.period === '2025')).toBe(false);
  });

  it('keeps parts within their wholes', () => {
    const pairs = [
      ['PAKN_DUNG_HAN', 'PAKN_DA_XU_LY'],
      ['DVC_HS_DUNG_HAN', 'DVC_HS_DA_XU_LY'],
      ['DVC_HS_TRUC_TUYEN', 'DVC_HS_TIEP_NHAN'],
      ['GD_HS_TOT_NGHIEP', 'GD_HS_DU_THI'],
      ['YT_BHYT', 'KTXH_DAN_SO'],
    ];
    for (const [part, whole] of pairs) {
      const wholes = new Map(observationsOf(whole ?? '').map((o) => [`${o.unitCode}|${o.period}`, o.value]));
      for (const o of observationsOf(part ?? '')) {
        expect(o.value).toBeLessThanOrEqual(wholes.get(`${o.unitCode}|${o.period}`) ?? -1);
      }
    }
  });

  it('has plausible magnitudes for a province of about a million people', () => {
    const population = total('KTXH_DAN_SO', '2024-12');
    expect(population).toBeGreaterThan(1_000_000);
    expect(population).toBeLessThan(1_100_000);
    for (const year of PROVINCE_YEARS) {
      expect(total('ATGT_SO_VU', year)).toBeGreaterThan(180);
      expect(total('ATGT_SO_VU', year)).toBeLessThan(320);
    }
    const growth = observationsOf('KTXH_GRDP_TANG_TRUONG').map((o) => o.value);
    expect(Math.min(...growth)).toBeGreaterThan(4);
    expect(Math.max(...growth)).toBeLessThan(11);
  });

  it('follows the seasons: dengue in the rainy season, traffic accidents at Tết', () => {
    const dengueByMonth = new Array<number>(12).fill(0);
    for (const o of observationsOf('YT_SXH')) {
      // ISO week w falls in about month ceil(w × 12 / 52.2).
      const month = Math.min(11, Math.floor(((Number(o.period.slice(6)) - 0.5) * 12) / 52.2));
      dengueByMonth[month] = (dengueByMonth[month] ?? 0) + o.value;
    }
    const rainy = dengueByMonth.slice(4, 10).reduce((a, b) => a + b, 0);
    const dry = [...dengueByMonth.slice(0, 4), ...dengueByMonth.slice(10)].reduce((a, b) => a + b, 0);
    expect(rainy).toBeGreaterThan(1.8 * dry);

    // Tết: more traffic accidents in January and February than in June and July.
    const accidents = (month: string) =>
      PROVINCE_YEARS.reduce((sum, y) => sum + total('ATGT_SO_VU', `${y}-${month}`), 0);
    expect(accidents('01') + accidents('02')).toBeGreaterThan(accidents('06') + accidents('07'));
  });

  it('leaves the dossier figures to the dossier records', () => {
    expect(observationsOf('DVC_HS_TIEP_NHAN')).toEqual([]);
    expect(observationsOf('DVC_CHI_SO_766')).toEqual([]);
    expect(demo.targets.some((t) => t.indicatorCode === 'DVC_CHI_SO_766')).toBe(true);
  });

  it('leaves a few commune-months unreported', () => {
    const expected = 111 * 42;
    const reported = observationsOf('KTXH_KHAI_SINH').length;
    expect(reported).toBeLessThan(expected);
    expect(reported).toBeGreaterThan(expected * 0.98);
  });

  it('sets valid annual targets', () => {
    expect(demo.targets.length).toBeGreaterThan(1000);
    for (const target of demo.targets) {
      expect(targetInputSchema.safeParse(target).success).toBe(true);
      expect(indicators.has(target.indicatorCode)).toBe(true);
      expect(units.has(target.unitCode)).toBe(true);
      expect(['2022', '2023', '2024', '2025']).toContain(target.period);
    }
    const targetOf = (code: string, unit: string, year: string) =>
      demo.targets.find((t) => t.indicatorCode === code && t.unitCode === unit && t.period === year)?.value;
    // Budget and investment figures come from their records (finance-demo.ts), not from here.
    expect(observationsOf('NS_THU_NSNN')).toEqual([]);
    expect(observationsOf('DTC_GIAI_NGAN')).toEqual([]);
    expect(targetOf('DVC_TY_LE_DUNG_HAN', '25213', '2024')).toBe(95);
    expect(
      demo.targets.some((t) => t.indicatorCode === 'NN_MUC_NUOC_THAC_MO' && t.low === 198 && t.high === 218),
    ).toBe(true);
  });

  it('puts units in every achievement band (annual sum ÷ annual target)', () => {
    const targets = new Map(
      demo.targets.map((t) => [`${t.indicatorCode}|${t.unitCode}|${t.period}`, t.value]),
    );
    const sums = new Map<string, number>();
    for (const o of demo.observations) {
      const indicator = indicators.get(o.indicatorCode);
      const year = o.period.slice(0, 4);
      if (indicator?.timeAggregation !== 'sum' || !PROVINCE_YEARS.includes(year)) continue;
      const key = `${o.indicatorCode}|${o.unitCode}|${year}`;
      sums.set(key, (sums.get(key) ?? 0) + o.value);
    }
    const bandsByIndicator = new Map<string, Set<string>>();
    for (const [key, sum] of sums) {
      const target = targets.get(key);
      const code = key.split('|')[0] ?? '';
      if (!target || indicators.get(code)?.direction !== 'higher_better') continue;
      const achievement = (100 * sum) / target;
      const band =
        achievement >= 100 ? 'green' : achievement >= 90 ? 'yellow' : achievement >= 75 ? 'orange' : 'red';
      bandsByIndicator.set(code, (bandsByIndicator.get(code) ?? new Set()).add(band));
    }
    const rainbow = [...bandsByIndicator].filter(([, bands]) => bands.size === 4).map(([code]) => code);
    expect(rainbow.length).toBeGreaterThanOrEqual(3);
  });

  it('restricts output to the requested range and refuses dates after the units ended', () => {
    const q1 = generateDemo({ from: '2024-01-01', to: '2024-03-31' });
    const periods = new Set(q1.observations.map((o) => o.period));
    expect(periods.has('2024-03')).toBe(true);
    expect(periods.has('2024-Q1')).toBe(true);
    expect(periods.has('2024-04')).toBe(false);
    expect(periods.has('2023-12')).toBe(false);
    expect(periods.has('2024')).toBe(false);
    expect(() => generateDemo({ to: '2025-07-31' })).toThrow(RangeError);
  });
});
