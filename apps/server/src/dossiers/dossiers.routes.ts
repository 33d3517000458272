import { DOSSIER_FIGURE_LABELS, formatDateTime } from '@ioc/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.js';
import { parseDossierCsv, parseDossierXlsx } from './dossier-file.js';
import type { DossierRow } from './dossier-rows.js';
import { listPullRuns } from './dossier-pull.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Rows an export holds at most. */
const EXPORT_MAX = 100_000;

const listQuery = z.object({
  figure: z
    .string()
    .describe(
      'Mã chỉ tiêu (DVC_HS_QUA_HAN …) hoặc tên số liệu (in_progress_late …) / indicator code or figure',
    ),
  period: z.string().describe('2024-03, 2024-Q1, 2024-YTD05, 2024'),
  unit: z.string().optional().describe('Mã đơn vị (mặc định: phạm vi của người dùng) / unit code'),
  agency: z.string().optional().describe('Mã cơ quan tiếp nhận / agency code'),
  field: z.string().optional().describe('Mã lĩnh vực / field code'),
  q: z.string().max(100).optional().describe('Tìm theo mã hồ sơ, thủ tục, cán bộ / search'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  format: z.enum(['json', 'csv']).default('json'),
});

const CHANNEL_VI: Record<string, string> = { online: 'Trực tuyến', direct: 'Trực tiếp', post: 'Bưu chính' };

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[";\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const dossierRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

    app.post(
      '/dossiers',
      {
        schema: {
          tags: ['dossiers'],
          summary: 'Nhận hồ sơ TTHC từ hệ thống một cửa (đẩy) / Push dossier records',
          description:
            'JSON `{dossiers:[{code, procedureCode, procedureName, fieldCode, fieldName, agencyCode, agencyName, unit, handler?, ' +
            'channel (online|direct|post), receivedAt, dueAt?, finishedAt?, status, hasFee?, paidOnline?, digitised?, publishedAt? (when published on the national portal), ' +
            'steps?:[{kind, at, agency?, handler?, note?}], updatedAt?}], mode?}`. All-or-nothing by default (422 with a row-by-row ' +
            'report); `mode=partial` stores the valid rows (207). A record sent twice is stored once; a changed record keeps its ' +
            'previous version. Send `Idempotency-Key` to make retries safe.',
          headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }).passthrough(),
          body: z.object({
            dossiers: z.array(z.record(z.string(), z.unknown())).max(50_000),
            mode: z.enum(['all', 'partial']).optional(),
          }),
        },
      },
      async (request, reply) => {
        const rows = request.body.dossiers as DossierRow[];
        const key = request.headers['idempotency-key'];
        const result = await services.dossiers.write(request.actor, {
          rows,
          rowNumbers: rows.map((_, i) => i + 1),
          mode: request.body.mode ?? 'all',
          source: 'API',
          ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
        });
        return reply.status(result.status).send(result.body);
      },
    );

    app.post(
      '/dossiers/import',
      {
        schema: {
          tags: ['dossiers'],
          summary: 'Nhập hồ sơ từ tệp CSV hoặc XLSX / Import dossiers from a CSV or XLSX file',
          description:
            'Body: the file, `text/csv` or `' +
            XLSX_TYPE +
            '`; one dossier a row, header names as in POST /dossiers ' +
            '(or Vietnamese: ma_ho_so, ten_thu_tuc, ngay_tiep_nhan, han_xu_ly …). Errors name the line and column.',
          querystring: z.object({
            mode: z.enum(['all', 'partial']).default('all'),
            filename: z.string().max(200).optional(),
          }),
          headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }).passthrough(),
        },
      },
      async (request, reply) => {
        const body = request.body;
        const parsed = Buffer.isBuffer(body)
          ? await parseDossierXlsx(body)
          : parseDossierCsv(typeof body === 'string' ? body : '');
        const key = request.headers['idempotency-key'];
        const result = await services.dossiers.write(request.actor, {
          rows: parsed.rows,
          rowNumbers: parsed.lines,
          mode: request.query.mode,
          source: `Tệp / file ${request.query.filename ?? ''}`.trim(),
          ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
        });
        return reply.status(result.status).send(result.body);
      },
    );

    app.get(
      '/dossiers',
      {
        schema: {
          tags: ['dossiers'],
          summary:
            'Danh sách hồ sơ sau một số liệu (tổng = số liệu) / The dossiers behind a figure (total = the figure)',
          querystring: listQuery,
        },
      },
      async (request, reply) => {
        const { format, ...query } = request.query;
        if (format === 'json') return services.dossiers.list(request.actor, query);
        const result = await services.dossiers.list(
          request.actor,
          { ...query, page: 1, pageSize: EXPORT_MAX },
          EXPORT_MAX,
        );
        const header = [
          'Mã hồ sơ',
          'Thủ tục',
          'Lĩnh vực',
          'Cơ quan tiếp nhận',
          'Đơn vị',
          'Cán bộ xử lý',
          'Kênh',
          'Tiếp nhận',
          'Hạn xử lý',
          'Hoàn thành',
          'Trạng thái',
        ];
        const lines = result.items.map((d) =>
          [
            d.code,
            d.procedureName,
            d.fieldName,
            d.agencyName,
            d.unit.name,
            d.handler,
            CHANNEL_VI[d.channel] ?? d.channel,
            formatDateTime(d.receivedAt),
            d.dueAt ? formatDateTime(d.dueAt) : '',
            d.finishedAt ? formatDateTime(d.finishedAt) : '',
            d.status,
          ]
            .map(csvCell)
            .join(';'),
        );
        const name = `ho-so-${result.figure}-${result.unit.code}-${result.period}.csv`;
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(
            `\uFEFF${[`# ${DOSSIER_FIGURE_LABELS[result.figure].vi} — ${result.unit.name} — ${result.period}`, header.join(';'), ...lines].join('\r\n')}\r\n`,
          );
      },
    );

    app.get(
      '/dossiers/figures',
      {
        schema: {
          tags: ['dossiers'],
          summary:
            'Số liệu hồ sơ theo đơn vị, cơ quan, lĩnh vực (tháng và lũy kế) / Dossier figures by unit, agency, field',
          querystring: z.object({
            period: z.string(),
            unit: z.string().optional(),
            by: z.enum(['unit', 'agency', 'field']).default('unit'),
          }),
        },
      },
      async (request) => services.dossiers.figures(request.actor, request.query),
    );

    app.get(
      '/dossiers/index-766',
      {
        schema: {
          tags: ['dossiers'],
          summary: 'Chỉ số 766 theo cơ quan hoặc đơn vị, xếp hạng / The 766 index per agency or unit, ranked',
          querystring: z.object({
            month: z.string().describe('2024-03'),
            by: z.enum(['agency', 'unit']).default('agency'),
            unit: z.string().optional(),
          }),
        },
      },
      async (request) => services.dossiers.index766(request.actor, request.query),
    );

    app.post(
      '/dossiers/satisfaction',
      {
        schema: {
          tags: ['dossiers'],
          summary: 'Nhập kết quả đánh giá hài lòng / Import satisfaction ratings',
          body: z.object({
            rows: z
              .array(
                z.object({
                  agency: z.string().min(1),
                  unit: z.string().min(1),
                  month: z.string(),
                  ratings: z.number().int(),
                  satisfied: z.number().int(),
                  source: z.string().optional(),
                }),
              )
              .max(100_000),
          }),
        },
      },
      async (request) => services.dossiers.writeSatisfaction(request.actor, request.body.rows),
    );

    app.get(
      '/dossiers/deadlines',
      {
        schema: {
          tags: ['dossiers'],
          summary: 'Hồ sơ sắp đến hạn, quá hạn (chưa giải quyết) / Unfinished dossiers due soon or overdue',
          querystring: z.object({
            unit: z.string().optional(),
            kind: z.enum(['overdue', 'due_soon']).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(500).default(50),
          }),
        },
      },
      async (request) => services.dossierDeadlines.list(request.actor, request.query),
    );

    app.get(
      '/dossiers/pull-runs',
      {
        schema: {
          tags: ['dossiers'],
          summary: 'Nhật ký đồng bộ từ hệ thống một cửa / Log of pulls from the one-stop system',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
        },
      },
      async (request) => ({
        runs: await listPullRuns(services.dossiers.db, request.actor, request.query.limit),
      }),
    );

    app.get(
      '/dossiers/:code',
      {
        schema: {
          tags: ['dossiers'],
          summary:
            'Một hồ sơ: các bước xử lý, các phiên bản trước / One dossier: timeline and earlier versions',
          params: z.object({ code: z.string() }),
        },
      },
      async (request) => services.dossiers.get(request.actor, request.params.code),
    );
  };
