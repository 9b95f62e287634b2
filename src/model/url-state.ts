/**
 * The share link: the configuration as `key=value` pairs in the URL hash (the query string is read too).
 * Only values that differ from the defaults are written; unknown keys are ignored; a value outside an
 * option list is reported beside that choice and the default is kept. Text values are kept as they came,
 * so the field's own validation shows what is wrong with them.
 */
import { COMPONENT_TYPES } from '../catalog/components';
import { HOST_IDS } from '../catalog/hosts';
import { AKS_IDENTITY_KINDS, IDENTITY_KINDS } from '../catalog/identities';
import { defaultConfig, defaultMetadata, KEY_VAULT_MODELS, type WizardConfig } from './config';
import { detailFields, fieldValue, type TextFieldId } from './fields';

/** Keys of the choices, each with its allowed values. */
const CHOICE_KEYS = {
  host: HOST_IDS,
  identity: IDENTITY_KINDS,
  aksIdentity: AKS_IDENTITY_KINDS,
  component: COMPONENT_TYPES,
  kvModel: KEY_VAULT_MODELS,
} as const;
type ChoiceKey = keyof typeof CHOICE_KEYS;

const TEXT_KEYS: readonly TextFieldId[] = [
  'name',
  'resourceGroup',
  'subscription',
  'location',
  'hostName',
  'environment',
  'namespace',
  'serviceAccount',
  'appId',
  'identityName',
  'clientId',
  'image',
  'appPort',
];

const METADATA_PREFIX = 'm.';
/** Longer values are cut: no field's rule allows them, and a huge link must not slow the page. */
const MAX_VALUE_LENGTH = 1000;

export type LinkErrors = Partial<Record<ChoiceKey, string>>;

export interface ParsedLink {
  config: WizardConfig;
  /** Choices whose value in the link was not one of the options. */
  linkErrors: LinkErrors;
}

/** Reads a configuration from `location.search` and `location.hash`; the hash wins. */
export function parseShareLink(search: string, hash: string): ParsedLink {
  const params = new Map<string, string>();
  for (const source of [search.replace(/^\?/, ''), hash.replace(/^#/, '')]) {
    for (const [key, value] of new URLSearchParams(source)) params.set(key, value.slice(0, MAX_VALUE_LENGTH));
  }
  const config = defaultConfig();
  const linkErrors: LinkErrors = {};
  for (const key of Object.keys(CHOICE_KEYS) as ChoiceKey[]) {
    const value = params.get(key);
    if (value === undefined) continue;
    const allowed: readonly string[] = CHOICE_KEYS[key];
    if (allowed.includes(value)) {
      (config as unknown as Record<ChoiceKey, string>)[key] = value;
    } else {
      linkErrors[key] =
        `The link's ${key} "${truncate(value)}" is not one of: ${allowed.join(', ')}. Kept ${config[key]}.`;
    }
  }
  config.metadata = defaultMetadata(config.component);
  for (const key of TEXT_KEYS) {
    const value = params.get(key);
    if (value !== undefined) config[key] = value;
  }
  for (const [key, value] of params) {
    if (!key.startsWith(METADATA_PREFIX)) continue;
    const metadataKey = key.slice(METADATA_PREFIX.length);
    // Only keys the chosen component declares: a link cannot add metadata the wizard would not ask for.
    if (Object.hasOwn(config.metadata, metadataKey)) config.metadata[metadataKey] = value;
  }
  return { config, linkErrors };
}

/** The hash (without '#') for a configuration: the non-default choices and the asked-for fields that changed. */
export function toShareHash(config: WizardConfig): string {
  const defaults = defaultConfig();
  const params = new URLSearchParams();
  for (const key of Object.keys(CHOICE_KEYS) as ChoiceKey[]) {
    if (config[key] !== defaults[key]) params.set(key, config[key]);
  }
  const componentDefaults = defaultMetadata(config.component);
  for (const field of detailFields(config)) {
    const value = fieldValue(config, field.path);
    if (field.path.startsWith('metadata.')) {
      const metadataKey = field.path.slice('metadata.'.length);
      if (value !== componentDefaults[metadataKey]) params.set(METADATA_PREFIX + metadataKey, value);
    } else if (value !== defaults[field.path as TextFieldId]) {
      params.set(field.path, value);
    }
  }
  // URLSearchParams writes spaces as '+'; '%20' reads the same and survives more chat clients.
  return params.toString().replace(/\+/g, '%20');
}

function truncate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
