/**
 * Demo data supply (synthetic): who supplies what for the demo province, by when, and a history
 * of arrivals — most units on time, some late now and then, a few late again and again — so the
 * completeness scoreboard has something to show.
 */
import { computeDeadline, listPeriods, type DataSetInput } from '@ioc/shared';
import { DEMO_UNITS, DEMO_VALID_TO } from './units.js';

/** The data officers and heads who supply and approve the demo data sets (invented people). */
export const SUPPLY_PEOPLE = [
  ['CBDL_VP', 'Nguyễn Thị Thu Trang', 'Chuyên viên phụ trách dữ liệu', 'Data officer', 'VP_UBND'],
  ['CBDL_CA', 'Trần Văn Lực', 'Cán bộ thống kê', 'Statistics officer', 'CA_TINH'],
  ['CBDL_KHDT', 'Lê Thị Minh Châu', 'Chuyên viên phụ trách dữ liệu', 'Data officer', 'SO_KHDT'],
  ['CBDL_YT', 'Phạm Quốc Toàn', 'Chuyên viên thống kê y tế', 'Health statistics officer', 'SO_YT'],
  ['CBDL_689', 'Đinh Thị Hoa', 'Chuyên viên Văn phòng HĐND-UBND', 'Office officer', 'UBND_689'],
  ['CT_689', 'Võ Thành Nhân', 'Chủ tịch UBND thành phố', 'Chair of the City People’s Committee', 'UBND_689'],
].map(([code, fullName, titleVi, titleEn, organisationCode]) => ({
  code: code!,
  fullName: fullName!,
  titleVi: titleVi!,
  titleEn: titleEn!,
  organisationCode: organisationCode!,
}));

const monthly = { frequency: 'month' as const, channel: 'file' as const, remindBeforeHours: 48 };
const nonNegative = (codes: string[]) =>
  codes.map((indicator) => ({ kind: 'range' as const, indicator, min: 0 }));

export const SUPPLY_DATA_SETS: DataSetInput[] = [
  {
    ...monthly,
    code: 'TTHC_THANG',
    name: 'Hồ sơ thủ tục hành chính cấp xã hằng tháng',
    nameEn: 'Monthly administrative dossiers by commune',
    organisationCode: 'VP_UBND',
    indicatorCodes: ['DVC_HS_TIEP_NHAN', 'DVC_HS_DA_XU_LY', 'DVC_HS_DUNG_HAN'],
    units: { parentCode: '70', level: 'commune' },
    deadline: { daysAfterEnd: 5, time: '17:00' },
    responsiblePersonCodes: ['CBDL_VP'],
    approverPersonCode: 'CB_VP_UBND',
    rules: [
      ...nonNegative(['DVC_HS_TIEP_NHAN', 'DVC_HS_DA_XU_LY', 'DVC_HS_DUNG_HAN']),
      { kind: 'required', indicator: 'DVC_HS_DA_XU_LY' },
      { kind: 'relation', left: 'DVC_HS_DUNG_HAN', operator: '<=', right: 'DVC_HS_DA_XU_LY' },
      { kind: 'outlier', indicator: 'DVC_HS_TIEP_NHAN', periods: 12, threshold: 3.5 },
    ],
  },
  {
    ...monthly,
    code: 'ATGT_THANG',
    name: 'Tai nạn giao thông hằng tháng',
    nameEn: 'Monthly traffic accidents',
    organisationCode: 'CA_TINH',
    indicatorCodes: ['ATGT_SO_VU', 'ATGT_SO_NGUOI_CHET', 'ATGT_SO_NGUOI_BI_THUONG'],
    units: { parentCode: '70', level: 'district' },
    deadline: { daysAfterEnd: 3, time: '17:00' },
    responsiblePersonCodes: ['CBDL_CA'],
    approverPersonCode: 'CB_CA_TINH',
    rules: nonNegative(['ATGT_SO_VU', 'ATGT_SO_NGUOI_CHET', 'ATGT_SO_NGUOI_BI_THUONG']),
  },
  {
    ...monthly,
    code: 'DN_THANG',
    name: 'Đăng ký doanh nghiệp hằng tháng',
    nameEn: 'Monthly business registrations',
    organisationCode: 'SO_KHDT',
    indicatorCodes: ['KTXH_DN_THANH_LAP', 'KTXH_DN_VON_DANG_KY', 'KTXH_DN_GIAI_THE'],
    units: { parentCode: '70', level: 'district' },
    deadline: { daysAfterEnd: 5, time: '17:00' },
    allowPartial: true,
    responsiblePersonCodes: ['CBDL_KHDT'],
    approverPersonCode: 'CB_SO_KHDT',
    rules: nonNegative(['KTXH_DN_THANH_LAP', 'KTXH_DN_VON_DANG_KY', 'KTXH_DN_GIAI_THE']),
  },
  {
    ...monthly,
    code: 'YT_THANG',
    name: 'Khám chữa bệnh hằng tháng',
    nameEn: 'Monthly medical visits',
    organisationCode: 'SO_YT',
    indicatorCodes: ['YT_LUOT_KHAM', 'YT_NOI_TRU'],
    units: { parentCode: '70', level: 'district' },
    deadline: { daysAfterEnd: 7, time: '17:00' },
    responsiblePersonCodes: ['CBDL_YT'],
    approverPersonCode: 'CB_SO_YT',
    rules: [
      ...nonNegative(['YT_LUOT_KHAM', 'YT_NOI_TRU']),
      { kind: 'relation', left: 'YT_NOI_TRU', operator: '<=', right: 'YT_LUOT_KHAM' },
    ],
  },
  {
    ...monthly,
    code: 'HOTICH_DX',
    name: 'Hộ tịch phường, xã thành phố Đồng Xoài',
    nameEn: 'Civil registration, Dong Xoai city',
    organisationCode: 'UBND_689',
    indicatorCodes: ['KTXH_KHAI_SINH', 'KTXH_KHAI_TU'],
    units: { parentCode: '689', level: 'commune' },
    deadline: { daysAfterEnd: 5, time: '17:00' },
    responsiblePersonCodes: ['CBDL_689'],
    approverPersonCode: 'CT_689',
    rules: nonNegative(['KTXH_KHAI_SINH', 'KTXH_KHAI_TU']),
  },
];

