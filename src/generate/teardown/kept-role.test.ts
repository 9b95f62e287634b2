/**
 * A PostgreSQL role that owns a table (Dapr's state table, created signed in as the role) cannot be dropped:
 * the teardown takes back everything else, keeps the identity the role signs in as, and ends with status 1;
 * once an admin has reassigned the table (REASSIGN OWNED, simulated on the fake's state), the re-run
 * drops the role and finishes.
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

const SLOW = { timeout: 300_000 };
const ASK_FOR_ALL = { DELETE_IDENTITY: '1', REMOVE_SYSTEM_IDENTITY: '1' };
const POSTGRES = 'Microsoft.DBforPostgreSQL/flexibleServers';

const COMPONENT =
  '&appId=orders-api&component=state.postgresql&name=pg-state&m.host=pg-orders.postgres.database.azure.com&m.database=orders';
const USER_ASSIGNED = `host=vm&identity=user&resourceGroup=rg-orders&hostName=vm-orders&identityName=id-orders${COMPONENT}`;
const SYSTEM_ASSIGNED = `host=webapp&resourceGroup=rg-orders&hostName=orders-web${COMPONENT}`;

interface Database {
  tableOwners?: Record<string, string>;
}

function scripts(link: string): { setup: string; teardown: string; seed: FakeCloudState; role: string } {
  const plan = buildPlan(parseShareLink('', link).config);
  const setup = buildSetupScript(plan);
  return {
    setup: toBash(setup),
    teardown: toBash(buildTeardownScript(plan, undefined, setup)),
    seed: seedFromPlan(plan),
    role: plan.identity.displayName,
  };
}

function server(state: FakeCloudState): FakeResource & { roles?: Record<string, unknown> } {
  const found = state.resources.find((resource) => resource.type === POSTGRES);
  if (!found) throw new Error('No PostgreSQL server in the state');
  return found;
}

/** The state with `owner` owning (or, with undefined, no longer owning) Dapr's state table in orders. */
function withStateTableOwner(state: FakeCloudState, owner: string | undefined): FakeCloudState {
  const copy = JSON.parse(JSON.stringify(state)) as FakeCloudState;
  const databases = ((server(copy) as Record<string, unknown>).databases ??= {}) as Record<string, Database>;
  const orders = (databases.orders ??= {});
  if (owner === undefined) delete orders.tableOwners;
  else orders.tableOwners = { state: owner };
  return copy;
}

const hasIdentityResource = (state: FakeCloudState): boolean =>
  state.resources.some((resource) => resource.type === 'Microsoft.ManagedIdentity/userAssignedIdentities');

describe('a PostgreSQL role that owns the state table', SLOW, () => {
  for (const [identity, link] of [
    ['user-assigned', USER_ASSIGNED],
    ['system-assigned', SYSTEM_ASSIGNED],
  ] as const) {
    it(`${identity}: the teardown does everything else, keeps the identity, exits 1; the re-run after REASSIGN OWNED finishes`, () => {
      const { setup, teardown, seed, role } = scripts(link);
      const first = runWithFakeCloud(setup, seed);
      expect(first.status, first.stderr).toBe(0);
      const used = withStateTableOwner(first.stateAfter, role);

      const down = runWithFakeCloud(teardown, used, { workDir: first.workDir, env: ASK_FOR_ALL });
      expect(down.status).toBe(1);
      expect(down.stderr).toContain('cannot be dropped because some objects depend on it');
      expect(down.stderr).toContain('The teardown is not complete');
      // The role and what it signs in as are kept; everything else went.
      expect(server(down.stateAfter).roles?.[role]).toBeDefined();
      const removals = down.calls.map((call) => call.argv.slice(0, 3).join(' '));
      if (identity === 'user-assigned') {
        expect(hasIdentityResource(down.stateAfter)).toBe(true);
        expect(removals).not.toContain('identity delete --name');
        // Taken off the VM all the same: the role matches the object id, not the attachment.
        expect(removals).toContain('vm identity remove');
      } else {
        expect(removals).not.toContain('webapp identity remove');
        const site = down.stateAfter.resources.find((resource) => resource.name === 'orders-web');
        expect((site?.identity as { principalId?: string } | undefined)?.principalId).toBeTruthy();
      }
      expect(
        down.calls.some((call) => call.program === 'psql' && call.argv.join(' ').includes('REVOKE')),
      ).toBe(true);

      // An admin reassigns the table (REASSIGN OWNED BY ... TO ...): the re-run finds the same identity.
      const reassigned = withStateTableOwner(down.stateAfter, undefined);
      const again = runWithFakeCloud(teardown, reassigned, { workDir: first.workDir, env: ASK_FOR_ALL });
      expect(again.status, again.stderr).toBe(0);
      expect(server(again.stateAfter).roles?.[role]).toBeUndefined();
      if (identity === 'user-assigned') expect(hasIdentityResource(again.stateAfter)).toBe(false);
      else {
        const site = again.stateAfter.resources.find((resource) => resource.name === 'orders-web');
        expect((site?.identity as { principalId?: string } | undefined)?.principalId).toBeFalsy();
      }
    });
  }
});
