/**
 * Proof on a VM (or a scale set's instance) that daprd loaded each component: Dapr's metadata API, asked on
 * the machine through Run Command. It answers only while the app runs under `dapr run`, which the user starts
 * after the setup; so a first run finds no daprd and says what to run, and a run after that checks.
 */
import type { DeploymentPlan, PlannedComponent } from '../plan/deployment-plan';
import {
  command,
  join,
  lit,
  note,
  printLine,
  v,
  when,
  type Conditional,
  type ScriptLine,
  type Word,
} from '../script-model';
import { FILES_DIR } from '../plan/build-plan';
import { guard } from '../setup/steps';
import { failureMessage } from '../troubleshoot-advice';
import { countLines } from './captured-lines';

/**
 * The HTTP port the printed `dapr run` gives daprd: `--dapr-http-port` (short -H), whose default is a random
 * free port (dapr/cli cmd/run.go: IntVarP(&runConfig.HTTPPort, "dapr-http-port", "H", dapr.DefaultRandomPort)),
 * so without it the script could not know where to ask. 3500 is Dapr's own default HTTP port.
 */
export const DAPR_HTTP_PORT = 3500;

export const METADATA_URL = `http://localhost:${DAPR_HTTP_PORT}/v1.0/metadata`;

/** What the machine prints first: how Dapr answered GET /v1.0/metadata (HTTP 200, 401 or nothing). */
export const METADATA_ANSWERED = 'dapr-metadata-api: answered';
export const METADATA_TOKEN_REQUIRED = 'dapr-metadata-api: requires the API token';
export const METADATA_NO_ANSWER = 'dapr-metadata-api: no answer';

/**
 * Run on the machine as root by the Run Command agent (RunShellScript). GET /v1.0/metadata answers a JSON
 * object whose "components" array holds one {"name","type","version","capabilities"} per loaded component
 * (dapr/dapr pkg/api/http/metadata.go metadataResponse `json:"components"`, the RegisteredComponents proto
 * fields name, type, version in that order, dapr/proto/runtime/v1/metadata.proto; filled from the component
 * store in pkg/api/universal/metadata.go; v1.16.0 and master). The body is written by encoding/json
 * (pkg/api/http/responses.go respondWithJSON: json.NewEncoder), so it is compact: `{"name":"x","type":"y"`.
 *
 * A daprd started with DAPR_API_TOKEN in its environment answers every API call without the matching
 * `dapr-api-token` header with 401 (dapr/dapr pkg/api/http/middlewares.go APITokenAuthMiddleware:
 * http.Error(w, "invalid api token", http.StatusUnauthorized), only GET /v1.0/healthz excluded; dapr/docs
 * operations/security/api-token.md). Run Command's root shell does not have the app's token, so a 401 is
 * told apart from no answer (curl prints 000 when nothing listens) and reported as such.
 *
 * Only the name-and-type pairs leave the machine (grep -o): Run Command keeps the last 4,096 bytes of the
 * output only (Microsoft Learn, "Run scripts in your Linux VM by using action Run Commands", Restrictions),
 * which a whole metadata body with subscriptions and capabilities can pass. grep, not jq: a VM may lack jq;
 * curl is already assumed by the identity check. `|| true`: no component at all is for the caller to say.
 */
export const METADATA_SCRIPT =
  `dapr_status=$(curl -s -o /dev/null -w "%{http_code}" ${METADATA_URL}); ` +
  `if [ "$dapr_status" = 200 ]; then echo "${METADATA_ANSWERED}"; ` +
  `curl -sf ${METADATA_URL} | grep -o "{\\"name\\":\\"[^\\"]*\\",\\"type\\":\\"[^\\"]*\\"" || true; ` +
  `elif [ "$dapr_status" = 401 ]; then echo "${METADATA_TOKEN_REQUIRED}"; ` +
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

const ANSWERED = 'DAPR_METADATA_ANSWERED';
const TOKEN_REQUIRED = 'DAPR_METADATA_TOKEN_REQUIRED';
const LOADED = 'DAPR_COMPONENT_LOADED';
const MISSING = 'DAPR_COMPONENTS_MISSING';

/**
 * What to start daprd with, named once: the app id its components are scoped to (dapr/docs
 * operations/components/component-scopes.md) and the folder the script wrote them into.
 */
