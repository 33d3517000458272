import { BUDGET_KINDS } from '@ioc/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.js';
import { acceptXlsx, handleIntake, intakeSchema } from '../records/record-routes.js';
import { BUDGET_ESTIMATE_FIELDS, BUDGET_RECORD_FIELDS } from './budget-records.js';

const filter = {
  kind: z.enum(BUDGET_KINDS),
  unit: z.string().optional(),
  item: z.string().optional(),
  organisation: z.string().optional(),
};

export const budgetRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    acceptXlsx(app);
    app.post(
      '/budget/records',
      {
        schema: {
          tags: ['budget'],
          ...intakeSchema(
            'Nhập chứng từ thu, chi ngân sách / Take in budget transactions',
            BUDGET_RECORD_FIELDS,
          ),
        },
      },
      (request, reply) =>
        handleIntake(request, reply, BUDGET_RECORD_FIELDS, (actor, req) =>
          services.budget.write(actor, 'records', req),
        ),
    );
    app.post(
      '/budget/estimates',
      {
        schema: {
          tags: ['budget'],
          ...intakeSchema(
            'Nhập dự toán ngân sách năm / Take in annual budget estimates',
            BUDGET_ESTIMATE_FIELDS,
          ),
        },
      },
      (request, reply) =>
        handleIntake(request, reply, BUDGET_ESTIMATE_FIELDS, (actor, req) =>
          services.budget.write(actor, 'estimates', req),
        ),
    );
    app.get(
      '/budget/summary',
      {
        schema: {
          tags: ['budget'],
          summary:
            'Thu, chi ngân sách: thực hiện ngày, tháng, lũy kế, so dự toán, cùng kỳ; theo khoản, cơ quan, địa bàn / Budget figures',
          querystring: z.object({ ...filter, date: z.string().optional() }),
        },
      },
      (request) => services.budget.summary(request.actor, request.query),
    );
    app.get(
      '/budget/records',
      {
        schema: {
          tags: ['budget'],
          summary: 'Các chứng từ tạo nên một số liệu / The records behind a budget figure',
          querystring: z.object({
            ...filter,
            from: z.string(),
            to: z.string(),
            /** Only the unit's own records (a provincial department's), not those below it. */
            exact: z.stringbool().optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
            offset: z.coerce.number().int().min(0).default(0),
          }),
        },
      },
      (request) => services.budget.records(request.actor, request.query),
    );
    app.get(
      '/budget/records/:key/history',
      {
        schema: {
          tags: ['budget'],
          summary: 'Lịch sử sửa đổi một chứng từ / Revision history of a transaction',
          params: z.object({ key: z.string() }),
        },
      },
      (request) => services.budget.history(request.actor, request.params.key),
    );
  };
