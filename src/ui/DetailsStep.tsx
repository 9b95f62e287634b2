import { get, useFormContext, useFormState, useWatch } from 'react-hook-form';
import { componentSpec } from '../catalog/components';
import type { WizardConfig } from '../model/config';
import { detailFields, type FieldGroup } from '../model/fields';
import type { LinkErrors } from '../model/url-state';
import { ChoiceGroup } from './ChoiceGroup';
import { TextField } from './TextField';

const GROUP_TITLES: Record<FieldGroup, string> = {
  Azure: 'Azure resources',
  Identity: 'Identity',
  Kubernetes: 'Kubernetes',
  Dapr: 'Dapr',
  Component: 'Component',
};

/** Only the fields this combination needs, grouped, each validated with its naming rule. */
export function DetailsStep({ linkErrors }: { readonly linkErrors: LinkErrors }) {
  const { control, register } = useFormContext<WizardConfig>();
  // useFormState starts from the form's current errors: the root formState only tracks errors once read,
  // so errors set before this step mounted (a share link's bad values) would otherwise be missing here.
  const { errors } = useFormState({ control });
  const config = useWatch({ control }) as WizardConfig;
  const fields = detailFields(config);
  const groups = [...new Set(fields.map((field) => field.group))];
  const errorOf = (path: string): string | undefined => {
    const error: { message?: string } | undefined = get(errors, path);
    return error?.message;
  };
  return (
    <div className="details">
      {groups.map((group) => (
        <section key={group} className="field-group" aria-labelledby={`group-${group}`}>
          <h3 id={`group-${group}`}>{GROUP_TITLES[group]}</h3>
          {fields
            .filter((field) => field.group === group)
            .map((field) => (
              <TextField key={field.path} field={field} error={errorOf(field.path)} />
            ))}
          {group === 'Component' && componentSpec(config.component).grant.kind === 'key-vault' && (
            <ChoiceGroup
              legend="Key Vault permission model"
              choices={[
                {
                  value: 'rbac',
                  title: 'Azure RBAC (default for new vaults)',
                  description: 'The identity gets the Key Vault Secrets User role on this vault.',
                },
                {
                  value: 'accesspolicy',
                  title: 'Vault access policies',
                  description: 'For vaults still on access policies: the identity gets secret get and list.',
                },
              ]}
              registration={register('kvModel')}
              error={linkErrors.kvModel}
            />
          )}
        </section>
      ))}
    </div>
  );
}
