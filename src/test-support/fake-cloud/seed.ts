/**
 * The fake cloud's state, as the stand-ins in ./py read and write it (state.json), and helpers to build a
 * seed: what exists before a script runs. Resources are shaped like the output of their `az ... show`
 * (properties.enableRbacAuthorization for a vault, authConfig.activeDirectoryAuth for a PostgreSQL
 * flexible server, identityProfile.kubeletidentity for a cluster, ...), plus an id, type, name and group.
 */
import resourceTypes from './resource-types.json';

export type ResourceKind = keyof typeof resourceTypes;
export const RESOURCE_TYPES: Readonly<Record<ResourceKind, string>> = resourceTypes;

export interface FakeAccount {
  readonly subscriptionId: string;
  readonly subscriptionName: string;
  readonly tenantId: string;
  /** The signed-in user (az account show: user.name); empty: not signed in. */
  readonly user: string;
  /** What az account get-access-token prints; psql accepts it as the password. */
  readonly accessToken: string;
  readonly subscriptions: readonly { readonly id: string; readonly name: string }[];
}

export type FakeResource = Readonly<Record<string, unknown>> & {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly resourceGroup: string;
};

/** One cluster: the CRDs installed, the objects in it, and what `kubectl logs ns/target/container` prints. */
export interface FakeCluster {
  readonly crds: readonly string[];
  readonly objects: readonly Readonly<Record<string, unknown>>[];
  readonly logs?: Readonly<Record<string, readonly string[]>>;
}

export interface FakeCloudState {
  readonly account: FakeAccount;
  readonly resourceGroups: Readonly<Record<string, { readonly location: string }>>;
  readonly resources: readonly FakeResource[];
  readonly roleAssignments: readonly Readonly<Record<string, unknown>>[];
  /** Built-in role GUID -> role name, for `--role` and roleDefinitionName. */
  readonly roleDefinitions: Readonly<Record<string, string>>;
  /** Cluster name -> cluster. */
  readonly kubernetes: Readonly<Record<string, FakeCluster>>;
  /** az container logs: "<group id>/<container>" -> lines. */
  readonly logs?: Readonly<Record<string, readonly string[]>>;
  readonly kubeconfig?: { readonly currentContext?: string };
  /** The counter behind ids the fake makes up. */
  readonly sequence?: number;
}

export const FAKE_SUBSCRIPTION_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
export const FAKE_TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const FAKE_USER = 'admin@contoso.com';

export function fakeAccount(extraSubscriptions: readonly string[] = []): FakeAccount {
  return {
    subscriptionId: FAKE_SUBSCRIPTION_ID,
    subscriptionName: 'Contoso',
    tenantId: FAKE_TENANT_ID,
    user: FAKE_USER,
    accessToken: 'fake-entra-access-token',
    subscriptions: [
      { id: FAKE_SUBSCRIPTION_ID, name: 'Contoso' },
      ...extraSubscriptions.map((name, index) => ({
        id: `0000000${index + 1}-0000-4000-8000-000000000000`,
        name,
      })),
    ],
  };
}

export function fakeResourceId(kind: ResourceKind, group: string, name: string): string {
  return `/subscriptions/${FAKE_SUBSCRIPTION_ID}/resourceGroups/${group}/providers/${RESOURCE_TYPES[kind]}/${name}`;
}

/** A resource of this kind, with the fields its show command prints (extra overrides them). */
export function fakeResource(
  kind: ResourceKind,
  group: string,
  name: string,
  extra: Readonly<Record<string, unknown>> = {},
): FakeResource {
  return {
    id: fakeResourceId(kind, group, name),
    type: RESOURCE_TYPES[kind],
    name,
    resourceGroup: group,
    location: 'westeurope',
    ...extra,
  };
}

/**
 * A cluster with the namespaces every cluster has and, with Dapr, its CRD and the sidecar injector the Helm
 * chart (and the AKS extension) runs in dapr-system from <registry>/dapr:<release> (dapr/dapr
 * charts/dapr/charts/dapr_sidecar_injector/templates/dapr_sidecar_injector_deployment.yaml).
 */
export function fakeCluster(withDapr = true, daprRelease = '1.18.3'): FakeCluster {
  const namespace = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  const injector = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'dapr-sidecar-injector', namespace: 'dapr-system' },
    spec: {
      template: {
        spec: { containers: [{ name: 'dapr-sidecar-injector', image: `ghcr.io/dapr/dapr:${daprRelease}` }] },
      },
    },
  };
  return {
    crds: withDapr ? ['components.dapr.io'] : [],
    objects: [
      namespace('default'),
      namespace('kube-system'),
      ...(withDapr ? [namespace('dapr-system'), injector] : []),
    ],
  };
}

export function emptyState(
  groups: readonly string[],
  roleDefinitions: Readonly<Record<string, string>>,
): FakeCloudState {
  return {
    account: fakeAccount(),
    resourceGroups: Object.fromEntries(groups.map((group) => [group, { location: 'westeurope' }])),
    resources: [],
    roleAssignments: [],
    roleDefinitions,
    kubernetes: {},
  };
}
