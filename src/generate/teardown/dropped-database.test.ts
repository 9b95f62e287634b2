/**
 * A database dropped since the setup took its grants and users with it, and psql or sqlcmd could not open
 * it: the teardown looks the database up first (pg_database through postgres, sys.databases through master),
 * says it is gone, skips its statements and takes back the rest, on every run.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import type { FakeCloudState } from '../../test-support/fake-cloud/seed';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { loadGoldenScenarios } from '../../test-support/golden';
import { buildPlan } from '../plan/build-plan';

afterAll(removeFakeCloudRuns);

const POSTGRES = 'Microsoft.DBforPostgreSQL/flexibleServers';
const SQL = 'Microsoft.Sql/servers';

type Server = { databases?: Record<string, unknown>; anyDatabase?: boolean; roles?: Record<string, unknown> };

/** The state with only the databases the server lists (the fake's seeded mode), less `dropped`. */
function withDatabases(state: FakeCloudState, type: string, dropped: string[]): FakeCloudState {
  const copy = JSON.parse(JSON.stringify(state)) as FakeCloudState;
  const server = copy.resources.find((resource) => resource.type === type) as Server | undefined;
  if (!server?.databases) throw new Error(`No databases on the ${type} in the state`);
  delete server.anyDatabase;
  for (const name of dropped) {
    expect(Object.keys(server.databases)).toContain(name);
    delete server.databases[name];
  }
  return copy;
}

function setUp(name: string) {
  const scenario = loadGoldenScenarios().find((candidate) => candidate.name === name);
  if (!scenario) throw new Error(`No golden scenario ${name}`);
  const plan = buildPlan(parseShareLink('', scenario.link).config);
  const setup = runWithFakeCloud(scenario.outputs['setup.sh'] ?? '', seedFromPlan(plan));
  expect(setup.status, setup.stderr).toBe(0);
  return { plan, setup, teardown: scenario.outputs['teardown.sh'] ?? '' };
}

describe('teardown after a database was dropped', { timeout: 300_000 }, () => {
  it('PostgreSQL: skips the dropped database, revokes in the other and drops the role', () => {
    const { plan, setup, teardown } = setUp('grants-postgres-checks');
    const state = withDatabases(setup.stateAfter, POSTGRES, ['settings']);
    const down = runWithFakeCloud(teardown, state, { workDir: setup.workDir });
    expect(down.status, down.stderr).toBe(0);
    expect(down.stdout).toContain('The database settings on pg-orders is not there');
    const psql = down.calls.filter((call) => call.program === 'psql').map((call) => call.argv.join(' '));
    expect(psql.some((argv) => argv.includes('dbname=settings'))).toBe(false);
    expect(psql.some((argv) => argv.includes('dbname=orders') && argv.includes('REVOKE'))).toBe(true);
    const server = down.stateAfter.resources.find((resource) => resource.type === POSTGRES) as Server;
    expect(server.roles?.[plan.identity.displayName]).toBeUndefined();
    const again = runWithFakeCloud(teardown, down.stateAfter, { workDir: setup.workDir });
    expect(again.status, again.stderr).toBe(0);
  });

  it('Azure SQL: drops the user while its database is there, and skips it once dropped', () => {
    const { plan, setup, teardown } = setUp('grants-sql-system');
    const users = (state: FakeCloudState): unknown => {
      const server = state.resources.find((resource) => resource.type === SQL) as Server;
      return (server.databases?.orders as { users?: Record<string, unknown> } | undefined)?.users;
    };
    expect(users(setup.stateAfter)).toHaveProperty(plan.identity.displayName);
    const present = runWithFakeCloud(teardown, withDatabases(setup.stateAfter, SQL, []));
    expect(present.status, present.stderr).toBe(0);
    expect(users(present.stateAfter)).toEqual({});

    const gone = runWithFakeCloud(teardown, withDatabases(setup.stateAfter, SQL, ['orders']));
    expect(gone.status, gone.stderr).toBe(0);
    expect(gone.stdout).toContain('The database orders on sql-orders is not there');
    const opened = gone.calls
      .filter((call) => call.program === 'sqlcmd')
      .map((call) => call.argv[call.argv.indexOf('--database-name') + 1]);
    expect(opened).toEqual(['master']);
  });

  it("Azure SQL: a sign-in master refuses stops the teardown with sqlcmd's error and what to check", () => {
    const { setup, teardown } = setUp('grants-sql-system');
    const state = withDatabases(setup.stateAfter, SQL, []);
    const server = state.resources.find((resource) => resource.type === SQL) as { entraAdmins?: string[] };
    server.entraAdmins = [];
    const refused = runWithFakeCloud(teardown, state);
    expect(refused.status).toBe(1);
    // The captured lookup holds the error (sqlcmd writes it to stdout); the uncaptured one shows it.
    expect(refused.stdout).toContain('Login failed for user');
    expect(refused.stderr).toContain(
      'Could not read sys.databases in master on sql-orders (the error above)',
    );
    expect(refused.calls.filter((call) => call.program === 'sqlcmd')).toHaveLength(2);
  });
});
