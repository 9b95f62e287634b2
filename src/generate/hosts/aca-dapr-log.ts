/**
 * Container Apps, after the revision check: proof from the Dapr sidecar's own log that it loaded each
 * component. The sidecar is the container `daprd` of the app's replicas: Microsoft's Container Apps docs query
 * its lines as `ContainerAppConsoleLogs_CL | where ContainerName_s == "daprd"` (MicrosoftDocs/azure-docs
 * articles/container-apps/dapr-component-resiliency.md, "Resiliency logs"), and "Sidecars containers should
 * show in Streaming Logs also" (microsoft/azure-container-apps#196, a comment of 2022-08-24).
 *
 * `az containerapp logs show` (Azure/azure-cli src/azure-cli/azure/cli/command_modules/containerapp:
 * custom.py stream_containerapp_logs @01ec4d35, _params.py @2f466538, _validators.py validate_ssh @ada10c74):
 * --type console (the default) streams one container of one replica of one revision; --revision defaults to
 * latestRevisionName, --replica to the first replica the service lists for it ("Could not find a replica for
 * this app" when it has none, as an app scaled to zero), --container to the revision's first container, and a
 * name the replica lacks fails with "Could not find container". --tail is 20 by default and at most 300
 * ("--tail must be between 0 and 300."); without --follow the service sends those past lines and the call
 * returns ("Fetch the past 20 lines of logs from an app and return", the command's example in
 * learn.microsoft.com/cli/azure/containerapp/logs). Each line is
 * printed as the service sends it; --format text, since the JSON form had escaping faults until a 2024 fix
 * (Azure CLI release notes, "Fix #29711"). --type came with the containerapp extension 0.3.12
 * (Azure/azure-cli-extensions src/containerapp/HISTORY.rst), before the commands moved into the core CLI in
 * 2.53.0 ("Move `containerapp` from CLI extension to core CLI", MicrosoftDocs/azure-docs-cli
 * docs-ref-conceptual/release-notes-azure-cli.md, September 26, 2023): the host's minimum covers it.
 */
import type { DeploymentPlan, PlannedComponent } from '../plan/deployment-plan';
import { command, printLine, retry, v, when, words, type Command, type ScriptLine } from '../script-model';
import { guard, hostArgsToPaste, RG } from '../setup/steps';
import { failureMessage } from '../troubleshoot-advice';
import {
  COMPONENT_INIT_FAILED_PREFIX,
  componentInitFailedText,
  componentLoadedText,
  DAPRD_RUNNING_TEXT,
} from './daprd-log-lines';
import { failureLineAdvice, likelyEntries } from './failure-line-advice';
import { countLines } from './captured-lines';
import { signInProofLine } from './sign-in-proof';

const APP = ['--name', v('CONTAINER_APP_NAME'), ...RG] as const;
/** The CLI's largest --tail: the more of the sidecar's start the read keeps, the better. */
export const DAPRD_LOG_TAIL = 300;
/** New grants take up to about 10 minutes (azure-cli.md 5): a component whose Init uses one fails till then. */
export const DAPRD_LOG_ATTEMPTS = 30;
export const DAPRD_LOG_DELAY_SECONDS = 20;
const REVISION = 'DAPR_REVISION';
const LOG = 'DAPRD_LOG';
const LOADED = 'DAPRD_COMPONENT_LOADED';
const FAILED_LINE = 'DAPRD_FAILED_LINE';
const FAILED = 'DAPRD_FAILED_COMPONENTS';
const ANY_FAILED = 'DAPRD_FAILURE_LINES';
/** Set when the wait ran out: daprd's log never said it runs, or could not be read. */
export const DAPRD_LOG_WAIT_RAN_OUT = 'DAPRD_LOG_WAIT_RAN_OUT';

/** The read of daprd's console log in the revision the checks above found ready. */
function logShow(): Command['argv'] {
  return words(
    'az containerapp logs show',
    ...APP,
    '--revision',
    v(REVISION),
    `--container daprd --type console --tail ${DAPRD_LOG_TAIL} --format text`,
  );
}

/** The query to run by hand in the environment's Log Analytics workspace for one component's lines. */
export function consoleLogQuery(plan: DeploymentPlan, component: PlannedComponent): string {
  return (
    `ContainerAppConsoleLogs_CL | where ContainerAppName_s == "${plan.hostName}" and ContainerName_s == "daprd"` +
    ` | where Log_s contains "${component.name} (" | project time_t, Log_s | order by time_t desc`
  );
}

/**
 * Waits until daprd's log says it runs, every component processed; grep prints that line. A component that
 * fails stops daprd, which starts again, so the wait also outlasts a grant that is not in effect yet (as the
 * AKS wait does). A wait that runs out is no failure by itself: the report after it reads the last lines.
 */
/**
 * daprd processes its components in order and, without spec.ignoreErrors, exits at the first that fails
 * ("Error processing component, daprd will exit gracefully", daprd-log-lines.ts); the platform starts it
 * again. A failure that waiting can cure is a grant not in effect yet, which only a component whose start
 * calls Azure meets (loadProvesSignIn). With none of those, a failure line ends the wait at once: the next
 * start fails the same way.
 */
