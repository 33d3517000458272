/**
 * Synthetic budget and public-investment records for the demo province (see DEMO_NOTICE):
 * revenue of about 12–15 thousand billion đồng a year (land-use fees a large, lumpy share, tax
 * payments around the 20th, a year-end peak), spending with its year-end rush, and about 350
 * investment projects whose disbursement starts slowly and rushes at the year end, some
 * investors chronically behind. Rows are in the shape of the intake API. Deterministic.
 */
import type { OrganisationInput } from '@ioc/shared';
import { profileValue, randomFor, SEASONS, TET, type Random } from './generate.js';
import { DEMO_UNITS, DEMO_VALID_TO, PROVINCE_CODE } from './units.js';

const BILLION = 1e9;
const MILLION = 1e6;
const FIRST_YEAR = 2022;

export interface FinanceDemo {
  organisations: OrganisationInput[];
  budgetEstimates: Record<string, unknown>[];
  budgetRecords: Record<string, unknown>[];
  projects: Record<string, unknown>[];
  plans: Record<string, unknown>[];
  /** Mid-year plan revisions (điều chỉnh kế hoạch vốn), sent after the first plans. */
  planRevisions: Record<string, unknown>[];
  disbursements: Record<string, unknown>[];
}

/** Investors (chủ đầu tư) and the customs office, besides the catalogue's organisations. */
const EXTRA_ORGANISATIONS: OrganisationInput[] = [
  [
    'BQLDA_DTXD',
    'Ban Quản lý dự án đầu tư xây dựng tỉnh',
    'Provincial Construction Project Management Board',
  ],
  [
    'BQLDA_GT',
    'Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh',
    'Provincial Transport Project Management Board',
  ],
  [
    'BQLDA_NN',
    'Ban Quản lý dự án đầu tư xây dựng các công trình nông nghiệp và phát triển nông thôn tỉnh',
    'Provincial Agriculture Project Management Board',
  ],
  ['BCHQS', 'Bộ Chỉ huy Quân sự tỉnh', 'Provincial Military Command'],
  ['HQ_HOA_LU', 'Chi cục Hải quan cửa khẩu quốc tế Hoa Lư', 'Hoa Lu International Border Gate Customs'],
].map(([code, nameVi, nameEn]) => ({
  code: code!,
  nameVi: nameVi!,
  nameEn: nameEn!,
  kind: 'agency' as const,
  unitCode: PROVINCE_CODE,
}));

const DISTRICTS = DEMO_UNITS.filter((u) => u.level === 'district');
const COMMUNES = new Map(
  DISTRICTS.map((d) => [d.code, DEMO_UNITS.filter((u) => u.parentCode === d.code)] as const),
);

/** Weights of the districts for an activity, summing to 1. */
function weights(key: 'revenue' | 'industry' | 'pop' | 'urban'): Map<string, number> {
  const raw = DISTRICTS.map(
    (d) => [d.code, profileValue(d.code, key) + (key === 'urban' ? 0.05 : 0)] as const,
  );
  const sum = raw.reduce((s, [, v]) => s + v, 0);
  return new Map(raw.map(([code, v]) => [code, v / sum]));
}

// ---------------------------------------------------------------------------------------------
// Calendar

function daysOfMonth(year: number, month: number): string[] {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Array.from(
    { length: last },
    (_, i) => `${year}-${String(month).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`,
  );
}

const TET_DAYS = new Set(
  TET.flatMap((day) => {
    const t = Date.parse(`${day}T00:00:00Z`);
    return Array.from({ length: 7 }, (_, i) => new Date(t + (i - 2) * 86_400_000).toISOString().slice(0, 10));
  }),
);

/** Working days of a month inside [from, to]: the State Treasury is closed at weekends and Tết. */
function workdays(year: number, month: number, from: string, to: string): string[] {
  return daysOfMonth(year, month).filter((d) => {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !TET_DAYS.has(d) && d >= from && d <= to;
  });
}

function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random.next() * list.length)]!;
}

