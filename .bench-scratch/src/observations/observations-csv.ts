import { parseCsv } from '../csv.js';
import { AppError } from '../errors.js';
import type { ObservationRow } from './observation-rows.js';

/** Accepted header names per field: English, and Vietnamese without and with diacritics. */
const HEADER_ALIASES: Record<keyof ObservationRow, string[]> = {
  indicator: ['indicator', 'indicator_code', 'chi_tieu', 'ma_chi_tieu', 'chỉ tiêu', 'mã chỉ tiêu'],
  unit: ['unit', 'unit_code', 'don_vi', 'ma_don_vi', 'đơn vị', 'mã đơn vị'],
  period: ['period', 'ky', 'kỳ'],
  value: ['value', 'gia_tri', 'giá trị'],
  disaggregation: ['disaggregation', 'phan_to', 'phân tổ'],
  status: ['status', 'trang_thai', 'trạng thái'],
  source: ['source', 'nguon', 'nguồn'],
  comment: ['comment', 'ghi_chu', 'ghi chú'],
};

function fieldOf(header: string): keyof ObservationRow | undefined {
  const name = header.toLowerCase();
  return (Object.keys(HEADER_ALIASES) as (keyof ObservationRow)[]).find((f) =>
    HEADER_ALIASES[f].includes(name),
  );
}

/** Parses an observations CSV into rows and the line number of each, for the error report. */
export function parseObservationsCsv(text: string): { rows: ObservationRow[]; lines: number[] } {
  const { header, rows } = parseCsv(text);
  const columns = header.map(fieldOf);
  const missing = (['indicator', 'unit', 'period', 'value'] as const).filter((f) => !columns.includes(f));
  if (missing.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      { missingColumns: missing, header },
      {
        vi: `Tệp CSV thiếu cột: ${missing.join(', ')} (dòng tiêu đề cần có indicator, unit, period, value).`,
        en: `The CSV file lacks columns: ${missing.join(', ')} (the header needs indicator, unit, period, value).`,
      },
    );
  }
  return {
    rows: rows.map(({ cells }) => {
      const row: ObservationRow = {};
      columns.forEach((field, c) => {
        if (field) row[field] = cells[c];
      });
      return row;
    }),
    lines: rows.map((r) => r.line),
  };
}
