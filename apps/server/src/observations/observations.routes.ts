import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.js';
import { parseObservationsCsv } from './observations-csv.js';
import type { ObservationRow } from './observation-rows.js';

const rowSchema = z.object({
  indicator: z.unknown(),
  unit: z.unknown(),
  period: z.unknown(),
  value: z.unknown(),
  disaggregation: z.unknown().optional(),
  status: z.unknown().optional(),
  source: z.unknown().optional(),
  comment: z.unknown().optional(),
});

export const observationRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/observations',
      {
        schema: {
          tags: ['observations'],
          summary: 'Ghi số liệu hàng loạt (JSON hoặc CSV) / Bulk write observations (JSON or CSV)',
          description:
            'JSON `{rows:[{indicator, unit, period, value, disaggregation?, status?, source?, comment?}], mode?}` or `text/csv` ' +
            'with a header row (`,` `;` or tab; BOM and decimal comma accepted). All-or-nothing by default (422 with a row-by-row ' +
            'report); `mode=partial` stores the valid rows (207). Send `Idempotency-Key` (or `batchId` in the JSON body) to make retries safe. ' +
            "Rows sent with an API key without a `source` are recorded with the key's name (the sending system) as source.",
          querystring: z.object({ mode: z.enum(['all', 'partial']).optional() }),
          headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }).passthrough(),
          body: z.union([
            z.object({
              rows: z.array(rowSchema).max(200_000),
              mode: z.enum(['all', 'partial']).optional(),
              /** The sender's id for this batch; a resend with the same id is answered as the first. */
              batchId: z.string().min(8).max(200).optional(),
            }),
            z.string(),
          ]),
        },
      },
      async (request, reply) => {
        let rows: ObservationRow[];
        let rowNumbers: number[];
        let mode = request.query.mode;
        let batchId: string | undefined;
        if (typeof request.body === 'string') {
          const parsed = parseObservationsCsv(request.body);
          rows = parsed.rows;
          rowNumbers = parsed.lines;
        } else {
          rows = request.body.rows;
          rowNumbers = rows.map((_, i) => i + 1);
          mode = request.body.mode ?? mode;
          batchId = request.body.batchId;
        }
        const idempotencyKey = request.headers['idempotency-key'] ?? batchId;
        const result = await services.observations.write(request.actor, {
          rows,
          rowNumbers,
          mode: mode ?? 'all',
          ...(typeof idempotencyKey === 'string' ? { idempotencyKey } : {}),
        });
        return reply.status(result.status).send(result.body);
      },
    );

    app.get(
      '/observations/history',
      {
        schema: {
          tags: ['observations'],
          summary: 'Lịch sử sửa đổi một số liệu / Revision history of one observation',
          querystring: z.object({
            indicator: z.string(),
            unit: z.string(),
            period: z.string(),
            disaggregation: z.string().optional(),
          }),
        },
      },
      async (request) => ({ revisions: await services.observations.history(request.actor, request.query) }),
    );
  };
