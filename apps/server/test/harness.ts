import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp, createServices, type Services, type ServicesConfig } from '../src/app.js';
import type { Clock } from '../src/clock.js';
import type { EmitEvent } from '../src/cameras/camera-health.js';
import { openDatabase, type DatabaseHandle, type Db } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';

/** The engines integration tests run on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const ENGINES: { name: 'pglite' | 'postgres'; url?: string }[] = [
  { name: 'pglite' },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: 'postgres' as const, url: process.env.TEST_DATABASE_URL }]
    : []),
];

export interface TestContext {
  handle: DatabaseHandle;
  services: Services;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** A fresh, migrated database (an in-memory PGlite, or a throw-away PostgreSQL schema) with the app on it. */
export async function startTestApp(
  engine: (typeof ENGINES)[number],
  options: {
    clock?: Clock;
    config?: Partial<ServicesConfig>;
    emitEvent?: EmitEvent;
    /** Runs on the empty database before the migrations (to test a migration against earlier data). */
    beforeMigrate?: (db: Db) => Promise<void>;
  } = {},
): Promise<TestContext> {
  let handle: DatabaseHandle;
  let dropSchema = async () => {};
  if (engine.url) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = await openDatabase({ url: engine.url });
    await sql.raw(`CREATE SCHEMA ${schema}`).execute(admin.db);
    await admin.close();
    handle = await openDatabase({ url: engine.url, schema });
    dropSchema = async () => {
      const again = await openDatabase({ url: engine.url });
      await sql.raw(`DROP SCHEMA ${schema} CASCADE`).execute(again.db);
      await again.close();
    };
  } else {
    handle = await openDatabase({ dataDir: 'memory://' });
  }
  await options.beforeMigrate?.(handle.db);
  await migrate(handle.db);
  const services = createServices(handle, { SESSION_HOURS: 1, ...options.config }, options.clock, {
    ...(options.emitEvent ? { emitEvent: options.emitEvent } : {}),
  });
  const app = await buildApp(handle, services);
  return {
    handle,
    services,
    app,
    close: async () => {
      await app.close();
      await services.figures.drain();
      await services.submissions.idle();
      await services.deliveries.stop();
      await services.refresher.drain();
      await handle.close();
      await dropSchema();
    },
  };
}

/**
 * A small hand-checkable province: P (province) → D1 (communes C1, C2, C3) and D2 (commune C4,
 * valid only until 2024-06-30). Indicators: a sum flow, a stock, a mean, a ratio computed from
 * numerator and denominator, and a weighted mean.
 */
export async function loadFixture(services: Services): Promise<void> {
  const { catalogue } = services;
  await catalogue.upsertUnits('cli', [
    { code: 'P', name: 'Tỉnh Thử', level: 'province' },
    { code: 'D1', name: 'Huyện Một', level: 'district', parentCode: 'P' },
    { code: 'D2', name: 'Huyện Hai', level: 'district', parentCode: 'P' },
    { code: 'C1', name: 'Xã Một', level: 'commune', parentCode: 'D1' },
    { code: 'C2', name: 'Xã Hai', level: 'commune', parentCode: 'D1' },
    { code: 'C3', name: 'Xã Ba', level: 'commune', parentCode: 'D1' },
    { code: 'C4', name: 'Xã Bốn', level: 'commune', parentCode: 'D2', validTo: '2024-06-30' },
  ]);
  await catalogue.upsertReferenceData('cli', {
    domains: [
      { code: 'KTXH', nameVi: 'Kinh tế - xã hội', nameEn: 'Socio-economy', sort: 1 },
      { code: 'TTHC', nameVi: 'Dịch vụ công', nameEn: 'Public services', sort: 2 },
    ],
    organisations: [
      {
        code: 'UBND_P',
        nameVi: 'UBND tỉnh',
        nameEn: 'Provincial PC',
        kind: 'people_committee',
        unitCode: 'P',
      },
      {
        code: 'UBND_D1',
        nameVi: 'UBND huyện Một',
        nameEn: 'District 1 PC',
        kind: 'people_committee',
        unitCode: 'D1',
      },
    ],
    teams: [{ code: 'TO1', nameVi: 'Tổ phân tích số 1', nameEn: 'Analysis team 1' }],
    people: [
      {
        code: 'NV1',
        fullName: 'Nguyễn Văn Thử',
        titleVi: 'Chánh Văn phòng',
        titleEn: 'Chief of office',
        organisationCode: 'UBND_P',
      },
    ],
  });
  const base = {
    domainCode: 'KTXH',
    thresholds: { mode: 'achievement', yellow: 100, orange: 90, red: 75 },
    direction: 'higher_better',
    source: 'Thử nghiệm',
    ownerOrganisationCode: 'UBND_P',
    responsiblePersonCode: 'NV1',
    teamCode: 'TO1',
  };
  await catalogue.upsertIndicators('cli', [
    {
      ...base,
      code: 'THU',
      nameVi: 'Thu ngân sách',
      nameEn: 'Revenue',
      unitOfMeasure: 'tỷ đồng',
      periodType: 'month',
      aggregation: 'sum',
      timeAggregation: 'sum',
      isPublic: true,
    },
    {
      ...base,
      code: 'DAN_SO',
      nameVi: 'Dân số',
      nameEn: 'Population',
      unitOfMeasure: 'người',
      periodType: 'month',
      aggregation: 'sum',
      timeAggregation: 'last',
      decimals: 0,
    },
    {
      ...base,
      code: 'AQI',
      nameVi: 'Chỉ số AQI',
      nameEn: 'AQI',
      unitOfMeasure: 'AQI',
      periodType: 'month',
      aggregation: 'mean',
      timeAggregation: 'mean',
      direction: 'lower_better',
      thresholds: { mode: 'absolute', yellow: 100, orange: 150, red: 200 },
    },
    {
      ...base,
      code: 'GIA',
      nameVi: 'Giá bình quân',
      nameEn: 'Mean price',
      unitOfMeasure: 'nghìn đồng',
      periodType: 'month',
      aggregation: 'weighted_mean',
      weightIndicatorCode: 'DAN_SO',
      timeAggregation: 'mean',
    },
    {
      ...base,
      domainCode: 'TTHC',
      code: 'HS_XL',
      nameVi: 'Hồ sơ đã xử lý',
      nameEn: 'Dossiers processed',
      unitOfMeasure: 'hồ sơ',
      periodType: 'month',
      aggregation: 'sum',
      timeAggregation: 'sum',
      decimals: 0,
    },
    {
      ...base,
      domainCode: 'TTHC',
      code: 'HS_DH',
      nameVi: 'Hồ sơ đúng hạn',
      nameEn: 'Dossiers on time',
      unitOfMeasure: 'hồ sơ',
      periodType: 'month',
      aggregation: 'sum',
      timeAggregation: 'sum',
      decimals: 0,
    },
    {
      ...base,
      domainCode: 'TTHC',
      code: 'TL_DH',
      nameVi: 'Tỷ lệ hồ sơ đúng hạn',
      nameEn: 'On-time dossier rate',
      unitOfMeasure: '%',
      periodType: 'month',
      aggregation: 'formula',
      formula: '100 * HS_DH / HS_XL',
      timeAggregation: 'mean',
      isPublic: true,
    },
  ]);
}

