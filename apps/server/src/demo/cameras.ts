/**
 * The demo province's 577 cameras (synthetic): traffic and security cameras along the real main
 * roads of Bình Phước and in its town centres. The road lines below are APPROXIMATE polylines
 * (a handful of [lon, lat] waypoints read off a map at town level), not surveyed geometry; the
 * cameras are spread along them by distance, with the kilometre mark in their name.
 */
import { distanceMetres, type CameraInput, type CameraStatus } from '@ioc/shared';

interface Road {
  prefix: string;
  name: string;
  count: number;
  /** Approximate waypoints [lon, lat] with the place each one is in. */
  line: [number, number, string][];
}

const ROADS: Road[] = [
  {
    prefix: 'QL13',
    name: 'QL13',
    count: 110,
    line: [
      [106.641, 11.372, 'Chơn Thành'],
      [106.637, 11.433, 'Chơn Thành'],
      [106.622, 11.51, 'Hớn Quản'],
      [106.603, 11.585, 'Tân Khai'],
      [106.606, 11.654, 'Bình Long'],
      [106.596, 11.745, 'Lộc Ninh'],
      [106.587, 11.838, 'Lộc Ninh'],
      [106.571, 11.92, 'Lộc Thạnh'],
      [106.561, 11.985, 'cửa khẩu Hoa Lư'],
    ],
  },
  {
    prefix: 'QL14',
    name: 'QL14',
    count: 150,
    line: [
      [106.637, 11.433, 'Chơn Thành'],
      [106.72, 11.47, 'Nha Bích'],
      [106.81, 11.51, 'Tiến Hưng'],
      [106.899, 11.535, 'Đồng Xoài'],
      [106.97, 11.585, 'Đồng Phú'],
      [107.05, 11.655, 'Minh Hưng'],
      [107.15, 11.73, 'Đức Liễu'],
      [107.243, 11.808, 'Đức Phong'],
      [107.33, 11.885, 'Thống Nhất'],
    ],
  },
  {
    prefix: 'DT741',
    name: 'ĐT741',
    count: 90,
    line: [
      [106.8, 11.33, 'Đồng Phú'],
      [106.975, 11.465, 'Tân Phú'],
      [106.899, 11.535, 'Đồng Xoài'],
      [106.93, 11.61, 'Tân Thành'],
      [106.952, 11.705, 'Phú Riềng'],
      [106.98, 11.775, 'Bù Nho'],
      [106.993, 11.84, 'Phước Long'],
      [107.02, 11.93, 'Bù Gia Mập'],
    ],
  },
  {
    prefix: 'DT759',
    name: 'ĐT759',
    count: 30,
    line: [
      [106.993, 11.84, 'Phước Long'],
      [106.9, 11.905, 'Đa Kia'],
      [106.805, 11.998, 'Thanh Bình'],
    ],
  },
];

/** Town centres [lon, lat], the district committee that owns their traffic cameras, and how many cameras. */
const TOWNS: { prefix: string; name: string; centre: [number, number]; owner: string; count: number }[] = [
  { prefix: 'DXO', name: 'Đồng Xoài', centre: [106.899, 11.535], owner: 'UBND_689', count: 70 },
  { prefix: 'BLO', name: 'Bình Long', centre: [106.606, 11.654], owner: 'UBND_690', count: 30 },
  { prefix: 'PLO', name: 'Phước Long', centre: [106.993, 11.84], owner: 'UBND_688', count: 30 },
  { prefix: 'CTH', name: 'Chơn Thành', centre: [106.637, 11.433], owner: 'UBND_697', count: 25 },
  { prefix: 'LNI', name: 'Lộc Ninh', centre: [106.587, 11.838], owner: 'UBND_692', count: 15 },
  { prefix: 'DPH', name: 'Đức Phong', centre: [107.243, 11.808], owner: 'UBND_696', count: 12 },
  { prefix: 'TPH', name: 'Tân Phú', centre: [106.975, 11.465], owner: 'UBND_695', count: 8 },
  { prefix: 'TBI', name: 'Thanh Bình', centre: [106.805, 11.998], owner: 'UBND_693', count: 7 },
];

