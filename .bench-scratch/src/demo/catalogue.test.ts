import { indicatorInputSchema } from '@ioc/shared';
import { describe, expect, it } from 'vitest';
import {
  DEMO_NOTICE,
  DOMAINS,
  INDICATORS,
  INDICATOR_LEVEL,
  ORGANISATIONS,
  PEOPLE,
  TEAMS,
} from './catalogue.js';
import { DEMO_UNITS } from './units.js';

const byCode = new Map(INDICATORS.map((i) => [i.code, i]));
const refsOf = (formula: string) => formula.match(/[A-Z][A-Z0-9_]+/g) ?? [];

describe('demo catalogue', () => {
  it('has at least 130 indicators, each valid against the shared schema', () => {
    expect(INDICATORS.length).toBeGreaterThanOrEqual(130);
    for (const indicator of INDICATORS) {
      const parsed = indicatorInputSchema.safeParse(indicator);
      expect(parsed.success, `${indicator.code}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it('covers the 16 domains of an IOC, each with indicators', () => {
    expect(DOMAINS).toHaveLength(16);
    expect(new Set(DOMAINS.map((d) => d.code)).size).toBe(16);
    for (const domain of DOMAINS) {
      expect(
        INDICATORS.filter((i) => i.domainCode === domain.code).length,
        domain.code,
      ).toBeGreaterThanOrEqual(5);
    }
    expect(INDICATORS.every((i) => DOMAINS.some((d) => d.code === i.domainCode))).toBe(true);
  });

  it('uses unique upper-case codes prefixed by their domain', () => {
    expect(byCode.size).toBe(INDICATORS.length);
    for (const indicator of INDICATORS) {
      expect(indicator.code).toMatch(/^[A-Z0-9]+(_[A-Z0-9]+)+$/);
      expect(indicator.code.startsWith(`${indicator.domainCode}_`), indicator.code).toBe(true);
    }
  });

  it('names indicators in Vietnamese with diacritics and in English', () => {
    const withDiacritics = INDICATORS.filter((i) => /[^\x20-\x7E]/.test(i.nameVi));
    expect(withDiacritics.length / INDICATORS.length).toBeGreaterThan(0.95);
    expect(INDICATORS.every((i) => /^[\x20-\x7E’]+$/.test(i.nameEn))).toBe(true);
    expect(DEMO_NOTICE.vi).toContain('minh họa');
  });

  it('has at least 10 derived indicators whose inputs exist, are raw, summable and of the same period type', () => {
    const derived = INDICATORS.filter((i) => i.aggregation === 'formula');
    expect(derived.length).toBeGreaterThanOrEqual(10);
    for (const indicator of derived) {
      const refs = refsOf(indicator.formula ?? '');
      expect(refs.length, indicator.code).toBeGreaterThanOrEqual(2);
      for (const ref of refs) {
        const input = byCode.get(ref);
        expect(input, `${indicator.code} → ${ref}`).toBeDefined();
        expect(input?.aggregation, `${indicator.code} → ${ref}`).toBe('sum');
        expect(input?.periodType, `${indicator.code} → ${ref}`).toBe(indicator.periodType);
      }
    }
    expect(INDICATORS.filter((i) => i.formula && i.aggregation !== 'formula')).toEqual([]);
    expect(byCode.get('DVC_TY_LE_DUNG_HAN')?.formula).toBe('100 * DVC_HS_DUNG_HAN / DVC_HS_DA_XU_LY');
  });

  it('weighs weighted means by a summable indicator of the same period type', () => {
    const weighted = INDICATORS.filter((i) => i.aggregation === 'weighted_mean');
    expect(weighted.length).toBeGreaterThan(0);
    for (const indicator of weighted) {
      const weight = byCode.get(indicator.weightIndicatorCode ?? '');
      expect(weight?.aggregation).toBe('sum');
      expect(weight?.periodType).toBe(indicator.periodType);
    }
  });

  it('states the observation level of every raw indicator, and of no derived one', () => {
    for (const indicator of INDICATORS) {
      if (indicator.aggregation === 'formula') expect(INDICATOR_LEVEL[indicator.code]).toBeUndefined();
      else expect(['province', 'district', 'commune']).toContain(INDICATOR_LEVEL[indicator.code]);
    }
    expect(Object.keys(INDICATOR_LEVEL).every((code) => byCode.has(code))).toBe(true);
    const communeLevel = Object.values(INDICATOR_LEVEL).filter((l) => l === 'commune').length;
    expect(communeLevel).toBeGreaterThanOrEqual(30);
    expect(communeLevel).toBeLessThanOrEqual(40);
    // Daily data exists at province or district level only.
    for (const indicator of INDICATORS.filter((i) => i.periodType === 'day' && !i.formula)) {
      expect(INDICATOR_LEVEL[indicator.code]).not.toBe('commune');
    }
  });

  it('uses realistic period types and threshold modes', () => {
    expect(byCode.get('NS_THU_NSNN')?.periodType).toBe('day');
    expect(byCode.get('YT_SXH')?.periodType).toBe('week');
    expect(byCode.get('KTXH_GRDP_TANG_TRUONG')?.periodType).toBe('quarter');
    expect(INDICATORS.filter((i) => i.periodType === 'month').length / INDICATORS.length).toBeGreaterThan(
      0.5,
    );
    expect(byCode.get('MT_AQI')?.thresholds).toEqual({
      mode: 'absolute',
      yellow: 100,
      orange: 150,
      red: 200,
    });
    for (const indicator of INDICATORS.filter((i) => i.thresholds.mode === 'achievement')) {
      const { yellow, orange, red } = indicator.thresholds;
      if (indicator.direction === 'higher_better') expect([yellow, orange, red]).toEqual([100, 90, 75]);
      if (indicator.direction === 'lower_better') expect([yellow, orange, red]).toEqual([100, 110, 125]);
    }
    expect(INDICATORS.some((i) => i.isPublic)).toBe(true);
    expect(INDICATORS.some((i) => !i.isPublic)).toBe(true);
  });

  it('gives every indicator an owner, a responsible person and a team that exist', () => {
    const organisations = new Set(ORGANISATIONS.map((o) => o.code));
    const people = new Map(PEOPLE.map((p) => [p.code, p]));
    const teams = new Set(TEAMS.map((t) => t.code));
    for (const indicator of INDICATORS) {
      expect(organisations.has(indicator.ownerOrganisationCode ?? ''), indicator.code).toBe(true);
      const person = people.get(indicator.responsiblePersonCode ?? '');
      expect(person?.organisationCode, indicator.code).toBe(indicator.ownerOrganisationCode);
      expect(teams.has(indicator.teamCode ?? ''), indicator.code).toBe(true);
    }
  });

  it('has organisations on real units, people with unique e-mails and three teams led by vice-chairs', () => {
    const units = new Set(DEMO_UNITS.map((u) => u.code));
    expect(ORGANISATIONS.every((o) => units.has(o.unitCode))).toBe(true);
    expect(ORGANISATIONS.filter((o) => o.kind === 'people_committee')).toHaveLength(12);
    expect(new Set(ORGANISATIONS.map((o) => o.code)).size).toBe(ORGANISATIONS.length);
    expect(new Set(PEOPLE.map((p) => p.email)).size).toBe(PEOPLE.length);
    expect(PEOPLE.every((p) => ORGANISATIONS.some((o) => o.code === p.organisationCode))).toBe(true);
    const departments = ORGANISATIONS.filter((o) => o.kind !== 'people_committee');
    for (const o of departments)
      expect(
        PEOPLE.some((p) => p.organisationCode === o.code),
        o.code,
      ).toBe(true);
    expect(TEAMS.map((t) => t.nameVi)).toEqual([
      'Tổ phân tích dữ liệu số 1',
      'Tổ phân tích dữ liệu số 2',
      'Tổ phân tích dữ liệu số 3',
    ]);
    for (const team of TEAMS) {
      expect(PEOPLE.find((p) => p.code === team.leaderPersonCode)?.titleVi).toBe('Phó Chủ tịch UBND tỉnh');
    }
    expect(TEAMS.flatMap((t) => t.domainCodes).sort()).toEqual(DOMAINS.map((d) => d.code).sort());
  });
});
