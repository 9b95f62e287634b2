/**
 * What both IaC renderers read off the deployment plan, derived once: whose principal receives the grants, which
 * resources are referenced, the grants ARM can make (Key Vault policies merged per vault, since a vault takes one
 * access-policy `add` per deployment), and the ones only the setup script can make, with that script step's title.
 */
import { grantSetupStep } from '../grants';
import { redisPolicyAssignmentName } from '../grants/redis-access-policy';
import { hostIacFacts, type HostIacFacts } from '../hosts/iac-facts';
import { CLIENT_ID_MARKER } from '../markers';
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { ResolvedGrant, ResolvedResource } from '../resources';
import { assertNever } from '../setup/steps';
import { iacResourceType, type IacResourceType } from './resource-types';

/** A subscription id (a GUID), as opposed to a subscription's name, which the wizard also takes. */
export function isGuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}

/** Where the grants' principal id comes from: the identity this output creates, or the user's host resource. */
export type PrincipalSource = 'created-identity' | 'host';

export type ArmGrant =
  | {
      readonly kind: 'rbac';
      readonly resource: ResolvedResource;
      readonly roleName: string;
      readonly roleGuid: string;
      readonly components: readonly string[];
    }
  | {
      readonly kind: 'cosmos-sql-role';
      readonly resource: ResolvedResource;
      readonly roleName: string;
      readonly roleDefinitionId: string;
      readonly components: readonly string[];
    }
  | {
      readonly kind: 'redis-access-policy';
      readonly resource: ResolvedResource;
      readonly policy: string;
      readonly assignmentName: string;
      readonly alias: string;
      readonly components: readonly string[];
    }
  | {
      readonly kind: 'keyvault-policy';
      readonly resource: ResolvedResource;
      /** Lower-case permission names, as the Key Vault API and the CLI take them. */
      readonly secrets: readonly string[];
      readonly keys: readonly string[];
      readonly components: readonly string[];
    };

/** A grant inside a database: the setup script's step makes it. */
export interface ScriptOnlyGrant {
  readonly resource: ResolvedResource;
  /** The script step's own title. */
  readonly step: string;
}

export interface IacView {
  readonly plan: DeploymentPlan;
  readonly host: HostIacFacts;
  readonly principal: PrincipalSource;
  /**
   * The user-assigned identity is the user's own, only referenced: with a typed client id the setup script uses the
   * existing identity and creates none (it stops when it is missing), so the IaC must not declare it either: a
   * Bicep declaration is a PUT (a mistyped name creates another identity, one in another region fails, its tags
   * are replaced) and a Terraform resource would, once imported, be deleted by terraform destroy.
   */
  readonly identityIsExisting: boolean;
  /** Whether the host resource is referenced: for its principal id, or (AKS Workload ID) its OIDC issuer. */
  readonly readsHost: boolean;
  /** The resources an ARM grant is scoped to, parents first. */
  readonly resources: readonly ResolvedResource[];
  readonly armGrants: readonly ArmGrant[];
  readonly scriptOnly: readonly ScriptOnlyGrant[];
}

/** The Workload ID token's audience (MicrosoftDocs azure-docs articles/aks/workload-identity-deploy-cluster.md). */
export const WORKLOAD_ID_AUDIENCE = 'api://AzureADTokenExchange';

/** The federated credential's subject: the ServiceAccount, as Kubernetes names it in the token. */
export function serviceAccountSubject(namespace: string, serviceAccount: string): string {
  return `system:serviceaccount:${namespace}:${serviceAccount}`;
}

function mergeKeyVaultPolicies(grants: readonly ResolvedGrant[]): ArmGrant[] {
  const byVault = new Map<ResolvedResource, { secrets: string[]; keys: string[]; components: string[] }>();
  for (const { grant, resource, components } of grants) {
    if (grant.kind !== 'keyvault-policy') continue;
    const entry = byVault.get(resource) ?? { secrets: [], keys: [], components: [] };
    const list = grant.flag === '--secret-permissions' ? entry.secrets : entry.keys;
    for (const permission of grant.permissions) if (!list.includes(permission)) list.push(permission);
    for (const component of components)
      if (!entry.components.includes(component)) entry.components.push(component);
    byVault.set(resource, entry);
  }
  return [...byVault].map(([resource, entry]) => ({ kind: 'keyvault-policy', resource, ...entry }));
}

