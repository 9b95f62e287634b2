/**
 * What the user did on the prerendered view before the page's script took it over, done again once it has:
 * index.html shows the wizard at once, but until React hydrates it, its buttons do nothing and the form does
 * not know what was typed. public/boot.js holds the clicks on buttons (and keeps the browser from submitting
 * the form itself); this module takes them just before hydrating, with the fields whose value the user
 * changed, and after the hydrated view's first commit hands both to the live page.
 */

/** public/boot.js's hand-over: the buttons clicked so far, in order; taking them stops the holding. */
interface BootHandOver {
  take(): HTMLButtonElement[];
}

declare global {
  interface Window {
    __wizardEarlyInput?: BootHandOver;
  }
}

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

interface ChangedField {
  readonly field: Field;
  readonly value: string;
  readonly checked: boolean;
}

export interface EarlyInput {
  readonly clicks: readonly HTMLButtonElement[];
  readonly fields: readonly ChangedField[];
}

/** The field's value differs from the one the HTML gave it: the user typed, ticked or chose. */
function changedByUser(field: Field): boolean {
  if (field instanceof HTMLSelectElement) {
    return Array.from(field.options).some((option) => option.selected !== option.defaultSelected);
  }
  if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio')) {
    return field.checked !== field.defaultChecked;
  }
  return field.value !== field.defaultValue;
}

/**
 * Takes what the user did so far: call it right before hydrating. From then on React handles events on the
 * view itself (a click while it hydrates makes it finish hydrating first and then dispatches the click).
 */
export function takeEarlyInput(root: HTMLElement): EarlyInput {
  const clicks = window.__wizardEarlyInput?.take() ?? [];
  const fields = Array.from(root.querySelectorAll<Field>('input, textarea, select'))
    .filter(changedByUser)
    .map((field) => ({
      field,
      value: field.value,
      checked: field instanceof HTMLInputElement && field.checked,
    }));
  return { clicks, fields };
}

/**
 * Sets a value so that React sees a change: React keeps the last value it knows on the element itself and
 * fires onChange only when the element's value differs from it, so the value goes in through the
 * prototype's setter, past React's record, and the event follows (how user input reaches React).
 */
function enterValue(field: Field, value: string): void {
  const prototype = Object.getPrototypeOf(field) as object;
  const descriptor = Object.getOwnPropertyDescriptor(prototype, 'value');
  if (!descriptor?.set) return;
  descriptor.set.call(field, value);
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

/**
 * Hands the early input to the live view: call it after the hydrated view's first commit. The form, on
 * taking over its fields, writes its own values into them (the defaults the HTML was made from), so each
 * changed value is entered again as the user would; then each held click is made, in order.
 */
export function replayEarlyInput({ clicks, fields }: EarlyInput): void {
  for (const { field, value, checked } of fields) {
    if (!field.isConnected) continue;
    if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio')) {
      if (field.checked !== checked) field.click();
    } else if (field.value !== value) {
      enterValue(field, value);
    }
  }
  for (const button of clicks) {
    if (button.isConnected && !button.disabled) button.click();
  }
}
