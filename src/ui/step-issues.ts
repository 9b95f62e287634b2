/** What each step still needs: the stepper marks a step with any, Review lists the Details ones. */
import type { WizardConfig } from '../model/config';
import type { LinkErrors } from '../model/url-state';
import { validateConfig } from '../model/validate';
import { STEP_IDS, type StepId } from './steps';

/** Link keys whose complaint is shown on a step other than Details (see ChoiceSteps and ComponentStep). */
function linkErrorStep(key: string): StepId {
  if (key === 'host') return 'host';
  if (key === 'identity' || key === 'aksIdentity') return 'identity';
  if (/^(c\d+\.)?(component|version)$/.test(key)) return 'component';
  // A component's trade-off choice, shown beside the choice on Details.
  return 'details';
}

/** The number of problems each step has: the link's complaints, and on Details every field not yet valid. */
export function stepIssueCounts(config: WizardConfig, linkErrors: LinkErrors): Record<StepId, number> {
  const counts = Object.fromEntries(STEP_IDS.map((step) => [step, 0])) as Record<StepId, number>;
  for (const key of Object.keys(linkErrors)) counts[linkErrorStep(key)] += 1;
  counts.details += Object.keys(validateConfig(config)).length;
  return counts;
}
