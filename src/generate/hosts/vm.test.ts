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
