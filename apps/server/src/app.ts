import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
import { EventsService } from './events/events.service.js';
import { eventRoutes } from './events/events.routes.js';
import { AttachmentStore } from './incidents/attachment-store.js';
import { IncidentsService } from './incidents/incidents.service.js';
import { incidentRoutes } from './incidents/incidents.routes.js';
import { SlaScheduler } from './incidents/sla-scheduler.js';
import { LiveLog } from './stream/live-log.js';
import { UnitCache } from './units/unit-cache.js';
import { overviewRoutes } from './overview/overview.routes.js';
import { valuesRoutes } from './values/values.routes.js';
import { BudgetService } from './budget/budget.service.js';
import { budgetFigures } from './budget/budget-figures.js';
import { budgetRoutes } from './budget/budget.routes.js';
import { InvestmentService } from './investment/investment.service.js';
import { investmentFigures } from './investment/investment-figures.js';
import { investmentRoutes } from './investment/investment.routes.js';
import { FigureRefresher } from './records/figure-refresher.js';
import { RecordIntake } from './records/record-intake.js';
import { DossiersService } from './dossiers/dossiers.service.js';
import { dossierMonthFigures } from './dossiers/dossier-month-figures.js';
import { dossierRoutes } from './dossiers/dossiers.routes.js';
import { DossierDeadlines } from './dossiers/dossier-deadlines.js';
import { DossierPull } from './dossiers/dossier-pull.js';
import { CaseDeadlines } from './cases/case-deadlines.js';
import { CaseFigures } from './cases/case-figures.js';
import { PhotoStore } from './cases/case-photos.js';
import { caseRoutes } from './cases/cases.routes.js';
import { CasesService } from './cases/cases.service.js';
import { open311Routes } from './open311/open311.routes.js';
import { SensorsService } from './sensors/sensors.service.js';
import { sensorRoutes } from './sensors/sensors.routes.js';
import { ConnectorsService } from './connectors/connectors.service.js';
import { connectorRoutes } from './connectors/connectors.routes.js';
import { CamerasService } from './cameras/cameras.service.js';
import { cameraRoutes } from './cameras/cameras.routes.js';
import type { EmitEvent } from './cameras/camera-health.js';
import { PublicAlertsService } from './alerts/alerts.service.js';
import { alertRoutes, capFeedRoutes } from './alerts/alerts.routes.js';
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
  sensors: SensorsService;
  connectors: ConnectorsService;
  notifications: NotificationsService;
  deliveries: DeliveryWorker;
  clock: Clock;
  budget: BudgetService;
  investment: InvestmentService;
  /** Recomputes the budget, investment and dossier indicators from their records. */
  figures: FigureRefresher;
  dossiers: DossiersService;
  dossierDeadlines: DossierDeadlines;
  /** Null when no one-stop system API is configured (DOSSIER_PULL_URL). */
  dossierPull: DossierPull | null;
  cases: CasesService;
  caseDeadlines: CaseDeadlines;
  caseFigures: CaseFigures;
  liveLog: LiveLog;
  events: EventsService;
  incidents: IncidentsService;
  attachments: AttachmentStore;
  slaScheduler: SlaScheduler;
  cameras: CamerasService;
  alerts: PublicAlertsService;
  /** Where camera health, CAP input and sensor warnings hand their events: the events service. */
  emitEvent: EmitEvent;
  dataSets: DataSetsService;
  submissions: SubmissionsService;
  completeness: CompletenessService;
  reminders: ReminderScheduler;
  /** The unit tree and boundaries for hot paths; `locateUnit` places points with it. */
  units: UnitCache;
}

