/**
 * Formulas of derived indicators, e.g. `100 * HS_DUNG_HAN / HS_DA_XU_LY`: numbers, indicator
 * codes, + - * /, unary minus and parentheses. Parsed once into a tree by a small recursive-descent
 * parser (no eval), then evaluated per unit and period.
 */

export interface Formula {
  /** The text as given. */
  text: string;
  /** Indicator codes referenced, each once, in order of first appearance. */
  refs: string[];
  /**
   * The value for the given inputs; null when an input is null, on division by zero, or when the
   * result is not finite.
   */
  evaluate(lookup: (code: string) => number | null): number | null;
}

/** A formula that does not parse. `position` is the 0-based offset in the text. */
export class FormulaError extends Error {
  override readonly name = 'FormulaError';

  constructor(
    readonly position: number,
    readonly messageVi: string,
    readonly messageEn: string,
  ) {
    super(
      `Lỗi công thức tại ký tự ${position + 1}: ${messageVi} / Formula error at character ${position + 1}: ${messageEn}`,
    );
  }
}

type Operator = '+' | '-' | '*' | '/';

type Token =
  | { kind: 'number'; value: number; position: number; text: string }
  | { kind: 'ref'; code: string; position: number; text: string }
  | { kind: 'operator'; operator: Operator; position: number; text: string }
  | { kind: 'open' | 'close' | 'end'; position: number; text: string };

type Node =
  | { kind: 'number'; value: number }
  | { kind: 'ref'; code: string }
  | { kind: 'negate'; operand: Node }
  | { kind: 'binary'; operator: Operator; left: Node; right: Node };

const NUMBER = /\d+(?:\.\d+)?/y;
const CODE = /[A-Za-z_][A-Za-z0-9_.]*/y;
const BLANK = /\s/;

function matchAt(pattern: RegExp, text: string, position: number): string | null {
  pattern.lastIndex = position;
  return pattern.exec(text)?.[0] ?? null;
}

function readToken(text: string, position: number): Token {
  const char = text.charAt(position);
  if (char === '+' || char === '-' || char === '*' || char === '/') {
    return { kind: 'operator', operator: char, position, text: char };
  }
  if (char === '(') return { kind: 'open', position, text: char };
  if (char === ')') return { kind: 'close', position, text: char };
  const number = matchAt(NUMBER, text, position);
  if (number !== null) return { kind: 'number', value: Number(number), position, text: number };
  const code = matchAt(CODE, text, position);
  if (code !== null) return { kind: 'ref', code, position, text: code };
  throw new FormulaError(position, `ký tự không hợp lệ "${char}"`, `unexpected character "${char}"`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < text.length) {
    if (BLANK.test(text.charAt(position))) {
      position++;
      continue;
    }
    const token = readToken(text, position);
    tokens.push(token);
    position += token.text.length;
  }
  tokens.push({ kind: 'end', position: text.length, text: '' });
  return tokens;
}

