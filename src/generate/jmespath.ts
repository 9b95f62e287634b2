/**
 * String values inside the JMESPath of an az `--query`. A value is written as a raw string literal ('…')
 * when it holds no quote or backslash, the spelling the printed queries use; any other value as a JSON
 * literal (`"…"`), whose escapes are defined, so no value can end its literal early and add to the query
 * (jmespath.org specification, "Raw String Literals" and "Literal Expressions"; the jmespath package az
 * uses, 1.x lexer: a raw string reads only \' as an escape, a literal is JSON with \` for a backtick).
 */
import { v, type Word } from './script-model';

/** A JMESPath JSON literal: no single quotes, so the whole query stays one plain single-quoted shell word. */
export function jmesJson(value: unknown): string {
  return `\`${JSON.stringify(value).replace(/`/g, '\\`')}\``;
}

/** A JMESPath string literal for a value known when the script is written. */
export function jmesString(value: string): string {
  return /^[^'\\]*$/.test(value) ? `'${value}'` : jmesJson(value);
}

/**
 * The raw string literal of a script variable's value, as parts of a join: for an id or GUID the script read
 * from Azure, or a name the naming rules allow; neither can hold a quote.
 */
export function jmesReadValue(variable: string): Word[] {
  return ["'", v(variable), "'"];
}