/** Splits `amount` into `n` random parts (rounded to 1 000 đồng), summing to it. */
function split(random: Random, amount: number, n: number): number[] {
  const parts = Array.from({ length: n }, () => random.lognormal(0.6));
  const sum = parts.reduce((a, b) => a + b, 0);
  const rounded = parts.map((p) => Math.round((amount * p) / sum / 1000) * 1000);
  return rounded;
}

// ---------------------------------------------------------------------------------------------
// Budget

interface RevenueItem {
  code: string;
  /** Share of the province's revenue in 2022. */
  share: number;
  /** Where the records are booked: the district, a commune in it, or the province itself. */
  level: 'district' | 'commune' | 'province';
  organisation: (district: string) => string;
  perMonth: number;
  weight: 'revenue' | 'industry' | 'urban';
  /** Company taxes are paid by the 20th of the month. */
  deadline?: boolean;
  /** Spread of each district's yearly result (land-use fees are lumpy). */
  cv?: number;
  /** Multipliers for 2022, 2023, … (the property slump of 2023 hit land-use fees). */
  years?: readonly number[];
}

const TAX = () => 'CUC_THUE';
const DISTRICT_PC = (district: string) => `UBND_${district}`;

const REVENUE: RevenueItem[] = [
  {
    code: 'THU_DNNN',
    share: 0.05,
    level: 'district',
    organisation: TAX,
    perMonth: 2,
    weight: 'revenue',
    deadline: true,
  },
  {
    code: 'THU_FDI',
    share: 0.09,
    level: 'district',
    organisation: TAX,
    perMonth: 3,
    weight: 'industry',
    deadline: true,
  },
  {
    code: 'THU_CTN_NQD',
    share: 0.19,
    level: 'district',
    organisation: TAX,
    perMonth: 8,
    weight: 'revenue',
    deadline: true,
  },
  { code: 'THUE_TNCN', share: 0.07, level: 'commune', organisation: TAX, perMonth: 6, weight: 'urban' },
  {
    code: 'LE_PHI_TRUOC_BA',
    share: 0.045,
    level: 'commune',
    organisation: TAX,
    perMonth: 7,
    weight: 'urban',
  },
  {
    code: 'THUE_BVMT',
    share: 0.04,
    level: 'district',
    organisation: TAX,
    perMonth: 2,
    weight: 'industry',
    deadline: true,
  },
  {
    code: 'PHI_LE_PHI',
    share: 0.02,
    level: 'commune',
    organisation: DISTRICT_PC,
    perMonth: 5,
    weight: 'urban',
  },
  {
    code: 'TIEN_SDD',
    share: 0.32,
    level: 'district',
    organisation: TAX,
    perMonth: 3,
    weight: 'urban',
    cv: 0.3,
    years: [1, 0.68, 0.85, 0.95],
  },
  {
    code: 'TIEN_THUE_DAT',
    share: 0.05,
    level: 'district',
    organisation: TAX,
    perMonth: 1,
    weight: 'industry',
  },
  { code: 'XO_SO', share: 0.08, level: 'province', organisation: TAX, perMonth: 4, weight: 'revenue' },
  {
    code: 'THU_KHAC',
    share: 0.015,
    level: 'commune',
    organisation: DISTRICT_PC,
    perMonth: 3,
    weight: 'revenue',
  },
  {
    code: 'THU_XNK',
    share: 0.025,
    level: 'province',
    organisation: () => 'HQ_HOA_LU',
    perMonth: 8,
    weight: 'revenue',
  },
];
const REVENUE_2022 = 12_600 * BILLION;
const REVENUE_GROWTH = 0.045;

