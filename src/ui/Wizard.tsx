import { useFormContext } from 'react-hook-form';
import type { WizardConfig } from '../model/config';
import type { LinkErrors } from '../model/url-state';
import { HostStep, IdentityStep } from './ChoiceSteps';
import { ComponentStep } from './ComponentStep';
import { DetailsStep } from './DetailsStep';
import { useNavigation } from './navigation';
import { ReviewStep } from './lazy-parts';
import { Stepper } from './Stepper';
import { STEP_IDS, STEP_TITLES, stepFields } from './steps';

/**
 * Steps with a stepper and Back/Next. Every step can be opened from the stepper at any time; Next checks the
 * current step's fields first, so a newcomer walking through learns what is missing where it is asked.
 */
export function Wizard({ linkErrors }: { readonly linkErrors: LinkErrors }) {
  const { trigger, getValues, setFocus, getFieldState } = useFormContext<WizardConfig>();
  const { step, goToStep, startOver } = useNavigation();
  const stepIndex = STEP_IDS.indexOf(step);

  const next = async (): Promise<void> => {
    const fields = stepFields(step, getValues());
    if (!(await trigger(fields, { shouldFocus: false }))) {
      const firstInvalid = fields.find((field) => getFieldState(field).invalid);
      if (firstInvalid) setFocus(firstInvalid);
      return;
    }
    goToStep(STEP_IDS[Math.min(stepIndex + 1, STEP_IDS.length - 1)] ?? step);
  };

  return (
    <div className="wizard">
      <Stepper linkErrors={linkErrors} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void next();
        }}
        noValidate
      >
        <h2 tabIndex={-1} id="step-heading">
          {stepIndex + 1}. {STEP_TITLES[step]}
        </h2>
        {step === 'host' && <HostStep linkErrors={linkErrors} />}
        {step === 'identity' && <IdentityStep linkErrors={linkErrors} />}
        {step === 'component' && <ComponentStep linkErrors={linkErrors} />}
        {step === 'details' && <DetailsStep linkErrors={linkErrors} />}
        {step === 'review' && <ReviewStep />}
        <div className="wizard-nav">
          {stepIndex > 0 && (
            <button
              type="button"
              className="button secondary"
              onClick={() => goToStep(STEP_IDS[stepIndex - 1] ?? step)}
            >
              Back
            </button>
          )}
          {stepIndex < STEP_IDS.length - 1 && (
            <button type="submit" className="button primary">
              Next
            </button>
          )}
          <button type="button" className="button secondary start-over" onClick={startOver}>
            Start over
          </button>
        </div>
      </form>
      {/* Phones only (styles.css): the output sits below the form, and this stays at the screen's foot while
          the form is in view, never over the output. */}
      <button
        type="button"
        className="button primary show-output"
        onClick={() => {
          const panel = document.getElementById('output');
          panel?.scrollIntoView({ block: 'start' });
          panel?.focus({ preventScroll: true });
        }}
      >
        Show the output
      </button>
    </div>
  );
}
