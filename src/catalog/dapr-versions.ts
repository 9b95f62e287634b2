/**
 * Which Dapr release a component needs, and whether a host's Dapr can load it. Pure functions over the
 * catalog facts: ComponentSpec.minDapr / entraIdMinDapr / status, ComponentField.minDapr and the host
 * versions in ./dapr.ts.
 */
import type { ComponentField, ComponentSpec } from './component-spec';
import {
  ACI_DAPR_VERSION,
  CONTAINER_APPS_DAPR_SOURCE,
  CONTAINER_APPS_DAPR_VERSION,
  DAPRD_IMAGE,
} from './dapr';
import type { DaprVersion } from './dapr';
import type { HostId } from './hosts';

/** Negative when a is older than b, 0 when equal, positive when newer; a missing patch counts as 0. */
export function compareDaprVersions(a: DaprVersion, b: DaprVersion): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < 3; index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Whether a release of `running` can load something that needs `needed`. */
export function satisfiesDapr(running: DaprVersion, needed: DaprVersion): boolean {
  return compareDaprVersions(running, needed) >= 0;
}

/** Why a configuration needs at least some Dapr release. */
export interface DaprNeed {
  readonly version: DaprVersion;
  /** "state.sqlserver v2 is registered from Dapr 1.17". */
  readonly reason: string;
}

/** The newest of the needs (the first one named when several tie); undefined for none. */
export function strictestNeed(needs: readonly DaprNeed[]): DaprNeed | undefined {
  return needs.reduce<DaprNeed | undefined>(
    (strictest, need) =>
      strictest === undefined || compareDaprVersions(need.version, strictest.version) > 0 ? need : strictest,
    undefined,
  );
}

/** The Dapr a component version needs under managed identity: registered, and signing in with Entra ID. */
export function componentMinDapr(spec: ComponentSpec): DaprVersion {
  return spec.entraIdMinDapr !== undefined && compareDaprVersions(spec.entraIdMinDapr, spec.minDapr) > 0
    ? spec.entraIdMinDapr
    : spec.minDapr;
}

/** Everything a component needs: its registration, its Entra ID sign-in, and each set field that is newer. */
export function componentDaprNeeds(spec: ComponentSpec, setFieldKeys: readonly string[]): DaprNeed[] {
  const label = `${spec.type} ${spec.version}`;
  const needs: DaprNeed[] = [
    { version: spec.minDapr, reason: `${label} is registered from Dapr ${spec.minDapr}` },
  ];
  if (spec.entraIdMinDapr !== undefined)
    needs.push({
      version: spec.entraIdMinDapr,
      reason: `${label} signs in with Entra ID from Dapr ${spec.entraIdMinDapr}`,
    });
  for (const field of spec.fields) {
    if (field.minDapr !== undefined && setFieldKeys.includes(field.key))
      needs.push({
        version: field.minDapr,
        reason: `${label} reads ${field.key} from Dapr ${field.minDapr}`,
      });
  }
  return needs;
}

/** The Dapr release a host runs when the wizard knows it: Container Apps' managed one, the ACI sidecar's pin. */
export interface HostDapr {
  readonly version: DaprVersion;
  /** For messages: "Container Apps runs Dapr 1.16.4 (microsoft/azure-container-apps#1676)". */
  readonly runs: string;
}

/** Undefined where the user installs Dapr (AKS, App Service, Functions, VM, VMSS): any release may run there. */
export function hostDapr(host: HostId): HostDapr | undefined {
  switch (host) {
    case 'aca':
      return {
        version: CONTAINER_APPS_DAPR_VERSION,
        runs: `Container Apps runs Dapr ${CONTAINER_APPS_DAPR_VERSION} (${CONTAINER_APPS_DAPR_SOURCE})`,
      };
    case 'aci':
      return { version: ACI_DAPR_VERSION, runs: `The ACI sidecar runs ${DAPRD_IMAGE}` };
    case 'aks':
    case 'webapp':
    case 'functionapp':
    case 'vm':
    case 'vmss':
      return undefined;
    default: {
      const unhandled: never = host;
      throw new Error(`Unhandled host ${String(unhandled)}`);
    }
  }
}

/**
 * Whether a host can run a component version. 'unavailable': its Dapr cannot load it, so the wizard never
 * offers or defaults to it there. 'warning': it loads, but the platform does not support it.
 */
export type ComponentAvailability =
  | { readonly status: 'available' }
  | { readonly status: 'warning'; readonly reasons: readonly string[] }
  | { readonly status: 'unavailable'; readonly reason: string };

/**
 * Container Apps offers only generally available Dapr APIs and components and points to its FAQ for alpha
 * ones (MicrosoftDocs/azure-docs articles/container-apps/dapr-overview.md, "Supported Dapr APIs, components,
 * and tooling"; faq.yml). They still load, so the wizard warns rather than blocks.
 */
function acaUnstableReason(spec: ComponentSpec): string {
  return `Container Apps supports only stable Dapr components (container-apps/dapr-overview.md); ${spec.type} is ${spec.status} in Dapr (its metadata.yaml): it may load, but without platform support.`;
}

/** "Unstable experimental APIs (lock/unlock) will be disabled in future releases" (microsoft/azure-container-apps#1478). */
const ACA_LOCK_REASON =
  'Container Apps announced that it will disable the experimental lock/unlock API (microsoft/azure-container-apps#1478).';

/** What a host's Dapr makes of a component version. */
export function componentAvailability(spec: ComponentSpec, host: HostId): ComponentAvailability {
  const dapr = hostDapr(host);
  const needed = componentMinDapr(spec);
  if (dapr && !satisfiesDapr(dapr.version, needed))
    return {
      status: 'unavailable',
      reason: `${dapr.runs}, which cannot load ${spec.type} ${spec.version}: it needs Dapr ${needed} or later.`,
    };
  if (host !== 'aca') return { status: 'available' };
  const reasons = [
    ...(spec.status === 'stable' ? [] : [acaUnstableReason(spec)]),
    ...(spec.type.startsWith('lock.') ? [ACA_LOCK_REASON] : []),
  ];
  return reasons.length > 0 ? { status: 'warning', reasons } : { status: 'available' };
}

/** Why a set field is lost on this host (its Dapr does not read it yet), or undefined when it is read. */
export function fieldUnreadReason(field: ComponentField, host: HostId): string | undefined {
  const dapr = hostDapr(host);
  if (!dapr || field.minDapr === undefined || satisfiesDapr(dapr.version, field.minDapr)) return undefined;
  return `${dapr.runs}; ${field.key} is read from Dapr ${field.minDapr}: leave it empty here.`;
}
