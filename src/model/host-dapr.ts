/**
 * What the host's Dapr release means for a configuration: which component version to default to, which
 * versions it cannot load (an error beside the version choice), which components it only warns about, and the
 * Dapr release the whole configuration needs.
 */
import { componentSpec, componentVersions, type ComponentType } from '../catalog/components';
import {
  componentAvailability,
  componentDaprNeeds,
  componentMinDapr,
  fieldUnreadReason,
  strictestNeed,
  type DaprNeed,
} from '../catalog/dapr-versions';
import type { DaprVersion } from '../catalog/dapr';
import type { HostId } from '../catalog/hosts';
import { AKS_IDENTITY_OPTIONS, IDENTITY_OPTIONS } from '../catalog/identities';
import { defaultComponent, effectiveIdentity, type ComponentConfig, type WizardConfig } from './config';

/** The recommended version the host can load: the first offered one its Dapr registers (state.sqlserver: v1 on ACA). */
export function defaultVersionOn(host: HostId, type: ComponentType): string {
  const versions = componentVersions(type);
  const loadable = versions.find(
    (version) => componentAvailability(componentSpec(type, version), host).status !== 'unavailable',
  );
  return loadable ?? versions[0] ?? 'v1';
}

/** A new component with the host's default version. */
export function defaultComponentOn(host: HostId, type: ComponentType, name?: string): ComponentConfig {
  return defaultComponent(type, defaultVersionOn(host, type), name);
}

/** Why the host cannot load this component's version, or undefined when it can. */
export function versionUnavailableReason(
  host: HostId,
  component: Pick<ComponentConfig, 'type' | 'version'>,
): string | undefined {
  const availability = componentAvailability(componentSpec(component.type, component.version), host);
  return availability.status === 'unavailable' ? availability.reason : undefined;
}

/** What the host loads but does not support for this component (alpha on Container Apps, the lock API). */
export function componentWarnings(
  host: HostId,
  component: Pick<ComponentConfig, 'type' | 'version'>,
): readonly string[] {
  const availability = componentAvailability(componentSpec(component.type, component.version), host);
  return availability.status === 'warning' ? availability.reasons : [];
}

/** "Dapr ≥ 1.17": the release a version needs under managed identity, shown beside the version choice. */
export function versionDaprLabel(type: ComponentType, version: string): string {
  return `Dapr ≥ ${componentMinDapr(componentSpec(type, version))}`;
}

/** Errors for the set fields the host's Dapr does not read yet, by metadata key. */
export function unreadFieldReasons(host: HostId, component: ComponentConfig): Record<string, string> {
  const reasons: Record<string, string> = {};
  for (const field of componentSpec(component.type, component.version).fields) {
    const reason = (component.metadata[field.key] ?? '') === '' ? undefined : fieldUnreadReason(field, host);
    if (reason) reasons[field.key] = reason;
  }
  return reasons;
}

/** The minimum of the identity path the app signs in with (Workload ID: 1.11), if it has one. */
function identityNeed(config: WizardConfig): DaprNeed | undefined {
  const identity = effectiveIdentity(config);
  const option: { readonly title: string; readonly minDapr?: DaprVersion } | undefined =
    identity === 'workload' || identity === 'kubelet'
      ? AKS_IDENTITY_OPTIONS.find((candidate) => candidate.id === identity)
      : IDENTITY_OPTIONS.find((candidate) => candidate.id === identity);
  return option?.minDapr === undefined
    ? undefined
    : { version: option.minDapr, reason: `${option.title} is supported from Dapr ${option.minDapr}` };
}

/** The Dapr release the configuration needs: the newest over its components, the fields set and the identity. */
export function configDaprNeed(config: WizardConfig): DaprNeed | undefined {
  const needs = config.components.flatMap((component) =>
    componentDaprNeeds(
      componentSpec(component.type, component.version),
      Object.keys(component.metadata).filter((key) => (component.metadata[key] ?? '') !== ''),
    ),
  );
  const identity = identityNeed(config);
  return strictestNeed(identity ? [...needs, identity] : needs);
}
