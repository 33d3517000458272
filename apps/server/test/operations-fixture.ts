import type { EventInput } from '@ioc/shared';
import type { TestContext } from './harness.js';
import { loadFixture } from './harness.js';

/**
 * The test province of harness.ts with centroids (so events are placed by location), a valid
 * commune C5 in D2, a response organisation with two people, and an SOP for traffic accidents.
 * Centroids: C1 (106.6, 11.6), C2 (106.7, 11.6), C3 (106.8, 11.6) in D1; C5 (107.3, 11.6) in D2.
 */
export async function loadOperationsFixture(ctx: TestContext): Promise<void> {
  await loadFixture(ctx.services);
  await ctx.services.catalogue.upsertUnits('cli', [
    { code: 'P', name: 'Tỉnh Thử', level: 'province', centroid: [106.9, 11.7] },
    { code: 'D1', name: 'Huyện Một', level: 'district', parentCode: 'P', centroid: [106.7, 11.6] },
    { code: 'D2', name: 'Huyện Hai', level: 'district', parentCode: 'P', centroid: [107.25, 11.6] },
    { code: 'C1', name: 'Xã Một', level: 'commune', parentCode: 'D1', centroid: [106.6, 11.6] },
    { code: 'C2', name: 'Xã Hai', level: 'commune', parentCode: 'D1', centroid: [106.7, 11.6] },
    { code: 'C3', name: 'Xã Ba', level: 'commune', parentCode: 'D1', centroid: [106.8, 11.6] },
    { code: 'C5', name: 'Xã Năm', level: 'commune', parentCode: 'D2', centroid: [107.3, 11.6] },
  ] as never);
  await ctx.services.catalogue.upsertReferenceData('cli', {
    organisations: [
      {
        code: 'CA_D1',
        nameVi: 'Công an huyện Một',
        nameEn: 'District 1 police',
        kind: 'agency',
        unitCode: 'D1',
      },
    ],
    people: [
      {
        code: 'GS1',
        fullName: 'Lê Văn Giám Sát',
        titleVi: 'Trưởng ca',
        titleEn: 'Shift supervisor',
        organisationCode: 'UBND_P',
      },
      {
        code: 'LD1',
        fullName: 'Phạm Thị Lãnh Đạo',
        titleVi: 'Phó Chủ tịch',
        titleEn: 'Vice chair',
        organisationCode: 'UBND_P',
      },
      {
        code: 'XL1',
        fullName: 'Đỗ Văn Xử Lý',
        titleVi: 'Cán bộ',
        titleEn: 'Officer',
        organisationCode: 'CA_D1',
      },
    ],
  } as never);
  await ctx.services.incidents.policies.saveSop('cli', 'traffic_accident', [
    { title: 'Xác minh qua camera', responsible: 'Trực ban IOC', dueMinutes: 5 },
    { title: 'Điều CSGT đến hiện trường', responsible: 'Công an huyện', dueMinutes: 15 },
    { title: 'Báo cáo kết quả xử lý', responsible: 'Công an huyện', dueMinutes: 120 },
  ]);
  await ctx.services.incidents.policies.save('cli', [
    {
      incidentType: 'traffic_accident',
      severity: 'moderate',
      ackMinutes: 10,
      resolveMinutes: 60,
      autoCreate: false,
      supervisorPersonCode: 'GS1',
      leaderPersonCode: 'LD1',
    },
  ]);
}

let seq = 0;
/** A traffic-camera event in commune C1 (Point), with a fresh source id unless given. */
export function accident(overrides: Partial<EventInput> = {}): EventInput {
  seq++;
  return {
    source: 'camera-ai',
    sourceId: `cam-evt-${seq}-${Math.random().toString(36).slice(2)}`,
    type: 'traffic_accident',
    category: 'ATGT',
    severity: 'moderate',
    occurredAt: '2026-11-20T08:00:00+07:00',
    title: 'Va chạm giao thông trên QL14',
    location: { type: 'Point', coordinates: [106.61, 11.61] },
    cameraCode: 'CAM-QL14-001',
    ...overrides,
  };
}
