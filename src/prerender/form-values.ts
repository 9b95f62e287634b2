/**
 * The form's values written into prerendered HTML. react-hook-form's inputs are uncontrolled: React renders
 * them without a value, and the form sets each one from its values when the input mounts. The prerendered
 * HTML would show every choice unselected and every field empty until then, so this writes the same values
 * in as the inputs' initial ones (value, checked, selected), as the form will. React leaves them as they are
 * while it hydrates (it keeps the checked state and value an input already has), then the form sets them.
 *
 * It reads HTML as React's renderer writes it: every attribute value quoted with ", and "&<> escaped in
 * attribute values and text, so a tag ends at the first ">".
 */

/** A value at a react-hook-form path ("host", "components.0.metadata.vaultName"), as the form reads it. */
export function valueAtPath(values: unknown, path: string): unknown {
  let current: unknown = values;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** As React escapes attribute values and text. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** One attribute of a tag's text, unescaped; undefined when absent. */
function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1] === undefined ? undefined : unescapeHtml(match[1]);
}

/** The tag with one more attribute, before its end (">" or "/>"); an attribute it has already is kept. */
function withAttribute(tag: string, name: string, value: string): string {
  if (new RegExp(`\\s${name}(="|\\s|/?>)`).test(tag)) return tag;
  const end = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end)} ${name}="${escapeHtml(value)}"${tag.slice(end)}`;
}

const asText = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

/** The <input> tag showing the value the form holds for its name. */
function inputWithValue(tag: string, values: unknown): string {
  const name = attribute(tag, 'name');
  if (name === undefined) return tag;
  const value = valueAtPath(values, name);
  const type = (attribute(tag, 'type') ?? 'text').toLowerCase();
  if (type === 'radio')
    return asText(value) === attribute(tag, 'value') ? withAttribute(tag, 'checked', '') : tag;
  if (type === 'checkbox') {
    // A boolean field, or a list of the checked boxes' values (react-hook-form's two checkbox forms).
    const checked = Array.isArray(value)
      ? value.map(asText).includes(attribute(tag, 'value'))
      : value === true;
    return checked ? withAttribute(tag, 'checked', '') : tag;
  }
  if (['button', 'submit', 'reset', 'file', 'image', 'hidden'].includes(type)) return tag;
  const text = asText(value);
  return text === undefined || text === '' ? tag : withAttribute(tag, 'value', text);
}

/** The <select>'s options with the one holding the form's value selected. */
function selectWithValue(select: string, values: unknown): string {
  const open = /^<select\b[^>]*>/.exec(select)?.[0] ?? '';
  const name = attribute(open, 'name');
  const value = name === undefined ? undefined : asText(valueAtPath(values, name));
  if (value === undefined) return select;
  return select.replace(/<option\b[^>]*>/g, (option) =>
    attribute(option, 'value') === value ? withAttribute(option, 'selected', '') : option,
  );
}

/** The <textarea> with the form's value as its text. */
function textareaWithValue(textarea: string, values: unknown): string {
  const match = /^(<textarea\b[^>]*>)([\s\S]*)<\/textarea>$/.exec(textarea);
  const name = match?.[1] === undefined ? undefined : attribute(match[1], 'name');
  const value = name === undefined ? undefined : asText(valueAtPath(values, name));
  if (!match?.[1] || value === undefined || match[2] !== '') return textarea;
  return `${match[1]}${escapeHtml(value)}</textarea>`;
}

/** The prerendered HTML with each named input, select and textarea showing the form's value for it. */
export function withFormValues(html: string, values: unknown): string {
  return html
    .replace(/<input\b[^>]*>/g, (tag) => inputWithValue(tag, values))
    .replace(/<select\b[^>]*>[\s\S]*?<\/select>/g, (select) => selectWithValue(select, values))
    .replace(/<textarea\b[^>]*>[\s\S]*?<\/textarea>/g, (textarea) => textareaWithValue(textarea, values));
}
