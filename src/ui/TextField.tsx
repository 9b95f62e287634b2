import { useId } from 'react';
import { useFormContext } from 'react-hook-form';
import type { WizardConfig } from '../model/config';
import type { FieldView } from '../model/fields';

/** One Details field: label, input, help and the error beside it, wired for screen readers. */
export function TextField({
  field,
  error,
}: {
  readonly field: FieldView;
  readonly error: string | undefined;
}) {
  const id = useId();
  const { register } = useFormContext<WizardConfig>();
  const describedBy = [`${id}-help`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      <input
        id={id}
        type="text"
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        placeholder={field.placeholder}
        aria-invalid={error ? true : undefined}
        aria-required={field.required}
        aria-describedby={describedBy}
        {...register(field.path)}
      />
      <p className="help" id={`${id}-help`}>
        {field.help}
      </p>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
