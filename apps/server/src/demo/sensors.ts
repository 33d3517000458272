/**
 * Demo sensors of Bình Phước: air-quality stations in the towns, water-level gauges on the Bé
 * river and its reservoirs (Thác Mơ, Cần Đơn, Srok Phu Miêng) and on the Sài Gòn and Đồng Nai
 * rivers, and rain gauges. Names and places are plausible; every reading is synthetic, with
 * the dry season (December–April: dust, no rain) and the rainy season (May–October: afternoon
 * storms, rising rivers).
 */
import type { IndicatorInput, SensorInput, SensorThreshold } from '@ioc/shared';
import { thresholdLevel, levelRank } from '@ioc/shared';
import type { HistoryAlert } from '../sensors/sensors.service.js';
import { DISTRICT_CENTROIDS } from './units.js';

export const SENSOR_INDICATORS: IndicatorInput[] = [
  {
    code: 'MT_PM25_NGAY',
    nameVi: 'Nồng độ bụi PM2.5 trung bình ngày (trạm quan trắc tự động)',
    nameEn: 'Daily mean PM2.5 (automatic monitoring stations)',
    domainCode: 'MT',
    group: 'impact',
    unitOfMeasure: 'µg/m³',
    periodType: 'day',
    aggregation: 'mean',
    timeAggregation: 'mean',
    decimals: 1,
    direction: 'lower_better',
    // QCVN 05:2023/BTNMT: 50 µg/m³ over 24 hours.
    thresholds: { mode: 'absolute', yellow: 25, orange: 50, red: 75 },
    ownerOrganisationCode: 'SO_TNMT',
    source: 'Trạm quan trắc không khí tự động (MQTT)',
    isPublic: true,
  },
  {
    code: 'MT_LUONG_MUA_NGAY',
    nameVi: 'Lượng mưa ngày (trạm đo mưa tự động)',
    nameEn: 'Daily rainfall (automatic rain gauges)',
    domainCode: 'MT',
    group: 'input',
    unitOfMeasure: 'mm',
    periodType: 'day',
    aggregation: 'mean',
    timeAggregation: 'sum',
    decimals: 1,
    direction: 'lower_better',
    // Heavy rain 50 mm, very heavy 100 mm in 24 hours (national forecasting categories).
    thresholds: { mode: 'absolute', yellow: 50, orange: 100, red: 150 },
    ownerOrganisationCode: 'SO_TNMT',
    source: 'Trạm đo mưa tự động (MQTT)',
    isPublic: true,
  },
];

const TOWNS: Array<[string, string, number]> = [
  // district code, place, pollution factor (traffic, industry)
  ['689', 'Đồng Xoài', 1.35],
  ['697', 'Chơn Thành', 1.3],
  ['690', 'Bình Long', 1.1],
  ['688', 'Phước Long', 1.0],
  ['695', 'Đồng Phú', 1.05],
  ['694', 'Hớn Quản', 1.1],
  ['692', 'Lộc Ninh', 0.95],
  ['698', 'Phú Riềng', 0.9],
  ['696', 'Bù Đăng', 0.85],
  ['693', 'Bù Đốp', 0.8],
  ['691', 'Bù Gia Mập', 0.75],
];

/** [code, name, district, base level (m), seasonal rise (m), alarm levels BĐ1/BĐ2/BĐ3]. */
const GAUGES: Array<[string, string, string, number, number, [number, number, number]]> = [
  ['MN_THAC_MO_1', 'Hồ Thác Mơ — đập chính', '688', 207.5, 7.5, [216, 217.5, 218]],
  ['MN_THAC_MO_2', 'Hồ Thác Mơ — cửa lấy nước', '688', 207.4, 7.4, [216, 217.5, 218]],
  ['MN_SONG_BE_PL', 'Sông Bé — cầu Phước Long', '688', 2.1, 3.6, [5.2, 6.0, 6.8]],
  ['MN_SONG_BE_BGM', 'Sông Bé — Bù Gia Mập', '691', 1.9, 3.4, [5.0, 5.8, 6.6]],
  ['MN_CAN_DON', 'Hồ thủy điện Cần Đơn', '696', 104.5, 5.5, [109.5, 110.2, 110.6]],
  ['MN_SONG_BE_BD', 'Sông Bé — Bù Đăng', '696', 2.3, 3.8, [5.5, 6.3, 7.1]],
  ['MN_DONG_NAI_BD', 'Sông Đồng Nai — Đắk Nhau', '696', 2.8, 4.2, [6.5, 7.5, 8.5]],
  ['MN_SROK_PHU_MIENG', 'Hồ Srok Phu Miêng', '694', 67.0, 4.0, [70.5, 71.2, 71.6]],
  ['MN_SONG_BE_DP', 'Sông Bé — cầu Đồng Phú', '695', 2.5, 4.0, [5.8, 6.6, 7.4]],
  ['MN_SONG_BE_DX', 'Sông Bé — Đồng Xoài', '689', 2.2, 3.5, [5.2, 6.0, 6.8]],
  ['MN_SAI_GON_LN', 'Sông Sài Gòn — Lộc Ninh', '692', 1.8, 3.0, [4.4, 5.0, 5.6]],
  ['MN_SAI_GON_HQ', 'Sông Sài Gòn — Hớn Quản', '694', 2.0, 3.2, [4.6, 5.2, 5.8]],
  ['MN_SONG_BE_CT', 'Sông Bé — Chơn Thành', '697', 2.4, 3.6, [5.4, 6.2, 7.0]],
  ['MN_SUOI_DA_BOP', 'Suối Đăk Bốp — Bù Đốp', '693', 1.2, 2.4, [2.2, 2.7, 3.2]],
  ['MN_HO_SUOI_CAM', 'Hồ Suối Cam — Đồng Xoài', '689', 31.0, 2.2, [33.2, 33.6, 34.0]],
  ['MN_HO_PHUOC_HOA', 'Hồ Phước Hòa — Chơn Thành', '697', 40.5, 2.6, [42.9, 43.4, 43.8]],
  ['MN_SONG_MAN_BL', 'Suối Mã Đà — Bình Long', '690', 1.5, 2.6, [2.6, 3.1, 3.6]],
  ['MN_PHU_RIENG', 'Suối Rạt — Phú Riềng', '698', 1.3, 2.5, [2.3, 2.8, 3.3]],
];

