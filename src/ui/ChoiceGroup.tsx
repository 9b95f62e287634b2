import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

export interface Choice {
  readonly value: string;
  readonly title: string;
  readonly description: string;
  /** Why the choice is not available; the option is then disabled. */
  readonly disabledReason?: string;
}

interface ChoiceGroupProps {
  readonly legend: string;
  readonly choices: readonly Choice[];
  readonly registration: UseFormRegisterReturn;
  readonly note?: string;
  readonly error?: string;
}

/** A radio group as cards: each option with its one-line explanation, disabled ones with the reason. */
export function ChoiceGroup({ legend, choices, registration, note, error }: ChoiceGroupProps) {
  const id = useId();
  return (
    <fieldset className="choice-group" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {note && <p className="note">{note}</p>}
      {choices.map((choice) => {
        const optionId = `${id}-${choice.value}`;
        return (
          <div key={choice.value} className={`choice${choice.disabledReason ? ' disabled' : ''}`}>
            <input
              type="radio"
              id={optionId}
              value={choice.value}
              disabled={choice.disabledReason !== undefined}
              {...registration}
            />
            <label htmlFor={optionId}>
              <span className="choice-title">{choice.title}</span>
              <span className="choice-description">{choice.disabledReason ?? choice.description}</span>
            </label>
          </div>
        );
      })}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
