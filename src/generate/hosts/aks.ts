/**
 * AKS: Workload ID (OIDC issuer, federated credential, annotated ServiceAccount) or the node pool's kubelet
 * identity; components are Kubernetes resources applied with kubectl (azure-cli.md 1.1). This module puts
 * the host's parts together: the checks in the cluster (aks-preflight.ts), the identity (aks-identity.ts),
 * what is applied in the cluster (aks-apply.ts), the proof (aks-verify.ts) and the teardown
 * (aks-teardown.ts).
 */
import { identityGrantsApply, needsAzureCli, RESTART_THE_APP, type HostModule } from './host-module';
import { applySteps } from './aks-apply';
import { aksComponentsCheckStep } from './aks-components';
import { kubeletIdentitySteps, workloadIdentitySteps } from './aks-identity';
import { clusterChecks, deploymentCheckStep } from './aks-preflight';
import { aksTeardownSteps } from './aks-teardown';
import { aksVerifyLines } from './aks-verify';

/** A cluster with Microsoft Entra integration: kubectl signs in through kubelogin (aks-kubectl.ts). */
const KUBELOGIN_REQUIREMENT =
  'On a cluster with Microsoft Entra integration kubectl also needs kubelogin (az aks install-cli installs both): the script switches it to the Azure CLI sign-in.';

export const aksHost: HostModule = {
  teardownSteps: aksTeardownSteps,
  preflightSteps: (plan) => [...clusterChecks(plan), deploymentCheckStep(plan), aksComponentsCheckStep(plan)],
  setupSteps: (plan, grantSteps) =>
    identityGrantsApply(
      plan.identity.kind === 'kubelet' ? kubeletIdentitySteps(plan) : workloadIdentitySteps(plan),
      grantSteps,
      applySteps(plan),
    ),
  verifyLines: aksVerifyLines,
  restartHint: RESTART_THE_APP,
  cliRequirement: (plan) =>
    (plan.identity.kind === 'workload' ? `${needsAzureCli('2.47', '--enable-workload-identity')} ` : '') +
    KUBELOGIN_REQUIREMENT,
};