/** Hourly levels (the 24-hour limits of QCVN 05:2023 are 50 and 100 µg/m³). */
const PM25_THRESHOLDS: SensorThreshold[] = [
  { level: 'moderate', above: 80 },
  { level: 'severe', above: 150 },
];
const PM10_THRESHOLDS: SensorThreshold[] = [
  { level: 'moderate', above: 150 },
  { level: 'severe', above: 250 },
];
const RAIN_THRESHOLDS: SensorThreshold[] = [
  { level: 'moderate', above: 30 },
  { level: 'severe', above: 50 },
];

/** A small deterministic generator (mulberry32), so the demo is the same on every install. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A place within `spread` degrees of the district centre. */
function near(district: string, rnd: () => number, spread: number): { lon: number; lat: number } {
  const [lon, lat] = DISTRICT_CENTROIDS[district]!;
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return { lon: round(lon + (rnd() - 0.5) * spread), lat: round(lat + (rnd() - 0.5) * spread) };
}

/** The ~60 demo sensors: two air stations per town, 18 water gauges, two rain gauges per district (fewer in the smallest). */
export function demoSensors(): SensorInput[] {
  const rnd = random(70);
  const air: SensorInput[] = TOWNS.flatMap(([district, place]) =>
    [1, 2].map((n) => ({
      code: `KK_${district}_${n}`,
      name: `Trạm không khí ${place} ${n === 1 ? '— trung tâm' : '— khu dân cư'}`,
      kind: 'air_quality' as const,
      ...near(district, rnd, 0.03),
      unitCode: district,
      readings: [
        {
          name: 'pm25',
          label: 'PM2.5',
          uom: 'µg/m³',
          indicatorCode: 'MT_PM25_NGAY',
          statistic: 'mean' as const,
          thresholds: PM25_THRESHOLDS,
        },
        {
          name: 'pm10',
          label: 'PM10',
          uom: 'µg/m³',
          statistic: 'mean' as const,
          thresholds: PM10_THRESHOLDS,
        },
      ],
    })),
  );
  const water: SensorInput[] = GAUGES.map(([code, name, district, , , [bd1, bd2, bd3]]) => ({
    code,
    name: `Trạm mực nước ${name}`,
    kind: 'water_level' as const,
    ...near(district, rnd, 0.12),
    unitCode: district,
    readings: [
      {
        name: 'water_level',
        label: 'Mực nước',
        uom: 'm',
        statistic: 'max' as const,
        thresholds: [
          { level: 'minor' as const, above: bd1 },
          { level: 'moderate' as const, above: bd2 },
          { level: 'severe' as const, above: bd3 },
        ],
      },
    ],
  }));
  const rain: SensorInput[] = TOWNS.flatMap(([district, place]) =>
    (['689', '693', '690', '697'].includes(district) ? [1] : [1, 2]).map((n) => ({
      code: `MUA_${district}_${n}`,
      name: `Trạm đo mưa ${place}${n === 2 ? ' — vùng ven' : ''}`,
      kind: 'rainfall' as const,
      ...near(district, rnd, 0.1),
      unitCode: district,
      readings: [
        {
          name: 'rain',
          label: 'Lượng mưa giờ',
          uom: 'mm',
          indicatorCode: 'MT_LUONG_MUA_NGAY',
          statistic: 'sum' as const,
          thresholds: RAIN_THRESHOLDS,
        },
      ],
    })),
  );
  return [...air, ...water, ...rain];
}

