/**
 * Proof on a VM (or a scale set's instance) that daprd loaded each component: Dapr's metadata API, asked on
 * the machine through Run Command. It answers only while the app runs under `dapr run`, which the user starts
 * after the setup; so a first run finds no daprd and says what to run, and a run after that checks.
 */
import type { DeploymentPlan, PlannedComponent } from '../plan/deployment-plan';
import {
  command,
  lit,
  note,
  printLine,
  v,
  when,
  type Command,
  type ScriptLine,
  type Word,
} from '../script-model';
import { FILES_DIR } from '../plan/build-plan';
import { guard } from '../setup/steps';
import { failureMessage } from '../troubleshoot-advice';

/**
 * The HTTP port the printed `dapr run` gives daprd: `--dapr-http-port` (short -H), whose default is a random
 * free port (dapr/cli cmd/run.go: IntVarP(&runConfig.HTTPPort, "dapr-http-port", "H", dapr.DefaultRandomPort)),
 * so without it the script could not know where to ask. 3500 is Dapr's own default HTTP port.
 */
export const DAPR_HTTP_PORT = 3500;

const METADATA_URL = `http://localhost:${DAPR_HTTP_PORT}/v1.0/metadata`;

/** What the machine prints first: whether anything answered GET /v1.0/metadata with a 2xx (curl -f). */
export const METADATA_ANSWERED = 'dapr-metadata-api: answered';
export const METADATA_NO_ANSWER = 'dapr-metadata-api: no answer';

/**
 * Run on the machine as root by the Run Command agent (RunShellScript). GET /v1.0/metadata answers a JSON
 * object whose "components" array holds one {"name","type","version","capabilities"} per loaded component
 * (dapr/dapr pkg/api/http/metadata.go metadataResponse `json:"components"`, the RegisteredComponents proto
 * fields name, type, version in that order, dapr/proto/runtime/v1/metadata.proto; filled from the component
 * store in pkg/api/universal/metadata.go; v1.16.0 and master). The body is written by encoding/json
 * (pkg/api/http/responses.go respondWithJSON: json.NewEncoder), so it is compact: `{"name":"x","type":"y"`.
 *
 * Only those name-and-type pairs leave the machine (grep -o): Run Command keeps the last 4,096 bytes of the
 * output only (Microsoft Learn, "Run scripts in your Linux VM by using action Run Commands", Restrictions),
 * which a whole metadata body with subscriptions and capabilities can pass. grep, not jq: a VM may lack jq;
 * curl is already assumed by the identity check. `|| true`: no component at all is for the caller to say.
 */
export const METADATA_SCRIPT =
  `if curl -sf -o /dev/null ${METADATA_URL}; then echo "${METADATA_ANSWERED}"; ` +
  `curl -sf ${METADATA_URL} | grep -o "{\\"name\\":\\"[^\\"]*\\",\\"type\\":\\"[^\\"]*\\"" || true; ` +
  `else echo "${METADATA_NO_ANSWER}"; fi`;

/** The Dapr type of a planned self-hosted component: its Component document's spec.type. */
function componentType(component: PlannedComponent): string {
  const spec = component.document['spec'];
  const type = typeof spec === 'object' && spec !== null ? (spec as { type?: unknown }).type : undefined;
  if (typeof type !== 'string') throw new Error(`Component ${component.name} has no spec.type`);
  return type;
}

/** The start of the component's entry in the metadata body, as encoding/json writes it. */
export function loadedEntry(component: PlannedComponent): string {
  return `{"name":"${component.name}","type":"${componentType(component)}"`;
}

/**
 * Why a running daprd lacks a component, most likely first: an app id outside the component's scopes, which
 * only the apps they name may use (dapr/docs operations/components/component-scopes.md); a dapr run without
 * the folder; or an init error that spec.ignoreErrors let daprd go on past (dapr/dapr
 * pkg/runtime/processor/components.go processComponents: without it daprd exits, and the API does not answer).
 */
