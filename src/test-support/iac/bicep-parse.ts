// A parser for the declarative Bicep subset a generator emits: targetScope, metadata, param and var with
// decorators, resource 'Type@version' (existing, if, for), module, output, and .bicepparam's using + param.
// Anything else (type, func, import, nested resources) is a syntax error: the checker does not guess.
import { BicepSyntaxError, lexBicep } from './bicep-lex';
import { ExpressionParser, type Expr } from './bicep-expression';

export type { Expr } from './bicep-expression';

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
class FileParser extends ExpressionParser {
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
}

/** The statements of a .bicep or .bicepparam file; throws BicepSyntaxError. */
export function parseBicep(text: string): Statement[] {
  return new FileParser(lexBicep(text)).parseFile();
}
