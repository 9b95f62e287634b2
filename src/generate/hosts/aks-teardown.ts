/**
 * The AKS teardown: the grants, the federated credential, the setup's patch of the Deployment, the components
 * and the ServiceAccount, each only while it is still what the setup made.
 */
import { kubectlSignInLines } from './aks-kubectl';
import { aksComponentsTeardownStep } from './aks-components';
import { clusterGoneStep } from './aks-cluster-gone';
import { CLIENT_ID_ANNOTATION, CONFIG_HASH_ANNOTATION, CREATED_ANNOTATION } from '../k8s-manifests';
import type { DeploymentPlan } from '../plan/deployment-plan';
import {
  capture,
  cmd,
  command,
  join,
  lit,
  note,
  printLine,
  v,
  when,
  words,
  type Conditional,
  type ScriptLine,
  type ScriptStep,
  type Word,
  type WriteFile,
} from '../script-model';
import { RG } from '../setup/steps';
import { DEPLOYMENT } from './aks-verify';

const CLUSTER = ['--name', v('CLUSTER_NAME'), ...RG] as const;
const OIDC_ISSUER = 'OIDC_ISSUER';
const CLUSTER_ID = 'CLUSTER_ID';
const SERVICE_ACCOUNT_CREATED = 'SERVICE_ACCOUNT_CREATED';

/**
 * A strategic merge patch that deletes the pod template fields the setup's patch added (null deletes a key).
 * The Dapr annotations stay, as Dapr stays on in the Container Apps teardown: the setup cannot tell whether
 * Dapr was on before, and the app's callers use its app id. serviceAccount goes with serviceAccountName: the
 * API server keeps it as an alias and, when serviceAccountName is empty, takes the name back from it
 * (kubernetes/kubernetes pkg/apis/core/v1/conversion.go, Convert_v1_PodSpec_To_core_PodSpec).
 */
function revertPatch(withServiceAccount: boolean): string {
  const metadata: Record<string, unknown> = {
    // The client-id annotation (k8s-manifests.ts CLIENT_ID_ANNOTATION) goes with the hash; null for a key
    // that is not there (the patch of a kubelet setup from before it carried one) deletes nothing.
    annotations: { [CONFIG_HASH_ANNOTATION]: null, [CLIENT_ID_ANNOTATION]: null },
  };
  if (withServiceAccount) metadata.labels = { 'azure.workload.identity/use': null };
  const template: Record<string, unknown> = { metadata };
  if (withServiceAccount) template.spec = { serviceAccountName: null, serviceAccount: null };
  return JSON.stringify({ spec: { template } });
}

/** The patch that takes the Deployment back to the namespace's default ServiceAccount, printed for the user. */
const TAKE_BACK_SERVICE_ACCOUNT = JSON.stringify({
  spec: {
    template: {
      metadata: { labels: { 'azure.workload.identity/use': null } },
      spec: { serviceAccountName: null, serviceAccount: null },
    },
  },
});

function takeBackServiceAccountWords(): Word[] {
  return [
    "If it ran as the namespace's default ServiceAccount: kubectl patch deployment ",
    DEPLOYMENT,
    ' --namespace ',
    v('NAMESPACE'),
    ` --type strategic -p '${TAKE_BACK_SERVICE_ACCOUNT}'`,
  ];
}

/**
 * The setup switches a Deployment that ran as the default ServiceAccount to the one entered; when that one
 * has no created mark (it existed before, or a setup from before the mark made it), the teardown cannot tell
 * whether the Deployment already ran as it, so it leaves serviceAccountName and the Workload ID label, says
 * so and prints the patch that takes them back. A ServiceAccount deleted since reads no mark either: the note
 * then says it is gone, since pods naming a ServiceAccount that does not exist are refused (the ServiceAccount
 * admission plugin "ensures the ServiceAccount referenced by the pod exists": kubernetes/kubernetes
 * plugin/pkg/admission/serviceaccount/admission.go).
 * (Recording the previous serviceAccountName in the pod template would let it restore it; not done yet.)
 */