const STREETS = [
  'Hùng Vương',
  'Trần Hưng Đạo',
  'Lê Lợi',
  'Nguyễn Huệ',
  'Quang Trung',
  'Lý Thường Kiệt',
  'Hai Bà Trưng',
  'Nguyễn Trãi',
  'Lê Duẩn',
  'Trường Chinh',
  'Phan Bội Châu',
  'Ngô Quyền',
];

export const DEMO_STREAM_HOST = 'https://vms.binhphuoc.example';

/** A small deterministic generator, so the demo is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The point `distance` metres along the line, with the place of the waypoint before it. */
function along(line: Road['line'], distance: number): { point: [number, number]; place: string } {
  let left = distance;
  for (let i = 1; i < line.length; i++) {
    const [x0, y0, place] = line[i - 1]!;
    const [x1, y1] = line[i]!;
    const leg = distanceMetres([x0, y0], [x1, y1]);
    if (left <= leg || i === line.length - 1) {
      const f = Math.min(1, left / leg);
      return { point: [x0 + (x1 - x0) * f, y0 + (y1 - y0) * f], place };
    }
    left -= leg;
  }
  const [x, y, place] = line[0]!;
  return { point: [x, y], place };
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
const code = (prefix: string, n: number) => `CAM-${prefix}-${String(n).padStart(3, '0')}`;
const stream = (c: string) => `${DEMO_STREAM_HOST}/hls/${c}/index.m3u8`;

export interface DemoCamera extends CameraInput {
  status: CameraStatus;
}

/** The 577 demo cameras, about 3 % of them offline. */
export function demoCameras(): DemoCamera[] {
  const rand = random(577);
  const out: DemoCamera[] = [];
  for (const road of ROADS) {
    const length = road.line
      .slice(1)
      .reduce((sum, [x, y], i) => sum + distanceMetres([road.line[i]![0], road.line[i]![1]], [x, y]), 0);
    for (let n = 1; n <= road.count; n++) {
      const distance = ((n - 0.5) / road.count) * length;
      const { point, place } = along(road.line, distance);
      // Cameras stand beside the road, not on its centre line (≈ up to 40 m off).
      const jitter = () => (rand() - 0.5) * 0.0007;
      const km = Math.floor(distance / 1000);
      const metres = String(Math.round(distance % 1000)).padStart(3, '0');
      const isSecurity = n % 5 === 0;
      const c = code(road.prefix, n);
      out.push({
        code: c,
        name: `${road.name} Km ${km}+${metres} (${place})${isSecurity ? ' – an ninh' : ''}`,
        type: isSecurity ? 'security' : 'traffic',
        lon: round(point[0] + jitter()),
        lat: round(point[1] + jitter()),
        ownerCode: isSecurity ? 'CA_TINH' : 'SO_GTVT',
        streamUrl: stream(c),
        status: 'online',
      });
    }
  }
  for (const town of TOWNS) {
    for (let n = 1; n <= town.count; n++) {
      // A sunflower spiral fills the centre evenly out to ≈ 1.8 km.
      const radius = 0.016 * Math.sqrt(n / town.count);
      const angle = n * 2.399963 + rand() * 0.2;
      const isSecurity = n % 5 < 3;
      const street = STREETS[(n - 1) % STREETS.length]!;
      const c = code(town.prefix, n);
      out.push({
        code: c,
        name: isSecurity
          ? `${town.name} – đường ${street}, điểm an ninh ${n}`
          : `${town.name} – nút giao ${street} ${n}`,
        type: isSecurity ? 'security' : 'traffic',
        lon: round(town.centre[0] + radius * Math.cos(angle)),
        lat: round(town.centre[1] + radius * Math.sin(angle)),
        ownerCode: isSecurity ? 'CA_TINH' : town.owner,
        streamUrl: stream(c),
        status: 'online',
      });
    }
  }
  for (const camera of out) if (rand() < 0.03) camera.status = 'offline';
  return out;
}
