import { parse } from 'csv-parse/sync';
import { AppError } from './errors.js';

/** Picks the delimiter a spreadsheet used: Vietnamese-locale Excel writes `;` (its decimal is `,`). */
function detectDelimiter(firstLine: string): string {
  const counts = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.reduce((best, cur) => (cur[1] > best[1] ? cur : best))[0];
}

export interface CsvTable {
  header: string[];
  /** Non-empty data rows with the file line each starts on, so reports point at the right line. */
  rows: { line: number; cells: string[] }[];
}

/** Parses UTF-8 CSV with or without BOM, separated by `,`, `;` or tab, quoted cells allowed. */
export function parseCsv(text: string): CsvTable {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, {
      delimiter: detectDelimiter(firstLine),
      relax_column_count: true,
      info: true,
    }) as unknown as typeof records;
  } catch (err) {
    throw new AppError(
      'VALIDATION_FAILED',
      { reason: (err as Error).message },
      {
        vi: `Tệp CSV không đọc được: ${(err as Error).message}`,
        en: `The CSV file cannot be read: ${(err as Error).message}`,
      },
    );
  }
  const [head, ...data] = records;
  if (!head)
    throw new AppError('VALIDATION_FAILED', null, { vi: 'Tệp CSV rỗng.', en: 'The CSV file is empty.' });
  return {
    header: head.record.map((h) => h.trim()),
    rows: data
      .filter((r) => r.record.some((cell) => cell.trim() !== ''))
      .map((r) => ({ line: r.info.lines, cells: r.record })),
  };
}

/** Rows as objects keyed by header (for catalogue imports whose headers are field names). */
export function parseCsvObjects(text: string): Record<string, string>[] {
  const { header, rows } = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r.cells[i] ?? ''])));
}
