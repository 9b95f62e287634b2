/** A Dapr component resource, in the format the host reads. */
import { cloudSpec } from '../catalog/clouds';
import { componentSpec } from '../catalog/components';
import { hostSpec } from '../catalog/hosts';
import {
  effectiveIdentity,
  identityDisplayName,
  type ComponentConfig,
  type WizardConfig,
} from '../model/config';
import { CLIENT_ID_MARKER } from './markers';
import { toYaml } from './to-yaml';

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
 * The metadata Dapr reads under managed identity: the fields that select Entra ID, the component's own
 * fields (optional ones only when set), what the chosen options set, then azureClientId. Never
 * azureTenantId or a secret: with a tenant id Dapr 1.16-1.18 took the SPIFFE path and never tried managed
 * identity (../shared/domain/dapr-components.md, "SPIFFE chain bug").
 */
export function componentMetadata(config: WizardConfig, component: ComponentConfig): MetadataItem[] {
  const spec = componentSpec(component.type, component.version);
  const items: MetadataItem[] = [];
  for (const [name, value] of Object.entries(spec.fixedMetadata ?? {})) items.push({ name, value });
  if (spec.connectionString) {
    items.push({
      name: 'connectionString',
      value: composeConnectionString(config, component, spec.connectionString),
    });
  }
  for (const field of spec.fields) {
    const value = component.metadata[field.key] ?? '';
    if (field.emit !== false && (field.required || value !== '')) items.push({ name: field.key, value });
  }
  for (const choice of spec.choices ?? []) {
    const option = choice.options.find((candidate) => candidate.id === component.choices[choice.key]);
    for (const [name, value] of Object.entries(option?.metadata ?? {})) items.push({ name, value });
  }
  const clientId = componentClientId(config);
  // azureClientId: common Azure auth field (components-contrib common/authentication/azure/metadata-properties.go).
  if (clientId !== undefined) items.push({ name: 'azureClientId', value: clientId });
  // azureEnvironment: the cloud whose sign-in and audiences Dapr's Azure auth uses; written only for a
  // sovereign cloud, the public cloud being Dapr's default (components-contrib
  // common/authentication/azure/auth.go GetAzureEnvironment; ../shared/domain/dapr-components.md section 1).
  const cloud = cloudSpec(config.cloud);
  if (cloud.daprEnvironment !== undefined) {
    items.push({ name: 'azureEnvironment', value: cloud.daprEnvironment });
    // Table Storage ignores azureEnvironment for its endpoint and builds https://<account>.table.core.windows.net
    // unless serviceURL is set (components-contrib state/azure/tablestorage/tablestorage.go Init, metadata.yaml).
    if (spec.type === 'state.azure.tablestorage') {
      const account = component.metadata.accountName ?? '';
      items.push({ name: 'serviceURL', value: `https://${account}.table${cloud.suffixes.storage ?? ''}/` });
    }
  }
  return items;
}

/**
 * A password-less connection string from the host and database inputs. PostgreSQL: the user is the role
 * mapped to the identity and the password a token Dapr fetches (dapr/docs setup-postgresql-v2.md). Azure
 * SQL: the database belongs in the URL, or Dapr tries CREATE DATABASE (state/sqlserver/migration.go);
 * Dapr adds the token itself (common/authentication/sqlserver/metadata.go).
 */
export function composeConnectionString(
  config: WizardConfig,
  component: ComponentConfig,
  format: 'postgres' | 'sqlserver',
): string {
  const host = component.metadata.host ?? '';
  const database = component.metadata.database ?? '';
  if (format === 'postgres') {
    return `host=${host} user=${identityDisplayName(config)} port=5432 database=${database} sslmode=require`;
  }
  return `sqlserver://${host}:1433?database=${encodeURIComponent(database)}`;
}

/** The component as an object: a Kubernetes-style Component, or Container Apps' own schema. */
export function buildComponent(config: WizardConfig, component: ComponentConfig): Record<string, unknown> {
  const spec = componentSpec(component.type, component.version);
  const metadata = componentMetadata(config, component);
  const scopes = config.appId === '' ? {} : { scopes: [config.appId] };
  const format = hostSpec(config.host).format;
  if (format === 'container-apps') {
    // ACA schema: componentType, version, metadata, scopes; no apiVersion/kind
    // (MicrosoftDocs/azure-docs articles/container-apps/dapr-components.md).
    return { componentType: spec.type, version: spec.version, metadata, ...scopes };
  }
  return {
    apiVersion: 'dapr.io/v1alpha1',
    kind: 'Component',
    metadata: { name: component.name, ...(format === 'kubernetes' ? { namespace: config.namespace } : {}) },
    spec: { type: spec.type, version: spec.version, metadata },
    ...scopes,
  };
}

/** One component's YAML per configuration: the page, the bundle and the script all show the same text. */
const yamlCache = new WeakMap<ComponentConfig, { readonly config: WizardConfig; readonly yaml: string }>();

/**
 * The YAML of the component documents made lately, by the document's JSON: a keystroke changes one
 * component, and the others' documents come out as before, so their text is reused rather than written again
 * (the page makes every output on each keystroke). A document holds only strings, booleans, arrays and plain
 * objects (toYaml would throw on undefined), so equal JSON is an equal document. The oldest entry goes first.
 */
const dumped = new Map<string, string>();
const DUMPED_LIMIT = 64;

function documentYaml(document: Record<string, unknown>): string {
  const key = JSON.stringify(document);
  const known = dumped.get(key);
  if (known !== undefined) return known;
  const yaml = toYaml(document);
  dumped.set(key, yaml);
  const oldest = dumped.keys().next().value;
  if (dumped.size > DUMPED_LIMIT && oldest !== undefined) dumped.delete(oldest);
  return yaml;
}

/** The component file's text (cached for the same configuration object, which one keystroke's outputs share). */
export function componentYaml(config: WizardConfig, component: ComponentConfig): string {
  const cached = yamlCache.get(component);
  if (cached?.config === config) return cached.yaml;
  const yaml = documentYaml(buildComponent(config, component));
  yamlCache.set(component, { config, yaml });
  return yaml;
}
