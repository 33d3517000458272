import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.js';

const params = z.object({ code: z.string().min(1) });

export const connectorRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/connectors',
      {
        schema: {
          tags: ['connectors'],
          summary: 'Các kết nối lấy dữ liệu tự động và lần chạy gần nhất / Connectors with their last run',
        },
      },
      async (request) => ({ connectors: await services.connectors.list(request.actor) }),
    );

    app.post(
      '/connectors',
      {
        schema: {
          tags: ['connectors'],
          summary: 'Tạo hoặc sửa kết nối (quản trị) / Create or update a connector',
          description:
            '`{code, name, url, method?, schedule:{kind:"interval",minutes}|{kind:"daily",time:"HH:MM"}, headers?, format:"json"|"csv", ' +
            'recordsPath?, mapping:{indicator, unit, period, value, disaggregation?} (each {field} or {constant}), cursor?:{field, param}, ' +
            'allowPartial?, maxAttempts?, timeoutMs?, isActive?}`. Headers are secret: answers show them masked; omit them on update to keep them.',
          body: z.record(z.string(), z.unknown()),
        },
      },
      async (request) => ({ connector: await services.connectors.upsert(request.actor, request.body) }),
    );

    app.get(
      '/connectors/:code',
      { schema: { tags: ['connectors'], summary: 'Một kết nối / One connector', params } },
      async (request) => ({ connector: await services.connectors.get(request.actor, request.params.code) }),
    );

    app.get(
      '/connectors/:code/runs',
      {
        schema: {
          tags: ['connectors'],
          summary: 'Nhật ký các lần chạy, lỗi từng dòng / Run log with row errors',
          params,
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
        },
      },
      async (request) => ({
        runs: await services.connectors.runs(request.actor, request.params.code, request.query.limit),
      }),
    );

    app.post(
      '/connectors/:code/run',
      { schema: { tags: ['connectors'], summary: 'Chạy ngay / Run now', params } },
      async (request) => ({ run: await services.connectors.run(request.actor, request.params.code) }),
    );
  };
