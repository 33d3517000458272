/**
 * Synthetic observations and annual targets for the demo province (see DEMO_NOTICE): plausible
 * magnitudes for a province of about one million people, with seasons (Tết, the rainy season,
 * the school year, tourism peaks), trends, district and commune size, noise, persistent
 * under-performers and a few reporting gaps. Deterministic for a given seed.
 */
import {
  DOSSIER_RECORD_INDICATORS,
  type IndicatorInput,
  type PeriodType,
  type TargetInput,
  type UnitLevel,
} from '@ioc/shared';
import { CASE_INDICATORS } from '../cases/case-figures.js';
import { INDICATORS, INDICATOR_LEVEL } from './catalogue.js';
import { DEMO_UNITS, DEMO_VALID_TO } from './units.js';
import { BUDGET_INDICATORS } from '../budget/budget-figures.js';
import { INVESTMENT_INDICATORS } from '../investment/investment-figures.js';

const FROM_RECORDS = new Set([...BUDGET_INDICATORS, ...INVESTMENT_INDICATORS]);

export interface DemoObservation {
  indicatorCode: string;
  unitCode: string;
  period: string;
  value: number;
}

export interface DemoData {
  observations: DemoObservation[];
  targets: TargetInput[];
}

// ---------------------------------------------------------------------------------------------
// How each raw indicator behaves

/** Monthly profiles, January to December, interpolated day by day; only their shape matters. */
export const SEASONS = {
  budget: [1.0, 0.75, 0.9, 1.05, 0.9, 0.95, 1.05, 0.9, 0.95, 1.05, 1.0, 1.7],
  spending: [0.6, 0.6, 0.85, 0.9, 0.95, 1.0, 1.0, 0.95, 1.0, 1.05, 1.1, 1.9],
  disbursement: [0.25, 0.35, 0.55, 0.7, 0.8, 1.0, 0.9, 1.0, 1.15, 1.25, 1.4, 2.6],
  /** The rainy season runs from May to October. */
  dengue: [0.45, 0.3, 0.25, 0.3, 0.55, 1.0, 1.5, 1.9, 2.0, 1.7, 1.2, 0.75],
  rain: [0.1, 0.1, 0.3, 0.9, 2.1, 2.7, 2.9, 3.2, 3.3, 2.6, 1.1, 0.4],
  storm: [0.1, 0.1, 0.2, 0.6, 1.4, 1.8, 1.9, 2.0, 1.9, 1.4, 0.5, 0.2],
  dry: [1.6, 2.2, 2.6, 1.8, 0.6, 0.3, 0.2, 0.2, 0.2, 0.3, 0.6, 1.2],
  /** Smoke and dust of the dry season. */
  air: [1.3, 1.35, 1.4, 1.2, 0.9, 0.75, 0.7, 0.7, 0.75, 0.85, 1.0, 1.2],
  /** Run-off of the rainy season lowers river water quality. */
  water: [1.05, 1.05, 1.03, 1.0, 0.97, 0.94, 0.92, 0.9, 0.9, 0.93, 0.98, 1.03],
  /** The reservoir fills in the rainy season and is drawn down in the dry season. */
  reservoir: [1.03, 1.02, 1.005, 0.99, 0.975, 0.965, 0.97, 0.985, 1.005, 1.025, 1.036, 1.035],
  /** Rubber trees are not tapped while they shed their leaves (February to April). */
  rubber: [1.2, 0.4, 0.1, 0.3, 0.9, 1.1, 1.2, 1.3, 1.4, 1.5, 1.5, 1.3],
  retail: [1.1, 1.0, 0.9, 0.95, 0.95, 0.95, 1.0, 1.0, 0.95, 1.0, 1.05, 1.2],
  /** Hand, foot and mouth disease peaks when schools reopen. */
  school: [0.6, 0.5, 0.8, 1.0, 1.0, 0.9, 0.8, 0.9, 1.4, 1.6, 1.5, 1.0],
  tourism: [1.2, 1.4, 0.9, 1.1, 1.0, 1.1, 1.15, 0.9, 0.9, 0.7, 0.75, 0.9],
} satisfies Record<string, readonly number[]>;

/** Relative size of each district-level unit for some activity (see DISTRICT_PROFILES). */
type Weight =
  | 'pop'
  | 'urban'
  | 'rural'
  | 'revenue'
  | 'industry'
  | 'tourism'
  | 'rubber'
  | 'cashew'
  | 'livestock'
  | 'forest'
  | 'air'
  | 'rain';

interface Shape {
  /** Spread of the units by size; by default all the same. */
  weight?: Weight;
  season?: keyof typeof SEASONS;
  /** Multiplier during the Tết holiday (two days before to four days after the New Year). */
  tet?: number;
  /** Offices closed at the weekend. */
  workdays?: boolean;
  /** Yearly growth rate, or `years`: multipliers for 2022, 2023, … (the last one repeats). */
  growth?: number;
  years?: readonly number[];
  /** Coefficient of variation of the noise of each value. */
  cv?: number;
  /** How far units' persistent performance spreads (0 none, 1 from about 70 % to 115 %). */
  perf?: number;
}

type Model =
  /** A flow: `annual` is the province total for 2022; `plan` makes the target expected × plan. */
  | (Shape & { kind: 'flow'; annual: number; plan?: number })
  /** A stock: `total` is the province level at the start of 2022. */
  | (Shape & { kind: 'stock'; total: number; plan?: number })
  /** A part of another indicator of the same level and period type; a share moving from
   * the first to the second value between 2022 and 2025. */
  | (Shape & { kind: 'part'; of: string; share: number | readonly [number, number] })
  /** The annual plan of a flow, repeated every period of the year (e.g. the budget estimate). */
  | { kind: 'plan'; of: string }
  /** A value measured directly (a rate, an index, a level), with a target or a band. */
  | (Shape & {
      kind: 'rate';
      mean: number;
      max?: number;
      target?: number | readonly number[];
      band?: readonly [number, number];
      /** Months with data (1–12), e.g. the school year. */
      months?: readonly number[];
    });

