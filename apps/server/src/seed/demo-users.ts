import type { Services } from '../app.js';

/** Demo accounts, created only in demo mode; the password is shown on the console and the login screen. */
export const DEMO_PASSWORD = 'demo-ioc-2025';

export const DEMO_USERS = [
  {
    username: 'quantri',
    displayName: 'Quản trị hệ thống (demo)',
    role: 'administrator',
    scopeUnitCode: null,
  },
  { username: 'lanhdao', displayName: 'Lãnh đạo UBND tỉnh (demo)', role: 'leader', scopeUnitCode: null },
  {
    username: 'dongxoai',
    displayName: 'Cán bộ dữ liệu TP Đồng Xoài (demo)',
    role: 'data_officer',
    scopeUnitCode: '689',
    organisationCode: 'UBND_689',
    personCode: 'CBDL_689',
  },
  {
    username: 'chutichdx',
    displayName: 'Chủ tịch UBND TP Đồng Xoài (demo, phê duyệt số liệu)',
    role: 'leader',
    scopeUnitCode: '689',
    organisationCode: 'UBND_689',
    personCode: 'CT_689',
  },
  {
    username: 'phuoclong',
    displayName: 'Cán bộ dữ liệu TX Phước Long (demo)',
    role: 'data_officer',
    scopeUnitCode: '688',
    organisationCode: 'UBND_688',
  },
  { username: 'tongdai', displayName: 'Tổng đài viên 1022 (demo)', role: 'operator', scopeUnitCode: null },
  {
    username: 'sogtvt',
    displayName: 'Cán bộ Sở Giao thông vận tải (demo)',
    role: 'data_officer',
    scopeUnitCode: null,
    organisationCode: 'SO_GTVT',
  },
] as const;

export async function createDemoUsers(services: Services): Promise<void> {
  for (const user of DEMO_USERS) {
    const exists = await services.catalogue.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', user.username)
      .executeTakeFirst();
    if (!exists) await services.auth.createUser('cli', { ...user, password: DEMO_PASSWORD });
  }
}
