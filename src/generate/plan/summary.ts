/**
 * The plan for people: what the setup will look up, create or attach, grant and write, in the words of the
 * Azure portal's "Review + create". The Review step shows it; it reads only the plan.
 */
import type { DeploymentPlan } from './deployment-plan';
import type { ResolvedGrant } from '../resources';

export interface PlanSummarySection {
  readonly title: string;
  readonly items: readonly string[];
}

function where(resourceGroup: string): string {
  return resourceGroup === '' ? '' : ` (resource group ${resourceGroup})`;
}

function identityItems(plan: DeploymentPlan): string[] {
  const host = `the ${plan.host.noun} ${plan.hostName}${where(plan.resourceGroup)}`;
  const user = plan.identity.userAssigned;
  switch (plan.identity.kind) {
    case 'system':
      return [`Turns on the system-assigned identity of ${host}.`];
    case 'user':
      return [
        `Creates the user-assigned identity ${user?.name ?? ''}${where(plan.resourceGroup)}, or updates it in place if it exists.`,
        `Attaches it to ${host}.`,
      ];
    case 'workload': {
      const workload = plan.kubernetes?.workloadIdentity;
      return [
        `Creates the user-assigned identity ${user?.name ?? ''}${where(plan.resourceGroup)}, or updates it in place if it exists.`,
        `Turns on the OIDC issuer and Workload ID on ${host}.`,
        `Adds the federated credential ${workload?.federatedCredentialName ?? ''} for system:serviceaccount:${plan.kubernetes?.namespace ?? ''}:${workload?.serviceAccountName ?? ''}.`,
      ];
    }
    case 'kubelet':
      return [`Uses the node pool's kubelet identity of ${host}, which AKS created; nothing is attached.`];
    default:
      return assertNever(plan.identity.kind);
  }
}

/** AKS: what the script applies and patches in the cluster (hosts/aks.ts). */
function kubernetesItems(kubernetes: NonNullable<DeploymentPlan['kubernetes']>): string[] {
  const where = ` in the namespace ${kubernetes.namespace}`;
  return [
    ...(kubernetes.workloadIdentity
      ? [`Applies the ServiceAccount ${kubernetes.workloadIdentity.serviceAccountName}${where}.`]
      : []),
    `Applies the components${where}.`,
    `Patches the Deployment ${kubernetes.deployment}${where} with the Dapr annotations${kubernetes.workloadIdentity ? ', the ServiceAccount and the Workload ID label' : ''}: its pods restart.`,
  ];
}

/** One line per grant: what, on which one resource, for which components. */
export function grantSummary(resolved: ResolvedGrant): string {
  const { grant, resource } = resolved;
  const on = `on the ${resource.ref.title} ${resource.name}`;
  const forWhom = ` (for ${resolved.components.join(', ')})`;
  switch (grant.kind) {
    case 'rbac':
      return `Azure role ${grant.role.name} ${on} only${forWhom}.`;
    case 'keyvault-policy':
      return `Key Vault access policy ${grant.flag.replace(/^--/, '')} ${grant.permissions.join(', ')} ${on}${forWhom}.`;
    case 'cosmos-sql-role':
      return `Cosmos DB data-plane role ${grant.roleName} ${on}${forWhom}.`;
    case 'redis-access-policy':
      return `Redis data access policy ${grant.policy} ${on}${forWhom}.`;
    case 'postgres-role':
      return `A PostgreSQL role mapped to the identity, with its grants in the database ${resolved.component.metadata.database ?? ''}, ${on}${forWhom}.`;
    case 'sql-contained-user':
      return `An Azure SQL contained user for the identity (${[...grant.roles, ...grant.permissions].join(', ')}) in the database ${resolved.component.metadata.database ?? ''}, ${on}${forWhom}.`;
    default:
      return assertNever(grant);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled case ${String(value)}`);
}

/** The sections of "what the setup will change", in the order the script works. */
export function planSummary(plan: DeploymentPlan): PlanSummarySection[] {
  const sections: PlanSummarySection[] = [];
  if (plan.resources.length > 0) {
    sections.push({
      title: 'Looks up, changes nothing',
      items: plan.resources.map(
        (resource) => `${resource.ref.title} ${resource.name}${where(resource.resourceGroup)}`,
      ),
    });
  }
  sections.push({ title: 'Identity', items: identityItems(plan) });
  if (plan.grants.length > 0) sections.push({ title: 'Grants', items: plan.grants.map(grantSummary) });
  sections.push({
    title: 'Files written',
    items: plan.components.map((component) => `${component.path}: the ${component.title} component`),
  });
  if (plan.kubernetes) sections.push({ title: 'Kubernetes', items: kubernetesItems(plan.kubernetes) });
  return sections;
}
