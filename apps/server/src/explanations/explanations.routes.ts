import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.js';

const subject = z.object({ unit: z.string().min(1), period: z.string().min(4) });

export const explanationRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/indicators/:code/explanations',
      {
        schema: {
          tags: ['explanations'],
          summary: 'Luồng giải trình của một chỉ tiêu cho đơn vị và kỳ / Explanation thread',
          params: z.object({ code: z.string() }),
          querystring: subject,
        },
      },
      async (request) => ({
        entries: await services.explanations.list(request.actor, request.params.code, request.query),
      }),
    );

    app.post(
      '/indicators/:code/explanations',
      {
        schema: {
          tags: ['explanations'],
          summary:
            'Thêm giải trình (đơn vị phụ trách) hoặc ý kiến (lãnh đạo, phân tích) / Add an explanation or a comment',
          params: z.object({ code: z.string() }),
          body: subject.extend({
            text: z.string().trim().min(1).max(5000),
            kind: z.enum(['explanation', 'comment']),
          }),
        },
      },
      async (request, reply) =>
        reply.status(201).send({
          entries: await services.explanations.add(request.actor, request.params.code, request.body),
        }),
    );
  };
