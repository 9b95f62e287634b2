/**
 * Moving around the wizard from anywhere in the page: the output panel's and Review's lists of what is still
 * missing jump to a field, the stepper to a step. The step lives in App, so every part can reach it.
 */
import { createContext, useContext } from 'react';
import type { FieldPath } from '../model/fields';
import type { StepId } from './steps';

export interface WizardNavigation {
  readonly step: StepId;
  /** Shows the step and moves focus to its heading. */
  readonly goToStep: (step: StepId) => void;
  /** Shows the Details step, opens the "More options" holding the field if closed, and focuses the field. */
  readonly goToField: (path: FieldPath) => void;
  /** Back to the defaults: the first step, the default configuration, no share link. */
  readonly startOver: () => void;
}

export const NavigationContext = createContext<WizardNavigation | null>(null);

/** The wizard's navigation; only inside App. */
export function useNavigation(): WizardNavigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation outside App');
  return navigation;
}

/**
 * Focuses the input registered at the path once the step showing it has rendered (a few frames at most),
 * first opening any closed <details> around it, since a closed one cannot take focus.
 */
export function focusFieldWhenShown(path: FieldPath, framesLeft = 10): void {
  requestAnimationFrame(() => {
    const input = document.querySelector<HTMLElement>(`[name="${CSS.escape(path)}"]`);
    if (!input) {
      if (framesLeft > 0) focusFieldWhenShown(path, framesLeft - 1);
      return;
    }
    for (let parent = input.parentElement; parent; parent = parent.parentElement) {
      if (parent instanceof HTMLDetailsElement) parent.open = true;
    }
    input.focus();
    input.scrollIntoView({ block: 'center' });
  });
}
