/**
 * Golden scenarios whose setup script the fake cloud cannot yet run to the end, each with the text of the
 * error where it stops. The re-run and dry-run tests assert that these stop exactly there, so when the fake
 * cloud learns the missing command the test fails and the entry must go: the list can only shrink.
 * AKS: the scripts patch the app's Deployment, wait for its rollout and read daprd's pod and log
 * (hosts/aks.ts, aks-verify.ts); the fake kubectl does not hold Deployments or pods yet.
 */
const AKS_DEPLOYMENT = 'deployments.apps "orders-api" not found';

export const FAKE_CLOUD_PENDING: Readonly<Record<string, string>> = {
  'aks-catalog-databases': AKS_DEPLOYMENT,
  'aks-catalog-keyvault-storage': AKS_DEPLOYMENT,
  'aks-catalog-messaging-data': AKS_DEPLOYMENT,
  'aks-kubelet': AKS_DEPLOYMENT,
  'aks-workload': AKS_DEPLOYMENT,
  'aks-workload-clientid-accesspolicy': AKS_DEPLOYMENT,
  'cloud-china-aks': AKS_DEPLOYMENT,
  'daprcheck-aks-sqlserver-v2': AKS_DEPLOYMENT,
  'three-components-aks': AKS_DEPLOYMENT,
};

/** The first line a script prints when it still holds example values (setup/example-values.ts). */
export const EXAMPLE_VALUES_STOP = 'Stopped before any change';