function startWith(plan: DeploymentPlan): string {
  return plan.appId === ''
    ? `--resources-path ./${FILES_DIR}`
    : `--app-id ${plan.appId} and --resources-path ./${FILES_DIR}`;
}

/**
 * Judges what the machine's metadata script printed, held in `output`: `where` names the machine in messages
 * ("the VM", "the scale set's first instance"), `startLine` is the printed dapr run.
 *
 * No answer is not a failure: before the user starts the app under Dapr nothing listens, so the script says
 * what to run and to run it again. A 401 means daprd runs with an API token that Run Command cannot send:
 * the script says so and how to look by hand. An answer without a component stops the script, naming every
 * component missing (each found one is noted in DAPR_COMPONENTS_MISSING first), with the entry's cause and fix.
 */
export function metadataJudgeLines(
  plan: DeploymentPlan,
  output: string,
  where: string,
  startLine: string,
): Conditional['lines'][number][] {
  const notRunning =
    `Dapr's metadata API on ${where} did not answer on port ${DAPR_HTTP_PORT} (or Run Command failed: its error is above). ` +
    `Before the app runs under Dapr that is expected: start it on ${where} with\n${startLine}\n` +
    'then run this script again: it changes nothing and checks that Dapr loaded each component. ' +
    // A component that fails to init stops daprd (dapr/dapr pkg/runtime/processor/components.go, as aci.ts reads it).
    `If the app already runs under dapr run, daprd may have stopped: a component that fails to load stops it, and its "Failed to init component" line in the dapr run output names it and says why (troubleshoot.html#dapr-component-init-failed, beside the wizard's page).`;
  const tokenRequired =
    `Dapr answers on ${where} on port ${DAPR_HTTP_PORT} but requires its API token (HTTP 401): daprd was started with DAPR_API_TOKEN set, and Run Command does not have that token, so this script cannot list the components daprd loaded. ` +
    `Check by hand on ${where}, in the shell that has the app's DAPR_API_TOKEN:\n` +
    `  curl -s -H "dapr-api-token: $DAPR_API_TOKEN" ${METADATA_URL}\n` +
    `Its "components" list must name ${plan.components.map((component) => component.name).join(', ')}.`;
  return [
    countLines(output, ANSWERED, METADATA_ANSWERED, '-x'),
    countLines(output, TOKEN_REQUIRED, METADATA_TOKEN_REQUIRED, '-x'),
    when(ANSWERED, '=', '0', [
      when(TOKEN_REQUIRED, '=', '0', [printLine(notRunning)]),
      when(TOKEN_REQUIRED, '!=', '0', [printLine(tokenRequired)]),
    ]),
    when(ANSWERED, '!=', '0', [
      command(['printf', '%s', ''], { captureTo: MISSING }),
      ...plan.components.flatMap((component) => [
        countLines(output, LOADED, loadedEntry(component), '-F'),
        when(LOADED, '=', '0', [
          command(['printf', '%s', join(v(MISSING), ` ${component.name}`)], { captureTo: MISSING }),
        ]),
      ]),
      guard(
        MISSING,
        '!=',
        '',
        failureMessage(
          `Dapr's metadata API on ${where} does not list every component: daprd runs without the ones named above. The dapr run line this script prints starts it with ${startWith(plan)}.`,
          'dapr-component-not-in-metadata',
        ),
        {
          detail: join(`Not listed by Dapr's metadata API on ${where}:`, v(MISSING), '.'),
        },
      ),
      printLine(
        `Dapr's metadata API on ${where} lists every component: ${plan.components.map((component) => component.name).join(', ')}.`,
      ),
    ]),
  ];
}

const METADATA = 'DAPR_METADATA';

/**
 * The lines that ask the machine and judge its answer. `invoke` is the Run Command invocation without its
 * --scripts (az vm run-command invoke --name ...); `where` names the machine in messages ("the VM");
 * `startLine` is the printed dapr run.
 *
 * The output is value[0].message with the script's output under a [stdout] heading and its errors under
 * [stderr] (azure-cli vm/custom.py run_command_invoke; -o tsv prints the string as it is). The markers and the
 * entries are matched as whole lines or fixed strings, so the headings around them do not matter.
 */
export function metadataCheckLines(
  plan: DeploymentPlan,
  invoke: readonly Word[],
  where: string,
  startLine: string,
): ScriptLine[] {
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
    ...metadataJudgeLines(plan, METADATA, where, startLine),
  ];
}
