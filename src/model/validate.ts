/** Checks a configuration against the naming rules; the messages are shown beside the fields. */
import { NAMING_RULES } from '../catalog/naming-rules';
import type { WizardConfig } from './config';
import { detailFields, fieldValue, type FieldPath, type FieldView } from './fields';

export type FieldErrors = Partial<Record<FieldPath, string>>;

/** The message for one field's value, or undefined when it is fine. */
export function validateField(field: FieldView, value: string): string | undefined {
  if (value === '') return field.required ? `${field.label} is required.` : undefined;
  if (value.trim() !== value) return 'Remove the spaces at the start or end.';
  return NAMING_RULES[field.rule].pattern.test(value) ? undefined : NAMING_RULES[field.rule].message;
}

/** Every applicable field's error; an empty object means the output can be generated. */
export function validateConfig(config: WizardConfig): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of detailFields(config)) {
    const message = validateField(field, fieldValue(config, field.path));
    if (message) errors[field.path] = message;
  }
  // Each component becomes <name>.yaml and a Dapr resource of that name: names must differ.
  const seen = new Set<string>();
  config.components.forEach((component, index) => {
    const path = `components.${index}.name` as const;
    if (seen.has(component.name) && !errors[path]) errors[path] = 'Another component already has this name.';
    seen.add(component.name);
  });
  return errors;
}