export type ServicesConfig = Pick<Config, 'SESSION_HOURS'> &
  Partial<
    Pick<
      Config,
      | 'SMTP_URL'
      | 'SMTP_FROM'
      | 'IOC_DATA_DIR'
      | 'DOSSIER_WARNING_HOURS'
      | 'DOSSIER_PULL_URL'
      | 'DOSSIER_PULL_API_KEY'
      | 'MQTT_TOPIC_PREFIX'
      | 'EVENT_GROUP_MINUTES'
      | 'EVENT_GROUP_RADIUS_M'
      | 'LIVE_REPLAY_MINUTES'
      | 'CAP_SENDER'
      | 'CAP_SENDER_NAME'
      | 'SUPPLY_LATE_FLAG'
    >
  >;

export function createServices(
  handle: DatabaseHandle,
  config: ServicesConfig,
  clock: Clock = systemClock,
  options: { emitEvent?: EmitEvent } = {},
): Services {
  const refresher = new RollupRefresher(handle.db, () => handle.analyze());
  const live = new LiveHub();
  const transports = createTransports(config);
  const deliveries = new DeliveryWorker(handle.db, transports, clock);
  const overview = new OverviewService(handle.db);
  refresher.onRefreshed((change) => {
    overview.forgetLatestMonth();
    live.publish({ topic: 'data-changed', data: change });
  });
  const changed = () => refresher.schedule();
  const values = new ValuesService(handle.db);
  const observations = new ObservationsService(handle.db, refresher);
  const catalogue = new CatalogueService(handle.db, changed);
  const dueSoonHours = config.DOSSIER_WARNING_HOURS ?? 24;
  const figures = new FigureRefresher(handle.db, observations, catalogue, {
    budget: budgetFigures(handle.db),
    investment: investmentFigures(handle.db),
    dossiers: dossierMonthFigures(handle.db, clock, dueSoonHours),
  });
  const intake = new RecordIntake(handle.db, () => figures.schedule());
  const dossiers = new DossiersService(handle.db, clock, dueSoonHours, () => figures.schedule());
  const units = new UnitCache(handle.db);
  const liveLog = new LiveLog(handle.db, live, units, config.LIVE_REPLAY_MINUTES ?? 30);
  const notifications = new NotificationsService(handle.db, live, clock, {
    emailEnabled: transports.email !== null,
    wake: () => deliveries.wake(),
  });
  // Photos of citizen reports live in the data folder (a scratch folder when there is none, in tests).
  const photoDir = path.join(config.IOC_DATA_DIR ?? path.join(tmpdir(), `ioc-${process.pid}`), 'case-photos');
  const incidents = new IncidentsService(handle.db, liveLog, units, notifications, clock);
  const events = new EventsService(handle.db, units, incidents, liveLog, clock, {
    windowMs: (config.EVENT_GROUP_MINUTES ?? 5) * 60_000,
    radiusM: config.EVENT_GROUP_RADIUS_M ?? 300,
  });
  // Tests may catch the events instead; the product hands them to the events service.
  const emitEvent: EmitEvent =
    options.emitEvent ??
    (async (event) => {
      await events.ingest(event, `system:${event.source}`);
    });
  const cameras = new CamerasService(handle.db, units);
  const dataSets = new DataSetsService(handle.db, clock);
  const completeness = new CompletenessService(handle.db, dataSets, clock, config.SUPPLY_LATE_FLAG ?? 3);
  return {
    budget: new BudgetService(handle.db, intake),
    investment: new InvestmentService(handle.db, intake, () => figures.schedule()),
    figures,
    explanations: new ExplanationsService(handle.db, values),
    map: new MapService(handle.db, () => cameras.relocateAll()),
    audit: new AuditService(handle.db),
    auth: new AuthService(handle.db, config.SESSION_HOURS),
    catalogue,
    observations,
    values,
    overview,
    refresher,
    live,
    notifications,
    deliveries,
    clock,
    dossiers,
    dossierDeadlines: new DossierDeadlines(handle.db, notifications, clock, dueSoonHours),
    dossierPull: config.DOSSIER_PULL_URL
      ? new DossierPull(handle.db, dossiers, clock, {
          url: config.DOSSIER_PULL_URL,
          ...(config.DOSSIER_PULL_API_KEY ? { apiKey: config.DOSSIER_PULL_API_KEY } : {}),
        })
      : null,
    cases: new CasesService(handle.db, units, notifications, live, clock, new PhotoStore(photoDir)),
    caseDeadlines: new CaseDeadlines(handle.db, notifications, live, clock),
    caseFigures: new CaseFigures(handle.db, observations),
    sensors: new SensorsService(handle.db, units, observations, live, {
      topicPrefix: config.MQTT_TOPIC_PREFIX ?? 'ioc/sensors',
      notifications,
      // A threshold crossed is also an operational event on the operators' screen and map.
      emitEvent,
    }),
    connectors: new ConnectorsService(handle.db, observations),
    liveLog,
    incidents,
    events,
    // Without a data folder (tests), attachments go to a temporary folder of this process.
    attachments: new AttachmentStore(
      config.IOC_DATA_DIR
        ? path.join(config.IOC_DATA_DIR, 'attachments')
        : path.join(tmpdir(), `ioc-attachments-${process.pid}`),
    ),
    slaScheduler: new SlaScheduler(incidents, liveLog),
    cameras,
    alerts: new PublicAlertsService(handle.db, units, live, emitEvent, {
      sender: config.CAP_SENDER ?? 'ioc.binhphuoc.gov.vn',
      senderName: config.CAP_SENDER_NAME ?? 'Trung tâm giám sát, điều hành thông minh tỉnh Bình Phước',
    }),
    emitEvent,
    dataSets,
    submissions: new SubmissionsService(handle.db, dataSets, live, notifications, clock, changed),
    completeness,
    reminders: new ReminderScheduler(handle.db, dataSets, completeness, notifications, clock),
    units,
  };
}

