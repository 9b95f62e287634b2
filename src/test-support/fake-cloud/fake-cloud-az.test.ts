/**
 * The fake az parses and fails as the CLI does, answers --query with real JMESPath in knack's output formats,
 * and repeated creates do what the real service does (the re-run and teardown tests rely on it).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeFakeCloudRuns } from './run';
import { fakeResource, fakeResourceId } from './seed';
import { SLOW, GROUP, TEST_CLIENT_ID, VAULT_ID, seed, run, grant } from './fake-cloud-test-fixtures';

afterAll(removeFakeCloudRuns);

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

  it('names the principal of each assignment as the CLI does: its first service principal name, empty once gone', () => {
    const live = fakeResource('identity', GROUP, 'id-live', {
      principalId: '33333333-3333-4333-8333-333333333333',
      clientId: TEST_CLIENT_ID,
    });
    const result = run(
      [grant('33333333-3333-4333-8333-333333333333'), grant('44444444-4444-4444-8444-444444444444')].join(
        '\n',
      ) +
        `\naz role assignment list --scope ${VAULT_ID} --query "[].[principalId, principalName, principalType]" -o json`,
      seed([live]),
    );
    expect(JSON.parse(result.stdout)).toEqual([
      ['33333333-3333-4333-8333-333333333333', TEST_CLIENT_ID, 'ServicePrincipal'],
      ['44444444-4444-4444-8444-444444444444', '', 'ServicePrincipal'],
    ]);
  });

  it('lists every assignment of the subscription with --all, and refuses a scope with it', () => {
    const other = fakeResourceId('keyvault', GROUP, 'kv-other');
    const result = run(
      [
        grant('11111111-1111-4111-8111-111111111111'),
        grant('22222222-2222-4222-8222-222222222222').replace(VAULT_ID, other),
        'az role assignment list --all --query "[].principalId" -o json',
      ].join('\n'),
      seed([fakeResource('keyvault', GROUP, 'kv-other', { properties: { enableRbacAuthorization: true } })]),
    );
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      '11111111-1111-4111-8111-111111111111',
      '22222222-2222-4222-8222-222222222222',
    ]);
    const both = run(`az role assignment list --all --scope ${VAULT_ID}`);
    expect(both.status).toBe(1);
    expect(both.stderr).toContain('group or scope are not required when --all is used');
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

  it('updates a federated credential that exists, and fails for one that does not', () => {
    const update = (name: string, audience: string) =>
      `az identity federated-credential update --name ${name} --identity-name id-test -g ${GROUP} --issuer https://issuer/ --subject system:serviceaccount:a:b --audiences ${audience} -o none`;
    const made = run(
      `az identity create --name id-test -g ${GROUP} -o none\naz identity federated-credential create --name fc --identity-name id-test -g ${GROUP} --issuer https://issuer/ --subject system:serviceaccount:a:b --audiences api://Other -o none\n${update('fc', 'api://AzureADTokenExchange')}`,
    );
    expect(made.status, made.stderr).toBe(0);
    const identity = made.stateAfter.resources.find((resource) => resource.name === 'id-test');
    expect(identity?.['federatedIdentityCredentials']).toMatchObject({
      fc: { audiences: ['api://AzureADTokenExchange'] },
    });
    const missing = run(
      `az identity create --name id-test -g ${GROUP} -o none\n${update('other', 'api://AzureADTokenExchange')}`,
    );
    expect(missing.status).toBe(3);
    expect(missing.stderr).toContain('(ResourceNotFound)');
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
