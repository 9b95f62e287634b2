/**
 * AKS: Workload ID (OIDC issuer, federated credential, annotated ServiceAccount) or the node pool's kubelet
 * identity; components are Kubernetes resources applied with kubectl (azure-cli.md 1.1).
 */
import { CLIENT_ID_MARKER } from '../markers';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { FILES_DIR } from '../plan/build-plan';
import { CREATED_ANNOTATION, POD_TEMPLATE_PATCH_FILE, SERVICE_ACCOUNT_FILE } from '../k8s-manifests';
import {
  capture,
  cmd,
  command,
  join,
  lit,
  orStop,
  printLine,
  v,
  versionAtLeast,
  when,
  words,
  type ScriptLine,
  type ScriptStep,
} from '../script-model';
import { clientIdLines, componentFilesNoun, guard, RG, writeComponentFiles, writeFile } from '../setup/steps';
import { failureMessage } from '../troubleshoot-advice';
import { identityGrantsApply, needsAzureCli, RESTART_THE_APP, type HostModule } from './host-module';
import { aksTeardownSteps } from './aks-teardown';
import { aksComponentApplyLines, aksComponentsCheckStep } from './aks-components';
import { federatedCredentialStep } from './aks-federated-credential';
import { kubectlSignInLines } from './aks-kubectl';
import { aksVerifyLines, DEPLOYMENT, ROLLOUT_TIMEOUT } from './aks-verify';

const CLUSTER = ['--name', v('CLUSTER_NAME'), ...RG] as const;

function kubeletIdentitySteps(plan: DeploymentPlan): ScriptStep[] {
  return [
    {
      comment: "Read the node pool's kubelet identity (AKS created it): its principal id gets the grant.",
      lines: [
        capture(
          'PRINCIPAL_ID',
          'az aks show',
          ...CLUSTER,
          '--query identityProfile.kubeletidentity.objectId -o tsv',
        ),
        // A cluster that runs as a service principal has no identityProfile (azure-mgmt-containerservice
        // ManagedClusterProperties.identity_profile, set only with a managed identity): nothing to grant to.
        // After `az aks update --enable-managed-identity` kubelet keeps the service principal until the node
        // pools are upgraded (`az aks nodepool upgrade --node-image-only`), which cordons, drains and reimages
        // the nodes, and "An update only works if there's a VHD update to consume. If you're running the
        // latest VHD, you need to wait until the next VHD is available in order to perform the update."
        // (MicrosoftDocs/azure-aks-docs articles/aks/use-managed-identity.md, "Update an existing AKS cluster
        // to use a system-assigned managed identity"; the CLI's own prompt says the same, acs custom.py). The
        // pool's image against the latest: nodeImageVersion (az aks nodepool show) and latestNodeImageVersion
        // (az aks nodepool get-upgrades; azure-mgmt-containerservice AgentPool, AgentPoolUpgradeProfile;
        // MicrosoftDocs/azure-aks-docs articles/aks/node-image-upgrade.md).
        guard(
          'PRINCIPAL_ID',
          '=',
          '',
          `The cluster ${plan.hostName} has no kubelet identity (identityProfile.kubeletidentity is empty: it runs as a service principal), so there is nothing to grant the roles to. Nothing was changed. Choose Workload ID in the wizard, or move the cluster to a managed identity: az aks update --name ${plan.hostName} --resource-group ${plan.resourceGroup} --enable-managed-identity, then upgrade each node pool's image, since kubelet keeps the service principal until then: az aks nodepool upgrade --cluster-name ${plan.hostName} --resource-group ${plan.resourceGroup} --name <node pool> --node-image-only (downtime: the nodes are cordoned, drained and reimaged; az aks nodepool list --cluster-name ${plan.hostName} --resource-group ${plan.resourceGroup} -o table names the pools). The upgrade moves kubelet only when there is a newer node image to consume: if a pool runs the latest one already, wait until the next is available (compare az aks nodepool get-upgrades --cluster-name ${plan.hostName} --resource-group ${plan.resourceGroup} --nodepool-name <node pool> --query latestNodeImageVersion with az aks nodepool show --cluster-name ${plan.hostName} --resource-group ${plan.resourceGroup} --name <node pool> --query nodeImageVersion). Then run the script again.`,
        ),
        ...clientIdLines(
          plan,
          capture(
            'CLIENT_ID',
            'az aks show',
            ...CLUSTER,
            '--query identityProfile.kubeletidentity.clientId -o tsv',
          ),
        ),
      ],
    },
  ];
}

