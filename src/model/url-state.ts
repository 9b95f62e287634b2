/**
 * The share link: the configuration as `key=value` pairs in the URL hash (the query string is read too).
 * Only values that differ from the defaults are written; unknown keys are ignored; a value outside an
 * option list is reported and the default kept. Text values are kept as they came, so the field's own
 * validation shows what is wrong with them.
 *
 * Components: the first one uses the plain keys `component`, `version`, `name`, `rg`, `m.<field>` and its
 * choice keys (e.g. `kvModel`); the N-th (N >= 2) the same keys prefixed `cN.` (`c2.component=...`).
 */
import { CLOUD_IDS } from '../catalog/clouds';
import { COMPONENT_TYPES, componentSpec, componentVersions, type ComponentType } from '../catalog/components';
import { HOST_IDS, type HostId } from '../catalog/hosts';
import { AKS_IDENTITY_KINDS, IDENTITY_KINDS } from '../catalog/identities';
import { defaultComponent, defaultConfig, type ComponentConfig, type WizardConfig } from './config';
import { detailFields, fieldValue, type TextFieldId } from './fields';
import { defaultVersionOn } from './host-dapr';

const CHOICE_KEYS = {
  cloud: CLOUD_IDS,
  host: HOST_IDS,
  identity: IDENTITY_KINDS,
  aksIdentity: AKS_IDENTITY_KINDS,
} as const;
type ChoiceKey = keyof typeof CHOICE_KEYS;

export const TEXT_KEYS: readonly TextFieldId[] = [
  'resourceGroup',
  'subscription',
  'location',
  'hostName',
  'environment',
  'namespace',
  'serviceAccount',
  'deployment',
  'appId',
  'identityName',
  'clientId',
  'image',
  'appPort',
  'dnsNameLabel',
  'envVars',
];

/** Keys a component's share-link namespace uses besides its choice keys. */
export const COMPONENT_KEYS = ['component', 'version', 'name', 'rg'] as const;
const METADATA_PREFIX = 'm.';
/** Longer values are cut: no field's rule allows them, and a huge link must not slow the page. */
const MAX_VALUE_LENGTH = 1000;
/** More components than anyone configures at once; keys past it are ignored. */
export const MAX_COMPONENTS = 20;

/** Link key -> what was wrong with its value. */
export type LinkErrors = Record<string, string>;

export interface ParsedLink {
  config: WizardConfig;
  linkErrors: LinkErrors;
}

/** The share-link prefix of the component at this position: '' for the first, 'c2.' for the second. */
export function componentKeyPrefix(index: number): string {
  return index === 0 ? '' : `c${index + 1}.`;
}

function notOneOf(key: string, value: string, allowed: readonly string[], kept: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `The link's ${key} "${shown}" is not one of: ${allowed.join(', ')}. Kept ${kept}.`;
}

function parseComponent(
  params: Map<string, string>,
  index: number,
  host: HostId,
  linkErrors: LinkErrors,
): ComponentConfig | undefined {
  const prefix = componentKeyPrefix(index);
  const typeKey = `${prefix}component`;
  const typeValue = params.get(typeKey);
  let type: ComponentType = 'secretstores.azure.keyvault';
  if (typeValue !== undefined && (COMPONENT_TYPES as readonly string[]).includes(typeValue)) {
    type = typeValue as ComponentType;
  } else if (typeValue !== undefined) {
    linkErrors[typeKey] = notOneOf(typeKey, typeValue, COMPONENT_TYPES, index === 0 ? type : 'nothing');
    if (index > 0) return undefined;
  } else if (index > 0) {
    return undefined;
  }
  // Without a version the host's default applies; a version the host cannot load is kept, and the
  // component step and validation say why beside the version choice.
  const versions = componentVersions(type);
  const fallback = defaultVersionOn(host, type);
  const versionValue = params.get(`${prefix}version`);
  if (versionValue !== undefined && !versions.includes(versionValue)) {
    linkErrors[`${prefix}version`] = notOneOf(`${prefix}version`, versionValue, versions, fallback);
  }
  const version = versionValue !== undefined && versions.includes(versionValue) ? versionValue : fallback;
  const component = defaultComponent(type, version);
  const spec = componentSpec(type, component.version);
  component.name = params.get(`${prefix}name`) ?? component.name;
  component.resourceGroup = params.get(`${prefix}rg`) ?? '';
  for (const field of spec.fields) {
    const value = params.get(`${prefix}${METADATA_PREFIX}${field.key}`);
    if (value !== undefined) component.metadata[field.key] = value;
  }
  for (const choice of spec.choices ?? []) {
    const key = `${prefix}${choice.key}`;
    const value = params.get(key);
    if (value === undefined) continue;
    const ids = choice.options.map((option) => option.id);
    if (ids.includes(value)) component.choices[choice.key] = value;
    else linkErrors[key] = notOneOf(key, value, ids, component.choices[choice.key] ?? '');
  }
  return component;
}

