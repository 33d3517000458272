import { describe, expect, it } from 'vitest';
import { FormulaError, parseFormula } from './formula';

function evaluate(text: string, values: Record<string, number | null> = {}): number | null {
  return parseFormula(text).evaluate((code) => values[code] ?? null);
}

function errorOf(text: string): FormulaError {
  try {
    parseFormula(text);
  } catch (error) {
    if (error instanceof FormulaError) return error;
    throw error;
  }
  throw new Error(`expected "${text}" to fail`);
}

describe('parseFormula: arithmetic', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['8 / 4 / 2', 1], // left associative: (8 / 4) / 2
    ['2 - 3 - 4', -5], // (2 - 3) - 4
    ['-2 * 3', -6],
    ['2 * -3', -6],
    ['--2', 2],
    ['2 - -3', 5],
    ['-(1 + 2)', -3],
    ['10 - 2 * 3 + 4 / 2', 6],
    ['1.5 * 2', 3],
    ['0.25', 0.25],
    ['((7))', 7],
    ['\t3\n*\n2 ', 6],
  ])('%s = %d', (text, expected) => {
    expect(evaluate(text)).toBe(expected);
  });

  it('never returns -0', () => {
    expect(Object.is(evaluate('-0 * 5'), 0)).toBe(true);
  });
});

describe('parseFormula: indicator references', () => {
  it('lists unique refs in order of first appearance', () => {
    const formula = parseFormula('100 * HS_DUNG_HAN / (HS_DUNG_HAN + HS_TRE_HAN)');
    expect(formula.refs).toEqual(['HS_DUNG_HAN', 'HS_TRE_HAN']);
    expect(formula.text).toBe('100 * HS_DUNG_HAN / (HS_DUNG_HAN + HS_TRE_HAN)');
  });

  it('evaluates with looked-up values: 100 × 90 / (90 + 30) = 75', () => {
    expect(
      evaluate('100 * HS_DUNG_HAN / (HS_DUNG_HAN + HS_TRE_HAN)', { HS_DUNG_HAN: 90, HS_TRE_HAN: 30 }),
    ).toBe(75);
  });

  it('accepts dots, digits and underscores in codes, and is case sensitive', () => {
    const formula = parseFormula('ktxh.grdp_2 - _x + ktxh.GRDP_2');
    expect(formula.refs).toEqual(['ktxh.grdp_2', '_x', 'ktxh.GRDP_2']);
    expect(formula.evaluate((code) => ({ 'ktxh.grdp_2': 5, _x: 1, 'ktxh.GRDP_2': 10 })[code] ?? null)).toBe(
      14,
    );
  });

  it('looks each ref up once', () => {
    const seen: string[] = [];
    parseFormula('A * A + B').evaluate((code) => {
      seen.push(code);
      return 1;
    });
    expect(seen).toEqual(['A', 'B']);
  });

  it('has no refs for a constant formula', () => {
    expect(parseFormula('1 + 1').refs).toEqual([]);
  });
});

describe('parseFormula: null results', () => {
  it('is null when any ref is null, even where it would not matter', () => {
    expect(evaluate('A + B', { A: 1, B: null })).toBeNull();
    expect(evaluate('0 * A', {})).toBeNull();
  });

  it('is null on division by zero, including 0 / 0', () => {
    expect(evaluate('A / B', { A: 1, B: 0 })).toBeNull();
    expect(evaluate('A / (B - B)', { A: 0, B: 3 })).toBeNull();
    expect(evaluate('1 / 0 * 0')).toBeNull();
  });

  it('is null when an input or the result is not finite', () => {
    expect(evaluate('A + 1', { A: Number.NaN })).toBeNull();
    expect(evaluate('A * 10', { A: 1e308 })).toBeNull();
  });
});

describe('parseFormula: errors', () => {
  it.each([
    ['', 0, 'công thức trống'],
    ['   ', 3, 'công thức trống'],
    ['1 +', 3, 'công thức chưa hết'],
    ['(1 + 2', 6, 'thiếu dấu ")"'],
    ['1 + 2)', 5, 'thừa dấu ")"'],
    ['A B', 2, 'thiếu phép toán trước "B"'],
    ['2A', 1, 'thiếu phép toán trước "A"'],
    ['1 * * 2', 4, 'thiếu số hoặc mã chỉ tiêu trước "*"'],
    ['()', 1, 'thiếu số hoặc mã chỉ tiêu trước ")"'],
    ['A % B', 2, 'ký tự không hợp lệ "%"'],
    ['1.2.3', 3, 'ký tự không hợp lệ "."'],
    ['+1', 0, 'thiếu số hoặc mã chỉ tiêu trước "+"'], // no unary plus
    ['2 ^ 3', 2, 'ký tự không hợp lệ "^"'],
  ])('%j fails at %d', (text, position, vi) => {
    const error = errorOf(text);
    expect(error.position).toBe(position);
    expect(error.messageVi).toContain(vi);
    expect(error.message).toContain(`ký tự ${position + 1}`);
    expect(error.message).toContain(`character ${position + 1}`);
    expect(error.name).toBe('FormulaError');
  });

  it('gives the message in both languages', () => {
    const error = errorOf('(A + B');
    expect(error.message).toBe(
      'Lỗi công thức tại ký tự 7: thiếu dấu ")" / Formula error at character 7: missing ")"',
    );
    expect(error.messageEn).toBe('missing ")"');
    expect(error).toBeInstanceOf(Error);
  });

  it('reads a hyphenated code as a subtraction, so such codes need renaming', () => {
    expect(parseFormula('HS-DUNG').refs).toEqual(['HS', 'DUNG']);
  });
});
