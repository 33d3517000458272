/** Dossier files (CSV or XLSX, one dossier a row) read into rows with their line numbers. */
import ExcelJS from 'exceljs';
import { removeDiacritics } from '@ioc/shared';
import { parseCsv } from '../csv.js';
import { AppError } from '../errors.js';
import { DOSSIER_FIELDS, type DossierField, type DossierRow } from './dossier-rows.js';

/** Accepted headers per field besides its own name: snake case, Vietnamese with or without diacritics. */
const HEADER_ALIASES: Record<DossierField, string[]> = {
  code: ['ma_ho_so', 'so_ho_so'],
  procedureCode: ['procedure_code', 'ma_thu_tuc', 'ma_tthc'],
  procedureName: ['procedure_name', 'ten_thu_tuc', 'thu_tuc', 'ten_tthc'],
  fieldCode: ['field_code', 'ma_linh_vuc'],
  fieldName: ['field_name', 'linh_vuc', 'ten_linh_vuc'],
  agencyCode: ['agency_code', 'ma_co_quan', 'ma_co_quan_tiep_nhan'],
  agencyName: ['agency_name', 'co_quan', 'ten_co_quan', 'co_quan_tiep_nhan'],
  unit: ['unit_code', 'ma_don_vi', 'don_vi', 'ma_dvhc'],
  handler: ['can_bo_xu_ly', 'nguoi_xu_ly'],
  channel: ['kenh', 'kenh_tiep_nhan', 'hinh_thuc_tiep_nhan'],
  receivedAt: ['received_at', 'ngay_tiep_nhan', 'thoi_diem_tiep_nhan'],
  dueAt: ['due_at', 'han_xu_ly', 'ngay_hen_tra'],
  finishedAt: ['finished_at', 'ngay_hoan_thanh', 'thoi_diem_hoan_thanh', 'ngay_tra_ket_qua'],
  status: ['trang_thai'],
  hasFee: ['has_fee', 'co_phi', 'phi_le_phi'],
  paidOnline: ['paid_online', 'thanh_toan_truc_tuyen'],
  digitised: ['digitized', 'so_hoa'],
  publishedAt: ['published_at', 'ngay_cong_khai', 'thoi_diem_cong_khai', 'ngay_dong_bo', 'thoi_diem_dong_bo'],
  steps: ['cac_buoc', 'buoc_xu_ly'],
  updatedAt: ['updated_at', 'ngay_cap_nhat'],
};

const normaliseHeader = (h: string): string =>
  removeDiacritics(h)
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

function fieldOf(header: string): DossierField | undefined {
  const name = normaliseHeader(header);
  return DOSSIER_FIELDS.find((f) => f.toLowerCase() === name || HEADER_ALIASES[f].includes(name));
}

const REQUIRED: DossierField[] = [
  'code',
  'procedureCode',
  'procedureName',
  'fieldCode',
  'fieldName',
  'agencyCode',
  'agencyName',
  'unit',
  'channel',
  'receivedAt',
  'status',
];

function toRows(header: string[], data: { line: number; cells: unknown[] }[]) {
  const columns = header.map(fieldOf);
  const missing = REQUIRED.filter((f) => !columns.includes(f));
  if (missing.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      { missingColumns: missing, header },
      {
        vi: `Tệp thiếu cột: ${missing.join(', ')}.`,
        en: `The file lacks columns: ${missing.join(', ')}.`,
      },
    );
  }
  return {
    rows: data.map(({ cells }) => {
      const row: DossierRow = {};
      columns.forEach((field, c) => {
        if (field) row[field] = cells[c];
      });
      return row;
    }),
    lines: data.map((r) => r.line),
  };
}

export function parseDossierCsv(text: string): { rows: DossierRow[]; lines: number[] } {
  const { header, rows } = parseCsv(text);
  return toRows(header, rows);
}

/** The first worksheet; row 1 is the header. Dates typed as Excel dates arrive as Dates (UTC clock = local time). */
export async function parseDossierXlsx(file: Buffer): Promise<{ rows: DossierRow[]; lines: number[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch (err) {
    throw new AppError(
      'VALIDATION_FAILED',
      { reason: (err as Error).message },
      { vi: 'Tệp XLSX không đọc được.', en: 'The XLSX file cannot be read.' },
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet)
    throw new AppError('VALIDATION_FAILED', null, { vi: 'Tệp XLSX rỗng.', en: 'The XLSX file is empty.' });
  const cellValue = (v: ExcelJS.CellValue): unknown => {
    // Excel has no time zone: its clock is the local (Vietnam) clock.
    if (v instanceof Date) return v.toISOString().slice(0, 19);
    if (v && typeof v === 'object' && 'text' in v) return (v as { text: string }).text;
    if (v && typeof v === 'object' && 'result' in v) return (v as { result: unknown }).result;
    return v;
  };
  const header: string[] = [];
  const data: { line: number; cells: unknown[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellValue(row.getCell(c).value));
    if (line === 1) header.push(...cells.map((h) => String(h ?? '').trim()));
    else if (cells.some((v) => v !== null && v !== undefined && String(v).trim() !== ''))
      data.push({ line, cells });
  });
  return toRows(header, data);
}
