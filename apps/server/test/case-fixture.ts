import type { Services } from '../src/app.js';

/** A few bytes with a PNG signature: the server checks the magic bytes, not the name. */
export const PNG_BASE64 = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
).toString('base64');

export const REPORTER = { name: 'Nguyễn Văn Dân', phone: '0912345678', email: 'dan@example.vn' };
/** A point in commune C1 of the fixture. */
export const NEAR_C1: [number, number] = [106.8801, 11.5201];

/** A small province with centroids, a department, committees and the 1022 indicators. */
export async function loadCaseFixture(services: Services): Promise<void> {
  await services.catalogue.upsertUnits('cli', [
    { code: 'P', name: 'Tỉnh Thử', level: 'province', centroid: [106.9, 11.75] },
    { code: 'D1', name: 'Thành phố Một', level: 'district', parentCode: 'P', centroid: [106.89, 11.53] },
    { code: 'D2', name: 'Huyện Hai', level: 'district', parentCode: 'P', centroid: [107.07, 12.03] },
    { code: 'C1', name: 'Phường Một', level: 'commune', parentCode: 'D1', centroid: [106.88, 11.52] },
    { code: 'C2', name: 'Phường Hai', level: 'commune', parentCode: 'D1', centroid: [106.92, 11.55] },
    { code: 'C3', name: 'Xã Ba', level: 'commune', parentCode: 'D2', centroid: [107.07, 12.03] },
  ]);
  await services.catalogue.upsertReferenceData('cli', {
    domains: [{ code: 'PAKN', nameVi: 'Phản ánh, kiến nghị', nameEn: 'Citizen reports', sort: 1 }],
    organisations: [
      {
        code: 'SO_GTVT',
        nameVi: 'Sở Giao thông vận tải',
        nameEn: 'Transport',
        kind: 'department',
        unitCode: 'P',
      },
      {
        code: 'UBND_D1',
        nameVi: 'UBND thành phố Một',
        nameEn: 'City 1 PC',
        kind: 'people_committee',
        unitCode: 'D1',
      },
      {
        code: 'UBND_C1',
        nameVi: 'UBND phường Một',
        nameEn: 'Ward 1 PC',
        kind: 'people_committee',
        unitCode: 'C1',
      },
    ],
  });
  const base = {
    domainCode: 'PAKN',
    unitOfMeasure: 'phản ánh',
    aggregation: 'sum',
    timeAggregation: 'sum',
    direction: 'higher_better',
    thresholds: { mode: 'achievement', yellow: 100, orange: 90, red: 75 },
    source: '1022',
    ownerOrganisationCode: 'SO_GTVT',
    decimals: 0,
  };
  await services.catalogue.upsertIndicators('cli', [
    {
      ...base,
      code: 'PAKN_TIEP_NHAN',
      nameVi: 'Số phản ánh tiếp nhận',
      nameEn: 'Received',
      periodType: 'day',
      isPublic: true,
    },
    { ...base, code: 'PAKN_DA_XU_LY', nameVi: 'Số phản ánh đã xử lý', nameEn: 'Resolved', periodType: 'day' },
    { ...base, code: 'PAKN_LUOT_DANH_GIA', nameVi: 'Lượt đánh giá', nameEn: 'Ratings', periodType: 'month' },
  ]);
}
