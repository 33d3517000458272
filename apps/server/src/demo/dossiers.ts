/**
 * Synthetic dossier records (hồ sơ TTHC) for the demo province (see DEMO_NOTICE): about 50,000
 * dossiers from January 2022 to June 2025 across every commune, district and provincial
 * department, with real procedure names, working days only, a Tết lull, an online share that
 * grows year by year, a few chronically late agencies (the Department of Natural Resources and
 * Environment, Bù Đốp and Bù Gia Mập), and satisfaction ratings. Deterministic for a given seed.
 */
import { DEMO_UNITS, DEMO_VALID_TO, PROVINCE_CODE } from './units.js';
import { ORGANISATIONS } from './catalogue.js';
import { randomFor, TET, type Random } from './generate.js';

export interface DemoDossier {
  code: string;
  procedureCode: string;
  procedureName: string;
  fieldCode: string;
  fieldName: string;
  agencyCode: string;
  agencyName: string;
  unit: string;
  handler: string;
  channel: 'online' | 'direct' | 'post';
  receivedAt: string;
  dueAt: string;
  finishedAt: string | null;
  status: string;
  hasFee: boolean;
  paidOnline: boolean;
  digitised: boolean;
  publishedAt: string | null;
  steps: { kind: string; at: string; agency?: string; note?: string }[];
}

export interface DemoSatisfaction {
  agency: string;
  unit: string;
  month: string;
  ratings: number;
  satisfied: number;
}

type Level = 'commune' | 'district' | 'province';

/** [procedure code, name, field code, field name, working days, fee, department (province level)] */
type Procedure = [string, string, string, string, number, boolean, string?];

