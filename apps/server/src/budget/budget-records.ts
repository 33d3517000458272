import { BUDGET_ITEMS, type BudgetItem, type BudgetKind } from '@ioc/shared';
import type { Db } from '../db/database.js';
import type { FileField } from '../records/record-file.js';
import type { RecordSpec } from '../records/record-intake.js';
import { yearsOfDates, yearsOfField } from '../records/record-store.js';
import { loadReference, readUnit } from '../records/reference.js';
import {
  checkRows,
  need,
  optional,
  readCode,
  readDate,
  readNumber,
  readYear,
  refuse,
} from '../records/row-check.js';

const ITEMS = new Map(BUDGET_ITEMS.map((i) => [i.code, i]));

const KIND_WORDS: Record<string, BudgetKind> = {
  revenue: 'revenue',
  thu: 'revenue',
  expenditure: 'expenditure',
  chi: 'expenditure',
};

/** Kind (thu/chi) and item, which must belong to that kind. */
function readItem(row: Record<string, unknown>): BudgetItem {
  const kindText = need(row, 'kind', 'loại (thu/chi)').toLowerCase();
  const kind = KIND_WORDS[kindText];
  if (!kind)
    refuse(
      'kind',
      'BAD_VALUE',
      `Loại "${kindText}" không hợp lệ (thu hoặc chi).`,
      `Kind must be revenue or expenditure.`,
      kindText,
    );
  const item = readCode(row, 'item', ITEMS, { vi: 'khoản thu, chi', en: 'budget item' });
  if (item.kind !== kind)
    refuse(
      'item',
      'WRONG_KIND',
      `Khoản "${item.code}" (${item.nameVi}) không phải khoản ${kind === 'revenue' ? 'thu' : 'chi'}.`,
      `Item "${item.code}" is not a ${kind} item.`,
      item.code,
    );
  return item;
}

export const BUDGET_RECORD_FIELDS: readonly FileField[] = [
  { name: 'key', vi: 'Mã chứng từ', required: true },
  { name: 'kind', vi: 'Loại', required: true },
  { name: 'item', vi: 'Mã khoản', required: true },
  { name: 'organisation', vi: 'Mã cơ quan', required: true },
  { name: 'unit', vi: 'Mã địa bàn', required: true },
  { name: 'date', vi: 'Ngày', required: true },
  { name: 'amount', vi: 'Số tiền', required: true },
  { name: 'description', vi: 'Nội dung' },
];

/** A revenue or spending transaction (chứng từ) with the treasury's identifier as key. */
export function budgetRecordSpec(db: Db): RecordSpec {
  return {
    entity: 'budget_records',
    permission: 'finance.write',
    scope: 'budget',
    async validate(rows, rowNumber, actor) {
      const ref = await loadReference(db);
      return checkRows(rows, rowNumber, (row) => {
        const key = need(row, 'key', 'mã chứng từ');
        const item = readItem(row);
        const organisation = readCode(row, 'organisation', ref.organisations, {
          vi: 'cơ quan',
          en: 'organisation',
        });
        const date = readDate(row, 'date', 'ngày');
        const unit = readUnit(row, 'unit', ref, actor, date);
        return {
          key,
          kind: item.kind,
          item_code: item.code,
          organisation_id: organisation.id,
          unit_id: unit.id,
          date,
          amount: readNumber(row, 'amount', 'Số tiền'),
          description: optional(row, 'description'),
        };
      });
    },
    touchedYears: (trx, records) => yearsOfDates(trx, 'budget_records', records),
  };
}

export const BUDGET_ESTIMATE_FIELDS: readonly FileField[] = [
  { name: 'year', vi: 'Năm', required: true },
  { name: 'kind', vi: 'Loại', required: true },
  { name: 'item', vi: 'Mã khoản', required: true },
  { name: 'organisation', vi: 'Mã cơ quan', required: true },
  { name: 'unit', vi: 'Mã địa bàn', required: true },
  { name: 'amount', vi: 'Số tiền', required: true },
];

/** The annual estimate (dự toán) of one item for an organisation and unit. */
export function budgetEstimateSpec(db: Db): RecordSpec {
  return {
    entity: 'budget_estimates',
    permission: 'finance.write',
    scope: 'budget',
    async validate(rows, rowNumber, actor) {
      const ref = await loadReference(db);
      return checkRows(rows, rowNumber, (row) => {
        const year = readYear(row, 'year');
        const item = readItem(row);
        const organisation = readCode(row, 'organisation', ref.organisations, {
          vi: 'cơ quan',
          en: 'organisation',
        });
        const unit = readUnit(row, 'unit', ref, actor, null);
        return {
          key: [year, item.kind, item.code, organisation.code, unit.code].join('|'),
          year,
          kind: item.kind,
          item_code: item.code,
          organisation_id: organisation.id,
          unit_id: unit.id,
          amount: readNumber(row, 'amount', 'Số tiền'),
        };
      });
    },
    touchedYears: async (_trx, records) => yearsOfField(records),
  };
}