// One line per indicator reads best as a table.
// prettier-ignore
const MODELS: Record<string, Model> = {
  KTXH_GRDP_TANG_TRUONG: { kind: 'rate', mean: 7.5, years: [1, 0.78, 1.1, 1.15], cv: 0.06, target: [8, 8, 8, 8.5] },
  KTXH_GRDP: { kind: 'flow', annual: 93_000, growth: 0.1, cv: 0.01, plan: 1 },
  KTXH_DAN_SO_TB: { kind: 'stock', total: 998_000, growth: 0.012, weight: 'pop', cv: 0 },
  KTXH_DAN_SO: { kind: 'stock', total: 1_000_000, growth: 0.012, weight: 'pop', cv: 0.001 },
  KTXH_IIP_TANG: { kind: 'rate', mean: 9.5, years: [1, 0.75, 1.2, 1.3], cv: 0.2, target: 10 },
  KTXH_CPI_TANG: { kind: 'rate', mean: 3.3, years: [1, 1.1, 1.05, 0.95], cv: 0.2, target: 4 },
  KTXH_BAN_LE: { kind: 'flow', annual: 62_000, growth: 0.11, weight: 'urban', season: 'retail', tet: 1.5, cv: 0.05, perf: 0.4, plan: 1 },
  KTXH_XUAT_KHAU: { kind: 'flow', annual: 3_900, growth: 0.1, tet: 0.3, cv: 0.1, plan: 1 },
  KTXH_NHAP_KHAU: { kind: 'flow', annual: 2_800, growth: 0.08, tet: 0.3, cv: 0.12 },
  KTXH_DN_THANH_LAP: { kind: 'flow', annual: 1_150, growth: 0.05, weight: 'industry', workdays: true, tet: 0.1, perf: 0.6, plan: 1 },
  KTXH_DN_VON_DANG_KY: { kind: 'flow', annual: 14_000, growth: 0.05, weight: 'industry', workdays: true, cv: 0.8 },
  KTXH_DN_GIAI_THE: { kind: 'flow', annual: 180, growth: 0.08, weight: 'industry', workdays: true },
  KTXH_DN_HOAT_DONG: { kind: 'stock', total: 8_400, growth: 0.07, weight: 'industry', cv: 0.002 },
  KTXH_FDI_VON: { kind: 'flow', annual: 420, growth: 0.15, cv: 1, plan: 1 },
  KTXH_DDI_VON: { kind: 'flow', annual: 22_000, growth: 0.05, cv: 0.9 },
  KTXH_GQ_VIEC_LAM: { kind: 'flow', annual: 38_000, growth: 0.03, weight: 'pop', workdays: true, tet: 0.2, perf: 0.5, plan: 1 },
  KTXH_XKLD: { kind: 'flow', annual: 900, growth: 0.1, weight: 'rural', perf: 0.5, plan: 1 },
  KTXH_TONG_SO_HO: { kind: 'stock', total: 285_000, growth: 0.015, weight: 'pop', cv: 0 },
  KTXH_HO_NGHEO: { kind: 'part', of: 'KTXH_TONG_SO_HO', share: [0.024, 0.005], perf: 0.8, cv: 0.05 },
  KTXH_KHAI_SINH: { kind: 'flow', annual: 15_500, growth: -0.02, weight: 'pop', workdays: true, tet: 0.2 },
  KTXH_KHAI_TU: { kind: 'flow', annual: 5_200, growth: 0.01, weight: 'pop', workdays: true },
  KTXH_BHXH_THAM_GIA: { kind: 'stock', total: 150_000, growth: 0.06, weight: 'industry', perf: 0.3, plan: 1, cv: 0.002 },
  KTXH_PCI: { kind: 'rate', mean: 65, years: [1, 0.99, 1.02, 1.02], cv: 0.01, target: [66, 66, 67, 68] },
  KTXH_DDCI: { kind: 'rate', mean: 70, growth: 0.02, perf: 0.4, cv: 0.02, max: 100, target: 72 },

  NS_NO_THUE: { kind: 'stock', total: 650, growth: 0.05, weight: 'revenue', perf: 0.8, plan: 1, cv: 0.05 },


  // Its values are computed from the dossier records (demo/dossiers.ts); the model gives its targets.
  DVC_CHI_SO_766: { kind: 'rate', mean: 74, growth: 0.04, perf: 0.4, cv: 0.02, max: 100, target: [75, 78, 80, 85] },
  DVC_TTHC_TOAN_TRINH: { kind: 'stock', total: 650, growth: 0.15, plan: 1 },

  VB_DEN: { kind: 'flow', annual: 260_000, growth: 0.03, weight: 'pop', workdays: true, tet: 0.05, cv: 0.05 },
  VB_DI: { kind: 'flow', annual: 95_000, growth: 0.03, weight: 'pop', workdays: true, tet: 0.05, cv: 0.05 },
  VB_DI_KY_SO: { kind: 'part', of: 'VB_DI', share: [0.88, 0.99], perf: 0.3, cv: 0.01 },
  VB_NV_GIAO: { kind: 'flow', annual: 2_400, weight: 'pop', workdays: true, tet: 0.05, cv: 0.15 },
  VB_NV_HOAN_THANH: { kind: 'part', of: 'VB_NV_GIAO', share: 0.9, cv: 0.05 },
  VB_NV_DUNG_HAN: { kind: 'part', of: 'VB_NV_HOAN_THANH', share: 0.9, perf: 1, cv: 0.03 },
  VB_NV_QUA_HAN: { kind: 'part', of: 'VB_NV_GIAO', share: 0.08, perf: 1, cv: 0.2 },

  PAKN_TIEP_NHAN: { kind: 'flow', annual: 14_000, growth: 0.12, weight: 'urban', cv: 0.2 },
  PAKN_DA_XU_LY: { kind: 'part', of: 'PAKN_TIEP_NHAN', share: 0.93, perf: 0.3, cv: 0.03 },
  PAKN_DUNG_HAN: { kind: 'part', of: 'PAKN_DA_XU_LY', share: [0.86, 0.95], perf: 1, cv: 0.03 },
  PAKN_CUOC_GOI: { kind: 'flow', annual: 95_000, growth: 0.1, cv: 0.15 },
  PAKN_LUOT_DANH_GIA: { kind: 'flow', annual: 5_500, growth: 0.12, weight: 'urban' },
  PAKN_LUOT_HAI_LONG: { kind: 'part', of: 'PAKN_LUOT_DANH_GIA', share: 0.86, perf: 0.4 },
  PAKN_QUA_HAN: { kind: 'stock', total: 60, weight: 'urban', perf: 1, cv: 0.25 },

  ATGT_SO_VU: { kind: 'flow', annual: 265, growth: -0.05, weight: 'pop', tet: 2.5, perf: 1, plan: 1 },
  ATGT_SO_NGUOI_CHET: { kind: 'flow', annual: 175, growth: -0.04, weight: 'pop', tet: 2.5, perf: 1, plan: 1 },
  ATGT_SO_NGUOI_BI_THUONG: { kind: 'flow', annual: 195, growth: -0.06, weight: 'pop', tet: 2.5, perf: 0.6, plan: 1 },
  ATGT_VI_PHAM_XU_LY: { kind: 'flow', annual: 85_000, growth: 0.05, weight: 'pop', tet: 1.5 },
  /** Fines rose sharply under Decree 168/2024 from January 2025. */
  ATGT_TIEN_PHAT: { kind: 'flow', annual: 120_000, years: [1, 1.05, 1.1, 1.9], weight: 'pop', cv: 0.15 },
  ATGT_PHAT_NGUOI: { kind: 'flow', annual: 12_000, growth: 0.3, weight: 'urban', cv: 0.15 },
  ATGT_DIEM_DEN: { kind: 'stock', total: 45, growth: -0.12, weight: 'pop', perf: 0.8, plan: 1, cv: 0.05 },

  ANTT_PHAM_TOI: { kind: 'flow', annual: 720, growth: -0.04, weight: 'urban', perf: 1, plan: 1 },
  ANTT_LAM_RO: { kind: 'part', of: 'ANTT_PHAM_TOI', share: 0.86, perf: 0.5, cv: 0.03 },
  ANTT_TIN_BAO: { kind: 'flow', annual: 1_500, weight: 'urban' },
  ANTT_VI_PHAM_HC: { kind: 'flow', annual: 3_200, weight: 'pop' },
  ANTT_MA_TUY: { kind: 'flow', annual: 220, growth: 0.03, weight: 'urban' },
  ANTT_VU_CHAY: { kind: 'flow', annual: 75, weight: 'urban', season: 'dry', perf: 1, plan: 1 },
  ANTT_THIET_HAI_CHAY: { kind: 'flow', annual: 18_000, weight: 'urban', season: 'dry', cv: 1.5 },
  ANTT_VNEID: { kind: 'flow', annual: 180_000, years: [1, 1.4, 0.6, 0.3], weight: 'pop', perf: 0.5, plan: 1, cv: 0.15 },
  ANTT_CAN_CUOC: { kind: 'flow', annual: 90_000, years: [1.6, 0.8, 1.1, 0.9], weight: 'pop', workdays: true, tet: 0.05 },
  ANTT_CAMERA: { kind: 'stock', total: 330, growth: 0.22, weight: 'urban', perf: 0.3, plan: 1, cv: 0 },

  YT_SXH: { kind: 'flow', annual: 3_200, years: [1, 0.55, 0.42, 0.5], weight: 'pop', season: 'dengue', perf: 1, plan: 1 },
  YT_SXH_TU_VONG: { kind: 'flow', annual: 4, years: [1, 0.4, 0.3, 0.3], season: 'dengue', plan: 1 },
  YT_TAY_CHAN_MIENG: { kind: 'flow', annual: 900, years: [1, 1.6, 0.9, 0.8], weight: 'pop', season: 'school' },
  /** The measles outbreak of late 2024 and 2025. */
  YT_SOI: { kind: 'flow', annual: 4, years: [0.5, 0.5, 25, 60], weight: 'rural' },
  YT_LUOT_KHAM: { kind: 'flow', annual: 3_100_000, growth: 0.04, weight: 'urban', workdays: true, tet: 0.3, perf: 0.3, plan: 1, cv: 0.05 },
  YT_NOI_TRU: { kind: 'flow', annual: 190_000, growth: 0.03, weight: 'urban', tet: 0.6, cv: 0.06 },
  YT_KHAM_TYT: { kind: 'flow', annual: 600_000, growth: 0.02, weight: 'rural', workdays: true, tet: 0.1 },
  YT_GIUONG_BENH: { kind: 'stock', total: 3_300, growth: 0.03, weight: 'urban', cv: 0 },
  YT_BAC_SI: { kind: 'stock', total: 1_050, growth: 0.05, weight: 'urban', cv: 0 },
  YT_BHYT: { kind: 'part', of: 'KTXH_DAN_SO', share: [0.905, 0.935], perf: 0.15, cv: 0.003 },
  YT_TRE_DOI_TUONG: { kind: 'flow', annual: 15_200, growth: -0.02, weight: 'pop', cv: 0.05 },
  YT_TRE_TIEM_DU: { kind: 'part', of: 'YT_TRE_DOI_TUONG', share: 0.96, perf: 0.5, cv: 0.02 },
  YT_NGO_DOC: { kind: 'flow', annual: 3, plan: 1 },
  YT_CAP_CUU_115: { kind: 'flow', annual: 9_000, growth: 0.05, weight: 'urban', tet: 1.4 },
  YT_HSSK: { kind: 'stock', total: 550_000, growth: 0.15, weight: 'pop', perf: 0.4, plan: 1, cv: 0.003 },

  GD_SO_TRUONG: { kind: 'stock', total: 510, growth: 0.005, weight: 'pop', cv: 0 },
  GD_TRUONG_CHUAN: { kind: 'part', of: 'GD_SO_TRUONG', share: [0.55, 0.76], perf: 0.8, cv: 0.02 },
  GD_SO_HOC_SINH: { kind: 'stock', total: 215_000, growth: 0.015, weight: 'pop', cv: 0 },
  GD_SO_GIAO_VIEN: { kind: 'stock', total: 11_800, growth: 0.01, weight: 'pop', cv: 0 },
  GD_HS_DU_THI: { kind: 'flow', annual: 12_300, growth: 0.02, weight: 'pop', cv: 0.02 },
  GD_HS_TOT_NGHIEP: { kind: 'part', of: 'GD_HS_DU_THI', share: 0.985, perf: 0.1, cv: 0.005 },
  GD_CHUYEN_CAN: { kind: 'rate', mean: 96.5, perf: 0.05, cv: 0.01, max: 100, months: [1, 2, 3, 4, 5, 9, 10, 11, 12], target: 95 },
  GD_HS_BO_HOC: { kind: 'flow', annual: 700, growth: -0.06, weight: 'rural', perf: 0.8, plan: 1 },
  GD_HSG_QUOC_GIA: { kind: 'flow', annual: 22, growth: 0.05, plan: 1 },

  DD_GCN: { kind: 'flow', annual: 38_000, growth: 0.02, weight: 'pop', workdays: true, tet: 0.05, perf: 0.5, plan: 1 },
  /** The property market slumped in 2023. */
  DD_BIEN_DONG: { kind: 'flow', annual: 110_000, years: [1, 0.75, 0.85, 0.95], weight: 'urban', workdays: true, tet: 0.05 },
  DD_THU_HOI_DAT: { kind: 'flow', annual: 450, weight: 'industry', cv: 1.2 },
  DD_VI_PHAM_DAT_DAI: { kind: 'flow', annual: 650, growth: -0.05, weight: 'rural', perf: 1, plan: 1 },
  DD_KHIEU_NAI: { kind: 'flow', annual: 900, growth: -0.05, weight: 'pop' },
  DD_GIAY_PHEP_XD: { kind: 'flow', annual: 6_200, years: [1, 0.8, 0.9, 1], weight: 'urban', workdays: true, tet: 0.05 },
  DD_VI_PHAM_XD: { kind: 'flow', annual: 520, weight: 'urban', perf: 1, plan: 1 },
  DD_PHU_QH_PHAN_KHU: { kind: 'rate', mean: 55, years: [1, 1.2, 1.42, 1.55], perf: 0.4, cv: 0, max: 100, target: [60, 70, 80, 90] },
  DD_NHA_O_XA_HOI: { kind: 'flow', annual: 300, years: [1, 1.6, 3, 4], plan: 1.15 },

  MT_AQI: { kind: 'rate', mean: 48, weight: 'air', season: 'air', cv: 0.3 },
  MT_PM25: { kind: 'rate', mean: 21, weight: 'air', season: 'air', cv: 0.15 },
  MT_WQI: { kind: 'rate', mean: 84, season: 'water', perf: 0.15, cv: 0.08, max: 100 },
  MT_RAC_PHAT_SINH: { kind: 'flow', annual: 290_000, growth: 0.03, weight: 'urban', cv: 0.03 },
  MT_RAC_THU_GOM: { kind: 'part', of: 'MT_RAC_PHAT_SINH', share: [0.87, 0.95], perf: 0.6, cv: 0.01 },
  MT_HO_NUOC_SACH: { kind: 'part', of: 'KTXH_TONG_SO_HO', share: [0.58, 0.74], perf: 0.4, cv: 0.01 },
  MT_VI_PHAM: { kind: 'flow', annual: 140, weight: 'industry' },

  DL_LUOT_KHACH: { kind: 'flow', annual: 1_350_000, years: [0.8, 1, 1.15, 1.3], weight: 'tourism', season: 'tourism', tet: 2.5, perf: 1, plan: 1, cv: 0.08 },
  DL_KHACH_QUOC_TE: { kind: 'part', of: 'DL_LUOT_KHACH', share: 0.012, cv: 0.2 },
  DL_KHACH_LUU_TRU: { kind: 'part', of: 'DL_LUOT_KHACH', share: 0.28, cv: 0.05 },
  DL_DOANH_THU: { kind: 'flow', annual: 1_250, years: [0.8, 1, 1.18, 1.36], weight: 'tourism', season: 'tourism', tet: 2.5, perf: 0.5, plan: 1 },
  DL_CO_SO_LUU_TRU: { kind: 'stock', total: 330, growth: 0.04, weight: 'tourism', cv: 0 },
  DL_CONG_SUAT_PHONG: { kind: 'rate', mean: 50, season: 'tourism', perf: 0.3, cv: 0.08, max: 100, target: 55 },
  DL_TRUY_CAP: { kind: 'flow', annual: 650_000, growth: 0.25, season: 'tourism', cv: 0.15 },

  ATTT_TAN_CONG: { kind: 'flow', annual: 330_000, growth: 0.25, cv: 0.4 },
  ATTT_MA_DOC: { kind: 'flow', annual: 18_000, growth: 0.1, cv: 0.4 },
  ATTT_SU_CO: { kind: 'flow', annual: 60, weight: 'urban', perf: 1, plan: 1 },
  ATTT_LO_HONG: { kind: 'flow', annual: 1_400, growth: 0.1, cv: 0.2 },
  ATTT_LO_HONG_KHAC_PHUC: { kind: 'part', of: 'ATTT_LO_HONG', share: [0.8, 0.93], cv: 0.04 },
  ATTT_HTTT: { kind: 'stock', total: 115, growth: 0.05, cv: 0 },
  ATTT_HTTT_CAP_DO: { kind: 'part', of: 'ATTT_HTTT', share: [0.55, 0.97], cv: 0.01 },

  BC_TIN_BAI: { kind: 'flow', annual: 95_000, growth: 0.15, weight: 'urban', cv: 0.3 },
  BC_TIN_TIEU_CUC: { kind: 'part', of: 'BC_TIN_BAI', share: 0.06, perf: 1, cv: 0.3 },
  BC_TIN_TICH_CUC: { kind: 'part', of: 'BC_TIN_BAI', share: 0.35, cv: 0.1 },
  BC_TUONG_TAC: { kind: 'flow', annual: 9_000_000, growth: 0.2, cv: 0.7 },
  BC_XU_LY_TIN_XAU: { kind: 'flow', annual: 480, growth: 0.1, cv: 0.2 },
  BC_HOP_BAO: { kind: 'flow', annual: 12, plan: 1 },

  NN_CAO_SU: { kind: 'flow', annual: 430_000, growth: 0.01, weight: 'rubber', season: 'rubber', perf: 0.3, plan: 1, cv: 0.05 },
  NN_DT_CAO_SU: { kind: 'stock', total: 245_000, growth: -0.005, weight: 'rubber', cv: 0 },
  NN_DIEU: { kind: 'flow', annual: 210_000, years: [1, 0.93, 1.08, 1.05], weight: 'cashew', perf: 0.4, plan: 1, cv: 0.03 },
  NN_DT_DIEU: { kind: 'stock', total: 154_000, growth: -0.01, weight: 'cashew', cv: 0 },
  NN_HO_TIEU: { kind: 'flow', annual: 42_000, years: [1, 0.97, 0.95, 0.95], weight: 'cashew', cv: 0.04 },
  NN_GIA_DIEU: { kind: 'rate', mean: 31, years: [1, 0.88, 1.05, 1.3], cv: 0.05 },
  NN_DAN_HEO: { kind: 'stock', total: 2_100_000, growth: 0.05, weight: 'livestock', cv: 0.01 },
  NN_DAN_GIA_CAM: { kind: 'stock', total: 11_000_000, growth: 0.04, weight: 'livestock', cv: 0.015 },
  NN_DICH_TA_LON: { kind: 'flow', annual: 40, years: [1.3, 0.7, 1, 0.6], weight: 'livestock' },
  NN_CHAY_RUNG: { kind: 'flow', annual: 14, weight: 'forest', season: 'dry' },
  NN_DT_RUNG_CHAY: { kind: 'flow', annual: 25, weight: 'forest', season: 'dry', cv: 1.5 },
  NN_VI_PHAM_LAM_LUAT: { kind: 'flow', annual: 210, growth: -0.05, weight: 'forest', perf: 0.6, plan: 1 },
  NN_CHE_PHU_RUNG: { kind: 'rate', mean: 68.5, years: [1, 1.001, 1.002, 1.003], cv: 0.001, target: [68.5, 68.6, 68.7, 68.8] },
  NN_THIET_HAI_THIEN_TAI: { kind: 'flow', annual: 28, weight: 'rural', season: 'storm', cv: 1.5 },
  NN_NHA_HU_HAI: { kind: 'flow', annual: 260, weight: 'rural', season: 'storm', cv: 0.8 },
  NN_LUONG_MUA: { kind: 'flow', annual: 2_300, weight: 'rain', season: 'rain', cv: 0.35 },
  NN_MUC_NUOC_THAC_MO: { kind: 'rate', mean: 210, years: [1.003, 0.998, 1.006, 1], season: 'reservoir', cv: 0.0015, band: [198, 218] },
  NN_CUU_NAN: { kind: 'flow', annual: 150, growth: 0.05, weight: 'pop' },
};

