import fastifyMultipart from '@fastify/multipart';
import {
  eventLocationSchema,
  eventSeveritySchema,
  incidentActionSchema,
  INCIDENT_STATUSES,
} from '@ioc/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.js';
import { viewportSchema } from '../map/point-clusters.js';
import { AppError } from '../errors.js';
import { detectAttachmentType } from './attachment-store.js';
import { incidentPolicySchema, sopStepSchema } from './incident-policies.js';

const id = z.string().regex(/^\d+$/);

const incidentFilters = z.object({
  status: z
    .union([z.literal('open'), z.string().transform((s) => s.split(','))])
    .pipe(z.union([z.literal('open'), z.array(z.enum(INCIDENT_STATUSES))]))
    .optional(),
  type: z.string().optional(),
  severity: eventSeveritySchema.optional(),
  unit: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100_000).default(200),
});

export const incidentRoutes =
  (services: Services, options: { attachmentMaxBytes: number }): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(fastifyMultipart, { limits: { fileSize: options.attachmentMaxBytes, files: 1 } });

    app.get(
      '/incidents',
      {
        schema: {
          tags: ['incidents'],
          summary: 'Danh sách sự cố trong phạm vi / Incidents in scope',
          querystring: incidentFilters,
        },
      },
      async (request) => ({ incidents: await services.incidents.list(request.actor, request.query) }),
    );

    app.get(
      '/incidents/clusters',
      {
        schema: {
          tags: ['incidents'],
          summary:
            'Sự cố trong khung nhìn, gom cụm với số đếm chính xác / Incidents on screen, clustered with exact counts',
          querystring: incidentFilters.omit({ limit: true }).extend(viewportSchema.shape),
        },
      },
      async (request) => {
        const { zoom, bbox, ...filters } = request.query;
        return services.incidents.clusters(request.actor, filters, { zoom, bbox });
      },
    );

    app.post(
      '/incidents',
      {
        schema: {
          tags: ['incidents'],
          summary:
            'Tạo sự cố từ nhóm sự kiện/sự kiện hoặc từ tin báo / Create an incident from events or a report',
          body: z.object({
            groupIds: z.array(id).max(100).optional(),
            eventIds: z.array(id).max(100).optional(),
            type: z.string().min(1).max(100).optional(),
            category: z.string().min(1).max(50).optional(),
            severity: eventSeveritySchema.optional(),
            title: z.string().trim().min(1).max(500).optional(),
            description: z.string().max(10_000).optional(),
            unitCode: z.string().max(50).optional(),
            location: eventLocationSchema.optional(),
          }),
        },
      },
      async (request, reply) => {
        const { location, ...rest } = request.body;
        const point = location?.type === 'Point' ? location : undefined;
        return reply.status(201).send(
          await services.incidents.create(request.actor, {
            ...rest,
            ...(point ? { location: point } : {}),
          }),
        );
      },
    );

    app.get(
      '/incidents/:id',
      {
        schema: {
          tags: ['incidents'],
          summary: 'Chi tiết sự cố: diễn biến, quy trình, tệp, SLA / Incident detail',
          params: z.object({ id }),
        },
      },
      async (request) => services.incidents.detail(request.actor, request.params.id),
    );

    app.post(
      '/incidents/:id/transitions',
      {
        schema: {
          tags: ['incidents'],
          summary: 'Chuyển bước xử lý (tiếp nhận, phân công, …) / Lifecycle step',
          params: z.object({ id }),
          body: z.object({
            action: incidentActionSchema,
            note: z.string().max(5000).optional(),
            organisationCode: z.string().max(50).optional(),
            personCode: z.string().max(50).optional(),
          }),
        },
      },
      async (request) => services.incidents.transition(request.actor, request.params.id, request.body),
    );

    app.post(
      '/incidents/:id/comments',
      {
        schema: {
          tags: ['incidents'],
          summary: 'Thêm ý kiến / Add a comment',
          params: z.object({ id }),
          body: z.object({ text: z.string().trim().min(1).max(5000) }),
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await services.incidents.comment(request.actor, request.params.id, request.body.text)),
    );

    app.post(
      '/incidents/:id/sop-steps/:stepId',
      {
        schema: {
          tags: ['incidents'],
          summary: 'Đánh dấu bước quy trình (SOP) / Tick an SOP step',
          params: z.object({ id, stepId: id }),
          body: z.object({ done: z.boolean() }),
        },
      },
      async (request) =>
        services.incidents.tickStep(
          request.actor,
          request.params.id,
          request.params.stepId,
          request.body.done,
        ),
    );

    app.post(
      '/incidents/:id/attachments',
      {
        schema: {
          tags: ['incidents'],
          summary: 'Đính kèm ảnh (JPEG, PNG, WebP) hoặc PDF, multipart/form-data / Attach an image or PDF',
          params: z.object({ id }),
        },
      },
      async (request, reply) => {
        await services.incidents.assertIncidentInScope(request.actor, request.params.id);
        if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        const part = await request.file();
        if (!part) {
          throw new AppError('VALIDATION_FAILED', null, { vi: 'Chưa chọn tệp.', en: 'No file was sent.' });
        }
        const data = await part.toBuffer();
        const contentType = detectAttachmentType(data);
        const storageName = await services.attachments.save(data);
        const detail = await services.incidents.recordAttachment(request.actor, request.params.id, {
          fileName: part.filename.slice(0, 255) || 'tep-dinh-kem',
          contentType,
          sizeBytes: data.length,
          storageName,
        });
        return reply.status(201).send(detail);
      },
    );

    app.get(
      '/incidents/:id/attachments/:attachmentId',
      {
        schema: {
          tags: ['incidents'],
          summary: 'Tải tệp đính kèm (chỉ người được xem sự cố) / Download an attachment',
          params: z.object({ id, attachmentId: id }),
        },
      },
      async (request, reply) => {
        const file = await services.incidents.findAttachment(
          request.actor,
          request.params.id,
          request.params.attachmentId,
        );
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(services.attachments.read(file.storageName));
      },
    );

    app.get(
      '/incident-policies',
      {
        schema: {
          tags: ['incidents'],
          summary: 'Thời hạn SLA và quy tắc tự tạo sự cố / SLA policies and rules',
        },
      },
      async (request) => ({ policies: await services.incidents.policies.list(request.actor) }),
    );

    app.put(
      '/incident-policies',
      {
        schema: {
          tags: ['incidents'],
          summary: 'Cập nhật SLA và quy tắc / Update SLA policies and rules',
          body: z.object({ policies: z.array(incidentPolicySchema).min(1).max(1000) }),
        },
      },
      async (request) => {
        await services.incidents.policies.save(request.actor, request.body.policies);
        return { policies: await services.incidents.policies.list(request.actor) };
      },
    );

    app.get(
      '/sops',
      { schema: { tags: ['incidents'], summary: 'Quy trình xử lý chuẩn theo loại sự cố / SOP checklists' } },
      async (request) => ({ sops: await services.incidents.policies.listSops(request.actor) }),
    );

    app.put(
      '/sops/:incidentType',
      {
        schema: {
          tags: ['incidents'],
          summary: 'Thay quy trình của một loại sự cố / Replace the SOP of an incident type',
          params: z.object({ incidentType: z.string().min(1).max(100) }),
          body: z.object({ steps: z.array(sopStepSchema).max(100) }),
        },
      },
      async (request) => {
        await services.incidents.policies.saveSop(
          request.actor,
          request.params.incidentType,
          request.body.steps,
        );
        return { sops: await services.incidents.policies.listSops(request.actor) };
      },
    );
  };