/** Recursive descent over: expression = term (± term)*; term = unary (×÷ unary)*; unary = -unary | primary. */
class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  parseFormula(): Node {
    const first = this.peek();
    if (first.kind === 'end')
      throw new FormulaError(first.position, 'công thức trống', 'the formula is empty');
    const node = this.parseExpression();
    const rest = this.peek();
    if (rest.kind === 'close') throw new FormulaError(rest.position, 'thừa dấu ")"', 'unmatched ")"');
    if (rest.kind !== 'end') {
      throw new FormulaError(
        rest.position,
        `thiếu phép toán trước "${rest.text}"`,
        `expected an operator before "${rest.text}"`,
      );
    }
    return node;
  }

  private peek(): Token {
    // tokenize always ends with an 'end' token and parsing never advances past it.
    return this.tokens[this.index] ?? this.tokens[this.tokens.length - 1]!;
  }

  private takeOperator(operators: readonly Operator[]): Operator | null {
    const token = this.peek();
    if (token.kind !== 'operator' || !operators.includes(token.operator)) return null;
    this.index++;
    return token.operator;
  }

  private parseExpression(): Node {
    let node = this.parseTerm();
    for (let operator = this.takeOperator(['+', '-']); operator; operator = this.takeOperator(['+', '-'])) {
      node = { kind: 'binary', operator, left: node, right: this.parseTerm() };
    }
    return node;
  }

  private parseTerm(): Node {
    let node = this.parseUnary();
    for (let operator = this.takeOperator(['*', '/']); operator; operator = this.takeOperator(['*', '/'])) {
      node = { kind: 'binary', operator, left: node, right: this.parseUnary() };
    }
    return node;
  }

  private parseUnary(): Node {
    if (this.takeOperator(['-'])) return { kind: 'negate', operand: this.parseUnary() };
    return this.parsePrimary();
  }

  private parsePrimary(): Node {
    const token = this.peek();
    this.index++;
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: token.value };
      case 'ref':
        return { kind: 'ref', code: token.code };
      case 'open': {
        const node = this.parseExpression();
        const close = this.peek();
        if (close.kind !== 'close') throw new FormulaError(close.position, 'thiếu dấu ")"', 'missing ")"');
        this.index++;
        return node;
      }
      case 'operator':
      case 'close':
      case 'end':
        throw new FormulaError(
          token.position,
          token.kind === 'end'
            ? 'công thức chưa hết, thiếu số hoặc mã chỉ tiêu'
            : `thiếu số hoặc mã chỉ tiêu trước "${token.text}"`,
          token.kind === 'end'
            ? 'unexpected end, expected a number or an indicator code'
            : `expected a number or an indicator code before "${token.text}"`,
        );
    }
  }
}

function collectRefs(node: Node, refs: Set<string>): Set<string> {
  switch (node.kind) {
    case 'ref':
      refs.add(node.code);
      break;
    case 'negate':
      collectRefs(node.operand, refs);
      break;
    case 'binary':
      collectRefs(node.left, refs);
      collectRefs(node.right, refs);
      break;
    case 'number':
      break;
  }
  return refs;
}

function applyOperator(operator: Operator, left: number, right: number): number | null {
  switch (operator) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return right === 0 ? null : left / right;
  }
}

/** Values of all refs are known to be non-null here; null only arises from arithmetic. */
function evaluateNode(node: Node, values: ReadonlyMap<string, number>): number | null {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'ref':
      return values.get(node.code) ?? null;
    case 'negate': {
      const operand = evaluateNode(node.operand, values);
      return operand === null ? null : -operand;
    }
    case 'binary': {
      const left = evaluateNode(node.left, values);
      const right = evaluateNode(node.right, values);
      if (left === null || right === null) return null;
      const result = applyOperator(node.operator, left, right);
      return result !== null && Number.isFinite(result) ? result : null;
    }
  }
}

function resolveRefs(
  refs: readonly string[],
  lookup: (code: string) => number | null,
): Map<string, number> | null {
  const values = new Map<string, number>();
  for (const code of refs) {
    const value = lookup(code);
    if (value === null || !Number.isFinite(value)) return null;
    values.set(code, value);
  }
  return values;
}

/**
 * Parses a formula over indicator codes (`[A-Za-z_][A-Za-z0-9_.]*`; codes containing `-` or
 * starting with a digit cannot be referenced). Throws FormulaError with the position of the
 * first problem.
 */
export function parseFormula(text: string): Formula {
  const tree = new Parser(tokenize(text)).parseFormula();
  const refs = [...collectRefs(tree, new Set())];
  return {
    text,
    refs,
    evaluate(lookup) {
      const values = resolveRefs(refs, lookup);
      if (!values) return null;
      const result = evaluateNode(tree, values);
      // -0 (e.g. -0 * 5) would print as "-0".
      return result === null ? null : result + 0;
    },
  };
}