function workloadIdentitySteps(plan: DeploymentPlan): ScriptStep[] {
  return [
    {
      // ManagedCluster.properties.oidcIssuerProfile.enabled and properties.securityProfile.workloadIdentity
      // .enabled (azure-mgmt-containerservice v2022_11_02_preview models/_models_py3.py, which az flattens out
      // of properties). JMESPath `a && b` gives b when a is true, else a (false or null): only "true" when both
      // are on, so a second run sends no update, which would otherwise rewrite the cluster for nothing.
      comment:
        'Turn on the OIDC issuer and Workload ID, so pods can trade ServiceAccount tokens for Entra tokens (only when one of them is off). On a running cluster the issuer changes the ServiceAccount token issuer and restarts the API server (possible downtime), and it cannot be turned off again.',
      lines: [
        capture(
          'WORKLOAD_ID_ON',
          'az aks show',
          ...CLUSTER,
          '--query',
          lit('oidcIssuerProfile.enabled && securityProfile.workloadIdentity.enabled'),
          '-o tsv',
        ),
        when('WORKLOAD_ID_ON', '!=', 'true', [
          // MicrosoftDocs/azure-aks-docs articles/aks/use-oidc-issuer.md: on an existing cluster the issuer
          // changes the ServiceAccount token issuer and restarts the API server; disabling it is not supported.
          printLine(
            'Turning on the OIDC issuer and Workload ID on ',
            v('CLUSTER_NAME'),
            ": if the issuer was off, this changes the cluster's ServiceAccount token issuer and restarts its API server (possible downtime; pods that fail afterwards need a restart), and the issuer cannot be turned off again.",
          ),
          cmd('az aks update', ...CLUSTER, '--enable-oidc-issuer --enable-workload-identity -o none'),
        ]),
      ],
    },
    {
      comment: "Read the cluster's OIDC issuer URL: the federated credential trusts the tokens it signs.",
      lines: [
        // Made by the update above, which a dry run skipped: the issuer may not be there yet.
        command(words('az aks show', ...CLUSTER, '--query oidcIssuerProfile.issuerUrl -o tsv'), {
          captureTo: 'OIDC_ISSUER',
          readsChange: true,
        }),
      ],
    },
    federatedCredentialStep(plan),
  ];
}

const DAPR_VERSION = 'DAPR_VERSION';
/** A cluster with Microsoft Entra integration: kubectl signs in through kubelogin (see clusterChecks). */
const KUBELOGIN_REQUIREMENT =
  'On a cluster with Microsoft Entra integration kubectl also needs kubelogin (az aks install-cli installs both): the script switches it to the Azure CLI sign-in.';
const UPGRADE_DOC = 'https://docs.dapr.io/operations/hosting/kubernetes/kubernetes-upgrade/';

/**
 * kubectl and the Dapr check come before anything changes: a cluster without Dapr, or with one too old for
 * the components, stops the script before the identity and the grants are made.
 */
function clusterChecks(plan: DeploymentPlan): ScriptStep[] {
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
        tooOld: join(
          'This cluster runs Dapr ',
          v(DAPR_VERSION),
          `; ${need.reason}, so it needs Dapr ${need.version} or later. Upgrade Dapr on the cluster (Helm: ${UPGRADE_DOC}; or upgrade the AKS Dapr extension), or change that choice in the wizard.`,
        ),
        unknown: `Could not read the Dapr release from the dapr-sidecar-injector Deployment in dapr-system (not there, not readable, or its image tag is not a release); make sure the cluster runs Dapr ${need.version} or later (${need.reason}).`,
      }),
    ],
  });
  return steps;
}

