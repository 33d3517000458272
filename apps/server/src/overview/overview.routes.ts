import { unitLevelSchema } from '@ioc/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.js';

export const overviewRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/overview',
      {
        schema: {
          tags: ['overview'],
          summary:
            'Bức tranh tổng quan: chỉ tiêu theo lĩnh vực và cảnh báo / Overview: indicators by domain and warnings',
          querystring: z.object({
            period: z.string().describe('Tháng / month, e.g. 2025-06'),
            level: unitLevelSchema
              .optional()
              .describe('Cấp đơn vị của danh sách cảnh báo / level of the warning list'),
          }),
        },
      },
      async (request) => services.overview.overview(request.actor, request.query),
    );

    app.get(
      '/overview/latest-month',
      {
        schema: {
          tags: ['overview'],
          summary:
            'Tháng gần nhất có số liệu (màn hình mở mặc định ở tháng này) / The latest month with figures',
        },
      },
      async (request) => ({ month: await services.overview.latestMonth(request.actor) }),
    );

    app.get(
      '/units/:code/scorecard',
      {
        schema: {
          tags: ['overview'],
          summary: 'Thẻ điểm một đơn vị / Scorecard of one unit',
          params: z.object({ code: z.string() }),
          querystring: z.object({ period: z.string().describe('Tháng / month, e.g. 2025-06') }),
        },
      },
      async (request) => services.overview.scorecard(request.actor, request.params.code, request.query),
    );
  };
