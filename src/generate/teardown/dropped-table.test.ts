/**
 * A table dropped since the setup (the PostgreSQL configuration store's table) holds no grant to take back:
 * the teardown looks it up first and skips its REVOKE, which psql would end with "relation ... does not
 * exist", and takes back everything else.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import type { FakeCloudState } from '../../test-support/fake-cloud/seed';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { buildSetupScript } from '../az-script';
import { buildPlan } from '../plan/build-plan';
import { toBash } from '../to-bash';
import { buildTeardownScript } from './teardown-script';

afterAll(removeFakeCloudRuns);

const POSTGRES = 'Microsoft.DBforPostgreSQL/flexibleServers';
const LINK =
  'host=vm&identity=user&resourceGroup=rg-orders&hostName=vm-orders&identityName=id-orders&appId=orders-api' +
  '&component=configuration.postgresql&name=pg-config&m.host=pg-orders.postgres.database.azure.com' +
  '&m.database=orders&m.table=appconfig';

/** The state with the database orders holding no tables (appconfig dropped). */
function withoutTables(state: FakeCloudState): FakeCloudState {
  const copy = JSON.parse(JSON.stringify(state)) as FakeCloudState;
  const server = copy.resources.find((resource) => resource.type === POSTGRES) as
    { databases?: Record<string, { tables?: string[] }> } | undefined;
  if (!server) throw new Error('No PostgreSQL server in the state');
  const databases = (server.databases ??= {});
  (databases.orders ??= {}).tables = [];
  return copy;
}

describe('teardown after the configuration table was dropped', { timeout: 300_000 }, () => {
  it('skips the REVOKE on the table, drops the role and finishes', () => {
    const plan = buildPlan(parseShareLink('', LINK).config);
    const setup = buildSetupScript(plan);
    const first = runWithFakeCloud(toBash(setup), seedFromPlan(plan));
    expect(first.status, first.stderr).toBe(0);
    const teardown = toBash(buildTeardownScript(plan, undefined, setup));
    const down = runWithFakeCloud(teardown, withoutTables(first.stateAfter), { workDir: first.workDir });
    expect(down.status, down.stderr).toBe(0);
    const statements = down.calls
      .filter((call) => call.program === 'psql')
      .map((call) => call.argv.join(' '));
    expect(statements.some((statement) => statement.includes('ON TABLE appconfig'))).toBe(false);
    expect(statements.some((statement) => statement.includes('DROP ROLE'))).toBe(true);
    const server = down.stateAfter.resources.find((resource) => resource.type === POSTGRES) as
      { roles?: Record<string, unknown> } | undefined;
    expect(server?.roles?.[plan.identity.displayName]).toBeUndefined();
  });
});
