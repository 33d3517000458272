import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.js';

const dataSetParams = z.object({ code: z.string().min(1) });
const periodParams = dataSetParams.extend({ period: z.string().min(4).max(10) });
const idParams = z.object({ id: z.string().min(1).max(20) });
const FILE_TYPES = [
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
];

export const dataSupplyRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    // Uploaded files arrive as raw bytes (XLSX or CSV); the app-wide text/csv parser gives text.
    app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    const { dataSets, submissions } = services;

    app.get(
      '/data-sets',
      { schema: { tags: ['data supply'], summary: 'Bộ số liệu phải cung cấp / Data sets to supply' } },
      async (request) => ({ dataSets: await dataSets.listWithPeriods(request.actor) }),
    );

    app.put(
      '/data-sets/:code',
      {
        schema: {
          tags: ['data supply'],
          summary: 'Tạo hoặc sửa bộ số liệu (quản trị) / Create or update a data set (administrator)',
          description:
            'Body: `{name, organisationCode, indicatorCodes, units: {codes}|{parentCode, level}, frequency, ' +
            'deadline: {daysAfterEnd, time}, channel, allowPartial, responsiblePersonCodes, approverPersonCode, rules, remindBeforeHours}`.',
          params: dataSetParams,
          body: z.record(z.string(), z.unknown()),
        },
      },
      async (request) => ({
        dataSet: await dataSets.upsert(request.actor, { ...request.body, code: request.params.code }),
      }),
    );

    app.get(
      '/data-sets/:code/periods/:period/template',
      {
        schema: {
          tags: ['data supply'],
          summary: 'Tải mẫu nhập liệu XLSX/CSV / Download the XLSX or CSV template',
          params: periodParams,
          querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
        },
      },
      async (request, reply) => {
        const { format } = request.query;
        const file = await submissions.template(
          request.actor,
          request.params.code,
          request.params.period,
          format,
        );
        return reply
          .header(
            'content-type',
            format === 'xlsx'
              ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
              : 'text/csv; charset=utf-8',
          )
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .send(file.body);
      },
    );

    app.get(
      '/data-sets/:code/periods/:period/form',
      {
        schema: {
          tags: ['data supply'],
          summary: 'Lưới nhập liệu trên web / The web entry grid',
          params: periodParams,
        },
      },
      async (request) => submissions.form(request.actor, request.params.code, request.params.period),
    );

    app.post(
      '/data-sets/:code/periods/:period/form',
      {
        schema: {
          tags: ['data supply'],
          summary:
            'Nhập số liệu trên web (kiểm tra như tệp) / Enter figures on the web (checked like a file)',
          params: periodParams,
          body: z.object({
            rows: z
              .array(
                z.object({
                  unit: z.string().min(1),
                  values: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
                }),
              )
              .min(1)
              .max(5000),
          }),
        },
      },
      async (request, reply) => {
        const result = await submissions.submitForm(
          request.actor,
          request.params.code,
          request.params.period,
          request.body.rows,
        );
        return reply.status(result.duplicate ? 200 : 201).send(result);
      },
    );

    app.post(
      '/data-sets/:code/periods/:period/uploads',
      {
        schema: {
          tags: ['data supply'],
          summary:
            'Tải lên tệp XLSX/CSV (xử lý nền, có tiến độ) / Upload an XLSX or CSV file (processed as a job)',
          description:
            'Send the file as the raw body (`application/octet-stream`, the XLSX type, or `text/csv`) with `?name=`. ' +
            '202 with the submission once the file is stored; poll `GET /submissions/:id` for progress and the report. ' +
            'The same file again returns the first submission (200, `duplicate: true`).',
          params: periodParams,
          querystring: z.object({ name: z.string().max(255).default('upload') }),
        },
      },
      async (request, reply) => {
        const body = request.body;
        const file = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : '', 'utf8');
        const result = await submissions.upload(
          request.actor,
          request.params.code,
          request.params.period,
          file,
          request.query.name,
        );
        return reply.status(result.duplicate ? 200 : 202).send(result);
      },
    );

    app.get(
      '/supply/scoreboard',
      {
        schema: {
          tags: ['data supply'],
          summary:
            'Bảng theo dõi đầy đủ, đúng hạn / Completeness and timeliness scoreboard (reporting and on-time rates)',
          querystring: z.object({
            months: z.coerce.number().int().min(1).max(36).default(12),
            until: z
              .string()
              .regex(/^\d{4}-\d{2}-\d{2}$/)
              .optional(),
          }),
        },
      },
      async (request) => services.completeness.scoreboard(request.actor, request.query),
    );

    app.get(
      '/supply/status/:code/:period',
      {
        schema: {
          tags: ['data supply'],
          summary: 'Tình trạng nộp của từng đơn vị trong một kỳ / Which units supplied a period, and when',
          params: periodParams,
        },
      },
      async (request) =>
        services.completeness.periodStatus(request.actor, request.params.code, request.params.period),
    );

    app.get(
      '/submissions',
      {
        schema: {
          tags: ['data supply'],
          summary: 'Các lần nộp số liệu / Submissions',
          querystring: z.object({
            dataSet: z.string().optional(),
            period: z.string().optional(),
            status: z
              .enum(['queued', 'processing', 'failed', 'draft', 'submitted', 'rejected', 'published'])
              .optional(),
            /** `true`: only the data sets the caller approves (the approvals inbox). */
            toApprove: z
              .enum(['true', 'false'])
              .transform((v) => v === 'true')
              .optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
      },
      async (request) => ({ submissions: await submissions.list(request.actor, request.query) }),
    );

    app.get(
      '/submissions/:id',
      {
        schema: {
          tags: ['data supply'],
          summary: 'Một lần nộp, tiến độ và báo cáo kiểm tra / A submission, its progress and report',
          params: idParams,
        },
      },
      async (request) => ({ submission: await submissions.get(request.actor, request.params.id) }),
    );

    app.post(
      '/submissions/:id/submit',
      {
        schema: { tags: ['data supply'], summary: 'Gửi duyệt / Submit for approval', params: idParams },
      },
      async (request) => ({ submission: await submissions.submit(request.actor, request.params.id) }),
    );

    app.post(
      '/submissions/:id/approve',
      {
        schema: {
          tags: ['data supply'],
          summary: 'Phê duyệt và công bố / Approve and publish',
          params: idParams,
        },
      },
      async (request) => ({ submission: await submissions.approve(request.actor, request.params.id) }),
    );

    app.post(
      '/submissions/:id/reject',
      {
        schema: {
          tags: ['data supply'],
          summary: 'Trả lại kèm lý do / Reject with a reason',
          params: idParams,
          body: z.object({ reason: z.string().trim().min(3).max(2000) }),
        },
      },
      async (request) => ({
        submission: await submissions.reject(request.actor, request.params.id, request.body.reason),
      }),
    );
  };
