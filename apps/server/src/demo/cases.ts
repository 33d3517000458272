/**
 * Synthetic citizen reports (1022) for the demo province (see DEMO_NOTICE): about 8,000 a year,
 * more roads and flooding reports in the rainy season (May–October), a channel mix led by the
 * phone, some agencies persistently late, ratings that drop when an answer is late, and a share
 * of answers published. Deterministic for a given seed; people and numbers are invented.
 */
import { formatCaseCode } from '@ioc/shared';
import { DEMO_UNITS, DEMO_VALID_TO, DISTRICT_CENTROIDS } from './units.js';

export interface DemoCase {
  code: string;
  channel: string;
  status: 'forwarded' | 'in_progress' | 'answered' | 'closed' | 'merged';
  categoryCode: string;
  title: string;
  description: string;
  unitCode: string;
  lon: number;
  lat: number;
  reporterName: string;
  reporterPhone: string;
  isConfidential: boolean;
  organisationCode: string;
  receivedAt: Date;
  forwardedAt: Date;
  dueAt: Date;
  answeredAt: Date | null;
  closedAt: Date | null;
  answer: string | null;
  isLate: boolean | null;
  rating: number | null;
  ratedAt: Date | null;
  isPublished: boolean;
  mergedIntoCode: string | null;
}

const PER_YEAR = 8_000;
const HOUR = 3600_000;
/** Deadlines of the seeded categories (hours), as in migration 0008. */
const DEADLINES: Record<string, number> = {
  roads: 240,
  lighting: 120,
  water: 120,
  waste: 72,
  environment: 240,
  land: 360,
  public_services: 240,
  security: 72,
};
/** Departments for province-wide matters; the others go to the district's people's committee. */
const DEPARTMENT: Record<string, string> = {
  roads: 'SO_GTVT',
  water: 'SO_XD',
  environment: 'SO_TNMT',
  public_services: 'VP_UBND',
  security: 'CA_TINH',
};
/** Share of each category by month (January … December): roads and water rise with the rains. */
const CATEGORY_SEASONS: Record<string, readonly number[]> = {
  roads: [0.8, 0.8, 0.8, 0.9, 1.3, 1.6, 1.7, 1.8, 1.8, 1.5, 1.0, 0.9],
  water: [0.8, 0.9, 1.1, 1.0, 1.2, 1.5, 1.7, 1.9, 1.8, 1.4, 0.8, 0.7],
  lighting: Array(12).fill(0.8),
  waste: [1.4, 1.2, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.2],
  environment: [1.0, 1.2, 1.3, 1.2, 0.8, 0.6, 0.6, 0.6, 0.6, 0.7, 0.8, 0.9],
  land: Array(12).fill(0.7),
  public_services: Array(12).fill(0.9),
  security: Array(12).fill(0.5),
};
const CHANNELS: [string, number][] = [
  ['phone', 40],
  ['web', 18],
  ['app', 12],
  ['zalo', 16],
  ['facebook', 6],
  ['email', 5],
  ['chatbot', 3],
];
/** Agencies that are often late (share of late answers); the rest are late 6 % of the time. */
const LATE_SHARE: Record<string, number> = { UBND_691: 0.38, SO_XD: 0.27, UBND_696: 0.22, SO_TNMT: 0.18 };
/** Relative number of reports per district (population and urbanisation). */
const DISTRICT_WEIGHT: Record<string, number> = {
  '688': 6,
  '689': 16,
  '690': 6,
  '691': 6,
  '692': 9,
  '693': 4,
  '694': 8,
  '695': 8,
  '696': 10,
  '697': 11,
  '698': 7,
};

