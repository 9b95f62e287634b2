// The expression half of the Bicep subset parser (see bicep-parse.ts): literals, interpolated strings, objects,
// arrays, for-expressions, property access, indexing, function calls, and the unary, binary and ternary operators
// (github.com/Azure/bicep, docs/grammar.md). Lambdas and anything else are syntax errors.
import { BicepSyntaxError, lexBicep, type Token } from './bicep-lex';

export type Expr =
  | { kind: 'string'; parts: (string | Expr)[]; line: number }
  | { kind: 'number'; value: number; line: number }
  | { kind: 'bool'; value: boolean; line: number }
  | { kind: 'null'; line: number }
  | { kind: 'ident'; name: string; line: number }
  | { kind: 'object'; entries: { key: string; value: Expr; line: number }[]; line: number }
  | { kind: 'array'; items: Expr[]; line: number }
  | { kind: 'for'; variables: string[]; source: Expr; body: Expr; line: number }
  | { kind: 'if'; condition: Expr; body: Expr; line: number }
  | { kind: 'member'; object: Expr; name: string; line: number }
  | { kind: 'index'; object: Expr; index: Expr; line: number }
  | { kind: 'call'; callee: Expr; args: Expr[]; line: number }
  | { kind: 'unary'; op: string; operand: Expr; line: number }
  | { kind: 'binary'; op: string; left: Expr; right: Expr; line: number }
  | { kind: 'ternary'; test: Expr; then: Expr; otherwise: Expr; line: number };