/** Share of days with rain, by month (January … December): the rainy season is May–October. */
const RAIN_DAYS = [0.03, 0.03, 0.08, 0.25, 0.55, 0.65, 0.7, 0.75, 0.75, 0.6, 0.3, 0.08];
/** Dry-season dust: PM2.5 baseline by month. */
const PM25_BASE = [38, 40, 36, 30, 22, 17, 15, 15, 16, 19, 26, 34];

export interface DemoReading {
  sensorCode: string;
  reading: string;
  at: Date;
  value: number;
}

/**
 * Hourly synthetic readings of every demo sensor from `from` to `to` (UTC days), with the
 * threshold crossings they cause. Rain falls per district in afternoon storms; rivers follow the
 * season and the recent rain; dust follows the season and the traffic hours.
 */
export function demoReadings(
  sensors: SensorInput[],
  from: string,
  to: string,
): { readings: DemoReading[]; alerts: HistoryAlert[] } {
  const rnd = random(2025);
  const start = Date.parse(`${from}T00:00:00Z`) - 7 * 3600_000;
  const end = Date.parse(`${to}T00:00:00Z`) + 17 * 3600_000;
  const hours = Math.floor((end - start) / 3600_000);
  // Hourly rain per district, shared by the district's gauges (with local variation).
  const rainByDistrict = new Map<string, Float64Array>();
  for (const [district] of TOWNS) {
    const series = new Float64Array(hours);
    for (let h = 0; h < hours; h += 24) {
      const local = new Date(start + h * 3600_000 + 7 * 3600_000);
      if (rnd() > RAIN_DAYS[local.getUTCMonth()]!) continue;
      const peak = 13 + Math.floor(rnd() * 6);
      const duration = 1 + Math.floor(rnd() * 4);
      const intensity = 4 + -Math.log(1 - rnd()) * 12;
      for (let k = 0; k < duration && h + peak + k < hours; k++) {
        series[h + peak + k] = Math.round(intensity * (1 - k / (duration + 1)) * 10) / 10;
      }
    }
    rainByDistrict.set(district, series);
  }
  const readings: DemoReading[] = [];
  const alerts: HistoryAlert[] = [];
  for (const sensor of sensors) {
    const district = sensor.unitCode!;
    const rain = rainByDistrict.get(district)!;
    const town = TOWNS.find(([d]) => d === district)!;
    const gauge = GAUGES.find(([code]) => code === sensor.code);
    const levels = new Map<string, ReturnType<typeof thresholdLevel>>();
    let wetness = 0;
    for (let h = 0; h < hours; h++) {
      const at = new Date(start + h * 3600_000);
      const local = new Date(at.getTime() + 7 * 3600_000);
      const month = local.getUTCMonth();
      const hourOfDay = local.getUTCHours();
      wetness = wetness * 0.985 + rain[h]!;
      const values: Record<string, number> = {};
      if (sensor.kind === 'air_quality') {
        const traffic =
          hourOfDay >= 6 && hourOfDay <= 9 ? 1.35 : hourOfDay >= 17 && hourOfDay <= 21 ? 1.45 : 0.9;
        const washout = rain[h]! > 0 ? 0.6 : 1;
        const pm25 = PM25_BASE[month]! * town[2] * traffic * washout * Math.exp((rnd() - 0.5) * 0.5);
        values.pm25 = Math.round(pm25 * 10) / 10;
        values.pm10 = Math.round(pm25 * (1.6 + rnd() * 0.3) * 10) / 10;
      } else if (sensor.kind === 'rainfall') {
        values.rain = Math.max(0, Math.round(rain[h]! * (0.7 + rnd() * 0.6) * 10) / 10);
      } else if (gauge) {
        const [, , , base, rise] = gauge;
        // Season: lowest in April, highest in September–October; plus the recent rain.
        const season = (1 - Math.cos(((month - 3 + local.getUTCDate() / 30) / 12) * 2 * Math.PI)) / 2;
        const level = base + rise * (0.75 * season + Math.min(0.45, wetness / 400)) + (rnd() - 0.5) * 0.04;
        values.water_level = Math.round(level * 100) / 100;
      }
      for (const [name, value] of Object.entries(values)) {
        readings.push({ sensorCode: sensor.code, reading: name, at, value });
        const spec = sensor.readings.find((r) => r.name === name)!;
        const crossed = thresholdLevel(value, spec.thresholds ?? []);
        const before = levels.get(name) ?? null;
        if (crossed && levelRank(crossed.level) > levelRank(before?.level ?? null)) {
          const above = crossed.threshold.above !== undefined;
          alerts.push({
            sensorCode: sensor.code,
            reading: name,
            at,
            value,
            level: crossed.level,
            threshold: (above ? crossed.threshold.above : crossed.threshold.below)!,
            direction: above ? 'above' : 'below',
          });
        }
        levels.set(name, crossed);
      }
    }
  }
  return { readings, alerts };
}
