/**
 * The teardown takes back exactly what the setup made: for each golden scenario whose setup runs in the fake
 * cloud (src/test-support/fake-cloud), seed, run setup.sh, run teardown.sh with every removal asked for, and
 * compare with the seed: only what the teardown keeps on purpose (and says so) may differ. A second teardown
 * succeeds and changes nothing.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import type { FakeCloudState } from '../../test-support/fake-cloud/seed';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { EXAMPLE_VALUES_STOP } from '../../test-support/fake-cloud/example-values-stop';
import { loadGoldenScenarios } from '../../test-support/golden';
import { buildPlan } from '../plan/build-plan';

afterAll(removeFakeCloudRuns);

const workDirs: string[] = [];
afterAll(() => {
  for (const dir of workDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * The working directory a user runs the setup in, already holding files of their own, two of them where the
 * setup writes (./components): the teardown must leave these, and only these.
 */
const USERS_OWN_FILES: Readonly<Record<string, string>> = {
  'notes.txt': 'mine\n',
  'components/my-own-component.yaml': 'kind: Component\n',
  'components/serviceaccount.yaml.bak': 'an older copy of mine\n',
};

function userWorkDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'teardown-work-'));
  workDirs.push(dir);
  for (const [path, text] of Object.entries(USERS_OWN_FILES)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Every file under dir, as paths relative to it, sorted. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * Whether the teardown says it removes the files the setup wrote in the working directory: its own step
 * ("Remove the files the setup wrote here") or, on a VM or scale set, the host's ("the copies the setup
 * wrote here, and yours on the VM").
 */
function removesLocalFiles(teardown: string): boolean {
  return /^# Remove the (files|component files).*the setup wrote here/m.test(teardown);
}

/** Every removal the teardown can be asked for. */
const ASK_FOR_ALL = { DELETE_IDENTITY: '1', REMOVE_SYSTEM_IDENTITY: '1', DELETE_CONTAINER_GROUP: '1' };

/** Three runs of up to a hundred stand-in calls each, on a machine shared with other test runs. */
const TIMEOUT_MS = 600_000;
const RUN_TIMEOUT_MS = 180_000;

type Json = Record<string, unknown>;

/** Drops empty lists and maps at any depth, and maps left empty by that: the service lists both alike. */
function pruneEmpty(value: unknown): boolean {
  if (Array.isArray(value)) {
    value.forEach(pruneEmpty);
    return value.length === 0;
  }
  if (value === null || typeof value !== 'object') return false;
  const map = value as Json;
  for (const [key, inner] of Object.entries(map)) if (pruneEmpty(inner)) delete map[key];
  return Object.keys(map).length === 0;
}

/**
 * The state without what the teardown keeps on purpose, each named in the script: the cluster's OIDC issuer
 * and Workload ID, namespaces, Dapr on a container app, an identity block emptied to type None (the service's
 * answer after every identity is removed), and, when the identity existed before the setup (a typed client
 * id), its attachment to the host, which the teardown cannot tell the setup made; on a web app, the files
 * under /home, which the script tells the user to remove from the app's shell (no az command deletes a file
 * there; the daprd sidecar the setup added must be gone); on a scale set, the record of its instances' updates to the model (the teardown's last note
 * says to update them once more). Also logs, pods and local settings (the
 * fake's id counter, kubectl's context, az's chosen subscription and cloud) and empty lists the fake leaves where the
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
  delete copy.logs;
  delete copy.account.subscriptionId;
  delete copy.account.subscriptionName;
  delete copy.account.cloud;
  for (const resource of copy.resources) {
    delete resource.oidcIssuerProfile;
    delete resource.securityProfile;
    // The fake's note that a seed without databases lets any database be opened (databases.py database_of).
    delete resource.anyDatabase;
    if (resource.type === 'Microsoft.Web/sites') {
      delete resource.files;
    }
    // A scale set's instances updated to its model stay updated: the teardown says to update them again.
    if (resource.type === 'Microsoft.Compute/virtualMachineScaleSets') {
      delete resource.latestModelAppliedTo;
      delete resource.instanceUpdates;
    }
    const identity = resource.identity as Json | undefined;
    if (identity && identity.type === 'None' && Object.keys(identity).length === 1) delete resource.identity;
    if (existingIdentity && resource.type !== 'Microsoft.ManagedIdentity/userAssignedIdentities')
      delete resource.identity;
    const dapr = (resource.properties as Json | undefined)?.configuration as Json | undefined;
    if (dapr?.dapr) dapr.dapr = 'kept';
  }
  // Pods and their logs come and go with each rollout; the Deployment's template is what is compared.
  for (const cluster of Object.values(copy.kubernetes) as { objects: Json[]; logs?: Json }[]) {
    cluster.objects = cluster.objects.filter(
      (object) => object.kind !== 'Namespace' && object.kind !== 'Pod',
    );
    delete cluster.logs;
  }
  pruneEmpty(copy);
  return copy;
}

const scenarios = loadGoldenScenarios();

describe('teardown.sh after setup.sh', () => {
  it('covers every golden scenario, on every host', () => {
    const hosts = new Set(scenarios.map((scenario) => parseShareLink('', scenario.link).config.host));
    expect([...hosts].sort()).toEqual(['aca', 'aci', 'aks', 'functionapp', 'vm', 'vmss', 'webapp']);
  });

  it('removes the files the setup wrote here on every host', () => {
    const keeping = scenarios.filter((scenario) => !removesLocalFiles(scenario.outputs['teardown.sh'] ?? ''));
    expect(keeping.map((scenario) => scenario.name)).toEqual([]);
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
        const workDir = userWorkDir();
        const usersOwn = filesIn(workDir);
        const first = runWithFakeCloud(setup, seed, { workDir, timeoutMs: RUN_TIMEOUT_MS });
        if (setup.includes(EXAMPLE_VALUES_STOP)) {
          // Example values: the teardown stops before any call too.
          const down = runWithFakeCloud(teardown, seed, { env: ASK_FOR_ALL });
          expect(down.status).toBe(1);
          expect(down.stderr).toContain(EXAMPLE_VALUES_STOP);
          expect(down.calls).toEqual([]);
          return;
        }
        expect(first.status, `setup failed:\n${first.stderr}`).toBe(0);
        expect(withoutKept(first.stateAfter, existing)).not.toEqual(withoutKept(seed, existing));
        const setupWrote = filesIn(workDir).filter((path) => !usersOwn.includes(path));
        expect(setupWrote.length, 'the setup writes its files here').toBeGreaterThan(0);
        const down = runWithFakeCloud(teardown, first.stateAfter, {
          workDir,
          env: ASK_FOR_ALL,
          timeoutMs: RUN_TIMEOUT_MS,
        });
        expect(down.status, `teardown failed:\n${down.stderr}`).toBe(0);
        expect(withoutKept(down.stateAfter, existing)).toEqual(withoutKept(seed, existing));
        // The user's own files stay; the setup's go wherever the teardown says it removes them.
        expect(filesIn(workDir)).toEqual(
          removesLocalFiles(teardown) ? usersOwn : [...usersOwn, ...setupWrote].sort(),
        );
        const again = runWithFakeCloud(teardown, down.stateAfter, {
          workDir,
          env: ASK_FOR_ALL,
          timeoutMs: RUN_TIMEOUT_MS,
        });
        expect(again.status, `second teardown failed:\n${again.stderr}`).toBe(0);
        expect(again.stateAfter).toEqual(down.stateAfter);
      },
      TIMEOUT_MS,
    );
  }
});
