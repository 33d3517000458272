import { periodTypeSchema, unitLevelSchema } from '@ioc/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.js';
import { toCsv, toXlsx } from './values-export.js';

const params = z.object({ code: z.string() });
const unitsQuery = z.object({
  period: z.string().describe('2024-03, 2024-Q1, 2024-6M, 2024-9M, 2024-YTD05, 2024, 2024-W07, 2024-03-15'),
  level: unitLevelSchema
    .optional()
    .describe('Cấp đơn vị (mặc định: district) / Unit level (default district)'),
  parent: z
    .string()
    .optional()
    .describe('Mã đơn vị cha: lấy các đơn vị con / Parent unit code: its children'),
});

export const valuesRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/indicators/:code/values',
      {
        schema: {
          tags: ['values'],
          summary:
            'Giá trị, kế hoạch, mức cảnh báo và lý do của mọi đơn vị trong một kỳ (bản đồ) / Values for every unit (the map)',
          params,
          querystring: unitsQuery,
        },
      },
      async (request) => services.values.values(request.actor, request.params.code, request.query),
    );

    app.get(
      '/indicators/:code/ranking',
      {
        schema: {
          tags: ['values'],
          summary:
            'Xếp hạng và so sánh các đơn vị, so với cùng kỳ / Ranking and comparison of units, vs same period last year',
          params,
          querystring: unitsQuery,
        },
      },
      async (request) => services.values.ranking(request.actor, request.params.code, request.query),
    );

    app.get(
      '/indicators/:code/export',
      {
        schema: {
          tags: ['values'],
          summary: 'Tải số liệu các đơn vị (CSV/XLSX) / Download the values of all units (CSV/XLSX)',
          params,
          querystring: unitsQuery.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
        },
      },
      async (request, reply) => {
        const { format, ...query } = request.query;
        const table = await services.values.values(request.actor, request.params.code, query);
        const name = `${table.indicator.code}_${table.period.code}.${format}`;
        reply.header('content-disposition', `attachment; filename="${name}"`);
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(table));
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .send(await toXlsx(table));
      },
    );

    app.get(
      '/indicators/:code/series',
      {
        schema: {
          tags: ['values'],
          summary:
            'Chuỗi thời gian của một đơn vị: kế hoạch, lũy kế, cùng kỳ / Time series with target, YTD, same period last year',
          params,
          querystring: z.object({
            unit: z.string(),
            from: z.string().optional(),
            to: z.string().optional(),
            periodType: periodTypeSchema.optional(),
          }),
        },
      },
      async (request) => services.values.series(request.actor, request.params.code, request.query),
    );
  };
