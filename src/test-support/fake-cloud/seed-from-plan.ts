/**
 * A seed for a deployment plan: the world the plan's script expects to find. The host resource and every
 * resource a grant is scoped to exist, in a state where the script's checks pass (a vault on the
 * permission model the grants use, Entra authentication on the databases and the cache, Dapr installed
 * on the cluster, the signed-in user an Entra admin of the database servers). What the script creates
 * (the user-assigned identity, unless a client id was typed, the container group, grants, components)
 * does not exist yet.
 */
import type { HostId } from '../../catalog/hosts';
import { ROLES } from '../../catalog/roles';
import type { DeploymentPlan } from '../../generate/plan/deployment-plan';
import type { ResolvedResource } from '../../generate/resources';
import {
  fakeAccount,
  fakeCluster,
  fakeResource,
  FAKE_USER,
  RESOURCE_TYPES,
  type FakeCloudState,
  type FakeCluster,
  type FakeResource,
  type ResourceKind,
} from './seed';
import { entityResources } from './seed-entities';

/** The Dapr release the fake's hosts run: the cluster's injector image and a VM's daprd. */
export const FAKE_DAPR_RELEASE = '1.18.3';

const ROLE_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(ROLES).map((role) => [role.guid, role.name]),
);

function isResourceKind(kind: string): kind is ResourceKind {
  return kind in RESOURCE_TYPES;
}

/** The resource kind behind a show command: ['storage', 'account', 'show'] -> 'storage account'. */
function kindOfShowCommand(showCommand: readonly string[]): ResourceKind {
  const kind = showCommand.slice(0, -1).join(' ');
  if (!isResourceKind(kind))
    throw new Error(`The fake cloud has no resource type for "az ${showCommand.join(' ')}"`);
  return kind;
}

/** Fields a grant's resource needs so that the script's checks and grants succeed. */
function grantTargetFields(
  kind: ResourceKind,
  usesAccessPolicies: boolean,
): Readonly<Record<string, unknown>> {
  switch (kind) {
    case 'keyvault':
      return { properties: { enableRbacAuthorization: !usesAccessPolicies, accessPolicies: [] } };
    case 'postgres flexible-server':
      return {
        authConfig: { activeDirectoryAuth: 'Enabled', passwordAuth: 'Enabled' },
        entraAdmins: [FAKE_USER],
      };
    case 'sql server':
      return { entraAdmins: [FAKE_USER] };
    case 'redis':
      return { redisConfiguration: { aadEnabled: 'true' } };
    default:
      return {};
  }
}

/** The host resources that exist before the script runs (ACI: none, the script creates the group). */
function hostResources(plan: DeploymentPlan): FakeResource[] {
  const group = plan.resourceGroup;
  const host: HostId = plan.host.id;
  switch (host) {
    case 'aks':
      return [
        fakeResource('aks', group, plan.hostName, {
          oidcIssuerProfile: { enabled: false, issuerUrl: null },
          identityProfile: {
            kubeletidentity: {
              clientId: '0b5c7e9a-1d2f-4e3a-8b6c-7d8e9f0a1b2c',
              objectId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
              resourceId: `/subscriptions/${fakeAccount().subscriptionId}/resourceGroups/MC_${group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${plan.hostName}-agentpool`,
            },
          },
        }),
      ];
    case 'aca': {
      // The app names its environment (properties.managedEnvironmentId), which the setup compares first.
      const environment = fakeResource('containerapp env', group, plan.environment);
      return [
        environment,
        fakeResource('containerapp', group, plan.hostName, {
          properties: {
            managedEnvironmentId: environment.id,
            configuration: { dapr: { enabled: false, appId: null } },
            // The revision the app has run since it was made: turning Dapr on restarts it, makes no new one.
            latestRevisionName: `${plan.hostName}--seeded`,
            latestReadyRevisionName: `${plan.hostName}--seeded`,
          },
        }),
      ];
    }
    case 'webapp':
      return [fakeResource('webapp', group, plan.hostName, { kind: 'app,linux' })];
    case 'functionapp': {
      // A function app on Container Apps: the site names its environment, and Dapr is on with the app id.
      const environment = fakeResource('containerapp env', group, plan.environment);
      return [
        environment,
        fakeResource('functionapp', group, plan.hostName, {
          kind: 'functionapp,linux,container,azurecontainerapps',
          managedEnvironmentId: environment.id,
          daprConfig: { enabled: true, appId: plan.appId },
        }),
      ];
    }
    case 'vm':
      return [
        fakeResource('vm', group, plan.hostName, {
          daprdVersion: FAKE_DAPR_RELEASE,
          storageProfile: { osDisk: { osType: 'Linux' } },
        }),
      ];
    case 'vmss':
      // Manual, the default of az vmss create (azure-cli vm/custom.py create_vmss, upgrade_policy_mode), under
      // which the setup itself updates the instances; Uniform, with two instances (ids 0 and 1), which the
      // verify step checks (a Flexible one: fake-cloud/py/az_machines.py).
      return [
        fakeResource('vmss', group, plan.hostName, {
          upgradePolicy: { mode: 'Manual' },
          orchestrationMode: 'Uniform',
          instances: { '0': {}, '1': {} },
        }),
      ];
    case 'aci':
      return [];
    default: {
      const unknownHost: never = host;
      throw new Error(`No fake host resources for ${String(unknownHost)}`);
    }
  }
}

