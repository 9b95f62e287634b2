/**
 * AKS: the checks in the cluster before anything changes. kubectl must reach the cluster, Dapr must be
 * installed (and recent enough for the components), and the app's Deployment must be there and not run as
 * a ServiceAccount of its own that the patch would take from it. Each stops the script before the identity
 * and the grants are made, with what to do.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import {
  capture,
  cmd,
  command,
  join,
  orStop,
  v,
  versionAtLeast,
  when,
  type ScriptLine,
  type ScriptStep,
} from '../script-model';
import { guard } from '../setup/steps';
import { failureMessage, failureWord } from '../troubleshoot-advice';
import { kubectlSignInLines } from './aks-kubectl';
import { DEPLOYMENT } from './aks-verify';

const DAPR_VERSION = 'DAPR_VERSION';
const UPGRADE_DOC = 'https://docs.dapr.io/operations/hosting/kubernetes/kubernetes-upgrade/';

/**
 * kubectl and the Dapr check come before anything changes: a cluster without Dapr, or with one too old for
 * the components, stops the script before the identity and the grants are made.
 */
export function clusterChecks(plan: DeploymentPlan): ScriptStep[] {
  const steps: ScriptStep[] = [
    {
      comment:
        'Point kubectl at the cluster (kubelogin signs it in through the Azure CLI on a cluster with Microsoft Entra integration), and check that Dapr is installed (the Component resource type exists).',
      lines: [
        ...kubectlSignInLines(),
        // --ignore-not-found: a cluster without the CRD prints nothing and exits 0, so the guard below names
        // only that case; any other failure (an unreachable private cluster, Forbidden) stops the script with
        // kubectl's own error (kubectl get --help).
        capture('DAPR_CRD', 'kubectl get crd components.dapr.io -o name --ignore-not-found'),
        guard(
          'DAPR_CRD',
          '=',
          '',
          failureMessage(
            `Dapr is not installed on the cluster ${plan.hostName} (it has no components.dapr.io resource type), so nothing in Azure or the cluster was changed. Install it with the AKS Dapr extension (az k8s-extension create --cluster-type managedClusters --cluster-name ${plan.hostName} --resource-group ${plan.resourceGroup} --name dapr --extension-type Microsoft.Dapr), or with "dapr init -k" or Helm.`,
            'aks-dapr-not-installed',
          ),
        ),
      ],
    },
  ];
  const need = plan.daprNeed;
  if (need === undefined) return steps;
  steps.push({
    // The Helm chart names the injector's Deployment dapr-sidecar-injector and runs it from the image
    // <registry>/dapr:<tag>, the control plane's release (dapr/dapr charts/dapr/charts/dapr_sidecar_injector/
    // templates/dapr_sidecar_injector_deployment.yaml); the AKS extension installs the same chart into
    // dapr-system. The sed keeps the tag's release and drops a suffix such as -msft.1.
    comment: `Read the Dapr release the cluster runs (the sidecar injector's image tag): ${need.reason}.`,
    lines: [
      command(
        [
          'kubectl',
          'get',
          'deployment',
          'dapr-sidecar-injector',
          '--namespace',
          'dapr-system',
          '-o',
          'jsonpath={.spec.template.spec.containers[0].image}',
        ],
        {
          captureTo: DAPR_VERSION,
          pipeTo: ['sed', '-nE', 's/^.*:v?([0-9]+[.][0-9]+[.][0-9]+)[^:/]*$/\\1/p'],
          // A missing or forbidden Deployment (Dapr elsewhere, no read access) leaves the release unknown: the
          // check below says so and the script goes on, as it does for a tag that is not a release.
          tolerateFailure: true,
        },
      ),
      versionAtLeast(DAPR_VERSION, need.version, {
        tooOld: failureWord(
          join(
            'This cluster runs Dapr ',
            v(DAPR_VERSION),
            `; ${need.reason}, so it needs Dapr ${need.version} or later. Upgrade Dapr on the cluster (Helm: ${UPGRADE_DOC}; or upgrade the AKS Dapr extension), or change that choice in the wizard.`,
          ),
          'dapr-release-too-old',
        ),
        unknown: `Could not read the Dapr release from the dapr-sidecar-injector Deployment in dapr-system (not there, not readable, or its image tag is not a release); make sure the cluster runs Dapr ${need.version} or later (${need.reason}).`,
      }),
    ],
  });
  return steps;
}

/**
 * With Workload ID the patch sets the pods' ServiceAccount. A Deployment that runs as a ServiceAccount of its
 * own (often Helm-made, with Kubernetes RBAC bindings) would lose what that one may do, so the script stops
 * unless it runs as the default one (an empty serviceAccountName is the default: kubernetes/kubernetes
 * pkg/apis/core/types.go PodSpec.ServiceAccountName) or already as the one entered.
 */
function serviceAccountCheckLines(plan: DeploymentPlan): ScriptLine[] {
  const kubernetes = plan.kubernetes;
  const workload = kubernetes?.workloadIdentity;
  if (!kubernetes || !workload) return [];
  const current = 'DEPLOYMENT_SERVICE_ACCOUNT';
  return [
    capture(
      current,
      'kubectl get deployment',
      DEPLOYMENT,
      '--namespace',
      v('NAMESPACE'),
      '-o jsonpath={.spec.template.spec.serviceAccountName}',
    ),
    when(current, '!=', '', [
      when(current, '!=', 'default', [
        guard(
          current,
          '!=',
          v('SERVICE_ACCOUNT'),
          failureMessage(
            `The Deployment ${kubernetes.deployment} runs as a ServiceAccount of its own, not ${workload.serviceAccountName} (kubectl get deployment ${kubernetes.deployment} --namespace ${kubernetes.namespace} -o jsonpath='{.spec.template.spec.serviceAccountName}' names it). Switching its pods to ${workload.serviceAccountName} would drop the Kubernetes permissions they have through it, so nothing was changed. Enter that ServiceAccount in the wizard.`,
            'aks-service-account-taken',
          ),
        ),
      ]),
    ]),
  ];
}

/** Before anything changes: the Deployment the script patches must exist, in the namespace entered. */
export function deploymentCheckStep(plan: DeploymentPlan): ScriptStep {
  const kubernetes = plan.kubernetes;
  if (!kubernetes) throw new Error('An AKS plan carries its Kubernetes objects');
  return {
    comment: `Check that the app's Deployment ${kubernetes.deployment} is in the namespace ${kubernetes.namespace}: the script patches it.`,
    lines: [
      orStop(
        cmd('kubectl get deployment', DEPLOYMENT, '--namespace', v('NAMESPACE'), '-o name'),
        failureMessage(
          `There is no Deployment ${kubernetes.deployment} in the namespace ${kubernetes.namespace}, so there is nothing to patch. Nothing was changed.`,
          'aks-deployment-not-found',
        ),
      ),
      ...serviceAccountCheckLines(plan),
    ],
  };
}
