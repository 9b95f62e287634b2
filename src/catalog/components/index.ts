/**
 * Every Dapr component the wizard offers, by family. Adding a component is one entry in a family file
 * plus its golden files (see README, "Adding a component").
 */
import type { ComponentSpec } from '../component-spec';
import { COSMOS_COMPONENTS } from './cosmos';
import { DATABASE_COMPONENTS } from './databases';
import { KEY_VAULT_COMPONENTS } from './key-vault';
import { MESSAGING_COMPONENTS } from './messaging';
import { REDIS_COMPONENTS } from './redis';
import { SERVICE_COMPONENTS } from './services';
import { STORAGE_COMPONENTS } from './storage';

export { UNSUPPORTED_COMPONENTS } from './unsupported';

export const COMPONENTS = [
  ...KEY_VAULT_COMPONENTS,
  ...STORAGE_COMPONENTS,
  ...MESSAGING_COMPONENTS,
  ...COSMOS_COMPONENTS,
  ...SERVICE_COMPONENTS,
  ...DATABASE_COMPONENTS,
  ...REDIS_COMPONENTS,
] as const satisfies readonly ComponentSpec[];

export type ComponentType = (typeof COMPONENTS)[number]['type'];

/** Each type once, in catalog order. */
export const COMPONENT_TYPES: readonly ComponentType[] = [
  ...new Set(COMPONENTS.map((component) => component.type)),
];

/** The versions the catalog offers for a type, recommended first. */
export function componentVersions(type: string): string[] {
  return COMPONENTS.filter((component) => component.type === type).map((component) => component.version);
}

/** The recommended (first listed) version of a type. */
export function defaultVersion(type: ComponentType): string {
  return componentVersions(type)[0] ?? 'v1';
}

/** The catalog entry for a type and version; the recommended version when the version is not offered. */
export function componentSpec(type: ComponentType, version?: string): ComponentSpec {
  const spec =
    COMPONENTS.find((component) => component.type === type && component.version === version) ??
    COMPONENTS.find((component) => component.type === type);
  if (!spec) throw new Error(`No catalog entry for component ${type}`);
  return spec;
}
