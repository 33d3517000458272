import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unitInputSchema } from '@ioc/shared';
import { describe, expect, it } from 'vitest';
import { DEMO_UNITS, DEMO_VALID_TO, DISTRICT_CENTROIDS, PROVINCE_CODE } from './units.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SHARED_DATA = join(REPO_ROOT, '../shared/data/');
const hasSharedData = existsSync(SHARED_DATA);
if (!hasSharedData) console.info(`Bỏ qua so sánh với dữ liệu tham chiếu / skipped: ${SHARED_DATA} not found`);

const districts = DEMO_UNITS.filter((u) => u.level === 'district');
const communes = DEMO_UNITS.filter((u) => u.level === 'commune');

describe('demo units', () => {
  it('has the province, 11 district-level units and 111 communes, all valid', () => {
    expect(DEMO_UNITS.filter((u) => u.level === 'province').map((u) => u.code)).toEqual([PROVINCE_CODE]);
    expect(districts).toHaveLength(11);
    expect(communes).toHaveLength(111);
    for (const unit of DEMO_UNITS) {
      expect(unitInputSchema.safeParse(unit).success).toBe(true);
      expect(unit.validFrom).toBeNull();
      expect(unit.validTo).toBe(DEMO_VALID_TO);
      expect(unit.nameEn).toMatch(/^[A-Za-z0-9 ]+ (province|city|town|district|ward|township|commune)$/);
    }
    expect(new Set(DEMO_UNITS.map((u) => u.code)).size).toBe(DEMO_UNITS.length);
  });

  it('links every unit to a parent one level up, with the official number of communes', () => {
    const byCode = new Map(DEMO_UNITS.map((u) => [u.code, u]));
    for (const d of districts) expect(d.parentCode).toBe(PROVINCE_CODE);
    for (const c of communes) expect(byCode.get(c.parentCode ?? '')?.level).toBe('district');
    const count = (code: string) => communes.filter((c) => c.parentCode === code).length;
    expect(districts.map((d) => [d.code, count(d.code)])).toEqual([
      ['688', 7],
      ['689', 8],
      ['690', 6],
      ['691', 8],
      ['692', 16],
      ['693', 7],
      ['694', 13],
      ['695', 11],
      ['696', 16],
      ['697', 9],
      ['698', 10],
    ]);
    expect(byCode.get('689')?.name).toBe('Thành phố Đồng Xoài');
    expect(byCode.get('25213')?.nameEn).toBe('Tien Hung commune');
  });

  it('places a centroid in Bình Phước for the province and every district', () => {
    expect(Object.keys(DISTRICT_CENTROIDS).sort()).toEqual(
      [PROVINCE_CODE, ...districts.map((d) => d.code)].sort(),
    );
    for (const [lon, lat] of Object.values(DISTRICT_CENTROIDS)) {
      expect(lon).toBeGreaterThan(106.4);
      expect(lon).toBeLessThan(107.5);
      expect(lat).toBeGreaterThan(11.2);
      expect(lat).toBeLessThan(12.3);
    }
    // The border districts lie north of the capital.
    for (const code of ['691', '692', '693']) {
      expect(DISTRICT_CENTROIDS[code]?.[1]).toBeGreaterThan((DISTRICT_CENTROIDS['689']?.[1] ?? 0) + 0.25);
    }
  });

  it.skipIf(!hasSharedData)('matches the official unit list', () => {
    const rows = readFileSync(`${SHARED_DATA}units-binh-phuoc-2025-03.csv`, 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(','));
    expect(DEMO_UNITS.map((u) => [u.code, u.name, u.level, u.parentCode ?? '', u.validTo])).toEqual(rows);
  });

  it.skipIf(!hasSharedData)('puts each centroid inside its official boundary', () => {
    type Ring = Array<[number, number]>;
    const collection = JSON.parse(
      readFileSync(`${SHARED_DATA}boundaries-binh-phuoc-districts.geojson`, 'utf8'),
    ) as {
      features: Array<{ properties: { code: string }; geometry: { coordinates: Ring[][] } }>;
    };
    const inRing = ([x, y]: [number, number], ring: Ring): boolean => {
      let inside = false;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] ?? [0, 0];
        const [xj, yj] = ring[j] ?? [0, 0];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
      return inside;
    };
    expect(collection.features).toHaveLength(12);
    for (const feature of collection.features) {
      const point = DISTRICT_CENTROIDS[feature.properties.code];
      expect(point, feature.properties.code).toBeDefined();
      const inside = feature.geometry.coordinates.some(
        ([outer, ...holes]) =>
          outer !== undefined &&
          point !== undefined &&
          inRing(point, outer) &&
          !holes.some((h) => inRing(point, h)),
      );
      expect(inside, feature.properties.code).toBe(true);
    }
  });
});
