/**
 * The AKS teardown's revert of the setup's patch of the app's Deployment: the pod template fields the patch
 * added go, the Dapr annotations stay, and with Workload ID the ServiceAccount fields go only while they name
 * the ServiceAccount the setup made. Apart from the other removal steps because what it may take back
 * depends on what the Deployment ran as before, which the teardown cannot always tell: it then keeps the
 * fields, says so and prints the patch that takes them back.
 */
import { CLIENT_ID_ANNOTATION, CONFIG_HASH_ANNOTATION, CREATED_ANNOTATION } from '../k8s-manifests';
import type { DeploymentPlan } from '../plan/deployment-plan';
import {
  cmd,
  command,
  lit,
  note,
  printLine,
  v,
  when,
  type Conditional,
  type ScriptStep,
  type Word,
} from '../script-model';
import { SERVICE_ACCOUNT_CREATED, serviceAccountCreatedLine } from './aks-service-account-teardown';
import { DEPLOYMENT } from './aks-verify';

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
export function deploymentRevertStep(plan: DeploymentPlan): ScriptStep {
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
