/**
 * The dossier figures counted in SQL (dossier-figure-sql.ts) on hand-computed fixtures, the
 * warehouse indicators written from them over months, quarters, YTDs and the year — including
 * the opening stock "carried over" and the derived "to process" — and the drill-down behind each.
 */
import { DOSSIER_FIGURES, periodInstants, type DossierCounts } from '@ioc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countFigures, type FigureGrouping } from '../src/dossiers/dossier-figure-sql.js';
import { addCounts, emptyCounts } from '../src/dossiers/dossier-figures.js';
import { ENGINES, loadFixture, loginAs, startTestApp, type TestContext } from './harness.js';

const local = (t: string) => `${t}+07:00`;
const dossier = (
  code: string,
  unit: string,
  received: string,
  due: string | null,
  finished: string | null,
  extra: Record<string, unknown> = {},
) => ({
  code,
  procedureCode: code < 'F' ? '1.001' : '2.002',
  procedureName: code < 'F' ? 'Cấp giấy chứng nhận quyền sử dụng đất' : 'Đăng ký hộ kinh doanh',
  fieldCode: code < 'F' ? 'DAT_DAI' : 'KINH_DOANH',
  fieldName: code < 'F' ? 'Đất đai' : 'Hộ kinh doanh',
  agencyCode: `UBND_${unit}`,
  agencyName: `UBND ${unit}`,
  unit,
  channel: 'direct',
  receivedAt: local(received),
  dueAt: due ? local(due) : null,
  finishedAt: finished ? local(finished) : null,
  status: finished ? 'finished' : 'in_progress',
  ...extra,
});

/** Eleven dossiers around the first half of 2024; every figure below is counted by hand. */
const FIXTURE = [
  dossier('A', 'C1', '2024-02-20T09:00', '2024-03-05T17:00', '2024-03-04T10:00'), // carried into March, done on time
  dossier('B', 'C1', '2024-02-25T09:00', '2024-03-02T17:00', '2024-03-10T10:00'), // carried into March, done late
  dossier('C', 'C1', '2024-02-10T09:00', '2024-02-20T17:00', '2024-02-28T10:00'), // closed before March
  dossier('D', 'C1', '2024-03-03T09:00', '2024-03-10T17:00', '2024-03-09T10:00', {
    channel: 'online',
    hasFee: true,
    paidOnline: true,
    digitised: true,
    publishedAt: local('2024-03-03T09:30'), // on the portal half an hour after reception
  }),
  dossier('E', 'C1', '2024-03-15T09:00', '2024-03-21T08:00', null, {
    hasFee: true,
    publishedAt: local('2024-03-16T15:00'), // 30 hours after reception: late
  }),
  dossier('F', 'C2', '2024-03-28T09:00', '2024-04-01T12:00', null, {
    channel: 'online',
    publishedAt: local('2024-03-28T10:00'),
  }),
  dossier('G', 'C2', '2024-03-30T09:00', '2024-04-10T17:00', '2024-04-05T10:00', { channel: 'post' }), // never published
  dossier('H', 'C2', '2024-01-15T09:00', '2024-02-15T17:00', null), // carried over month after month, late
  dossier('I', 'C2', '2024-04-02T09:00', '2024-04-09T17:00', null),
  dossier('J', 'C2', '2024-03-20T08:00', null, '2024-03-21T10:00', {
    publishedAt: local('2024-03-21T08:00'), // exactly 24 hours: on time
  }), // no deadline: never late
  dossier('K', 'C3', '2023-12-20T09:00', '2024-01-10T17:00', '2024-02-05T10:00'), // carried from 2023 into January and February
];

