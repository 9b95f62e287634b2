/**
 * ACI takes an identity off a container group only by creating the group again, so the teardown must not
 * delete a user-assigned identity that a kept group still lists. Runs setup and teardown in the fake cloud.
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
});
