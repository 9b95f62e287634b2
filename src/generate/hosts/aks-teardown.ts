/**
 * The AKS teardown: the grants, the federated credential, the setup's patch of the Deployment, the components
 * and the ServiceAccount, each only while it is still what the setup made.
 */
import { kubectlSignInLines } from './aks-kubectl';
import { CLIENT_ID_ANNOTATION, CONFIG_HASH_ANNOTATION } from '../k8s-manifests';
import type { DeploymentPlan } from '../plan/deployment-plan';
import {
  capture,
  cmd,
  command,
  join,
  lit,
  note,
  v,
  when,
  words,
  type ScriptStep,
  type Word,
} from '../script-model';
import { RG } from '../setup/steps';
import { DEPLOYMENT } from './aks-verify';

const CLUSTER = ['--name', v('CLUSTER_NAME'), ...RG] as const;
const OIDC_ISSUER = 'OIDC_ISSUER';

/**
 * A strategic merge patch that deletes the pod template fields the setup's patch added (null deletes a key).
 * The Dapr annotations stay, as Dapr stays on in the Container Apps teardown: the setup cannot tell whether
 * Dapr was on before, and the app's callers use its app id. serviceAccount goes with serviceAccountName: the
 * API server keeps it as an alias and, when serviceAccountName is empty, takes the name back from it
 * (kubernetes/kubernetes pkg/apis/core/v1/conversion.go, Convert_v1_PodSpec_To_core_PodSpec).
 */
function revertPatch(withServiceAccount: boolean, workload: boolean): string {
  const metadata: Record<string, unknown> = {
    annotations: {
      [CONFIG_HASH_ANNOTATION]: null,
      // Workload ID: the client-id annotation (k8s-manifests.ts CLIENT_ID_ANNOTATION) goes with the hash.
      ...(workload ? { [CLIENT_ID_ANNOTATION]: null } : {}),
    },
  };
  if (withServiceAccount) metadata.labels = { 'azure.workload.identity/use': null };
  const template: Record<string, unknown> = { metadata };
  if (withServiceAccount) template.spec = { serviceAccountName: null, serviceAccount: null };
  return JSON.stringify({ spec: { template } });
}

/**
 * The setup patched the Deployment with its config-hash annotation, so a Deployment without one was not
 * patched by it (or was reverted already) and is left alone. With Workload ID, the ServiceAccount and its label
 * go only while the pods still use the setup's ServiceAccount, which the next step deletes. The change rolls
 * the pods, and the new ones start without the deleted components.
 */
function deploymentRevertStep(plan: DeploymentPlan): ScriptStep {
  const kubernetes = plan.kubernetes;
  if (!kubernetes) throw new Error('An AKS plan carries its Kubernetes objects');
  const workload = kubernetes.workloadIdentity !== undefined;
  const hash = 'DEPLOYMENT_CONFIG_HASH';
  const account = 'DEPLOYMENT_SERVICE_ACCOUNT';
  const get = (jsonPath: string): Word[] => [
    'kubectl',
    'get',
    'deployment',
    DEPLOYMENT,
    '--namespace',
    v('NAMESPACE'),
    '--ignore-not-found',
    '-o',
    `jsonpath=${jsonPath}`,
  ];
  const patch = (withServiceAccount: boolean) =>
    cmd(
      'kubectl patch deployment',
      DEPLOYMENT,
      '--namespace',
      v('NAMESPACE'),
      '--type strategic -p',
      lit(revertPatch(withServiceAccount, workload)),
    );
  const annotationPath = `{.spec.template.metadata.annotations.${CONFIG_HASH_ANNOTATION.replace(/\./g, '\\.')}}`;
  return {
    comment: workload
      ? `Take back the setup's patch of the Deployment ${kubernetes.deployment}: its config-hash and client-id annotations, and while its pods use the ServiceAccount ${kubernetes.workloadIdentity?.serviceAccountName ?? ''}, that ServiceAccount and the Workload ID label (its pods restart).`
      : `Take back the setup's patch of the Deployment ${kubernetes.deployment}: its config-hash annotation (its pods restart, without the components).`,
    lines: [
      command(get(annotationPath), { captureTo: hash }),
      ...(workload
        ? [
            command(get('{.spec.template.spec.serviceAccountName}'), { captureTo: account }),
            when(hash, '!=', '', [
              when(account, '=', v('SERVICE_ACCOUNT'), [patch(true)]),
              when(account, '!=', v('SERVICE_ACCOUNT'), [patch(false)]),
            ]),
          ]
        : [when(hash, '!=', '', [patch(false)])]),
      note(
        'Kept: the Dapr annotations (dapr.io/enabled, app-id, app-port): Dapr may have been on before the setup, and callers use the app id.',
      ),
    ],
  };
}

/**
 * The federated credential of the setup's name, only while it still trusts exactly this cluster's issuer and
 * this ServiceAccount: a credential of that name for another issuer is another cluster's (the setup stops
 * rather than re-point one). The list fails without the identity, so it runs only while the identity exists;
 * without the cluster its issuer is unknown, and the credential is kept (it goes with the identity).
 */