function armGrantsOf(plan: DeploymentPlan): ArmGrant[] {
  const grants: ArmGrant[] = [];
  for (const resolved of plan.grants) {
    const { grant, resource, components } = resolved;
    switch (grant.kind) {
      case 'rbac':
        grants.push({
          kind: 'rbac',
          resource,
          roleName: grant.role.name,
          roleGuid: grant.role.guid,
          components,
        });
        break;
      case 'cosmos-sql-role':
        grants.push({
          kind: 'cosmos-sql-role',
          resource,
          roleName: grant.roleName,
          roleDefinitionId: grant.roleDefinitionId,
          components,
        });
        break;
      case 'redis-access-policy':
        grants.push({
          kind: 'redis-access-policy',
          resource,
          policy: grant.policy,
          assignmentName: redisPolicyAssignmentName(plan),
          alias: plan.identity.displayName,
          components,
        });
        break;
      case 'keyvault-policy':
      case 'postgres-role':
      case 'sql-contained-user':
        break;
      default:
        assertNever(grant);
    }
  }
  return [...grants, ...mergeKeyVaultPolicies(plan.grants)];
}

function scriptOnlyOf(plan: DeploymentPlan): ScriptOnlyGrant[] {
  const seen = new Set<string>();
  return plan.grants.flatMap((resolved) => {
    const { kind } = resolved.grant;
    if (kind !== 'postgres-role' && kind !== 'sql-contained-user') return [];
    const first = !seen.has(kind);
    seen.add(kind);
    return [{ resource: resolved.resource, step: grantSetupStep(plan, resolved, first).comment }];
  });
}

export function iacView(plan: DeploymentPlan): IacView {
  const armGrants = armGrantsOf(plan);
  const scoped = new Set(armGrants.map((grant) => grant.resource));
  for (const resource of [...scoped]) if (resource.parent) scoped.add(resource.parent);
  const principal: PrincipalSource = plan.identity.userAssigned ? 'created-identity' : 'host';
  return {
    plan,
    host: hostIacFacts(plan.host.id),
    principal,
    identityIsExisting: plan.identity.userAssigned !== undefined && plan.identity.clientId !== '',
    readsHost: principal === 'host' || plan.kubernetes?.workloadIdentity !== undefined,
    resources: plan.resources.filter((resource) => scoped.has(resource)),
    armGrants,
    scriptOnly: scriptOnlyOf(plan),
  };
}

export function resourceType(resource: ResolvedResource): IacResourceType {
  return iacResourceType(resource);
}

/** Whether a component value stands for the identity's client id (looked up, or typed by the user). */
export function isClientIdValue(plan: DeploymentPlan, value: unknown): boolean {
  return value === CLIENT_ID_MARKER || (plan.identity.clientId !== '' && value === plan.identity.clientId);
}

/**
 * Whether the output can name the client id itself: the identity it creates, or the AKS kubelet identity, whose
 * client id the cluster exports (ARM identityProfile.kubeletidentity.clientId; azurerm data source
 * azurerm_kubernetes_cluster kubelet_identity[0].client_id, website/docs/d/kubernetes_cluster.html.markdown).
 */
export function clientIdIsReferenced(plan: DeploymentPlan): boolean {
  return plan.identity.userAssigned !== undefined || plan.identity.kind === 'kubelet';
}

/** Replaces, anywhere in a component document, the client id by what `replacement` gives. */
export function withClientId<T>(plan: DeploymentPlan, value: unknown, replacement: T): unknown {
  if (isClientIdValue(plan, value) && clientIdIsReferenced(plan)) return replacement;
  if (Array.isArray(value)) return value.map((item) => withClientId(plan, item, replacement));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, withClientId(plan, item, replacement)]),
    );
  }
  return value;
}

/** The resource's symbol stem: SERVICEBUS_NAMESPACE_2 -> ['servicebus', 'namespace', '2']. */
export function symbolWords(variable: string): string[] {
  return variable
    .toLowerCase()
    .split('_')
    .filter((word) => word !== '');
}

/** Whether the resource is in another resource group than the deployment's. */
export function inOtherGroup(view: IacView, resource: ResolvedResource): boolean {
  return resource.resourceGroup !== view.plan.resourceGroup;
}