const TEMPLATES: Record<string, { title: string; text: string; answer: string }[]> = {
  roads: [
    {
      title: 'Ổ gà trên đường',
      text: 'Đoạn đường {place} có nhiều ổ gà lớn, trời mưa đọng nước, xe máy dễ té ngã.',
      answer: 'Đơn vị quản lý đường đã vá ổ gà, thảm lại mặt đường đoạn {place}.',
    },
    {
      title: 'Sụt lún mặt đường',
      text: 'Mặt đường {place} bị sụt lún sau mưa lớn, đề nghị khắc phục sớm.',
      answer: 'Đã rào chắn, cắm biển cảnh báo và sửa chữa xong đoạn sụt lún tại {place}.',
    },
  ],
  water: [
    {
      title: 'Ngập nước khi mưa',
      text: 'Mỗi khi mưa lớn khu vực {place} ngập sâu, cống thoát nước bị nghẹt.',
      answer: 'Đã nạo vét cống thoát nước khu vực {place}; sẽ bổ sung tuyến cống trong kế hoạch năm sau.',
    },
    {
      title: 'Mất nước sinh hoạt',
      text: 'Khu dân cư {place} bị mất nước sinh hoạt nhiều ngày liền.',
      answer: 'Công ty cấp nước đã sửa đường ống bị vỡ, nước đã được cấp lại bình thường tại {place}.',
    },
  ],
  lighting: [
    {
      title: 'Đèn đường không sáng',
      text: 'Nhiều trụ đèn đường tại {place} không sáng, ban đêm rất tối.',
      answer: 'Đã thay bóng đèn và sửa tủ điện chiếu sáng tại {place}.',
    },
  ],
  waste: [
    {
      title: 'Rác thải không được thu gom',
      text: 'Rác thải tại {place} không được thu gom nhiều ngày, bốc mùi hôi thối.',
      answer: 'Đơn vị thu gom đã dọn sạch điểm rác tại {place} và tăng tần suất thu gom.',
    },
  ],
  environment: [
    {
      title: 'Khói bụi từ cơ sở sản xuất',
      text: 'Cơ sở sản xuất gần {place} xả khói bụi, gây ô nhiễm cho người dân.',
      answer: 'Đoàn kiểm tra đã lập biên bản, yêu cầu cơ sở khắc phục hệ thống xử lý khí thải.',
    },
  ],
  land: [
    {
      title: 'Lấn chiếm đất công',
      text: 'Có hộ dân lấn chiếm đất hành lang đường tại {place} để xây dựng.',
      answer: 'UBND đã kiểm tra, lập biên bản và buộc tháo dỡ công trình lấn chiếm tại {place}.',
    },
  ],
  public_services: [
    {
      title: 'Hồ sơ trễ hẹn',
      text: 'Hồ sơ thủ tục hành chính nộp tại bộ phận một cửa đã quá hẹn nhưng chưa có kết quả.',
      answer: 'Hồ sơ đã được giải quyết, đơn vị đã gửi thư xin lỗi người dân vì trễ hẹn.',
    },
  ],
  security: [
    {
      title: 'Tụ tập gây mất trật tự',
      text: 'Nhóm thanh niên thường tụ tập đua xe, gây mất trật tự vào ban đêm tại {place}.',
      answer: 'Công an đã tăng cường tuần tra, xử lý các trường hợp vi phạm tại {place}.',
    },
  ],
};
const PLACES = [
  'đường Phú Riềng Đỏ',
  'quốc lộ 14',
  'đường ĐT741',
  'chợ trung tâm',
  'khu phố 3',
  'ấp 2',
  'đường Hùng Vương',
  'đường Lê Duẩn',
  'khu dân cư mới',
  'trường tiểu học',
];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Huỳnh'];
const GIVEN = [
  'Văn An',
  'Thị Bình',
  'Minh Châu',
  'Văn Dũng',
  'Thị Hoa',
  'Quốc Huy',
  'Thị Lan',
  'Văn Nam',
  'Thị Thu',
  'Văn Tùng',
];

/** mulberry32: small, fast, deterministic. */
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

