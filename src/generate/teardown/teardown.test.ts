/**
 * The teardown takes back exactly what the setup made: for each golden scenario whose setup runs in the fake
 * cloud (src/test-support/fake-cloud), seed, run setup.sh, run teardown.sh with every removal asked for, and
 * compare with the seed: only what the teardown keeps on purpose (and says so) may differ. A second teardown
 * succeeds and changes nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import type { FakeCloudState } from '../../test-support/fake-cloud/seed';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { loadGoldenScenarios } from '../../test-support/golden';
import { buildPlan } from '../plan/build-plan';

afterAll(removeFakeCloudRuns);

/**
 * The scenarios whose setup.sh runs to the end in the fake cloud today (checked 2026-12-01). The others stop
 * on a command or option the fake does not have yet (psql -tA, az cloud set, container list in the setup's
 * check, functionapp/webapp/vmss show, eventhub and queue lookups, sqlcmd's SID check); they join this list
 * as the fake learns them.
 */
const SETS_UP_IN_FAKE_CLOUD = [
  'aca-catalog-keyvault-storage',
  'aca-system',
  'aks-catalog-keyvault-storage',
  'aks-kubelet',
  'aks-workload',
  'aks-workload-clientid-accesspolicy',
  'grants-redis-cosmos',
  'grants-servicebus-publisher',
  'three-components-aca',
  'three-components-aks',
  'three-components-vm',
  'vm-system',
  'vm-user-accesspolicy',
];

/** Every removal the teardown can be asked for. */
const ASK_FOR_ALL = { DELETE_IDENTITY: '1', REMOVE_SYSTEM_IDENTITY: '1', DELETE_CONTAINER_GROUP: '1' };

/** Three runs of up to a hundred stand-in calls each, on a machine shared with other test runs. */
const TIMEOUT_MS = 600_000;
const RUN_TIMEOUT_MS = 180_000;

type Json = Record<string, unknown>;

/**
 * The state without what the teardown keeps on purpose, each named in the script: the cluster's OIDC issuer
 * and Workload ID, namespaces, Dapr on a container app, an identity block emptied to type None (the service's
 * answer after every identity is removed), and, when the identity existed before the setup (a typed client
 * id), its attachment to the host, which the teardown cannot tell the setup made. Also local settings (the
 * fake's id counter, kubectl's context, az's chosen subscription) and empty lists the fake leaves where the
 * seed had none (the service lists both alike).
 */
function withoutKept(state: FakeCloudState, existingIdentity: boolean): Json {
  const copy = JSON.parse(JSON.stringify(state)) as Json & {
    resources: Json[];
    kubernetes: Json;
    account: Json;
  };
  delete copy.sequence;
  delete copy.kubeconfig;
  delete copy.account.subscriptionId;
  delete copy.account.subscriptionName;
  for (const resource of copy.resources) {
    delete resource.oidcIssuerProfile;
    delete resource.securityProfile;
    for (const [key, value] of Object.entries(resource)) {
      if (
        Array.isArray(value)
          ? value.length === 0
          : value !== null && typeof value === 'object' && Object.keys(value).length === 0
      )
        delete resource[key];
    }
    const identity = resource.identity as Json | undefined;
    if (identity && identity.type === 'None' && Object.keys(identity).length === 1) delete resource.identity;
    if (existingIdentity && resource.type !== 'Microsoft.ManagedIdentity/userAssignedIdentities')
      delete resource.identity;
    const dapr = (resource.properties as Json | undefined)?.configuration as Json | undefined;
    if (dapr?.dapr) dapr.dapr = 'kept';
  }
  for (const cluster of Object.values(copy.kubernetes) as { objects: Json[] }[]) {
    cluster.objects = cluster.objects.filter((object) => object.kind !== 'Namespace');
  }
  return copy;
}

const scenarios = loadGoldenScenarios().filter((scenario) => SETS_UP_IN_FAKE_CLOUD.includes(scenario.name));

describe('teardown.sh after setup.sh', () => {
  it('covers the scenarios that set up in the fake cloud, on AKS, Container Apps and VM hosts', () => {
    expect(scenarios.map((scenario) => scenario.name)).toEqual(SETS_UP_IN_FAKE_CLOUD);
    const hosts = new Set(scenarios.map((scenario) => parseShareLink('', scenario.link).config.host));
    expect([...hosts].sort()).toEqual(['aca', 'aks', 'vm']);
  });

  for (const scenario of scenarios) {
    it(
      `${scenario.name}: leaves the seed as it was, and a second run changes nothing`,
      () => {
        const setup = scenario.outputs['setup.sh'] ?? '';
        const teardown = scenario.outputs['teardown.sh'] ?? '';
        expect(teardown).not.toBe('');
        const plan = buildPlan(parseShareLink('', scenario.link).config);
        const existing = plan.identity.clientId !== '';
        const seed = seedFromPlan(plan);
        const first = runWithFakeCloud(setup, seed, { timeoutMs: RUN_TIMEOUT_MS });
        expect(first.status, `setup failed:\n${first.stderr}`).toBe(0);
        expect(withoutKept(first.stateAfter, existing)).not.toEqual(withoutKept(seed, existing));
        const down = runWithFakeCloud(teardown, first.stateAfter, {
          workDir: first.workDir,
          env: ASK_FOR_ALL,
        });
        expect(down.status, `teardown failed:\n${down.stderr}`).toBe(0);
        expect(withoutKept(down.stateAfter, existing)).toEqual(withoutKept(seed, existing));
        const again = runWithFakeCloud(teardown, down.stateAfter, {
          workDir: first.workDir,
          env: ASK_FOR_ALL,
        });
        expect(again.status, `second teardown failed:\n${again.stderr}`).toBe(0);
        expect(again.stateAfter).toEqual(down.stateAfter);
      },
      TIMEOUT_MS,
    );
  }
});
