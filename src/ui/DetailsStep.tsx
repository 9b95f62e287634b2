import { get, useFormContext, useFormState, useWatch } from 'react-hook-form';
import { componentSpec } from '../catalog/components';
import type { WizardConfig } from '../model/config';
import { holdsExample } from '../model/examples';
import { detailFields, type FieldGroup, type FieldView } from '../model/fields';
import { componentKeyPrefix, type LinkErrors } from '../model/url-state';
import { choiceAppPortErrors } from '../model/validate-app-port';
import { ChoiceGroup } from './ChoiceGroup';
import { CheckboxField } from './CheckboxField';
import { TextField } from './TextField';

const GROUP_TITLES: Record<Exclude<FieldGroup, 'Component'>, string> = {
  Azure: 'Azure resources',
  Identity: 'Identity',
  Kubernetes: 'Kubernetes',
  Dapr: 'Dapr',
};

/** Only the fields this combination needs, grouped, each validated with its naming rule. */
export function DetailsStep({ linkErrors }: { readonly linkErrors: LinkErrors }) {
  const { control, register } = useFormContext<WizardConfig>();
  // useFormState starts from the form's current errors: the root formState only tracks errors once read,
  // so errors set before this step mounted (a share link's bad values) would otherwise be missing here.
  const { errors } = useFormState({ control });
  const config = useWatch({ control }) as WizardConfig;
  const fields = detailFields(config);
  // The App port field carries the error; the choice that makes the component receive says so too.
  const choiceErrors = choiceAppPortErrors(config);
  const errorOf = (path: string): string | undefined => {
    const error: { message?: string } | undefined = get(errors, path);
    return error?.message;
  };
  const renderFields = (list: readonly FieldView[]) =>
    list.map((field) =>
      field.rule === 'boolean' ? (
        <CheckboxField key={field.path} field={field} error={errorOf(field.path)} />
      ) : (
        <TextField
          key={field.path}
          field={field}
          error={errorOf(field.path)}
          isExample={holdsExample(config, field.path)}
        />
      ),
    );
  const hostGroups = [...new Set(fields.map((field) => field.group))].filter(
    (group): group is Exclude<FieldGroup, 'Component'> => group !== 'Component',
  );
  return (
    <div className="details">
      {hostGroups.map((group) => (
        <section key={group} className="field-group" aria-labelledby={`group-${group}`}>
          <h3 id={`group-${group}`}>{GROUP_TITLES[group]}</h3>
          {renderFields(fields.filter((field) => field.group === group))}
        </section>
      ))}
      {config.components.map((component, index) => {
        const spec = componentSpec(component.type, component.version);
        const own = fields.filter((field) => field.componentIndex === index);
        const more = own.filter((field) => field.more);
        return (
          <section key={index} className="field-group" aria-labelledby={`component-${index}`}>
            <h3 id={`component-${index}`}>
              {spec.title} <code>{spec.type}</code>
            </h3>
            {renderFields(own.filter((field) => !field.more))}
            {(spec.choices ?? []).map((choice) => (
              <ChoiceGroup
                key={choice.key}
                legend={choice.legend}
                choices={choice.options.map((option) => ({
                  value: option.id,
                  title: option.title,
                  description: option.description,
                }))}
                registration={register(`components.${index}.choices.${choice.key}`)}
                error={
                  linkErrors[`${componentKeyPrefix(index)}${choice.key}`] ?? choiceErrors[index]?.[choice.key]
                }
              />
            ))}
            {spec.grantSource && <p className="note">{spec.grantSource}</p>}
            {more.length > 0 && (
              <details
                className="more-options"
                open={more.some((field) => errorOf(field.path) !== undefined)}
              >
                <summary>More options</summary>
                {renderFields(more)}
              </details>
            )}
          </section>
        );
      })}
    </div>
  );
}
