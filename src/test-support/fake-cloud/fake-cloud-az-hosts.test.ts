/**
 * The fake az: the lookups and host commands the setup scripts use, shaped as the CLI prints them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeFakeCloudRuns } from './run';
import { fakeResource, fakeResourceId, type FakeCloudState } from './seed';
import { SLOW, GROUP, TEST_CLIENT_ID, seed, run } from './fake-cloud-test-fixtures';

afterAll(removeFakeCloudRuns);

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

  it("lists a Uniform scale set's instances by id, and a Flexible one's as the VMs that name it", () => {
    const flexibleId = fakeResourceId('vmss', GROUP, 'vmss-flex');
    const state = world();
    const flexible: FakeCloudState = {
      ...state,
      resources: [
        ...state.resources.map((resource) =>
          resource.name === 'vmss-test'
            ? { ...resource, orchestrationMode: 'Uniform', instances: { '0': {}, '3': {} } }
            : resource,
        ),
        fakeResource('vmss', GROUP, 'vmss-flex', { orchestrationMode: 'Flexible' }),
        fakeResource('vm', GROUP, 'vmss-flex_1a2b3c4d', { virtualMachineScaleSet: { id: flexibleId } }),
      ],
    };
    const result = run(
      [
        `az vmss show --name vmss-flex -g ${GROUP} --query orchestrationMode -o tsv`,
        `az vmss list-instances --name vmss-test -g ${GROUP} --query '[].instanceId' -o tsv`,
        `az vmss list-instances --name vmss-test -g ${GROUP} --query '[].name' -o tsv`,
        `az vm list -g ${GROUP} --vmss vmss-flex --query '[].name' -o tsv`,
        `az vm list -g ${GROUP} --vmss ${flexibleId} --query 'length(@)' -o tsv`,
        `az vm list -g ${GROUP} --query 'length(@)' -o tsv`,
        `az vmss list-instances --name vmss-flex -g ${GROUP} -o none || echo "exit $?"`,
      ].join('\n'),
      flexible,
    );
    expect(result.stdout).toBe(
      'Flexible\n0\n3\nvmss-test_0\nvmss-test_3\nvmss-flex_1a2b3c4d\n1\n3\nexit 1\n',
    );
  });

  it("runs a command on a Uniform instance by id only, and on a Flexible instance as a VM with the set's model", () => {
    const flexibleId = fakeResourceId('vmss', GROUP, 'vmss-flex');
    const identity = { type: 'SystemAssigned', principalId: 'oid-2' };
    const state = world();
    const withInstances: FakeCloudState = {
      ...state,
      resources: [
        ...state.resources.map((resource) =>
          resource.name === 'vmss-test'
            ? { ...resource, identity, instances: { '0': {}, '1': { identity: {} } } }
            : resource,
        ),
        fakeResource('vmss', GROUP, 'vmss-flex', { orchestrationMode: 'Flexible', identity }),
        fakeResource('vm', GROUP, 'vmss-flex_1a2b3c4d', { virtualMachineScaleSet: { id: flexibleId } }),
      ],
    };
    const script = `'for attempt in 1; do imds_status=$(curl -s -o /dev/null -w "%{http_code}" -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/"); done; echo "imds-token-status: $imds_status"'`;
    const uniform = (instance: string) =>
      `az vmss run-command invoke --name vmss-test -g ${GROUP} --instance-id ${instance} --command-id RunShellScript --scripts ${script} --query 'value[0].message' -o tsv | grep imds || echo "exit $?"`;
    const result = run(
      [
        uniform('0'),
        uniform('1'),
        uniform('7'),
        `az vm run-command invoke --name vmss-flex_1a2b3c4d -g ${GROUP} --command-id RunShellScript --scripts ${script} --query 'value[0].message' -o tsv | grep imds`,
        `az vmss run-command invoke --name vmss-flex -g ${GROUP} --instance-id vmss-flex_1a2b3c4d --command-id RunShellScript --scripts ${script} -o none || echo "exit $?"`,
      ].join('\n'),
      withInstances,
    );
    expect(result.stdout).toBe(
      'imds-token-status: 200\nimds-token-status: 400\nexit 1\nimds-token-status: 200\nexit 1\n',
    );
    expect(result.stderr).toContain('instanceId must be a number');
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

  it("containerapp logs show: the new revision's daprd logs the environment's components scoped to its app id", () => {
    const environment = fakeResource('containerapp env', GROUP, 'env-test');
    const app = fakeResource('containerapp', GROUP, 'ca-test', {
      properties: { managedEnvironmentId: environment.id, configuration: { dapr: { enabled: false } } },
    });
    const component = (name: string, scope: string) =>
      `cat > ${name}.yaml <<'EOF'\ncomponentType: secretstores.azure.keyvault\nversion: v1\nscopes:\n- ${scope}\nEOF\n` +
      `az containerapp env dapr-component set --name env-test -g ${GROUP} --dapr-component-name ${name} --yaml ${name}.yaml -o none`;
    const logs = (flags: string) =>
      `az containerapp logs show --name ca-test -g ${GROUP} ${flags} --format text | sed 's/^time="[^"]*" //' || echo failed`;
    const revision = `az containerapp show --name ca-test -g ${GROUP} --query properties.latestReadyRevisionName -o tsv`;
    const result = run(
      [
        component('kv-mine', 'orders'),
        component('kv-other', 'billing'),
        logs('--container daprd'),
        `az containerapp dapr enable --name ca-test -g ${GROUP} --dapr-app-id orders -o none`,
        `REVISION=$(${revision})`,
        logs('--revision "$REVISION" --container daprd --tail 300'),
        logs('--revision "$REVISION" --container daprd --tail 1'),
        logs('--revision ca-test--old --container daprd'),
        logs('--container daprd --tail 301'),
      ].join('\n'),
      seed([environment, app]),
    );
    expect(result.stdout).toBe(
      [
        'failed',
        'level=info msg="Starting Dapr Runtime -- version 1.16.4" app_id=orders',
        'level=info msg="Component loaded: kv-mine (secretstores.azure.keyvault/v1)" app_id=orders',
        'level=info msg="dapr initialized. Status: Running. Init Elapsed 42ms" app_id=orders',
        'level=info msg="dapr initialized. Status: Running. Init Elapsed 42ms" app_id=orders',
        'failed',
        'failed',
        '',
      ].join('\n'),
    );
    // Dapr off: no daprd container; another revision; a tail past the CLI's limit.
    expect(result.stderr).toBe(
      'ERROR: Could not find a revision\nERROR: Could not find revision\nERROR: --tail must be between 0 and 300.\n',
    );
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
    // The app's revision (the fake's app had none yet): the one daprd's log is read from.
    const app = byName('app-test')?.['properties'] as Record<string, unknown> | undefined;
    expect(app?.['configuration']).toEqual({ dapr: { enabled: true, appId: 'a', appPort: 8080 } });
    expect(app?.['latestRevisionName']).toMatch(/^app-test--\w+$/);
    expect(app?.['latestReadyRevisionName']).toBe(app?.['latestRevisionName']);
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

  it("lists a web app's sidecars (none: []) and deletes one by name, a missing one without an error", () => {
    const list = `az webapp sitecontainers list --name web-test -g ${GROUP} --query "[].name" -o tsv`;
    const result = run(
      [
        `az webapp sitecontainers list --name web-test -g ${GROUP} -o json`,
        `az webapp sitecontainers create --name web-test -g ${GROUP} --container-name daprd --image i --is-main false -o none`,
        `az webapp sitecontainers create --name web-test -g ${GROUP} --container-name other --image i --is-main false -o none`,
        list,
        `az webapp sitecontainers delete --name web-test -g ${GROUP} --container-name daprd -o none`,
        `az webapp sitecontainers delete --name web-test -g ${GROUP} --container-name daprd -o none`,
        list,
      ].join('\n'),
      world(),
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('[]\ndaprd\nother\nother\n');
    const site = result.stateAfter.resources.find((item) => item.name === 'web-test');
    expect(Object.keys(site?.['sitecontainers'] as object)).toEqual(['other']);
  });
});