/** Annual targets of derived indicators: one value, or one per year from 2022 (the last repeats). */
const DERIVED_TARGETS: Record<string, number | readonly number[]> = {
  KTXH_GRDP_BQ_DAU_NGUOI: [92, 100, 108, 118],
  KTXH_TY_LE_HO_NGHEO: [2.2, 1.6, 1.1, 0.8],
  NS_TY_LE_THU_DU_TOAN: 100,
  NS_TY_LE_CHI_DU_TOAN: 100,
  DTC_TY_LE_GIAI_NGAN: 95,
  DTC_TY_LE_DU_AN_CHAM: 30,
  DVC_TY_LE_TRUC_TUYEN: [40, 55, 65, 75],
  DVC_TY_LE_DUNG_HAN: 95,
  DVC_TY_LE_QUA_HAN: 5,
  DVC_TY_LE_THANH_TOAN_TT: [20, 35, 50, 60],
  DVC_TY_LE_SO_HOA: [35, 55, 75, 90],
  DVC_TY_LE_HAI_LONG: 95,
  VB_TY_LE_KY_SO: 95,
  VB_TY_LE_NV_DUNG_HAN: 90,
  PAKN_TY_LE_DUNG_HAN: 90,
  PAKN_TY_LE_DA_XU_LY: 95,
  PAKN_TY_LE_HAI_LONG: 85,
  ATGT_TU_VONG_100K: 17,
  ANTT_TY_LE_DIEU_TRA: 80,
  YT_GIUONG_VAN_DAN: 32,
  YT_BAC_SI_VAN_DAN: [10, 10.5, 11, 11.5],
  YT_TY_LE_BHYT: [91.5, 92.5, 93, 94],
  YT_TY_LE_TIEM_CHUNG: 95,
  GD_TY_LE_TRUONG_CHUAN: [58, 63, 68, 72],
  GD_TY_LE_TOT_NGHIEP: 98,
  MT_TY_LE_THU_GOM: [88, 90, 92, 94],
  MT_TY_LE_HO_NUOC_SACH: [60, 64, 68, 72],
  DL_CHI_TIEU_BQ: 900,
  ATTT_TY_LE_KHAC_PHUC: 90,
  ATTT_TY_LE_CAP_DO: [60, 75, 90, 100],
  BC_TY_LE_TIEU_CUC: 8,
};

