/**
 * Synthetic live operations for the demo province: four weeks of events (traffic accidents on
 * QL13 and QL14, fires, flooding in the rainy season, security, cyber alerts) up to now, grouped
 * into bursts, some turned into incidents with their timeline and SOP steps, a few still open;
 * SLA policies and SOPs for the main types. Deterministic (seeded), inserted in bulk.
 */
import type { EventSeverity, IncidentStatus } from '@ioc/shared';
import type { IncidentPolicy, SopStepInput } from '../incidents/incident-policies.js';

export const DEMO_SOURCE_PREFIX = 'demo:';

/** [lon, lat] waypoints of the national roads through the province (approximate). */
const QL13: Array<[number, number]> = [
  [106.63, 11.43],
  [106.62, 11.55],
  [106.61, 11.66],
  [106.58, 11.78],
  [106.57, 11.86],
  [106.55, 12.0],
  [106.53, 12.12],
];
const QL14: Array<[number, number]> = [
  [106.63, 11.43],
  [106.77, 11.49],
  [106.89, 11.53],
  [106.95, 11.62],
  [107.05, 11.7],
  [107.22, 11.79],
  [107.4, 11.9],
];
/** Towns: Đồng Xoài, Bình Long, Phước Long, Chơn Thành, Lộc Ninh, Bù Đăng, Đồng Phú, Bù Đốp, Hớn Quản, Phú Riềng, Bù Gia Mập. */
const TOWNS: Array<[number, number]> = [
  [106.89, 11.53],
  [106.61, 11.66],
  [106.99, 11.83],
  [106.63, 11.44],
  [106.57, 11.86],
  [107.22, 11.79],
  [106.98, 11.46],
  [106.81, 11.99],
  [106.66, 11.6],
  [106.94, 11.71],
  [107.07, 12.03],
];

export const DEMO_SOPS: Record<string, SopStepInput[]> = {
  traffic_accident: [
    { title: 'Xác minh vụ việc qua camera giao thông', responsible: 'Trực ban IOC', dueMinutes: 5 },
    { title: 'Thông báo CSGT và Trung tâm cấp cứu 115', responsible: 'Trực ban IOC', dueMinutes: 10 },
    { title: 'Phân luồng, giải tỏa hiện trường', responsible: 'Công an tỉnh (CSGT)', dueMinutes: 45 },
    { title: 'Báo cáo kết quả xử lý', responsible: 'Công an tỉnh (CSGT)', dueMinutes: 240 },
  ],
  fire: [
    { title: 'Xác minh điểm cháy, vị trí, quy mô', responsible: 'Trực ban IOC', dueMinutes: 3 },
    { title: 'Điều lực lượng PCCC & CNCH (114)', responsible: 'Công an tỉnh (PC07)', dueMinutes: 5 },
    { title: 'Sơ tán người dân khu vực lân cận', responsible: 'UBND cấp xã', dueMinutes: 30 },
    { title: 'Báo cáo thiệt hại ban đầu', responsible: 'UBND cấp huyện', dueMinutes: 180 },
  ],
  forest_fire: [
    { title: 'Xác minh qua camera và trạm quan trắc', responsible: 'Trực ban IOC', dueMinutes: 10 },
    { title: 'Huy động lực lượng kiểm lâm, dân quân', responsible: 'Sở Nông nghiệp và PTNT', dueMinutes: 30 },
    { title: 'Khoanh vùng, dập lửa', responsible: 'Hạt Kiểm lâm', dueMinutes: 240 },
  ],
  flood: [
    { title: 'Kiểm tra mực nước tại trạm đo', responsible: 'Đài KTTV tỉnh', dueMinutes: 15 },
    { title: 'Cảnh báo người dân, cắm biển khu vực ngập', responsible: 'UBND cấp xã', dueMinutes: 60 },
    {
      title: 'Hỗ trợ di dời tài sản, người dân',
      responsible: 'Ban chỉ huy PCTT & TKCN huyện',
      dueMinutes: 180,
    },
  ],
  security: [
    { title: 'Xác minh qua camera an ninh', responsible: 'Trực ban IOC', dueMinutes: 5 },
    { title: 'Điều tổ tuần tra 113 đến hiện trường', responsible: 'Công an tỉnh', dueMinutes: 15 },
    { title: 'Báo cáo kết quả', responsible: 'Công an cấp huyện', dueMinutes: 240 },
  ],
  cyber_attack: [
    { title: 'Cô lập máy chủ/hệ thống bị ảnh hưởng', responsible: 'Sở TTTT (SOC)', dueMinutes: 15 },
    { title: 'Thông báo đơn vị chủ quản hệ thống', responsible: 'Sở TTTT', dueMinutes: 30 },
    { title: 'Phân tích, khắc phục, báo cáo NCSC', responsible: 'Sở TTTT (SOC)', dueMinutes: 480 },
  ],
};

