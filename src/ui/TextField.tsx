import { memo, useEffect, useId, useRef, useState } from 'react';
import { useFormContext } from 'react-hook-form';
import type { WizardConfig } from '../model/config';
import type { FieldView } from '../model/fields';
import { normalizeFieldValue } from '../model/normalize';

/** What the field changed a pasted or typed value into, to say so beside it. */
interface Normalized {
  readonly from: string;
  readonly to: string;
}

interface TextFieldProps {
  readonly field: FieldView;
  readonly error: string | undefined;
  /** The field still holds its example value (model/examples.ts): said beside it until it is replaced. */
  readonly isExample: boolean;
}

/** One Details field: label, input, help and the error beside it, wired for screen readers. */
function TextFieldView({ field, error, isExample }: TextFieldProps) {
  const id = useId();
  const { register, trigger, setValue } = useFormContext<WizardConfig>();
  const [normalized, setNormalized] = useState<Normalized | undefined>(undefined);
  const registration = register(field.path);
  // Once an error has been shown here, the field is checked on every change, so the message follows the
  // value both ways (the form alone re-checks a field only once it has been left: "... is required." stayed
  // beside a value typed after Next).
  const followsValue = useRef(false);
  useEffect(() => {
    if (error) followsValue.current = true;
  }, [error]);
  // On leaving the field and on paste (not while typing, which would rewrite a half-typed value), a value in
  // another form the field knows (a vault URL, a bare namespace, a region's display name) becomes the one used.
  const applyNormalized = (value: string): void => {
    const to = normalizeFieldValue(field.rule, value);
    if (to === undefined) return;
    setValue(field.path, to, { shouldValidate: true, shouldDirty: true });
    setNormalized({ from: value, to });
  };
  const describedBy = [
    isExample ? `${id}-example` : '',
    `${id}-help`,
    normalized ? `${id}-used` : '',
    error ? `${id}-error` : '',
  ]
    .filter(Boolean)
    .join(' ');
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
        className={isExample ? 'example-value' : undefined}
        {...registration}
        onFocus={(event) => {
          // Typing then replaces the whole example, rather than adding to it.
          if (isExample) event.currentTarget.select();
        }}
        onBlur={(event) => {
          applyNormalized(event.target.value);
          void registration.onBlur(event);
        }}
        onPaste={(event) => {
          const input = event.currentTarget;
          // The pasted text is in the input once the paste event has run.
          setTimeout(() => applyNormalized(input.value), 0);
        }}
        onChange={(event) => {
          if (normalized && event.target.value !== normalized.to) setNormalized(undefined);
          void registration
            .onChange(event)
            .then(() => (followsValue.current ? trigger(field.path) : undefined));
        }}
      />
      {isExample && (
        <p className="example-hint" id={`${id}-example`}>
          Example value: replace it with your own.
        </p>
      )}
      <p className="help" id={`${id}-help`}>
        {field.help}
      </p>
      {normalized && (
        <p className="used-value" id={`${id}-used`} role="status">
          Uses <code>{normalized.to}</code>, from <code>{normalized.from}</code>.
        </p>
      )}
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
    before.isExample === after.isExample &&
    before.field.path === after.field.path &&
    before.field.label === after.field.label &&
    before.field.help === after.field.help &&
    before.field.required === after.field.required &&
    before.field.placeholder === after.field.placeholder,
);