/**
 * District-level units: population (thousands), urban share, capacity (persistent performance:
 * remote northern districts weaker, Đồng Xoài and Chơn Thành stronger) and relative weights of
 * activities, in the order of PROFILE_KEYS.
 */
const PROFILE_KEYS = [
  'pop',
  'urban',
  'capacity',
  'revenue',
  'industry',
  'tourism',
  'rubber',
  'cashew',
  'livestock',
  'forest',
  'air',
  'rain',
] as const;
const DISTRICT_PROFILES: Record<string, readonly number[]> = {
  '688': [55, 0.75, 1.03, 6, 2, 20, 4, 6, 3, 8, 0.85, 1.15], // Phước Long: Bà Rá mountain, Thác Mơ lake
  '689': [150, 0.9, 1.1, 28, 14, 18, 4, 4, 4, 1, 1.15, 1], // Đồng Xoài: provincial capital
  '690': [60, 0.6, 1, 5, 5, 10, 6, 3, 5, 1, 1, 0.92], // Bình Long
  '691': [80, 0, 0.86, 4, 2, 12, 14, 14, 6, 30, 0.7, 1.2], // Bù Gia Mập: national park, border
  '692': [120, 0.1, 0.94, 6, 6, 6, 16, 11, 10, 10, 0.85, 0.95], // Lộc Ninh: border
  '693': [57, 0.12, 0.88, 3, 2, 4, 6, 8, 5, 8, 0.8, 1.05], // Bù Đốp: border
  '694': [100, 0.08, 0.96, 10, 18, 4, 15, 7, 18, 8, 1.35, 0.9], // Hớn Quản: cement, industry
  '695': [95, 0.12, 0.99, 10, 16, 5, 13, 13, 16, 10, 1.1, 1], // Đồng Phú
  '696': [140, 0.08, 0.92, 6, 3, 10, 9, 20, 9, 20, 0.8, 1.15], // Bù Đăng
  '697': [95, 0.65, 1.06, 16, 28, 3, 8, 2, 14, 1, 1.4, 0.85], // Chơn Thành: industrial parks
  '698': [95, 0, 0.95, 6, 4, 8, 15, 12, 10, 3, 0.85, 1.05], // Phú Riềng
};