function pick<T>(rnd: () => number, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let r = rnd() * total;
  for (const [value, w] of weighted) {
    r -= w;
    if (r <= 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

/** The demo's reports from `from` to the end of the demo units (local days, UTC+7). */
export function generateDemoCases(options: { seed?: number; from?: string; to?: string } = {}): DemoCase[] {
  const { seed = 7, from = '2022-01-01', to = DEMO_VALID_TO } = options;
  const rnd = random(seed);
  const end = new Date(`${to}T23:59:59+07:00`);
  const communesOf = new Map<string, string[]>();
  for (const u of DEMO_UNITS)
    if (u.level === 'commune' && u.parentCode)
      communesOf.set(u.parentCode, [...(communesOf.get(u.parentCode) ?? []), u.code]);
  const districts = Object.entries(DISTRICT_WEIGHT);
  const cases: DemoCase[] = [];
  const sequence = new Map<number, number>();
  for (let day = new Date(`${from}T00:00:00+07:00`); day <= end; day = new Date(day.getTime() + 24 * HOUR)) {
    const local = new Date(day.getTime() + 7 * HOUR);
    const month = local.getUTCMonth();
    const year = local.getUTCFullYear();
    const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6;
    const growth = 1 + 0.1 * (year - 2022);
    const categories = Object.entries(CATEGORY_SEASONS).map(([c, s]) => [c, s[month] ?? 1] as const);
    const dayTotal = categories.reduce((s, [, w]) => s + w, 0) / categories.length;
    const expected = (PER_YEAR / 365) * growth * dayTotal * (weekend ? 0.6 : 1.15);
    const n = Math.max(0, Math.round(expected + (rnd() - 0.5) * 2 * Math.sqrt(expected)));
    for (let i = 0; i < n; i += 1) {
      const receivedAt = new Date(day.getTime() + (6 + rnd() * 15) * HOUR);
      const category = pick(rnd, categories);
      const district = pick(rnd, districts);
      const communes = communesOf.get(district) ?? [district];
      const unitCode = communes[Math.floor(rnd() * communes.length)] ?? district;
      const centre = DISTRICT_CENTROIDS[district] ?? [106.9, 11.75];
      const template = TEMPLATES[category]![Math.floor(rnd() * TEMPLATES[category]!.length)]!;
      const place = PLACES[Math.floor(rnd() * PLACES.length)]!;
      const organisationCode = DEPARTMENT[category] ?? `UBND_${district}`;
      const dueAt = new Date(receivedAt.getTime() + (2 * HOUR + DEADLINES[category]! * HOUR));
      const isLate = rnd() < (LATE_SHARE[organisationCode] ?? 0.06);
      const deadline = DEADLINES[category]! * HOUR;
      const answeredAt = new Date(
        receivedAt.getTime() + (isLate ? deadline * (1.05 + rnd() * 0.8) : deadline * (0.15 + rnd() * 0.8)),
      );
      const closedAt = new Date(answeredAt.getTime() + (2 + rnd() * 30) * HOUR);
      const seq = (sequence.get(year) ?? 0) + 1;
      sequence.set(year, seq);
      const base: DemoCase = {
        code: formatCaseCode(year, seq),
        channel: pick(rnd, CHANNELS),
        status: 'closed',
        categoryCode: category,
        title: `${template.title} tại ${place}`,
        description: template.text.replace('{place}', place),
        unitCode,
        lon: centre[0] + (rnd() - 0.5) * 0.12,
        lat: centre[1] + (rnd() - 0.5) * 0.12,
        reporterName: `${FAMILY[Math.floor(rnd() * FAMILY.length)]} ${GIVEN[Math.floor(rnd() * GIVEN.length)]}`,
        reporterPhone: `09${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
        isConfidential: rnd() < 0.05,
        organisationCode,
        receivedAt,
        forwardedAt: new Date(receivedAt.getTime() + 2 * HOUR),
        dueAt,
        answeredAt,
        closedAt,
        answer: template.answer.replace('{place}', place),
        isLate,
        rating: null,
        ratedAt: null,
        isPublished: false,
        mergedIntoCode: null,
      };
      if (closedAt > end) {
        // Still in the workflow at the end of the demo period.
        const status = answeredAt > end ? (rnd() < 0.3 ? 'forwarded' : 'in_progress') : 'answered';
        Object.assign(base, {
          status,
          closedAt: null,
          ...(status === 'answered' ? {} : { answeredAt: null, answer: null, isLate: null }),
        });
      } else if (rnd() < 0.42) {
        base.rating = isLate
          ? pick(rnd, [
              [1, 2],
              [2, 3],
              [3, 3],
              [4, 2],
              [5, 1],
            ] as const)
          : pick(rnd, [
              [2, 1],
              [3, 2],
              [4, 5],
              [5, 8],
            ] as const);
        base.ratedAt = new Date(closedAt.getTime() + (1 + rnd() * 48) * HOUR);
        if (base.ratedAt > end) Object.assign(base, { rating: null, ratedAt: null });
      }
      if (base.status === 'closed' && rnd() < 0.15) base.isPublished = true;
      // A few reports repeat an earlier open one of the same category nearby: merged into it.
      const previous = cases[cases.length - 1 - Math.floor(rnd() * 5)];
      if (previous && rnd() < 0.02 && previous.categoryCode === category && previous.status !== 'merged') {
        Object.assign(base, {
          status: 'merged',
          mergedIntoCode: previous.code,
          unitCode: previous.unitCode,
          lon: previous.lon + 0.0005,
          lat: previous.lat,
          answeredAt: null,
          closedAt: null,
          answer: null,
          isLate: null,
          rating: null,
          ratedAt: null,
          isPublished: false,
        });
      }
      cases.push(base);
    }
  }
  return cases;
}