// Procedure names and fields are the real ones; the codes are illustrative.
// prettier-ignore
const PROCEDURES: Record<Level, Procedure[]> = {
  commune: [
    ['1.001193', 'Đăng ký khai sinh', 'HO_TICH', 'Hộ tịch', 1, false],
    ['1.000894', 'Đăng ký kết hôn', 'HO_TICH', 'Hộ tịch', 1, false],
    ['1.000656', 'Đăng ký khai tử', 'HO_TICH', 'Hộ tịch', 1, false],
    ['1.004837', 'Cấp bản sao trích lục hộ tịch', 'HO_TICH', 'Hộ tịch', 1, true],
    ['1.004873', 'Xác nhận tình trạng hôn nhân', 'HO_TICH', 'Hộ tịch', 3, true],
    ['2.000815', 'Chứng thực bản sao từ bản chính', 'CHUNG_THUC', 'Chứng thực', 1, true],
    ['2.001035', 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản', 'CHUNG_THUC', 'Chứng thực', 2, true],
  ],
  district: [
    ['2.000720', 'Đăng ký thành lập hộ kinh doanh', 'HO_KINH_DOANH', 'Thành lập và hoạt động của hộ kinh doanh', 3, true],
    ['1.009972', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', 'XAY_DUNG', 'Hoạt động xây dựng', 15, true],
    ['1.004227', 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'DAT_DAI', 'Đất đai', 10, true],
    ['1.003003', 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu', 'DAT_DAI', 'Đất đai', 30, true],
    ['1.001776', 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng', 'BAO_TRO_XA_HOI', 'Bảo trợ xã hội', 20, false],
  ],
  province: [
    ['2.000488', 'Cấp Phiếu lý lịch tư pháp', 'LY_LICH_TU_PHAP', 'Lý lịch tư pháp', 10, true, 'SO_TP'],
    ['2.001610', 'Đăng ký thành lập doanh nghiệp', 'DOANH_NGHIEP', 'Thành lập và hoạt động của doanh nghiệp', 3, true, 'SO_KHDT'],
    ['1.002804', 'Đổi giấy phép lái xe do ngành Giao thông vận tải cấp', 'DUONG_BO', 'Đường bộ', 5, true, 'SO_GTVT'],
    ['1.004203', 'Đăng ký đất đai lần đầu cho tổ chức', 'DAT_DAI', 'Đất đai', 20, true, 'SO_TNMT'],
    ['1.004122', 'Cấp giấy phép khai thác, sử dụng nước dưới đất', 'TAI_NGUYEN_NUOC', 'Tài nguyên nước', 30, true, 'SO_TNMT'],
    ['1.009988', 'Cấp chứng chỉ hành nghề hoạt động xây dựng', 'XAY_DUNG', 'Hoạt động xây dựng', 20, true, 'SO_XD'],
    ['1.003645', 'Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh', 'KHAM_CHUA_BENH', 'Khám bệnh, chữa bệnh', 30, true, 'SO_YT'],
    ['1.000459', 'Cấp giấy phép lao động cho người nước ngoài', 'VIEC_LAM', 'Việc làm', 5, true, 'SO_LDTBXH'],
    ['2.000633', 'Cấp giấy phép bán lẻ sản phẩm rượu', 'LUU_THONG_HANG_HOA', 'Lưu thông hàng hóa', 10, true, 'SO_CT'],
    ['1.005099', 'Cấp giấy phép tổ chức lễ hội', 'VAN_HOA', 'Văn hóa', 10, false, 'SO_VHTTDL'],
  ],
};

/** Share of the dossiers taken in at each level. */
const LEVEL_SHARE: [Level, number][] = [
  ['commune', 0.55],
  ['district', 0.3],
  ['province', 0.15],
];

/** Agencies (by code; communes by their district) that are late far more often than the rest. */
const LATE_RATE: Record<string, number> = {
  SO_TNMT: 0.24,
  UBND_693: 0.2,
  UBND_691: 0.16,
  '693': 0.09,
  '691': 0.07,
};
const BASE_LATE_RATE = 0.025;

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thanh', 'Ngọc', 'Quốc', 'Hữu', 'Thu', 'Đức', 'Kim'];
const GIVEN = [
  'An',
  'Bình',
  'Châu',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hùng',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vy',
  'Yến',
];

const DAY_MS = 86_400_000;
const ICT_MS = 7 * 3_600_000;
/** Mean dossiers per working day across the province (≈ 50,000 over the demo period). */
const PER_WORKDAY = 55;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random.next() * items.length)]!;

/** An instant at a local (UTC+7) day number and hour. */
const instant = (day: number, hour: number): number => day * DAY_MS + hour * 3_600_000 - ICT_MS;
const isWorkday = (day: number): boolean => ((day + 3) % 7) + 1 <= 5;

/** The instant `workdays` working days after `day`, at 17:00 local time. */
function addWorkdays(day: number, workdays: number): number {
  let d = day;
  for (let left = workdays; left > 0;) {
    d++;
    if (isWorkday(d)) left--;
  }
  return instant(d, 17);
}

interface Agency {
  code: string;
  name: string;
  unit: string;
  level: Level;
  /** District of the unit, for communes and districts. */
  district: string | null;
  handlers: string[];
}

function buildAgencies(random: Random): Agency[] {
  const handlers = () =>
    [0, 1, 2].map(() => `${pick(random, FAMILY)} ${pick(random, MIDDLE)} ${pick(random, GIVEN)}`);
  const agencies: Agency[] = [];
  for (const unit of DEMO_UNITS) {
    if (unit.level === 'commune') {
      agencies.push({
        code: `UBND_${unit.code}`,
        name: `UBND ${unit.name}`,
        unit: unit.code,
        level: 'commune',
        district: unit.parentCode ?? null,
        handlers: handlers(),
      });
    } else if (unit.level === 'district') {
      const org = ORGANISATIONS.find((o) => o.code === `UBND_${unit.code}`);
      agencies.push({
        code: `UBND_${unit.code}`,
        name: org?.nameVi ?? `UBND ${unit.name}`,
        unit: unit.code,
        level: 'district',
        district: unit.code,
        handlers: handlers(),
      });
    }
  }
  for (const department of new Set(PROCEDURES.province.map((p) => p[6]!))) {
    const org = ORGANISATIONS.find((o) => o.code === department);
    agencies.push({
      code: department,
      name: org?.nameVi ?? department,
      unit: PROVINCE_CODE,
      level: 'province',
      district: null,
      handlers: handlers(),
    });
  }
  return agencies;
}

/** Generates the demo dossiers and satisfaction ratings from `from` to `to` (inclusive, local dates). */
export function generateDemoDossiers(options: { seed?: number; from?: string; to?: string } = {}): {
  dossiers: DemoDossier[];
  satisfaction: DemoSatisfaction[];
} {
  const { seed = 1, from = '2022-01-01', to = DEMO_VALID_TO } = options;
  const random = randomFor(seed, 'dossiers');
  const agencies = buildAgencies(randomFor(seed, 'dossier-handlers'));
  const byLevel = (level: Level) => agencies.filter((a) => a.level === level);
  const communes = byLevel('commune');
  const communeWeight = communes.map(() => 0.5 + random.next());
  const communeTotal = communeWeight.reduce((a, b) => a + b, 0);
  const districts = byLevel('district');
  const firstDay = Date.parse(`${from}T00:00:00Z`) / DAY_MS;
  const lastDay = Date.parse(`${to}T00:00:00Z`) / DAY_MS;
  const end = instant(lastDay + 1, 0);
  const tet = new Set(
    TET.flatMap((iso) =>
      [-3, -2, -1, 0, 1, 2, 3, 4, 5].map((k) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS + k),
    ),
  );
  const progressOf = (day: number) => Math.min(1, Math.max(0, (day - firstDay) / (lastDay - firstDay)));

  const dossiers: DemoDossier[] = [];
  const finishedCount = new Map<string, { agency: Agency; month: string; finished: number }>();
  for (let day = firstDay; day <= lastDay; day++) {
    if (!isWorkday(day)) continue;
    const progress = progressOf(day);
    const n = random.poisson(PER_WORKDAY * (tet.has(day) ? 0.15 : 1) * (1 + 0.08 * progress));
    const ymd = new Date(day * DAY_MS).toISOString().slice(2, 10).replace(/-/g, '');
    for (let k = 0; k < n; k++) {
      const r = random.next();
      const level =
        r < LEVEL_SHARE[0]![1]
          ? 'commune'
          : r < LEVEL_SHARE[0]![1] + LEVEL_SHARE[1]![1]
            ? 'district'
            : 'province';
      const procedure = pick(random, PROCEDURES[level]);
      let agency: Agency;
      if (level === 'commune') {
        let x = random.next() * communeTotal;
        let i = 0;
        while (i < communes.length - 1 && (x -= communeWeight[i]!) > 0) i++;
        agency = communes[i]!;
      } else if (level === 'district') {
        agency = pick(random, districts);
      } else {
        agency = agencies.find((a) => a.code === procedure[6])!;
      }
      const [procedureCode, procedureName, fieldCode, fieldName, workdays, hasFee] = procedure;
      const receivedAt = instant(day, 7.5 + random.next() * 9);
      const dueAt = addWorkdays(day, workdays);
      const lateRate =
        (LATE_RATE[agency.code] ??
          (agency.district ? LATE_RATE[agency.district] : undefined) ??
          BASE_LATE_RATE) *
        (1.15 - 0.3 * progress);
      const isLate = random.next() < lateRate;
      const finished = isLate
        ? dueAt + (0.5 + random.next() * 12) * DAY_MS
        : receivedAt + (0.2 + 0.8 * random.next()) * (dueAt - receivedAt);
      const isReturned = random.next() < 0.02;
      const onlineShare = Math.min(
        0.95,
        (0.28 + 0.52 * progress) * (level === 'commune' ? 0.85 : level === 'province' ? 1.15 : 1),
      );
      const c = random.next();
      const channel = c < onlineShare ? 'online' : c < onlineShare + 0.03 ? 'post' : 'direct';
      const paidOnline = hasFee && random.next() < (channel === 'online' ? 0.3 + 0.55 * progress : 0.04);
      const handler = pick(random, agency.handlers);
      const steps: DemoDossier['steps'] = [{ kind: 'received', at: iso(receivedAt), agency: agency.name }];
      if (level !== 'commune' && random.next() < 0.6)
        steps.push({
          kind: 'transferred',
          at: iso(receivedAt + 0.1 * (Math.min(finished, end) - receivedAt)),
          agency: `${agency.name} – bộ phận chuyên môn`,
        });
      if (random.next() < 0.07) {
        const asked = receivedAt + 0.5 * (Math.min(finished, end) - receivedAt);
        steps.push({ kind: 'supplement_requested', at: iso(asked), note: 'Yêu cầu bổ sung giấy tờ' });
      }
      const isDone = finished < end;
      if (isDone)
        steps.push({ kind: isReturned ? 'returned' : 'finished', at: iso(finished), agency: agency.name });
      dossiers.push({
        code: `H70.${agency.unit}-${ymd}-${String(k + 1).padStart(4, '0')}`,
        procedureCode,
        procedureName,
        fieldCode,
        fieldName,
        agencyCode: agency.code,
        agencyName: agency.name,
        unit: agency.unit,
        handler,
        channel,
        receivedAt: iso(receivedAt),
        dueAt: iso(dueAt),
        finishedAt: isDone ? iso(finished) : null,
        status: isDone
          ? isReturned
            ? 'returned'
            : 'finished'
          : steps.at(-1)!.kind === 'supplement_requested'
            ? 'supplement_requested'
            : 'in_progress',
        hasFee,
        paidOnline,
        digitised: random.next() < 0.3 + 0.62 * progress,
        publishedAt: publicationOf(receivedAt, random.next(), 0.86 + 0.12 * progress, end),
        steps,
      });
      if (isDone) {
        const month = new Date(finished + ICT_MS).toISOString().slice(0, 7);
        const key = `${agency.code}|${month}`;
        const entry = finishedCount.get(key) ?? { agency, month, finished: 0 };
        entry.finished++;
        finishedCount.set(key, entry);
      }
    }
  }
  const ratingsRandom = randomFor(seed, 'dossier-satisfaction');
  const satisfaction = [...finishedCount.values()].map(({ agency, month, finished }) => {
    const ratings = ratingsRandom.binomial(finished, 0.3);
    const lateAgency = LATE_RATE[agency.code] !== undefined;
    return {
      agency: agency.code,
      unit: agency.unit,
      month,
      ratings,
      satisfied: ratingsRandom.binomial(ratings, lateAgency ? 0.82 : 0.95),
    };
  });
  return { dossiers, satisfaction };
}

function iso(ms: number): string {
  return new Date(Math.round(ms / 60_000) * 60_000).toISOString();
}

/**
 * When the one-stop system published a demo dossier on the national portal, from one draw `r`:
 * below `onTime` within 20 hours of reception, then for most of the rest one to five days late, else
 * never; a time after the end of the demo is not yet known (null).
 */
function publicationOf(receivedAt: number, r: number, onTime: number, end: number): string | null {
  const HOUR = 3_600_000;
  const late = onTime + 0.6 * (1 - onTime);
  const at =
    r < onTime
      ? receivedAt + (0.1 + 19.9 * (r / onTime)) * HOUR
      : r < late
        ? receivedAt + (25 + 95 * ((r - onTime) / (late - onTime))) * HOUR
        : null;
  return at === null || at > end ? null : iso(at);
}