/** A child entity (a queue, an event hub): its id continues its parent's, as ARM's do. */
function childId(resource: ResolvedResource, kind: ResourceKind): string | undefined {
  const { parent } = resource;
  if (parent === undefined) return undefined;
  const segment = RESOURCE_TYPES[kind].split('/').pop() ?? '';
  const parentKind = kindOfShowCommand(parent.ref.showCommand);
  return `${fakeResource(parentKind, parent.resourceGroup, parent.name).id}/${segment}/${resource.name}`;
}

const DAPR_ANNOTATIONS = ['dapr.io/enabled', 'dapr.io/app-id', 'dapr.io/app-port'];

/**
 * The cluster with the app already deployed: its namespace, and its Deployment running one container with
 * Dapr on (the annotations the setup's patch sets, without its config hash), as a Dapr app the wizard is
 * meant for. The fake kubectl starts its pod at the first call (kube_pods.py).
 */
function clusterWithApp(plan: DeploymentPlan): FakeCluster {
  const cluster = fakeCluster(true, FAKE_DAPR_RELEASE);
  const kubernetes = plan.kubernetes;
  if (!kubernetes) throw new Error('An AKS plan carries its Kubernetes objects');
  const patched = kubernetes.podTemplatePatch as {
    spec: { template: { metadata: { annotations: Record<string, string> } } };
  };
  const annotations = Object.fromEntries(
    Object.entries(patched.spec.template.metadata.annotations).filter(([key]) =>
      DAPR_ANNOTATIONS.includes(key),
    ),
  );
  const labels = { app: kubernetes.deployment };
  const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: kubernetes.namespace } };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: kubernetes.deployment, namespace: kubernetes.namespace },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels, annotations },
        spec: { containers: [{ name: 'app', image: 'contoso.azurecr.io/orders-api:1.0' }] },
      },
    },
  };
  const hasNamespace = cluster.objects.some(
    (object) =>
      object.kind === 'Namespace' && (object.metadata as { name: string }).name === kubernetes.namespace,
  );
  return { ...cluster, objects: [...cluster.objects, ...(hasNamespace ? [] : [namespace]), deployment] };
}

export function seedFromPlan(plan: DeploymentPlan): FakeCloudState {
  const groups = new Set([plan.resourceGroup, ...plan.resources.map((resource) => resource.resourceGroup)]);
  const grantTargets = plan.resources.map((resource) => {
    const kind = kindOfShowCommand(resource.ref.showCommand);
    const usesAccessPolicies = plan.grants.some(
      (grant) => grant.resource.variable === resource.variable && grant.grant.kind === 'keyvault-policy',
    );
    const id = childId(resource, kind);
    return fakeResource(kind, resource.resourceGroup, resource.name, {
      ...grantTargetFields(kind, usesAccessPolicies),
      ...(id === undefined ? {} : { id }),
    });
  });
  // A client id typed in the wizard is an existing identity's: the script checks that it is this one's.
  const userIdentity = plan.identity.userAssigned;
  const existingIdentity =
    userIdentity !== undefined && plan.identity.clientId !== ''
      ? [
          fakeResource('identity', plan.resourceGroup, userIdentity.name, {
            clientId: plan.identity.clientId,
            principalId: '4e3d2c1b-0a9f-4e8d-8c7b-6a5f4e3d2c1b',
            tenantId: fakeAccount().tenantId,
          }),
        ]
      : [];
  const kubernetes: Record<string, FakeCluster> =
    plan.host.id === 'aks' ? { [plan.hostName]: clusterWithApp(plan) } : {};
  return {
    account: fakeAccount(plan.subscription === '' ? [] : [plan.subscription]),
    resourceGroups: Object.fromEntries([...groups].map((group) => [group, { location: 'westeurope' }])),
    resources: [...hostResources(plan), ...existingIdentity, ...grantTargets, ...entityResources(plan)],
    roleAssignments: [],
    roleDefinitions: ROLE_NAMES,
    kubernetes,
  };
}
