/** The wizard's steps as a table: each step names the fields Next validates. */
import type { FieldPath as FormPath } from 'react-hook-form';
import type { WizardConfig } from '../model/config';
import { detailFields } from '../model/fields';

export const STEP_IDS = ['host', 'identity', 'component', 'details', 'review'] as const;
export type StepId = (typeof STEP_IDS)[number];

export const STEP_TITLES: Record<StepId, string> = {
  host: 'Host',
  identity: 'Identity',
  component: 'Components',
  details: 'Details',
  review: 'Review',
};

/** The fields a step must have valid before Next moves on. */
export function stepFields(step: StepId, config: WizardConfig): FormPath<WizardConfig>[] {
  switch (step) {
    case 'host':
      return ['host'];
    case 'identity':
      return ['identity', 'aksIdentity'];
    case 'component':
      // Nothing typed here: the components' fields are checked on Details. Triggering 'components' would
      // look for errors at that path, find none (the resolver keys them components.0.name, ...) and clear
      // the ones a share link's values had already shown.
      return [];
    case 'details':
      return detailFields(config).map((field) => field.path as FormPath<WizardConfig>);
    case 'review':
      return [];
    default:
      return assertNever(step);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled step ${String(value)}`);
}
