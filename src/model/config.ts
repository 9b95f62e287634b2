/** The wizard's whole state: what the user chose and typed. Everything else is derived from it. */
import type { HostId } from '../catalog/hosts';
import type { AksIdentityKind, IdentityKind } from '../catalog/identities';
import { COMPONENTS, componentSpec, type ComponentType } from '../catalog/components';

export const KEY_VAULT_MODELS = ['rbac', 'accesspolicy'] as const;
export type KeyVaultModel = (typeof KEY_VAULT_MODELS)[number];

export interface WizardConfig {
  host: HostId;
  identity: IdentityKind;
  aksIdentity: AksIdentityKind;
  component: ComponentType;
  /** metadata.name of the Dapr component. */
  name: string;
  resourceGroup: string;
  subscription: string;
  location: string;
  /** The host resource: cluster, container app, web app, function app, VM, scale set or container group. */
  hostName: string;
  /** Container Apps environment. */
  environment: string;
  namespace: string;
  serviceAccount: string;
  appId: string;
  identityName: string;
  clientId: string;
  kvModel: KeyVaultModel;
  /** Container Instances: the app's image and port. */
  image: string;
  appPort: string;
  /** Component metadata values by Dapr metadata key. */
  metadata: Record<string, string>;
}

const DEFAULT_COMPONENT = COMPONENTS[0];

/** Example values the component fields start with, so the preview is complete from the first step. */
export function defaultMetadata(type: ComponentType): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of componentSpec(type).fields) values[field.key] = field.placeholder ?? '';
  return values;
}

export const DEFAULT_CONFIG: Readonly<WizardConfig> = Object.freeze({
  host: 'aks',
  identity: 'system',
  aksIdentity: 'workload',
  component: DEFAULT_COMPONENT.type,
  name: DEFAULT_COMPONENT.defaultName,
  resourceGroup: '',
  subscription: '',
  location: '',
  hostName: '',
  environment: '',
  namespace: 'default',
  serviceAccount: '',
  appId: '',
  identityName: '',
  clientId: '',
  kvModel: 'rbac',
  image: '',
  appPort: '',
  metadata: defaultMetadata(DEFAULT_COMPONENT.type),
});

/** A fresh, mutable copy of the defaults. */
export function defaultConfig(): WizardConfig {
  return { ...DEFAULT_CONFIG, metadata: { ...DEFAULT_CONFIG.metadata } };
}

/**
 * The identity the app signs in with, once the host is known: AKS offers Workload ID or the kubelet
 * identity (both user-assigned), every other host system- or user-assigned.
 */
export type EffectiveIdentity = 'system' | 'user' | 'workload' | 'kubelet';

export function effectiveIdentity(
  config: Pick<WizardConfig, 'host' | 'identity' | 'aksIdentity'>,
): EffectiveIdentity {
  return config.host === 'aks' ? config.aksIdentity : config.identity;
}

/** Whether the wizard creates (or reuses) a named user-assigned identity. */
export function createsUserIdentity(config: WizardConfig): boolean {
  const identity = effectiveIdentity(config);
  return identity === 'user' || identity === 'workload';
}
