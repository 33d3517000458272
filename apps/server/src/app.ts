import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { AuditService } from './audit/audit.service.js';
import { auditRoutes } from './audit/audit.routes.js';
import { AuthService } from './auth/auth.service.js';
import { authRoutes } from './auth/auth.routes.js';
import { CatalogueService } from './catalogue/catalogue.service.js';
import { catalogueRoutes } from './catalogue/catalogue.routes.js';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/database.js';
import { DEMO_NOTICE } from './demo/catalogue.js';
import { AppError } from './errors.js';
import { readCredentials } from './http/request-context.js';
import { ObservationsService } from './observations/observations.service.js';
import { observationRoutes } from './observations/observations.routes.js';
import { RollupRefresher } from './rollups/rollup-refresher.js';
import { ValuesService } from './values/values.service.js';
import { OverviewService } from './overview/overview.service.js';
import { ExplanationsService } from './explanations/explanations.service.js';
import { MapService } from './map/map.service.js';
import { mapRoutes } from './map/map.routes.js';
import { LiveHub } from './stream/live-hub.js';
import { systemClock, type Clock } from './clock.js';
import { DeliveryWorker } from './notifications/delivery-worker.js';
import { NotificationsService } from './notifications/notifications.service.js';
import { notificationRoutes } from './notifications/notifications.routes.js';
import { createTransports } from './notifications/transports.js';
import { streamRoutes } from './stream/stream.routes.js';
import { explanationRoutes } from './explanations/explanations.routes.js';
import { overviewRoutes } from './overview/overview.routes.js';
import { valuesRoutes } from './values/values.routes.js';
import { DataSetsService } from './data-supply/data-sets.service.js';
import { SubmissionsService } from './data-supply/submissions.service.js';
import { dataSupplyRoutes } from './data-supply/data-supply.routes.js';
import { CompletenessService } from './data-supply/completeness.service.js';
import { ReminderScheduler } from './data-supply/reminder-scheduler.js';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface Services {
  map: MapService;
  explanations: ExplanationsService;
  overview: OverviewService;
  audit: AuditService;
  auth: AuthService;
  catalogue: CatalogueService;
  observations: ObservationsService;
  values: ValuesService;
  refresher: RollupRefresher;
  live: LiveHub;
  notifications: NotificationsService;
  deliveries: DeliveryWorker;
  clock: Clock;
  dataSets: DataSetsService;
  submissions: SubmissionsService;
  completeness: CompletenessService;
  reminders: ReminderScheduler;
}

export type ServicesConfig = Pick<Config, 'SESSION_HOURS'> &
  Partial<Pick<Config, 'SMTP_URL' | 'SMTP_FROM' | 'SUPPLY_LATE_FLAG'>>;

export function createServices(
  handle: DatabaseHandle,
  config: ServicesConfig,
  clock: Clock = systemClock,
): Services {
  const refresher = new RollupRefresher(handle.db);
  const live = new LiveHub();
  const transports = createTransports(config);
  const deliveries = new DeliveryWorker(handle.db, transports, clock);
  refresher.onRefreshed((change) => live.publish({ topic: 'data-changed', data: change }));
  const changed = () => refresher.schedule();
  const values = new ValuesService(handle.db);
  const notifications = new NotificationsService(handle.db, live, clock, {
    emailEnabled: transports.email !== null,
    wake: () => deliveries.wake(),
  });
  const dataSets = new DataSetsService(handle.db, clock);
  const completeness = new CompletenessService(handle.db, dataSets, clock, config.SUPPLY_LATE_FLAG ?? 3);
  return {
    explanations: new ExplanationsService(handle.db, values),
    map: new MapService(handle.db),
    audit: new AuditService(handle.db),
    auth: new AuthService(handle.db, config.SESSION_HOURS),
    catalogue: new CatalogueService(handle.db, changed),
    observations: new ObservationsService(handle.db, changed),
    values,
    overview: new OverviewService(handle.db),
    refresher,
    live,
    notifications,
    deliveries,
    clock,
    dataSets,
    submissions: new SubmissionsService(handle.db, dataSets, live, notifications, clock, changed),
    completeness,
    reminders: new ReminderScheduler(handle.db, dataSets, completeness, notifications, clock),
  };
}

