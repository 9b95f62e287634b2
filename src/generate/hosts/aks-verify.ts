/**
 * AKS, after the rollout: proof that Dapr in the app's newest pod can sign in and loaded every component.
 * The chain: the Dapr sidecar injector added daprd to the pod and labelled it dapr.io/app-id=<app id>
 * (dapr/dapr pkg/injector/patcher/sidecar_patcher.go); with Workload ID, the webhook gave daprd
 * AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE (Azure/azure-workload-identity pkg/webhook/webhook.go
 * addEnvironmentVariables, for every container and init container; its MutatingWebhookConfiguration has
 * reinvocationPolicy IfNeeded, so it also reaches the daprd container the Dapr injector adds); and daprd
 * logged "Component loaded: <name> (<type>/<version>)" for each component, or "Failed to init component
 * <name> (...): <error>" (dapr/dapr pkg/runtime/processor/components.go, v1.16.0 to v1.18.3; the name as
 * utils.ComponentLogName writes it).
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { cmd, command, retry, v, type ScriptLine, type Word } from '../script-model';
import { guard } from '../setup/steps';
import { failureMessage } from '../troubleshoot-advice';
import { signInProofLine } from './sign-in-proof';
import { componentLoadedText } from './daprd-log-lines';

export const DEPLOYMENT: Word = v('DEPLOYMENT_NAME');
/**
 * New grants take up to about 10 minutes (azure-cli.md 5), and until then a component whose Init calls Azure
 * gets 403 and daprd exits ("Error processing component, daprd will exit gracefully", dapr/dapr
 * pkg/runtime/processor/components.go v1.18.3), so the rollout may need that long on a run that made a grant.
 */
export const ROLLOUT_TIMEOUT = '10m';
/** The sidecar's container name (dapr/dapr pkg/injector/consts/consts.go SidecarContainerName). */
const DAPRD = 'daprd';
const POD = 'DAPR_POD';
/** New grants take up to about 10 minutes (azure-cli.md 5): a component whose init uses one may fail till then. */
const LOG_ATTEMPTS = 30;
const LOG_DELAY_SECONDS = 20;

/**
 * The newest pod with the app id's label: after the rollout, one of the new ReplicaSet's (older pods may
 * still be terminating). kubectl sorts the list before the JSONPath printer slices it.
 */
function newestPodLine(plan: DeploymentPlan): ScriptLine {
  return command(
    [
      'kubectl',
      'get',
      'pods',
      '--namespace',
      v('NAMESPACE'),
      '--selector',
      `dapr.io/app-id=${plan.appId}`,
      '--sort-by',
      '.metadata.creationTimestamp',
      '-o',
      'jsonpath={.items[-1:].metadata.name}',
    ],
    { captureTo: POD },
  );
}

/**
 * One environment variable's value in the daprd container, a regular container or, with Dapr's native
 * sidecar option, an init container (dapr/dapr pkg/injector/patcher/sidecar_patcher.go, Dapr 1.18).
 */
function daprdEnvLine(variable: string, name: string): ScriptLine {
  const path = (list: string): string =>
    `{.spec.${list}[?(@.name=="${DAPRD}")].env[?(@.name=="${name}")].value}`;
  return command(
    [
      'kubectl',
      'get',
      'pod',
      v(POD),
      '--namespace',
      v('NAMESPACE'),
      '-o',
      `jsonpath=${path('containers')}${path('initContainers')}`,
    ],
    { captureTo: variable },
  );
}

function workloadIdentityLines(): ScriptLine[] {
  const notInjected =
    'The daprd container of the newest pod does not carry the Workload ID variables the webhook injects';
  return [
    daprdEnvLine('DAPRD_CLIENT_ID', 'AZURE_CLIENT_ID'),
    guard(
      'DAPRD_CLIENT_ID',
      '!=',
      v('CLIENT_ID'),
      failureMessage(
        `${notInjected} (AZURE_CLIENT_ID with the identity's client id), so Dapr cannot sign in as the identity.`,
        'workload-id-not-configured',
      ),
    ),
    daprdEnvLine('DAPRD_TOKEN_FILE', 'AZURE_FEDERATED_TOKEN_FILE'),
    guard(
      'DAPRD_TOKEN_FILE',
      '=',
      '',
      failureMessage(
        `${notInjected} (AZURE_FEDERATED_TOKEN_FILE, the projected token), so Dapr cannot sign in as the identity.`,
        'workload-id-not-configured',
      ),
    ),
  ];
}

/** Waits for daprd's load line of one component; grep prints it, so the user sees the proof. */
function componentLoadedLine(plan: DeploymentPlan, name: string): ScriptLine {
  const namespace = plan.kubernetes?.namespace ?? '';
  const deployment = plan.kubernetes?.deployment ?? '';
  const minutes = (LOG_ATTEMPTS * LOG_DELAY_SECONDS) / 60;
  return retry(
    command(['kubectl', 'logs', v(POD), '--namespace', v('NAMESPACE'), '--container', DAPRD], {
      pipeTo: ['grep', '-F', '--', componentLoadedText(name)],
    }),
    {
      attempts: LOG_ATTEMPTS,
      delaySeconds: LOG_DELAY_SECONDS,
      waiting: `daprd has not logged "Component loaded: ${name}" yet; trying again in ${LOG_DELAY_SECONDS} s.`,
      message: failureMessage(
        `daprd in the newest pod did not log "Component loaded: ${name}" within ${minutes} minutes. Its line about ${name}: kubectl logs deployment/${deployment} --namespace ${namespace} --container daprd | grep -F '${name} (' (a 403 there can mean a grant is not in effect yet: run this script again in a few minutes).`,
        'dapr-component-init-failed',
      ),
    },
  );
}

/** The verify lines: the components exist, the new pod runs daprd with the identity, each component loaded. */
export function aksVerifyLines(plan: DeploymentPlan): ScriptLine[] {
  return [
    ...plan.components.map((component) =>
      cmd('kubectl get components.dapr.io', component.name, '--namespace', v('NAMESPACE')),
    ),
    newestPodLine(plan),
    guard(
      POD,
      '=',
      '',
      failureMessage(
        `No pod of the app runs with the Dapr sidecar (no pod labelled dapr.io/app-id=${plan.appId} in the namespace).`,
        'aks-daprd-not-injected',
      ),
    ),
    ...(plan.kubernetes?.workloadIdentity ? workloadIdentityLines() : []),
    ...plan.components.flatMap((component) => [
      componentLoadedLine(plan, component.name),
      signInProofLine(
        component,
        `kubectl logs deployment/${plan.kubernetes?.deployment ?? ''} --namespace ${plan.kubernetes?.namespace ?? ''} --container daprd`,
      ),
    ]),
  ];
}