/**
 * Hand-checkable figures on the fixture: THU (sum) for January–March 2024 with a gap (C3 in
 * January) and January 2023; dossiers for the on-time ratio; AQI (mean); population and price
 * (weighted mean); annual targets for THU at P (840) and TL_DH at D1 (80 %).
 */
export async function loadFixtureData(services: Services): Promise<void> {
  const rows = [
    // THU (sum): C3 has no January figure.
    ...[
      ['C1', 10, 11, 12],
      ['C2', 20, 21, 22],
      ['C3', null, 31, 32],
      ['C4', 5, 6, 7],
    ].flatMap(([unit, ...values]) =>
      values.flatMap((v, m) =>
        v === null
          ? []
          : [{ indicator: 'THU', unit: unit as string, period: `2024-0${m + 1}`, value: v as number }],
      ),
    ),
    { indicator: 'THU', unit: 'C1', period: '2023-01', value: 8 },
    { indicator: 'THU', unit: 'C2', period: '2023-01', value: 16 },
    { indicator: 'THU', unit: 'C3', period: '2023-01', value: 24 },
    // Dossiers: rate = on time / processed, recomputed at each level.
    { indicator: 'HS_XL', unit: 'C1', period: '2024-01', value: 10 },
    { indicator: 'HS_DH', unit: 'C1', period: '2024-01', value: 9 },
    { indicator: 'HS_XL', unit: 'C2', period: '2024-01', value: 100 },
    { indicator: 'HS_DH', unit: 'C2', period: '2024-01', value: 50 },
    { indicator: 'HS_XL', unit: 'C4', period: '2024-01', value: 10 },
    { indicator: 'HS_DH', unit: 'C4', period: '2024-01', value: 10 },
    { indicator: 'AQI', unit: 'C1', period: '2024-01', value: 50 },
    { indicator: 'AQI', unit: 'C2', period: '2024-01', value: 160 },
    { indicator: 'DAN_SO', unit: 'C1', period: '2024-01', value: 1000 },
    { indicator: 'DAN_SO', unit: 'C1', period: '2024-02', value: 1010 },
    { indicator: 'DAN_SO', unit: 'C1', period: '2024-03', value: 1020 },
    { indicator: 'DAN_SO', unit: 'C2', period: '2024-01', value: 3000 },
    { indicator: 'GIA', unit: 'C1', period: '2024-01', value: 10 },
    { indicator: 'GIA', unit: 'C2', period: '2024-01', value: 20 },
  ];
  await writeRows(services, rows);
  await services.catalogue.upsertTargets('cli', [
    { indicatorCode: 'THU', unitCode: 'P', period: '2024', value: 840 },
    { indicatorCode: 'TL_DH', unitCode: 'D1', period: '2024', value: 80 },
  ]);
}

/** Writes observations as the trusted CLI and waits for the roll-ups. */
export async function writeRows(
  services: Services,
  rows: { indicator: string; unit: string; period: string; value: number }[],
): Promise<void> {
  await services.observations.write('cli', { rows, rowNumbers: rows.map((_, i) => i + 1), mode: 'all' });
  await services.refresher.drain();
}

/** Creates a user and returns a session token for it. */
export async function loginAs(
  ctx: TestContext,
  user: { username: string; role: string; scopeUnitCode?: string | null; organisationCode?: string | null },
): Promise<string> {
  const password = 'mat-khau-thu-nghiem';
  await ctx.services.auth.createUser('cli', { displayName: user.username, password, ...user } as never);
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: user.username, password },
  });
  return (response.json() as { token: string }).token;
}