/** Builds the HTTP application: API under /api/v1, OpenAPI at /api/openapi.json, docs at /api/docs, the web app at /. */
export async function buildApp(
  handle: DatabaseHandle,
  services: Services,
  options: {
    logger?: boolean;
    secureCookies?: boolean;
    demo?: boolean;
    attachmentMaxBytes?: number;
    /** Folder served at /media/ (HLS recordings, test streams). */
    mediaDir?: string;
    publicBaseUrl?: string;
  } = {},
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
  await app.register(budgetRoutes(services), { prefix: '/api/v1' });
  await app.register(investmentRoutes(services), { prefix: '/api/v1' });
  await app.register(dossierRoutes(services), { prefix: '/api/v1' });
  await app.register(caseRoutes(services), { prefix: '/api/v1' });
  await app.register(open311Routes(services), { prefix: '/open311/v2' });
  await app.register(sensorRoutes(services), { prefix: '/api/v1' });
  await app.register(connectorRoutes(services), { prefix: '/api/v1' });
  await app.register(eventRoutes(services), { prefix: '/api/v1' });
  await app.register(
    incidentRoutes(services, { attachmentMaxBytes: options.attachmentMaxBytes ?? 10 * 1024 * 1024 }),
    { prefix: '/api/v1' },
  );
  await app.register(cameraRoutes(services), { prefix: '/api/v1' });
  await app.register(alertRoutes(services), { prefix: '/api/v1' });
  await app.register(capFeedRoutes(services, options.publicBaseUrl));
  if (options.mediaDir) {
    await app.register(fastifyStatic, {
      root: path.resolve(options.mediaDir),
      prefix: '/media/',
      decorateReply: false,
      // Live playlists change every few seconds: players must not keep a stale copy.
      cacheControl: false,
    });
  }
  await app.register(dataSupplyRoutes(services), { prefix: '/api/v1' });

  if (existsSync(WEB_DIST)) {
    // wildcard: files are looked up on disk per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true });
    app.setNotFoundHandler((request, reply) =>
      request.url.startsWith('/api/') || request.url.startsWith('/open311/')
        ? reply.status(404).send(new AppError('NOT_FOUND').toBody())
        : reply.sendFile('index.html'),
    );
  }
  return app;
}