/** Per unit, as the warehouse should hold them (P = D1 = everything; D2 has none). */
const CARRIED_OVER: Record<string, Record<string, number>> = {
  // Months: Jan K; Feb K H; Mar A B H; Apr E F G H; May E F H I. Quarters and years: their first month.
  P: { '2024-01': 1, '2024-02': 2, '2024-03': 3, '2024-04': 4, '2024-05': 4, '2024-Q1': 1, '2024-Q2': 4 },
  C1: { '2024-01': 0, '2024-03': 2, '2024-04': 1, '2024-Q1': 0, '2024-Q2': 1 },
  C2: { '2024-01': 0, '2024-02': 1, '2024-04': 3, '2024-Q1': 0, '2024-Q2': 3 },
  C3: { '2024-01': 1, '2024-02': 1, '2024-03': 0, '2024-Q1': 1 },
};
const TO_PROCESS: Record<string, Record<string, number>> = {
  // Carried over at the start + received in the period: Jan 1 + 1 (H); Feb 2 + 3 (A B C); Mar 3 + 5
  // (D E F G J); Apr 4 + 1 (I); May 4 + 0; Q1 1 + 9; Q2 4 + 1; YTD03 = Q1; the year 1 + 10.
  P: { '2024-01': 2, '2024-02': 5, '2024-03': 8, '2024-04': 5, '2024-05': 4, '2024-Q1': 10, '2024-Q2': 5 },
  C1: { '2024-03': 4, '2024-Q1': 5, '2024-Q2': 1 }, // A B D E in March; A–E in Q1; E in Q2
  C2: { '2024-03': 4, '2024-Q1': 4, '2024-Q2': 4 }, // F G H J; F G H J; F G H I
  C3: { '2024-01': 1, '2024-02': 1, '2024-03': 0, '2024-Q1': 1 },
};
const YEAR = { P: { carried: 1, toProcess: 11 }, C3: { carried: 1, toProcess: 1 } };

const DAY = 86_400_000;
const windowOf = (period: string, now: string) => ({
  ...periodInstants(period)!,
  now: new Date(local(now)),
  dueSoonMs: DAY,
});

