import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.js';

export const auditRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'Nhật ký thay đổi (quản trị, lãnh đạo) / Audit trail (administrators, leaders)',
          querystring: z.object({
            entity: z.string().optional(),
            key: z.string().optional(),
            actor: z.string().optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
          }),
        },
      },
      async (request) => ({ entries: await services.audit.list(request.actor, request.query) }),
    );
  };
