/**
 * The installed-Dapr checks read the release before anything changes, and a read that fails (no injector
 * Deployment where the check looks, no rights, a stopped VM) must leave the release unknown: the script warns
 * and goes on, as designed, instead of stopping under `set -euo pipefail` without its message.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../test-support/fake-cloud/run';
import type { FakeCloudState } from '../test-support/fake-cloud/seed';
import { FAKE_DAPR_RELEASE, seedFromPlan } from '../test-support/fake-cloud/seed-from-plan';
import { loadGoldenScenarios } from '../test-support/golden';
import { buildPlan } from './plan/build-plan';

afterAll(removeFakeCloudRuns);

const SLOW = { timeout: 120_000 };

function scenario(name: string): { script: string; seed: FakeCloudState } {
  const found = loadGoldenScenarios().find((candidate) => candidate.name === name);
  const script = found?.outputs['setup.sh'];
  if (found === undefined || script === undefined) throw new Error(`No golden setup.sh for ${name}`);
  return { script, seed: seedFromPlan(buildPlan(parseShareLink('', found.link).config)) };
}

describe('a Dapr release that cannot be read', SLOW, () => {
  it('AKS: no sidecar injector in dapr-system warns, and the script goes on to its next check', () => {
    const { script, seed } = scenario('daprcheck-aks-sqlserver-v2');
    const withoutInjector: FakeCloudState = {
      ...seed,
      kubernetes: Object.fromEntries(
        Object.entries(seed.kubernetes).map(([name, cluster]) => [
          name,
          {
            ...cluster,
            objects: cluster.objects.filter(
              (item) => (item['metadata'] as { name?: string }).name !== 'dapr-sidecar-injector',
            ),
          },
        ]),
      ),
    };
    const result = runWithFakeCloud(script, withoutInjector);
    expect(result.stderr).toContain('deployments.apps "dapr-sidecar-injector" not found');
    const warning = result.stderr.indexOf('Could not read the Dapr release from the dapr-sidecar-injector');
    expect(warning).toBeGreaterThan(-1);
    // It went on past the failed read: the app's Deployment was patched, and the fake cluster, like a real one
    // without the injector, started a pod with no daprd, which the verify step reports (after the warning).
    expect(result.calls.some((call) => call.program === 'kubectl' && call.argv[0] === 'patch')).toBe(true);
    expect(result.stderr.indexOf('No pod of the app runs with the Dapr sidecar')).toBeGreaterThan(warning);
  });

  it('AKS: an injector on an old release still stops the script before any change', () => {
    const { script, seed } = scenario('daprcheck-aks-sqlserver-v2');
    const olderImage = (text: string) => text.replace(`dapr:${FAKE_DAPR_RELEASE}`, 'dapr:1.16.2');
    const old: FakeCloudState = {
      ...seed,
      kubernetes: Object.fromEntries(
        Object.entries(seed.kubernetes).map(([name, cluster]) => [
          name,
          JSON.parse(olderImage(JSON.stringify(cluster))) as typeof cluster,
        ]),
      ),
    };
    // The seed's injector image was found and changed: otherwise the script stops for another reason.
    expect(JSON.stringify(old)).not.toBe(JSON.stringify(seed));
    const result = runWithFakeCloud(script, old);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('This cluster runs Dapr 1.16.2');
    expect(result.stateAfter.roleAssignments).toEqual([]);
  });

  it('VM: Run Command failing on a deallocated VM warns, and the script goes on to the grants', () => {
    const { script, seed } = scenario('grants-sql-system');
    const stopped: FakeCloudState = {
      ...seed,
      resources: seed.resources.map((resource) =>
        resource.type === 'Microsoft.Compute/virtualMachines'
          ? { ...resource, powerState: 'VM deallocated' }
          : resource,
      ),
    };
    const result = runWithFakeCloud(script, stopped);
    expect(result.stderr).toContain('deallocated');
    expect(result.stderr).toContain('Could not read the Dapr release on the VM');
    expect(result.calls.some((call) => call.program === 'sqlcmd')).toBe(true);
    // The identity check at the end needs the VM running (Run Command again), so there the script stops.
    expect(result.status).not.toBe(0);
    expect(result.calls.at(-1)?.argv.slice(0, 3)).toEqual(['vm', 'run-command', 'invoke']);
  });
});
