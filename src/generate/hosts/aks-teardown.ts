/**
 * The AKS teardown: the grants, the federated credential, the setup's patch of the Deployment, the components
 * and the ServiceAccount, each only while it is still what the setup made. This module holds the order and
 * the cluster's lookups; each resource's removal step has a module of its own (aks-components.ts,
 * aks-deployment-revert.ts, aks-federated-credential-teardown.ts, aks-service-account-teardown.ts).
 */
import { kubectlSignInLines } from './aks-kubectl';
import { aksComponentsTeardownStep } from './aks-components';
import { clusterGoneStep } from './aks-cluster-gone';
import { deploymentRevertStep } from './aks-deployment-revert';
import { federatedCredentialTeardownStep, OIDC_ISSUER } from './aks-federated-credential-teardown';
import { serviceAccountTeardownStep } from './aks-service-account-teardown';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { command, v, when, words, type ScriptLine, type ScriptStep, type WriteFile } from '../script-model';
import { RG } from '../setup/steps';

const CLUSTER = ['--name', v('CLUSTER_NAME'), ...RG] as const;
const CLUSTER_ID = 'CLUSTER_ID';

/**
 * The steps in the cluster run only while it exists: a teardown after the cluster was deleted still takes
 * back the grants of a Workload ID identity (not the kubelet identity's, which only the cluster names), and
 * says what it could not do (aks-cluster-gone.ts).
 */
function whileClusterExists(steps: readonly ScriptStep[]): ScriptStep[] {
  return steps.map((step) => ({
    ...step,
    lines: [when(CLUSTER_ID, '!=', '', step.lines.map(notWritingFiles))],
  }));
}

function notWritingFiles(line: ScriptLine): Exclude<ScriptLine, WriteFile> {
  if (line.kind === 'write-file') throw new Error('A teardown step in the cluster writes no files');
  return line;
}

/**
 * The cluster's own ids first, all tolerated (empty once the cluster is gone); then the Azure side (the grants,
 * the federated credential), which needs nothing from the cluster; then the cluster's side, only while it
 * exists: kubectl's sign-in (az aks get-credentials fails for a deleted cluster), the components before the
 * Deployment's revert (its new pods must not load components whose grants are gone), the ServiceAccount last.
 */
export function aksTeardownSteps(plan: DeploymentPlan, grantSteps: readonly ScriptStep[]): ScriptStep[] {
  const workload = plan.kubernetes?.workloadIdentity !== undefined;
  const show = (variable: string, query: string) =>
    command(words('az aks show', ...CLUSTER, '--query', query, '-o tsv'), {
      captureTo: variable,
      tolerateFailure: true,
    });
  const clusterReads = workload
    ? [show(OIDC_ISSUER, 'oidcIssuerProfile.issuerUrl')]
    : [
        show('PRINCIPAL_ID', 'identityProfile.kubeletidentity.objectId'),
        // An Azure SQL user is proven this identity's by its client id.
        ...(plan.grants.some(({ grant }) => grant.kind === 'sql-contained-user')
          ? [show('CLIENT_ID', 'identityProfile.kubeletidentity.clientId')]
          : []),
      ];
  return [
    {
      comment: workload
        ? 'Look up the cluster and its OIDC issuer, which the federated credential the setup made trusts (both empty once the cluster is gone).'
        : "Look up the cluster and the node pool's kubelet identity (AKS made it, and it stays): the grants below are looked up by it (empty once the cluster is gone, and the kubelet identity with it).",
      lines: [show(CLUSTER_ID, 'id'), ...clusterReads],
    },
    ...grantSteps,
    ...(workload ? [federatedCredentialTeardownStep()] : []),
    clusterGoneStep(plan),
    ...whileClusterExists([
      {
        comment:
          'Point kubectl at the cluster (kubelogin signs it in through the Azure CLI on a cluster with Microsoft Entra integration).',
        lines: kubectlSignInLines(
          `The grants${workload ? ' and the federated credential' : ''} above are removed; nothing in the cluster was changed.`,
        ),
      },
      aksComponentsTeardownStep(plan),
      deploymentRevertStep(plan),
      ...(workload ? [serviceAccountTeardownStep()] : []),
    ]),
  ];
}
