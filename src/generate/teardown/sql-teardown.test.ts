import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { buildSetupScript } from '../az-script';
import { buildPlan } from '../plan/build-plan';
import { toBash } from '../to-bash';
import { buildTeardownScript } from './teardown-script';

afterAll(removeFakeCloudRuns);

const LINK =
  'host=vm&resourceGroup=rg-orders&hostName=vm-orders&appId=orders-api&component=state.sqlserver&name=sql-state&m.host=sql-orders.database.windows.net&m.database=orders';

describe('SQL teardown, system-assigned identity: the client id is read only for a server still there', () => {
  it('asks Microsoft Graph nothing when the server is gone, and goes on to the rest', () => {
    const plan = buildPlan(parseShareLink('', LINK).config);
    const setup = runWithFakeCloud(toBash(buildSetupScript(plan)), seedFromPlan(plan));
    expect(setup.status, setup.stderr).toBe(0);
    const serverGone = {
      ...setup.stateAfter,
      resources: setup.stateAfter.resources.filter((resource) => resource.name !== 'sql-orders'),
    };
    const down = runWithFakeCloud(toBash(buildTeardownScript(plan)), serverGone);
    expect(down.status, down.stderr).toBe(0);
    const called = down.calls.map((call) => call.argv.slice(0, 3).join(' '));
    expect(called).not.toContain('ad sp show');
    expect(down.calls.filter((call) => call.program === 'sqlcmd')).toEqual([]);
  }, 60_000);

  it('reads it and drops the user while the server is there', () => {
    const plan = buildPlan(parseShareLink('', LINK).config);
    const setup = runWithFakeCloud(toBash(buildSetupScript(plan)), seedFromPlan(plan));
    expect(setup.status, setup.stderr).toBe(0);
    const down = runWithFakeCloud(toBash(buildTeardownScript(plan)), setup.stateAfter);
    expect(down.status, down.stderr).toBe(0);
    expect(down.calls.map((call) => call.argv.slice(0, 3).join(' '))).toContain('ad sp show');
    // The database is looked up through master first, then the user is dropped in it.
    const opened = down.calls
      .filter((call) => call.program === 'sqlcmd')
      .map((call) => call.argv[call.argv.indexOf('--database-name') + 1]);
    expect(opened).toEqual(['master', 'orders']);
  }, 60_000);
});
