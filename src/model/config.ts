/** The wizard's whole state: what the user chose and typed. Everything else is derived from it. */
import { componentSpec, defaultVersion, type ComponentType } from '../catalog/components';
import type { CloudId } from '../catalog/clouds';
import type { HostId } from '../catalog/hosts';
import type { AksIdentityKind, IdentityKind } from '../catalog/identities';
import { HOST_FIELD_EXAMPLES } from './host-field-examples';

/** One Dapr component of the configuration. */
export interface ComponentConfig {
  type: ComponentType;
  version: string;
  /** metadata.name. */
  name: string;
  /** Resource group of the component's Azure resources; empty means the host's. */
  resourceGroup: string;
  /** Metadata values by Dapr metadata key. */
  metadata: Record<string, string>;
  /** Trade-off answers by choice key (option ids). */
  choices: Record<string, string>;
}

export interface WizardConfig {
  /** The Azure cloud every resource is in. */
  cloud: CloudId;
  host: HostId;
  identity: IdentityKind;
  aksIdentity: AksIdentityKind;
  resourceGroup: string;
  subscription: string;
  location: string;
  /** The host resource: cluster, container app, web app, function app, VM, scale set or container group. */
  hostName: string;
  /** Container Apps environment. */
  environment: string;
  namespace: string;
  serviceAccount: string;
  /** AKS: the app's Deployment, which the script patches with the pod template fields. */
  deployment: string;
  appId: string;
  identityName: string;
  clientId: string;
  /** Container Instances: the app's image and port. */
  image: string;
  appPort: string;
  /** Container Instances: a public IP address with this DNS name label; empty: no public IP. */
  dnsNameLabel: string;
  /** Container Instances: the app container's environment, NAME=value pairs separated by ';' (not secret). */
  envVars: string;
  /** In order; every one uses the same identity. */
  components: ComponentConfig[];
}

/** A component with its defaults: its required fields' examples, the first (least privileged) option of each choice. */
export function defaultComponent(
  type: ComponentType,
  version: string = defaultVersion(type),
  name?: string,
): ComponentConfig {
  const spec = componentSpec(type, version);
  const metadata: Record<string, string> = {};
  for (const field of spec.fields) metadata[field.key] = field.example ?? '';
  const choices: Record<string, string> = {};
  for (const choice of spec.choices ?? []) choices[choice.key] = choice.options[0]?.id ?? '';
  return {
    type,
    version: spec.version,
    name: name ?? spec.defaultName,
    resourceGroup: '',
    metadata,
    choices,
  };
}

/** A name for a new component that no other component of the configuration has. */
export function uniqueComponentName(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  let index = 2;
  while (taken.includes(`${base}-${index}`)) index += 1;
  return `${base}-${index}`;
}

const FIRST_COMPONENT: ComponentType = 'secretstores.azure.keyvault';

/**
 * A fresh, mutable copy of the defaults: the required fields hold example values (./examples.ts), so the
 * outputs show at once and the script refuses to run until they are replaced; optional fields are empty.
 */
export function defaultConfig(): WizardConfig {
  return {
    cloud: 'public',
    host: 'aks',
    identity: 'system',
    aksIdentity: 'workload',
    resourceGroup: HOST_FIELD_EXAMPLES.resourceGroup,
    subscription: '',
    location: '',
    hostName: HOST_FIELD_EXAMPLES.hostName,
    environment: HOST_FIELD_EXAMPLES.environment,
    // A real value, not an example: the namespace apps run in unless told otherwise.
    namespace: 'default',
    serviceAccount: HOST_FIELD_EXAMPLES.serviceAccount,
    deployment: HOST_FIELD_EXAMPLES.deployment,
    appId: HOST_FIELD_EXAMPLES.appId,
    identityName: HOST_FIELD_EXAMPLES.identityName,
    clientId: '',
    image: HOST_FIELD_EXAMPLES.image,
    appPort: '',
    dnsNameLabel: '',
    envVars: '',
    components: [defaultComponent(FIRST_COMPONENT)],
  };
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

/**
 * The name the identity goes by inside PostgreSQL, Azure SQL and Redis: the user-assigned identity's name;
 * for the kubelet identity the name AKS gives it, <cluster>-agentpool (../shared/domain/azure-cli.md 1.1);
 * for a system-assigned identity the host's name, which Azure gives its service principal (not confirmed in
 * a source here; PostgreSQL and Redis accept any name, but Azure SQL looks the name up in Entra ID).
 */
export function identityDisplayName(config: WizardConfig): string {
  switch (effectiveIdentity(config)) {
    case 'user':
    case 'workload':
      return config.identityName;
    case 'kubelet':
      return `${config.hostName}-agentpool`;
    case 'system':
      return config.hostName;
  }
}

/** One environment variable of the app container. */
export interface EnvironmentVariable {
  readonly name: string;
  readonly value: string;
}

/**
 * The app container's environment variables from `NAME=value;NAME2=value2`: each pair splits at its first
 * '='. Total for any text (a pair without '=' gets an empty value), so hostile input cannot throw.
 */
export function environmentVariables(config: Pick<WizardConfig, 'envVars'>): EnvironmentVariable[] {
  if (config.envVars === '') return [];
  return config.envVars.split(';').map((pair) => {
    const at = pair.indexOf('=');
    return at < 0 ? { name: pair, value: '' } : { name: pair.slice(0, at), value: pair.slice(at + 1) };
  });
}

/** The resource group a component's resources live in. */
export function componentResourceGroup(config: WizardConfig, component: ComponentConfig): string {
  return component.resourceGroup === '' ? config.resourceGroup : component.resourceGroup;
}
