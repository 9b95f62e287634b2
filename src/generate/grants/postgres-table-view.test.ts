/**
 * Dapr's PostgreSQL configuration store takes its table only from pg_tables, which lists no views: a view of
 * the table's name passes a plain to_regclass lookup but fails Dapr's init. The setup stops on it before any
 * grant, and goes on once a table of that name is there.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import type { FakeCloudState } from '../../test-support/fake-cloud/seed';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import { buildSetupScript } from '../az-script';
import { buildPlan } from '../plan/build-plan';
import { toBash } from '../to-bash';

afterAll(removeFakeCloudRuns);

const POSTGRES = 'Microsoft.DBforPostgreSQL/flexibleServers';
const LINK =
  'host=vm&identity=user&resourceGroup=rg-orders&hostName=vm-orders&identityName=id-orders&appId=orders-api' +
  '&component=configuration.postgresql&name=pg-config&m.host=pg-orders.postgres.database.azure.com' +
  '&m.database=orders&m.table=appconfig';

type Databases = Record<string, { tables?: string[]; views?: string[] }>;

/** The seed with the database orders holding these tables and views. */
function withRelations(
  state: FakeCloudState,
  relations: { tables: string[]; views: string[] },
): FakeCloudState {
  const copy = JSON.parse(JSON.stringify(state)) as FakeCloudState;
  const server = copy.resources.find((resource) => resource.type === POSTGRES) as
    { databases?: Databases } | undefined;
  if (!server) throw new Error('No PostgreSQL server in the state');
  (server.databases ??= {}).orders = relations;
  return copy;
}

describe('the configuration store table check', { timeout: 300_000 }, () => {
  const plan = buildPlan(parseShareLink('', LINK).config);
  const script = toBash(buildSetupScript(plan));

  it('stops before any grant when appconfig is a view', () => {
    const run = runWithFakeCloud(
      script,
      withRelations(seedFromPlan(plan), { tables: [], views: ['appconfig'] }),
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'a view of that name, or a table in a schema off the search path, does not count',
    );
    const grants = run.calls.filter(
      (call) => call.program === 'psql' && call.argv.some((word) => word.includes('GRANT')),
    );
    expect(grants).toEqual([]);
  });

  it('stops when a view appconfig on the search path hides a table appconfig in another schema', () => {
    // pg_tables lists the other schema's table, as Dapr's lookup finds it; the GRANT and Dapr's reads take
    // the name by the search path, which gives the view.
    const run = runWithFakeCloud(
      script,
      withRelations(seedFromPlan(plan), { tables: ['appconfig'], views: ['appconfig'] }),
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('No table appconfig is on the search path');
  });

  it('goes on when appconfig is a table', () => {
    const run = runWithFakeCloud(
      script,
      withRelations(seedFromPlan(plan), { tables: ['appconfig'], views: [] }),
    );
    expect(run.status, run.stderr).toBe(0);
  });
});
