import { caseChannelSchema, caseIntakeSchema, caseStatusSchema, lonLatSchema } from '@ioc/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.js';

const page = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};
const codeParams = z.object({ code: z.string().min(3).max(40) });
const idempotency = z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }).passthrough();

function submissionKey(channel: string, key: unknown, externalId?: string): string | undefined {
  if (typeof key === 'string') return `key:${key}`;
  return externalId ? `${channel}:${externalId}` : undefined;
}

const WORKFLOW_ACTIONS = [
  'forward',
  'answer_directly',
  'accept',
  'send_back',
  'answer',
  'reject_answer',
  'close',
  'merge',
] as const;

/** Citizen reports (1022): internal work under /cases, the public pages under /public/cases. */
export const caseRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['cases'];

    app.get(
      '/case-categories',
      { schema: { tags, summary: 'Lĩnh vực phản ánh / Report categories' } },
      async () => ({ categories: await services.cases.categories() }),
    );

    app.put(
      '/case-categories/:code',
      {
        schema: {
          tags,
          summary: 'Lưu lĩnh vực phản ánh (từ khóa, cơ quan, thời hạn) / Save a category',
          params: z.object({ code: z.string().regex(/^[a-z0-9_]{2,40}$/) }),
          body: z.object({
            name: z.string().trim().min(1).max(200),
            nameEn: z.string().trim().min(1).max(200),
            keywords: z.array(z.string().trim().min(1).max(100)).max(200),
            routeTo: z.enum(['unit', 'organisation']),
            defaultOrganisationCode: z.string().nullable(),
            deadlineHours: z
              .number()
              .int()
              .min(1)
              .max(24 * 90),
            active: z.boolean().default(true),
          }),
        },
      },
      async (request) => {
        await services.cases.saveCategory(request.actor, { code: request.params.code, ...request.body });
        return { categories: await services.cases.categories() };
      },
    );

    app.post(
      '/cases',
      {
        schema: {
          tags,
          summary:
            'Tiếp nhận phản ánh (tổng đài viên, kênh app/Zalo/Facebook/e-mail/chatbot qua API key) / Record a report',
          description:
            'Gửi Idempotency-Key hoặc externalId để gửi lại an toàn / send one to make retries safe.',
          headers: idempotency,
          body: caseIntakeSchema,
        },
      },
      async (request, reply) => {
        const channel = request.body.channel ?? (request.actor.kind === 'api_key' ? 'app' : 'phone');
        const result = await services.cases.intake(request.actor, request.body, {
          channel,
          submissionKey: submissionKey(channel, request.headers['idempotency-key'], request.body.externalId),
        });
        return reply.status(result.created ? 201 : 200).send(result);
      },
    );

    app.post(
      '/cases/suggest',
      {
        schema: {
          tags,
          summary: 'Gợi ý lĩnh vực, cơ quan xử lý, phản ánh trùng / Suggest category, agency, duplicates',
          body: z.object({
            text: z.string().max(10_000),
            unitCode: z.string().optional(),
            location: lonLatSchema.optional(),
            categoryCode: z.string().optional(),
          }),
        },
      },
      async (request) => services.cases.suggest(request.actor, request.body),
    );

    app.get(
      '/cases',
      {
        schema: {
          tags,
          summary: 'Danh sách phản ánh (lọc, tìm kiếm) / List and search cases',
          querystring: z.object({
            q: z.string().max(200).optional(),
            status: caseStatusSchema.optional(),
            category: z.string().optional(),
            unit: z.string().optional(),
            organisation: z.string().optional(),
            channel: caseChannelSchema.optional(),
            overdue: z
              .enum(['true', 'false'])
              .transform((v) => v === 'true')
              .optional(),
            from: z.string().date().optional(),
            to: z.string().date().optional(),
            ...page,
          }),
        },
      },
      async (request) => services.cases.list(request.actor, request.query),
    );

    app.get(
      '/cases/figures',
      {
        schema: {
          tags,
          summary:
            'Số liệu phản ánh theo cơ quan, đơn vị, lĩnh vực, kênh / Figures per agency, unit, category, channel',
          querystring: z.object({
            month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
            by: z.enum(['organisation', 'unit', 'category', 'channel']).default('organisation'),
          }),
        },
      },
      async (request) => ({
        month: request.query.month,
        by: request.query.by,
        rows: await services.caseFigures.byDimension(request.actor, request.query.month, request.query.by),
      }),
    );

    app.get(
      '/cases/:code',
      { schema: { tags, summary: 'Chi tiết phản ánh / A case with its history', params: codeParams } },
      async (request) => services.cases.get(request.actor, request.params.code),
    );

    app.get(
      '/cases/:code/photos/:id',
      {
        schema: {
          tags,
          summary: 'Ảnh đính kèm / An attached photo',
          params: codeParams.extend({ id: z.string().regex(/^\d+$/) }),
        },
      },
      async (request, reply) => {
        const photo = await services.cases.photo(request.actor, request.params.code, request.params.id);
        return reply.header('cache-control', 'private, max-age=3600').type(photo.mime).send(photo.bytes);
      },
    );

    app.post(
      '/cases/:code/actions/:action',
      {
        schema: {
          tags,
          summary:
            'Chuyển xử lý, tiếp nhận, trả lại, trả lời, đóng, gộp… / Forward, accept, send back, answer, close, merge…',
          params: codeParams.extend({ action: z.enum(WORKFLOW_ACTIONS) }),
          body: z
            .object({
              organisationCode: z.string().optional(),
              note: z.string().max(5000).optional(),
              answer: z.string().max(10_000).optional(),
              into: z.string().max(40).optional(),
            })
            .default({}),
        },
      },
      async (request) =>
        services.cases.act(request.actor, request.params.code, request.params.action, request.body),
    );

    app.post(
      '/cases/:code/notes',
      {
        schema: {
          tags,
          summary: 'Ghi nhận việc đã làm / Record an action taken',
          params: codeParams,
          body: z.object({ note: z.string().max(5000) }),
        },
      },
      async (request) => services.cases.note(request.actor, request.params.code, request.body.note),
    );

    app.post(
      '/cases/:code/publication',
      {
        schema: {
          tags,
          summary: 'Công khai / thôi công khai câu trả lời / Publish or unpublish the answer',
          params: codeParams,
          body: z.object({
            published: z.boolean(),
            summary: z.string().max(5000).optional(),
            answer: z.string().max(10_000).optional(),
          }),
        },
      },
      async (request) => services.cases.publish(request.actor, request.params.code, request.body),
    );

    // --- Public: no login -------------------------------------------------------------------

    const publicTags = ['cases-public'];
    app.post(
      '/public/cases',
      {
        schema: {
          tags: publicTags,
          summary: 'Người dân gửi phản ánh (không cần đăng nhập) / A citizen files a report',
          headers: idempotency,
          body: caseIntakeSchema.omit({ channel: true, externalId: true, receivedAt: true }),
        },
      },
      async (request, reply) => {
        const result = await services.cases.intake(request.actor, request.body, {
          channel: 'web',
          isPublic: true,
          submissionKey: submissionKey('web', request.headers['idempotency-key']),
        });
        // The citizen gets their code and private link, nothing of the internal view.
        return reply.status(result.created ? 201 : 200).send({
          code: result.case.code,
          status: result.case.status,
          category: result.case.category,
          citizenToken: result.citizenToken,
        });
      },
    );

    app.get(
      '/public/cases',
      {
        schema: {
          tags: publicTags,
          summary: 'Câu trả lời đã công khai (tìm kiếm) / Published answers',
          querystring: z.object({
            q: z.string().max(200).optional(),
            category: z.string().optional(),
            unit: z.string().optional(),
            status: caseStatusSchema.optional(),
            ...page,
          }),
        },
      },
      async (request) => services.cases.publicList(request.query),
    );

    app.get(
      '/public/cases/:code',
      {
        schema: {
          tags: publicTags,
          summary: 'Một câu trả lời đã công khai / A published answer',
          params: codeParams,
        },
      },
      async (request) => services.cases.publicGet(request.params.code),
    );

    const tokenQuery = z.object({ token: z.string().min(10).max(100) });
    app.get(
      '/public/cases/:code/follow',
      {
        schema: {
          tags: publicTags,
          summary: 'Người gửi theo dõi phản ánh qua đường dẫn riêng / Follow a report by its private link',
          params: codeParams,
          querystring: tokenQuery,
        },
      },
      async (request) => services.cases.citizenView(request.params.code, request.query.token),
    );

    app.post(
      '/public/cases/:code/rating',
      {
        schema: {
          tags: publicTags,
          summary: 'Đánh giá câu trả lời (1–5) / Rate the answer',
          params: codeParams,
          body: tokenQuery.extend({
            rating: z.number().int().min(1).max(5),
            comment: z.string().max(2000).optional(),
          }),
        },
      },
      async (request) =>
        services.cases.rate(
          request.params.code,
          request.body.token,
          request.body.rating,
          request.body.comment,
        ),
    );

    app.post(
      '/public/cases/:code/reopen',
      {
        schema: {
          tags: publicTags,
          summary: 'Phản ánh lại (chưa hài lòng) / Reopen the report',
          params: codeParams,
          body: tokenQuery.extend({ reason: z.string().max(5000) }),
        },
      },
      async (request) => services.cases.reopen(request.params.code, request.body.token, request.body.reason),
    );
  };
