/**
 * The Container Apps setup's read of daprd's log, run against the fake cloud, whose app logs what daprd logs
 * at start for the environment's components: every component loaded, one failing with Key Vault's 403, and an
 * app with no replica to read (scaled to zero). A no-op `sleep` ahead of the stand-ins keeps the waits short.
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import type { FakeCloudState } from '../../test-support/fake-cloud/seed';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { loadGoldenScenarios } from '../../test-support/golden';
import { buildPlan } from '../plan/build-plan';
import { consoleLogQuery, DAPRD_LOG_ATTEMPTS, DAPRD_LOG_TAIL } from './aca-dapr-log';

afterAll(removeFakeCloudRuns);

const SLOW = { timeout: 300_000 };
const BIN_DIR = fileURLToPath(new URL('../../test-support/fake-cloud/bin', import.meta.url));

/** A PATH whose `sleep` returns at once, then the fake cloud's stand-ins. */
function quickSleepPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'quick-sleep-'));
  writeFileSync(join(dir, 'sleep'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(dir, 'sleep'), 0o755);
  return `${dir}:${BIN_DIR}:/usr/local/bin:/usr/bin:/bin`;
}

function scenario(name: string) {
  const found = loadGoldenScenarios().find((candidate) => candidate.name === name);
  const script = found?.outputs['setup.sh'];
  if (found === undefined || script === undefined) throw new Error(`No golden setup.sh for ${name}`);
  const plan = buildPlan(parseShareLink('', found.link).config);
  return { script, plan, seed: seedFromPlan(plan) };
}

/** The seed with a change to the container app or its environment. */
function changed(
  seed: FakeCloudState,
  type: 'Microsoft.App/containerApps' | 'Microsoft.App/managedEnvironments',
  extra: Record<string, unknown>,
): FakeCloudState {
  return {
    ...seed,
    resources: seed.resources.map((resource) =>
      resource.type === type ? { ...resource, ...extra } : resource,
    ),
  };
}

const FORBIDDEN =
  'GET https://kv-orders.vault.azure.net/secrets RESPONSE 403: 403 Forbidden ERROR CODE: Forbidden ' +
  '{"error":{"code":"Forbidden","innererror":{"code":"ForbiddenByRbac"}}}';

describe('the Container Apps setup reads daprd’s log', () => {
  it('reads the most the CLI allows, in the revision the checks found ready', () => {
    const { script } = scenario('aca-system');
    expect(DAPRD_LOG_TAIL).toBe(300);
    expect(script).toContain('--revision "$DAPR_REVISION"');
    expect(script).toContain('--container daprd');
    expect(script).toContain(`for attempt in {1..${DAPRD_LOG_ATTEMPTS}}`);
  });

  it('reports each component loaded, after daprd says it runs', SLOW, () => {
    const { script, seed } = scenario('three-components-aca');
    const result = runWithFakeCloud(script, seed);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('dapr initialized. Status: Running.');
    for (const name of ['azurekeyvault', 'statestore', 'pubsub'])
      expect(result.stdout).toMatch(new RegExp(`^${name}: loaded`, 'm'));
    expect(result.stdout).not.toContain('not seen');
    const logReads = result.calls.filter(
      (call) => call.argv.slice(0, 3).join(' ') === 'containerapp logs show',
    );
    expect(logReads).toHaveLength(2);
  });

  it('stops on a component that fails, with Dapr’s own line and the Key Vault entry', SLOW, () => {
    const { script, seed } = scenario('aca-system');
    const failing = changed(seed, 'Microsoft.App/managedEnvironments', {
      daprdFailures: { azurekeyvault: FORBIDDEN },
    });
    const result = runWithFakeCloud(script, failing, { env: { PATH: quickSleepPath() } });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('azurekeyvault: Dapr failed to load it.');
    expect(result.stdout).toContain(
      'Failed to init component azurekeyvault (secretstores.azure.keyvault/v1):',
    );
    expect(result.stdout).toContain('More: troubleshoot.html#kv-forbidden-by-rbac');
    expect(result.stdout).not.toContain('#dapr-component-init-failed');
    expect(result.stderr).toContain('failed to load a component');
    expect(result.stderr).toContain('troubleshoot.html#dapr-component-init-failed');
    // Key Vault's start makes no Azure call, so no grant to come can cure it: the failure line ends the wait.
    expect(result.stderr).not.toContain('trying again in 20 s');
  });

  it(
    'waits the whole time for a component whose start signs in to Azure: a grant may still come into effect',
    SLOW,
    () => {
      const { script, plan, seed } = scenario('aca-catalog-keyvault-storage');
      const signsIn = plan.components.find((component) => component.loadProvesSignIn);
      if (!signsIn) throw new Error('The scenario has no component whose start signs in');
      const failing = changed(seed, 'Microsoft.App/managedEnvironments', {
        daprdFailures: { [signsIn.name]: FORBIDDEN },
      });
      const result = runWithFakeCloud(script, failing, { env: { PATH: quickSleepPath() } });
      expect(result.status).toBe(1);
      expect(result.stderr.match(/trying again in 20 s/g)).toHaveLength(DAPRD_LOG_ATTEMPTS - 1);
      expect(result.stdout).toContain(`${signsIn.name}: Dapr failed to load it.`);
    },
  );

  it('says a component was not seen when there is no replica to read, and goes on', SLOW, () => {
    const { script, seed, plan } = scenario('aca-system');
    const scaledToZero = changed(seed, 'Microsoft.App/containerApps', { replicaCount: 0 });
    const result = runWithFakeCloud(script, scaledToZero, { env: { PATH: quickSleepPath() } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('Could not find a replica for this app');
    expect(result.stdout).toContain('azurekeyvault: not seen in the last 300 lines');
    expect(result.stdout).toContain(consoleLogQuery(plan, plan.components[0]!));
    expect(result.stdout).toContain('Not proved by this run');
  });
});
