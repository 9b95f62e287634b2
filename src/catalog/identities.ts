/**
 * The identity choices, with the one-line advice the identity step shows.
 * Facts: ../shared/domain/README.md rules 2 and 3, dapr-components.md section 1.
 */
import type { DaprVersion } from './dapr';

export const IDENTITY_KINDS = ['system', 'user'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export const AKS_IDENTITY_KINDS = ['workload', 'kubelet'] as const;
export type AksIdentityKind = (typeof AKS_IDENTITY_KINDS)[number];

export interface IdentityOption<Id extends string> {
  readonly id: Id;
  readonly title: string;
  /** When to pick this. */
  readonly advice: string;
  /**
   * The first Dapr release whose Azure components sign in this way, where the path has a minimum of its own.
   * System- and user-assigned identity (and the kubelet identity, a user-assigned identity reached the same
   * way) have none: a component tries managed identity as soon as it signs in with Entra ID at all
   * (ComponentSpec.entraIdMinDapr): components-contrib secretstores/azure/keyvault/authutils.go at v1.0.0-rc6,
   * authentication/azure/auth.go from v1.4.0-rc2, internal/authentication/azure/auth.go from v1.9.0-rc.5.
   */
  readonly minDapr?: DaprVersion;
}

export const IDENTITY_OPTIONS: readonly IdentityOption<IdentityKind>[] = [
  {
    id: 'system',
    title: 'System-assigned identity',
    // No azureClientId: Dapr then asks for the system-assigned identity (howto-mi.md).
    advice: 'Tied to this one resource and deleted with it; simplest when a single app needs the grant.',
  },
  {
    id: 'user',
    title: 'User-assigned identity',
    // Dapr docs recommend a shared user-assigned identity on Container Apps (howto-mi.md).
    advice:
      'A standalone identity you can share across apps and keep across redeploys; Dapr needs its client id.',
  },
];

export const AKS_IDENTITY_OPTIONS: readonly IdentityOption<AksIdentityKind>[] = [
  {
    id: 'workload',
    title: 'Microsoft Entra Workload ID (recommended)',
    // Dapr calls workload identity federation the recommended option on AKS (dapr/docs howto-wif.md, PR #4751).
    advice:
      'Only pods using your ServiceAccount get the identity: the least access, and what Dapr recommends.',
    // "All Azure components now support Azure AD Workload Identity" (dapr/dapr docs/release_notes/v1.11.0.md);
    // components-contrib internal/authentication/azure/auth.go tries it from v1.11.0.
    minDapr: '1.11',
  },
  {
    id: 'kubelet',
    title: "Node pool's kubelet identity",
    // Every pod on the nodes can reach the kubelet identity through IMDS (azure-cli.md 1.1 (ii)).
    advice:
      'No cluster changes, but every pod on the nodes can use this identity: coarse, avoid for production.',
  },
];

/** Why the system-assigned choice is disabled on AKS (azure-cli.md 1.1). */
export const AKS_SYSTEM_ASSIGNED_REASON =
  "Pods cannot use the cluster's own system-assigned identity: it belongs to AKS itself (load balancers, disks).";
