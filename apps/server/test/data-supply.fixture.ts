import type { Services } from '../src/app.js';
import { loginAs, type TestContext } from './harness.js';

/**
 * Data supply on the test fixture: the district's people (a data officer CB1 and the head LD1
 * of UBND_D1) and a monthly data set of dossiers for the communes of D1 (C1, C2, C3).
 */
export async function loadSupplyFixture(services: Services, overrides: Record<string, unknown> = {}) {
  await services.catalogue.upsertReferenceData('cli', {
    people: [
      {
        code: 'CB1',
        fullName: 'Trần Thị Số',
        titleVi: 'Chuyên viên',
        titleEn: 'Officer',
        organisationCode: 'UBND_D1',
        email: 'cb1@example.vn',
      },
      {
        code: 'LD1',
        fullName: 'Lê Văn Trưởng',
        titleVi: 'Chủ tịch',
        titleEn: 'Chairman',
        organisationCode: 'UBND_D1',
      },
    ],
  });
  return services.dataSets.upsert('cli', {
    code: 'HS_THANG',
    name: 'Hồ sơ hành chính hằng tháng',
    organisationCode: 'UBND_D1',
    indicatorCodes: ['HS_XL', 'HS_DH'],
    units: { parentCode: 'D1', level: 'commune' },
    frequency: 'month',
    deadline: { daysAfterEnd: 5, time: '17:00' },
    channel: 'file',
    allowPartial: false,
    responsiblePersonCodes: ['CB1'],
    approverPersonCode: 'LD1',
    rules: [
      { kind: 'required', indicator: 'HS_XL' },
      { kind: 'range', indicator: 'HS_XL', min: 0 },
      { kind: 'relation', left: 'HS_DH', operator: '<=', right: 'HS_XL' },
    ],
    ...overrides,
  });
}

/** Sessions for the officer (linked to CB1), the approver (LD1), another leader and an administrator. */
export async function supplySessions(ctx: TestContext) {
  return {
    officer: await loginAs(ctx, {
      username: 'canbo',
      role: 'data_officer',
      organisationCode: 'UBND_D1',
      personCode: 'CB1',
    } as never),
    approver: await loginAs(ctx, {
      username: 'truong',
      role: 'leader',
      organisationCode: 'UBND_D1',
      personCode: 'LD1',
    } as never),
    otherLeader: await loginAs(ctx, { username: 'lanhdao', role: 'leader' }),
    admin: await loginAs(ctx, { username: 'quantri', role: 'administrator' }),
    viewer: await loginAs(ctx, { username: 'xem', role: 'viewer' }),
  };
}
