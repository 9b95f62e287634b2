/**
 * Bicep values as data, and the one place that turns them into Bicep text: every string a renderer passes is a
 * literal and is escaped here, so no user value can end a string or start an interpolation. Expressions the
 * renderer writes itself (symbol references, function calls) are marked as such with expr().
 *
 * Strings: single quotes with the escapes \\ \' \n \r \t \$ and \u{x}
 * (learn.microsoft.com/azure/azure-resource-manager/bicep/data-types#strings).
 */

/** Bicep text written by the renderer (never from user input): `uami.properties.clientId`. */
export class BicepExpr {
  constructor(readonly text: string) {}
}

/** A string with interpolated expressions: literal parts are escaped, expressions go inside ${...}. */
export class BicepInterpolation {
  constructor(readonly parts: readonly (string | BicepExpr)[]) {}
}

export type BicepValue =
  | string
  | number
  | boolean
  | BicepExpr
  | BicepInterpolation
  | readonly BicepValue[]
  | { readonly [key: string]: BicepValue };

export const expr = (text: string): BicepExpr => new BicepExpr(text);
export const interpolate = (...parts: (string | BicepExpr)[]): BicepInterpolation =>
  new BicepInterpolation(parts);

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  $: '\\$',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function escapeLiteral(text: string): string {
  // Other control characters (and the line and paragraph separators) as \u{...}, so the string stays on its line.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\\'$\n\r\t\u0000-\u001f\u007f\u2028\u2029]/g, (c) => {
    return ESCAPES[c] ?? `\\u{${c.codePointAt(0)?.toString(16) ?? '0'}}`;
  });
}

/** A Bicep string literal holding exactly `text`. */
export function bicepString(text: string): string {
  return `'${escapeLiteral(text)}'`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function key(name: string): string {
  return IDENTIFIER.test(name) ? name : bicepString(name);
}

function isRecord(value: BicepValue): value is { readonly [key: string]: BicepValue } {
  return typeof value === 'object' && !Array.isArray(value);
}

/** The value as Bicep text; nested objects and arrays one item a line, indented by two spaces a level. */
export function bicepValue(value: BicepValue, indent = ''): string {
  if (typeof value === 'string') return bicepString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof BicepExpr) return value.text;
  if (value instanceof BicepInterpolation) {
    return `'${value.parts.map((part) => (typeof part === 'string' ? escapeLiteral(part) : `\${${part.text}}`)).join('')}'`;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value as readonly BicepValue[];
    if (items.length === 0) return '[]';
    return `[\n${items.map((item) => `${inner}${bicepValue(item, inner)}\n`).join('')}${indent}]`;
  }
  if (!isRecord(value)) throw new Error('unreachable');
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([name, item]) => `${inner}${key(name)}: ${bicepValue(item, inner)}\n`).join('')}${indent}}`;
}

/** `// text` lines; a comment holding user text cannot end early: it ends at the line's end, and lines are split. */
export function bicepComment(text: string, indent = ''): string {
  return text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((line) => `${indent}//${line === '' ? '' : ` ${line}`}\n`)
    .join('');
}