function federatedCredentialTeardownStep(): ScriptStep {
  const found = 'FEDERATED_CREDENTIAL_FOUND';
  return {
    comment:
      "Remove the federated credential the setup made, if it still trusts exactly this cluster's issuer and this ServiceAccount.",
    lines: [
      when('IDENTITY_ID', '!=', '', [
        when(OIDC_ISSUER, '!=', '', [
          capture(
            found,
            'az identity federated-credential list --identity-name',
            v('IDENTITY_NAME'),
            ...RG,
            '--query',
            join(
              "[?name=='",
              v('FEDERATED_CREDENTIAL_NAME'),
              "' && issuer=='",
              v(OIDC_ISSUER),
              "' && subject=='system:serviceaccount:",
              v('NAMESPACE'),
              ':',
              v('SERVICE_ACCOUNT'),
              "'] | length(@)",
            ),
            '-o tsv',
          ),
          when(found, '=', '1', [
            cmd(
              'az identity federated-credential delete --name',
              v('FEDERATED_CREDENTIAL_NAME'),
              '--identity-name',
              v('IDENTITY_NAME'),
              ...RG,
              '--yes',
            ),
          ]),
        ]),
        when(OIDC_ISSUER, '=', '', [
          command([
            'printf',
            '%s\\n',
            join(
              'The cluster ',
              v('CLUSTER_NAME'),
              ' has no OIDC issuer (or is gone), so the federated credential ',
              v('FEDERATED_CREDENTIAL_NAME'),
              " cannot be told from another cluster's: it is kept. If no cluster signs in through it, delete it: az identity federated-credential delete --name ",
              v('FEDERATED_CREDENTIAL_NAME'),
              ' --identity-name ',
              v('IDENTITY_NAME'),
              ' --resource-group ',
              v('RESOURCE_GROUP'),
              ' --yes',
            ),
          ]),
        ]),
      ]),
    ],
  };
}

/**
 * Components of the setup's names go (the setup's apply replaced any of that name). The ServiceAccount goes
 * only while it is annotated with this identity's client id, as the setup wrote it. The namespace, the OIDC
 * issuer and Workload ID on the cluster stay: other workloads may use them.
 */
function clusterTeardownSteps(plan: DeploymentPlan): ScriptStep[] {
  const workload = plan.kubernetes?.workloadIdentity !== undefined;
  const saClientId = 'SERVICE_ACCOUNT_CLIENT_ID';
  const saUsers = 'SERVICE_ACCOUNT_USED_BY';
  return [
    {
      comment: `Delete ${plan.components.length === 1 ? 'the component' : 'the components'} the setup applied${workload ? ', and the ServiceAccount if it still names this identity and no Deployment uses it' : ''}.`,
      lines: [
        ...plan.components.map((component) =>
          cmd(
            'kubectl delete components.dapr.io',
            component.name,
            '--namespace',
            v('NAMESPACE'),
            '--ignore-not-found',
          ),
        ),
        ...(workload
          ? [
              command(
                [
                  'kubectl',
                  'get',
                  'serviceaccount',
                  v('SERVICE_ACCOUNT'),
                  '--namespace',
                  v('NAMESPACE'),
                  '--ignore-not-found',
                  '-o',
                  'jsonpath={.metadata.annotations.azure\\.workload\\.identity/client-id}',
                ],
                { captureTo: saClientId },
              ),
              // Run after the Deployment's revert: a Deployment that still names it (the user's own manifest,
              // another app) keeps it, since its pods could not start without it. StatefulSets, DaemonSets and
              // Jobs are not looked at.
              command(
                [
                  'kubectl',
                  'get',
                  'deployments',
                  '--namespace',
                  v('NAMESPACE'),
                  '-o',
                  join(
                    'jsonpath={.items[?(@.spec.template.spec.serviceAccountName=="',
                    v('SERVICE_ACCOUNT'),
                    '")].metadata.name}',
                  ),
                ],
                { captureTo: saUsers },
              ),
              when(saClientId, '!=', '', [
                when(saClientId, '=', v('CLIENT_ID'), [
                  when(saUsers, '=', '', [
                    cmd(
                      'kubectl delete serviceaccount',
                      v('SERVICE_ACCOUNT'),
                      '--namespace',
                      v('NAMESPACE'),
                      '--ignore-not-found',
                    ),
                  ]),
                ]),
              ]),
            ]
          : []),
        note(
          `Kept: the namespace${workload ? ', the OIDC issuer and Workload ID on the cluster' : ''} (other workloads may use ${workload ? 'them' : 'it'}).`,
        ),
      ],
    },
  ];
}

export function aksTeardownSteps(plan: DeploymentPlan, grantSteps: readonly ScriptStep[]): ScriptStep[] {
  const workload = plan.kubernetes?.workloadIdentity !== undefined;
  return [
    {
      comment:
        'Point kubectl at the cluster (kubelogin signs it in through the Azure CLI on a cluster with Microsoft Entra integration).',
      lines: kubectlSignInLines(),
    },
    ...(workload
      ? [
          {
            comment:
              "Read the cluster's OIDC issuer: the federated credential the setup made trusts it (empty once the cluster is gone).",
            lines: [
              command(words('az aks show', ...CLUSTER, '--query oidcIssuerProfile.issuerUrl -o tsv'), {
                captureTo: OIDC_ISSUER,
                tolerateFailure: true,
              }),
            ],
          },
        ]
      : [
          {
            comment:
              "Read the node pool's kubelet identity (AKS made it, and it stays): the grants below are looked up by it.",
            lines: [
              capture(
                'PRINCIPAL_ID',
                'az aks show',
                ...CLUSTER,
                '--query identityProfile.kubeletidentity.objectId -o tsv',
              ),
              // An Azure SQL user is proven this identity's by its client id.
              ...(plan.grants.some(({ grant }) => grant.kind === 'sql-contained-user')
                ? [
                    capture(
                      'CLIENT_ID',
                      'az aks show',
                      ...CLUSTER,
                      '--query identityProfile.kubeletidentity.clientId -o tsv',
                    ),
                  ]
                : []),
            ],
          },
        ]),
    ...grantSteps,
    ...(workload ? [federatedCredentialTeardownStep()] : []),
    deploymentRevertStep(plan),
    ...clusterTeardownSteps(plan),
  ];
}
