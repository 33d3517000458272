import { checkRules, parseLocaleNumber, type CompiledRule } from '@ioc/shared';

/** One problem in a file or form, located for the report: spreadsheet row and column letter. */
export interface Finding {
  row: number;
  /** Column letter (A, B, … AA) or '' when the finding concerns the whole row. */
  column: string;
  /** Indicator code, `unit`, `file`, or `row`. */
  field: string;
  severity: 'error' | 'warning';
  code: string;
  message: string;
  messageEn: string;
  value?: string;
}

/** A unit's accepted row: its values in the data set's indicator order (null = left empty). */
export interface AcceptedRow {
  row: number;
  unitId: number;
  values: (number | null)[];
}

export interface SheetContext {
  indicatorCodes: string[];
  /** Units that must report, by code. */
  units: Map<string, { id: number; name: string }>;
  rules: CompiledRule[];
  /** Earlier values of a unit's indicator, newest first (for outlier rules). */
  history(unitId: number, indicator: string): number[];
}

/** Markers of the template's code row (hidden row 2), which maps columns to fields. */
export const KEY_MARKER = '__key';
export const UNIT_MARKER = 'unit';
const UNIT_HEADERS = new Set(['unit', 'ma_don_vi', 'mã đơn vị', 'ma don vi', 'don_vi']);

/** Spreadsheet column letter of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** How many findings a report keeps in full; the counts always cover all of them. */
export const REPORT_LIMIT = 2000;

/**
 * Reads a data set's table row by row, the same for XLSX, CSV and the web form: finds the code
 * row (the first row naming an indicator of the data set), maps columns, then checks each
 * unit's row — unit known and expected, not repeated, numbers readable, validation rules. A row
 * with an error is refused whole; warnings (outliers) only flag it.
 */
export class SheetValidator {
  private keyColumn = -1;
  private unitColumn = -1;
  /** Column index per indicator position, or -1 while the code row is not found. */
  private indicatorColumns: number[] = [];
  private hasCodeRow = false;
  private readonly seen = new Map<string, number>();
  readonly accepted: AcceptedRow[] = [];
  readonly findings: Finding[] = [];
  errorCount = 0;
  warningCount = 0;
  rowsRead = 0;

  constructor(private readonly ctx: SheetContext) {}

  get isMapped(): boolean {
    return this.hasCodeRow;
  }

  private add(finding: Finding): void {
    if (finding.severity === 'error') this.errorCount++;
    else this.warningCount++;
    if (this.findings.length < REPORT_LIMIT) this.findings.push(finding);
  }

