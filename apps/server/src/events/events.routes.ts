import { eventInputSchema, eventSeveritySchema } from '@ioc/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.js';
import { viewportSchema } from '../map/point-clusters.js';

const MAX_BATCH = 1000;

const groupFilters = z.object({
  type: z.string().optional(),
  severity: eventSeveritySchema.optional(),
  unit: z.string().optional(),
  state: z.enum(['open', 'linked']).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(100_000).default(200),
});

export const eventRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/events',
      {
        schema: {
          tags: ['events'],
          summary:
            'Nhận sự kiện (một hoặc lô), gửi lại không nhân đôi / Receive events (one or a batch), idempotent by source and sourceId',
          description:
            '201 khi có sự kiện mới, 200 khi tất cả đã có / 201 when an event is new, 200 when all were already stored. ' +
            'Khóa API hoặc người vận hành / API key or operator.',
          body: z.union([
            eventInputSchema,
            z.object({ events: z.array(eventInputSchema).min(1).max(MAX_BATCH) }),
          ]),
        },
      },
      async (request, reply) => {
        if ('events' in request.body) {
          const results = [];
          // In order, one by one: each acknowledged event is committed; a retry of the batch is harmless.
          for (const event of request.body.events)
            results.push(await services.events.ingest(event, request.actor));
          return reply.status(results.some((r) => r.created) ? 201 : 200).send({ results });
        }
        const result = await services.events.ingest(request.body, request.actor);
        return reply.status(result.created ? 201 : 200).send(result);
      },
    );

    app.get(
      '/events/groups',
      {
        schema: {
          tags: ['events'],
          summary: 'Nhóm sự kiện gần đây (số lần, lần đầu/cuối) / Recent event groups with counts',
          querystring: groupFilters,
        },
      },
      async (request) => ({ groups: await services.events.listGroups(request.actor, request.query) }),
    );

    app.get(
      '/events/clusters',
      {
        schema: {
          tags: ['events'],
          summary:
            'Nhóm sự kiện trong khung nhìn, gom cụm theo lưới với số đếm chính xác / Event groups on screen, clustered with exact counts',
          description:
            'bbox = tây,nam,đông,bắc (độ); mỗi điểm có count (số nhóm) và weight (số sự kiện); total là cả lớp / ' +
            'bbox = west,south,east,north (degrees); each feature has count (groups) and weight (events); total is the whole layer.',
          querystring: groupFilters.omit({ limit: true }).extend(viewportSchema.shape),
        },
      },
      async (request) => {
        const { zoom, bbox, ...filters } = request.query;
        return services.events.clusters(request.actor, filters, { zoom, bbox });
      },
    );

    app.get(
      '/events/groups/:id/events',
      {
        schema: {
          tags: ['events'],
          summary: 'Các sự kiện của một nhóm / Events of a group',
          params: z.object({ id: z.string().regex(/^\d+$/) }),
        },
      },
      async (request) => ({ events: await services.events.listEvents(request.actor, request.params.id) }),
    );
  };