function waitLine(plan: DeploymentPlan): ScriptLine {
  const minutes = (DAPRD_LOG_ATTEMPTS * DAPRD_LOG_DELAY_SECONDS) / 60;
  const graceForGrants = plan.components.some((component) => component.loadProvesSignIn);
  // A pattern with a line break is one pattern per line (GNU grep, "PATTERNS"): either line ends the wait.
  const endsTheWait = graceForGrants
    ? DAPRD_RUNNING_TEXT
    : `${DAPRD_RUNNING_TEXT}\n${COMPONENT_INIT_FAILED_PREFIX}`;
  return retry(command(logShow(), { pipeTo: ['grep', '-F', '--', endsTheWait] }), {
    attempts: DAPRD_LOG_ATTEMPTS,
    delaySeconds: DAPRD_LOG_DELAY_SECONDS,
    waiting: graceForGrants
      ? "daprd's log does not say yet that it runs (a component that signs in to Azure as it starts fails " +
        `until a new grant is in effect, and daprd then starts again); trying again in ${DAPRD_LOG_DELAY_SECONDS} s.`
      : `daprd's log does not say yet that it runs, nor that a component failed; trying again in ${DAPRD_LOG_DELAY_SECONDS} s.`,
    // A check of the proof: the entry's likely cause and fix, in the troubleshooting view's words (the causes
    // are that entry's: a failing component, scale to zero, lines scrolled past, an unreadable container).
    message: failureMessage(
      `daprd's log did not say within about ${minutes} minutes that it runs (the last ${DAPRD_LOG_TAIL} lines ` +
        'read); what they show about each component follows.',
      'aca-daprd-log-silent',
    ),
    flagOnFailure: DAPRD_LOG_WAIT_RAN_OUT,
  });
}

/** One component's report: loaded, failed with Dapr's own line and its entry, or not seen. */
function componentReport(plan: DeploymentPlan, component: PlannedComponent): ScriptLine[] {
  const logCommand = `az containerapp logs show ${hostArgsToPaste(plan)} --container daprd --tail ${DAPRD_LOG_TAIL} --format text`;
  return [
    countLines(LOG, LOADED, componentLoadedText(component.name), '-F'),
    when(LOADED, '!=', '0', [signInProofLine(component, logCommand)]),
    when(LOADED, '=', '0', [
      command(['printf', '%s\\n', v(LOG)], {
        captureTo: FAILED_LINE,
        // The first such line: a daprd that starts again logs it again.
        pipeTo: ['grep', '-m', '1', '-F', '--', componentInitFailedText(component.name)],
        tolerateFailure: true,
      }),
      when(FAILED_LINE, '!=', '', [
        printLine(`${component.name}: Dapr failed to load it. Its line in daprd's log:`),
        printLine(v(FAILED_LINE)),
        ...failureLineAdvice(FAILED_LINE, likelyEntries(plan, component)),
        command(['printf', '%s', v(FAILED), `${component.name} `], { captureTo: FAILED }),
      ]),
      when(FAILED_LINE, '=', '', [
        // Released daprd stops at the first component that fails (dapr/dapr v1.15.0
        // pkg/runtime/processor/components.go: "daprd will exit gracefully"), so the ones after it were never
        // tried; dapr/dapr's main branch starts them side by side, and then one may still be loading. Worded
        // to hold for both.
        when(ANY_FAILED, '!=', '0', [
          printLine(
            `${component.name}: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).`,
          ),
        ]),
        when(ANY_FAILED, '=', '0', [
          printLine(
            `${component.name}: not seen in the last ${DAPRD_LOG_TAIL} lines of daprd's log (not a failure: on a replica ` +
              'that runs long they scroll past; and a replica that started before this run set the component has not ' +
              'loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision ' +
              `restart ${hostArgsToPaste(plan)} --revision <revision>). Look for ` +
              "it in the environment's Log Analytics workspace:\n" +
              `  ${consoleLogQuery(plan, component)}`,
          ),
        ]),
      ]),
    ]),
  ];
}

/** The lines after the revision check: wait for daprd's start, then report each component. */
export function acaDaprLogLines(plan: DeploymentPlan): ScriptLine[] {
  const names = plan.components.map((component) => component.name).join(', ');
  return [
    // latestReadyRevisionName: the revision the check above found ready (ContainerApps.json).
    command(words('az containerapp show', ...APP, '--query properties.latestReadyRevisionName -o tsv'), {
      captureTo: REVISION,
    }),
    waitLine(plan),
    command(logShow(), { captureTo: LOG, tolerateFailure: true }),
    command(['printf', '%s', ''], { captureTo: FAILED }),
    countLines(LOG, ANY_FAILED, COMPONENT_INIT_FAILED_PREFIX, '-F'),
    ...plan.components.flatMap((component) => componentReport(plan, component)),
    when(DAPRD_LOG_WAIT_RAN_OUT, '=', '1', [
      printLine(
        "Not proved by this run: that Dapr loaded a component marked not seen above. daprd logs its components when it starts: run this script again after the app's next start (a new revision or a restart), or run the query above.",
      ),
    ]),
    guard(
      FAILED,
      '!=',
      '',
      failureMessage(
        `Dapr in the container app's newest revision failed to load a component (of ${names}: the names are above this line, each with daprd's line and its likely cause above them).`,
        'dapr-component-init-failed',
      ),
      { detail: v(FAILED) },
    ),
  ];
}