/** Spending items with the provincial department that spends them. */
const SPENDING: Array<{ code: string; share: number; department: string; perMonth: number }> = [
  { code: 'CHI_DTPT', share: 0.37, department: 'SO_KHDT', perMonth: 6 },
  { code: 'CHI_GD', share: 0.21, department: 'SO_GDDT', perMonth: 4 },
  { code: 'CHI_YT', share: 0.07, department: 'SO_YT', perMonth: 2 },
  { code: 'CHI_QP_AN', share: 0.03, department: 'CA_TINH', perMonth: 1 },
  { code: 'CHI_SNKT', share: 0.09, department: 'SO_NNPTNT', perMonth: 3 },
  { code: 'CHI_QLHC', share: 0.12, department: 'VP_UBND', perMonth: 4 },
  { code: 'CHI_VHTT', share: 0.02, department: 'SO_VHTTDL', perMonth: 1 },
  { code: 'CHI_DBXH', share: 0.05, department: 'SO_LDTBXH', perMonth: 2 },
  { code: 'CHI_MT', share: 0.03, department: 'SO_TNMT', perMonth: 1 },
  { code: 'CHI_DU_PHONG', share: 0.01, department: 'SO_TC', perMonth: 0.3 },
];
const SPENDING_2022 = 14_500 * BILLION;
const SPENDING_GROWTH = 0.07;
/** Share of spending booked at the province (its departments); the rest by the districts. */
const PROVINCIAL_SHARE = 0.55;

function seasonShares(profile: readonly number[]): number[] {
  const sum = profile.reduce((a, b) => a + b, 0);
  return profile.map((v) => v / sum);
}

function generateBudget(seed: number, years: number[], from: string, to: string) {
  const estimates: Record<string, unknown>[] = [];
  const records: Record<string, unknown>[] = [];
  const revenueSeason = seasonShares(SEASONS.budget);
  const spendingSeason = seasonShares(SEASONS.spending);

  /** One line (item, organisation, unit booked) with its expected amount for a year. */
  const line = (
    kind: 'thu' | 'chi',
    item: string,
    organisation: string,
    unit: string,
    year: number,
    expected: number,
    actual: number,
    perMonth: number,
    season: number[],
    bookAt: (random: Random) => string,
    deadline: boolean,
  ) => {
    const random = randomFor(seed, `budget:${item}:${unit}:${year}`);
    estimates.push({
      year,
      kind,
      item,
      organisation,
      unit,
      amount: Math.round(expected / MILLION) * MILLION,
    });
    for (let month = 1; month <= 12; month++) {
      const days = workdays(year, month, from, to);
      if (days.length === 0) continue;
      const amount = actual * season[month - 1]! * random.lognormal(0.15);
      const n = Math.max(1, random.poisson(perMonth));
      const late = days.filter((d) => Number(d.slice(8)) >= 15 && Number(d.slice(8)) <= 22);
      split(random, amount, n).forEach((part, i) => {
        const date =
          deadline && late.length > 0 && random.next() < 0.7 ? pick(random, late) : pick(random, days);
        records.push({
          key: `${kind === 'thu' ? 'KBT' : 'KBC'}-${unit}-${item}-${year}${String(month).padStart(2, '0')}-${i + 1}`,
          kind,
          item,
          organisation,
          unit: bookAt(random),
          date,
          amount: part,
          description: null,
        });
      });
    }
  };

  const capacity = new Map(DISTRICTS.map((d) => [d.code, profileValue(d.code, 'capacity')]));
  for (const year of years) {
    const t = year - FIRST_YEAR;
    for (const item of REVENUE) {
      const yearFactor = (1 + REVENUE_GROWTH) ** t * (item.years?.[Math.min(t, item.years.length - 1)] ?? 1);
      const total = REVENUE_2022 * item.share * yearFactor;
      const bookings =
        item.level === 'province'
          ? [{ district: PROVINCE_CODE, share: 1 }]
          : [...weights(item.weight)].map(([district, share]) => ({ district, share }));
      for (const { district, share } of bookings) {
        const random = randomFor(seed, `budget-result:${item.code}:${district}:${year}`);
        const expected = total * share;
        // Revenue estimates are set cautiously; districts of weaker capacity fall short of them.
        const perf = (capacity.get(district) ?? 1) * random.lognormal(item.cv ?? 0.06);
        const communes = COMMUNES.get(district) ?? [];
        line(
          'thu',
          item.code,
          item.organisation(district),
          district,
          year,
          expected * 0.95,
          expected * perf,
          item.perMonth,
          revenueSeason,
          item.level === 'commune' ? (r) => pick(r, communes).code : () => district,
          item.deadline ?? false,
        );
      }
    }
    for (const item of SPENDING) {
      const total = SPENDING_2022 * item.share * (1 + SPENDING_GROWTH) ** t;
      const bookings = [
        { district: PROVINCE_CODE, share: PROVINCIAL_SHARE, organisation: item.department },
        ...[...weights('pop')].map(([district, share]) => ({
          district,
          share: share * (1 - PROVINCIAL_SHARE),
          organisation: DISTRICT_PC(district),
        })),
      ];
      for (const { district, share, organisation } of bookings) {
        const random = randomFor(seed, `budget-result:${item.code}:${district}:${year}`);
        const expected = total * share;
        const executed =
          expected * Math.min(1.02, 0.9 * (capacity.get(district) ?? 1.05) * random.lognormal(0.05));
        line(
          'chi',
          item.code,
          organisation,
          district,
          year,
          expected,
          executed,
          item.perMonth,
          spendingSeason,
          () => district,
          false,
        );
      }
    }
  }
  return { estimates, records };
}

