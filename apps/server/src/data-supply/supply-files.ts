import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatPeriodLabel, type ValidationRule } from '@ioc/shared';
import { parseCsv } from '../csv.js';
import { KEY_MARKER, UNIT_MARKER } from './supply-sheet.js';

export interface TemplateIndicator {
  code: string;
  name: string;
  unitOfMeasure: string;
}

export interface TemplateSpec {
  dataSet: { code: string; name: string };
  period: string;
  indicators: TemplateIndicator[];
  units: { code: string; name: string }[];
  rules: ValidationRule[];
  /** Prefilled figures (the current draft or published values), e.g. for a correction. */
  value?: (unitCode: string, indicatorCode: string) => number | null;
}

const DATA_SHEET_ID = 1;
const META_SHEET = '_meta';
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } } as const;

function headerOf(indicator: TemplateIndicator): string {
  return `${indicator.name} (${indicator.unitOfMeasure})`;
}

/**
 * The XLSX template of a data set for a period, written with the streaming writer so a
 * template of many units stays small in memory: row 1 Vietnamese headers with units of
 * measure, hidden row 2 the codes that map columns back, hidden column A the unit key, one
 * row per unit, number validation (with the data set's ranges) on every value cell, and a
 * hidden sheet naming the data set and period.
 */
export async function writeTemplateXlsx(spec: TemplateSpec): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise((resolve, reject) => sink.on('end', resolve).on('error', reject));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Số liệu', { views: [{ state: 'frozen', xSplit: 3, ySplit: 2 }] });
  sheet.columns = [
    { width: 10, hidden: true },
    { width: 12 },
    { width: 30 },
    ...spec.indicators.map(() => ({ width: 22 })),
  ];
  const header = sheet.addRow(['Khóa', 'Mã đơn vị', 'Tên đơn vị', ...spec.indicators.map(headerOf)]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.height = 45;
  header.eachCell((cell) => (cell.fill = HEADER_FILL));
  header.commit();
  const codes = sheet.addRow([KEY_MARKER, UNIT_MARKER, 'name', ...spec.indicators.map((i) => i.code)]);
  codes.hidden = true;
  codes.commit();
  const validations = spec.indicators.map((indicator) => {
    const range = spec.rules.find((r) => r.kind === 'range' && r.indicator === indicator.code);
    const min = range?.kind === 'range' && typeof range.min === 'number' ? range.min : -1e15;
    const max = range?.kind === 'range' && typeof range.max === 'number' ? range.max : 1e15;
    return {
      type: 'decimal' as const,
      operator: 'between' as const,
      allowBlank: true,
      formulae: [min, max],
      showErrorMessage: true,
      errorTitle: 'Giá trị không hợp lệ',
      error: `Nhập một số từ ${min} đến ${max} (${indicator.unitOfMeasure}).`,
    };
  });
  for (const unit of spec.units) {
    const row = sheet.addRow([
      unit.code,
      unit.code,
      unit.name,
      ...spec.indicators.map((i) => spec.value?.(unit.code, i.code) ?? null),
    ]);
    spec.indicators.forEach((_, i) => (row.getCell(4 + i).dataValidation = validations[i]!));
    row.commit();
  }
  sheet.commit();
  const meta = workbook.addWorksheet(META_SHEET, { state: 'veryHidden' });
  meta.addRow(['dataSet', spec.dataSet.code]).commit();
  meta.addRow(['period', spec.period]).commit();
  meta.addRow(['title', `${spec.dataSet.name} — ${formatPeriodLabel(spec.period, 'vi')}`]).commit();
  meta.commit();
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}

/** The same table as CSV for Vietnamese-locale Excel: BOM, `;`, decimal comma; the code row follows the headers. */
export function writeTemplateCsv(spec: TemplateSpec): string {
  const field = (v: string | number | null) => {
    const text = v === null ? '' : typeof v === 'number' ? String(v).replace('.', ',') : v;
    return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [
    ['Khóa', 'Mã đơn vị', 'Tên đơn vị', ...spec.indicators.map(headerOf)],
    [KEY_MARKER, UNIT_MARKER, 'name', ...spec.indicators.map((i) => i.code)],
    ...spec.units.map((u) => [
      u.code,
      u.code,
      u.name,
      ...spec.indicators.map((i) => spec.value?.(u.code, i.code) ?? null),
    ]),
  ];
  return `\uFEFF${lines.map((l) => l.map(field).join(';')).join('\r\n')}\r\n`;
}

/** What an uploaded file says about itself (XLSX templates name their data set and period). */
export interface FileMeta {
  dataSet?: string;
  period?: string;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

/**
 * Streams the rows of an uploaded file to `onRow` (1-based row numbers, 0-based cells as text),
 * without holding the workbook in memory: XLSX through the streaming reader, CSV (BOM, `,` `;`
 * or tab) parsed in one go. `onRow` may return a promise; it is awaited (progress updates).
 */
export async function readRows(
  file: Buffer,
  format: 'xlsx' | 'csv',
  onRow: (row: number, cells: string[]) => void | Promise<void>,
): Promise<FileMeta> {
  if (format === 'csv') {
    const table = parseCsv(file.toString('utf8'));
    await onRow(1, table.header);
    for (const r of table.rows)
      await onRow(
        r.line,
        r.cells.map((c) => c),
      );
    return {};
  }
  const meta: FileMeta = {};
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(file), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  for await (const worksheet of reader) {
    const id = (worksheet as unknown as { id: number | string }).id;
    const isData = Number(id) === DATA_SHEET_ID;
    for await (const row of worksheet) {
      const values = row.values as ExcelJS.CellValue[];
      const cells: string[] = [];
      for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
      if (isData) await onRow(row.number, cells);
      else if (cells[0] === 'dataSet') meta.dataSet = cells[1];
      else if (cells[0] === 'period') meta.period = cells[1];
    }
  }
  return meta;
}

/** Tells XLSX (a zip: `PK`) from CSV text by the first bytes, whatever the file is called. */
export function detectFormat(file: Buffer): 'xlsx' | 'csv' {
  return file[0] === 0x50 && file[1] === 0x4b ? 'xlsx' : 'csv';
}