/** Persistent performance levels handed out to the 11 districts, best first. */
const LADDER = [1.15, 1.1, 1.06, 1.03, 1.01, 0.98, 0.95, 0.92, 0.86, 0.8, 0.7];

/** Lunar New Year days (Tết Nguyên đán). */
export const TET = ['2020-01-25', '2021-02-12', '2022-02-01', '2023-01-22', '2024-02-10', '2025-01-29'];

const BASE_YEAR = 2022;
/** Shares of `part` models move linearly over these four years. */
const SHARE_YEARS = 4;

// ---------------------------------------------------------------------------------------------
// Random numbers

/** FNV-1a hash of a string to 32 bits. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A generator of its own for each purpose, so that adding an indicator changes no other. */
export function randomFor(seed: number, purpose: string): Random {
  return new Random(hash(`${seed}:${purpose}`));
}

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }

  /** A multiplier with mean 1 and the given coefficient of variation. */
  lognormal(cv: number): number {
    if (cv === 0) return 1;
    const variance = Math.log(1 + cv * cv);
    return Math.exp(Math.sqrt(variance) * this.normal() - variance / 2);
  }

  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let count = 0;
    for (let p = this.next(); p > limit; p *= this.next()) count++;
    return count;
  }

  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (n > 30) {
      const mean = n * p;
      return Math.min(n, Math.max(0, Math.round(mean + Math.sqrt(mean * (1 - p)) * this.normal())));
    }
    let count = 0;
    for (let i = 0; i < n; i++) if (this.next() < p) count++;
    return count;
  }
}

// ---------------------------------------------------------------------------------------------
// Calendar

const DAY_MS = 86_400_000;
const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoDate = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

interface Day {
  iso: string;
  year: number;
  month: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Position in the year in months, 0 at the middle of January, for interpolating profiles. */
  position: number;
  isTet: boolean;
}

/** Consecutive days, inclusive, as indexes into the calendar. */
interface Period {
  code: string;
  start: number;
  end: number;
}

