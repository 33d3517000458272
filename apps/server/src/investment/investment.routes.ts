import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.js';
import { acceptXlsx, handleIntake, intakeSchema } from '../records/record-routes.js';
import { DISBURSEMENT_FIELDS, PLAN_FIELDS, PROJECT_FIELDS } from './investment-records.js';
import type { InvestmentRecordKind } from './investment.service.js';

const INTAKE = [
  ['projects', PROJECT_FIELDS, 'Nhập dự án đầu tư công / Take in public investment projects'],
  ['plans', PLAN_FIELDS, 'Nhập kế hoạch vốn theo năm và nguồn / Take in capital plans by year and source'],
  ['disbursements', DISBURSEMENT_FIELDS, 'Nhập giải ngân / Take in disbursements'],
] as const;

const year = z.coerce.number().int().min(2000).max(2100);

export const investmentRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    acceptXlsx(app);
    for (const [kind, fields, summary] of INTAKE) {
      app.post(
        `/investment/${kind}`,
        { schema: { tags: ['investment'], ...intakeSchema(summary, fields) } },
        (request, reply) =>
          handleIntake(request, reply, fields, (actor, req) =>
            services.investment.write(actor, kind as InvestmentRecordKind, req),
          ),
      );
    }
    app.get(
      '/investment/summary',
      {
        schema: {
          tags: ['investment'],
          summary:
            'Giải ngân đầu tư công: tỷ lệ so kế hoạch và lộ trình, xếp hạng, dự án chậm, dự báo cuối năm / Disbursement figures',
          querystring: z.object({
            unit: z.string().optional(),
            year: year.optional(),
            date: z.string().optional(),
            investor: z.string().optional(),
            department: z.string().optional(),
          }),
        },
      },
      (request) => services.investment.summary(request.actor, request.query),
    );
    app.get(
      '/investment/projects/:code',
      {
        schema: {
          tags: ['investment'],
          summary: 'Một dự án: kế hoạch vốn, giải ngân, dự báo / One project',
          params: z.object({ code: z.string() }),
          querystring: z.object({ year: year.optional(), date: z.string().optional() }),
        },
      },
      (request) => services.investment.project(request.actor, request.params.code, request.query),
    );
    app.get(
      '/investment/disbursements',
      {
        schema: {
          tags: ['investment'],
          summary: 'Các khoản giải ngân tạo nên một số liệu / The disbursements behind a figure',
          querystring: z.object({
            unit: z.string().optional(),
            investor: z.string().optional(),
            department: z.string().optional(),
            project: z.string().optional(),
            from: z.string(),
            to: z.string(),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
            offset: z.coerce.number().int().min(0).default(0),
          }),
        },
      },
      (request) => services.investment.disbursements(request.actor, request.query),
    );
    app.get(
      '/investment/target-path/:year',
      {
        schema: {
          tags: ['investment'],
          summary: 'Lộ trình giải ngân của tỉnh trong năm / The province’s target path of a year',
          params: z.object({ year }),
        },
      },
      (request) => services.investment.targetPath(request.actor, request.params.year),
    );
    app.put(
      '/investment/target-path/:year',
      {
        schema: {
          tags: ['investment'],
          summary: 'Đặt lộ trình giải ngân (quản trị) / Set the target path (administrators)',
          params: z.object({ year }),
          body: z.object({
            points: z
              .array(
                z.object({ day: z.string().regex(/^\d{2}-\d{2}$/), percent: z.number().min(0).max(100) }),
              )
              .max(366),
          }),
        },
      },
      (request) => services.investment.setTargetPath(request.actor, request.params.year, request.body.points),
    );
  };