const BINARY_LEVELS = [
  ['??'],
  ['||'],
  ['&&'],
  ['==', '!=', '=~', '!~'],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

/** Reads expressions from tokens; the file parser extends it with statements. */
export class ExpressionParser {
  protected position = 0;
  constructor(protected readonly tokens: Token[]) {}

  protected get token(): Token {
    return this.tokens[this.position]!;
  }
  protected isPunct(value: string): boolean {
    return this.token.kind === 'punct' && this.token.value === value;
  }
  protected isWord(value: string): boolean {
    return this.token.kind === 'ident' && this.token.value === value;
  }
  protected fail(expected: string): never {
    const t = this.token;
    const found = t.kind === 'punct' || t.kind === 'ident' || t.kind === 'number' ? `'${t.value}'` : t.kind;
    throw new BicepSyntaxError(`expected ${expected}, found ${found}`, t.line);
  }
  protected punct(value: string): void {
    if (!this.isPunct(value)) this.fail(`'${value}'`);
    this.position++;
  }
  protected ident(): string {
    const t = this.token;
    if (t.kind !== 'ident') this.fail('a name');
    this.position++;
    return t.value;
  }
  protected skipNewlines(): void {
    while (this.token.kind === 'newline') this.position++;
  }
  /** A string literal without interpolation (a resource type, a module path, a key). */
  protected plainString(what: string): string {
    const t = this.token;
    const text = t.kind === 'string' ? t.parts.filter((p) => typeof p === 'string') : [];
    if (t.kind !== 'string' || text.length !== t.parts.length) this.fail(what);
    this.position++;
    return text.join('');
  }
  protected resourceBody(): Expr {
    const line = this.token.line;
    if (this.isWord('if')) {
      this.position++;
      this.punct('(');
      const condition = this.expression();
      this.punct(')');
      return { kind: 'if', condition, body: this.object(), line };
    }
    if (this.isPunct('[')) return this.array();
    return this.object();
  }

  protected argumentsAfterParen(): Expr[] {
    const args: Expr[] = [];
    this.skipNewlines();
    while (!this.isPunct(')')) {
      args.push(this.expression());
      this.skipNewlines();
      if (this.isPunct(',')) this.position++;
      else if (!this.isPunct(')')) this.fail("',' or ')'");
      this.skipNewlines();
    }
    this.position++;
    return args;
  }

  expression(): Expr {
    const test = this.binary(0);
    if (!this.isPunct('?')) return test;
    this.position++;
    const then = this.expression();
    this.punct(':');
    return { kind: 'ternary', test, then, otherwise: this.expression(), line: test.line };
  }

  protected binary(level: number): Expr {
    const ops = BINARY_LEVELS[level];
    if (!ops) return this.unary();
    let left = this.binary(level + 1);
    while (this.token.kind === 'punct' && ops.includes(this.token.value)) {
      const op = this.token.value;
      this.position++;
      left = { kind: 'binary', op, left, right: this.binary(level + 1), line: left.line };
    }
    return left;
  }

  protected unary(): Expr {
    if (this.isPunct('!') || this.isPunct('-')) {
      const { line } = this.token;
      const op = this.isPunct('!') ? '!' : '-';
      this.position++;
      return { kind: 'unary', op, operand: this.unary(), line };
    }
    return this.postfix(this.primary());
  }

  protected postfix(start: Expr): Expr {
    let expr = start;
    for (;;) {
      const { line } = this.token;
      if (this.isPunct('.') || this.isPunct('.?')) {
        this.position++;
        expr = { kind: 'member', object: expr, name: this.ident(), line };
      } else if (this.isPunct('[')) {
        this.position++;
        const index = this.expression();
        this.punct(']');
        expr = { kind: 'index', object: expr, index, line };
      } else if (this.isPunct('(')) {
        this.position++;
        expr = { kind: 'call', callee: expr, args: this.argumentsAfterParen(), line };
      } else return expr;
    }
  }

  protected primary(): Expr {
    const t = this.token;
    switch (t.kind) {
      case 'string':
        this.position++;
        return {
          kind: 'string',
          parts: t.parts.map((p) => (typeof p === 'string' ? p : parseBicepExpression(p.source, p.line))),
          line: t.line,
        };
      case 'number':
        this.position++;
        return { kind: 'number', value: Number(t.value), line: t.line };
      case 'ident':
        this.position++;
        if (t.value === 'true' || t.value === 'false')
          return { kind: 'bool', value: t.value === 'true', line: t.line };
        if (t.value === 'null') return { kind: 'null', line: t.line };
        return { kind: 'ident', name: t.value, line: t.line };
      case 'punct':
        if (t.value === '{') return this.object();
        if (t.value === '[') return this.array();
        if (t.value === '(') {
          this.position++;
          const inner = this.expression();
          this.punct(')');
          return inner;
        }
        return this.fail('a value');
      case 'newline':
      case 'eof':
        return this.fail('a value');
    }
  }

  protected object(): Expr {
    const { line } = this.token;
    this.punct('{');
    const entries: { key: string; value: Expr; line: number }[] = [];
    this.skipNewlines();
    while (!this.isPunct('}')) {
      const keyLine = this.token.line;
      if (this.isWord('resource'))
        throw new BicepSyntaxError('nested resource declarations: use parent:', keyLine);
      const key = this.token.kind === 'string' ? this.plainString('a key') : this.ident();
      this.punct(':');
      entries.push({ key, value: this.expression(), line: keyLine });
      if (this.isPunct(',')) this.position++;
      else if (!this.isPunct('}') && this.token.kind !== 'newline') this.fail("a new line, ',' or '}'");
      this.skipNewlines();
    }
    this.position++;
    return { kind: 'object', entries, line };
  }

  protected array(): Expr {
    const { line } = this.token;
    this.punct('[');
    if (this.isWord('for')) {
      this.position++;
      const variables = this.isPunct('(') ? this.loopVariables() : [this.ident()];
      if (!this.isWord('in')) this.fail("'in'");
      this.position++;
      const source = this.expression();
      this.punct(':');
      const body = this.isWord('if') ? this.resourceBody() : this.expression();
      this.skipNewlines();
      this.punct(']');
      return { kind: 'for', variables, source, body, line };
    }
    const items: Expr[] = [];
    this.skipNewlines();
    while (!this.isPunct(']')) {
      items.push(this.expression());
      if (this.isPunct(',')) this.position++;
      else if (!this.isPunct(']') && this.token.kind !== 'newline') this.fail("a new line, ',' or ']'");
      this.skipNewlines();
    }
    this.position++;
    return { kind: 'array', items, line };
  }

  protected loopVariables(): string[] {
    this.punct('(');
    const names = [this.ident()];
    while (this.isPunct(',')) {
      this.position++;
      names.push(this.ident());
    }
    this.punct(')');
    return names;
  }

  atEnd(): boolean {
    return this.token.kind === 'eof';
  }
}

/** One expression, e.g. the inside of a `${...}` interpolation. */
export function parseBicepExpression(source: string, line: number): Expr {
  const parser = new ExpressionParser(lexBicep(source, line));
  const expr = parser.expression();
  if (!parser.atEnd())
    throw new BicepSyntaxError(`unexpected text after the expression in '\${${source}}'`, line);
  return expr;
}
