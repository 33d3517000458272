/**
 * Budget (thu, chi ngân sách) and public investment (giải ngân vốn đầu tư công): the national
 * classification of revenue sources, spending items and capital sources, and the pure
 * computations behind every figure (windows for day/month/YTD/same period last year, shares of
 * an estimate or a plan, the province's target path, the year-end forecast).
 */

export const BUDGET_KINDS = ['revenue', 'expenditure'] as const;
export type BudgetKind = (typeof BUDGET_KINDS)[number];

export interface BudgetItem {
  code: string;
  kind: BudgetKind;
  /** The heading the item is reported under (thu nội địa, chi thường xuyên, …). */
  group: string;
  nameVi: string;
  nameEn: string;
}

export const BUDGET_GROUPS: Record<string, { nameVi: string; nameEn: string }> = {
  noi_dia: { nameVi: 'Thu nội địa', nameEn: 'Domestic revenue' },
  xnk: { nameVi: 'Thu từ hoạt động xuất nhập khẩu', nameEn: 'Revenue from imports and exports' },
  dau_tu: { nameVi: 'Chi đầu tư phát triển', nameEn: 'Development investment' },
  thuong_xuyen: { nameVi: 'Chi thường xuyên', nameEn: 'Recurrent expenditure' },
  du_phong: { nameVi: 'Dự phòng ngân sách', nameEn: 'Budget reserve' },
};

const item = (kind: BudgetKind, group: string, code: string, nameVi: string, nameEn: string): BudgetItem => ({
  code,
  kind,
  group,
  nameVi,
  nameEn,
});

/** Revenue sources and spending items as the provincial budget report lists them. */
export const BUDGET_ITEMS: readonly BudgetItem[] = [
  item('revenue', 'noi_dia', 'THU_DNNN', 'Thu từ doanh nghiệp nhà nước', 'State-owned enterprises'),
  item(
    'revenue',
    'noi_dia',
    'THU_FDI',
    'Thu từ doanh nghiệp có vốn đầu tư nước ngoài',
    'Foreign-invested enterprises',
  ),
  item(
    'revenue',
    'noi_dia',
    'THU_CTN_NQD',
    'Thu từ khu vực công thương nghiệp ngoài quốc doanh',
    'Non-state industry and commerce',
  ),
  item('revenue', 'noi_dia', 'THUE_TNCN', 'Thuế thu nhập cá nhân', 'Personal income tax'),
  item('revenue', 'noi_dia', 'LE_PHI_TRUOC_BA', 'Lệ phí trước bạ', 'Registration fee'),
  item('revenue', 'noi_dia', 'THUE_BVMT', 'Thuế bảo vệ môi trường', 'Environmental protection tax'),
  item('revenue', 'noi_dia', 'PHI_LE_PHI', 'Phí và lệ phí', 'Fees and charges'),
  item('revenue', 'noi_dia', 'TIEN_SDD', 'Thu tiền sử dụng đất', 'Land-use fees'),
  item('revenue', 'noi_dia', 'TIEN_THUE_DAT', 'Thu tiền thuê đất, thuê mặt nước', 'Land and water rents'),
  item('revenue', 'noi_dia', 'XO_SO', 'Thu từ hoạt động xổ số kiến thiết', 'Lottery'),
  item('revenue', 'noi_dia', 'THU_KHAC', 'Thu khác ngân sách', 'Other revenue'),
  item('revenue', 'xnk', 'THU_XNK', 'Thu từ hoạt động xuất nhập khẩu', 'Import and export duties'),
  item('expenditure', 'dau_tu', 'CHI_DTPT', 'Chi đầu tư phát triển', 'Development investment'),
  item(
    'expenditure',
    'thuong_xuyen',
    'CHI_GD',
    'Chi sự nghiệp giáo dục - đào tạo và dạy nghề',
    'Education and training',
  ),
  item('expenditure', 'thuong_xuyen', 'CHI_YT', 'Chi sự nghiệp y tế, dân số và gia đình', 'Health'),
  item('expenditure', 'thuong_xuyen', 'CHI_QP_AN', 'Chi quốc phòng, an ninh', 'Defence and security'),
  item('expenditure', 'thuong_xuyen', 'CHI_SNKT', 'Chi sự nghiệp kinh tế', 'Economic services'),
  item(
    'expenditure',
    'thuong_xuyen',
    'CHI_QLHC',
    'Chi quản lý hành chính, Đảng, đoàn thể',
    'Public administration',
  ),
  item(
    'expenditure',
    'thuong_xuyen',
    'CHI_VHTT',
    'Chi sự nghiệp văn hóa thông tin, thể dục thể thao',
    'Culture and sport',
  ),
  item('expenditure', 'thuong_xuyen', 'CHI_DBXH', 'Chi bảo đảm xã hội', 'Social security'),
  item('expenditure', 'thuong_xuyen', 'CHI_MT', 'Chi sự nghiệp bảo vệ môi trường', 'Environment'),
  item('expenditure', 'du_phong', 'CHI_DU_PHONG', 'Chi dự phòng ngân sách', 'Budget reserve'),
];

