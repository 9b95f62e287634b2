/**
 * The fake psql and sqlcmd (py/db_psql.py, py/db_sqlcmd.py) behave like the real ones where the re-run and
 * teardown tests rely on it, the principal lookup and the SID check included.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeFakeCloudRuns } from './run';
import { fakeResource, FAKE_USER } from './seed';
import { SLOW, GROUP, TEST_CLIENT_ID, seed, run } from './fake-cloud-test-fixtures';

afterAll(removeFakeCloudRuns);

describe('psql and sqlcmd', SLOW, () => {
  const servers = () =>
    seed([
      fakeResource('postgres flexible-server', GROUP, 'pg-test', {
        authConfig: { activeDirectoryAuth: 'Enabled' },
        entraAdmins: [FAKE_USER],
      }),
      fakeResource('sql server', GROUP, 'sql-test', { entraAdmins: [FAKE_USER] }),
      fakeResource('identity', GROUP, 'id-test', { clientId: TEST_CLIENT_ID, principalId: 'oid-1' }),
    ]);
  const psql = (db: string, sql: string) =>
    `psql "host=pg-test.postgres.database.azure.com port=5432 dbname=${db} user=${FAKE_USER} sslmode=require" -v ON_ERROR_STOP=1 -c ${JSON.stringify(sql)}`;
  const token =
    'PGPASSWORD=$(az account get-access-token --resource-type oss-rdbms --query accessToken -o tsv)\nexport PGPASSWORD';
  const createRole =
    "SELECT pgaadauth_create_principal_with_oid('id-test', 'oid-1', 'service', false, false)";
  const guarded = `${createRole} WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'id-test');`;

  it('creates a role once behind its guard, and fails an unguarded second create', () => {
    const once = run(`${token}\n${psql('postgres', guarded)}\n${psql('postgres', guarded)}`, servers());
    expect(once.status).toBe(0);
    const twice = run(
      `${token}\n${psql('postgres', createRole)}\n${psql('postgres', createRole)}`,
      servers(),
    );
    expect(twice.status).toBe(1);
    expect(twice.stderr).toContain('role "id-test" already exists');
  });

  it('grants schema privileges that has_schema_privilege then reports', () => {
    const result = run(
      [
        token,
        psql('postgres', guarded),
        psql('orders', "SELECT has_schema_privilege('id-test', 'public', 'CREATE');"),
        psql('orders', 'GRANT USAGE, CREATE ON SCHEMA public TO "id-test";'),
        psql('orders', "SELECT has_schema_privilege('id-test', 'public', 'CREATE');"),
      ].join('\n'),
      servers(),
    );
    expect(result.stdout).toMatch(/ f\n\(1 row\)[\s\S]*GRANT[\s\S]* t\n\(1 row\)/);
  });

  it('answers whether a database is on the server: pg_database, and sys.databases in master', () => {
    const listed = () => {
      const state = servers();
      for (const resource of state.resources)
        if (resource.name === 'pg-test' || resource.name === 'sql-test')
          Object.assign(resource, { databases: { orders: {} } });
      return state;
    };
    const exists = (name: string) =>
      psql('postgres', `SELECT count(*) FROM pg_database WHERE datname = '${name}';`).replace(
        '-v ON_ERROR_STOP=1',
        '-X -tA -v ON_ERROR_STOP=1',
      );
    const pg = run(`${token}\n${exists('orders')}\n${exists('billing')}`, listed());
    expect(pg.status, pg.stderr).toBe(0);
    expect(pg.stdout).toBe('1\n0\n');
    const sqlExists = (name: string) =>
      `sqlcmd --server sql-test.database.windows.net --database-name master --authentication-method ActiveDirectoryAzCli --exit-on-error --headers -1 --query "SET NOCOUNT ON; SELECT COUNT(*) FROM sys.databases WHERE name = N'${name}';"`;
    const sql = run(`${sqlExists('orders')}\n${sqlExists('billing')}`, listed());
    expect(sql.status, sql.stderr).toBe(0);
    expect(sql.stdout.split('\n').map((line) => line.trim())).toEqual(['1', '0', '']);
    // A database the seed does not list cannot be opened.
    expect(run(`${token}\n${psql('billing', 'SELECT 1;')}`, listed()).stderr).toContain(
      'database "billing" does not exist',
    );
  });

  it('refuses a connection without the Entra token, and SQL it does not know', () => {
    expect(run(psql('postgres', guarded), servers()).status).toBe(2);
    expect(run(`${token}\n${psql('orders', 'DROP TABLE x;')}`, servers()).status).toBe(1);
  });

  it('sqlcmd: a guarded CREATE USER runs twice, an unguarded one fails the second time', () => {
    const sqlcmd = (query: string) =>
      `sqlcmd --server sql-test.database.windows.net --database-name orders --authentication-method ActiveDirectoryAzCli --exit-on-error --query ${JSON.stringify(query)}`;
    const guardedUser =
      "IF DATABASE_PRINCIPAL_ID(N'id-test') IS NULL CREATE USER [id-test] FROM EXTERNAL PROVIDER; ALTER ROLE db_datareader ADD MEMBER [id-test];";
    const twice = run(`${sqlcmd(guardedUser)}\n${sqlcmd(guardedUser)}`, servers());
    expect(twice.status).toBe(0);
    const server = twice.stateAfter.resources.find((resource) => resource.name === 'sql-test');
    expect(server?.['databases']).toEqual({
      orders: {
        users: { 'id-test': { type: 'external', sid: TEST_CLIENT_ID } },
        roleMembers: { db_datareader: ['id-test'] },
      },
    });
    const unguarded = 'CREATE USER [id-test] FROM EXTERNAL PROVIDER;';
    const failing = run(`${sqlcmd(unguarded)}\n${sqlcmd(unguarded)}`, servers());
    expect(failing.status).toBe(1);
    // go-sqlcmd prints server errors on its output stream (see db_sqlcmd.py sql_error).
    expect(failing.stdout).toContain(
      "User, group, or role 'id-test' already exists in the current database.",
    );
  });
});

describe('psql -tA, the principal lookup and the SID check', SLOW, () => {
  const servers = () =>
    seed([
      fakeResource('postgres flexible-server', GROUP, 'pg-test', {
        authConfig: { activeDirectoryAuth: 'Enabled' },
        entraAdmins: [FAKE_USER],
        roles: { 'id-test': { objectId: 'oid-1', type: 'service' } },
        databases: { postgres: {}, orders: { schemaPrivileges: { 'id-test': { public: ['USAGE'] } } } },
      }),
      fakeResource('sql server', GROUP, 'sql-test', { entraAdmins: [FAKE_USER] }),
      fakeResource('identity', GROUP, 'id-test', { clientId: TEST_CLIENT_ID, principalId: 'oid-1' }),
    ]);
  const token =
    'PGPASSWORD=$(az account get-access-token --resource-type oss-rdbms --query accessToken -o tsv)\nexport PGPASSWORD';
  const psqlTA = (db: string, sql: string) =>
    `psql "host=pg-test.postgres.database.azure.com port=5432 dbname=${db} user=${FAKE_USER} sslmode=require" -X -tA -v ON_ERROR_STOP=1 -c ${JSON.stringify(sql)}`;

  it('prints bare values with -tA: an AND of privilege checks, a mapped object id, nothing for no row', () => {
    const result = run(
      [
        token,
        psqlTA('orders', "SELECT has_schema_privilege('id-test', 'public', 'USAGE');"),
        psqlTA(
          'orders',
          "SELECT has_schema_privilege('id-test', 'public', 'USAGE') AND has_schema_privilege('id-test', 'public', 'CREATE');",
        ),
        psqlTA(
          'postgres',
          "SELECT p.object_id FROM pg_catalog.pgaadauth_list_principals(false) AS p(role_name, principal_type, object_id) WHERE p.role_name = 'id-test';",
        ),
        psqlTA(
          'postgres',
          "SELECT p.object_id FROM pg_catalog.pgaadauth_list_principals(false) AS p(role_name, principal_type, object_id) WHERE p.role_name = 'other';",
        ),
        'echo end',
      ].join('\n'),
      servers(),
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('t\nf\noid-1\nend\n');
  });

  it('refuses an option it does not know', () => {
    const result = run(
      `${token}\npsql "host=pg-test.postgres.database.azure.com dbname=x" -tZ -c 'SELECT 1'`,
      servers(),
    );
    expect(result.status).toBe(2);
  });

  it('sqlcmd keeps the client id as the SID and stops a batch when a user has another', () => {
    const sqlcmd = (query: string) =>
      `sqlcmd --server sql-test.database.windows.net --database-name orders --authentication-method ActiveDirectoryAzCli --exit-on-error --query ${JSON.stringify(query)}`;
    const check = (clientId: string) =>
      `IF EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'id-test' AND sid <> CAST(CAST('${clientId}' AS uniqueidentifier) AS varbinary(16))) THROW 50000, N'another identity''s user', 1; IF DATABASE_PRINCIPAL_ID(N'id-test') IS NULL CREATE USER [id-test] FROM EXTERNAL PROVIDER;`;
    const same = run(`${sqlcmd(check(TEST_CLIENT_ID))}\n${sqlcmd(check(TEST_CLIENT_ID))}`, servers());
    expect(same.status, same.stderr).toBe(0);
    const other = run(
      `${sqlcmd(check(TEST_CLIENT_ID))}\n${sqlcmd(check('00000000-0000-4000-8000-000000000001'))}`,
      servers(),
    );
    expect(other.status).toBe(1);
    expect(other.stdout).toContain("Msg 50000, Level 16, State 1, Line 1\nanother identity's user");
  });

  it('sqlcmd creates a user WITH OBJECT_ID by the object id, whatever its name, and refuses an unknown one', () => {
    const sqlcmd = (query: string) =>
      `sqlcmd --server sql-test.database.windows.net --database-name orders --authentication-method ActiveDirectoryAzCli --exit-on-error --query ${JSON.stringify(query)}`;
    const byId = (objectId: string) =>
      `IF DATABASE_PRINCIPAL_ID(N'alias') IS NULL CREATE USER [alias] FROM EXTERNAL PROVIDER WITH OBJECT_ID = '${objectId}';`;
    const known = run(sqlcmd(byId('oid-1')), servers());
    expect(known.status, known.stdout).toBe(0);
    const server = known.stateAfter.resources.find((resource) => resource.name === 'sql-test');
    expect(server?.['databases']).toEqual({
      orders: { users: { alias: { type: 'external', sid: TEST_CLIENT_ID } } },
    });
    const unknown = run(sqlcmd(byId('oid-unknown')), servers());
    expect(unknown.status).toBe(1);
    expect(unknown.stdout).toContain("Msg 37545, Level 16, State 1, Line 1\n'' is not a valid object id");
  });

  it('answers host names in the cloud az cloud set chose', () => {
    const china = servers();
    const chinaHost = 'pg-test.postgres.database.chinacloudapi.cn';
    const connect = (host: string) =>
      `psql "host=${host} port=5432 dbname=orders user=${FAKE_USER} sslmode=require" -X -tA -c "SELECT has_schema_privilege('id-test', 'public', 'USAGE');"`;
    const before = run(`${token}\n${connect(chinaHost)}`, china);
    expect(before.status).toBe(2);
    const after = run(
      `az cloud set --name AzureChinaCloud\n${token}\n${connect(chinaHost)}\n${connect('pg-test.postgres.database.azure.com')} || echo public refused`,
      china,
    );
    expect(after.stdout).toBe('t\npublic refused\n');
  });
});
