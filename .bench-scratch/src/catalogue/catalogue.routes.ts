import { dateSchema, periodTypeSchema, unitLevelSchema } from '@ioc/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.js';

const batch = z.union([z.array(z.record(z.string(), z.unknown())), z.record(z.string(), z.unknown())]);
const asList = (body: z.infer<typeof batch>): unknown[] => (Array.isArray(body) ? body : [body]);

export const catalogueRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const { catalogue } = services;

    app.get(
      '/units',
      {
        schema: {
          tags: ['units'],
          summary:
            'Đơn vị hành chính: theo cấp, theo đơn vị cha, tại một ngày, hoặc dạng cây / Units by level, parent, date, or as a tree',
          querystring: z.object({
            level: unitLevelSchema.optional(),
            parent: z.string().optional(),
            at: dateSchema.optional(),
            tree: z.enum(['true', 'false']).optional(),
          }),
        },
      },
      async (request) => ({
        units: await catalogue.listUnits({ ...request.query, tree: request.query.tree === 'true' }),
      }),
    );

    app.get(
      '/units/:code',
      {
        schema: {
          tags: ['units'],
          summary:
            'Một đơn vị theo mã (tại một ngày), với cấp trên và đơn vị trước/sau sáp nhập / One unit by code',
          params: z.object({ code: z.string() }),
          querystring: z.object({ at: dateSchema.optional() }),
        },
      },
      async (request) => catalogue.getUnit(request.params.code, request.query.at),
    );

    app.post(
      '/units',
      {
        schema: {
          tags: ['units'],
          summary: 'Thêm/sửa đơn vị (quản trị) / Create or update units (administrators)',
          body: batch,
        },
      },
      async (request) => catalogue.upsertUnits(request.actor, asList(request.body)),
    );

    app.get(
      '/organisations',
      { schema: { tags: ['catalogue'], summary: 'Cơ quan, đơn vị / Organisations' } },
      async () => ({
        organisations: await catalogue.listOrganisations(),
      }),
    );
    app.get(
      '/teams',
      { schema: { tags: ['catalogue'], summary: 'Tổ phân tích dữ liệu / Analysis teams' } },
      async () => ({
        teams: await catalogue.listTeams(),
      }),
    );
    app.get(
      '/people',
      { schema: { tags: ['catalogue'], summary: 'Người phụ trách / People responsible' } },
      async () => ({
        people: await catalogue.listPeople(),
      }),
    );
    app.get('/domains', { schema: { tags: ['catalogue'], summary: 'Lĩnh vực / Domains' } }, async () => ({
      domains: await catalogue.listDomains(),
    }));

    app.get(
      '/indicators',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Danh mục chỉ tiêu có lọc / Indicator catalogue with filters',
          querystring: z.object({
            domain: z.string().optional(),
            q: z.string().optional(),
            public: z.enum(['true', 'false']).optional(),
            team: z.string().optional(),
            owner: z.string().optional(),
            periodType: periodTypeSchema.optional(),
          }),
        },
      },
      async (request) => {
        const { public: isPublic, ...rest } = request.query;
        return {
          indicators: await catalogue.listIndicators(request.actor, {
            ...rest,
            ...(isPublic ? { isPublic: isPublic === 'true' } : {}),
          }),
        };
      },
    );

    app.get(
      '/indicators/:code',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Định nghĩa một chỉ tiêu / One indicator',
          params: z.object({ code: z.string() }),
        },
      },
      async (request) => catalogue.getIndicator(request.actor, request.params.code),
    );

    app.post(
      '/indicators',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Thêm/sửa chỉ tiêu (quản trị) / Create or update indicators (administrators)',
          body: batch,
        },
      },
      async (request) => catalogue.upsertIndicators(request.actor, asList(request.body)),
    );

    app.post(
      '/targets',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Đặt kế hoạch (chỉ tiêu kế hoạch) / Set targets (administrators)',
          body: batch,
        },
      },
      async (request) => catalogue.upsertTargets(request.actor, asList(request.body)),
    );
  };
