/**
 * A resource deleted since the setup took its grants with it (role assignments, access policies, data-plane
 * assignments, database users): the teardown looks each one up, tolerantly, says it is gone and skips its
 * steps, instead of stopping at the first keyvault show, access-policy-assignment list, cosmosdb sql role
 * assignment list, psql or sqlcmd that cannot reach it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import type { FakeCloudState } from '../../test-support/fake-cloud/seed';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { loadGoldenScenarios } from '../../test-support/golden';
import { buildPlan } from '../plan/build-plan';

afterAll(removeFakeCloudRuns);

const SLOW = { timeout: 300_000 };
const ASK_FOR_ALL = { DELETE_IDENTITY: '1', REMOVE_SYSTEM_IDENTITY: '1' };

/** The ARM type of each resource kind whose grants are data-plane or database grants. */
const GONE = {
  'Key Vault': 'Microsoft.KeyVault/vaults',
  'Azure Cache for Redis': 'Microsoft.Cache/Redis',
  'Cosmos DB account': 'Microsoft.DocumentDB/databaseAccounts',
  'PostgreSQL server': 'Microsoft.DBforPostgreSQL/flexibleServers',
  'Azure SQL server': 'Microsoft.Sql/servers',
} as const;

/** Golden scenarios whose grants cover every kind above. */
const SCENARIOS = ['vm-user-accesspolicy', 'grants-redis-cosmos', 'aca-catalog-databases'];

function withoutResources(state: FakeCloudState, types: readonly string[]): FakeCloudState {
  return { ...state, resources: state.resources.filter((resource) => !types.includes(resource.type)) };
}

describe('teardown after a granted resource was deleted', SLOW, () => {
  const scenarios = loadGoldenScenarios().filter((scenario) => SCENARIOS.includes(scenario.name));

  it('covers every data-plane and database resource kind', () => {
    const types = new Set(
      scenarios.flatMap((scenario) => {
        const seed = seedFromPlan(buildPlan(parseShareLink('', scenario.link).config));
        return seed.resources.map((resource) => resource.type);
      }),
    );
    for (const type of Object.values(GONE)) expect(types).toContain(type);
  });

  for (const scenario of scenarios) {
    it(`${scenario.name}: skips each one that is gone, says so, and takes back the rest`, () => {
      const plan = buildPlan(parseShareLink('', scenario.link).config);
      const first = runWithFakeCloud(scenario.outputs['setup.sh'] ?? '', seedFromPlan(plan));
      expect(first.status, first.stderr).toBe(0);
      const present = Object.entries(GONE).filter(([, type]) =>
        first.stateAfter.resources.some((resource) => resource.type === type),
      );
      expect(present.length).toBeGreaterThan(0);
      const deleted = withoutResources(
        first.stateAfter,
        present.map(([, type]) => type),
      );
      const teardown = scenario.outputs['teardown.sh'] ?? '';
      const down = runWithFakeCloud(teardown, deleted, { workDir: first.workDir, env: ASK_FOR_ALL });
      expect(down.status, down.stderr).toBe(0);
      for (const [title] of present) expect(down.stdout).toContain(`The ${title} `);
      // Nothing reached for a data plane that is gone.
      expect(down.calls.filter((call) => call.program === 'psql' || call.program === 'sqlcmd')).toEqual([]);
      // The identity the setup created still went.
      expect(
        down.stateAfter.resources.some(
          (resource) => resource.type === 'Microsoft.ManagedIdentity/userAssignedIdentities',
        ),
      ).toBe(false);
      const again = runWithFakeCloud(teardown, down.stateAfter, { workDir: first.workDir, env: ASK_FOR_ALL });
      expect(again.status, again.stderr).toBe(0);
      expect(again.stateAfter).toEqual(down.stateAfter);
    });
  }
});
