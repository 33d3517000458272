import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Services } from '../app.js';
import { AppError } from '../errors.js';
import {
  CONTENT_TYPES,
  serialize,
  serializeDefinition,
  serializeErrors,
  splitFormat,
  toService,
  toServiceDefinition,
  toServiceRequest,
  type Open311Format,
} from './open311-format.js';

/** Without dates, requests of the last 90 days; at most 1000 per answer (the spec's defaults). */
const DEFAULT_DAYS = 90;
const MAX_RESULTS = 1000;

const dateTime = z.string().datetime({ offset: true });
const listQuery = z.object({
  service_request_id: z.string().max(20_000).optional(),
  service_code: z.string().max(50).optional(),
  start_date: dateTime.optional(),
  end_date: dateTime.optional(),
  status: z.enum(['open', 'closed']).optional(),
  jurisdiction_id: z.string().optional(),
});

const postBody = z.object({
  api_key: z.string().optional(),
  jurisdiction_id: z.string().optional(),
  service_code: z.string().min(1, 'service_code is required').max(50),
  lat: z.coerce.number().min(-90).max(90).optional(),
  long: z.coerce.number().min(-180).max(180).optional(),
  address_string: z.string().max(500).optional(),
  address_id: z.string().optional(),
  email: z.string().email().max(200).optional(),
  device_id: z.string().optional(),
  account_id: z.string().optional(),
  first_name: z.string().max(100).optional(),
  last_name: z.string().max(100).optional(),
  phone: z.string().max(30).optional(),
  description: z.string().max(4000).optional(),
  media_url: z.string().url().max(2000).optional(),
});

/** Form fields `attribute[code]=value` of a POST, and the plain fields. */
function readForm(body: unknown): { fields: Record<string, string>; attributes: Record<string, string> } {
  const fields: Record<string, string> = {};
  const attributes: Record<string, string> = {};
  const entries =
    typeof body === 'string'
      ? [...new URLSearchParams(body).entries()]
      : Object.entries((body ?? {}) as Record<string, unknown>).map(
          ([k, v]) => [k, String(v)] as [string, string],
        );
  for (const [key, value] of entries) {
    const attribute = /^attribute\[(.+)\]$/.exec(key)?.[1];
    if (attribute) attributes[attribute] = value;
    else fields[key] = value;
  }
  return { fields, attributes };
}

function send(reply: FastifyReply, format: Open311Format, status: number, text: string) {
  return reply.status(status).header('content-type', CONTENT_TYPES[format]).send(text);
}

function invalid(error: z.ZodError): AppError {
  const fields = error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  return new AppError('VALIDATION_FAILED', null, {
    vi: `Tham số không hợp lệ: ${fields}`,
    en: `Invalid parameters: ${fields}`,
  });
}

/**
 * Open311 GeoReport v2 at /open311/v2: services, service definitions, service requests (create,
 * list, get) in JSON and XML; errors as the spec's list of {code, description}. Writes need an
 * API key (`api_key`) of a channel gateway; reading needs none and shows nothing personal.
 */