/** Sources of public-investment capital in a capital plan (kế hoạch vốn). */
export const CAPITAL_SOURCES: Record<string, { nameVi: string; nameEn: string }> = {
  NSTW: { nameVi: 'Ngân sách trung ương', nameEn: 'Central budget' },
  NST: { nameVi: 'Ngân sách tỉnh (vốn cân đối)', nameEn: 'Provincial budget' },
  SDD: { nameVi: 'Thu tiền sử dụng đất', nameEn: 'Land-use fees' },
  XSKT: { nameVi: 'Xổ số kiến thiết', nameEn: 'Lottery' },
  NSH: { nameVi: 'Ngân sách cấp huyện', nameEn: 'District budget' },
  ODA: { nameVi: 'Vốn ODA, vay ưu đãi nước ngoài', nameEn: 'ODA and concessional loans' },
};

export const PROJECT_GROUPS = ['A', 'B', 'C'] as const;

// ---------------------------------------------------------------------------------------------
// Dates

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** Day of the year, 1 for 1 January. */
export function dayOfYear(date: string): number {
  const year = Number(date.slice(0, 4));
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
}

/** The same calendar day a year earlier; 29 February becomes 28 February. */
export function sameDayLastYear(date: string): string {
  const year = Number(date.slice(0, 4)) - 1;
  const monthDay = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${year}-${monthDay}`;
}

/** The date ranges (inclusive) behind the figures read on `asOf`. */
export interface FigureWindows {
  day: { from: string; to: string };
  month: { from: string; to: string };
  ytd: { from: string; to: string };
  lastYearYtd: { from: string; to: string };
}

/** Executed today, month to date, year to date (lũy kế) and the same period last year (cùng kỳ). */
export function figureWindows(asOf: string): FigureWindows {
  const lastYear = sameDayLastYear(asOf);
  return {
    day: { from: asOf, to: asOf },
    month: { from: `${asOf.slice(0, 7)}-01`, to: asOf },
    ytd: { from: `${asOf.slice(0, 4)}-01-01`, to: asOf },
    lastYearYtd: { from: `${lastYear.slice(0, 4)}-01-01`, to: lastYear },
  };
}

// ---------------------------------------------------------------------------------------------
// Ratios

/** 100 × part / whole, or null when there is no whole to compare with. */
export function percentOf(part: number, whole: number | null): number | null {
  return whole === null || whole <= 0 ? null : (100 * part) / whole;
}

/** Change against the same period last year in %, or null without last year's figure. */
export function changePercent(current: number, previous: number | null): number | null {
  return previous === null || previous === 0 ? null : (100 * (current - previous)) / Math.abs(previous);
}

// ---------------------------------------------------------------------------------------------
// Target path of disbursement

/** A point of the province's target path: by this day of the year (MM-DD), at least `percent` of the plan. */
export interface TargetPoint {
  day: string;
  percent: number;
}

/**
 * The target share of the year's plan to have disbursed by `date`: linear between the path's
 * points, from 0 % at the start of the year, and flat after the last point.
 */
export function targetOnDate(path: readonly TargetPoint[], date: string): number {
  const year = date.slice(0, 4);
  const points = [...path]
    .map((p) => ({ x: dayOfYear(`${year}-${p.day}`), y: p.percent }))
    .sort((a, b) => a.x - b.x);
  const x = dayOfYear(date);
  let previous = { x: 0, y: 0 };
  for (const point of points) {
    if (x <= point.x) {
      return previous.y + ((point.y - previous.y) * (x - previous.x)) / (point.x - previous.x);
    }
    previous = point;
  }
  return previous.y;
}

// ---------------------------------------------------------------------------------------------
// Forecast of the year-end disbursement rate

export interface YearEndForecast {
  /** Central estimate of the year-end rate (% of plan): the median over past years. */
  central: number;
  /** Lowest and highest estimate over past years: the spread of the years' pace. */
  low: number;
  high: number;
  /** Past years used. */
  years: number;
}

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Year-end disbursement rate from the pace so far. Each past year says what share of its
 * year-end total had been disbursed by the same day (`pastShares`, 0–1]; dividing this year's
 * disbursement by that share gives one estimate of the year-end total per past year. The
 * central estimate is their median, the interval runs from the lowest to the highest; rates
 * are capped at 100 % (no more than the plan can be disbursed). Null without a plan or
 * without a usable past year.
 */
export function forecastYearEnd(input: {
  disbursed: number;
  plan: number;
  pastShares: readonly number[];
}): YearEndForecast | null {
  const shares = input.pastShares.filter((s) => s > 0 && s <= 1);
  if (input.plan <= 0 || shares.length === 0) return null;
  const rates = shares
    .map((share) => Math.min(100, (100 * input.disbursed) / share / input.plan))
    .sort((a, b) => a - b);
  return { central: median(rates), low: rates[0]!, high: rates[rates.length - 1]!, years: rates.length };
}
