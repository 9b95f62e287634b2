import { useRef, useState } from 'react';
import { useFormContext } from 'react-hook-form';
import type { WizardConfig } from '../model/config';
import type { LinkErrors } from '../model/url-state';
import { HostStep, IdentityStep } from './ChoiceSteps';
import { ComponentStep } from './ComponentStep';
import { DetailsStep } from './DetailsStep';
import { ReviewStep } from './ReviewStep';
import { STEP_IDS, STEP_TITLES, stepFields, type StepId } from './steps';

/** Steps with a stepper and Back/Next; Next validates only the current step's fields. */
export function Wizard({ linkErrors }: { readonly linkErrors: LinkErrors }) {
  const { trigger, getValues, setFocus, getFieldState } = useFormContext<WizardConfig>();
  const [stepIndex, setStepIndex] = useState(0);
  const [reached, setReached] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const step: StepId = STEP_IDS[stepIndex] ?? 'host';

  const goTo = (index: number): void => {
    setStepIndex(index);
    setReached((previous) => Math.max(previous, index));
    // Move focus to the new step's heading, so keyboard and screen reader users start at its top.
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  const next = async (): Promise<void> => {
    const fields = stepFields(step, getValues());
    if (!(await trigger(fields, { shouldFocus: false }))) {
      const firstInvalid = fields.find((field) => getFieldState(field).invalid);
      if (firstInvalid) setFocus(firstInvalid);
      return;
    }
    goTo(Math.min(stepIndex + 1, STEP_IDS.length - 1));
  };

  return (
    <div className="wizard">
      <nav aria-label="Steps">
        <ol className="stepper">
          {STEP_IDS.map((id, index) => (
            <li key={id}>
              <button
                type="button"
                aria-current={index === stepIndex ? 'step' : undefined}
                disabled={index > reached}
                onClick={() => goTo(index)}
              >
                <span className="step-number">{index + 1}</span> {STEP_TITLES[id]}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void next();
        }}
        noValidate
      >
        <h2 tabIndex={-1} ref={headingRef}>
          {stepIndex + 1}. {STEP_TITLES[step]}
        </h2>
        {step === 'host' && <HostStep linkErrors={linkErrors} />}
        {step === 'identity' && <IdentityStep linkErrors={linkErrors} />}
        {step === 'component' && <ComponentStep linkErrors={linkErrors} />}
        {step === 'details' && <DetailsStep linkErrors={linkErrors} />}
        {step === 'review' && <ReviewStep />}
        <div className="wizard-nav">
          {stepIndex > 0 && (
            <button type="button" className="button secondary" onClick={() => goTo(stepIndex - 1)}>
              Back
            </button>
          )}
          {stepIndex < STEP_IDS.length - 1 && (
            <button type="submit" className="button primary">
              Next
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