export const open311Routes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    const formatOf = (file: string) => {
      const split = splitFormat(file);
      if (!split) throw new AppError('NOT_FOUND', { file });
      return split;
    };

    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );

    app.setErrorHandler((error, request, reply) => {
      const format: Open311Format = request.url.split('?')[0]?.endsWith('.xml') ? 'xml' : 'json';
      const appError =
        error instanceof AppError
          ? error
          : (error as { statusCode?: number }).statusCode === 413
            ? new AppError('PAYLOAD_TOO_LARGE')
            : new AppError('INTERNAL');
      if (appError.code === 'INTERNAL') request.log.error(error);
      return send(
        reply,
        format,
        appError.status,
        serializeErrors(format, [
          {
            code: appError.status,
            description: `${appError.code}: ${appError.message} / ${appError.messageEn}`,
          },
        ]),
      );
    });

    const schema = (summary: string) => ({ schema: { tags: ['open311'], summary } });

    app.get(
      '/services.json',
      schema('Open311: danh sách dịch vụ / service list (JSON)'),
      async (_req, reply) => sendServices(reply, 'json'),
    );
    app.get('/services.xml', schema('Open311: danh sách dịch vụ / service list (XML)'), async (_req, reply) =>
      sendServices(reply, 'xml'),
    );
    async function sendServices(reply: FastifyReply, format: Open311Format) {
      const categories = await services.cases.categories();
      return send(reply, format, 200, serialize(format, 'services', 'service', categories.map(toService)));
    }

    app.get<{ Params: { file: string } }>(
      '/services/:file',
      schema('Open311: định nghĩa dịch vụ / service definition ({code}.json|xml)'),
      async (request, reply) => {
        const { name, format } = formatOf(request.params.file);
        const categories = await services.cases.categories();
        if (!categories.some((c) => c.code === name))
          throw new AppError('CASE_UNKNOWN_CATEGORY', { service_code: name });
        const units = await services.catalogue.db
          .selectFrom('units')
          .select(['code', 'name'])
          .where('level', '!=', 'province')
          .where('valid_to', 'is', null)
          .orderBy('code')
          .execute();
        return send(reply, format, 200, serializeDefinition(format, toServiceDefinition(name, units)));
      },
    );

    for (const format of ['json', 'xml'] as const) {
      app.post(
        `/requests.${format}`,
        schema(`Open311: gửi phản ánh / create a service request (${format})`),
        async (request, reply) => {
          const { fields, attributes } = readForm(request.body);
          const parsed = postBody.safeParse(fields);
          if (!parsed.success) throw invalid(parsed.error);
          const input = parsed.data;
          const key = input.api_key ?? (request.headers['x-api-key'] as string | undefined);
          if (!key)
            throw new AppError(
              'UNAUTHENTICATED',
              { field: 'api_key' },
              { vi: 'Thiếu api_key.', en: 'api_key is required.' },
            );
          const actor = await services.auth.authenticate({ apiKey: key });
          const hasPoint = input.lat !== undefined && input.long !== undefined;
          const name = [input.first_name, input.last_name].filter(Boolean).join(' ');
          const idempotencyKey = request.headers['idempotency-key'];
          const result = await services.cases.intake(
            actor,
            {
              description: input.description ?? '',
              categoryCode: input.service_code,
              ...(attributes.unit_code ? { unitCode: attributes.unit_code } : {}),
              ...(input.address_string ? { address: input.address_string } : {}),
              ...(hasPoint
                ? { location: [input.long as number, input.lat as number] as [number, number] }
                : {}),
              reporter: {
                ...(name ? { name } : {}),
                ...(input.phone ? { phone: input.phone } : {}),
                ...(input.email ? { email: input.email } : {}),
              },
              isConfidential: attributes.is_confidential === 'true',
              photos: [],
            },
            {
              channel: 'open311',
              ...(typeof idempotencyKey === 'string' ? { submissionKey: `key:${idempotencyKey}` } : {}),
              ...(input.media_url ? { mediaUrl: input.media_url } : {}),
            },
          );
          const notice = `Đã tiếp nhận phản ánh ${result.case.code} / Report received`;
          return send(
            reply,
            format,
            201,
            serialize(format, 'service_requests', 'request', [
              { service_request_id: result.case.code, service_notice: notice, account_id: null },
            ]),
          );
        },
      );

      app.get(
        `/requests.${format}`,
        schema(`Open311: danh sách phản ánh / list service requests (${format})`),
        async (request, reply) => {
          const parsed = listQuery.safeParse(request.query);
          if (!parsed.success) throw invalid(parsed.error);
          const q = parsed.data;
          const codes = q.service_request_id
            ?.split(',')
            .map((c) => c.trim().toUpperCase())
            .filter(Boolean);
          const to = q.end_date ? new Date(q.end_date) : undefined;
          const from = q.start_date
            ? new Date(q.start_date)
            : new Date((to ?? services.clock()).getTime() - DEFAULT_DAYS * 86_400_000);
          const rows = await services.cases.forOpen311({
            ...(codes ? { codes } : {}),
            ...(q.service_code ? { category: q.service_code } : {}),
            from,
            ...(to ? { to } : {}),
            ...(q.status ? { status: q.status } : {}),
            limit: MAX_RESULTS,
          });
          return send(
            reply,
            format,
            200,
            serialize(format, 'service_requests', 'request', rows.map(toServiceRequest)),
          );
        },
      );
    }

    app.get<{ Params: { file: string } }>(
      '/requests/:file',
      schema('Open311: một phản ánh / one service request ({id}.json|xml)'),
      async (request, reply) => {
        const { name, format } = formatOf(request.params.file);
        const rows = await services.cases.forOpen311({ codes: [name.toUpperCase()], limit: 1 });
        if (rows.length === 0) throw new AppError('NOT_FOUND', { service_request_id: name });
        return send(
          reply,
          format,
          200,
          serialize(format, 'service_requests', 'request', rows.map(toServiceRequest)),
        );
      },
    );
  };