// ---------------------------------------------------------------------------------------------
// Public investment

type Template = {
  kind: string;
  count: number;
  name: (ctx: {
    district: string;
    districtName: string;
    commune: string;
    commune2: string;
    n: number;
  }) => string;
  investor: (district: string) => string;
  department: string;
  group: 'A' | 'B' | 'C';
  /** Total investment (tổng mức đầu tư) range in tỷ đồng. */
  cost: [number, number];
  sources: string[];
  /** Booked at a commune of the district, or the district itself. */
  atCommune: boolean;
  years: [number, number];
};

const ROADS = [
  'ĐT.741',
  'ĐT.752',
  'ĐT.753',
  'ĐT.754',
  'ĐT.755',
  'ĐT.756',
  'ĐT.757',
  'ĐT.758',
  'ĐT.759',
  'ĐT.759B',
  'ĐT.760',
];
const SCHOOL_LEVELS = ['Trường Tiểu học', 'Trường Trung học cơ sở', 'Trường Mầm non'];

/** Per district, then for the province as a whole. */
const DISTRICT_TEMPLATES: Template[] = [
  {
    kind: 'road',
    count: 6,
    name: (c) => `Đường giao thông liên xã ${c.commune} – ${c.commune2}, ${c.districtName}`,
    investor: DISTRICT_PC,
    department: 'SO_GTVT',
    group: 'C',
    cost: [8, 40],
    sources: ['NSH', 'NST'],
    atCommune: true,
    years: [1, 2],
  },
  {
    kind: 'school',
    count: 7,
    name: (c) =>
      `${SCHOOL_LEVELS[c.n % 3]} ${c.commune.replace(/^(Xã|Phường|Thị trấn) /, '')}: xây mới phòng học và hạng mục phụ trợ`,
    investor: DISTRICT_PC,
    department: 'SO_GDDT',
    group: 'C',
    cost: [5, 25],
    sources: ['NSH', 'XSKT'],
    atCommune: true,
    years: [1, 2],
  },
  {
    kind: 'health',
    count: 4,
    name: (c) => `Trạm Y tế ${c.commune}: cải tạo, nâng cấp và mua sắm trang thiết bị`,
    investor: DISTRICT_PC,
    department: 'SO_YT',
    group: 'C',
    cost: [3, 9],
    sources: ['XSKT', 'NSH'],
    atCommune: true,
    years: [1, 1],
  },
  {
    kind: 'irrigation',
    count: 4,
    name: (c) => `Kiên cố hóa kênh mương nội đồng ${c.commune}, ${c.districtName}`,
    investor: () => 'BQLDA_NN',
    department: 'SO_NNPTNT',
    group: 'C',
    cost: [6, 30],
    sources: ['NST', 'ODA'],
    atCommune: true,
    years: [1, 3],
  },
  {
    kind: 'water',
    count: 2,
    name: (c) => `Hệ thống cấp nước sinh hoạt tập trung ${c.commune}`,
    investor: () => 'BQLDA_NN',
    department: 'SO_NNPTNT',
    group: 'C',
    cost: [10, 35],
    sources: ['NST', 'ODA'],
    atCommune: true,
    years: [2, 3],
  },
  {
    kind: 'police',
    count: 3,
    name: (c) => `Trụ sở làm việc Công an ${c.commune}`,
    investor: () => 'CA_TINH',
    department: 'SO_XD',
    group: 'C',
    cost: [4, 9],
    sources: ['NST'],
    atCommune: true,
    years: [1, 1],
  },
  {
    kind: 'culture',
    count: 3,
    name: (c) => `Nhà văn hóa – khu thể thao ${c.commune}`,
    investor: DISTRICT_PC,
    department: 'SO_VHTTDL',
    group: 'C',
    cost: [3, 10],
    sources: ['NSH', 'SDD'],
    atCommune: true,
    years: [1, 2],
  },
];

