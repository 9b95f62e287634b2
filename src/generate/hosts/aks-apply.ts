/**
 * AKS: what the setup writes and applies in the cluster once the grants are made. The component files, the
 * Workload ID ServiceAccount and the patch of the app's pod template are written, the namespace made when
 * missing, the ServiceAccount and the components applied, then the Deployment patched (its pods restart
 * when a field or a file changed) and its rollout waited for. The files' text is k8s-manifests.ts's; these
 * are the commands run on them.
 */
import { CLIENT_ID_MARKER } from '../markers';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { FILES_DIR } from '../plan/build-plan';
import { CREATED_ANNOTATION, POD_TEMPLATE_PATCH_FILE, SERVICE_ACCOUNT_FILE } from '../k8s-manifests';
import { capture, cmd, orStop, v, when, type ScriptStep } from '../script-model';
import { componentFilesNoun, writeComponentFiles, writeFile } from '../setup/steps';
import { failureMessage } from '../troubleshoot-advice';
import { aksComponentApplyLines } from './aks-components';
import { DEPLOYMENT, ROLLOUT_TIMEOUT } from './aks-verify';

export function applySteps(plan: DeploymentPlan): ScriptStep[] {
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