/** Builds the HTTP application: API under /api/v1, OpenAPI at /api/openapi.json, docs at /api/docs, the web app at /. */
export async function buildApp(
  handle: DatabaseHandle,
  services: Services,
  options: { logger?: boolean; secureCookies?: boolean; demo?: boolean } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 200 * 1024 * 1024,
    // Live streams stay open; closing the server must not wait for them.
    forceCloseConnections: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );

  // Set for every request by the onRequest hook below.
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (request) => {
    request.actor = await services.auth.authenticate(readCredentials(request));
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) return reply.status(error.status).send(error.toBody());
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        field: `${error.validationContext}${v.instancePath}`,
        message: v.message,
      }));
      const fields = details.map((d) => `${d.field}: ${d.message}`).join('; ');
      return reply.status(400).send(
        new AppError('VALIDATION_FAILED', details, {
          vi: `Dữ liệu gửi lên không hợp lệ: ${fields}`,
          en: `The request is invalid: ${fields}`,
        }).toBody(),
      );
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413) return reply.status(413).send(new AppError('PAYLOAD_TOO_LARGE').toBody());
    if (status === 415) return reply.status(415).send(new AppError('UNSUPPORTED_MEDIA_TYPE').toBody());
    if (status && status >= 400 && status < 500) {
      return reply.status(status).send(
        new AppError('VALIDATION_FAILED', null, {
          vi: `Yêu cầu không hợp lệ: ${(error as Error).message}`,
          en: `Bad request: ${(error as Error).message}`,
        }).toBody(),
      );
    }
    request.log.error(error);
    return reply.status(500).send({ ...new AppError('INTERNAL').toBody(), requestId: request.id });
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'IOC API — Trung tâm giám sát, điều hành thông minh',
        description:
          'Kho chỉ tiêu trên cây đơn vị hành chính / The indicator warehouse over the administrative hierarchy.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ioc_session' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get(
    '/healthz',
    { schema: { tags: ['system'], summary: 'Tình trạng hệ thống / Health' } },
    async () => ({
      status: 'ok',
      database: handle.engine,
      rollupQueue: await services.refresher.pending(),
    }),
  );

  app.get(
    '/api/v1/about',
    {
      schema: {
        tags: ['system'],
        summary: 'Thông tin hệ thống, cảnh báo dữ liệu minh họa / About, demo-data notice',
      },
    },
    async () => ({
      name: 'Trung tâm giám sát, điều hành thông minh (IOC)',
      nameEn: 'Intelligent Operations Center (IOC)',
      demoNotice: options.demo ? DEMO_NOTICE : null,
    }),
  );

  await app.register(auditRoutes(services), { prefix: '/api/v1' });
  await app.register(authRoutes(services, options.secureCookies), { prefix: '/api/v1' });
  await app.register(catalogueRoutes(services), { prefix: '/api/v1' });
  await app.register(observationRoutes(services), { prefix: '/api/v1' });
  await app.register(valuesRoutes(services), { prefix: '/api/v1' });
  await app.register(overviewRoutes(services), { prefix: '/api/v1' });
  await app.register(explanationRoutes(services), { prefix: '/api/v1' });
  await app.register(mapRoutes(services), { prefix: '/api/v1' });
  await app.register(streamRoutes(services), { prefix: '/api/v1' });
  await app.register(notificationRoutes(services), { prefix: '/api/v1' });
  await app.register(dataSupplyRoutes(services), { prefix: '/api/v1' });

  if (existsSync(WEB_DIST)) {
    // wildcard: files are looked up on disk per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true });
    app.setNotFoundHandler((request, reply) =>
      request.url.startsWith('/api/')
        ? reply.status(404).send(new AppError('NOT_FOUND').toBody())
        : reply.sendFile('index.html'),
    );
  }
  return app;
}
