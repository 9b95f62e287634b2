/**
 * The fake cloud's commands for the teardown (py/az_teardown.py, and the --description, --tags and
 * kubectl get --ignore-not-found additions): each removes exactly what it names, answers a missing thing as
 * the CLI does, and leaves everything else as it was.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeFakeCloudRuns, runWithFakeCloud, type FakeCloudRun } from './run';
import {
  emptyState,
  fakeCluster,
  fakeResource,
  fakeResourceId,
  type FakeCloudState,
  type FakeResource,
} from './seed';

afterAll(removeFakeCloudRuns);

const SLOW = { timeout: 60_000 };
const GROUP = 'rg-test';
const SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';
const VAULT_ID = fakeResourceId('keyvault', GROUP, 'kv-test');
const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';

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

const grant = (principal: string, description = '') =>
  `az role assignment create --assignee-object-id ${principal} --assignee-principal-type ServicePrincipal ` +
  `--role ${SECRETS_USER} --scope ${VAULT_ID}${description ? ` --description '${description}'` : ''} -o none`;

describe('az: role assignments and identities', SLOW, () => {
  it('keeps a role assignment description and deletes exactly the ids given', () => {
    const result = run(
      [
        grant(P1, 'made here'),
        grant(P2),
        `ID=$(az role assignment list --scope ${VAULT_ID} --query "[?description=='made here'].id | [0]" -o tsv)`,
        'az role assignment delete --ids "$ID"',
        'az role assignment delete --ids "$ID"',
      ].join('\n'),
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stateAfter.roleAssignments.map((assignment) => assignment.principalId)).toEqual([P2]);
  });

  it("lists a group's identities with their tags, and deletes one with its credentials (twice: no error)", () => {
    const result = run(
      [
        `az identity create --name id-a -g ${GROUP} --tags createdBy=dapr-mi-wizard -o none`,
        `az identity create --name id-b -g ${GROUP} -o none`,
        `az identity federated-credential create --name fc -g ${GROUP} --identity-name id-a --issuer https://x --subject s -o none`,
        `az identity list -g ${GROUP} --query "[?name=='id-a'].tags.createdBy | [0]" -o tsv`,
        `az identity federated-credential list --identity-name id-a -g ${GROUP} --query "[].subject" -o tsv`,
        `az identity delete --name id-a -g ${GROUP}`,
        `az identity delete --name id-a -g ${GROUP}`,
        `az identity list -g ${GROUP} --query "[].name" -o tsv`,
      ].join('\n'),
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('dapr-mi-wizard\ns\nid-b\n');
  });

  it('deletes a federated credential by name and fails a list for a missing identity', () => {
    const result = run(
      [
        `az identity create --name id-a -g ${GROUP} -o none`,
        `az identity federated-credential create --name fc -g ${GROUP} --identity-name id-a --issuer https://x --subject s -o none`,
        `az identity federated-credential delete --name fc --identity-name id-a -g ${GROUP} --yes`,
        `az identity federated-credential list --identity-name id-a -g ${GROUP} --query "length(@)" -o tsv`,
        `az identity federated-credential list --identity-name id-missing -g ${GROUP}`,
      ].join('\n'),
    );
    expect(result.stdout).toBe('0\n');
    expect(result.status).toBe(3);
  });
});

describe('az: data-plane grants', SLOW, () => {
  const accessPolicyVault = fakeResource('keyvault', GROUP, 'kv-ap', {
    properties: { enableRbacAuthorization: false, accessPolicies: [] },
  });

  it('deletes a Key Vault access policy entry, then says none matches, and refuses on an RBAC vault', () => {
    const first = run(
      [
        `az keyvault set-policy --name kv-ap --object-id ${P1} --secret-permissions get list -o none`,
        `az keyvault set-policy --name kv-ap --object-id ${P2} --secret-permissions get -o none`,
        `az keyvault delete-policy --name kv-ap --object-id ${P1} -o none`,
      ].join('\n'),
      seed([accessPolicyVault]),
    );
    expect(first.status, first.stderr).toBe(0);
    const vault = first.stateAfter.resources.find((resource) => resource.name === 'kv-ap') as unknown as {
      properties: { accessPolicies: { objectId: string }[] };
    };
    expect(vault.properties.accessPolicies.map((policy) => policy.objectId)).toEqual([P2]);
    const again = runWithFakeCloud(
      `az keyvault delete-policy --name kv-ap --object-id ${P1}`,
      first.stateAfter,
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('No matching policies found');
    const rbac = run(`az keyvault delete-policy --name kv-test --object-id ${P1}`);
    expect(rbac.stderr).toContain(
      "Cannot delete policies to a vault with '--enable-rbac-authorization' specified",
    );
  });

  it('deletes a Cosmos DB SQL role assignment by its name, and fails for one that is not there', () => {
    const account = fakeResource('cosmosdb', GROUP, 'cosmos-a');
    const result = run(
      [
        `az cosmosdb sql role assignment create --account-name cosmos-a -g ${GROUP} --scope / --principal-id ${P1} --role-definition-id 00000000-0000-0000-0000-000000000002 -o none`,
        `az cosmosdb sql role assignment create --account-name cosmos-a -g ${GROUP} --scope / --principal-id ${P2} --role-definition-id 00000000-0000-0000-0000-000000000002 -o none`,
        `NAME=$(az cosmosdb sql role assignment list --account-name cosmos-a -g ${GROUP} --query "[?principalId=='${P1}'].name | [0]" -o tsv)`,
        `az cosmosdb sql role assignment delete --account-name cosmos-a -g ${GROUP} --role-assignment-id "$NAME" --yes -o none`,
        `az cosmosdb sql role assignment list --account-name cosmos-a -g ${GROUP} --query "[].principalId" -o tsv`,
        `az cosmosdb sql role assignment delete --account-name cosmos-a -g ${GROUP} --role-assignment-id "$NAME" --yes`,
      ].join('\n'),
      seed([account]),
    );
    expect(result.stdout).toBe(`${P2}\n`);
    expect(result.status).toBe(3);
  });

  it('lists and deletes a Redis access policy assignment by its name', () => {
    const cache = fakeResource('redis', GROUP, 'redis-a', { redisConfiguration: { aadEnabled: 'true' } });
    const result = run(
      [
        `az redis access-policy-assignment create --name redis-a -g ${GROUP} --policy-assignment-name id-a --access-policy-name 'Data Owner' --object-id ${P1} --object-id-alias id-a -o none`,
        `az redis access-policy-assignment list --name redis-a -g ${GROUP} --query "[?objectId=='${P1}'].accessPolicyName" -o tsv`,
        `az redis access-policy-assignment delete --name redis-a -g ${GROUP} --policy-assignment-name id-a -o none`,
        `az redis access-policy-assignment list --name redis-a -g ${GROUP} --query "length(@)" -o tsv`,
      ].join('\n'),
      seed([cache]),
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('Data Owner\n0\n');
  });
});

describe('az: hosts', SLOW, () => {
  it('takes a system-assigned identity off a VM, and fails for a user-assigned one not attached', () => {
    const vm = fakeResource('vm', GROUP, 'vm-a');
    const result = run(
      [
        `az vm identity assign --name vm-a -g ${GROUP} -o none`,
        `az vm show --name vm-a -g ${GROUP} --query identity.principalId -o tsv | wc -l`,
        `az vm identity remove --name vm-a -g ${GROUP} --identities '[system]' -o none`,
        `az vm show --name vm-a -g ${GROUP} --query identity.type -o tsv`,
        `az vm identity remove --name vm-a -g ${GROUP} --identities /subscriptions/x/id-missing`,
      ].join('\n'),
      seed([vm]),
    );
    expect(result.stdout).toBe('1\nNone\n');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("'/subscriptions/x/id-missing' are not associated with 'vm-a'");
  });

  it("takes a user-assigned identity off a container app and keeps the app's others", () => {
    const app = fakeResource('containerapp', GROUP, 'ca-a');
    const id = (name: string) => fakeResourceId('identity', GROUP, name);
    const result = run(
      [
        `az identity create --name id-a -g ${GROUP} -o none`,
        `az identity create --name id-b -g ${GROUP} -o none`,
        `az containerapp identity assign --name ca-a -g ${GROUP} --user-assigned ${id('id-a')} ${id('id-b')} -o none`,
        `az containerapp identity remove --name ca-a -g ${GROUP} --user-assigned ${id('id-a')} -o none`,
        `az containerapp show --name ca-a -g ${GROUP} --query "keys(identity.userAssignedIdentities)" -o tsv`,
      ].join('\n'),
      seed([app]),
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${id('id-b')}\n`);
  });

  it('lists and removes a Container Apps environment component, and fails to remove a missing one', () => {
    const env = fakeResource('containerapp env', GROUP, 'cae-a', {
      daprComponents: { a: { name: 'a' }, b: { name: 'b' } },
    });
    const result = run(
      [
        `az containerapp env dapr-component remove --name cae-a -g ${GROUP} --dapr-component-name a`,
        `az containerapp env dapr-component list --name cae-a -g ${GROUP} --query "[].name" -o tsv`,
        `az containerapp env dapr-component remove --name cae-a -g ${GROUP} --dapr-component-name a`,
      ].join('\n'),
      seed([env]),
    );
    expect(result.stdout).toBe('b\n');
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('Dapr component not found.');
  });

  it('lists container groups and deletes one (a missing one is no error)', () => {
    const groups = [fakeResource('container', GROUP, 'cg-a'), fakeResource('container', GROUP, 'cg-b')];
    const result = run(
      [
        `az container delete --name cg-a -g ${GROUP} --yes -o none`,
        `az container delete --name cg-a -g ${GROUP} --yes -o none`,
        `az container list -g ${GROUP} --query "[].name" -o tsv`,
      ].join('\n'),
      seed(groups),
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('cg-b\n');
  });
});

describe('kubectl: reads for the teardown', SLOW, () => {
  it('prints an annotation whose key has dots, and nothing for a missing object with --ignore-not-found', () => {
    const cluster = fakeCluster();
    const serviceAccount = {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: 'sa',
        namespace: 'default',
        annotations: { 'azure.workload.identity/client-id': 'c1' },
      },
    };
    const state = seed([], {
      kubernetes: { aks: { ...cluster, objects: [...cluster.objects, serviceAccount] } },
    });
    const jsonpath = "-o 'jsonpath={.metadata.annotations.azure\\.workload\\.identity/client-id}'";
    const result = run(
      [
        `kubectl get serviceaccount sa --namespace default --ignore-not-found ${jsonpath}; echo`,
        `kubectl get serviceaccount gone --namespace default --ignore-not-found ${jsonpath}; echo "[$?]"`,
        `kubectl get serviceaccount gone --namespace default ${jsonpath}`,
      ].join('\n'),
      { ...state, kubeconfig: { currentContext: 'aks' } },
    );
    expect(result.stdout).toBe('c1\n[0]\n');
    expect(result.status).not.toBe(0);
  });
});
