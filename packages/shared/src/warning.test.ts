import { describe, expect, it } from 'vitest';
import type { Thresholds } from './catalogue';
import { parsePeriod, type Period } from './periods';
import {
  assessWarning,
  resolveTarget,
  type ResolvedTarget,
  type TargetValue,
  type WarningInput,
} from './warning';

function period(code: string): Period {
  const p = parsePeriod(code);
  if (!p) throw new Error(`test setup: bad period ${code}`);
  return p;
}

function target(value: number | null, low: number | null = null, high: number | null = null): TargetValue {
  return { value, low, high };
}

function exact(value: number | null, low: number | null = null, high: number | null = null): ResolvedTarget {
  return { target: target(value, low, high), basis: 'exact' };
}

describe('resolveTarget', () => {
  const annualOnly = (code: string) => (code === '2024' ? target(1200, 120, 2400) : null);

  it('prefers the exact target of the period', () => {
    const targets: Record<string, TargetValue> = { '2024-03': target(50), '2024': target(1200) };
    expect(resolveTarget(period('2024-03'), 'sum', (code) => targets[code] ?? null)).toEqual({
      target: target(50),
      basis: 'exact',
    });
  });

  it('pro-rates the annual target of a summed indicator by the share of the year', () => {
    expect(resolveTarget(period('2024-03'), 'sum', annualOnly)).toEqual({
      target: target(100, 10, 200),
      basis: 'pro_rata',
    });
    expect(resolveTarget(period('2024-Q2'), 'sum', annualOnly)?.target.value).toBe(300);
    expect(resolveTarget(period('2024-YTD05'), 'sum', annualOnly)?.target.value).toBeCloseTo(500, 10);
    expect(resolveTarget(period('2024-6M'), 'sum', annualOnly)?.target.value).toBe(600);
    // 2024 has 366 days.
    expect(resolveTarget(period('2024-03-15'), 'sum', annualOnly)?.target.value).toBeCloseTo(1200 / 366, 10);
    expect(resolveTarget(period('2024-W07'), 'sum', annualOnly)?.target.value).toBeCloseTo(
      (1200 * 7) / 366,
      10,
    );
  });

  it('keeps null band edges null when pro-rating', () => {
    expect(resolveTarget(period('2024-Q1'), 'sum', () => null)).toBeNull();
    const valueOnly = (code: string) => (code === '2024' ? target(1200) : null);
    expect(resolveTarget(period('2024-Q1'), 'sum', valueOnly)?.target).toEqual(target(300));
  });

  it('applies the annual target as is for other time aggregations', () => {
    for (const timeAggregation of ['mean', 'min', 'max', 'last'] as const) {
      expect(resolveTarget(period('2024-03'), timeAggregation, annualOnly)).toEqual({
        target: target(1200, 120, 2400),
        basis: 'annual',
      });
    }
  });

  it('looks up the ISO year of a week', () => {
    const asked: string[] = [];
    resolveTarget(period('2025-W01'), 'mean', (code) => {
      asked.push(code);
      return null;
    });
    expect(asked).toEqual(['2025-W01', '2025']);
  });

  it('is null for a year without its own target, or when there is no target', () => {
    expect(resolveTarget(period('2024'), 'sum', () => null)).toBeNull();
    expect(resolveTarget(period('2024'), 'sum', annualOnly)?.basis).toBe('exact');
    expect(resolveTarget(period('2023-05'), 'sum', annualOnly)).toBeNull();
  });
});

