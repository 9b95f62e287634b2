/**
 * AKS setup and teardown against the fake cloud where the world is not as the setup left it: a federated
 * credential of the setup's name that another cluster relies on, a cluster that is gone, a ServiceAccount of
 * the user's own.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import { fakeResource, type FakeCloudState } from '../../test-support/fake-cloud/seed';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { buildSetupScript } from '../az-script';
import { buildPlan } from '../plan/build-plan';
import { buildTeardownScript } from '../teardown/teardown-script';
import { toBash } from '../to-bash';

afterAll(removeFakeCloudRuns);

const LINK =
  'host=aks&resourceGroup=rg-orders&hostName=aks-prod&identityName=id-orders&namespace=orders&serviceAccount=orders-api&deployment=orders-api&appId=orders-api&m.vaultName=kv-orders';
const TIMEOUT_MS = 300_000;

type Json = Record<string, unknown>;

function scripts(link = LINK) {
  const plan = buildPlan(parseShareLink('', link).config);
  const setup = buildSetupScript(plan);
  return { plan, setup: toBash(setup), teardown: toBash(buildTeardownScript(plan, undefined, setup)) };
}

function clone(state: FakeCloudState): FakeCloudState & { resources: Json[] } {
  return JSON.parse(JSON.stringify(state)) as FakeCloudState & { resources: Json[] };
}

function credentials(state: FakeCloudState): Record<string, Json> {
  const identity = (state.resources as readonly Json[]).find((resource) => resource.name === 'id-orders');
  return (identity?.federatedIdentityCredentials ?? {}) as Record<string, Json>;
}

const OTHER_ISSUER = 'https://westeurope.oic.prod-aks.azure.com/tenant/other-cluster/';

describe('AKS federated credential of the setup name', () => {
  it(
    'the setup stops rather than re-point one that trusts another issuer, and the teardown keeps it',
    () => {
      const { plan, setup, teardown } = scripts();
      const first = runWithFakeCloud(setup, seedFromPlan(plan), { timeoutMs: TIMEOUT_MS });
      expect(first.status, first.stderr).toBe(0);
      // Another cluster's issuer now holds the credential of this name (the identity is shared).
      const shared = clone(first.stateAfter);
      const credential = credentials(shared)['dapr-orders-orders-api'];
      expect(credential).toBeDefined();
      if (credential) credential.issuer = OTHER_ISSUER;
      const again = runWithFakeCloud(setup, shared, { workDir: first.workDir, timeoutMs: TIMEOUT_MS });
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('already has a federated credential named dapr-orders-orders-api');
      expect(credentials(again.stateAfter)['dapr-orders-orders-api']?.issuer).toBe(OTHER_ISSUER);
      const down = runWithFakeCloud(teardown, shared, { workDir: first.workDir, timeoutMs: TIMEOUT_MS });
      expect(down.status, down.stderr).toBe(0);
      expect(credentials(down.stateAfter)['dapr-orders-orders-api']?.issuer).toBe(OTHER_ISSUER);
    },
    TIMEOUT_MS,
  );
});

describe('AKS federated credential for the ServiceAccount', () => {
  it(
    'one for another audience stops the setup before the grants, and the printed update fixes it',
    () => {
      const { plan, setup } = scripts();
      const first = runWithFakeCloud(setup, seedFromPlan(plan), { timeoutMs: TIMEOUT_MS });
      expect(first.status, first.stderr).toBe(0);
      // Someone set another audience on it since (or made it so before the setup).
      // No grants yet, to show the stop comes before them.
      const other = { ...clone(first.stateAfter), roleAssignments: [] };
      const credential = credentials(other)['dapr-orders-orders-api'];
      expect(credential?.audiences).toEqual(['api://AzureADTokenExchange']);
      if (credential) credential.audiences = ['api://other-audience'];
      const again = runWithFakeCloud(setup, other, { workDir: first.workDir, timeoutMs: TIMEOUT_MS });
      expect(again.status).toBe(1);
      expect(again.stderr).toContain(
        "The federated credential dapr-orders-orders-api of the identity id-orders trusts this cluster's issuer and the ServiceAccount orders-api in orders, but not for the audience api://AzureADTokenExchange.",
      );
      expect(again.stderr).toContain('More: troubleshoot.html#aks-federated-credential-audience');
      expect(credentials(again.stateAfter)['dapr-orders-orders-api']?.audiences).toEqual([
        'api://other-audience',
      ]);
      expect(again.stateAfter.roleAssignments).toEqual([]);
      // The command the stop prints, run as printed, lets the next run through.
      const fix = /To set it: (az identity federated-credential update .*)$/m.exec(again.stderr)?.[1];
      expect(fix).toContain('--audiences api://AzureADTokenExchange');
      const fixed = runWithFakeCloud(`${fix ?? 'false'} -o none`, again.stateAfter, {
        timeoutMs: TIMEOUT_MS,
      });
      expect(fixed.status, fixed.stderr).toBe(0);
      const after = runWithFakeCloud(setup, fixed.stateAfter, {
        workDir: first.workDir,
        timeoutMs: TIMEOUT_MS,
      });
      expect(after.status, after.stderr).toBe(0);
      expect(after.stdout).toContain(
        'The federated credential dapr-orders-orders-api already trusts this issuer and ServiceAccount for the audience api://AzureADTokenExchange; it is kept.',
      );
    },
    TIMEOUT_MS,
  );
});

describe('AKS kubelet identity replaced since the setup', () => {
  it(
    'a re-run writes its new client id into the components and restarts the pods, so daprd reads it',
    () => {
      const { plan, setup } = scripts(`${LINK}&aksIdentity=kubelet`);
      const first = runWithFakeCloud(setup, seedFromPlan(plan), { timeoutMs: TIMEOUT_MS });
      expect(first.status, first.stderr).toBe(0);
      const podsOf = (state: FakeCloudState) =>
        clusterOf(state)
          .objects.filter((object) => object.kind === 'Pod')
          .map((object) => (object.metadata as Json).name);
      // As after az aks update --assign-kubelet-identity: another identity, so another client id.
      const replaced = clone(first.stateAfter);
      const newClientId = 'd4c3b2a1-0f9e-4d8c-8b7a-6f5e4d3c2b1a';
      const cluster = replaced.resources.find((resource) => resource.name === 'aks-prod');
      const kubelet = ((cluster?.identityProfile as Json).kubeletidentity ?? {}) as Json;
      expect(kubelet.clientId).not.toBe(newClientId);
      kubelet.clientId = newClientId;
      const again = runWithFakeCloud(setup, replaced, { workDir: first.workDir, timeoutMs: TIMEOUT_MS });
      expect(again.status, again.stderr).toBe(0);
      const component = objectOf(again.stateAfter, 'Component', 'azurekeyvault');
      expect((component?.spec as { metadata: Json[] }).metadata).toContainEqual({
        name: 'azureClientId',
        value: newClientId,
      });
      const deployment = objectOf(again.stateAfter, 'Deployment', 'orders-api');
      const template = (deployment?.spec as Json).template as { metadata: { annotations: Json } };
      expect(template.metadata.annotations['dapr-mi-wizard/client-id']).toBe(newClientId);
      // A pod of the new template started: the Deployment rolled.
      const before = podsOf(first.stateAfter);
      expect(podsOf(again.stateAfter).filter((name) => !before.includes(name))).toHaveLength(1);
    },
    TIMEOUT_MS,
  );
});

describe('AKS teardown after the cluster was deleted', () => {
  it(
    'still removes the grants, keeps the federated credential (its issuer is unknown) and says so',
    () => {
      const { plan, setup, teardown } = scripts();
      const first = runWithFakeCloud(setup, seedFromPlan(plan), { timeoutMs: TIMEOUT_MS });
      expect(first.status, first.stderr).toBe(0);
      expect(first.stateAfter.roleAssignments.length).toBeGreaterThan(0);
      const gone = clone(first.stateAfter);
      const withoutCluster = {
        ...gone,
        resources: gone.resources.filter((resource) => resource.name !== 'aks-prod'),
        kubernetes: {},
      };
      const down = runWithFakeCloud(teardown, withoutCluster, {
        workDir: first.workDir,
        env: { DELETE_IDENTITY: '1' },
        timeoutMs: TIMEOUT_MS,
      });
      expect(down.status, down.stderr).toBe(0);
      expect(down.stateAfter.roleAssignments).toEqual([]);
      expect(down.stdout).toContain('The cluster aks-prod is not in the resource group rg-orders');
      expect(down.stdout).toContain('the federated credential dapr-orders-orders-api');
      expect(down.calls.some((call) => call.program === 'kubectl')).toBe(false);
      // The identity the setup created goes when asked, and its credentials with it.
      expect(down.stateAfter.resources.some((resource) => resource.name === 'id-orders')).toBe(false);
    },
    TIMEOUT_MS,
  );
});

describe('AKS kubelet teardown after the cluster was deleted', () => {
  it(
    'says the grants to the kubelet identity were not removed, and prints the lookup of each',
    () => {
      const { plan, setup, teardown } = scripts(`${LINK}&aksIdentity=kubelet`);
      const first = runWithFakeCloud(setup, seedFromPlan(plan), { timeoutMs: TIMEOUT_MS });
      expect(first.status, first.stderr).toBe(0);
      const granted = first.stateAfter.roleAssignments;
      expect(granted.length).toBeGreaterThan(0);
      const gone = clone(first.stateAfter);
      const withoutCluster = {
        ...gone,
        resources: gone.resources.filter((resource) => resource.name !== 'aks-prod'),
        kubernetes: {},
      };
      const down = runWithFakeCloud(teardown, withoutCluster, {
        workDir: first.workDir,
        timeoutMs: TIMEOUT_MS,
      });
      expect(down.status, down.stderr).toBe(0);
      expect(down.stateAfter.roleAssignments).toEqual(granted);
      expect(down.stdout).toContain('the grants made to it were NOT removed');
      expect(down.stdout).not.toContain('federated credential');
      const lookup =
        /^ {2}(az role assignment list --scope \S+\/vaults\/kv-orders --query ".+") -o table$/m.exec(
          down.stdout,
        )?.[1];
      expect(lookup).toMatch(/ends_with\(roleDefinitionId, '\/4633458b-17de-408a-b874-0445c86b69e6'\)/);
      expect(down.stdout).toContain('only a row whose principalName is empty');
      // Another app's setup granted the same role on the vault to its own identity, which still exists: the
      // lookup finds both, and only the principal name tells the gone kubelet identity's from the live one.
      const otherPrincipal = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
      const otherClientId = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';
      const other: FakeCloudState = {
        ...withoutCluster,
        resources: [
          ...withoutCluster.resources,
          fakeResource('identity', 'rg-orders', 'id-billing', {
            principalId: otherPrincipal,
            clientId: otherClientId,
          }),
        ],
        roleAssignments: [
          ...granted,
          { ...granted[0], id: `${String(granted[0]?.id)}-billing`, principalId: otherPrincipal },
        ],
      };
      const listed = runWithFakeCloud(`${lookup ?? 'false'} -o json`, other, { timeoutMs: TIMEOUT_MS });
      expect(listed.status, listed.stderr).toBe(0);
      const rows = JSON.parse(listed.stdout) as Json[];
      expect(
        rows.map(({ principalId, principalName, principalType }) => [
          principalId,
          principalName,
          principalType,
        ]),
      ).toEqual([
        [granted[0]?.principalId, '', 'ServicePrincipal'],
        [otherPrincipal, otherClientId, 'ServicePrincipal'],
      ]);
    },
    TIMEOUT_MS,
  );
});

type Cluster = { objects: Json[] };

function clusterOf(state: FakeCloudState): Cluster {
  return (state.kubernetes as unknown as Record<string, Cluster>)['aks-prod'] as Cluster;
}

function objectOf(state: FakeCloudState, kind: string, name: string): Json | undefined {
  return clusterOf(state).objects.find(
    (object) => object.kind === kind && (object.metadata as Json).name === name,
  );
}

function seedWith(plan: ReturnType<typeof buildPlan>, change: (cluster: Cluster) => void) {
  const seed = clone(seedFromPlan(plan));
  change(clusterOf(seed));
  return seed;
}

const HELM_ANNOTATIONS = { 'meta.helm.sh/release-name': 'orders' };

describe('AKS ServiceAccount of the user', () => {
  it(
    'the setup stops, changing nothing, when the Deployment runs as another ServiceAccount',
    () => {
      const { plan, setup } = scripts();
      const seed = seedWith(plan, (cluster) => {
        const deployment = cluster.objects.find(
          (object) => object.kind === 'Deployment' && (object.metadata as Json).name === 'orders-api',
        );
        ((deployment?.spec as Json).template as { spec: Json }).spec.serviceAccountName = 'orders-helm';
      });
      const run = runWithFakeCloud(setup, seed, { timeoutMs: TIMEOUT_MS });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('The Deployment orders-api runs as a ServiceAccount of its own');
      expect(run.stateAfter.resources).toEqual(seed.resources);
      expect(objectOf(run.stateAfter, 'ServiceAccount', 'orders-api')).toBeUndefined();
    },
    TIMEOUT_MS,
  );

  it(
    'one that existed is annotated but not marked, and the teardown keeps it and says so',
    () => {
      const { plan, setup, teardown } = scripts();
      const seed = seedWith(plan, (cluster) => {
        cluster.objects.push({
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name: 'orders-api', namespace: 'orders', annotations: { ...HELM_ANNOTATIONS } },
        });
      });
      const first = runWithFakeCloud(setup, seed, { timeoutMs: TIMEOUT_MS });
      expect(first.status, first.stderr).toBe(0);
      const annotations = (objectOf(first.stateAfter, 'ServiceAccount', 'orders-api')?.metadata as Json)
        .annotations as Json;
      expect(annotations['meta.helm.sh/release-name']).toBe('orders');
      expect(annotations['azure.workload.identity/client-id']).not.toBeUndefined();
      expect(annotations['dapr-mi-wizard/created']).toBeUndefined();
      const down = runWithFakeCloud(teardown, first.stateAfter, {
        workDir: first.workDir,
        timeoutMs: TIMEOUT_MS,
      });
      expect(down.status, down.stderr).toBe(0);
      expect(objectOf(down.stateAfter, 'ServiceAccount', 'orders-api')).toBeDefined();
      // No mark: it existed before the setup, or an older setup (from before the mark) made it.
      expect(down.stdout).toContain(
        'Kept: the ServiceAccount orders-api has no dapr-mi-wizard/created mark of the setup (it existed before the setup, or a setup from before it marked what it creates made it',
      );
      // The Deployment ran as default before; the teardown cannot know it, so it says what it leaves.
      const deployment = objectOf(down.stateAfter, 'Deployment', 'orders-api');
      expect(((deployment?.spec as Json).template as { spec: Json }).spec.serviceAccountName).toBe(
        'orders-api',
      );
      expect(down.stdout).toContain(
        'Kept: the Deployment orders-api still runs as the ServiceAccount orders-api, with the Workload ID label azure.workload.identity/use: that ServiceAccount has no dapr-mi-wizard/created mark of the setup',
      );
    },
    TIMEOUT_MS,
  );

  it(
    'one deleted by hand since the setup is said to be gone, not to have existed before the setup',
    () => {
      const { plan, setup, teardown } = scripts();
      const first = runWithFakeCloud(setup, seedFromPlan(plan), { timeoutMs: TIMEOUT_MS });
      expect(first.status, first.stderr).toBe(0);
      const deleted = clone(first.stateAfter);
      clusterOf(deleted).objects = clusterOf(deleted).objects.filter(
        (object) => !(object.kind === 'ServiceAccount' && (object.metadata as Json).name === 'orders-api'),
      );
      const down = runWithFakeCloud(teardown, deleted, { workDir: first.workDir, timeoutMs: TIMEOUT_MS });
      expect(down.status, down.stderr).toBe(0);
      expect(down.stdout).toContain(
        'Kept: the Deployment orders-api still names the ServiceAccount orders-api, with the Workload ID label azure.workload.identity/use, but that ServiceAccount is gone',
      );
      expect(down.stdout).toContain(
        "If it ran as the namespace's default ServiceAccount: kubectl patch deployment",
      );
      expect(down.stdout).not.toContain('existed before the setup');
    },
    TIMEOUT_MS,
  );

  it(
    'one the setup made is kept while a CronJob runs as it',
    () => {
      const { plan, setup, teardown } = scripts();
      const first = runWithFakeCloud(setup, seedFromPlan(plan), { timeoutMs: TIMEOUT_MS });
      expect(first.status, first.stderr).toBe(0);
      const made = objectOf(first.stateAfter, 'ServiceAccount', 'orders-api');
      expect(((made?.metadata as Json).annotations as Json)['dapr-mi-wizard/created']).toBe('true');
      const withCronJob = clone(first.stateAfter);
      clusterOf(withCronJob).objects.push({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'orders-report', namespace: 'orders' },
        spec: { jobTemplate: { spec: { template: { spec: { serviceAccountName: 'orders-api' } } } } },
      });
      const down = runWithFakeCloud(teardown, withCronJob, { workDir: first.workDir, timeoutMs: TIMEOUT_MS });
      expect(down.status, down.stderr).toBe(0);
      expect(objectOf(down.stateAfter, 'ServiceAccount', 'orders-api')).toBeDefined();
      const alone = runWithFakeCloud(teardown, first.stateAfter, {
        workDir: first.workDir,
        timeoutMs: TIMEOUT_MS,
      });
      expect(alone.status, alone.stderr).toBe(0);
      expect(objectOf(alone.stateAfter, 'ServiceAccount', 'orders-api')).toBeUndefined();
    },
    TIMEOUT_MS,
  );
});

describe('AKS second teardown', () => {
  it(
    'after the identity went with the first, says nothing of a ServiceAccount that is gone',
    () => {
      const { plan, setup, teardown } = scripts();
      const first = runWithFakeCloud(setup, seedFromPlan(plan), { timeoutMs: TIMEOUT_MS });
      expect(first.status, first.stderr).toBe(0);
      const down = runWithFakeCloud(teardown, first.stateAfter, {
        workDir: first.workDir,
        env: { DELETE_IDENTITY: '1' },
        timeoutMs: TIMEOUT_MS,
      });
      expect(down.status, down.stderr).toBe(0);
      expect(objectOf(down.stateAfter, 'ServiceAccount', 'orders-api')).toBeUndefined();
      const again = runWithFakeCloud(teardown, down.stateAfter, {
        workDir: first.workDir,
        env: { DELETE_IDENTITY: '1' },
        timeoutMs: TIMEOUT_MS,
      });
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout).not.toContain('Kept: the ServiceAccount');
    },
    TIMEOUT_MS,
  );
});

describe('AKS components of the setup names', () => {
  const userComponent = (scopes: string[]) => ({
    apiVersion: 'dapr.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'azurekeyvault', namespace: 'orders' },
    spec: {
      type: 'secretstores.azure.keyvault',
      version: 'v1',
      metadata: [{ name: 'vaultName', value: 'kv-app' }],
    },
    scopes,
  });

  it(
    'the setup stops, changing nothing, when one of that name is scoped to other apps',
    () => {
      const { plan, setup } = scripts();
      const seed = seedWith(plan, (cluster) =>
        cluster.objects.push(userComponent(['orders-api', 'billing'])),
      );
      const run = runWithFakeCloud(setup, seed, { timeoutMs: TIMEOUT_MS });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('already has a Dapr component named azurekeyvault');
      expect(run.stateAfter.roleAssignments).toEqual([]);
      expect(objectOf(run.stateAfter, 'Component', 'azurekeyvault')).toEqual(
        userComponent(['orders-api', 'billing']),
      );
    },
    TIMEOUT_MS,
  );

  it(
    "the setup stops on one an earlier run wrote for another app id, and names that run's teardown",
    () => {
      const { plan, setup } = scripts();
      const first = runWithFakeCloud(setup, seedFromPlan(plan), { timeoutMs: TIMEOUT_MS });
      expect(first.status, first.stderr).toBe(0);
      const written = objectOf(first.stateAfter, 'Component', 'azurekeyvault');
      const billing = scripts(LINK.replace('appId=orders-api', 'appId=billing'));
      const run = runWithFakeCloud(billing.setup, first.stateAfter, { timeoutMs: TIMEOUT_MS });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(
        'already has a Dapr component named azurekeyvault that an earlier run of the setup wrote with other values',
      );
      expect(run.stderr).toContain('Take it back with the teardown of that run');
      expect(run.stderr).toContain('kubectl delete components.dapr.io azurekeyvault --namespace orders');
      expect(run.stderr).not.toContain('that the setup does not write');
      expect(objectOf(run.stateAfter, 'Component', 'azurekeyvault')).toEqual(written);
    },
    TIMEOUT_MS,
  );

  it(
    'the setup stops, changing nothing, on an unmarked one even of its own type and scopes, and names its type',
    () => {
      const { plan, setup } = scripts();
      for (const found of [
        userComponent(['orders-api']),
        { ...userComponent(['orders-api']), spec: { type: 'state.redis', version: 'v1', metadata: [] } },
      ]) {
        const seed = seedWith(plan, (cluster) => cluster.objects.push(found));
        const run = runWithFakeCloud(setup, seed, { timeoutMs: TIMEOUT_MS });
        expect(run.status).toBe(1);
        expect(run.stderr).toContain(
          `The namespace orders already has a Dapr component named azurekeyvault, of type ${found.spec.type}.\nThat component carries no dapr-mi-wizard/created mark, so the setup did not create it`,
        );
        expect(run.stderr).toContain('Choose another name for the component in the wizard');
        expect(run.stderr).toContain('More: troubleshoot.html#aks-component-not-created-by-setup');
        // Nothing in Azure or the cluster changed: the stop comes before the first change.
        expect(run.stateAfter.resources).toEqual(seed.resources);
        expect(run.stateAfter.roleAssignments).toEqual(seed.roleAssignments);
        // The fake's controllers start the Deployment's pod on kubectl's first call; the objects are as seeded.
        const notPods = (state: FakeCloudState) =>
          clusterOf(state).objects.filter((object) => object.kind !== 'Pod');
        expect(notPods(run.stateAfter)).toEqual(notPods(seed));
        const changing = run.calls.filter(
          (call) => call.program === 'kubectl' && ['apply', 'annotate', 'patch'].includes(call.argv[0] ?? ''),
        );
        expect(changing).toEqual([]);
      }
    },
    TIMEOUT_MS,
  );

  it(
    'the teardown deletes the one the setup created, and keeps one that lost its mark',
    () => {
      const { plan, setup, teardown } = scripts();
      const made = runWithFakeCloud(setup, seedFromPlan(plan), { timeoutMs: TIMEOUT_MS });
      expect(made.status, made.stderr).toBe(0);
      const down = runWithFakeCloud(teardown, made.stateAfter, {
        workDir: made.workDir,
        timeoutMs: TIMEOUT_MS,
      });
      expect(down.status, down.stderr).toBe(0);
      expect(objectOf(down.stateAfter, 'Component', 'azurekeyvault')).toBeUndefined();
      // As a setup from before the mark leaves it.
      const unmarked = clone(made.stateAfter);
      const annotations = (objectOf(unmarked, 'Component', 'azurekeyvault')?.metadata as Json)
        .annotations as Json;
      delete annotations['dapr-mi-wizard/created'];
      const kept = runWithFakeCloud(teardown, unmarked, {
        workDir: made.workDir,
        timeoutMs: TIMEOUT_MS,
      });
      expect(kept.status, kept.stderr).toBe(0);
      expect(objectOf(kept.stateAfter, 'Component', 'azurekeyvault')).toBeDefined();
      expect(kept.stdout).toContain(
        'Kept: the component azurekeyvault in the namespace orders carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates',
      );
    },
    TIMEOUT_MS,
  );

  it(
    'the teardown finishes when Dapr was uninstalled since, and still reverts the Deployment',
    () => {
      const { plan, setup, teardown } = scripts();
      const first = runWithFakeCloud(setup, seedFromPlan(plan), { timeoutMs: TIMEOUT_MS });
      expect(first.status, first.stderr).toBe(0);
      const withoutDapr = clone(first.stateAfter);
      const cluster = clusterOf(withoutDapr) as Cluster & { crds: string[] };
      cluster.crds = [];
      cluster.objects = cluster.objects.filter((object) => object.kind !== 'Component');
      const down = runWithFakeCloud(teardown, withoutDapr, { workDir: first.workDir, timeoutMs: TIMEOUT_MS });
      expect(down.status, down.stderr).toBe(0);
      expect(down.stdout).toContain('Dapr is not installed on the cluster any more');
      expect(objectOf(down.stateAfter, 'ServiceAccount', 'orders-api')).toBeUndefined();
    },
    TIMEOUT_MS,
  );
});

describe('AKS OIDC issuer', () => {
  it('the header and the step say that turning it on restarts the API server and cannot be undone', () => {
    const { setup } = scripts();
    const header = setup.split('\n').filter((line) => line.startsWith('#'));
    expect(header.join('\n')).toContain('restarts its API server (possible downtime');
    const update = setup.indexOf('az aks update');
    const warning = setup.lastIndexOf('the issuer cannot be turned off again', update);
    expect(warning).toBeGreaterThan(setup.lastIndexOf('if [ "$WORKLOAD_ID_ON" != true ]', update));
  });
});

describe('AKS checks before anything changes', () => {
  it(
    'a cluster without a kubelet identity stops the kubelet setup before any grant',
    () => {
      const { plan, setup } = scripts(`${LINK}&aksIdentity=kubelet`);
      const seed = clone(seedFromPlan(plan));
      for (const resource of seed.resources)
        if (resource.name === 'aks-prod') delete resource.identityProfile;
      const run = runWithFakeCloud(setup, seed, { timeoutMs: TIMEOUT_MS });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('The cluster aks-prod has no kubelet identity');
      // kubelet keeps the service principal until its node pool's image is upgraded (use-managed-identity.md).
      expect(run.stderr).toContain(
        'az aks nodepool upgrade --cluster-name aks-prod --resource-group rg-orders --name <node pool> --node-image-only',
      );
      // "An update only works if there's a VHD update to consume" (use-managed-identity.md).
      expect(run.stderr).toContain(
        'The upgrade moves kubelet only when there is a newer node image to consume: if a pool runs the latest one already, wait until the next is available',
      );
      expect(run.stderr).toContain(
        'az aks nodepool show --cluster-name aks-prod --resource-group rg-orders --name <node pool> --query nodeImageVersion',
      );
      expect(run.stateAfter.roleAssignments).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it(
    'a cluster kubectl cannot reach is not reported as one without Dapr',
    () => {
      const { plan, setup } = scripts();
      const seed = { ...clone(seedFromPlan(plan)), kubernetes: {} };
      const run = runWithFakeCloud(setup, seed, { timeoutMs: TIMEOUT_MS });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain('The connection to the server');
      expect(run.stderr).not.toContain('Dapr is not installed');
    },
    TIMEOUT_MS,
  );
});
