import { cameraStatusSchema, cameraTypeSchema } from '@ioc/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.js';
import { viewportSchema } from '../map/point-clusters.js';

const filterSchema = z.object({
  unit: z.string().optional(),
  type: cameraTypeSchema.optional(),
  status: cameraStatusSchema.optional(),
});

export const cameraRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/cameras',
      {
        schema: {
          tags: ['cameras'],
          summary: 'Danh sách camera trong phạm vi, lọc và phân trang / Cameras in scope, filtered and paged',
          querystring: filterSchema.extend({
            q: z.string().max(100).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(500).default(50),
          }),
        },
      },
      async (request) => services.cameras.list(request.actor, request.query),
    );

    app.get(
      '/cameras/nearby',
      {
        schema: {
          tags: ['cameras'],
          summary: 'Camera gần một điểm, gần nhất trước / Cameras near a point, nearest first',
          querystring: z.object({
            lon: z.coerce.number().min(-180).max(180),
            lat: z.coerce.number().min(-90).max(90),
            radiusM: z.coerce.number().positive().max(50_000).default(1000),
          }),
        },
      },
      async (request) => services.cameras.nearby(request.actor, request.query),
    );

    app.get(
      '/cameras/geojson',
      {
        schema: {
          tags: ['cameras'],
          summary: 'Camera dạng GeoJSON cho bản đồ / Cameras as GeoJSON points for maps',
          querystring: filterSchema,
        },
      },
      async (request) => services.cameras.geojson(request.actor, request.query),
    );

    app.get(
      '/cameras/clusters',
      {
        schema: {
          tags: ['cameras'],
          summary:
            'Camera trong khung nhìn, gom cụm với số đếm chính xác / Cameras on screen, clustered with exact counts',
          querystring: filterSchema.extend(viewportSchema.shape),
        },
      },
      async (request) => {
        const { zoom, bbox, ...filter } = request.query;
        return services.cameras.clusters(request.actor, filter, { zoom, bbox });
      },
    );

    app.get(
      '/cameras/:code',
      {
        schema: {
          tags: ['cameras'],
          summary: 'Một camera / One camera',
          params: z.object({ code: z.string() }),
        },
      },
      async (request) => services.cameras.get(request.actor, request.params.code),
    );

    app.post(
      '/cameras',
      {
        schema: {
          tags: ['cameras'],
          summary: 'Đăng ký camera (quản trị) / Register a camera (administrators)',
          body: z.record(z.string(), z.unknown()),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await services.cameras.create(request.actor, request.body)),
    );

    app.put(
      '/cameras/:code',
      {
        schema: {
          tags: ['cameras'],
          summary: 'Sửa camera (quản trị) / Update a camera (administrators)',
          params: z.object({ code: z.string() }),
          body: z.record(z.string(), z.unknown()),
        },
      },
      async (request) => services.cameras.update(request.actor, request.params.code, request.body),
    );
  };
