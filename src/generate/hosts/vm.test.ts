import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { buildSetupScript } from '../az-script';
import { buildPlan } from '../plan/build-plan';
import { toBash } from '../to-bash';

afterAll(removeFakeCloudRuns);

const LINK =
  'host=vm&resourceGroup=rg-orders&hostName=vm-orders&appId=orders-api&component=state.sqlserver&m.host=sql-orders.database.windows.net&m.database=orders';

describe('VM: the Run Command checks need Linux', () => {
  it('stops a Windows VM before anything changes, and before any Run Command', () => {
    const plan = buildPlan(parseShareLink('', LINK).config);
    const seed = seedFromPlan(plan);
    const windows = {
      ...seed,
      resources: seed.resources.map((resource) =>
        resource.name === 'vm-orders'
          ? { ...resource, storageProfile: { osDisk: { osType: 'Windows' } } }
          : resource,
      ),
    };
    const run = runWithFakeCloud(toBash(buildSetupScript(plan)), windows);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('is not a Linux VM');
    expect(run.calls.map((call) => call.argv.slice(0, 3).join(' '))).not.toContain('vm run-command invoke');
    expect(run.stateAfter.resources).toEqual(run.stateBefore.resources);
    expect(run.stateAfter.roleAssignments).toEqual(run.stateBefore.roleAssignments);
  });
});

const SCALE_SET_LINK =
  'host=vmss&resourceGroup=rg-orders&hostName=vmss-orders&appId=orders-api&m.vaultName=kv-orders&c2.component=state.azure.blobstorage&c2.m.accountName=storders&c2.m.containerName=state';
/** Storage Blob Data Contributor: the second grant, which the first run below cannot make. */
const STORAGE_ROLE = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe';

function instanceUpdates(state: { resources: readonly Record<string, unknown>[] }): unknown {
  return state.resources.find((resource) => resource.name === 'vmss-orders')?.instanceUpdates;
}

// Two runs, the second through the verify step's Run Command checks of each instance: slower than the default 5 s.
describe(
  'VMSS: under Manual, the instances are updated even when a grant stops the first run',
  { timeout: 120_000 },
  () => {
    const plan = buildPlan(parseShareLink('', SCALE_SET_LINK).config);
    const script = toBash(buildSetupScript(plan));
    const seed = seedFromPlan(plan);

    it('updates them right after the assign, so the re-run that finds the identity unchanged needs not', () => {
      // A grant that fails (as a 403 would): the fake does not know the role, so the script stops there.
      const { [STORAGE_ROLE]: storageRole, ...withoutStorageRole } = seed.roleDefinitions;
      expect(storageRole).toBeDefined();
      const first = runWithFakeCloud(script, { ...seed, roleDefinitions: withoutStorageRole });
      expect(first.status).not.toBe(0);
      expect(first.stderr).toContain("doesn't exist");
      expect(instanceUpdates(first.stateAfter)).toBe(1);

      const second = runWithFakeCloud(script, { ...first.stateAfter, roleDefinitions: seed.roleDefinitions });
      expect(second.status).toBe(0);
      expect(instanceUpdates(second.stateAfter)).toBe(1);
      expect(second.stdout).toContain('so its instances are not updated');
      // The line that lists instances still on an older model is printed, ready to run.
      expect(second.stdout).toContain(
        "az vmss list-instances --name vmss-orders --resource-group rg-orders --query '[?!latestModelApplied].instanceId' -o tsv",
      );
    });

    it('says in a dry run what a real run would do, and updates nothing', () => {
      const dry = runWithFakeCloud(script, seed, { env: { DRY_RUN: '1' } });
      expect(dry.status).toBe(0);
      expect(dry.stdout).toContain('DRY RUN: a dry run does not assign the identity');
      expect(dry.stdout).not.toContain('so its instances are not updated');
      expect(instanceUpdates(dry.stateAfter)).toBeUndefined();
    });
  },
);