function applySteps(plan: DeploymentPlan): ScriptStep[] {
  const kubernetes = plan.kubernetes;
  if (!kubernetes) throw new Error('An AKS plan carries its Kubernetes objects');
  const workload = kubernetes.workloadIdentity;
  const steps: ScriptStep[] = [
    {
      comment: `Write ${componentFilesNoun(plan)}${workload ? ', the ServiceAccount' : ''} and the Deployment patch into ./${FILES_DIR}.`,
      lines: [
        cmd('mkdir -p', FILES_DIR),
        ...writeComponentFiles(plan),
        ...(workload
          ? [
              writeFile(`${FILES_DIR}/${SERVICE_ACCOUNT_FILE}`, workload.serviceAccount, {
                [CLIENT_ID_MARKER]: 'CLIENT_ID',
              }),
            ]
          : []),
        // The client-id annotation (k8s-manifests.ts CLIENT_ID_ANNOTATION) gets the id the script read.
        writeFile(`${FILES_DIR}/${POD_TEMPLATE_PATCH_FILE}`, kubernetes.podTemplatePatch, {
          [CLIENT_ID_MARKER]: 'CLIENT_ID',
        }),
      ],
    },
  ];
  if (kubernetes.namespace !== 'default') {
    steps.push({
      comment: 'Create the namespace if it does not exist yet.',
      // --ignore-not-found: a missing namespace prints nothing and exits 0 (kubectl get --help).
      lines: [
        capture('NAMESPACE_FOUND', 'kubectl get namespace', v('NAMESPACE'), '-o name --ignore-not-found'),
        when('NAMESPACE_FOUND', '=', '', [cmd('kubectl create namespace', v('NAMESPACE'))]),
      ],
    });
  }
  steps.push(
    {
      comment: `Apply ${workload ? 'the ServiceAccount and ' : ''}${plan.components.length === 1 ? 'the component' : 'the components'} in the namespace.`,
      lines: [
        ...(workload
          ? [
              // Looked up before the apply: only a ServiceAccount the setup made gets the mark, which lets the
              // teardown delete it; one that existed (the user's own) is only annotated with the client id.
              capture(
                'SERVICE_ACCOUNT_EXISTED',
                'kubectl get serviceaccount',
                v('SERVICE_ACCOUNT'),
                '--namespace',
                v('NAMESPACE'),
                '-o name --ignore-not-found',
              ),
              cmd('kubectl apply -f', `${FILES_DIR}/${SERVICE_ACCOUNT_FILE}`),
              // A later apply keeps it: kubectl apply leaves fields the file does not name (kubernetes/kubectl
              // pkg/cmd/apply/patcher.go, a three-way merge with the last-applied configuration).
              when('SERVICE_ACCOUNT_EXISTED', '=', '', [
                cmd(
                  'kubectl annotate serviceaccount',
                  v('SERVICE_ACCOUNT'),
                  '--namespace',
                  v('NAMESPACE'),
                  `${CREATED_ANNOTATION}=true --overwrite`,
                ),
              ]),
            ]
          : []),
        ...aksComponentApplyLines(plan),
      ],
    },
    {
      // A strategic merge patch merges the template's labels, annotations and fields into the Deployment's
      // and leaves its containers as they are (kubernetes/kubectl pkg/cmd/patch/patch.go: --type strategic,
      // --patch-file, YAML or JSON); a run with nothing to change reports "patched (no change)" and starts
      // no rollout. The patch's config-hash annotation (k8s-manifests.ts configFilesHash) changes with the
      // component and ServiceAccount files, so new files roll the pods: daprd reads them only when it starts.
      comment: `Patch the app's Deployment ${kubernetes.deployment} with the pod template fields (its other fields and containers stay); its pods restart when a field or a file changed.`,
      lines: [
        cmd(
          'kubectl patch deployment',
          DEPLOYMENT,
          '--namespace',
          v('NAMESPACE'),
          '--type strategic --patch-file',
          `${FILES_DIR}/${POD_TEMPLATE_PATCH_FILE}`,
        ),
      ],
    },
    {
      // kubectl rollout status waits for the newest ReplicaSet's pods to be updated and available, and fails
      // after --timeout (kubernetes/kubectl pkg/cmd/rollout/rollout_status.go).
      comment: `Wait (at most ${ROLLOUT_TIMEOUT}) until the Deployment's new pods run.`,
      lines: [
        orStop(
          cmd(
            'kubectl rollout status deployment',
            DEPLOYMENT,
            '--namespace',
            v('NAMESPACE'),
            '--timeout',
            ROLLOUT_TIMEOUT,
          ),
          failureMessage(
            `The Deployment ${kubernetes.deployment} did not finish rolling out within ${ROLLOUT_TIMEOUT}.`,
            'aks-rollout-not-ready',
          ),
        ),
      ],
    },
  );
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
function deploymentCheckStep(plan: DeploymentPlan): ScriptStep {
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