function isoWeekCode(day: number): string {
  const weekday = ((day + 3) % 7) + 1;
  const thursday = day - weekday + 4;
  const year = Number(isoDate(thursday).slice(0, 4));
  const week = Math.floor((thursday - dayNumber(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const PERIOD_KEYS: Partial<Record<PeriodType, (day: Day, dayNo: number) => string>> = {
  day: (d) => d.iso,
  week: (d, dayNo) => isoWeekCode(dayNo),
  month: (d) => d.iso.slice(0, 7),
  quarter: (d) => `${d.year}-Q${Math.ceil(d.month / 3)}`,
  year: (d) => String(d.year),
};

class Calendar {
  readonly days: Day[] = [];
  /** Day number of the first calendar day (1 January of the first year). */
  readonly first: number;
  readonly fromIndex: number;
  readonly toIndex: number;
  readonly years: number[] = [];
  private readonly periodCache = new Map<PeriodType, Period[]>();

  constructor(from: string, to: string) {
    const firstYear = Number(from.slice(0, 4));
    const lastYear = Number(to.slice(0, 4));
    this.first = dayNumber(`${firstYear}-01-01`);
    this.fromIndex = dayNumber(from) - this.first;
    this.toIndex = dayNumber(to) - this.first;
    const tet = new Set(TET.flatMap((iso) => [-2, -1, 0, 1, 2, 3, 4].map((k) => dayNumber(iso) + k)));
    for (let day = this.first; day <= dayNumber(`${lastYear}-12-31`); day++) {
      const iso = isoDate(day);
      const year = Number(iso.slice(0, 4));
      const month = Number(iso.slice(5, 7));
      const dayOfMonth = Number(iso.slice(8, 10));
      const monthLength = new Date(Date.UTC(year, month, 0)).getUTCDate();
      this.days.push({
        iso,
        year,
        month,
        weekday: ((day + 3) % 7) + 1,
        position: month - 1 + (dayOfMonth - 0.5) / monthLength - 0.5,
        isTet: tet.has(day),
      });
    }
    for (let year = firstYear; year <= lastYear; year++) this.years.push(year);
  }

  day(index: number): Day {
    const day = this.days[index];
    if (!day) throw new RangeError(`Day ${index} is outside the calendar`);
    return day;
  }

  /** The whole periods of a type that lie within [from, to]. */
  periods(type: PeriodType): Period[] {
    const cached = this.periodCache.get(type);
    if (cached) return cached;
    const keyOf = PERIOD_KEYS[type];
    if (!keyOf) throw new Error(`The demo has no ${type} indicators`);
    const groups: Period[] = [];
    this.days.forEach((day, index) => {
      const code = keyOf(day, this.first + index);
      const last = groups.at(-1);
      if (last?.code === code) last.end = index;
      else groups.push({ code, start: index, end: index });
    });
    const periods = groups.filter(
      (p) => p.start >= this.fromIndex && p.end <= this.toIndex && (type !== 'week' || p.end - p.start === 6),
    );
    this.periodCache.set(type, periods);
    return periods;
  }

  /** The index range of a calendar year. */
  yearRange(year: number): Period {
    const start = dayNumber(`${year}-01-01`) - this.first;
    return { code: String(year), start, end: dayNumber(`${year}-12-31`) - this.first };
  }
}

// ---------------------------------------------------------------------------------------------
// Units

interface Unit {
  code: string;
  level: UnitLevel;
  parent: Unit | null;
  /** The district-level unit it is in (itself for a district); null for the province. */
  district: string | null;
  isUrban: boolean;
  /** Population weight of a commune within its district. */
  size: number;
}

const LEVEL_RANK: Record<UnitLevel, number> = { commune: 0, district: 1, province: 2 };

export function profileValue(district: string, key: (typeof PROFILE_KEYS)[number]): number {
  const value = DISTRICT_PROFILES[district]?.[PROFILE_KEYS.indexOf(key)];
  if (value === undefined) throw new Error(`No profile for district ${district}`);
  return value;
}

function districtWeight(district: string, weight: Weight | undefined): number {
  const pop = profileValue(district, 'pop');
  const urban = profileValue(district, 'urban');
  if (weight === undefined) return 1;
  if (weight === 'urban') return pop * (0.4 + urban);
  if (weight === 'rural') return pop * (1.3 - urban);
  return profileValue(district, weight);
}

/** Commune sizes vary with the seed; wards and townships are bigger than rural communes. */
function buildUnits(random: Random): Unit[] {
  const byCode = new Map<string, Unit>();
  return DEMO_UNITS.map((input) => {
    const parent = input.parentCode ? (byCode.get(input.parentCode) ?? null) : null;
    const isUrban = /^(Phường|Thị trấn)/.test(input.name);
    const unit: Unit = {
      code: input.code,
      level: input.level,
      parent,
      district: input.level === 'district' ? input.code : (parent?.district ?? null),
      isUrban,
      size: input.level === 'commune' ? (isUrban ? 1.5 : 1) * (0.6 + 0.8 * random.next()) : 1,
    };
    byCode.set(unit.code, unit);
    return unit;
  });
}

/** Each unit's share of the level's total under a weight (summing to 1 over the level). */
function shares(units: Unit[], weight: Weight | undefined): number[] {
  const communeFactor = (u: Unit): number => {
    if (weight === 'urban') return u.isUrban ? 1.8 : 0.8;
    if (weight === 'rural') return u.isUrban ? 0.5 : 1.2;
    return 1;
  };
  const raw = units.map((u) => {
    if (u.level === 'province' || !u.district) return 1;
    if (u.level === 'district') return districtWeight(u.district, weight);
    const siblings = units.filter((s) => s.district === u.district);
    const within = siblings.reduce((sum, s) => sum + s.size * communeFactor(s), 0);
    return (districtWeight(u.district, weight) * u.size * communeFactor(u)) / within;
  });
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((r) => r / total);
}

/**
 * Persistent performance of each unit: districts ranked by capacity (with a little chance)
 * receive the LADDER levels; communes follow their district, give or take. For lower-is-better
 * indicators the levels are inverted, so weak units have more of the bad thing.
 */
function performance(random: Random, units: Unit[], spread: number, lowerBetter: boolean): number[] {
  if (spread === 0) return units.map(() => 1);
  const districts = [...new Set(units.map((u) => u.district).filter((d) => d !== null))];
  const ranked = districts
    .map((code) => ({ code, key: profileValue(code, 'capacity') * random.lognormal(0.04) }))
    .sort((a, b) => b.key - a.key);
  const level = new Map(
    ranked.map(({ code }, rank) => {
      const value = 1 + ((LADDER[rank] ?? 1) - 1) * spread;
      return [code, lowerBetter ? 1 / value : value];
    }),
  );
  return units.map((u) => {
    const base = u.district ? (level.get(u.district) ?? 1) : 1;
    return u.level === 'commune' ? base * (1 + (random.next() - 0.5) * 0.16 * spread) : base;
  });
}

// ---------------------------------------------------------------------------------------------
// Series

interface Series {
  units: Unit[];
  periods: Period[];
  /** values[unit][period]; NaN where the value is missing. */
  values: number[][];
}

const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/** The value of a per-year setting for a year: the last one repeats. */
function forYear(setting: number | readonly number[], year: number): number {
  if (typeof setting === 'number') return setting;
  const value = setting[Math.min(Math.max(year - BASE_YEAR, 0), setting.length - 1)];
  if (value === undefined) throw new Error('Empty per-year setting');
  return value;
}

function seasonAt(profile: readonly number[], position: number): number {
  const low = Math.floor(position);
  const fraction = position - low;
  const a = profile[(low + 12) % 12] ?? 1;
  const b = profile[(low + 13) % 12] ?? 1;
  return a + (b - a) * fraction;
}

class Generator {
  private readonly series = new Map<string, Series>();
  private readonly profiles = new Map<string, Float64Array>();
  private readonly scales = new Map<string, number[]>();
  private readonly indicators = new Map(INDICATORS.map((i) => [i.code, i]));
  private readonly unitsByLevel: Record<UnitLevel, Unit[]>;
  /** Commune-months with no report at all. */
  private readonly missing = new Set<string>();

  constructor(
    private readonly seed: number,
    private readonly calendar: Calendar,
    private readonly units: Unit[],
  ) {
    this.unitsByLevel = {
      province: units.filter((u) => u.level === 'province'),
      district: units.filter((u) => u.level === 'district'),
      commune: units.filter((u) => u.level === 'commune'),
    };
    const random = this.random('gaps');
    const communes = this.unitsByLevel.commune;
    const months = calendar.periods('month');
    for (const commune of communes) {
      for (const month of months)
        if (random.next() < 0.005) this.missing.add(`${commune.code}|${month.code}`);
    }
    // Two communes stop reporting for three months in a row.
    for (let k = 0; k < 2; k++) {
      const commune = communes[Math.floor(random.next() * communes.length)]?.code;
      const start = Math.floor(random.next() * Math.max(0, months.length - 3));
      for (const month of months.slice(start, start + 3)) this.missing.add(`${commune}|${month.code}`);
    }
  }

  private random(purpose: string): Random {
    return randomFor(this.seed, purpose);
  }

  private indicator(code: string): IndicatorInput {
    const indicator = this.indicators.get(code);
    if (!indicator) throw new Error(`Unknown indicator ${code}`);
    return indicator;
  }

  private model(code: string): Model {
    const model = MODELS[code];
    if (!model) throw new Error(`No demo model for indicator ${code}`);
    return model;
  }

  private levelOf(code: string): UnitLevel {
    const level = INDICATOR_LEVEL[code];
    if (!level) throw new Error(`Indicator ${code} has no observation level`);
    return level;
  }

  private unitsAt(code: string): Unit[] {
    return this.unitsByLevel[this.levelOf(code)];
  }

  /** Units at a level and above, for targets. */
  private unitsFrom(level: UnitLevel): Unit[] {
    return this.units.filter((u) => LEVEL_RANK[u.level] >= LEVEL_RANK[level]);
  }

  /**
   * Day-by-day profile of a model: season × Tết × weekday × trend, scaled so that the
   * seasonal part averages 1 over the first year.
   */
  private profile(code: string, shape: Shape): Float64Array {
    const cached = this.profiles.get(code);
    if (cached) return cached;
    const days = this.calendar.days;
    const shapeOf = (d: Day): number =>
      (shape.season ? seasonAt(SEASONS[shape.season], d.position) : 1) *
      (d.isTet ? (shape.tet ?? 1) : 1) *
      (shape.workdays ? (d.weekday <= 5 ? 1 : d.weekday === 6 ? 0.2 : 0.05) : 1);
    const firstYear = this.calendar.yearRange(this.calendar.day(0).year);
    let norm = 0;
    for (let i = firstYear.start; i <= firstYear.end; i++) norm += shapeOf(this.calendar.day(i));
    norm /= firstYear.end - firstYear.start + 1;
    const baseDay = dayNumber(`${BASE_YEAR}-01-01`) - this.calendar.first;
    const profile = Float64Array.from(days, (d, i) => {
      const trend = shape.years
        ? forYear(shape.years, d.year)
        : (1 + (shape.growth ?? 0)) ** ((i - baseDay) / 365.25);
      return (shapeOf(d) / norm) * trend;
    });
    this.profiles.set(code, profile);
    return profile;
  }

  /** Expected value of a unit in a period, before performance and noise. */
  private expected(code: string, unitIndex: number, period: Period): number {
    const model = this.model(code);
    if (model.kind !== 'flow' && model.kind !== 'stock') throw new Error(`${code} has no expected value`);
    const scale = this.scale(code, model.weight)[unitIndex] ?? 0;
    const profile = this.profile(code, model);
    if (model.kind === 'stock') return model.total * scale * (profile[period.end] ?? 0);
    let sum = 0;
    for (let i = period.start; i <= period.end; i++) sum += profile[i] ?? 0;
    return (model.annual * scale * sum) / 365;
  }

  /** Each unit's share of the total; for indicators averaged over units (rainfall, AQI),
   * its size relative to the average unit instead. */
  private scale(code: string, weight: Weight | undefined): number[] {
    const cached = this.scales.get(code);
    if (cached) return cached;
    const units = this.unitsAt(code);
    const unitShares = shares(units, weight);
    const scale =
      this.indicator(code).aggregation === 'sum' ? unitShares : unitShares.map((s) => s * units.length);
    this.scales.set(code, scale);
    return scale;
  }

  /** The annual plan of a flow or stock for a unit: the expected value × plan. */
  private plan(code: string, unitIndex: number, year: number): number {
    const model = this.model(code);
    const factor = 'plan' in model ? (model.plan ?? 1) : 1;
    return round(
      this.expected(code, unitIndex, this.calendar.yearRange(year)) * factor,
      this.indicator(code).decimals,
    );
  }

  seriesOf(code: string): Series {
    const cached = this.series.get(code);
    if (cached) return cached;
    const indicator = this.indicator(code);
    const model = this.model(code);
    const units = this.unitsAt(code);
    const periods = this.calendar.periods(indicator.periodType);
    const random = this.random(code);
    const lowerBetter = indicator.direction === 'lower_better';
    const perf = performance(random, units, 'perf' in model ? (model.perf ?? 0) : 0, lowerBetter);
    const decimals = indicator.decimals;
    let values: number[][];

    if (model.kind === 'flow') {
      const cv = model.cv ?? 0.1;
      values = units.map((unit, u) =>
        periods.map((period) => {
          if (this.isMissing(unit, indicator.periodType, period, random)) return NaN;
          const mean = this.expected(code, u, period) * (perf[u] ?? 1) * random.lognormal(cv);
          return decimals === 0 ? random.poisson(mean) : round(mean, decimals);
        }),
      );
    } else if (model.kind === 'stock') {
      const cv = model.cv ?? 0.01;
      values = units.map((_, u) =>
        periods.map((period) =>
          round(this.expected(code, u, period) * (perf[u] ?? 1) * random.lognormal(cv), decimals),
        ),
      );
    } else if (model.kind === 'part') {
      const parent = this.seriesOf(model.of);
      this.checkSameShape(code, model.of);
      const cv = model.cv ?? 0.03;
      values = units.map((_, u) =>
        periods.map((period, p) => {
          const whole = parent.values[u]?.[p] ?? NaN;
          if (Number.isNaN(whole)) return NaN;
          const fraction = Math.min(
            1,
            this.shareAt(model.share, period) * (perf[u] ?? 1) * random.lognormal(cv),
          );
          return decimals === 0 ? random.binomial(whole, fraction) : round(whole * fraction, decimals);
        }),
      );
    } else if (model.kind === 'plan') {
      this.checkSameShape(code, model.of);
      values = units.map((_, u) =>
        periods.map((period) => this.plan(model.of, u, this.calendar.day(period.start).year)),
      );
    } else {
      const profile = this.profile(code, model);
      const factors = this.scale(code, model.weight);
      const cv = model.cv ?? 0.05;
      values = units.map((_, u) =>
        periods.map((period) => {
          if (model.months && !model.months.includes(this.calendar.day(period.start).month)) return NaN;
          let sum = 0;
          for (let i = period.start; i <= period.end; i++) sum += profile[i] ?? 0;
          const mean =
            (sum / (period.end - period.start + 1)) * model.mean * (factors[u] ?? 1) * (perf[u] ?? 1);
          return round(Math.min(model.max ?? Infinity, mean * random.lognormal(cv)), decimals);
        }),
      );
    }
    const series = { units, periods, values };
    this.series.set(code, series);
    return series;
  }

  private checkSameShape(code: string, of: string): void {
    if (
      this.levelOf(code) !== this.levelOf(of) ||
      this.indicator(code).periodType !== this.indicator(of).periodType
    ) {
      throw new Error(`${code} and ${of} differ in level or period type`);
    }
  }

  private shareAt(share: number | readonly [number, number], period: Period): number {
    if (typeof share === 'number') return share;
    const start = dayNumber(`${BASE_YEAR}-01-01`) - this.calendar.first;
    const progress = ((period.start + period.end) / 2 - start) / (SHARE_YEARS * 365.25);
    return share[0] + (share[1] - share[0]) * Math.min(1, Math.max(0, progress));
  }

  /** Gaps in monthly reports: whole commune-months, and now and then a district's report. */
  private isMissing(unit: Unit, type: PeriodType, period: Period, random: Random): boolean {
    if (type !== 'month') return false;
    if (unit.level === 'commune') return this.missing.has(`${unit.code}|${period.code}`);
    return unit.level === 'district' && random.next() < 0.004;
  }

  targets(code: string): TargetInput[] {
    const indicator = this.indicator(code);
    const years = this.calendar.years;
    if (indicator.formula) {
      const setting = DERIVED_TARGETS[code];
      if (setting === undefined) return [];
      // Targets where every input exists: at the coarsest input level and above.
      const level = (indicator.formula.match(/[A-Z][A-Z0-9_]+/g) ?? [])
        .map((ref) => this.levelOf(ref))
        .reduce<UnitLevel>((a, b) => (LEVEL_RANK[b] > LEVEL_RANK[a] ? b : a), 'commune');
      return this.constantTargets(code, level, years, { value: setting });
    }
    const model = this.model(code);
    if (model.kind === 'rate') {
      const level = this.levelOf(code);
      if (model.band)
        return this.constantTargets(code, level, years, { low: model.band[0], high: model.band[1] });
      return model.target === undefined
        ? []
        : this.constantTargets(code, level, years, { value: model.target });
    }
    if ((model.kind !== 'flow' && model.kind !== 'stock') || model.plan === undefined) return [];
    // Plans of summed indicators add up from the observation level to the province.
    const units = this.unitsAt(code);
    return years.flatMap((year) => {
      const totals = new Map<Unit, number>();
      units.forEach((unit, u) => {
        const value = this.plan(code, u, year);
        for (let a: Unit | null = unit; a; a = a.parent) totals.set(a, (totals.get(a) ?? 0) + value);
      });
      return [...totals].map(([unit, value]) => ({
        indicatorCode: code,
        unitCode: unit.code,
        period: String(year),
        value: round(value, indicator.decimals),
      }));
    });
  }

  private constantTargets(
    code: string,
    level: UnitLevel,
    years: number[],
    target: { value?: number | readonly number[]; low?: number; high?: number },
  ): TargetInput[] {
    return years.flatMap((year) =>
      this.unitsFrom(level).map((unit) => ({
        indicatorCode: code,
        unitCode: unit.code,
        period: String(year),
        ...(target.value === undefined
          ? { low: target.low, high: target.high }
          : { value: forYear(target.value, year) }),
      })),
    );
  }
}

/**
 * Generates the demo observations (raw indicators only: the server derives formulas and
 * roll-ups) and the annual targets. Only whole periods within [from, to] are produced; `to`
 * may not pass the end of the demo units (2025-06-30).
 */
export function generateDemo(options: { seed?: number; from?: string; to?: string } = {}): DemoData {
  const { seed = 1, from = '2022-01-01', to = DEMO_VALID_TO } = options;
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (!date.test(from) || !date.test(to) || from > to) {
    throw new RangeError(`Khoảng ngày không hợp lệ / invalid date range: ${from}..${to}`);
  }
  if (to > DEMO_VALID_TO) {
    throw new RangeError(
      `Các đơn vị minh họa kết thúc ngày ${DEMO_VALID_TO} / demo units end on ${DEMO_VALID_TO}`,
    );
  }
  const demo = new Generator(seed, new Calendar(from, to), buildUnits(randomFor(seed, 'units')));

  const observations: DemoObservation[] = [];
  const targets: TargetInput[] = [];
  const fromDossiers = new Set(DOSSIER_RECORD_INDICATORS);
  for (const indicator of INDICATORS) {
    // Budget and investment figures are computed from their demo records (see finance-demo.ts).
    if (FROM_RECORDS.has(indicator.code)) continue;
    if (!fromDossiers.has(indicator.code) || MODELS[indicator.code])
      targets.push(...demo.targets(indicator.code));
    // Dossier figures are counted from the demo dossier records (demo/dossiers.ts), the 1022
    // figures from the demo's reports (seed-demo-cases), not drawn here.
    if (indicator.formula || fromDossiers.has(indicator.code) || CASE_INDICATORS.includes(indicator.code))
      continue;
    const series = demo.seriesOf(indicator.code);
    series.units.forEach((unit, u) =>
      series.periods.forEach((period, p) => {
        const value = series.values[u]?.[p];
        if (value !== undefined && !Number.isNaN(value)) {
          observations.push({
            indicatorCode: indicator.code,
            unitCode: unit.code,
            period: period.code,
            value,
          });
        }
      }),
    );
  }
  return { observations, targets };
}
