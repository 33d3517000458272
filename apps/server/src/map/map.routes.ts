import { unitLevelSchema } from '@ioc/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.js';

export const mapRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/map/units',
      {
        schema: {
          tags: ['map'],
          summary: 'Lớp bản đồ đơn vị (GeoJSON): ranh giới chính thức hoặc ô sơ đồ minh họa / Unit map layer',
          querystring: z.object({ level: unitLevelSchema, period: z.string() }),
        },
      },
      async (request) => services.map.units(request.actor, request.query),
    );

    app.post(
      '/units/boundaries',
      {
        schema: {
          tags: ['map'],
          summary:
            'Nạp ranh giới chính thức từ GeoJSON (quản trị) / Load official boundaries from GeoJSON (administrators)',
          querystring: z.object({ mode: z.enum(['all', 'partial']).optional() }),
          body: z.record(z.string(), z.unknown()),
        },
      },
      async (request) =>
        services.map.importBoundaries(request.actor, request.body, {
          partial: request.query.mode === 'partial',
        }),
    );
  };