  /** Feeds one row of cells (0-based columns, text as typed or as exported). */
  read(row: number, cells: string[]): void {
    if (!this.hasCodeRow) {
      this.tryCodeRow(row, cells);
      return;
    }
    if (cells.every((c) => c.trim() === '')) return;
    this.rowsRead++;
    const key =
      (this.keyColumn >= 0 ? cells[this.keyColumn] : '')?.trim() || cells[this.unitColumn]?.trim() || '';
    const column = columnLetter(
      this.keyColumn >= 0 && cells[this.keyColumn]?.trim() ? this.keyColumn : this.unitColumn,
    );
    const fail = (finding: Omit<Finding, 'row' | 'severity'>) =>
      this.add({ row, severity: 'error', ...finding });
    if (!key) {
      fail({
        column,
        field: 'unit',
        code: 'MISSING_UNIT',
        message: 'Thiếu mã đơn vị.',
        messageEn: 'Unit code is missing.',
      });
      return;
    }
    const unit = this.ctx.units.get(key);
    if (!unit) {
      fail({
        column,
        field: 'unit',
        code: 'UNIT_NOT_EXPECTED',
        message: `Đơn vị "${key}" không thuộc bộ số liệu này.`,
        messageEn: `Unit "${key}" is not part of this data set.`,
        value: key,
      });
      return;
    }
    const first = this.seen.get(key);
    if (first !== undefined) {
      fail({
        column,
        field: 'row',
        code: 'DUPLICATE_ROW',
        message: `Đơn vị "${key}" trùng với dòng ${first}.`,
        messageEn: `Unit "${key}" repeats row ${first}.`,
        value: key,
      });
      return;
    }
    this.seen.set(key, row);
    const values: (number | null)[] = [];
    let rowErrors = 0;
    this.ctx.indicatorCodes.forEach((code, i) => {
      const col = this.indicatorColumns[i]!;
      const text = (cells[col] ?? '').trim();
      if (text === '') return values.push(null);
      const value = parseLocaleNumber(text);
      if (value === null) {
        rowErrors++;
        fail({
          column: columnLetter(col),
          field: code,
          code: 'BAD_VALUE',
          message: `Giá trị "${text}" không phải là số.`,
          messageEn: `Value "${text}" is not a number.`,
          value: text,
        });
      }
      return values.push(value);
    });
    if (rowErrors > 0) return;
    if (values.every((v) => v === null)) return; // an untouched template row: nothing supplied
    const byCode = new Map(this.ctx.indicatorCodes.map((code, i) => [code, values[i] ?? null]));
    for (const f of checkRules(this.ctx.rules, byCode, (indicator) => this.ctx.history(unit.id, indicator))) {
      const index = this.ctx.indicatorCodes.indexOf(f.indicator);
      const value = byCode.get(f.indicator);
      this.add({
        row,
        column: index >= 0 ? columnLetter(this.indicatorColumns[index]!) : '',
        field: f.indicator,
        severity: f.severity,
        code: f.code,
        message: f.message,
        messageEn: f.messageEn,
        ...(value === null || value === undefined ? {} : { value: String(value) }),
      });
      if (f.severity === 'error') rowErrors++;
    }
    if (rowErrors === 0) this.accepted.push({ row, unitId: unit.id, values });
  }

  private tryCodeRow(row: number, cells: string[]): void {
    const normalised = cells.map((c) => c.trim());
    const columns = this.ctx.indicatorCodes.map((code) => normalised.indexOf(code));
    if (columns.every((c) => c < 0)) return;
    this.hasCodeRow = true;
    this.indicatorColumns = columns;
    this.keyColumn = normalised.indexOf(KEY_MARKER);
    this.unitColumn = normalised.findIndex((c) => UNIT_HEADERS.has(c.toLowerCase()));
    if (this.unitColumn < 0 && this.keyColumn < 0) {
      this.add({
        row,
        column: '',
        field: 'unit',
        severity: 'error',
        code: 'MISSING_COLUMN',
        message: 'Thiếu cột mã đơn vị (unit).',
        messageEn: 'The unit code column (unit) is missing.',
      });
    }
    columns.forEach((col, i) => {
      if (col >= 0) return;
      const code = this.ctx.indicatorCodes[i]!;
      this.add({
        row,
        column: '',
        field: code,
        severity: 'error',
        code: 'MISSING_COLUMN',
        message: `Thiếu cột chỉ tiêu ${code}.`,
        messageEn: `The column of indicator ${code} is missing.`,
      });
    });
  }

  /** Records a problem with the file as a whole (e.g. the template of another period). */
  fileError(code: string, message: string, messageEn: string): void {
    this.add({ row: 1, column: '', field: 'file', severity: 'error', code, message, messageEn });
  }

  /** Closes the file: a file without any code row cannot be read at all. */
  finish(): void {
    if (this.hasCodeRow) return;
    this.fileError(
      'NO_HEADER',
      `Không tìm thấy dòng mã chỉ tiêu (${this.ctx.indicatorCodes.join(', ')}); hãy dùng mẫu tải về.`,
      `No row naming the indicators (${this.ctx.indicatorCodes.join(', ')}); use the downloaded template.`,
    );
  }
}
