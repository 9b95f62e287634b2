import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import { fakeAccount, fakeResource } from '../../test-support/fake-cloud/seed';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { buildSetupScript } from '../az-script';
import { buildPlan } from '../plan/build-plan';
import { toBash } from '../to-bash';
import { buildTeardownScript } from './teardown-script';

const teardown = (link: string) => toBash(buildTeardownScript(buildPlan(parseShareLink('', link).config)));
const VM_USER =
  'host=vm&identity=user&resourceGroup=rg-orders&hostName=vm-orders&appId=orders-api&identityName=id-orders&m.vaultName=kv-orders';

describe('taking a user-assigned identity off the host', () => {
  it('says that an identity which existed before stays attached, with the command to take it off', () => {
    const script = teardown(`${VM_USER}&clientId=6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b`);
    expect(script).toContain('so it stays attached to the VM, though the setup attached it');
    expect(script).toContain(
      'az vm identity remove --name ${VM_NAME} --resource-group ${RESOURCE_GROUP} --identities ${IDENTITY_ID}',
    );
  });
});

afterAll(removeFakeCloudRuns);

/** Each test runs the setup and two or three teardowns in Bash against the fake cloud. */
const FAKE_CLOUD_TIMEOUT_MS = 60_000;

const STAYS_ATTACHED = 'stays attached to the VM, though the setup attached it';

/** The setup, then the teardown twice, against the fake cloud from `seed` (the plan's world by default). */
function setupThenTeardowns(link: string, editSeed = (seed: ReturnType<typeof seedFromPlan>) => seed) {
  const plan = buildPlan(parseShareLink('', link).config);
  const setup = runWithFakeCloud(toBash(buildSetupScript(plan)), editSeed(seedFromPlan(plan)));
  expect(setup.status, setup.stderr).toBe(0);
  const script = toBash(buildTeardownScript(plan));
  const first = runWithFakeCloud(script, setup.stateAfter);
  expect(first.status, first.stderr).toBe(0);
  return { setup, first, script };
}

describe('the note that an identity which existed before stays attached, run against the fake cloud', () => {
  it(
    'is not printed for the identity the setup created: the teardown detaches it, then has nothing to say',
    () => {
      const { first, script } = setupThenTeardowns(VM_USER);
      expect(first.calls.map((call) => call.argv.slice(0, 3).join(' '))).toContain('vm identity remove');
      expect(first.stdout).not.toContain(STAYS_ATTACHED);
      const again = runWithFakeCloud(script, first.stateAfter);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout).not.toContain(STAYS_ATTACHED);
    },
    FAKE_CLOUD_TIMEOUT_MS,
  );

  it(
    'is printed for an untagged identity of the same name, which the teardown leaves attached',
    () => {
      const existing = fakeResource('identity', 'rg-orders', 'id-orders', {
        clientId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
        principalId: '4e3d2c1b-0a9f-4e8d-8c7b-6a5f4e3d2c1b',
        tenantId: fakeAccount().tenantId,
      });
      const { first } = setupThenTeardowns(VM_USER, (seed) => ({
        ...seed,
        resources: [...seed.resources, existing],
      }));
      expect(first.calls.map((call) => call.argv.slice(0, 3).join(' '))).not.toContain('vm identity remove');
      expect(first.stdout).toContain(
        `The identity existed before the setup (it has no createdBy=dapr-mi-wizard tag), so it ${STAYS_ATTACHED}. If it was not attached before, take it off: az vm identity remove --name vm-orders --resource-group rg-orders --identities ${existing.id}`,
      );
    },
    FAKE_CLOUD_TIMEOUT_MS,
  );

  it(
    'is not printed once the identity is gone (no id to name) or no longer attached',
    () => {
      const link = `${VM_USER}&clientId=6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b`;
      const { setup, first, script } = setupThenTeardowns(link);
      expect(first.stdout).toContain(STAYS_ATTACHED);
      const gone = {
        ...setup.stateAfter,
        resources: setup.stateAfter.resources.filter((resource) => resource.name !== 'id-orders'),
      };
      const withoutIdentity = runWithFakeCloud(script, gone);
      expect(withoutIdentity.status, withoutIdentity.stderr).toBe(0);
      expect(withoutIdentity.stdout).not.toContain(STAYS_ATTACHED);
      const detached = {
        ...setup.stateAfter,
        resources: setup.stateAfter.resources.map((resource) =>
          resource.name === 'vm-orders' ? { ...resource, identity: { type: 'None' } } : resource,
        ),
      };
      const notAttached = runWithFakeCloud(script, detached);
      expect(notAttached.status, notAttached.stderr).toBe(0);
      expect(notAttached.stdout).not.toContain(STAYS_ATTACHED);
    },
    FAKE_CLOUD_TIMEOUT_MS,
  );
});

describe('DELETE_IDENTITY=1 with a client id entered in the wizard', () => {
  it(
    'keeps the identity and says why, only when asked',
    () => {
      const link = `${VM_USER}&clientId=6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b`;
      const { first, script } = setupThenTeardowns(link);
      const kept =
        'Kept: the identity id-orders: its client id was entered in the wizard, so the setup did not create it.';
      expect(first.stdout).not.toContain(kept);
      const asked = runWithFakeCloud(script, first.stateAfter, { env: { DELETE_IDENTITY: '1' } });
      expect(asked.status, asked.stderr).toBe(0);
      expect(asked.stdout).toContain(kept);
      expect(asked.stateAfter.resources.some((resource) => resource.name === 'id-orders')).toBe(true);
      expect(asked.calls.map((call) => call.argv.slice(0, 2).join(' '))).not.toContain('identity delete');
    },
    FAKE_CLOUD_TIMEOUT_MS,
  );
});
