/**
 * The wizard's releases before the Redis assignment name fitted the API's rule named it after the identity
 * with '_' made '-'. A setup from then finds its assignment by principal and policy and makes no new one, so
 * the teardown of this release must take that earlier name too, and leave the assignment of any other name.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import type { FakeCloudState, FakeResource } from '../../test-support/fake-cloud/seed';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { buildSetupScript } from '../az-script';
import { buildPlan } from '../plan/build-plan';
import { toBash } from '../to-bash';
import { buildTeardownScript } from './teardown-script';

afterAll(removeFakeCloudRuns);

const LINK =
  'host=vm&identity=user&resourceGroup=rg-orders&hostName=vm-orders&identityName=id_orders&appId=orders-api' +
  '&component=state.redis&name=redis-state&m.redisHost=redis-orders.redis.cache.windows.net:6380';

type Assignments = Record<string, { name: string; objectId: string; accessPolicyName: string }>;

function cache(state: FakeCloudState): FakeResource & { accessPolicyAssignments?: Assignments } {
  const found = state.resources.find((resource) => resource.type === 'Microsoft.Cache/Redis');
  if (!found) throw new Error('No Redis cache in the state');
  return found;
}

/** The state with the setup's assignment renamed to `name`, as a setup of another release would have made it. */
function renamed(state: FakeCloudState, name: string): FakeCloudState {
  const copy = JSON.parse(JSON.stringify(state)) as FakeCloudState;
  const assignments = cache(copy).accessPolicyAssignments ?? {};
  const [made] = Object.values(assignments);
  if (!made) throw new Error('The setup made no assignment');
  cache(copy).accessPolicyAssignments = { [name]: { ...made, name } };
  return copy;
}

describe('the Redis teardown and the assignment name of an earlier release', { timeout: 300_000 }, () => {
  const plan = buildPlan(parseShareLink('', LINK).config);
  const setup = buildSetupScript(plan);
  const teardown = toBash(buildTeardownScript(plan, undefined, setup));

  it('takes the assignment a setup of an earlier release named id-orders', () => {
    const first = runWithFakeCloud(toBash(setup), seedFromPlan(plan));
    expect(first.status, first.stderr).toBe(0);
    expect(Object.keys(cache(first.stateAfter).accessPolicyAssignments ?? {})).toEqual([
      expect.stringMatching(/^id-orders-[0-9a-f]{8}$/),
    ]);
    const down = runWithFakeCloud(teardown, renamed(first.stateAfter, 'id-orders'), {
      workDir: first.workDir,
    });
    expect(down.status, down.stderr).toBe(0);
    expect(cache(down.stateAfter).accessPolicyAssignments ?? {}).toEqual({});
  });

  it('keeps an assignment of another name, though it gives this identity the same policy', () => {
    const first = runWithFakeCloud(toBash(setup), seedFromPlan(plan));
    expect(first.status, first.stderr).toBe(0);
    const down = runWithFakeCloud(teardown, renamed(first.stateAfter, 'made-by-hand'), {
      workDir: first.workDir,
    });
    expect(down.status, down.stderr).toBe(0);
    expect(Object.keys(cache(down.stateAfter).accessPolicyAssignments ?? {})).toEqual(['made-by-hand']);
  });
});
