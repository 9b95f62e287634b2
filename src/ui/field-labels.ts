import type { WizardConfig } from '../model/config';
import { detailFields, type FieldPath } from '../model/fields';

/** The label the Details step shows for a field, for messages that name it. */
export function detailFieldLabel(config: WizardConfig, path: FieldPath): string {
  return detailFields(config).find((field) => field.path === path)?.label ?? path;
}
