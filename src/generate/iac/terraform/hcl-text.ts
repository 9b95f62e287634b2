/**
 * HCL values and blocks as data, and the one place that turns them into Terraform text: every string a renderer
 * passes is a literal and is escaped here (\\ \" \n \r \t, and $${ / %%{ for a literal ${ / %{), so no user
 * value can end a string or start an interpolation or template directive
 * (github.com/hashicorp/hcl hclsyntax/spec.md, "Template Expressions" and "Template Literals").
 * References the renderer writes itself are marked with ref().
 */

/** An HCL expression written by the renderer (never from user input): `azurerm_user_assigned_identity.app.id`. */
export class HclExpr {
  constructor(readonly text: string) {}
}

/** A string template: literal parts are escaped, expressions go inside ${...}. */
export class HclTemplate {
  constructor(readonly parts: readonly (string | HclExpr)[]) {}
}

export type HclValue =
  | string
  | number
  | boolean
  | HclExpr
  | HclTemplate
  | readonly HclValue[]
  | { readonly [key: string]: HclValue };

/** One item of a body: an argument, a nested block, or a comment line. */
export type HclItem =
  | { readonly kind: 'argument'; readonly name: string; readonly value: HclValue }
  | {
      readonly kind: 'block';
      readonly type: string;
      readonly labels: readonly string[];
      readonly body: readonly HclItem[];
    }
  | { readonly kind: 'comment'; readonly text: string };

export const ref = (text: string): HclExpr => new HclExpr(text);
export const template = (...parts: (string | HclExpr)[]): HclTemplate => new HclTemplate(parts);
export const argument = (name: string, value: HclValue): HclItem => ({ kind: 'argument', name, value });
export const block = (type: string, labels: readonly string[], body: readonly HclItem[]): HclItem => ({
  kind: 'block',
  type,
  labels,
  body,
});
export const comment = (text: string): HclItem => ({ kind: 'comment', text });

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function escapeLiteral(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\\"\n\r\t\u0000-\u001f\u007f\u2028\u2029]/g, (c) => {
        const code = c.codePointAt(0) ?? 0;
        return ESCAPES[c] ?? `\\u${code.toString(16).padStart(4, '0')}`;
      })
      .replace(/\$\{/g, () => '$${')
      .replace(/%\{/g, () => '%%{')
  );
}

/** An HCL quoted string holding exactly `text`. */
export function hclString(text: string): string {
  return `"${escapeLiteral(text)}"`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function isRecord(value: HclValue): value is { readonly [key: string]: HclValue } {
  return typeof value === 'object' && !Array.isArray(value);
}

/** The value as HCL text; objects and lists one item a line, indented by two spaces a level. */
export function hclValue(value: HclValue, indent = ''): string {
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof HclExpr) return value.text;
  if (value instanceof HclTemplate) {
    // A template part ending in $ or % would join the next ${ into $${: the literal is escaped on its own.
    return `"${value.parts.map((part) => (typeof part === 'string' ? escapeLiteral(part) : `\${${part.text}}`)).join('')}"`;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value as readonly HclValue[];
    if (items.length === 0) return '[]';
    return `[\n${items.map((item) => `${inner}${hclValue(item, inner)},\n`).join('')}${indent}]`;
  }
  if (!isRecord(value)) throw new Error('unreachable');
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  // Object keys are quoted unless they are plain names: "azure.workload.identity/client-id" = ...
  const keys = entries.map(([name]) => (IDENTIFIER.test(name) ? name : hclString(name)));
  const width = Math.max(...keys.map((name) => name.length));
  return `{\n${entries
    .map(([, item], index) => `${inner}${(keys[index] ?? '').padEnd(width)} = ${hclValue(item, inner)}\n`)
    .join('')}${indent}}`;
}

function commentLines(text: string, indent: string): string {
  return text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((line) => `${indent}#${line === '' ? '' : ` ${line}`}\n`)
    .join('');
}

/**
 * A body's items as text, each argument and block on its own lines. Like `terraform fmt`, the = of adjacent
 * arguments line up (a comment or block between them starts a new run).
 */
export function hclBody(items: readonly HclItem[], indent = ''): string {
  const width = (at: number): number => {
    let start = at;
    while (start > 0 && items[start - 1]?.kind === 'argument') start--;
    let end = at;
    while (items[end + 1]?.kind === 'argument') end++;
    return Math.max(
      ...items.slice(start, end + 1).map((item) => (item.kind === 'argument' ? item.name.length : 0)),
    );
  };
  return items
    .map((item, index) => {
      switch (item.kind) {
        case 'comment':
          return commentLines(item.text, indent);
        case 'argument':
          return `${indent}${item.name.padEnd(width(index))} = ${hclValue(item.value, indent)}\n`;
        case 'block': {
          const labels = item.labels.map((label) => ` ${hclString(label)}`).join('');
          if (item.body.length === 0) return `${indent}${item.type}${labels} {}\n`;
          return `${indent}${item.type}${labels} {\n${hclBody(item.body, `${indent}  `)}${indent}}\n`;
        }
        default: {
          const unhandled: never = item;
          throw new Error(`unhandled HCL item ${JSON.stringify(unhandled)}`);
        }
      }
    })
    .join('');
}
