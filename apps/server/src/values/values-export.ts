import ExcelJS from 'exceljs';
import type { UnitValue } from './assessment.js';

const LEVEL_NAMES: Record<UnitValue['level'], string> = {
  green: 'Xanh (đạt)',
  yellow: 'Vàng (theo dõi)',
  orange: 'Cam (cảnh báo)',
  red: 'Đỏ (nghiêm trọng)',
  no_target: 'Chưa có kế hoạch',
  no_data: 'Chưa có số liệu',
};

const HEADERS = [
  'Mã đơn vị',
  'Tên đơn vị',
  'Kỳ',
  'Giá trị',
  'Kế hoạch',
  'Tỷ lệ đạt (%)',
  'Mức cảnh báo',
  'Lý do',
  'Độ phủ số liệu (%)',
];

export interface ExportTable {
  indicator: { code: string; name: string; unitOfMeasure: string };
  period: { code: string; label: string };
  rows: UnitValue[];
}

function cells(table: ExportTable, r: UnitValue): (string | number | null)[] {
  if (r.restricted)
    return [r.unit.code, r.unit.name, table.period.label, null, null, null, 'Không có quyền xem', '', null];
  return [
    r.unit.code,
    r.unit.name,
    table.period.label,
    r.value,
    r.target,
    r.achievement,
    LEVEL_NAMES[r.level],
    r.reason.vi,
    r.coverage === null ? null : r.coverage * 100,
  ];
}

/** CSV for Vietnamese-locale Excel: UTF-8 with BOM, `;` between fields, decimal comma, full precision. */
export function toCsv(table: ExportTable): string {
  const field = (v: string | number | null) => {
    const text = v === null ? '' : typeof v === 'number' ? String(v).replace('.', ',') : v;
    return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [HEADERS, ...table.rows.map((r) => cells(table, r))].map((row) => row.map(field).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** An XLSX workbook: a title line naming the indicator, period and unit of measure, then the table. */
export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Số liệu');
  sheet.addRow([`${table.indicator.name} (${table.indicator.unitOfMeasure}) — ${table.period.label}`]).font =
    { bold: true };
  sheet.addRow(HEADERS).font = { bold: true };
  for (const r of table.rows) sheet.addRow(cells(table, r));
  sheet.columns.forEach((column, i) => (column.width = [12, 28, 20, 14, 14, 14, 20, 60, 18][i] ?? 14));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
