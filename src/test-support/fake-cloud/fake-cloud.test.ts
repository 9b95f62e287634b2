/**
 * The fake cloud's stand-ins behave like the real tools where the re-run and teardown tests rely on it:
 * state persists between calls, --query is real JMESPath, output is formatted as knack formats it, repeated
 * creates do what the real service does, and anything the fake does not know fails loudly.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeFakeCloudRuns, runWithFakeCloud, type FakeCloudRun } from './run';
import {
  emptyState,
  fakeCluster,
  fakeResource,
  fakeResourceId,
  FAKE_USER,
  type FakeCloudState,
  type FakeResource,
} from './seed';

afterAll(removeFakeCloudRuns);

// Each test starts a few Python stand-ins; the machine is shared with other test runs.
const SLOW = { timeout: 60_000 };

const GROUP = 'rg-test';
const SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';
const VAULT_ID = fakeResourceId('keyvault', GROUP, 'kv-test');
const TEST_CLIENT_ID = '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';

function seed(resources: FakeResource[] = [], extra: Partial<FakeCloudState> = {}): FakeCloudState {
  return {
    ...emptyState([GROUP], { [SECRETS_USER]: 'Key Vault Secrets User' }),
    resources: [
      fakeResource('keyvault', GROUP, 'kv-test', { properties: { enableRbacAuthorization: true } }),
      ...resources,
    ],
    ...extra,
  };
}

const run = (script: string, state: FakeCloudState = seed()): FakeCloudRun =>
  runWithFakeCloud(`set -euo pipefail\n${script}`, state);

const grant = (principal: string) =>
  `az role assignment create --assignee-object-id ${principal} --assignee-principal-type ServicePrincipal ` +
  `--role ${SECRETS_USER} --scope ${VAULT_ID} -o none`;

describe('az: parsing and errors', SLOW, () => {
  it('fails a command it does not know with exit 2', () => {
    const result = run('az keyvault purge --name kv-test');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("ERROR: 'keyvault purge' is misspelled or not recognized by the system.");
  });

  it('fails a flag the command does not have with exit 2', () => {
    const result = run('az keyvault show --name kv-test --vault-id x');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unrecognized arguments: --vault-id x');
  });

  it('reads -n and -g as --name and --resource-group', () => {
    const result = run(`az keyvault show -n kv-test -g ${GROUP} --query name -o tsv`);
    expect(result.stdout).toBe('kv-test\n');
  });

  it('answers a missing resource as ARM does: (ResourceNotFound), exit 3', () => {
    const result = run(`az keyvault show --name kv-missing -g ${GROUP}`);
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(
      /^ERROR: \(ResourceNotFound\) The Resource 'Microsoft.KeyVault\/vaults\/kv-missing'/,
    );
  });

  it('refuses every command before az login', () => {
    const signedOut = seed();
    const result = run('az keyvault show --name kv-test', {
      ...signedOut,
      account: { ...signedOut.account, user: '' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Please run 'az login' to setup account.");
  });

  it('records every call in order', () => {
    const result = run('az keyvault show --name kv-test -o none\naz account show -o none');
    expect(result.calls).toEqual([
      { program: 'az', argv: ['keyvault', 'show', '--name', 'kv-test', '-o', 'none'] },
      { program: 'az', argv: ['account', 'show', '-o', 'none'] },
    ]);
  });
});

describe('az: --query and output formats', SLOW, () => {
  it('filters with JMESPath', () => {
    const result = run(
      [grant('11111111-1111-4111-8111-111111111111'), grant('22222222-2222-4222-8222-222222222222')].join(
        '\n',
      ) +
        `\naz role assignment list --scope ${VAULT_ID} --query "[?principalId=='22222222-2222-4222-8222-222222222222'].[principalId, roleDefinitionName]" -o json`,
    );
    expect(JSON.parse(result.stdout)).toEqual([
      ['22222222-2222-4222-8222-222222222222', 'Key Vault Secrets User'],
    ]);
  });

  it('prints tsv as knack does: booleans lowercase, a list one item per line, a row tab-separated', () => {
    const result = run(
      [
        'az keyvault show --name kv-test --query properties.enableRbacAuthorization -o tsv',
        'az keyvault show --name kv-test --query "[name, location]" -o tsv',
        'az keyvault show --name kv-test --query "[[name, location]]" -o tsv',
        'az keyvault show --name kv-test --query properties.missing -o tsv',
      ].join('\n'),
    );
    expect(result.stdout).toBe('true\nkv-test\nwesteurope\nkv-test\twesteurope\n');
  });

  it('prints json with sorted keys and two-space indent, and nothing for -o none', () => {
    const result = run(
      'az keyvault show --name kv-test --query "{z: name, a: location}" -o json\naz keyvault show --name kv-test -o none',
    );
    expect(result.stdout).toBe('{\n  "a": "westeurope",\n  "z": "kv-test"\n}\n');
  });

  it('fails a malformed query', () => {
    expect(run('az keyvault show --name kv-test --query "[?" -o tsv').status).toBe(2);
  });
});

describe('az: repeated changes behave as the service does', SLOW, () => {
  it('fails a second identical role assignment create, and keeps one assignment', () => {
    const principal = '11111111-1111-4111-8111-111111111111';
    const result = run(`${grant(principal)}\n${grant(principal)}`);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ERROR: (RoleAssignmentExists) The role assignment already exists.');
    expect(result.stateAfter.roleAssignments).toHaveLength(1);
  });

  it('updates an existing identity on identity create and keeps its ids', () => {
    const result = run(
      [
        `az identity create --name id-test -g ${GROUP} -o none`,
        `az identity show --name id-test -g ${GROUP} --query "[clientId, principalId]" -o tsv`,
        `az identity create --name id-test -g ${GROUP} --location northeurope -o none`,
        `az identity show --name id-test -g ${GROUP} --query "[clientId, principalId, location]" -o tsv`,
      ].join('\n'),
    );
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines.slice(2, 4)).toEqual(lines.slice(0, 2));
    expect(lines[4]).toBe('northeurope');
    expect(result.stateAfter.resources.filter((resource) => resource.name === 'id-test')).toHaveLength(1);
  });

  it('replaces a federated credential of the same name', () => {
    const credential = (subject: string) =>
      `az identity federated-credential create --name fc --identity-name id-test -g ${GROUP} --issuer https://issuer/ --subject ${subject} --audiences api://AzureADTokenExchange -o none`;
    const result = run(
      `az identity create --name id-test -g ${GROUP} -o none\n${credential('system:serviceaccount:a:b')}\n${credential('system:serviceaccount:a:c')}`,
    );
    const identity = result.stateAfter.resources.find((resource) => resource.name === 'id-test');
    expect(identity?.['federatedIdentityCredentials']).toMatchObject({
      fc: { subject: 'system:serviceaccount:a:c' },
    });
    expect(Object.keys(identity?.['federatedIdentityCredentials'] as object)).toEqual(['fc']);
  });

  it('merges Key Vault access policies by permission kind', () => {
    const vault = fakeResource('keyvault', GROUP, 'kv-policies', {
      properties: { enableRbacAuthorization: false },
    });
    const policy = (flag: string) =>
      `az keyvault set-policy --name kv-policies --object-id oid-1 ${flag} -o none`;
    const result = run(
      [
        policy('--secret-permissions get list'),
        policy('--key-permissions get unwrapKey'),
        policy('--secret-permissions get'),
        'az keyvault show --name kv-policies --query "properties.accessPolicies[?objectId==\'oid-1\'].permissions" -o json',
      ].join('\n'),
      seed([vault]),
    );
    expect(JSON.parse(result.stdout)).toEqual([{ keys: ['get', 'unwrapKey'], secrets: ['get'] }]);
  });

  it('creates a second Cosmos DB SQL role assignment for the same principal, role and scope', () => {
    const account = fakeResource('cosmosdb', GROUP, 'cosmos-test');
    const create =
      `az cosmosdb sql role assignment create --account-name cosmos-test -g ${GROUP} --scope / ` +
      '--principal-id oid-1 --role-definition-id 00000000-0000-0000-0000-000000000002 -o none';
    const result = run(
      `${create}\n${create}\naz cosmosdb sql role assignment list --account-name cosmos-test -g ${GROUP} --query "length(@)" -o tsv`,
      seed([account]),
    );
    expect(result.stdout).toBe('2\n');
  });

  it('keeps a VM system-assigned principal id across assigns, in the CLI shape', () => {
    const assign = `az vm identity assign --name vm-test -g ${GROUP} --query systemAssignedIdentity -o tsv`;
    const result = run(`${assign}\n${assign}`, seed([fakeResource('vm', GROUP, 'vm-test')]));
    const [first, second] = result.stdout.trim().split('\n');
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBe(first);
  });

  it('leaves the state as it was when a call fails', () => {
    const result = run(`az identity create --name id-test -g rg-missing -o none`);
    expect(result.status).toBe(3);
    expect(result.stateAfter).toEqual(result.stateBefore);
  });
});

describe('kubectl', SLOW, () => {
  const clusterSeed = (withDapr = true) =>
    seed([fakeResource('aks', GROUP, 'aks-test')], {
      kubernetes: {
        'aks-test': {
          ...fakeCluster(withDapr),
          logs: { 'orders/deployment/orders-api/daprd': ['level=info msg="component loaded"'] },
        },
      },
    });
  const credentials = `az aks get-credentials --name aks-test -g ${GROUP} --overwrite-existing`;
  const component = `apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: store\n  namespace: orders\nspec:\n  type: state.redis\n  version: v1\n`;
  const applyComponent = `kubectl apply -f - <<'YAML'\n${component}YAML`;
  const namespace = 'kubectl create namespace orders --dry-run=client -o yaml | kubectl apply -f -';

  it("prints the sidecar injector's image for a jsonpath, as the Dapr release check reads it", () => {
    const read = `${credentials}\nkubectl get deployment dapr-sidecar-injector --namespace dapr-system -o 'jsonpath={.spec.template.spec.containers[0].image}'`;
    const older = seed([fakeResource('aks', GROUP, 'aks-test')], {
      kubernetes: { 'aks-test': fakeCluster(true, '1.16.4') },
    });
    expect(run(read, older).stdout).toBe('ghcr.io/dapr/dapr:1.16.4');
    expect(run(read, clusterSeed()).stdout).toBe('ghcr.io/dapr/dapr:1.18.3');
    expect(run(read, clusterSeed(false)).status).toBe(1);
  });

  it('needs az aks get-credentials first', () => {
    expect(run('kubectl get crd components.dapr.io -o name', clusterSeed()).status).toBe(1);
  });

  it('reports the Dapr CRD only when installed', () => {
    expect(run(`${credentials}\nkubectl get crd components.dapr.io -o name`, clusterSeed()).stdout).toBe(
      'customresourcedefinition.apiextensions.k8s.io/components.dapr.io\n',
    );
    expect(run(`${credentials}\nkubectl get crd components.dapr.io -o name`, clusterSeed(false)).status).toBe(
      1,
    );
  });

  it('creates, then leaves unchanged, what apply is given twice', () => {
    const result = run(
      `${credentials}\n${namespace}\n${namespace}\n${applyComponent}\n${applyComponent}`,
      clusterSeed(),
    );
    expect(result.stdout).toBe(
      'namespace/orders created\nnamespace/orders unchanged\ncomponent.dapr.io/store created\ncomponent.dapr.io/store unchanged\n',
    );
    expect(run(`${credentials}\n${applyComponent}`, clusterSeed()).stderr).toContain(
      'namespaces "orders" not found',
    );
  });

  it('gets, deletes and no longer finds a component', () => {
    const result = run(
      `${credentials}\n${namespace}\n${applyComponent}\nkubectl get components.dapr.io store --namespace orders\n` +
        'kubectl delete components.dapr.io store --namespace orders\nkubectl get components.dapr.io store --namespace orders',
      clusterSeed(),
    );
    expect(result.stdout).toContain('NAME    AGE\nstore   1m\ncomponent.dapr.io "store" deleted\n');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('components.dapr.io "store" not found');
  });

  it('merges a patch file into a deployment', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'orders-api', namespace: 'orders' },
      spec: {
        template: {
          metadata: { labels: { app: 'orders' } },
          spec: { containers: [{ name: 'app', image: 'x' }] },
        },
      },
    };
    const cluster = fakeCluster();
    const state = seed([fakeResource('aks', GROUP, 'aks-test')], {
      kubernetes: {
        'aks-test': {
          ...cluster,
          objects: [
            ...cluster.objects,
            { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'orders' } },
            deployment,
          ],
        },
      },
    });
    const patch = `spec:\n  template:\n    metadata:\n      labels:\n        azure.workload.identity/use: "true"\n    spec:\n      serviceAccountName: orders-api\n`;
    const result = run(
      `${credentials}\ncat > patch.yaml <<'YAML'\n${patch}YAML\nkubectl patch deployment orders-api --namespace orders --patch-file patch.yaml`,
      state,
    );
    expect(result.stdout).toBe('deployment.apps/orders-api patched\n');
    // The cluster also runs Dapr's sidecar injector Deployment: find the app's by name.
    const patched = result.stateAfter.kubernetes['aks-test']?.objects.find(
      (item) =>
        item['kind'] === 'Deployment' &&
        (item['metadata'] as { name?: string } | undefined)?.name === 'orders-api',
    );
    expect(patched?.['spec']).toEqual({
      template: {
        metadata: { labels: { app: 'orders', 'azure.workload.identity/use': 'true' } },
        spec: { containers: [{ name: 'app', image: 'x' }], serviceAccountName: 'orders-api' },
      },
    });
  });

  it("runs a pod of the Deployment's template, injected as Dapr and Workload ID would, replaced when it changes", () => {
    const cluster = fakeCluster();
    const app = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'orders-api', namespace: 'orders' },
      spec: {
        template: {
          metadata: {
            labels: { app: 'orders', 'azure.workload.identity/use': 'true' },
            annotations: { 'dapr.io/enabled': 'true', 'dapr.io/app-id': 'orders-api' },
          },
          spec: { serviceAccountName: 'orders-sa', containers: [{ name: 'app', image: 'x' }] },
        },
      },
    };
    const state = seed([fakeResource('aks', GROUP, 'aks-test')], {
      kubernetes: {
        'aks-test': {
          ...cluster,
          objects: [
            ...cluster.objects,
            { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'orders' } },
            app,
          ],
        },
      },
    });
    const account = `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: orders-sa\n  namespace: orders\n  annotations:\n    azure.workload.identity/client-id: ${TEST_CLIENT_ID}\n`;
    const newest =
      "kubectl get pods --namespace orders --selector dapr.io/app-id=orders-api --sort-by .metadata.creationTimestamp -o 'jsonpath={.items[-1:].metadata.name}'";
    const env =
      'kubectl get pod "$POD" --namespace orders -o \'jsonpath={.spec.containers[?(@.name=="daprd")].env[?(@.name=="AZURE_CLIENT_ID")].value}\'';
    const before = run(
      `${credentials}\n${newest}\nkubectl rollout status deployment orders-api --namespace orders`,
      state,
    );
    // The ServiceAccount is missing: no pod starts, and the rollout does not finish.
    expect(before.stdout).toBe('');
    expect(before.status).toBe(1);
    expect(before.stderr).toContain('timed out waiting for the condition');
    const after = run(
      `${credentials}\nkubectl apply -f - <<'YAML'\n${account}YAML\n${applyComponent}\n` +
        `POD=$(${newest})\necho "$POD"\n${env}; echo\nkubectl logs "$POD" --namespace orders --container daprd | grep -c 'Component loaded: store (' || true\n` +
        `kubectl rollout restart deployment/orders-api --namespace orders\n${newest}`,
      state,
    );
    expect(after.status, after.stderr).toBe(0);
    const [first, clientId, loaded, , second] = after.stdout.trim().split('\n').slice(-5);
    expect(first).toMatch(/^orders-api-[0-9a-f]{10}$/);
    expect(clientId).toBe(TEST_CLIENT_ID);
    // The pod started when the ServiceAccount appeared, before the component: daprd read none.
    expect(loaded).toBe('0');
    expect(second).toMatch(/^orders-api-[0-9a-f]{10}$/);
    expect(second).not.toBe(first);
  });

  it('prints the seeded logs, and fails an unknown verb', () => {
    expect(
      run(`${credentials}\nkubectl logs deployment/orders-api -c daprd --namespace orders`, clusterSeed())
        .stdout,
    ).toBe('level=info msg="component loaded"\n');
    expect(run(`${credentials}\nkubectl exec -it pod -- sh`, clusterSeed()).status).toBe(1);
  });
});

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
    expect(failing.stderr).toContain(
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
    expect(other.stderr).toContain("Msg 50000, Level 16, State 1, Line 1\nanother identity's user");
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

describe('az: the lookups and host commands the setup scripts use', SLOW, () => {
  const world = (): FakeCloudState =>
    seed([
      fakeResource('webapp', GROUP, 'web-test', { kind: 'app,linux' }),
      fakeResource('functionapp', GROUP, 'func-test', {
        kind: 'functionapp,linux,container,azurecontainerapps',
      }),
      fakeResource('vm', GROUP, 'vm-test', { daprdVersion: '1.16.2' }),
      fakeResource('vm', GROUP, 'vm-off', { powerState: 'VM deallocated' }),
      fakeResource('vmss', GROUP, 'vmss-test', { upgradePolicy: { mode: 'Manual' } }),
      fakeResource('servicebus namespace', GROUP, 'sb-test'),
      {
        ...fakeResource('servicebus queue', GROUP, 'orders'),
        id: `${fakeResourceId('servicebus namespace', GROUP, 'sb-test')}/queues/orders`,
      },
      fakeResource('containerapp env', GROUP, 'cae-test'),
      fakeResource('containerapp', GROUP, 'app-test', { properties: { configuration: { dapr: {} } } }),
      fakeResource('identity', GROUP, 'id-test', { clientId: TEST_CLIENT_ID, principalId: 'oid-1' }),
    ]);

  it('shows a function app only when the site is one, and any site as a web app', () => {
    const result = run(
      [
        `az functionapp show --name func-test -g ${GROUP} --query kind -o tsv`,
        `az webapp show --name func-test -g ${GROUP} --query name -o tsv`,
        `az functionapp show --name web-test -g ${GROUP} -o none || echo "exit $?"`,
      ].join('\n'),
      world(),
    );
    expect(result.stdout).toBe('functionapp,linux,container,azurecontainerapps\nfunc-test\nexit 3\n');
    expect(result.stderr).toContain('Unable to find App web-test');
  });

  it('shows a queue under its namespace only, and a scale set and an environment', () => {
    const result = run(
      [
        `az servicebus queue show --namespace-name sb-test --name orders -g ${GROUP} --query id -o tsv`,
        `az vmss show --name vmss-test -g ${GROUP} --query upgradePolicy.mode -o tsv`,
        `az containerapp env show --name cae-test -g ${GROUP} --query name -o tsv`,
        `az servicebus queue show --namespace-name sb-test --name missing -g ${GROUP} -o none || echo "exit $?"`,
      ].join('\n'),
      world(),
    );
    expect(result.stdout).toBe(
      `${fakeResourceId('servicebus namespace', GROUP, 'sb-test')}/queues/orders\nManual\ncae-test\nexit 3\n`,
    );
  });

  it('lists the container groups of a group in the shape show prints, flattened', () => {
    const file =
      'name: cg-test\nlocation: westeurope\ntype: Microsoft.ContainerInstance/containerGroups\nproperties:\n  osType: Linux\n  containers:\n  - name: app\n    properties:\n      image: nginx\n      resources:\n        requests:\n          cpu: 1\n          memoryInGB: 1.5\n';
    const result = run(
      [
        `cat > group.yaml <<'EOF'\n${file}EOF`,
        `az container list -g ${GROUP} --query '[].[name, osType]' -o tsv`,
        `az container create -g ${GROUP} --file group.yaml -o none`,
        `az container list -g ${GROUP} --query '[].[name, osType, containers[0].resources.requests.memoryInGb]' -o tsv`,
      ].join('\n'),
      world(),
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('cg-test\tLinux\t1.5\n');
  });

  it("ad sp show: a managed identity's service principal by object id, and exit 3 for none", () => {
    const result = run(
      [
        'az ad sp show --id oid-1 --query "[appId, servicePrincipalType]" -o tsv',
        `az vm identity assign --name vm-test -g ${GROUP} -o none`,
        `PRINCIPAL=$(az vm show --name vm-test -g ${GROUP} --query identity.principalId -o tsv)`,
        'az ad sp show --id "$PRINCIPAL" --query appId -o tsv | wc -c',
        'az ad sp show --id 00000000-0000-4000-8000-000000000009 -o none || echo "exit $?"',
      ].join('\n'),
      world(),
    );
    expect(result.stdout).toBe(`${TEST_CLIENT_ID}\nManagedIdentity\n37\nexit 3\n`);
  });

  it("vm run-command invoke prints the script's output under [stdout], and fails on a deallocated VM", () => {
    const invoke = (vm: string) =>
      `az vm run-command invoke --name ${vm} -g ${GROUP} --command-id RunShellScript --scripts 'daprd --version' --query 'value[0].message' -o tsv`;
    const result = run(`${invoke('vm-test')}\n${invoke('vm-off')} || echo "exit $?"`, world());
    expect(result.stdout).toBe('Enable succeeded: \n[stdout]\n1.16.2\n\n[stderr]\n\nexit 1\n');
    expect(result.stderr).toContain('deallocated');
  });

  it('answers an IMDS token request with 200 only for an identity attached to the VM', () => {
    const imds = (query: string) =>
      `az vm run-command invoke --name vm-test -g ${GROUP} --command-id RunShellScript --scripts 'curl -s -o /dev/null -w "%{http_code}\\n" -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/${query}"' --query 'value[0].message' -o tsv | sed -nE 's/^([0-9]{3})$/\\1/p'`;
    const user = `&client_id=${TEST_CLIENT_ID}`;
    const result = run(
      [
        imds(''),
        imds(user),
        `az vm identity assign --name vm-test -g ${GROUP} -o none`,
        imds(''),
        imds(user),
        `az vm identity assign --name vm-test -g ${GROUP} --identities ${fakeResourceId('identity', GROUP, 'id-test')} -o none`,
        imds(user),
        imds('&client_id=00000000-0000-4000-8000-000000000009'),
      ].join('\n'),
      world(),
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('400\n400\n200\n400\n200\n400\n');
  });

  it('container logs: daprd logs each Component of its mounted volume scoped to its app id, and nothing else', () => {
    const component = (name: string, scope: string) =>
      `apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: secretstores.azure.keyvault\n  version: v1\nscopes:\n- ${scope}\n`;
    const group = (files: Record<string, string>) =>
      `name: cg-logs\nlocation: westeurope\nproperties:\n  osType: Linux\n  containers:\n  - name: daprd\n    properties:\n      image: ghcr.io/dapr/daprd:1.18.3\n      command: [/daprd, --app-id, orders, --resources-path, /components]\n      volumeMounts:\n      - name: components\n        mountPath: /components\n  volumes:\n  - name: components\n    secret:\n${Object.entries(
        files,
      )
        .map(([file, text]) => `      ${file}: ${Buffer.from(text).toString('base64')}\n`)
        .join('')}`;
    const logs = `az container logs --name cg-logs -g ${GROUP} --container-name daprd | grep -o 'Component loaded: [^"]*' || echo none`;
    const result = run(
      [
        `cat > empty.yaml <<'EOF'\n${group({})}EOF`,
        `cat > full.yaml <<'EOF'\n${group({ 'a.yaml': component('kv-mine', 'orders'), 'b.yaml': component('kv-other', 'billing') })}EOF`,
        `az container create -g ${GROUP} --file empty.yaml -o none`,
        logs,
        `az container create -g ${GROUP} --file full.yaml -o none`,
        logs,
      ].join('\n'),
      world(),
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('none\nComponent loaded: kv-mine (secretstores.azure.keyvault/v1)\n');
  });

  it('refuses a static file outside /home/site/wwwroot/ with the 400 Kudu on Linux answers', () => {
    const deploy = (type: string, path: string) =>
      `az webapp deploy --name web-test -g ${GROUP} --src-path c.yaml --type ${type} --target-path ${path} --restart false -o none`;
    const result = run(
      ['echo "kind: Component" > c.yaml', deploy('static', '/home/site/dapr/c.yaml')].join('\n'),
      world(),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("use an absolute path that start with prefix '/home/site/wwwroot/'");
    const lib = run(
      ['echo "kind: Component" > c.yaml', deploy('lib', '/home/site/dapr/c.yaml')].join('\n'),
      world(),
    );
    expect(lib.stderr).toContain("prefix '/home/site/libs/'");
  });

  it('records a scale-set rollout, a Dapr app port, deployed files and a sidecar replaced by name', () => {
    const sidecar = (image: string) =>
      `az webapp sitecontainers create --name web-test -g ${GROUP} --container-name daprd --image ${image} --is-main false --target-port 3500 --startup-cmd '/daprd --app-id a' -o none`;
    const result = run(
      [
        `az vmss update-instances --name vmss-test -g ${GROUP} --instance-ids '*' -o none`,
        `az containerapp dapr enable --name app-test -g ${GROUP} --dapr-app-id a --dapr-app-port 8080 -o none`,
        'echo "kind: Component" > c.yaml',
        `az webapp deploy --name web-test -g ${GROUP} --src-path c.yaml --type lib --target-path /home/site/libs/c.yaml --restart false -o none`,
        sidecar('ghcr.io/dapr/daprd:1.16.2'),
        sidecar('ghcr.io/dapr/daprd:1.18.3'),
        `az webapp restart --name web-test -g ${GROUP} -o none`,
      ].join('\n'),
      world(),
    );
    expect(result.status, result.stderr).toBe(0);
    const byName = (name: string) => result.stateAfter.resources.find((item) => item.name === name);
    expect(byName('vmss-test')?.['latestModelAppliedTo']).toEqual(['*']);
    expect(byName('vmss-test')?.['instanceUpdates']).toBe(1);
    expect(byName('app-test')?.['properties']).toEqual({
      configuration: { dapr: { enabled: true, appId: 'a', appPort: 8080 } },
    });
    expect(byName('web-test')?.['files']).toEqual({ '/home/site/libs/c.yaml': 'kind: Component\n' });
    expect(byName('web-test')?.['sitecontainers']).toEqual({
      daprd: {
        name: 'daprd',
        image: 'ghcr.io/dapr/daprd:1.18.3',
        isMain: false,
        targetPort: '3500',
        startUpCommand: '/daprd --app-id a',
      },
    });
  });
});
