import { memo, useEffect, useId, useRef } from 'react';
import { useFormContext } from 'react-hook-form';
import type { WizardConfig } from '../model/config';
import type { FieldView } from '../model/fields';

/** One Details field: label, input, help and the error beside it, wired for screen readers. */
function TextFieldView({ field, error }: { readonly field: FieldView; readonly error: string | undefined }) {
  const id = useId();
  const { register, trigger } = useFormContext<WizardConfig>();
  const registration = register(field.path);
  // Once an error has been shown here, the field is checked on every change, so the message follows the
  // value both ways (the form alone re-checks a field only once it has been left: "... is required." stayed
  // beside a value typed after Next).
  const followsValue = useRef(false);
  useEffect(() => {
    if (error) followsValue.current = true;
  }, [error]);
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
        {...registration}
        onChange={(event) => {
          void registration
            .onChange(event)
            .then(() => (followsValue.current ? trigger(field.path) : undefined));
        }}
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

/**
 * Re-renders only when what it shows changes: the Details step re-renders on every keystroke (its field list
 * depends on the whole configuration), and with many components most fields stay as they are.
 */
export const TextField = memo(
  TextFieldView,
  (before, after) =>
    before.error === after.error &&
    before.field.path === after.field.path &&
    before.field.label === after.field.label &&
    before.field.help === after.field.help &&
    before.field.required === after.field.required &&
    before.field.placeholder === after.field.placeholder,
);