const SUPERVISOR = 'CB_SO_TTTT';
const LEADER = 'CB_VP_UBND';

export const DEMO_POLICIES: IncidentPolicy[] = (
  [
    ['traffic_accident', 'moderate', 10, 240, false],
    ['traffic_accident', 'severe', 5, 120, true],
    ['traffic_accident', 'extreme', 3, 90, true],
    ['fire', 'moderate', 5, 180, false],
    ['fire', 'severe', 3, 120, true],
    ['fire', 'extreme', 2, 90, true],
    ['forest_fire', 'severe', 10, 480, true],
    ['flood', 'moderate', 30, 720, false],
    ['flood', 'severe', 15, 480, true],
    ['security', 'severe', 5, 120, true],
    ['cyber_attack', 'moderate', 30, 480, false],
    ['cyber_attack', 'severe', 15, 240, true],
    ['cyber_attack', 'extreme', 5, 120, true],
  ] as const
).map(([incidentType, severity, ackMinutes, resolveMinutes, autoCreate]) => ({
  incidentType,
  severity,
  ackMinutes,
  resolveMinutes,
  autoCreate,
  supervisorPersonCode: SUPERVISOR,
  leaderPersonCode: LEADER,
}));

export interface DemoEvent {
  source: string;
  sourceId: string;
  type: string;
  category: string;
  severity: EventSeverity;
  occurredAt: Date;
  title: string;
  point: [number, number];
  cameraCode: string | null;
  sensorCode: string | null;
}

export interface DemoGroup {
  events: DemoEvent[];
  incident: null | {
    status: IncidentStatus;
    organisationCode: string;
    /** Minutes after creation of each step taken: acknowledge, assign, start, resolve, close. */
    steps: number[];
  };
}

