/**
 * AKS setup and teardown against the fake cloud where the world is not as the setup left it: a federated
 * credential of the setup's name that another cluster relies on, a cluster that is gone, a ServiceAccount of
 * the user's own.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import type { FakeCloudState } from '../../test-support/fake-cloud/seed';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { buildSetupScript } from '../az-script';
import { buildPlan } from '../plan/build-plan';
import { buildTeardownScript } from '../teardown/teardown-script';
import { toBash } from '../to-bash';

afterAll(removeFakeCloudRuns);

const LINK =
  'host=aks&resourceGroup=rg-orders&hostName=aks-prod&identityName=id-orders&namespace=orders&serviceAccount=orders-api&deployment=orders-api&appId=orders-api&m.vaultName=kv-orders';
const TIMEOUT_MS = 300_000;

type Json = Record<string, unknown>;

function scripts(link = LINK) {
  const plan = buildPlan(parseShareLink('', link).config);
  const setup = buildSetupScript(plan);
  return { plan, setup: toBash(setup), teardown: toBash(buildTeardownScript(plan, undefined, setup)) };
}

function clone(state: FakeCloudState): FakeCloudState & { resources: Json[] } {
  return JSON.parse(JSON.stringify(state)) as FakeCloudState & { resources: Json[] };
}

function credentials(state: FakeCloudState): Record<string, Json> {
  const identity = (state.resources as readonly Json[]).find((resource) => resource.name === 'id-orders');
  return (identity?.federatedIdentityCredentials ?? {}) as Record<string, Json>;
}

const OTHER_ISSUER = 'https://westeurope.oic.prod-aks.azure.com/tenant/other-cluster/';

describe('AKS federated credential of the setup name', () => {
  it(
    'the setup stops rather than re-point one that trusts another issuer, and the teardown keeps it',
    () => {
      const { plan, setup, teardown } = scripts();
      const first = runWithFakeCloud(setup, seedFromPlan(plan), { timeoutMs: TIMEOUT_MS });
      expect(first.status, first.stderr).toBe(0);
      // Another cluster's issuer now holds the credential of this name (the identity is shared).
      const shared = clone(first.stateAfter);
      const credential = credentials(shared)['dapr-orders-orders-api'];
      expect(credential).toBeDefined();
      if (credential) credential.issuer = OTHER_ISSUER;
      const again = runWithFakeCloud(setup, shared, { workDir: first.workDir, timeoutMs: TIMEOUT_MS });
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('already has a federated credential named dapr-orders-orders-api');
      expect(credentials(again.stateAfter)['dapr-orders-orders-api']?.issuer).toBe(OTHER_ISSUER);
      const down = runWithFakeCloud(teardown, shared, { workDir: first.workDir, timeoutMs: TIMEOUT_MS });
      expect(down.status, down.stderr).toBe(0);
      expect(credentials(down.stateAfter)['dapr-orders-orders-api']?.issuer).toBe(OTHER_ISSUER);
    },
    TIMEOUT_MS,
  );
});
