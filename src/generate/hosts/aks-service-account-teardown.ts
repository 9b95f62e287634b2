/**
 * The AKS teardown's removal of the Workload ID ServiceAccount, and the setup's mark it goes by: only a
 * ServiceAccount the setup created, that still names this identity and that no workload runs as, is
 * deleted. The mark is read once, by the Deployment's revert (aks-deployment-revert.ts), which runs first and
 * must know whether the ServiceAccount will go; this step goes by the same answer.
 */
import { CREATED_ANNOTATION } from '../k8s-manifests';
import { cmd, command, join, printLine, v, when, type ScriptLine, type ScriptStep } from '../script-model';

/** The variable the mark is read into (serviceAccountCreatedLine): "true" on a ServiceAccount the setup made. */
export const SERVICE_ACCOUNT_CREATED = 'SERVICE_ACCOUNT_CREATED';

/** The setup's mark on a ServiceAccount it created (k8s-manifests.ts CREATED_ANNOTATION); empty on any other. */
export function serviceAccountCreatedLine(): ScriptLine {
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
export function serviceAccountTeardownStep(): ScriptStep {
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