describe.each(ENGINES)('dossier figures on $name', (engine) => {
  let ctx: TestContext;
  let admin: string;
  const get = (url: string) =>
    ctx.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${admin}` } });

  /** The figures of all dossiers (every group summed) in a window. */
  const total = async (window: ReturnType<typeof windowOf>, by: FigureGrouping = 'unit') => {
    const sums = new Map<string, DossierCounts>();
    for (const row of await countFigures(ctx.handle.db, window, by)) addCounts(sums, 'all', row.counts);
    return sums.get('all') ?? emptyCounts();
  };

  beforeAll(async () => {
    ctx = await startTestApp(engine, { clock: () => new Date(local('2024-06-01T00:00')) });
    await loadFixture(ctx.services);
    const base = {
      domainCode: 'TTHC',
      unitOfMeasure: 'hồ sơ',
      periodType: 'month',
      decimals: 0,
      direction: 'lower_better',
      thresholds: { mode: 'achievement', yellow: 100, orange: 110, red: 125 },
      source: 'Một cửa',
      isPublic: false,
    };
    await ctx.services.catalogue.upsertIndicators('cli', [
      {
        ...base,
        code: 'DVC_HS_TIEP_NHAN',
        nameVi: 'Tiếp nhận',
        nameEn: 'Received',
        aggregation: 'sum',
        timeAggregation: 'sum',
      },
      {
        ...base,
        code: 'DVC_HS_TON_KY',
        nameVi: 'Tồn kỳ trước',
        nameEn: 'Carried over',
        aggregation: 'sum',
        timeAggregation: 'first',
      },
      {
        ...base,
        code: 'DVC_HS_CAN_XU_LY',
        nameVi: 'Phải giải quyết',
        nameEn: 'To process',
        aggregation: 'formula',
        formula: 'DVC_HS_TON_KY + DVC_HS_TIEP_NHAN',
        timeAggregation: 'mean',
      },
    ] as never);
    admin = await loginAs(ctx, { username: 'admin', role: 'administrator' });
    const stored = await ctx.services.dossiers.write('cli', {
      rows: FIXTURE,
      rowNumbers: FIXTURE.map((_, i) => i + 1),
      mode: 'all',
      source: 'test',
    });
    expect(stored.body).toMatchObject({ inserted: FIXTURE.length, rejected: 0 });
  });
  afterAll(() => ctx.close());

  it('counts a past month as of its end, by hand', async () => {
    expect(await total(windowOf('2024-03', '2024-06-01T00:00'))).toEqual({
      received: 5, // D E F G J
      carried_over: 3, // A B H
      to_process: 8,
      done: 4, // A B D J
      done_on_time: 3, // A D J
      done_late: 1, // B
      in_progress: 4, // E F G H
      in_progress_late: 2, // E H
      in_progress_due_soon: 1, // F
      in_progress_not_due: 1, // G
      online: 2, // D F
      with_fee: 2, // D E
      paid_online: 1, // D
      digitised: 1, // D
      published: 3, // D F J: not E (30 hours) nor G (never)
    } satisfies DossierCounts as DossierCounts);
  });

  it('counts the running month as of now', async () => {
    expect(await total(windowOf('2024-03', '2024-03-20T12:00'))).toEqual({
      received: 3, // D E J (F and G not yet received)
      carried_over: 3,
      to_process: 6,
      done: 3, // A B D
      done_on_time: 2,
      done_late: 1,
      in_progress: 3,
      in_progress_late: 1, // H
      in_progress_due_soon: 1, // E, due tomorrow 08:00
      in_progress_not_due: 1, // J, finished only tomorrow
      online: 1,
      with_fee: 2,
      paid_online: 1,
      digitised: 1,
      published: 2, // D, and J (its publication within 24 hours is on the record); E never on time
    } satisfies DossierCounts as DossierCounts);
  });

  it('carries a dossier over into every month until it is finished', async () => {
    expect(await total(windowOf('2024-04', '2024-06-01T00:00'))).toMatchObject({
      received: 1, // I
      carried_over: 4, // E F G H
      to_process: 5,
      done: 1, // G
      in_progress: 4, // E F H I, all late by the end of April
      in_progress_late: 4,
    });
    expect(await total(windowOf('2024-01', '2024-06-01T00:00'))).toMatchObject({
      received: 1, // H
      carried_over: 1, // K, from December 2023
      to_process: 2,
      done: 0,
      in_progress_late: 1, // K was due on 10 January
    });
  });

  it('counts each unit, agency and field on its own', async () => {
    const march = windowOf('2024-03', '2024-06-01T00:00');
    const byUnit = new Map(
      (await countFigures(ctx.handle.db, march, 'unit')).map((r) => [r.key, r.counts] as const),
    );
    const id = async (code: string) =>
      (
        await ctx.handle.db
          .selectFrom('units')
          .select('id')
          .where('code', '=', code)
          .executeTakeFirstOrThrow()
      ).id;
    expect(byUnit.get(String(await id('C1')))).toMatchObject({
      to_process: 4,
      done_late: 1,
      in_progress_late: 1,
    }); // A B D E
    expect(byUnit.get(String(await id('C2')))).toMatchObject({
      to_process: 4,
      in_progress_late: 1,
      received: 3,
    }); // F G H J
    expect(byUnit.has(String(await id('C3')))).toBe(false); // K closed before March
    const byField = await countFigures(ctx.handle.db, march, 'field');
    expect(byField.map((r) => [r.key, r.name, r.counts.done]).sort()).toEqual([
      ['DAT_DAI', 'Đất đai', 3], // A B D
      ['KINH_DOANH', 'Hộ kinh doanh', 1], // J
    ]);
    expect(await total(march, 'agency')).toEqual(await total(march));
  });

  it('counts a dossier published on the national portal within 24 hours of reception, and refuses a publication before reception', async () => {
    const march = await total(windowOf('2024-03', '2024-06-01T00:00'));
    expect(march.published).toBe(3); // D (30 min), F (1 h), J (24 h); not E (30 h) nor G (never)
    const list = (await get('/api/v1/dossiers?figure=published&period=2024-03&unit=P')).json();
    expect(list.items.map((d: { code: string }) => d.code).sort()).toEqual(['D', 'F', 'J']);
    const detail = (await get('/api/v1/dossiers/E')).json();
    expect(detail.publishedAt).toBe(new Date(local('2024-03-16T15:00')).toISOString());
    const refused = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { authorization: `Bearer ${admin}` },
      payload: { dossiers: [{ ...FIXTURE[0], code: 'Z', publishedAt: local('2024-02-19T09:00') }] },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details.errors[0]).toMatchObject({
      field: 'publishedAt',
      code: 'PUBLISHED_BEFORE_RECEIVED',
      message: 'Thời điểm công khai trên Cổng DVC quốc gia trước thời điểm tiếp nhận.',
    });
  });

  it('writes carried over and to process into the warehouse for months, quarters, YTDs and the year, each the count of its drill-down', async () => {
    await ctx.services.figures.drain();
    await ctx.services.refresher.drain();
    const value = async (indicator: string, period: string, unit: string) => {
      const level = unit === 'P' ? 'province' : unit.startsWith('D') ? 'district' : 'commune';
      const body = (
        await get(`/api/v1/indicators/${indicator}/values?period=${period}&level=${level}`)
      ).json();
      return body.rows.find((r: { unit: { code: string } }) => r.unit.code === unit)?.value;
    };
    const listed = async (indicator: string, period: string, unit: string) =>
      (await get(`/api/v1/dossiers?figure=${indicator}&period=${period}&unit=${unit}&pageSize=50`)).json();
    const expected: [string, Record<string, Record<string, number>>][] = [
      ['DVC_HS_TON_KY', CARRIED_OVER],
      ['DVC_HS_CAN_XU_LY', TO_PROCESS],
    ];
    for (const [indicator, table] of expected) {
      for (const [unit, periods] of Object.entries(table)) {
        for (const [period, figure] of Object.entries(periods)) {
          expect([indicator, unit, period, await value(indicator, period, unit)]).toEqual([
            indicator,
            unit,
            period,
            figure,
          ]);
          const list = await listed(indicator, period, unit);
          expect([indicator, unit, period, list.total, list.items.length]).toEqual([
            indicator,
            unit,
            period,
            figure,
            figure,
          ]);
        }
      }
    }
    for (const [unit, year] of Object.entries(YEAR)) {
      expect(await value('DVC_HS_TON_KY', '2024', unit)).toBe(year.carried);
      expect(await value('DVC_HS_CAN_XU_LY', '2024', unit)).toBe(year.toProcess);
      expect(await value('DVC_HS_CAN_XU_LY', '2024-YTD03', unit)).toBe(TO_PROCESS[unit]!['2024-Q1']);
      expect((await listed('DVC_HS_TON_KY', '2024', unit)).total).toBe(year.carried);
      expect((await listed('DVC_HS_CAN_XU_LY', '2024', unit)).total).toBe(year.toProcess);
    }
    const codes = async (indicator: string, period: string) =>
      (await listed(indicator, period, 'P')).items.map((d: { code: string }) => d.code).sort();
    expect(await codes('DVC_HS_TON_KY', '2024-Q1')).toEqual(['K']);
    expect(await codes('DVC_HS_TON_KY', '2024-Q2')).toEqual(['E', 'F', 'G', 'H']);
    expect(await codes('DVC_HS_CAN_XU_LY', '2024-Q2')).toEqual(['E', 'F', 'G', 'H', 'I']);
    // Every figure of every month is what the figures API says, at the province.
    for (const month of ['2024-01', '2024-03', '2024-05']) {
      const counts = (await get(`/api/v1/dossiers/figures?period=${month}`)).json().rows[0].month;
      for (const figure of DOSSIER_FIGURES)
        expect([month, figure, counts[figure]]).toEqual([
          month,
          figure,
          (await total(windowOf(month, '2024-06-01T00:00')))[figure],
        ]);
    }
  });
});
