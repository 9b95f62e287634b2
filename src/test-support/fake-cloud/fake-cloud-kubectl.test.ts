/**
 * The fake kubectl (py/kubectl.py, py/kube_pods.py) behaves like the real one where the re-run and teardown tests
 * rely on it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeFakeCloudRuns } from './run';
import { fakeCluster, fakeResource } from './seed';
import { SLOW, GROUP, TEST_CLIENT_ID, seed, run } from './fake-cloud-test-fixtures';

afterAll(removeFakeCloudRuns);

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
