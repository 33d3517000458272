import { CAPITAL_SOURCES, PROJECT_GROUPS } from '@ioc/shared';
import type { Db } from '../db/database.js';
import type { FileField } from '../records/record-file.js';
import type { RecordSpec } from '../records/record-intake.js';
import { yearsOfDates, yearsOfField } from '../records/record-store.js';
import { loadReference, readUnit, type Reference } from '../records/reference.js';
import {
  checkRows,
  need,
  optional,
  readCode,
  readDate,
  readNumber,
  readYear,
  refuse,
  text,
} from '../records/row-check.js';
import type { Actor } from '../auth/actor.js';
import { isInScope } from '../auth/policy.js';

const SOURCES = new Map(Object.keys(CAPITAL_SOURCES).map((code) => [code, code]));

export const PROJECT_FIELDS: readonly FileField[] = [
  { name: 'code', vi: 'Mã dự án', required: true },
  { name: 'name', vi: 'Tên dự án', required: true },
  { name: 'investor', vi: 'Mã chủ đầu tư', required: true },
  { name: 'department', vi: 'Mã cơ quan quản lý', required: true },
  { name: 'unit', vi: 'Mã địa bàn', required: true },
  { name: 'group', vi: 'Nhóm', required: true },
  { name: 'responsible', vi: 'Người phụ trách', required: true },
  { name: 'title', vi: 'Chức vụ' },
  { name: 'phone', vi: 'Điện thoại' },
  { name: 'start', vi: 'Ngày khởi công', required: true },
  { name: 'end', vi: 'Ngày hoàn thành dự kiến', required: true },
  { name: 'completed', vi: 'Ngày hoàn thành' },
];

/** A public investment project with its investor (chủ đầu tư) and responsible person. */
export function projectSpec(db: Db): RecordSpec {
  return {
    entity: 'investment_projects',
    permission: 'finance.write',
    scope: 'investment',
    async validate(rows, rowNumber, actor) {
      const ref = await loadReference(db);
      return checkRows(rows, rowNumber, (row) => {
        const key = need(row, 'code', 'mã dự án');
        const name = need(row, 'name', 'tên dự án');
        const investor = readCode(row, 'investor', ref.organisations, { vi: 'chủ đầu tư', en: 'investor' });
        const department = readCode(row, 'department', ref.organisations, {
          vi: 'cơ quan quản lý',
          en: 'department',
        });
        const unit = readUnit(row, 'unit', ref, actor, null);
        const group = need(row, 'group', 'nhóm dự án (A, B, C)').toUpperCase();
        if (!(PROJECT_GROUPS as readonly string[]).includes(group))
          refuse(
            'group',
            'BAD_VALUE',
            `Nhóm dự án "${group}" không hợp lệ (A, B hoặc C).`,
            'Group must be A, B or C.',
            group,
          );
        const start = readDate(row, 'start', 'ngày khởi công');
        const end = readDate(row, 'end', 'ngày hoàn thành dự kiến');
        if (end < start)
          refuse(
            'end',
            'BAD_DATE',
            'Ngày hoàn thành dự kiến trước ngày khởi công.',
            'The end date is before the start date.',
          );
        return {
          key,
          name,
          investor_id: investor.id,
          department_id: department.id,
          unit_id: unit.id,
          project_group: group,
          responsible_name: need(row, 'responsible', 'người phụ trách'),
          responsible_title: optional(row, 'title'),
          responsible_phone: optional(row, 'phone'),
          start_date: start,
          end_date: end,
          completed_on: text(row, 'completed') ? readDate(row, 'completed', 'ngày hoàn thành') : null,
        };
      });
    },
    // A project's unit or dates change every year it has a plan for.
    async touchedYears(trx, records) {
      const rows = await trx
        .selectFrom('investment_plans')
        .select('year')
        .distinct()
        .where(
          'project_key',
          'in',
          records.map((r) => r.key),
        )
        .execute();
      return rows.map((r) => r.year);
    },
  };
}

/** Projects by code with their unit, for plans and disbursements (which take the project's scope). */
async function loadProjects(db: Db): Promise<Map<string, { key: string; unitId: number }>> {
  const rows = await db.selectFrom('investment_projects').select(['key', 'unit_id']).execute();
  return new Map(rows.map((r) => [r.key, { key: r.key, unitId: r.unit_id }]));
}

function readProject(
  row: Record<string, unknown>,
  projects: Map<string, { key: string; unitId: number }>,
  ref: Reference,
  actor: Actor,
) {
  const project = readCode(row, 'project', projects, { vi: 'dự án', en: 'project' });
  if (!isInScope(actor, ref.units, project.unitId))
    refuse(
      'project',
      'OUT_OF_SCOPE',
      `Dự án "${project.key}" nằm ngoài phạm vi được phân quyền.`,
      'The project is outside your scope.',
      project.key,
    );
  return project;
}

function readSource(row: Record<string, unknown>): string {
  return readCode(row, 'source', SOURCES, { vi: 'nguồn vốn', en: 'capital source' });
}

export const PLAN_FIELDS: readonly FileField[] = [
  { name: 'project', vi: 'Mã dự án', required: true },
  { name: 'year', vi: 'Năm', required: true },
  { name: 'source', vi: 'Nguồn vốn', required: true },
  { name: 'amount', vi: 'Số tiền', required: true },
  { name: 'decision', vi: 'Quyết định' },
];

/** The capital plan of a project for a year from one source; a new amount is a plan revision. */
export function planSpec(db: Db): RecordSpec {
  return {
    entity: 'investment_plans',
    permission: 'finance.write',
    scope: 'investment',
    async validate(rows, rowNumber, actor) {
      const [ref, projects] = await Promise.all([loadReference(db), loadProjects(db)]);
      return checkRows(rows, rowNumber, (row) => {
        const project = readProject(row, projects, ref, actor);
        const year = readYear(row, 'year');
        const source = readSource(row);
        const amount = readNumber(row, 'amount', 'Số tiền');
        if (amount < 0)
          refuse('amount', 'BAD_VALUE', 'Kế hoạch vốn không được âm.', 'A capital plan cannot be negative.');
        return {
          key: [project.key, year, source].join('|'),
          project_key: project.key,
          year,
          source,
          amount,
          decision: optional(row, 'decision'),
        };
      });
    },
    touchedYears: async (_trx, records) => yearsOfField(records),
  };
}

export const DISBURSEMENT_FIELDS: readonly FileField[] = [
  { name: 'key', vi: 'Mã chứng từ', required: true },
  { name: 'project', vi: 'Mã dự án', required: true },
  { name: 'date', vi: 'Ngày', required: true },
  { name: 'amount', vi: 'Số tiền', required: true },
  { name: 'source', vi: 'Nguồn vốn', required: true },
];

/** A disbursement with the treasury's voucher identifier as key. */
export function disbursementSpec(db: Db): RecordSpec {
  return {
    entity: 'investment_disbursements',
    permission: 'finance.write',
    scope: 'investment',
    async validate(rows, rowNumber, actor) {
      const [ref, projects] = await Promise.all([loadReference(db), loadProjects(db)]);
      return checkRows(rows, rowNumber, (row) => {
        const key = need(row, 'key', 'mã chứng từ');
        const project = readProject(row, projects, ref, actor);
        return {
          key,
          project_key: project.key,
          date: readDate(row, 'date', 'ngày'),
          amount: readNumber(row, 'amount', 'Số tiền'),
          source: readSource(row),
        };
      });
    },
    touchedYears: (trx, records) => yearsOfDates(trx, 'investment_disbursements', records),
  };
}