describe('assessWarning', () => {
  const higher: Thresholds = { mode: 'achievement', yellow: 100, orange: 85, red: 70 };
  const lower: Thresholds = { mode: 'achievement', yellow: 100, orange: 115, red: 130 };
  const aqi: Thresholds = { mode: 'absolute', yellow: 100, orange: 150, red: 200 };

  function assess(overrides: Partial<WarningInput>) {
    return assessWarning({
      value: 0,
      target: exact(100),
      direction: 'higher_better',
      thresholds: higher,
      decimals: 1,
      unitOfMeasure: 'tỷ đồng',
      ...overrides,
    });
  }

  describe('without data or target', () => {
    it('is no_data for a null value', () => {
      expect(assess({ value: null })).toEqual({
        level: 'no_data',
        achievement: null,
        reason: { vi: 'Chưa có số liệu', en: 'No data' },
      });
      expect(assess({ value: Number.NaN }).level).toBe('no_data');
    });

    it('is no_target in achievement mode without a target value', () => {
      const noTarget = {
        level: 'no_target',
        achievement: null,
        reason: { vi: 'Chưa có kế hoạch', en: 'No target' },
      };
      expect(assess({ value: 5, target: null })).toEqual(noTarget);
      expect(assess({ value: 5, target: exact(null, 1, 2) })).toEqual(noTarget);
    });
  });

  describe('achievement, higher is better (yellow 100, orange 85, red 70)', () => {
    it('explains an orange level', () => {
      expect(assess({ value: 78 })).toEqual({
        level: 'orange',
        achievement: 78,
        reason: { vi: 'Đạt 78% kế hoạch, ngưỡng cam < 85%', en: '78% of target, orange threshold < 85%' },
      });
    });

    it('explains green by the yellow threshold', () => {
      expect(assess({ value: 102.5 })).toMatchObject({
        level: 'green',
        achievement: 102.5,
        reason: {
          vi: 'Đạt 102,5% kế hoạch (ngưỡng vàng < 100%)',
          en: '102.5% of target (yellow threshold < 100%)',
        },
      });
    });

    it('grades yellow and red', () => {
      expect(assess({ value: 90 })).toMatchObject({
        level: 'yellow',
        reason: { vi: 'Đạt 90% kế hoạch, ngưỡng vàng < 100%' },
      });
      expect(assess({ value: 60 })).toMatchObject({
        level: 'red',
        reason: { en: '60% of target, red threshold < 70%' },
      });
    });

    it('puts a value exactly on a threshold on the better side', () => {
      expect(assess({ value: 100 }).level).toBe('green');
      expect(assess({ value: 85 }).level).toBe('yellow');
      expect(assess({ value: 70 }).level).toBe('orange');
    });

    it('computes achievement against the target: 100 / 120 = 83.3 %', () => {
      expect(assess({ value: 100, target: exact(120) })).toMatchObject({
        level: 'orange',
        achievement: 83.3,
        reason: { vi: 'Đạt 83,3% kế hoạch, ngưỡng cam < 85%' },
      });
    });

    it('judges the value as shown, so the level never contradicts the reason', () => {
      // 84.96 shows as 85,0 → 85 % → yellow; 84.94 shows as 84,9 → orange.
      expect(assess({ value: 84.96 })).toMatchObject({ level: 'yellow', achievement: 85 });
      expect(assess({ value: 84.94 })).toMatchObject({ level: 'orange', achievement: 84.9 });
      // With 2 decimals the percentage is still judged to 0.1: 84.96 % → 85 %.
      expect(assess({ value: 84.96, decimals: 2 })).toMatchObject({
        level: 'yellow',
        reason: { vi: 'Đạt 85% kế hoạch, ngưỡng vàng < 100%' },
      });
    });

    it('mentions a pro-rated or annual target', () => {
      expect(assess({ value: 78, target: { target: target(100), basis: 'pro_rata' } }).reason).toEqual({
        vi: 'Đạt 78% kế hoạch, ngưỡng cam < 85% (kế hoạch năm quy đổi theo kỳ)',
        en: '78% of target, orange threshold < 85% (annual target pro-rated)',
      });
      expect(assess({ value: 102.5, target: { target: target(100), basis: 'annual' } }).reason).toEqual({
        vi: 'Đạt 102,5% kế hoạch (ngưỡng vàng < 100%) (theo kế hoạch năm)',
        en: '102.5% of target (yellow threshold < 100%) (annual target)',
      });
    });

    it('treats a target of 0 as met by 0 or more, missed by less', () => {
      expect(assess({ value: 0, target: exact(0) })).toMatchObject({ level: 'green', achievement: 100 });
      expect(assess({ value: 5, target: exact(0) })).toMatchObject({
        level: 'green',
        achievement: null,
        reason: { vi: 'Kế hoạch bằng 0, thực hiện 5,0 tỷ đồng (ngưỡng vàng < 100%)' },
      });
      expect(assess({ value: -1, target: exact(0) })).toMatchObject({ level: 'red', achievement: null });
    });
  });

  describe('achievement, lower is better (yellow 100, orange 115, red 130)', () => {
    const assessLower = (value: number, planned = 100) =>
      assess({
        value,
        target: exact(planned),
        direction: 'lower_better',
        thresholds: lower,
        decimals: 0,
        unitOfMeasure: 'vụ',
      });

    it('explains an orange level against the ceiling', () => {
      expect(assessLower(120)).toEqual({
        level: 'orange',
        achievement: 120,
        reason: {
          vi: 'Bằng 120% mức kế hoạch (trần), ngưỡng cam > 115%',
          en: '120% of the target ceiling, orange threshold > 115%',
        },
      });
    });

    it('grades green, yellow and red, with thresholds on the better side', () => {
      expect(assessLower(95)).toMatchObject({
        level: 'green',
        reason: {
          vi: 'Bằng 95% mức kế hoạch (trần), trong giới hạn (ngưỡng vàng > 100%)',
          en: '95% of the target ceiling, within limits (yellow threshold > 100%)',
        },
      });
      expect(assessLower(100).level).toBe('green');
      expect(assessLower(105).level).toBe('yellow');
      expect(assessLower(115).level).toBe('yellow');
      expect(assessLower(130).level).toBe('orange');
      expect(assessLower(140)).toMatchObject({
        level: 'red',
        reason: { vi: 'Bằng 140% mức kế hoạch (trần), ngưỡng đỏ > 130%' },
      });
    });

    it('is green for 0 against a ceiling of 0 and red for anything above it', () => {
      expect(assessLower(0, 0)).toMatchObject({ level: 'green', achievement: 100 });
      expect(assessLower(3, 0)).toEqual({
        level: 'red',
        achievement: null,
        reason: {
          vi: 'Mức kế hoạch (trần) bằng 0, thực hiện 3 vụ, ngưỡng đỏ > 130%',
          en: 'Target ceiling is 0, actual 3 vụ, red threshold > 130%',
        },
      });
    });
  });

  describe('absolute thresholds', () => {
    const assessAqi = (value: number, overrides: Partial<WarningInput> = {}) =>
      assess({
        value,
        target: null,
        direction: 'lower_better',
        thresholds: aqi,
        decimals: 0,
        unitOfMeasure: 'AQI',
        ...overrides,
      });

    it('compares the value itself, without a target', () => {
      expect(assessAqi(156)).toEqual({
        level: 'orange',
        achievement: null,
        reason: { vi: 'Giá trị 156 AQI, ngưỡng cam > 150', en: 'Value 156 AQI, orange threshold > 150' },
      });
      expect(assessAqi(40)).toMatchObject({
        level: 'green',
        reason: { vi: 'Giá trị 40 AQI (ngưỡng vàng > 100)', en: 'Value 40 AQI (yellow threshold > 100)' },
      });
      expect(assessAqi(120).level).toBe('yellow');
      expect(assessAqi(201)).toMatchObject({
        level: 'red',
        reason: { vi: 'Giá trị 201 AQI, ngưỡng đỏ > 200' },
      });
    });

    it('puts a value on a threshold on the better side, judged as shown', () => {
      expect(assessAqi(150)).toMatchObject({
        level: 'yellow',
        reason: { vi: 'Giá trị 150 AQI, ngưỡng vàng > 100' },
      });
      expect(assessAqi(150.4).level).toBe('yellow');
      expect(assessAqi(150.5).level).toBe('orange');
    });

    it('reports achievement when a target exists, without mentioning it', () => {
      expect(assessAqi(156, { target: { target: target(100), basis: 'pro_rata' } })).toMatchObject({
        achievement: 156,
        reason: { vi: 'Giá trị 156 AQI, ngưỡng cam > 150' },
      });
    });

    it('grades higher-is-better values from below', () => {
      const cover: Thresholds = { mode: 'absolute', yellow: 50, orange: 45, red: 40 };
      const assessCover = (value: number) =>
        assess({ value, target: null, thresholds: cover, decimals: 1, unitOfMeasure: '%' });
      expect(assessCover(47.5)).toMatchObject({
        level: 'yellow',
        reason: { vi: 'Giá trị 47,5%, ngưỡng vàng < 50' },
      });
      expect(assessCover(44)).toMatchObject({
        level: 'orange',
        reason: { en: 'Value 44.0%, orange threshold < 45' },
      });
      expect(assessCover(39.9).level).toBe('red');
      expect(assessCover(50)).toMatchObject({
        level: 'green',
        reason: { vi: 'Giá trị 50,0% (ngưỡng vàng < 50)' },
      });
    });
  });

  describe('band', () => {
    // e.g. CPI growth kept within 4–6 %; deviations up to 10 % of the edge are yellow, 25 % orange.
    const band: Thresholds = { mode: 'achievement', yellow: 0, orange: 10, red: 25 };
    const assessBand = (value: number, overrides: Partial<WarningInput> = {}) =>
      assess({
        value,
        target: exact(null, 4, 6),
        direction: 'band',
        thresholds: band,
        unitOfMeasure: '%',
        ...overrides,
      });

    it('is green inside the band, edges included', () => {
      expect(assessBand(5.2)).toEqual({
        level: 'green',
        achievement: null,
        reason: {
          vi: 'Giá trị 5,2% trong khoảng kế hoạch 4,0% – 6,0%',
          en: 'Value 5.2% within the target band 4.0% – 6.0%',
        },
      });
      expect(assessBand(6).level).toBe('green');
      expect(assessBand(4).level).toBe('green');
    });

    it('grades the deviation from the nearest edge in % of that edge', () => {
      // 0.5 / 6 = 8.3 % → yellow
      expect(assessBand(6.5)).toMatchObject({
        level: 'yellow',
        reason: {
          vi: 'Giá trị 6,5% vượt cận trên 6,0% là 8,3% (ngưỡng cam > 10%)',
          en: 'Value 6.5% above the upper bound 6.0% by 8.3% (orange threshold > 10%)',
        },
      });
      // 1 / 6 = 16.7 % → orange
      expect(assessBand(7)).toMatchObject({
        level: 'orange',
        reason: { vi: 'Giá trị 7,0% vượt cận trên 6,0% là 16,7%, ngưỡng cam > 10%' },
      });
      // 1 / 4 = 25 % → still orange; 1.1 / 4 = 27.5 % → red
      expect(assessBand(3).level).toBe('orange');
      expect(assessBand(2.9)).toMatchObject({
        level: 'red',
        reason: {
          vi: 'Giá trị 2,9% dưới cận dưới 4,0% là 27,5%, ngưỡng đỏ > 25%',
          en: 'Value 2.9% below the lower bound 4.0% by 27.5%, red threshold > 25%',
        },
      });
    });

    it('accepts a band open on one side', () => {
      expect(assessBand(5, { target: exact(null, null, 6) })).toMatchObject({
        level: 'green',
        reason: { vi: 'Giá trị 5,0% trong khoảng kế hoạch ≤ 6,0%' },
      });
      expect(assessBand(100, { target: exact(null, 4, null) })).toMatchObject({
        level: 'green',
        reason: { en: 'Value 100.0% within the target band ≥ 4.0%' },
      });
      expect(assessBand(3.8, { target: exact(null, 4, null) }).level).toBe('yellow');
    });

    it('treats any deviation from an edge of 0 as red', () => {
      expect(assessBand(-1, { target: exact(null, 0, 2) })).toMatchObject({
        level: 'red',
        reason: { vi: 'Giá trị -1,0% dưới cận dưới 0,0%, ngưỡng đỏ > 25%' },
      });
    });

    it('measures the deviation in the value’s unit with absolute thresholds', () => {
      const absolute: Thresholds = { mode: 'absolute', yellow: 0, orange: 0.5, red: 1 };
      expect(assessBand(6.5, { thresholds: absolute })).toMatchObject({
        level: 'yellow',
        reason: { vi: 'Giá trị 6,5% vượt cận trên 6,0% là 0,5% (ngưỡng cam > 0,5)' },
      });
      expect(assessBand(7.2, { thresholds: absolute }).level).toBe('red');
    });

    it('reports achievement against a target value and notes the basis', () => {
      expect(assessBand(5.2, { target: { target: target(5, 4, 6), basis: 'annual' } })).toMatchObject({
        achievement: 104,
        reason: { vi: 'Giá trị 5,2% trong khoảng kế hoạch 4,0% – 6,0% (theo kế hoạch năm)' },
      });
    });

    it('is no_target without band edges', () => {
      expect(assessBand(5, { target: exact(5) }).level).toBe('no_target');
      expect(assessBand(5, { target: null }).level).toBe('no_target');
    });
  });
});
