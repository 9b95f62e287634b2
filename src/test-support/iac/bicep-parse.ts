// A parser for the declarative Bicep subset a generator emits: targetScope, metadata, param and var with
// decorators, resource 'Type@version' (existing, if, for), module, output, and .bicepparam's using + param.
// Expressions: literals, interpolated strings, objects, arrays, for-expressions, property access, indexing,
// function calls, and the unary, binary and ternary operators (github.com/Azure/bicep, docs/grammar.md).
// Anything else (type, func, import, lambdas, nested resources) is a syntax error: the checker does not guess.
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

export type Decorator = { name: string; args: Expr[]; line: number };

export type Statement =
  | { kind: 'targetScope'; value: Expr; line: number }
  | { kind: 'metadata'; name: string; value: Expr; line: number }
  | { kind: 'using'; path: string; line: number }
  | { kind: 'param'; name: string; type?: string; value?: Expr; decorators: Decorator[]; line: number }
  | { kind: 'var'; name: string; value: Expr; decorators: Decorator[]; line: number }
  | { kind: 'output'; name: string; type: string; value: Expr; decorators: Decorator[]; line: number }
  | { kind: 'module'; name: string; path: string; body: Expr; decorators: Decorator[]; line: number }
  | {
      kind: 'resource';
      name: string;
      type: string;
      apiVersion: string;
      existing: boolean;
      body: Expr;
      decorators: Decorator[];
      line: number;
    };

// Lowest to highest precedence (Bicep docs, "Operator precedence and associativity").
const BINARY_LEVELS = [
  ['??'],
  ['||'],
  ['&&'],
  ['==', '!=', '=~', '!~'],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  private get token(): Token {
    return this.tokens[this.position]!;
  }
  private isPunct(value: string): boolean {
    return this.token.kind === 'punct' && this.token.value === value;
  }
  private isWord(value: string): boolean {
    return this.token.kind === 'ident' && this.token.value === value;
  }
  private fail(expected: string): never {
    const t = this.token;
    const found = t.kind === 'punct' || t.kind === 'ident' || t.kind === 'number' ? `'${t.value}'` : t.kind;
    throw new BicepSyntaxError(`expected ${expected}, found ${found}`, t.line);
  }
  private punct(value: string): void {
    if (!this.isPunct(value)) this.fail(`'${value}'`);
    this.position++;
  }
  private ident(): string {
    const t = this.token;
    if (t.kind !== 'ident') this.fail('a name');
    this.position++;
    return t.value;
  }
  private skipNewlines(): void {
    while (this.token.kind === 'newline') this.position++;
  }
  /** A string literal without interpolation (a resource type, a module path, a key). */
  private plainString(what: string): string {
    const t = this.token;
    const text = t.kind === 'string' ? t.parts.filter((p) => typeof p === 'string') : [];
    if (t.kind !== 'string' || text.length !== t.parts.length) this.fail(what);
    this.position++;
    return text.join('');
  }
  private endOfStatement(): void {
    if (this.token.kind === 'eof') return;
    if (this.token.kind !== 'newline') this.fail('the end of the line');
    this.skipNewlines();
  }

  parseFile(): Statement[] {
    const statements: Statement[] = [];
    this.skipNewlines();
    while (this.token.kind !== 'eof') {
      statements.push(this.statement());
      this.endOfStatement();
    }
    return statements;
  }

  private decorators(): Decorator[] {
    const decorators: Decorator[] = [];
    while (this.isPunct('@')) {
      const line = this.token.line;
      this.position++;
      let name = this.ident();
      if (this.isPunct('.')) {
        this.position++;
        name = `${name}.${this.ident()}`;
      }
      this.punct('(');
      decorators.push({ name, args: this.argumentsAfterParen(), line });
      this.skipNewlines();
    }
    return decorators;
  }

  private statement(): Statement {
    const decorators = this.decorators();
    const line = this.token.line;
    const keyword = this.ident();
    switch (keyword) {
      case 'targetScope':
        this.punct('=');
        return { kind: 'targetScope', value: this.expression(), line };
      case 'metadata': {
        const name = this.ident();
        this.punct('=');
        return { kind: 'metadata', name, value: this.expression(), line };
      }
      case 'using':
        return { kind: 'using', path: this.plainString('the path of the Bicep file'), line };
      case 'param': {
        const name = this.ident();
        const type = this.isPunct('=') ? undefined : this.typeName();
        const value = this.isPunct('=') ? (this.position++, this.expression()) : undefined;
        return { kind: 'param', name, type, value, decorators, line };
      }
      case 'var': {
        const name = this.ident();
        this.punct('=');
        return { kind: 'var', name, value: this.expression(), decorators, line };
      }
      case 'output': {
        const name = this.ident();
        const type = this.typeName();
        this.punct('=');
        return { kind: 'output', name, type, value: this.expression(), decorators, line };
      }
      case 'module': {
        const name = this.ident();
        const path = this.plainString('the module path');
        this.punct('=');
        return { kind: 'module', name, path, body: this.resourceBody(), decorators, line };
      }
      case 'resource': {
        const name = this.ident();
        const typeLine = this.token.line;
        const typeAndVersion = this.plainString("a 'Type@apiVersion' string");
        const match = /^([^@]+)@([^@]+)$/.exec(typeAndVersion);
        if (!match) throw new BicepSyntaxError(`'${typeAndVersion}' is not 'Type@apiVersion'`, typeLine);
        const existing = this.isWord('existing') ? (this.position++, true) : false;
        this.punct('=');
        const body = this.resourceBody();
        return {
          kind: 'resource',
          name,
          type: match[1]!,
          apiVersion: match[2]!,
          existing,
          body,
          decorators,
          line,
        };
      }
      default:
        throw new BicepSyntaxError(`'${keyword}' statements are not in the subset this checker reads`, line);
    }
  }

  private typeName(): string {
    let type = this.ident();
    while (this.isPunct('[')) {
      this.position++;
      this.punct(']');
      type += '[]';
    }
    return type;
  }

  /** `{ ... }`, `if (cond) { ... }` or `[for x in y: { ... }]`. */
  private resourceBody(): Expr {
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

  private argumentsAfterParen(): Expr[] {
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

  private binary(level: number): Expr {
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

  private unary(): Expr {
    if (this.isPunct('!') || this.isPunct('-')) {
      const { line } = this.token;
      const op = this.isPunct('!') ? '!' : '-';
      this.position++;
      return { kind: 'unary', op, operand: this.unary(), line };
    }
    return this.postfix(this.primary());
  }

  private postfix(start: Expr): Expr {
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

  private primary(): Expr {
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

  private object(): Expr {
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

  private array(): Expr {
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

  private loopVariables(): string[] {
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

/** The statements of a .bicep or .bicepparam file; throws BicepSyntaxError. */
export function parseBicep(text: string): Statement[] {
  return new Parser(lexBicep(text)).parseFile();
}

/** One expression, e.g. the inside of a `${...}` interpolation. */
export function parseBicepExpression(source: string, line: number): Expr {
  const parser = new Parser(lexBicep(source, line));
  const expr = parser.expression();
  if (!parser.atEnd())
    throw new BicepSyntaxError(`unexpected text after the expression in '\${${source}}'`, line);
  return expr;
}
