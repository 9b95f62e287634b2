/**
 * The first step of a script made from a configuration that still holds the wizard's example values
 * (src/model/examples.ts): it stops before anything runs and names each such field, so no example name is
 * ever looked up, created or granted on. The files below were generated from those values too, so editing
 * the variables at the top would not be enough: the fix is in the wizard.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { stop, type ScriptStep } from '../script-model';
import { withEntry } from '../troubleshoot-advice';

export function exampleValuesStep(plan: DeploymentPlan): ScriptStep[] {
  if (plan.exampleValues.length === 0) return [];
  const fields = plan.exampleValues.map(({ label, value }) => `${label} (${value})`).join(', ');
  const one = plan.exampleValues.length === 1;
  return [
    {
      comment: `Stop: ${one ? 'a field still holds its example value' : 'some fields still hold their example values'} from the wizard.`,
      lines: [
        stop(
          withEntry(
            `Stopped before any change: ${fields} ${one ? 'is still an example value' : 'are still example values'} from the wizard, not yours. ` +
              `Enter your own ${one ? 'value' : 'values'} there (marked "Example value"), then copy the script again.`,
            'example-values-left',
          ),
        ),
      ],
    },
  ];
}
