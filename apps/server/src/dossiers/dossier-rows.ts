/**
 * Validation of dossier records as a client sends them (JSON push, CSV/XLSX file, or the pull
 * from the one-stop system): each row is checked against the units and the actor's scope, and
 * every refusal names the row, the column and why, in Vietnamese and English.
 */
import {
  CLOSED_DOSSIER_STATUSES,
  DOSSIER_STATUSES,
  DOSSIER_STEP_KINDS,
  normalizeSearch,
  type DossierChannel,
  type DossierStatus,
  type DossierStep,
} from '@ioc/shared';
import { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import { isInScope } from '../auth/policy.js';
import type { RowError } from '../observations/observation-rows.js';
import type { UnitTree } from '../units/unit-tree.js';

const dossierStepSchema = z.object({
  kind: z.enum(DOSSIER_STEP_KINDS),
  at: z.string(),
  agency: z.string().nullish(),
  handler: z.string().nullish(),
  note: z.string().nullish(),
});

/** One dossier as sent by a client; every field is checked. */
export type DossierRow = Partial<Record<DossierField, unknown>>;

export const DOSSIER_FIELDS = [
  'code',
  'procedureCode',
  'procedureName',
  'fieldCode',
  'fieldName',
  'agencyCode',
  'agencyName',
  'unit',
  'handler',
  'channel',
  'receivedAt',
  'dueAt',
  'finishedAt',
  'status',
  'hasFee',
  'paidOnline',
  'digitised',
  'publishedAt',
  'steps',
  'updatedAt',
] as const;
export type DossierField = (typeof DOSSIER_FIELDS)[number];

/** A validated dossier, ready to store. */
export interface ValidDossier {
  row: number;
  code: string;
  procedureCode: string;
  procedureName: string;
  fieldCode: string;
  fieldName: string;
  agencyCode: string;
  agencyName: string;
  unitId: number;
  handler: string | null;
  channel: DossierChannel;
  receivedAt: Date;
  dueAt: Date | null;
  finishedAt: Date | null;
  status: DossierStatus;
  hasFee: boolean;
  paidOnline: boolean;
  digitised: boolean;
  /** When the one-stop system published it on the national public-service portal. */
  publishedAt: Date | null;
  steps: DossierStep[];
  sourceUpdatedAt: Date | null;
}

const CHANNEL_WORDS: Record<string, DossierChannel> = {
  online: 'online',
  'truc tuyen': 'online',
  direct: 'direct',
  'truc tiep': 'direct',
  post: 'post',
  'buu chinh': 'post',
  'buu chinh cong ich': 'post',
};

const STATUS_WORDS: Record<string, DossierStatus> = {
  ...Object.fromEntries(DOSSIER_STATUSES.map((s) => [s, s])),
  'moi tiep nhan': 'received',
  'da tiep nhan': 'received',
  'dang xu ly': 'in_progress',
  'yeu cau bo sung': 'supplement_requested',
  'tam dung': 'paused',
  'da tra ket qua': 'finished',
  'hoan thanh': 'finished',
  'tra lai': 'returned',
};

const TRUE_WORDS = new Set(['true', '1', 'x', 'co', 'yes']);
const FALSE_WORDS = new Set(['false', '0', '', 'khong', 'no']);

function text(v: unknown): string {
  return v === undefined || v === null ? '' : String(v).trim();
}

/**
 * An instant: ISO 8601 (a time without offset is Vietnam time), or `dd/MM/yyyy[ HH:mm[:ss]]` as
 * Vietnamese spreadsheets write it, or a Date (XLSX cells). Null if unreadable.
 */
export function parseInstant(v: unknown): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  const s = text(v);
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  const iso = vn
    ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}T${(vn[4] ?? '0').padStart(2, '0')}:${vn[5] ?? '00'}:${vn[6] ?? '00'}+07:00`
    : /^\d{4}-\d{2}-\d{2}$/.test(s)
      ? `${s}T00:00:00+07:00`
      : /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(s)
        ? `${s}+07:00`
        : s;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso)) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

const FIELD_NAMES_VI: Record<DossierField, string> = {
  code: 'mã hồ sơ',
  procedureCode: 'mã thủ tục',
  procedureName: 'tên thủ tục',
  fieldCode: 'mã lĩnh vực',
  fieldName: 'tên lĩnh vực',
  agencyCode: 'mã cơ quan tiếp nhận',
  agencyName: 'tên cơ quan tiếp nhận',
  unit: 'mã đơn vị hành chính',
  handler: 'cán bộ xử lý',
  channel: 'kênh tiếp nhận',
  receivedAt: 'thời điểm tiếp nhận',
  dueAt: 'hạn xử lý',
  finishedAt: 'thời điểm hoàn thành',
  status: 'trạng thái',
  hasFee: 'có phí, lệ phí',
  paidOnline: 'thanh toán trực tuyến',
  digitised: 'số hóa',
  publishedAt: 'thời điểm công khai trên Cổng DVC quốc gia',
  steps: 'các bước xử lý',
  updatedAt: 'thời điểm cập nhật',
};

/**
 * Checks every row. Returns the valid dossiers and one located error for each invalid row (its
 * first problem). A code twice in one batch is refused on the second row.
 */
export function validateDossierRows(
  rows: DossierRow[],
  rowNumber: (index: number) => number,
  ctx: { units: UnitTree; actor: Actor },
): { valid: ValidDossier[]; errors: RowError[] } {
  const valid: ValidDossier[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  rows.forEach((input, index) => {
    const row = rowNumber(index);
    const fail = (field: DossierField | 'row', code: string, vi: string, en: string, value?: string) => {
      errors.push({
        row,
        field,
        code,
        message: vi,
        messageEn: en,
        ...(value === undefined ? {} : { value }),
      });
    };
    const required = (field: DossierField): string | null => {
      const value = text(input[field]);
      if (value) return value;
      fail(field, 'MISSING_FIELD', `Thiếu ${FIELD_NAMES_VI[field]}.`, `${field} is missing.`);
      return null;
    };
    const instant = (field: DossierField, isRequired: boolean): Date | null | undefined => {
      const raw = input[field];
      if (!isRequired && text(raw) === '' && !(raw instanceof Date)) return null;
      const date = parseInstant(raw);
      if (date) return date;
      if (isRequired && text(raw) === '') {
        fail(field, 'MISSING_FIELD', `Thiếu ${FIELD_NAMES_VI[field]}.`, `${field} is missing.`);
      } else {
        fail(
          field,
          'BAD_TIME',
          `${capitalise(FIELD_NAMES_VI[field])} "${text(raw)}" sai định dạng (ví dụ 2024-03-15T08:30+07:00 hoặc 15/03/2024 08:30).`,
          `${field} "${text(raw)}" is not a time (e.g. 2024-03-15T08:30+07:00 or 15/03/2024 08:30).`,
          text(raw),
        );
      }
      return undefined;
    };
    const flag = (field: DossierField): boolean | undefined => {
      const raw = input[field];
      if (typeof raw === 'boolean') return raw;
      const word = normalizeSearch(text(raw));
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      fail(
        field,
        'BAD_FLAG',
        `${capitalise(FIELD_NAMES_VI[field])} "${text(raw)}" phải là có/không (true/false, 1/0).`,
        `${field} "${text(raw)}" must be yes or no (true/false, 1/0).`,
        text(raw),
      );
      return undefined;
    };

    const code = required('code');
    if (code === null) return;
    const procedureCode = required('procedureCode');
    const procedureName = procedureCode === null ? null : required('procedureName');
    const fieldCode = procedureName === null ? null : required('fieldCode');
    const fieldName = fieldCode === null ? null : required('fieldName');
    const agencyCode = fieldName === null ? null : required('agencyCode');
    const agencyName = agencyCode === null ? null : required('agencyName');
    const unitCode = agencyName === null ? null : required('unit');
    if (
      !procedureCode ||
      !procedureName ||
      !fieldCode ||
      !fieldName ||
      !agencyCode ||
      !agencyName ||
      !unitCode
    )
      return;

    const channelText = text(input.channel);
    const channel = CHANNEL_WORDS[channelText] ?? CHANNEL_WORDS[normalizeSearch(channelText)];
    if (!channel) {
      return fail(
        'channel',
        'BAD_CHANNEL',
        `Kênh tiếp nhận "${channelText}" không hợp lệ (trực tuyến, trực tiếp, bưu chính / online, direct, post).`,
        `Channel "${channelText}" is invalid (online, direct, post).`,
        channelText,
      );
    }
    const statusText = text(input.status);
    const status = STATUS_WORDS[statusText] ?? STATUS_WORDS[normalizeSearch(statusText)];
    if (!status) {
      return fail(
        'status',
        'BAD_STATUS',
        `Trạng thái "${statusText}" không hợp lệ (${DOSSIER_STATUSES.join(', ')}).`,
        `Status "${statusText}" is invalid (${DOSSIER_STATUSES.join(', ')}).`,
        statusText,
      );
    }
    const receivedAt = instant('receivedAt', true);
    if (!receivedAt) return;
    const dueAt = instant('dueAt', false);
    if (dueAt === undefined) return;
    const finishedAt = instant('finishedAt', false);
    if (finishedAt === undefined) return;
    const sourceUpdatedAt = instant('updatedAt', false);
    if (sourceUpdatedAt === undefined) return;
    const publishedAt = instant('publishedAt', false);
    if (publishedAt === undefined) return;
    if (dueAt && dueAt < receivedAt) {
      return fail(
        'dueAt',
        'DUE_BEFORE_RECEIVED',
        'Hạn xử lý trước thời điểm tiếp nhận.',
        'The due time is before the time received.',
        text(input.dueAt),
      );
    }
    if (publishedAt && publishedAt < receivedAt) {
      return fail(
        'publishedAt',
        'PUBLISHED_BEFORE_RECEIVED',
        'Thời điểm công khai trên Cổng DVC quốc gia trước thời điểm tiếp nhận.',
        'The time published on the national portal is before the time received.',
        text(input.publishedAt),
      );
    }
    if (finishedAt && finishedAt < receivedAt) {
      return fail(
        'finishedAt',
        'FINISHED_BEFORE_RECEIVED',
        'Thời điểm hoàn thành trước thời điểm tiếp nhận.',
        'The time finished is before the time received.',
        text(input.finishedAt),
      );
    }
    const isClosed = CLOSED_DOSSIER_STATUSES.includes(status);
    if (isClosed !== (finishedAt !== null)) {
      return isClosed
        ? fail(
            'finishedAt',
            'MISSING_FIELD',
            `Hồ sơ ở trạng thái "${status}" cần thời điểm hoàn thành.`,
            `A dossier with status "${status}" needs the time finished.`,
          )
        : fail(
            'finishedAt',
            'FINISHED_NOT_CLOSED',
            `Hồ sơ có thời điểm hoàn thành nhưng trạng thái là "${status}" (cần finished hoặc returned).`,
            `A dossier with a time finished must have status finished or returned, not "${status}".`,
            text(input.finishedAt),
          );
    }
    const unit = ctx.units.versions(unitCode).find((u) => {
      const day = receivedAt.toISOString().slice(0, 10);
      return (!u.validFrom || u.validFrom <= day) && (!u.validTo || day <= u.validTo);
    });
    if (!unit) {
      return ctx.units.versions(unitCode).length === 0
        ? fail(
            'unit',
            'UNKNOWN_UNIT',
            `Không có đơn vị hành chính mã "${unitCode}".`,
            `Unknown unit "${unitCode}".`,
            unitCode,
          )
        : fail(
            'unit',
            'OUTSIDE_VALIDITY',
            `Đơn vị "${unitCode}" không còn tồn tại vào thời điểm tiếp nhận hồ sơ.`,
            `Unit "${unitCode}" did not exist when the dossier was received.`,
            unitCode,
          );
    }
    if (!isInScope(ctx.actor, ctx.units, unit.id)) {
      return fail(
        'unit',
        'OUT_OF_SCOPE',
        `Đơn vị "${unitCode}" nằm ngoài phạm vi được phân quyền.`,
        `Unit "${unitCode}" is outside your scope.`,
        unitCode,
      );
    }
    const hasFee = flag('hasFee');
    if (hasFee === undefined) return;
    const paidOnline = flag('paidOnline');
    if (paidOnline === undefined) return;
    const digitised = flag('digitised');
    if (digitised === undefined) return;
    if (paidOnline && !hasFee) {
      return fail(
        'paidOnline',
        'PAID_WITHOUT_FEE',
        'Hồ sơ thanh toán trực tuyến phải có phí, lệ phí.',
        'A dossier paid online must have fees.',
      );
    }
    const steps = parseSteps(input.steps);
    if (steps === null) {
      return fail(
        'steps',
        'BAD_STEPS',
        `Các bước xử lý không hợp lệ: cần danh sách {kind, at, agency?, handler?, note?} với kind thuộc ${DOSSIER_STEP_KINDS.join(', ')}.`,
        `Invalid steps: a list of {kind, at, agency?, handler?, note?} is expected.`,
      );
    }
    const firstRow = seen.get(code);
    if (firstRow !== undefined) {
      return fail(
        'code',
        'DUPLICATE_ROW',
        `Trùng mã hồ sơ với dòng ${firstRow}.`,
        `Same dossier code as row ${firstRow}.`,
        code,
      );
    }
    seen.set(code, row);
    valid.push({
      row,
      code,
      procedureCode,
      procedureName,
      fieldCode,
      fieldName,
      agencyCode,
      agencyName,
      unitId: unit.id,
      handler: text(input.handler) || null,
      channel,
      receivedAt,
      dueAt,
      finishedAt,
      status,
      hasFee,
      paidOnline,
      digitised,
      publishedAt,
      steps: steps ?? defaultSteps(receivedAt, finishedAt, status, agencyName, text(input.handler) || null),
      sourceUpdatedAt,
    });
  });
  return { valid, errors };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Steps as sent (a list, or its JSON text in a file cell); undefined when absent, null when invalid. */
function parseSteps(raw: unknown): DossierStep[] | null | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  const parsed = dossierStepSchema.array().safeParse(value);
  if (!parsed.success) return null;
  const steps: DossierStep[] = [];
  for (const step of parsed.data) {
    const at = parseInstant(step.at);
    if (!at) return null;
    steps.push({ ...step, at: at.toISOString() });
  }
  return steps.sort((a, b) => a.at.localeCompare(b.at));
}

/** The timeline of a record sent without steps: its reception and, when closed, its end. */
function defaultSteps(
  receivedAt: Date,
  finishedAt: Date | null,
  status: DossierStatus,
  agency: string,
  handler: string | null,
): DossierStep[] {
  const steps: DossierStep[] = [{ kind: 'received', at: receivedAt.toISOString(), agency, handler }];
  if (finishedAt)
    steps.push({
      kind: status === 'returned' ? 'returned' : 'finished',
      at: finishedAt.toISOString(),
      agency,
      handler,
    });
  return steps;
}