const PROVINCE_TEMPLATES: Array<Template & { district: () => string }> = [
  {
    kind: 'provincial-road',
    count: 12,
    name: (c) => `Nâng cấp, mở rộng đường ${ROADS[c.n % ROADS.length]} đoạn qua ${c.districtName}`,
    investor: () => 'BQLDA_GT',
    department: 'SO_GTVT',
    group: 'B',
    cost: [80, 420],
    sources: ['NST', 'NSTW', 'SDD'],
    atCommune: false,
    years: [2, 4],
    district: () => '',
  },
  {
    kind: 'high-school',
    count: 8,
    name: (c) =>
      `Trường THPT ${c.districtName.replace(/^(Huyện|Thị xã|Thành phố) /, '')}: xây dựng khối phòng học bộ môn`,
    investor: () => 'BQLDA_DTXD',
    department: 'SO_GDDT',
    group: 'C',
    cost: [20, 60],
    sources: ['XSKT', 'NST'],
    atCommune: false,
    years: [1, 2],
    district: () => '',
  },
  {
    kind: 'hospital',
    count: 5,
    name: (c) => `Trung tâm Y tế ${c.districtName}: xây mới khối điều trị nội trú`,
    investor: () => 'BQLDA_DTXD',
    department: 'SO_YT',
    group: 'B',
    cost: [60, 220],
    sources: ['NSTW', 'NST'],
    atCommune: false,
    years: [2, 3],
    district: () => '',
  },
  {
    kind: 'military',
    count: 4,
    name: (c) => `Ban Chỉ huy Quân sự ${c.districtName}: doanh trại và công trình phụ trợ`,
    investor: () => 'BCHQS',
    department: 'SO_XD',
    group: 'C',
    cost: [15, 45],
    sources: ['NST'],
    atCommune: false,
    years: [1, 2],
    district: () => '',
  },
];

/** Large projects of the province (their names follow real ones; every figure is synthetic). */
const LARGE_PROJECTS = [
  {
    name: 'Đường cao tốc Thành phố Hồ Chí Minh – Thủ Dầu Một – Chơn Thành (đoạn qua tỉnh Bình Phước)',
    district: '697',
    cost: 3600,
    start: '2023-06-15',
    end: '2026-12-31',
  },
  {
    name: 'Đường Đồng Phú – Bình Dương (ĐT.753B)',
    district: '695',
    cost: 1950,
    start: '2022-03-01',
    end: '2025-12-31',
  },
  {
    name: 'Đường phía Tây Quốc lộ 13 (Chơn Thành – Hoa Lư)',
    district: '692',
    cost: 1600,
    start: '2024-04-01',
    end: '2027-06-30',
  },
];

/**
 * Cumulative disbursement a project that keeps pace reaches by each month's end, in % of its year:
 * a little ahead of the province's default target path (migration 0010: 3 % by January, 40 % by
 * June, 95 % by December).
 */
const ON_PACE_PATH = [4, 9, 16, 24, 34, 46, 54, 62, 71, 80, 89, 100];

/** How well each investor keeps to its plan (1 = on plan); below 0,8 they lag year after year. */
const ON_PACE = 1.03; // most investors run a little ahead and many finish the year's plan
const INVESTOR_PACE: Record<string, number> = {
  UBND_693: 0.66,
  UBND_691: 0.74,
};

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Ngô',
  'Dương',
  'Lý',
  'Trịnh',
];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Quốc', 'Thanh', 'Hữu', 'Ngọc', 'Đức', 'Thị Thu', 'Hoàng'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Hải',
  'Hạnh',
  'Hòa',
  'Hùng',
  'Khánh',
  'Lâm',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Phúc',
  'Quang',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trung',
  'Tuấn',
  'Vân',
  'Yến',
];

