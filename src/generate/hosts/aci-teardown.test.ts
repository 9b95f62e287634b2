/**
 * ACI takes an identity off a container group only by creating the group again, so the teardown must not
 * delete a user-assigned identity that a kept group still lists, and a dry run must say where a real run
 * stops. The group goes only while it carries the setup's tag. Runs setup and teardown in the fake cloud.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { RESOURCE_TYPES, type FakeCloudState } from '../../test-support/fake-cloud/seed';
import { buildSetupScript } from '../az-script';
import { buildPlan } from '../plan/build-plan';
import { buildTeardownScript } from '../teardown/teardown-script';
import { toBash } from '../to-bash';

afterAll(removeFakeCloudRuns);

const ACI_USER =
  'host=aci&identity=user&resourceGroup=rg-orders&hostName=orders-group&identityName=id-orders&location=westeurope&appId=orders-api&m.vaultName=kv-orders&image=mcr.microsoft.com%2Fazuredocs%2Faci-helloworld%3Alatest&appPort=80';

const identities = (state: FakeCloudState) =>
  state.resources.filter((resource) => resource.type === RESOURCE_TYPES.identity);
const groups = (state: FakeCloudState) =>
  state.resources.filter((resource) => resource.type === 'Microsoft.ContainerInstance/containerGroups');

function setUp(): { teardown: string; after: FakeCloudState } {
  const plan = buildPlan(parseShareLink('', ACI_USER).config);
  const setup = runWithFakeCloud(toBash(buildSetupScript(plan)), seedFromPlan(plan));
  expect(setup.status, setup.stderr).toBe(0);
  return { teardown: toBash(buildTeardownScript(plan)), after: setup.stateAfter };
}

/** The same group as the user would make it from their own file, daprd and identity included: no tags. */
function withoutGroupTags(state: FakeCloudState): FakeCloudState {
  const resources = state.resources.map((resource) => {
    if (resource.type !== 'Microsoft.ContainerInstance/containerGroups') return resource;
    const untagged: Record<string, unknown> = { ...resource };
    delete untagged.tags;
    return untagged as typeof resource;
  });
  return { ...state, resources };
}

describe('ACI teardown and the user-assigned identity', { timeout: 180_000 }, () => {
  it('keeps the identity while the kept group still uses it, and deletes it with the group', () => {
    const plan = buildPlan(parseShareLink('', ACI_USER).config);
    const setup = runWithFakeCloud(toBash(buildSetupScript(plan)), seedFromPlan(plan));
    expect(setup.status, setup.stderr).toBe(0);
    const teardown = toBash(buildTeardownScript(plan));

    const kept = runWithFakeCloud(teardown, setup.stateAfter, { env: { DELETE_IDENTITY: '1' } });
    expect(kept.status).toBe(1);
    expect(kept.stderr).toContain('still uses the identity');
    expect(identities(kept.stateAfter)).toHaveLength(1);

    const both = runWithFakeCloud(teardown, kept.stateAfter, {
      env: { DELETE_IDENTITY: '1', DELETE_CONTAINER_GROUP: '1' },
    });
    expect(both.status, both.stderr).toBe(0);
    expect(identities(both.stateAfter)).toEqual([]);
  });

  it('in a dry run, checks the group still using the identity and says that a real run stops', () => {
    const { teardown, after } = setUp();
    const dry = runWithFakeCloud(teardown, after, { env: { DRY_RUN: '1', DELETE_IDENTITY: '1' } });
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('DRY RUN: a real run stops here');
    expect(dry.stdout).toContain('still uses the identity');
    expect(dry.stateAfter).toEqual(after);
  });

  it('in a dry run that deletes the setup group, finds nothing in the way and prints both deletes', () => {
    const { teardown, after } = setUp();
    const dry = runWithFakeCloud(teardown, after, {
      env: { DRY_RUN: '1', DELETE_IDENTITY: '1', DELETE_CONTAINER_GROUP: '1' },
    });
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).not.toContain('a real run stops here');
    expect(dry.stderr).toContain('DRY RUN, not run: az container delete');
    expect(dry.stderr).toContain('DRY RUN, not run: az identity delete');
    expect(dry.stateAfter).toEqual(after);
  });

  it("keeps a group of the setup's name without the setup's tag, and says how to delete it", () => {
    const { teardown, after } = setUp();
    expect(groups(after).map((group) => group.tags)).toEqual([{ createdBy: 'dapr-mi-wizard' }]);
    const users = withoutGroupTags(after);
    const down = runWithFakeCloud(teardown, users, { env: { DELETE_CONTAINER_GROUP: '1' } });
    expect(down.status, down.stderr).toBe(0);
    expect(groups(down.stateAfter)).toHaveLength(1);
    expect(down.stdout).toContain('Kept: the container group orders-group, which has no tag');
    expect(down.stdout).toContain('az container delete --name orders-group --resource-group rg-orders --yes');
    // Kept, it still lists the identity: the identity stays too.
    const withIdentity = runWithFakeCloud(teardown, users, {
      env: { DELETE_CONTAINER_GROUP: '1', DELETE_IDENTITY: '1' },
    });
    expect(withIdentity.status).toBe(1);
    expect(withIdentity.stderr).toContain('still uses the identity');
    expect(identities(withIdentity.stateAfter)).toHaveLength(1);
  });
});
