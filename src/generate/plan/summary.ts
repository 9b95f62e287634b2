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

/** The user-assigned identity: an existing one when its client id was typed, else created unless found. */
function userIdentityItem(plan: DeploymentPlan): string {
  const name = `${plan.identity.userAssigned?.name ?? ''}${where(plan.resourceGroup)}`;
  return plan.identity.clientId === ''
    ? `Creates the user-assigned identity ${name} unless it exists (an existing one is kept as it is).`
    : `Uses the existing user-assigned identity ${name}, whose client id must be the one entered; creates none.`;
}

function identityItems(plan: DeploymentPlan): string[] {
  const host = `the ${plan.host.noun} ${plan.hostName}${where(plan.resourceGroup)}`;
  switch (plan.identity.kind) {
    case 'system':
      return [`Turns on the system-assigned identity of ${host}.`];
    case 'user':
      return [userIdentityItem(plan), `Attaches it to ${host}.`];
    case 'workload': {
      const workload = plan.kubernetes?.workloadIdentity;
      return [
        userIdentityItem(plan),
        // MicrosoftDocs/azure-aks-docs articles/aks/use-oidc-issuer.md (WARNING and IMPORTANT).
        `Turns on the OIDC issuer and Workload ID on ${host}, when either is off. Turning on the issuer on a running cluster changes its ServiceAccount token issuer and restarts its API server (possible downtime; pods that fail afterwards need a restart), and it cannot be turned off again.`,
        `Adds the federated credential ${workload?.federatedCredentialName ?? ''} for system:serviceaccount:${plan.kubernetes?.namespace ?? ''}:${workload?.serviceAccountName ?? ''}, unless a credential for the cluster's issuer and that ServiceAccount exists (it is kept, under its own name).`,
      ];
    }
    case 'kubelet':
      // The kubelet identity is attached to the node pool's VM scale set, so any pod on those nodes can ask
      // the instance metadata service for its token (azure-cli.md 1.1; Microsoft's AKS identity concepts).
      return [
        `Uses the node pool's kubelet identity of ${host}, which AKS created; nothing is attached.`,
        'Every pod on the node pool can use the kubelet identity (through the instance metadata service, IMDS), so each grant below reaches every workload on those nodes, not only this app.',
      ];
    default:
      return assertNever(plan.identity.kind);
  }
}

/** Settings of the Azure CLI and kubectl on the machine that runs the script (az-script.ts, hosts/aks-kubectl.ts). */
function localItems(plan: DeploymentPlan): string[] {
  const items: string[] = [];
  if (plan.cloud.daprEnvironment !== undefined)
    items.push(
      `Switches the Azure CLI to ${plan.cloud.title} (az cloud set --name ${plan.cloud.azCloudName}): later az commands on this machine use it.`,
    );
  if (plan.subscription !== '')
    items.push(
      `Makes ${plan.subscription} the Azure CLI's default subscription (az account set): later az commands on this machine use it.`,
    );
  if (plan.host.id === 'aks')
    items.push(
      `Writes the credentials of the cluster ${plan.hostName} into ~/.kube/config, replacing an entry of the same name, and makes it kubectl's current context (az aks get-credentials --overwrite-existing); on a cluster with Microsoft Entra integration, switches that context's kubelogin sign-in to the Azure CLI (kubelogin convert-kubeconfig -l azurecli --context).`,
    );
  return items;
}

/**
 * Container Apps environments: a component belongs to the environment, not the app (container-apps/
 * dapr-components.md), and `dapr-component set` replaces one of the same name (hosts/environment-components.ts).
 */
function environmentComponentsItem(plan: DeploymentPlan): string {
  return `Adds the components to the Container Apps environment ${plan.environment} (az containerapp env dapr-component set): they are environment-wide, loaded by every app there whose Dapr app id is in their scopes (${plan.appId}). A component of the same name that the setup did not write (another type, other scopes, another identity) stops the script before any change, since setting it would replace it for the apps that load it.`;
}

/** What the script changes on the host itself, beyond its identity (hosts/*.ts). */
function hostItems(plan: DeploymentPlan): string[] {
  const host = `the ${plan.host.noun} ${plan.hostName}`;
  switch (plan.host.id) {
    case 'webapp':
      return [
        `Uploads the component files to /home/site/libs/dapr/components on ${host}.`,
        `Adds the daprd sidecar container to ${host} (or updates the container of that name).`,
        `Restarts ${host}.`,
      ];
    case 'functionapp':
      return [
        // The two models: learn.microsoft.com azure/container-apps/migrate-functions ("Functions v1: Legacy
        // proxy model that uses a Function App (Microsoft.Web resource provider)"; v2 is a container app).
        `Works on ${host} of the legacy Functions v1 model on Container Apps (a Microsoft.Web function app in a Container Apps environment); one of the native v2 model is a container app, which the Container Apps host in the wizard handles.`,
        environmentComponentsItem(plan),
      ];
    case 'aca':
      return [
        environmentComponentsItem(plan),
        `Turns Dapr on for ${host} with the app id ${plan.appId}${plan.appPort === '' ? '' : ` and the app port ${plan.appPort}`} when it is off${plan.appPort === '' ? '' : ' or on another port'} (az containerapp dapr enable): Dapr's settings apply to the whole app, so its running revisions restart with them (no new revision).`,
      ];
    case 'vm':
      return [
        // The release check runs only when a component needs a Dapr newer than the oldest supported one
        // (plan.daprNeed, build-plan.ts checkedDaprNeed; hosts/vm.ts daprCheckSteps); the identity check always.
        `Runs commands on ${host} as root through Run Command (${plan.daprNeed === undefined ? 'the identity check' : 'the Dapr release check and the identity check'}; once the app runs under dapr run, the check that Dapr loaded each component).`,
      ];
    case 'vmss':
      return [
        `With the scale set's Manual upgrade policy, and only when this run changed the scale set's identity, updates every instance of ${host} to its latest model (az vmss update-instances): plan for the instances to restart.`,
      ];
    case 'aks':
    case 'aci':
      return [];
    default:
      return assertNever(plan.host.id);
  }
}

/** AKS: what the script applies and patches in the cluster (hosts/aks-apply.ts). */
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
  const host = hostItems(plan);
  if (host.length > 0) sections.push({ title: `On the ${plan.host.noun}`, items: host });
  const local = localItems(plan);
  if (local.length > 0) sections.push({ title: 'On this machine', items: local });
  return sections;
}
