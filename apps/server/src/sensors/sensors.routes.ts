import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sensorKindSchema, sensorStatusSchema } from '@ioc/shared';
import { z } from 'zod';
import type { Services } from '../app.js';
import { viewportSchema } from '../map/point-clusters.js';
import { sensorsFromCsv } from './sensors-csv.js';

export const sensorRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/sensors',
      {
        schema: {
          tags: ['sensors'],
          summary: 'Danh sách cảm biến, số đo mới nhất, mức cảnh báo / Sensors with latest readings',
          querystring: z.object({ kind: sensorKindSchema.optional(), unit: z.string().optional() }),
        },
      },
      async (request) => ({ sensors: await services.sensors.list(request.actor, request.query) }),
    );

    app.get(
      '/sensors/clusters',
      {
        schema: {
          tags: ['sensors'],
          summary:
            'Cảm biến trong khung nhìn, gom cụm với số đếm chính xác / Sensors on screen, clustered with exact counts',
          description:
            '`status`: `alarm` (a reading over a threshold now), `normal` (active, within thresholds) or `inactive`.',
          querystring: viewportSchema.extend({
            kind: sensorKindSchema.optional(),
            status: sensorStatusSchema.optional(),
            unit: z.string().optional(),
          }),
        },
      },
      async (request) => {
        const { zoom, bbox, ...filter } = request.query;
        return services.sensors.clusters(request.actor, filter, { zoom, bbox });
      },
    );

    app.post(
      '/sensors',
      {
        schema: {
          tags: ['sensors'],
          summary:
            'Đăng ký hoặc cập nhật cảm biến (JSON hoặc CSV) / Register or update sensors (JSON or CSV)',
          description:
            'JSON `{sensors:[{code, name, kind, lon, lat, unitCode?, readings:[{name, label?, uom, indicatorCode?, statistic?, thresholds:[{level, above|below}]}]}]}` ' +
            'or `text/csv` with code,name,kind,lon,lat,unit,reading,label,uom,indicator,statistic,thresholds (one line per reading; ' +
            'thresholds like `moderate>50;severe>75`). All or nothing; the unit is derived from the location when absent.',
          body: z.union([z.object({ sensors: z.array(z.unknown()).min(1).max(10_000) }), z.string()]),
        },
      },
      async (request) =>
        services.sensors.upsert(
          request.actor,
          typeof request.body === 'string' ? sensorsFromCsv(request.body) : request.body.sensors,
        ),
    );

    app.get(
      '/sensors/rollups',
      {
        schema: {
          tags: ['sensors'],
          summary:
            'Trung bình, nhỏ nhất, lớn nhất theo giờ/ngày của cảm biến hoặc đơn vị / Hourly or daily figures',
          querystring: z.object({
            sensor: z.string().optional(),
            unit: z.string().optional(),
            reading: z.string().min(1),
            bucket: z.enum(['hour', 'day']).default('hour'),
            from: z.iso.datetime({ offset: true }),
            to: z.iso.datetime({ offset: true }),
          }),
        },
      },
      async (request) => ({ figures: await services.sensors.rollups(request.actor, request.query) }),
    );

    app.get(
      '/sensors/alerts',
      {
        schema: {
          tags: ['sensors'],
          summary: 'Cảnh báo vượt ngưỡng gần đây / Recent threshold warnings',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() }),
        },
      },
      async (request) => ({ alerts: await services.sensors.alerts(request.actor, request.query) }),
    );

    app.get(
      '/sensors/rejects',
      {
        schema: {
          tags: ['sensors'],
          summary: 'Bản tin MQTT bị từ chối và lý do (quản trị) / Refused MQTT messages and why',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        },
      },
      async (request) => ({ rejects: await services.sensors.rejects(request.actor, request.query.limit) }),
    );
  };
