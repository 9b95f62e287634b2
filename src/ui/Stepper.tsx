import { useFormContext, useWatch } from 'react-hook-form';
import type { WizardConfig } from '../model/config';
import type { LinkErrors } from '../model/url-state';
import { useNavigation } from './navigation';
import { stepIssueCounts } from './step-issues';
import { STEP_IDS, STEP_TITLES } from './steps';

/** Every step, reachable at any time; a step that still needs something says how many. */
export function Stepper({ linkErrors }: { readonly linkErrors: LinkErrors }) {
  const { control } = useFormContext<WizardConfig>();
  const config = useWatch({ control }) as WizardConfig;
  const { step: current, goToStep } = useNavigation();
  const counts = stepIssueCounts(config, linkErrors);
  return (
    <nav aria-label="Steps">
      <ol className="stepper">
        {STEP_IDS.map((id, index) => (
          <li key={id}>
            <button
              type="button"
              aria-current={id === current ? 'step' : undefined}
              className={counts[id] > 0 ? 'has-issues' : undefined}
              onClick={() => goToStep(id)}
            >
              <span className="step-number">{index + 1}</span> {STEP_TITLES[id]}
              {counts[id] > 0 && (
                <>
                  <span className="step-issues" aria-hidden="true">
                    {counts[id]}
                  </span>
                  <span className="visually-hidden">
                    {' '}
                    ({counts[id]} {counts[id] === 1 ? 'value' : 'values'} to fill in or fix)
                  </span>
                </>
              )}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
