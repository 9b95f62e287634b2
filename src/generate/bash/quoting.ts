/**
 * Shell quoting, the one place a value becomes Bash text: every renderer of the script model goes through
 * these, so no value can change what the script runs. Literals are single-quoted unless they are plainly
 * safe, variables are always double-quoted, and comments put a '#' on every line of their text.
 */
import type { Word } from '../script-model';

/** Characters that never need quoting in Bash. */
const SAFE_LITERAL = /^[A-Za-z0-9_./:=@%+,-]+$/;

/** Quotes a literal for Bash: as is when safe, else in single quotes. */
export function quoteLiteral(text: string): string {
  if (SAFE_LITERAL.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Characters that keep their literal meaning inside double quotes. */
export const DOUBLE_QUOTE_SAFE = /^[^"$`\\!]*$/;

/** The names the script gives its own variables, options and flags: never a word Bash would expand. */
export const OPTION_NAME = /^[A-Z][A-Z0-9_]*$/;

/** One shell word. */
export function renderWord(word: Word): string {
  if (typeof word === 'string') return quoteLiteral(word);
  if ('variable' in word) return `"$${word.variable}"`;
  const parts = word.join;
  if (parts.every((part) => typeof part === 'string')) return quoteLiteral(parts.join(''));
  if (parts.every((part) => typeof part !== 'string' || DOUBLE_QUOTE_SAFE.test(part))) {
    // One double-quoted word: "system:serviceaccount:${NAMESPACE}:${SERVICE_ACCOUNT}".
    const inner = parts.map((part) => {
      if (typeof part === 'string') return part;
      if ('variable' in part) return `\${${part.variable}}`;
      throw new Error('Nested joins are not supported');
    });
    return `"${inner.join('')}"`;
  }
  return parts.map((part) => (typeof part === 'string' && part === '' ? '' : renderWord(part))).join('');
}

/** Comment lines: every line of the text gets its '#', so a newline in a value cannot end the comment. */
export function comment(text: string, indent = ''): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? `${indent}#` : `${indent}# ${line}`))
    .join('\n');
}