/** Units that are late again and again (a commune ward and a remote district). */
const CHRONICALLY_LATE = new Set(['25432', '693', '25195']);

/** FNV-1a of a text, mixed, as a number in [0, 1). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  // Final avalanche (MurmurHash3 fmix32): FNV alone leaves near-identical keys with close values.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 0x1_0000_0000;
}

export interface DemoReceipt {
  dataSet: string;
  unitCode: string;
  period: string;
  receivedAt: Date;
}

/**
 * When each unit's figures arrived for each demo month in [from, to]: usually one to four days
 * before the deadline, late (hours to a week) in about 6 % of cases, and about half the time for
 * the chronically late units.
 */
export function generateReceipts(from: string, to: string): DemoReceipt[] {
  const last = to < DEMO_VALID_TO ? to : DEMO_VALID_TO;
  const periods = listPeriods('month', from.slice(0, 7), last.slice(0, 7));
  const receipts: DemoReceipt[] = [];
  for (const dataSet of SUPPLY_DATA_SETS) {
    const selection = dataSet.units as { parentCode: string; level: 'district' | 'commune' };
    const units = DEMO_UNITS.filter(
      (u) =>
        u.level === selection.level &&
        (u.parentCode === selection.parentCode ||
          DEMO_UNITS.some((d) => d.code === u.parentCode && d.parentCode === selection.parentCode)),
    );
    for (const period of periods) {
      const deadline = computeDeadline(period, dataSet.deadline).getTime();
      for (const unit of units) {
        const draw = hash(`${dataSet.code}|${unit.code}|${period}`);
        const lateShare = CHRONICALLY_LATE.has(unit.code) ? 0.5 : 0.06;
        const hours =
          draw < lateShare
            ? 2 + (draw / lateShare) * 160
            : -(6 + ((draw - lateShare) / (1 - lateShare)) * 90);
        receipts.push({
          dataSet: dataSet.code,
          unitCode: unit.code,
          period,
          receivedAt: new Date(deadline + hours * 3_600_000),
        });
      }
    }
  }
  return receipts;
}
