import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../app.js';
import { notFound } from '../errors.js';

const XML_TYPES = ['application/xml', 'text/xml', 'application/cap+xml'];

/** This server's address as the caller reached it, for the absolute links feeds need. */
function baseUrlOf(request: FastifyRequest, configured: string | undefined): string {
  return (configured ?? `${request.protocol}://${request.host}`).replace(/\/$/, '');
}

/** Operators' alerts API, the public list, and CAP input, under /api/v1. */
export const alertRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.addContentTypeParser(XML_TYPES, { parseAs: 'string' }, (_req, body, done) => done(null, body));
    const idParams = z.object({ id: z.string() });

    app.get(
      '/alerts',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Cảnh báo sớm đã phát (điều hành) / Issued public alerts (operators)',
          querystring: z.object({ current: z.enum(['true', 'false']).optional() }),
        },
      },
      async (request) => services.alerts.list(request.actor, { current: request.query.current === 'true' }),
    );

    app.post(
      '/alerts',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Phát cảnh báo sớm (CAP 1.2) / Issue a public alert (CAP 1.2)',
          body: z.record(z.string(), z.unknown()),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await services.alerts.issue(request.actor, request.body)),
    );

    app.put(
      '/alerts/:id',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Cập nhật cảnh báo (CAP Update) / Update an alert (CAP Update)',
          params: idParams,
          body: z.record(z.string(), z.unknown()),
        },
      },
      async (request) => services.alerts.update(request.actor, request.params.id, request.body),
    );

    app.post(
      '/alerts/:id/cancel',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Hủy cảnh báo (CAP Cancel) / Cancel an alert (CAP Cancel)',
          params: idParams,
          body: z.object({ reason: z.string().trim().max(1000).optional() }).optional(),
        },
      },
      async (request) =>
        services.alerts.cancel(request.actor, request.params.id, request.body?.reason || undefined),
    );

    app.get(
      '/public/alerts',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Cảnh báo đang hiệu lực, công khai / Alerts in force, public',
        },
      },
      async () => services.alerts.listPublic(),
    );

    app.get(
      '/public/alerts/:id',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Một cảnh báo, công khai / One alert, public',
          params: idParams,
        },
      },
      async (request) => services.alerts.get(request.params.id),
    );

    app.post(
      '/events/cap',
      {
        // A CAP message is a few kilobytes; a megabyte leaves room for long polygons.
        bodyLimit: 1024 * 1024,
        schema: {
          tags: ['alerts'],
          summary:
            'Nhận bản tin CAP 1.2 (XML) thành sự kiện; khóa API hoặc điều hành viên / Receive a CAP 1.2 alert as an event',
          body: z.string().min(1),
        },
      },
      async (request, reply) =>
        reply.status(202).send(await services.alerts.ingestCap(request.actor, request.body)),
    );
  };

/** The public CAP feed: Atom and RSS indexes and each message as CAP XML, outside /api. */
export const capFeedRoutes =
  (services: Services, publicBaseUrl: string | undefined): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/cap/alerts.atom',
      { schema: { tags: ['alerts'], summary: 'Nguồn tin CAP (Atom) / CAP feed (Atom)' } },
      async (request, reply) =>
        reply
          .type('application/atom+xml; charset=utf-8')
          .send(await services.alerts.feed('atom', baseUrlOf(request, publicBaseUrl))),
    );
    app.get(
      '/cap/alerts.rss',
      { schema: { tags: ['alerts'], summary: 'Nguồn tin CAP (RSS) / CAP feed (RSS)' } },
      async (request, reply) =>
        reply
          .type('application/rss+xml; charset=utf-8')
          .send(await services.alerts.feed('rss', baseUrlOf(request, publicBaseUrl))),
    );
    app.get(
      '/cap/alerts/:file',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Một bản tin CAP 1.2 (XML) / One CAP 1.2 message (XML)',
          params: z.object({ file: z.string() }),
        },
      },
      async (request, reply) => {
        const id = /^(\d+)\.xml$/.exec(request.params.file)?.[1];
        if (!id) throw notFound('bản tin CAP', 'CAP message', request.params.file);
        return reply.type('application/cap+xml; charset=utf-8').send(await services.alerts.messageXml(id));
      },
    );
  };
