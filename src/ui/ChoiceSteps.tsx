/** The three choice steps: host, identity, component. Each is a loop over the catalog. */
import { useFormContext, useWatch } from 'react-hook-form';
import { CLOUDS } from '../catalog/clouds';
import { HOSTS, hostSpec } from '../catalog/hosts';
import { AKS_IDENTITY_OPTIONS, AKS_SYSTEM_ASSIGNED_REASON, IDENTITY_OPTIONS } from '../catalog/identities';
import type { WizardConfig } from '../model/config';
import type { LinkErrors } from '../model/url-state';
import { ChoiceGroup } from './ChoiceGroup';
import { PresetList } from './PresetList';

export function HostStep({ linkErrors }: { readonly linkErrors: LinkErrors }) {
  const { register } = useFormContext<WizardConfig>();
  return (
    <>
      <PresetList />
      <ChoiceGroup
        legend="Where does your Dapr app run?"
        choices={HOSTS.map((host) => ({ value: host.id, title: host.title, description: host.daprRuns }))}
        registration={register('host')}
        error={linkErrors.host}
      />
      <ChoiceGroup
        legend="Which Azure cloud are the resources in?"
        choices={CLOUDS.map((cloud) => ({
          value: cloud.id,
          title: cloud.title,
          description: cloud.description,
        }))}
        registration={register('cloud')}
        error={linkErrors.cloud}
      />
    </>
  );
}

export function IdentityStep({ linkErrors }: { readonly linkErrors: LinkErrors }) {
  const { register, control } = useFormContext<WizardConfig>();
  const host = useWatch({ control, name: 'host' });
  if (host === 'aks') {
    return (
      <ChoiceGroup
        legend="Which identity do the app's pods use?"
        choices={[
          ...AKS_IDENTITY_OPTIONS.map((option) => ({
            value: option.id,
            title: option.title,
            description: option.advice,
          })),
          {
            value: 'system',
            title: 'System-assigned identity',
            description: '',
            disabledReason: AKS_SYSTEM_ASSIGNED_REASON,
          },
        ]}
        registration={register('aksIdentity')}
        error={linkErrors.aksIdentity ?? linkErrors.identity}
      />
    );
  }
  return (
    <ChoiceGroup
      legend="Which managed identity does the app use?"
      choices={IDENTITY_OPTIONS.map((option) => ({
        value: option.id,
        title: option.title,
        description: option.advice,
      }))}
      registration={register('identity')}
      note={hostSpec(host).identityNote}
      error={linkErrors.identity}
    />
  );
}