function notLoadedCauses(plan: DeploymentPlan, component: PlannedComponent): string {
  const scope =
    plan.appId === ''
      ? ''
      : `the app runs under another --app-id than ${plan.appId}, the component's scope; or `;
  return (
    `Check, most likely first: ${scope}dapr run was started without --resources-path ./${FILES_DIR}; or the component failed to init ` +
    `and ignoreErrors let daprd go on: its "Failed to init component ${component.name}" line in the dapr run output says why ` +
    '(a 403 there can mean a grant is not in effect yet). Start the app with the dapr run line this script prints, then run this script again.'
  );
}

const METADATA = 'DAPR_METADATA';
const ANSWERED = 'DAPR_METADATA_ANSWERED';
const LOADED = 'DAPR_COMPONENT_LOADED';

/** How many lines of the captured output are exactly `line` (grep -c reads all of it: no SIGPIPE). */
function countLines(variable: string, line: string, match: '-x' | '-F'): Command {
  return command(['printf', '%s\\n', v(METADATA)], {
    captureTo: variable,
    pipeTo: ['grep', '-c', match, '--', line],
    // grep -c prints 0 and exits 1 when nothing matches: the 0 is the answer, not a failure.
    tolerateFailure: true,
  });
}

/**
 * The lines that ask the machine and judge its answer. `invoke` is the Run Command invocation without its
 * --scripts (az vm run-command invoke --name ..., or az vmss run-command invoke ... --instance-id ...);
 * `where` names the machine in messages ("the VM", "instance 0"); `startLine` is the printed dapr run.
 *
 * The output is value[0].message with the script's output under a [stdout] heading and its errors under
 * [stderr] (azure-cli vm/custom.py run_command_invoke; -o tsv prints the string as it is). The marker and the
 * entries are matched as whole lines or fixed strings, so the headings around them do not matter.
 */
export function metadataCheckLines(
  plan: DeploymentPlan,
  invoke: readonly Word[],
  where: string,
  startLine: string,
): ScriptLine[] {
  const notRunning =
    `Dapr's metadata API on ${where} did not answer on port ${DAPR_HTTP_PORT} (or Run Command failed: its error is above). ` +
    `Before the app runs under Dapr that is expected: start it on ${where} with\n${startLine}\n` +
    'then run this script again: it changes nothing and checks that Dapr loaded each component. ' +
    // A component that fails to init stops daprd (dapr/dapr pkg/runtime/processor/components.go, as aci.ts reads it).
    `If the app already runs under dapr run, daprd may have stopped: a component that fails to load stops it, and its "Failed to init component <name>" line in the dapr run output says why (troubleshoot.html#dapr-component-init-failed, beside the wizard's page).`;
  return [
    note(
      `Dapr's metadata API on ${where} (GET ${METADATA_URL}) lists each component daprd loaded.\n` +
        'It answers once the app runs under dapr run: until then this says what to run.',
    ),
    command([...invoke, '--scripts', lit(METADATA_SCRIPT), '--query', 'value[0].message', '-o', 'tsv'], {
      captureTo: METADATA,
      // Run Command runs a script that only reads Dapr's metadata: a read.
      effect: 'read-only',
      // A stopped machine, or no right to run commands: the not-running message below says so.
      tolerateFailure: true,
    }),
    countLines(ANSWERED, METADATA_ANSWERED, '-x'),
    when(ANSWERED, '=', '0', [printLine(notRunning)]),
    when(
      ANSWERED,
      '!=',
      '0',
      plan.components.flatMap((component) => [
        countLines(LOADED, loadedEntry(component), '-F'),
        guard(
          LOADED,
          '=',
          '0',
          failureMessage(
            `Dapr's metadata API on ${where} does not list the component ${component.name}: daprd did not load it. ${notLoadedCauses(plan, component)}`,
            'dapr-component-not-in-metadata',
          ),
        ),
      ]),
    ),
    when(ANSWERED, '!=', '0', [
      printLine(
        `Dapr's metadata API on ${where} lists every component: ${plan.components.map((component) => component.name).join(', ')}.`,
      ),
    ]),
  ];
}
