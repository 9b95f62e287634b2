/** The Dapr component resource, in the format the host reads. */
import { componentSpec } from '../catalog/components';
import { hostSpec } from '../catalog/hosts';
import { effectiveIdentity, type WizardConfig } from '../model/config';
import { CLIENT_ID_MARKER } from './markers';

export interface MetadataItem {
  readonly name: string;
  readonly value: string;
}

/**
 * The azureClientId value, when the component needs one: only for a user-assigned identity that is not
 * Workload ID (Workload ID takes the client id from the ServiceAccount; Dapr docs howto-wif.md).
 * Undefined for system-assigned and Workload ID; the marker when the script looks the id up.
 */
export function componentClientId(config: WizardConfig): string | undefined {
  const identity = effectiveIdentity(config);
  if (identity === 'system' || identity === 'workload') return undefined;
  return config.clientId === '' ? CLIENT_ID_MARKER : config.clientId;
}

/**
 * The metadata Dapr reads under managed identity: the component's own fields, then azureClientId.
 * Never azureTenantId or a secret: with a tenant id Dapr 1.16-1.18 took the SPIFFE path and never tried
 * managed identity (../shared/domain/dapr-components.md, "SPIFFE chain bug").
 */
export function componentMetadata(config: WizardConfig): MetadataItem[] {
  const items: MetadataItem[] = componentSpec(config.component)
    .fields.filter((field) => field.required || (config.metadata[field.key] ?? '') !== '')
    .map((field) => ({ name: field.key, value: config.metadata[field.key] ?? '' }));
  const clientId = componentClientId(config);
  // azureClientId: common Azure auth field (components-contrib common/authentication/azure/metadata-properties.go).
  if (clientId !== undefined) items.push({ name: 'azureClientId', value: clientId });
  return items;
}

/** The component as an object: a Kubernetes-style Component, or Container Apps' own schema. */
export function buildComponent(config: WizardConfig): Record<string, unknown> {
  const spec = componentSpec(config.component);
  const metadata = componentMetadata(config);
  const scopes = config.appId === '' ? {} : { scopes: [config.appId] };
  if (hostSpec(config.host).format === 'container-apps') {
    // ACA schema: componentType, version, metadata, scopes; no apiVersion/kind
    // (MicrosoftDocs/azure-docs articles/container-apps/dapr-components.md).
    return { componentType: spec.type, version: spec.version, metadata, ...scopes };
  }
  return {
    apiVersion: 'dapr.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: config.name,
      ...(hostSpec(config.host).format === 'kubernetes' ? { namespace: config.namespace } : {}),
    },
    spec: { type: spec.type, version: spec.version, metadata },
    ...scopes,
  };
}