/** A value cut to MAX_VALUE_LENGTH, never inside a surrogate pair: a lone half would not survive the link. */
function cut(value: string): string {
  const head = value.slice(0, MAX_VALUE_LENGTH);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

/** Reads a configuration from `location.search` and `location.hash`; the hash wins. */
export function parseShareLink(search: string, hash: string): ParsedLink {
  const params = new Map<string, string>();
  for (const source of [search.replace(/^\?/, ''), hash.replace(/^#/, '')]) {
    for (const [key, value] of new URLSearchParams(source)) params.set(key, cut(value));
  }
  const config = defaultConfig();
  const linkErrors: LinkErrors = {};
  for (const key of Object.keys(CHOICE_KEYS) as ChoiceKey[]) {
    const value = params.get(key);
    if (value === undefined) continue;
    const allowed: readonly string[] = CHOICE_KEYS[key];
    if (allowed.includes(value)) (config as unknown as Record<ChoiceKey, string>)[key] = value;
    else linkErrors[key] = notOneOf(key, value, allowed, config[key]);
  }
  for (const key of TEXT_KEYS) {
    const value = params.get(key);
    if (value !== undefined) config[key] = value;
  }
  const components: ComponentConfig[] = [];
  for (let index = 0; index < MAX_COMPONENTS; index += 1) {
    const component = parseComponent(params, index, config.host, linkErrors);
    if (component) components.push(component);
  }
  config.components = components;
  return { config, linkErrors };
}

function componentParams(
  component: ComponentConfig,
  index: number,
  host: HostId,
  params: URLSearchParams,
): void {
  const prefix = componentKeyPrefix(index);
  const defaults = defaultComponent(component.type, component.version);
  const spec = componentSpec(component.type, component.version);
  if (index > 0 || component.type !== 'secretstores.azure.keyvault')
    params.set(`${prefix}component`, component.type);
  if (component.version !== defaultVersionOn(host, component.type))
    params.set(`${prefix}version`, component.version);
  if (component.name !== defaults.name) params.set(`${prefix}name`, component.name);
  if (component.resourceGroup !== '') params.set(`${prefix}rg`, component.resourceGroup);
  for (const field of spec.fields) {
    const value = component.metadata[field.key] ?? '';
    if (value !== (defaults.metadata[field.key] ?? ''))
      params.set(`${prefix}${METADATA_PREFIX}${field.key}`, value);
  }
  for (const choice of spec.choices ?? []) {
    const value = component.choices[choice.key];
    if (value !== undefined && value !== defaults.choices[choice.key])
      params.set(`${prefix}${choice.key}`, value);
  }
}

/** The hash (without '#') for a configuration: the non-default choices and the asked-for fields that changed. */
export function toShareHash(config: WizardConfig): string {
  const defaults = defaultConfig();
  const params = new URLSearchParams();
  for (const key of Object.keys(CHOICE_KEYS) as ChoiceKey[]) {
    if (config[key] !== defaults[key]) params.set(key, config[key]);
  }
  for (const field of detailFields(config)) {
    if (field.componentIndex !== undefined) continue;
    const value = fieldValue(config, field.path);
    if (value !== fieldValue(defaults, field.path)) params.set(field.path, value);
  }
  config.components.forEach((component, index) => componentParams(component, index, config.host, params));
  // URLSearchParams writes spaces as '+'; '%20' reads the same and survives more chat clients.
  return params.toString().replace(/\+/g, '%20');
}
