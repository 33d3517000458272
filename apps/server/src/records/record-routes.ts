import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { IntakeRequest, IntakeResult } from './record-intake.js';
import type { Actor } from '../auth/actor.js';
import { readCsvRows, readXlsxRows, XLSX_TYPE, type FileField } from './record-file.js';

/** Intake routes take XLSX workbooks as raw bytes, besides JSON and CSV. */
export function acceptXlsx(app: FastifyInstance): void {
  app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
}

export const intakeSchema = (summary: string, fields: readonly FileField[]) => ({
  summary,
  description:
    `JSON \`{rows:[{${fields.map((f) => f.name).join(', ')}}], mode?}\`, \`text/csv\` or an XLSX workbook ` +
    `(header row with these names or the Vietnamese ones: ${fields.map((f) => `"${f.vi}"`).join(', ')}). ` +
    'All-or-nothing by default (422 with a row-by-row report); `mode=partial` stores the valid rows (207). ' +
    'A record sent again with the same key is stored once; a changed one becomes a new revision. ' +
    'Send `Idempotency-Key` to make retries safe. Amounts in đồng; dates dd/MM/yyyy or yyyy-MM-dd.',
  querystring: z.object({ mode: z.enum(['all', 'partial']).optional() }),
  headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }).passthrough(),
  body: z.union([
    z.object({
      rows: z.array(z.record(z.string(), z.unknown())).max(200_000),
      mode: z.enum(['all', 'partial']).optional(),
    }),
    z.string(),
    z.instanceof(Buffer),
  ]),
});

type IntakeBody = { rows: Record<string, unknown>[]; mode?: 'all' | 'partial' } | string | Buffer;

/** Reads an intake request (JSON rows, CSV text or XLSX bytes), writes it and replies with the report. */
export async function handleIntake(
  request: FastifyRequest & { body: IntakeBody; query: { mode?: 'all' | 'partial' } },
  reply: FastifyReply,
  fields: readonly FileField[],
  write: (actor: Actor, req: IntakeRequest) => Promise<{ status: number; body: IntakeResult }>,
) {
  const body = request.body;
  let parsed: { rows: Record<string, unknown>[]; lines: number[] };
  let mode = request.query.mode;
  if (Buffer.isBuffer(body)) parsed = await readXlsxRows(body, fields);
  else if (typeof body === 'string') parsed = readCsvRows(body, fields);
  else {
    parsed = { rows: body.rows, lines: body.rows.map((_, i) => i + 1) };
    mode = body.mode ?? mode;
  }
  const key = request.headers['idempotency-key'];
  const result = await write(request.actor, {
    rows: parsed.rows,
    rowNumbers: parsed.lines,
    mode: mode ?? 'all',
    ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
  });
  return reply.status(result.status).send(result.body);
}
