/** Bridges the model's validation to react-hook-form: one source of truth for every field's message. */
import type { FieldErrors as FormErrors, Resolver } from 'react-hook-form';
import type { WizardConfig } from '../model/config';
import { validateConfig } from '../model/validate';

export const wizardResolver: Resolver<WizardConfig> = (values) => {
  const errors: Record<string, unknown> = {};
  for (const [path, message] of Object.entries(validateConfig(values))) {
    if (path.startsWith('metadata.')) {
      const metadata = (errors.metadata ??= {}) as Record<string, unknown>;
      metadata[path.slice('metadata.'.length)] = { type: 'validate', message };
    } else {
      errors[path] = { type: 'validate', message };
    }
  }
  return {
    values: Object.keys(errors).length === 0 ? values : {},
    errors: errors as FormErrors<WizardConfig>,
  };
};