/** A small seeded generator, so the demo is the same on every machine. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Kind {
  type: string;
  category: string;
  source: string;
  perDay: number;
  place: (r: () => number) => [number, number];
  titles: string[];
  severities: Array<[EventSeverity, number]>;
  organisation: string;
  device?: 'camera' | 'sensor';
  burst: number;
}

const along = (road: Array<[number, number]>) => (r: () => number) => {
  const i = Math.floor(r() * (road.length - 1));
  const t = r();
  const [a, b] = [road[i]!, road[i + 1]!];
  return [a[0] + (b[0] - a[0]) * t + (r() - 0.5) * 0.004, a[1] + (b[1] - a[1]) * t + (r() - 0.5) * 0.004] as [
    number,
    number,
  ];
};
const nearTown = (spread: number) => (r: () => number) => {
  const [lon, lat] = TOWNS[Math.floor(r() * TOWNS.length)]!;
  return [lon + (r() - 0.5) * spread, lat + (r() - 0.5) * spread] as [number, number];
};

function kinds(month: number): Kind[] {
  const rainy = month >= 5 && month <= 10;
  const lateRain = month === 11;
  return [
    {
      type: 'traffic_accident',
      category: 'ATGT',
      source: 'camera-ai',
      perDay: 6,
      place: (r) => along(r() < 0.55 ? QL13 : QL14)(r),
      titles: [
        'Va chạm giao thông trên QL13',
        'Va chạm giao thông trên QL14',
        'Xe máy va chạm ô tô tải',
        'Phương tiện dừng đỗ bất thường',
      ],
      severities: [
        ['minor', 0.45],
        ['moderate', 0.35],
        ['severe', 0.17],
        ['extreme', 0.03],
      ],
      organisation: 'CA_TINH',
      device: 'camera',
      burst: 4,
    },
    {
      type: 'traffic_jam',
      category: 'ATGT',
      source: 'camera-ai',
      perDay: 4,
      place: (r) => along(r() < 0.5 ? QL13 : QL14)(r),
      titles: ['Ùn tắc giao thông kéo dài', 'Mật độ phương tiện cao'],
      severities: [
        ['info', 0.5],
        ['minor', 0.4],
        ['moderate', 0.1],
      ],
      organisation: 'CA_TINH',
      device: 'camera',
      burst: 6,
    },
    {
      type: 'fire',
      category: 'ANTT',
      source: 'eoc-114',
      perDay: rainy ? 0.4 : 1.2,
      place: nearTown(0.06),
      titles: ['Cháy nhà dân', 'Cháy kho xưởng', 'Cháy cơ sở kinh doanh'],
      severities: [
        ['moderate', 0.5],
        ['severe', 0.4],
        ['extreme', 0.1],
      ],
      organisation: 'CA_TINH',
      burst: 1,
    },
    {
      type: 'forest_fire',
      category: 'MT',
      source: 'sensor-net',
      perDay: rainy || lateRain ? 0.1 : 0.8,
      place: nearTown(0.3),
      titles: ['Nguy cơ cháy rừng cấp IV', 'Điểm nóng cháy rừng từ vệ tinh'],
      severities: [
        ['moderate', 0.6],
        ['severe', 0.4],
      ],
      organisation: 'SO_NNPTNT',
      device: 'sensor',
      burst: 3,
    },
    {
      type: 'flood',
      category: 'MT',
      source: 'sensor-net',
      perDay: rainy ? 2.5 : lateRain ? 1.2 : 0.1,
      place: nearTown(0.08),
      titles: ['Mực nước vượt báo động 1', 'Ngập cục bộ sau mưa lớn', 'Mực nước sông Bé dâng cao'],
      severities: [
        ['minor', 0.5],
        ['moderate', 0.35],
        ['severe', 0.15],
      ],
      organisation: 'SO_NNPTNT',
      device: 'sensor',
      burst: 5,
    },
    {
      type: 'security',
      category: 'ANTT',
      source: 'camera-ai',
      perDay: 3,
      place: nearTown(0.03),
      titles: ['Tụ tập đông người bất thường', 'Phát hiện đối tượng khả nghi', 'Gây rối trật tự công cộng'],
      severities: [
        ['minor', 0.6],
        ['moderate', 0.3],
        ['severe', 0.1],
      ],
      organisation: 'CA_TINH',
      device: 'camera',
      burst: 3,
    },
    {
      type: 'cyber_attack',
      category: 'ATTT',
      source: 'soc',
      perDay: 2,
      place: () => [106.89 + 0.002, 11.53 + 0.002],
      titles: [
        'Dò quét cổng dịch vụ công',
        'Mã độc trên máy trạm',
        'Tấn công từ chối dịch vụ cổng thông tin',
      ],
      severities: [
        ['minor', 0.55],
        ['moderate', 0.3],
        ['severe', 0.13],
        ['extreme', 0.02],
      ],
      organisation: 'SO_TTTT',
      burst: 8,
    },
  ];
}

function pick<T>(r: () => number, weighted: Array<[T, number]>): T {
  let x = r();
  for (const [value, weight] of weighted) {
    x -= weight;
    if (x <= 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

/** Four weeks of event bursts up to `now`, about 20 a day; severe ones (and some moderate) became incidents. */
export function generateOperationsDemo(now: Date, days = 28): DemoGroup[] {
  const r = random(70_2025);
  const groups: DemoGroup[] = [];
  const start = now.getTime() - days * 86_400_000;
  let n = 0;
  for (let day = 0; day < days; day++) {
    const dayStart = start + day * 86_400_000;
    for (const kind of kinds(new Date(dayStart).getUTCMonth() + 1)) {
      const count = Math.floor(kind.perDay + r());
      for (let k = 0; k < count; k++) {
        const at = dayStart + r() * 86_400_000;
        if (at > now.getTime() - 60_000) continue;
        const severity = pick(r, kind.severities);
        const point = kind.place(r);
        const title = kind.titles[Math.floor(r() * kind.titles.length)]!;
        const device = `${kind.device === 'camera' ? 'CAM' : 'SEN'}-${String(Math.floor(r() * 577) + 1).padStart(3, '0')}`;
        const size = 1 + Math.floor(r() * kind.burst);
        const events: DemoEvent[] = [];
        for (let e = 0; e < size; e++) {
          events.push({
            source: `${DEMO_SOURCE_PREFIX}${kind.source}`,
            sourceId: `demo-${++n}`,
            type: kind.type,
            category: kind.category,
            severity,
            occurredAt: new Date(at + e * (20_000 + r() * 60_000)),
            title,
            point,
            cameraCode: kind.device === 'camera' ? device : null,
            sensorCode: kind.device === 'sensor' ? device : null,
          });
        }
        const becomes =
          severity === 'severe' || severity === 'extreme' || (severity === 'moderate' && r() < 0.3);
        const ageHours = (now.getTime() - at) / 3_600_000;
        let incident: DemoGroup['incident'] = null;
        if (becomes) {
          const steps = [2 + r() * 8, 10 + r() * 20, 20 + r() * 30, 60 + r() * 300, 200 + r() * 600];
          // Incidents of the last three days are still being worked on; older ones are closed (a few only resolved).
          let reached = steps.filter((minutes) => minutes / 60 < ageHours).length;
          if (ageHours < 72) reached = Math.min(reached, Math.floor(r() * 5));
          const statuses: IncidentStatus[] = [
            'new',
            'acknowledged',
            'assigned',
            'in_progress',
            'resolved',
            'closed',
          ];
          const status = reached === 5 && r() < 0.1 ? 'resolved' : statuses[reached]!;
          incident = {
            status,
            organisationCode: kind.organisation,
            steps: steps.slice(0, statuses.indexOf(status)),
          };
        }
        groups.push({ events, incident });
      }
    }
  }
  return groups;
}