function keptServiceAccountNotes(deployment: string): Conditional['lines'] {
  const found = 'SERVICE_ACCOUNT_FOUND';
  return [
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
        'name',
      ],
      { captureTo: found },
    ),
    when(found, '!=', '', [
      printLine(
        `Kept: the Deployment ${deployment} still runs as the ServiceAccount `,
        v('SERVICE_ACCOUNT'),
        `, with the Workload ID label azure.workload.identity/use: that ServiceAccount has no ${CREATED_ANNOTATION} mark of the setup (it existed before the setup, or a setup from before it marked what it creates made it, or a run stopped before its mark), so the teardown cannot tell whether the Deployment ran as it before. `,
        ...takeBackServiceAccountWords(),
      ),
    ]),
    when(found, '=', '', [
      printLine(
        `Kept: the Deployment ${deployment} still names the ServiceAccount `,
        v('SERVICE_ACCOUNT'),
        ', with the Workload ID label azure.workload.identity/use, but that ServiceAccount is gone (deleted since the setup): new pods of the Deployment are refused until it is back or the Deployment runs as another. ',
        ...takeBackServiceAccountWords(),
      ),
    ]),
  ];
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
      lit(revertPatch(withServiceAccount)),
    );
  const annotationPath = `{.spec.template.metadata.annotations.${CONFIG_HASH_ANNOTATION.replace(/\./g, '\\.')}}`;
  return {
    comment: workload
      ? `Take back the setup's patch of the Deployment ${kubernetes.deployment}: its config-hash and client-id annotations, and while its pods use the ServiceAccount ${kubernetes.workloadIdentity?.serviceAccountName ?? ''} and the setup created it, that ServiceAccount and the Workload ID label (its pods restart).`
      : `Take back the setup's patch of the Deployment ${kubernetes.deployment}: its config-hash and client-id annotations (its pods restart, without the components).`,
    lines: [
      command(get(annotationPath), { captureTo: hash }),
      ...(workload
        ? [
            command(get('{.spec.template.spec.serviceAccountName}'), { captureTo: account }),
            serviceAccountCreatedLine(),
            when(hash, '!=', '', [
              when(SERVICE_ACCOUNT_CREATED, '=', 'true', [
                when(account, '=', v('SERVICE_ACCOUNT'), [patch(true)]),
                when(account, '!=', v('SERVICE_ACCOUNT'), [patch(false)]),
              ]),
              when(SERVICE_ACCOUNT_CREATED, '!=', 'true', [
                patch(false),
                when(account, '=', v('SERVICE_ACCOUNT'), keptServiceAccountNotes(kubernetes.deployment)),
              ]),
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
          printLine(
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
    ],
  };
}

/** The setup's mark on a ServiceAccount it created (k8s-manifests.ts CREATED_ANNOTATION); empty on any other. */
function serviceAccountCreatedLine(): ScriptLine {
  return command(
    [
      'kubectl',
      'get',
      'serviceaccount',
      v('SERVICE_ACCOUNT'),
      '--namespace',
      v('NAMESPACE'),
      '--ignore-not-found',
      '-o',
      `jsonpath={.metadata.annotations.${CREATED_ANNOTATION}}`,
    ],
    { captureTo: SERVICE_ACCOUNT_CREATED },
  );
}

/** Workloads whose pod template names a ServiceAccount at spec.template.spec (a CronJob's is a level deeper). */
const TEMPLATED_WORKLOADS = 'deployments,statefulsets,daemonsets,jobs';

/**
 * The ServiceAccount goes only when the setup created it (its mark), it still names this identity, and no
 * workload in the namespace runs as it. Run after the Deployment's revert: a Deployment, StatefulSet,
 * DaemonSet, Job or CronJob that still names it keeps it, since its pods could not start without it. Pods
 * made by nothing of these (a bare pod) are not looked at: after the revert the old pods may still be
 * terminating with it, and they would keep it for ever. One the setup did not create is the user's own: it
 * stays, with the client-id annotation the setup's apply gave it, and the script says so.
 */
function serviceAccountTeardownStep(): ScriptStep {
  const saClientId = 'SERVICE_ACCOUNT_CLIENT_ID';
  const saUsers = 'SERVICE_ACCOUNT_USED_BY';
  const cronJobUsers = 'SERVICE_ACCOUNT_USED_BY_CRONJOBS';
  const users = (types: string, podSpec: string, variable: string) =>
    command(
      [
        'kubectl',
        'get',
        types,
        '--namespace',
        v('NAMESPACE'),
        '-o',
        join(
          `jsonpath={.items[?(@.${podSpec}.serviceAccountName=="`,
          v('SERVICE_ACCOUNT'),
          '")].metadata.name}',
        ),
      ],
      { captureTo: variable },
    );
  return {
    comment:
      'Delete the ServiceAccount if the setup created it, it still names this identity and no workload runs as it.',
    lines: [
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
      users(TEMPLATED_WORKLOADS, 'spec.template.spec', saUsers),
      users('cronjobs', 'spec.jobTemplate.spec.template.spec', cronJobUsers),
      // Both empty once the ServiceAccount and the identity are gone (a second teardown after
      // DELETE_IDENTITY=1): nothing is left to delete or to report as kept.
      when(saClientId, '!=', '', [
        when(saClientId, '=', v('CLIENT_ID'), [
          when(SERVICE_ACCOUNT_CREATED, '=', 'true', [
            when(saUsers, '=', '', [
              when(cronJobUsers, '=', '', [
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
          when(SERVICE_ACCOUNT_CREATED, '!=', 'true', [
            printLine(
              'Kept: the ServiceAccount ',
              v('SERVICE_ACCOUNT'),
              ` has no ${CREATED_ANNOTATION} mark of the setup (it existed before the setup, or a setup from before it marked what it creates made it, or a run stopped before its mark), and keeps the setup's annotation azure.workload.identity/client-id. If nothing else signs in through it: kubectl annotate serviceaccount `,
              v('SERVICE_ACCOUNT'),
              ' --namespace ',
              v('NAMESPACE'),
              ' azure.workload.identity/client-id- (or, if a setup made it and nothing runs as it: kubectl delete serviceaccount ',
              v('SERVICE_ACCOUNT'),
              ' --namespace ',
              v('NAMESPACE'),
              ')',
            ),
          ]),
        ]),
      ]),
    ],
  };
}

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
