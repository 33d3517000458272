import ExcelJS from 'exceljs';
import { normalizeSearch } from '@ioc/shared';
import { parseCsv } from '../csv.js';
import { AppError } from '../errors.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A field of an import file: its name in the API and the Vietnamese header names accepted for it. */
export interface FileField {
  name: string;
  /** Vietnamese header, written with diacritics; the form without them and with `_` is accepted too. */
  vi: string;
  required?: boolean;
}

/** Rows as objects keyed by field name, and the file line (or sheet row) each came from. */
export interface FileRows {
  rows: Record<string, unknown>[];
  lines: number[];
}

function normaliseHeader(header: string): string {
  return normalizeSearch(header).replace(/[\s-]+/g, '_');
}

function mapColumns(header: string[], fields: readonly FileField[]): (string | undefined)[] {
  const byHeader = new Map<string, string>();
  for (const f of fields) {
    byHeader.set(normaliseHeader(f.name), f.name);
    byHeader.set(normaliseHeader(f.vi), f.name);
  }
  const columns = header.map((h) => byHeader.get(normaliseHeader(h)));
  const missing = fields.filter((f) => f.required && !columns.includes(f.name));
  if (missing.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      { missingColumns: missing.map((f) => f.name), header },
      {
        vi: `Tệp thiếu cột: ${missing.map((f) => `${f.vi} (${f.name})`).join(', ')}.`,
        en: `The file lacks columns: ${missing.map((f) => f.name).join(', ')}.`,
      },
    );
  }
  return columns;
}

function toObjects(
  header: string[],
  data: { line: number; cells: unknown[] }[],
  fields: readonly FileField[],
): FileRows {
  const columns = mapColumns(header, fields);
  return {
    rows: data.map(({ cells }) => {
      const row: Record<string, unknown> = {};
      columns.forEach((field, c) => {
        if (field) row[field] = cells[c];
      });
      return row;
    }),
    lines: data.map((r) => r.line),
  };
}

/** Reads a CSV file (`,` `;` or tab, with or without BOM) whose header names the fields. */
export function readCsvRows(text: string, fields: readonly FileField[]): FileRows {
  const { header, rows } = parseCsv(text);
  return toObjects(header, rows, fields);
}

/** A cell as the text or number a user sees: dates as YYYY-MM-DD, formulas by their result. */
function cellValue(value: ExcelJS.CellValue): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value && typeof value === 'object') {
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return value.text;
  }
  return value ?? '';
}

/** Reads the first sheet of an XLSX workbook; its first row is the header. */
export async function readXlsxRows(buffer: Buffer, fields: readonly FileField[]): Promise<FileRows> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (err) {
    throw new AppError(
      'VALIDATION_FAILED',
      { reason: (err as Error).message },
      { vi: 'Tệp Excel (XLSX) không đọc được.', en: 'The Excel (XLSX) file cannot be read.' },
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0)
    throw new AppError('VALIDATION_FAILED', null, { vi: 'Tệp Excel rỗng.', en: 'The Excel file is empty.' });
  const width = sheet.columnCount;
  const read = (n: number) =>
    Array.from({ length: width }, (_, c) => cellValue(sheet.getRow(n).getCell(c + 1).value));
  const header = read(1).map((h) => String(h));
  const data: { line: number; cells: unknown[] }[] = [];
  for (let n = 2; n <= sheet.rowCount; n++) {
    const cells = read(n);
    if (cells.some((c) => String(c).trim() !== '')) data.push({ line: n, cells });
  }
  return toObjects(header, data, fields);
}
