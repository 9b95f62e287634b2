// Tokens of the Bicep subset a generator emits. Structure (newlines as separators, '${...}' interpolation pieces)
// from github.com/Azure/bicep docs/grammar.md; strings from Bicep's "Data types" page (learn.microsoft.com/azure/
// azure-resource-manager/bicep/data-types#strings): single quotes, the escapes \\ \' \n \r \t \$ \u{x}, and
// ''' multi-line strings that take no escapes and no interpolation. Comments are // and /* */.

/** A piece of an interpolated string: literal text, or the source of one `${...}` expression. */
export type StringPart = string | { source: string; line: number };

export type Token =
  | { kind: 'ident'; value: string; line: number }
  | { kind: 'number'; value: string; line: number }
  | { kind: 'string'; parts: StringPart[]; line: number }
  | { kind: 'punct'; value: string; line: number }
  | { kind: 'newline'; line: number }
  | { kind: 'eof'; line: number };

/** A lexical or syntax error, with the 1-based line it is on. */
export class BicepSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", n: '\n', r: '\r', t: '\t', $: '$' };
// Longest first, so that `??` is not read as two `?`.
const PUNCTUATION = ['??', '==', '!=', '<=', '>=', '&&', '||', '=~', '!~', '.?', '::', '=>'].concat(
  '{}[](),:.?=<>!+-*/%@'.split(''),
);

/** Where the `}` closing the interpolation that starts at `start` (just after `${`) is. */
function interpolationEnd(text: string, start: number, line: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') throw new BicepSyntaxError("an interpolation '${' runs past the end of its line", line);
    if (c === "'") i = stringEnd(text, i, line);
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  throw new BicepSyntaxError("an interpolation '${' is never closed", line);
}

/** Where the quote closing the single-quoted string that starts at `start` is. */
function stringEnd(text: string, start: number, line: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '$' && text[i + 1] === '{') i = interpolationEnd(text, i + 2, line);
    else if (c === "'") return i;
    else if (c === '\n') break;
  }
  throw new BicepSyntaxError('a string is not closed on its line', line);
}

/** The parts of the single-quoted string text[start..end] (quotes included). */
function stringParts(text: string, start: number, end: number, line: number): StringPart[] {
  const parts: StringPart[] = [];
  let literal = '';
  for (let i = start + 1; i < end; i++) {
    const c = text[i]!;
    if (c === '\\') {
      const next = text[i + 1] ?? '';
      if (next === 'u' && text[i + 2] === '{') {
        const close = text.indexOf('}', i + 3);
        const hex = text.slice(i + 3, close);
        if (close < 0 || !/^[0-9a-fA-F]{1,6}$/.test(hex))
          throw new BicepSyntaxError('bad \\u{...} escape', line);
        literal += String.fromCodePoint(parseInt(hex, 16));
        i = close;
        continue;
      }
      const escaped = ESCAPES[next];
      if (escaped === undefined) throw new BicepSyntaxError(`unknown escape '\\${next}' in a string`, line);
      literal += escaped;
      i++;
    } else if (c === '$' && text[i + 1] === '{') {
      const close = interpolationEnd(text, i + 2, line);
      if (literal) parts.push(literal);
      literal = '';
      parts.push({ source: text.slice(i + 2, close), line });
      i = close;
    } else literal += c;
  }
  if (literal || parts.length === 0) parts.push(literal);
  return parts;
}

/** The tokens of a Bicep file (or of one interpolated expression, starting at `firstLine`). */
export function lexBicep(text: string, firstLine = 1): Token[] {
  const tokens: Token[] = [];
  let line = firstLine;
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    const rest = text.slice(i);
    if (c === '\n') {
      tokens.push({ kind: 'newline', line });
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (rest.startsWith('//')) i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (rest.startsWith('/*')) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new BicepSyntaxError('a /* comment is never closed', line);
      line += text.slice(i, end).split('\n').length - 1;
      i = end + 2;
    } else if (rest.startsWith("'''")) {
      const end = text.indexOf("'''", i + 3);
      if (end < 0) throw new BicepSyntaxError("a ''' string is never closed", line);
      const value = text.slice(i + 3, end).replace(/^\r?\n/, '');
      tokens.push({ kind: 'string', parts: [value], line });
      line += text.slice(i, end).split('\n').length - 1;
      i = end + 3;
    } else if (c === "'") {
      const end = stringEnd(text, i, line);
      tokens.push({ kind: 'string', parts: stringParts(text, i, end, line), line });
      i = end + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const value = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)![0];
      tokens.push({ kind: 'ident', value, line });
      i += value.length;
    } else if (/[0-9]/.test(c)) {
      const value = /^[0-9]+/.exec(rest)![0];
      tokens.push({ kind: 'number', value, line });
      i += value.length;
    } else {
      const punct = PUNCTUATION.find((p) => rest.startsWith(p));
      if (!punct) throw new BicepSyntaxError(`unexpected character '${c}'`, line);
      tokens.push({ kind: 'punct', value: punct, line });
      i += punct.length;
    }
  }
  tokens.push({ kind: 'eof', line });
  return tokens;
}
