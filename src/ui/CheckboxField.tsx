import { memo, useId } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import type { WizardConfig } from '../model/config';
import type { FieldView } from '../model/fields';

/**
 * A yes/no metadata field (naming rule `boolean`) as a checkbox: ticked writes "true"; unticked leaves the
 * field empty, so the component omits it and Dapr keeps its default, false. A link's "false" shows unticked.
 */
function CheckboxFieldView({
  field,
  error,
}: {
  readonly field: FieldView;
  readonly error: string | undefined;
}) {
  const id = useId();
  const { control, setValue } = useFormContext<WizardConfig>();
  // Not registered: the form keeps the text value ("true" or empty), not the checkbox's boolean.
  const value = useWatch({ control, name: field.path });
  const describedBy = [`${id}-help`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  // The label without the "(optional)" the text fields carry: a checkbox is always optional.
  const label = field.label.replace(/ \(optional\)$/, '');
  return (
    <div className="field checkbox-field">
      <input
        id={id}
        type="checkbox"
        // The name the output panel's and Review's links find the field by.
        name={field.path}
        checked={value === 'true'}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) =>
          setValue(field.path, event.target.checked ? 'true' : '', {
            shouldDirty: true,
            shouldValidate: true,
          })
        }
      />
      <label htmlFor={id}>{label}</label>
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

export const CheckboxField = memo(
  CheckboxFieldView,
  (before, after) =>
    before.error === after.error &&
    before.field.path === after.field.path &&
    before.field.label === after.field.label &&
    before.field.help === after.field.help,
);