function responsibleTitle(investor: string): string {
  if (investor.startsWith('UBND_')) return 'Phó Chủ tịch UBND cấp huyện';
  if (investor.startsWith('BQLDA_')) return 'Phó Giám đốc Ban Quản lý dự án';
  if (investor === 'CA_TINH') return 'Phó Giám đốc Công an tỉnh';
  return 'Phó Chỉ huy trưởng';
}

const DISTRICT_NAMES = new Map(DISTRICTS.map((d) => [d.code, d.name]));

function generateInvestment(seed: number, years: number[], from: string, to: string) {
  const random = randomFor(seed, 'investment');
  const projects: Record<string, unknown>[] = [];
  const plans: Record<string, unknown>[] = [];
  const planRevisions: Record<string, unknown>[] = [];
  const disbursements: Record<string, unknown>[] = [];
  const disbursementShares = seasonShares(SEASONS.disbursement);
  let n = 0;

  const addProject = (p: {
    name: string;
    district: string;
    unit: string;
    investor: string;
    department: string;
    group: 'A' | 'B' | 'C';
    cost: number;
    sources: string[];
    start: string;
    end: string;
  }) => {
    n += 1;
    const code = `DA-${String(n).padStart(4, '0')}`;
    const completed =
      p.end <= to
        ? new Date(Date.parse(`${p.end}T00:00:00Z`) + Math.floor(random.next() * 60) * 86_400_000)
            .toISOString()
            .slice(0, 10)
        : null;
    projects.push({
      code,
      name: p.name,
      investor: p.investor,
      department: p.department,
      unit: p.unit,
      group: p.group,
      responsible: `${pick(random, FAMILY)} ${pick(random, MIDDLE)} ${pick(random, GIVEN)}`,
      title: responsibleTitle(p.investor),
      phone: `0271 3${String(Math.floor(random.next() * 1e6)).padStart(6, '0')}`,
      start: p.start,
      end: p.end,
      completed: completed && completed <= to ? completed : null,
    });
    const startYear = Number(p.start.slice(0, 4));
    const endYear = Number(p.end.slice(0, 4));
    const active = years.filter((y) => y >= startYear && y <= endYear);
    const spanYears = endYear - startYear + 1;
    // A few projects are stuck (site clearance, design changes) in some year.
    for (const year of active) {
      const r = randomFor(seed, `project:${code}:${year}`);
      const annual = (p.cost / spanYears) * r.lognormal(0.25) * BILLION;
      const sources = p.sources.filter((_, i) => i === 0 || r.next() < 0.5);
      const shares = split(r, annual, sources.length);
      const amounts = new Map(sources.map((s, i) => [s, Math.round(shares[i]! / MILLION) * MILLION]));
      for (const [source, amount] of amounts) {
        plans.push({
          project: code,
          year,
          source,
          amount,
          decision: `Quyết định ${10 + (n % 90)}/QĐ-UBND ngày 15/12/${year - 1}`,
        });
      }
      // A mid-year revision (điều chỉnh kế hoạch vốn) for some completed years.
      const revised = year < Number(to.slice(0, 4)) && r.next() < 0.1;
      if (revised) {
        const [source, amount] = [...amounts][0]!;
        const factor = r.next() < 0.6 ? 0.75 : 1.2;
        const newAmount = Math.round((amount * factor) / MILLION) * MILLION;
        amounts.set(source, newAmount);
        planRevisions.push({
          project: code,
          year,
          source,
          amount: newAmount,
          decision: `Quyết định điều chỉnh ${100 + (n % 300)}/QĐ-UBND ngày 20/07/${year}`,
        });
      }
      const plan = [...amounts.values()].reduce((a, b) => a + b, 0);
      const pace = INVESTOR_PACE[p.investor] ?? ON_PACE;
      const stuck = r.next() < 0.06;
      const rate = Math.min(1, stuck ? 0.25 + 0.3 * r.next() : pace * r.lognormal(0.05));
      // Projects that keep pace follow the target path, a few dipping below it by chance; laggards start later and leave more for the last quarter. Months before the
      // project started (or outside the demo range) carry nothing.
      const lag = pace < 0.9 || stuck;
      const lower = p.start > from ? p.start : from;
      const days = Array.from({ length: 12 }, (_, m) => workdays(year, m + 1, lower, `${year}-12-31`));
      const profile = disbursementShares.map((s, m) =>
        days[m]!.length === 0
          ? 0
          : lag
            ? s * (m < 9 ? 0.55 : 2.2)
            : ON_PACE_PATH[m]! - (ON_PACE_PATH[m - 1] ?? 0),
      );
      const sum = profile.reduce((a, b) => a + b, 0);
      for (let month = 1; month <= 12; month++) {
        const inRange = days[month - 1]!.filter((d) => d <= to);
        if (inRange.length === 0) continue;
        const amount = (plan * rate * profile[month - 1]!) / sum;
        if (amount < MILLION) continue;
        const count = Math.max(1, r.poisson(1.2));
        split(r, amount, count).forEach((part, i) => {
          disbursements.push({
            key: `KBNN-${code}-${year}${String(month).padStart(2, '0')}-${i + 1}`,
            project: code,
            date: pick(r, inRange),
            amount: part,
            source: pick(r, sources),
          });
        });
      }
    }
  };

  const dateIn = (year: number) =>
    `${year}-${String(1 + Math.floor(random.next() * 9)).padStart(2, '0')}-${String(1 + Math.floor(random.next() * 28)).padStart(2, '0')}`;
  const endAfter = (start: string, [min, max]: [number, number]) => {
    const span = min + Math.floor(random.next() * (max - min + 1));
    return `${Number(start.slice(0, 4)) + span - 1}-12-31`;
  };
  const make = (t: Template, district: string, i: number) => {
    const communes = COMMUNES.get(district) ?? [];
    const commune = communes[i % communes.length]!;
    const commune2 = communes[(i + 3) % communes.length]!;
    const start = dateIn(2021 + Math.floor(random.next() * 5));
    addProject({
      name: t.name({
        district,
        districtName: DISTRICT_NAMES.get(district) ?? '',
        commune: commune.name,
        commune2: commune2.name,
        n: i,
      }),
      district,
      unit: t.atCommune ? commune.code : district,
      investor: t.investor(district),
      department: t.department,
      group: t.group,
      cost: t.cost[0] + random.next() * (t.cost[1] - t.cost[0]),
      sources: t.sources,
      start,
      end: endAfter(start, t.years),
    });
  };
  for (const large of LARGE_PROJECTS) {
    addProject({
      ...large,
      unit: large.district,
      investor: 'BQLDA_GT',
      department: 'SO_GTVT',
      group: 'A',
      sources: ['NSTW', 'NST', 'SDD'],
    });
  }
  for (const t of PROVINCE_TEMPLATES) {
    for (let i = 0; i < t.count; i++) make(t, DISTRICTS[(i * 7 + t.count) % DISTRICTS.length]!.code, i);
  }
  for (const district of DISTRICTS) {
    for (const t of DISTRICT_TEMPLATES) for (let i = 0; i < t.count; i++) make(t, district.code, i);
  }
  return { projects, plans, planRevisions, disbursements };
}

/** The demo records for the whole years overlapping [from, to] (days after `to` are left out). */
export function generateFinanceDemo(
  options: { seed?: number; from?: string; to?: string } = {},
): FinanceDemo {
  const { seed = 1, from = `${FIRST_YEAR}-01-01`, to = DEMO_VALID_TO } = options;
  const years: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) years.push(y);
  const budget = generateBudget(seed, years, from, to);
  return {
    organisations: EXTRA_ORGANISATIONS,
    budgetEstimates: budget.estimates,
    budgetRecords: budget.records,
    ...generateInvestment(seed, years, from, to),
  };
}
