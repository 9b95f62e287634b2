/**
 * The VM's and the scale set's verification: a token from each machine's instance metadata service and the
 * components in Dapr's metadata API (through Run Command on the VM; lines to run on an instance of a scale set).
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { command, join, lit, note, printLine, retry, v, type ScriptLine } from '../script-model';
import { RG } from '../setup/steps';
import { failureMessage } from '../troubleshoot-advice';
import { loadedEntry, METADATA_ANSWERED, METADATA_SCRIPT, metadataCheckLines } from './dapr-metadata-check';
import { daprRunLine, resourceManagerEndpoint } from './self-hosted';

/** client_id in the scale set's token request: the entered value, or where the script prints it. */
function scaleSetClientId(plan: DeploymentPlan): string | undefined {
  if (plan.identity.kind !== 'user') return undefined;
  return plan.identity.clientId === '' ? '<client id the script prints below>' : plan.identity.clientId;
}

/**
 * The scale set's checks, as lines to run on an instance. Instances still on an older model do not have the
 * identity yet (latestModelApplied, Uniform orchestration): a printed line for the user to run, not a command
 * the script runs, since the Debian azure-cli 2.45 package this project checks commands with cannot load
 * `vmss list-instances` (its compute SDK module azure.mgmt.compute.v2022_11_01 is missing, so `--help` fails
 * too), so the parser test could not check it; the flags are those of vm/_params.py (vmss_name_type: --name),
 * and latestModelApplied is a top-level field of its output (aaz/latest/vmss/_list_instances.py, client_flatten).
 */
export function scaleSetVerifyLines(plan: DeploymentPlan): ScriptLine[] {
  return [
    note(
      "Each instance's identity endpoint: for an instance id from az vmss list-instances, a 200 means a token:\n" +
        '  az vmss run-command invoke --name "$VMSS_NAME" --resource-group "$RESOURCE_GROUP" \\\n' +
        `    --instance-id <instance-id> --command-id RunShellScript --scripts '${imdsStatusScript(plan, scaleSetClientId(plan))}'`,
    ),
    // A looked-up client id exists only while the script runs: print it for the request above.
    ...(plan.identity.kind === 'user' && plan.identity.clientId === ''
      ? [printLine("The identity's client id, for client_id= in that request: ", v('CLIENT_ID'))]
      : []),
    scaleSetMetadataNote(plan),
    // Printed, not run: the user runs it once the instances had time to update.
    printLine(
      'Instances not yet on the latest model (so still without the identity, Uniform orchestration), to update with az vmss update-instances --instance-ids <ids>:\n  az vmss list-instances --name ',
      v('VMSS_NAME'),
      ' --resource-group ',
      v('RESOURCE_GROUP'),
      " --query '[?!latestModelApplied].instanceId' -o tsv",
    ),
  ];
}

/**
 * The metadata check of an instance, printed for the same reason as the token check above: the script knows
 * no instance id. The machine's script is the VM's (dapr-metadata-check.ts); each loaded component is a line
 * starting with its entry.
 */
function scaleSetMetadataNote(plan: DeploymentPlan): ScriptLine {
  const entries = plan.components.map((component) => `  ${loadedEntry(component)}`).join('\n');
  return note(
    "Once the app runs under dapr run on an instance: Dapr's metadata API there lists each component daprd loaded:\n" +
      '  az vmss run-command invoke --name "$VMSS_NAME" --resource-group "$RESOURCE_GROUP" \\\n' +
      `    --instance-id <instance-id> --command-id RunShellScript --scripts '${METADATA_SCRIPT}' \\\n` +
      "    --query 'value[0].message' -o tsv\n" +
      `Its output holds "${METADATA_ANSWERED}" and a line for each, starting:\n${entries}\n` +
      'A missing one has a "Failed to init component <name>" line in the dapr run output, whose rest is the cause\n' +
      "(troubleshoot.html#dapr-component-init-failed, beside the wizard's page).",
  );
}

/**
 * A shell line for the VM that prints the HTTP status of a token request to the instance metadata service:
 * GET /metadata/identity/oauth2/token with the Metadata: true header, client_id naming a user-assigned
 * identity (MicrosoftDocs/azure-docs managed-identities-azure-resources/how-to-use-vm-token.md). The token
 * itself is discarded: only the status leaves the VM.
 */
function imdsStatusScript(plan: DeploymentPlan, clientId: string | undefined): string {
  const query = `api-version=2018-02-01&resource=${resourceManagerEndpoint(plan)}${clientId === undefined ? '' : `&client_id=${clientId}`}`;
  return `curl -s -o /dev/null -w "%{http_code}\\n" -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?${query}"`;
}

const IMDS_ATTEMPTS = 6;
const IMDS_DELAY_SECONDS = 10;

/**
 * Through Run Command, as root on the VM: the identity endpoint gives a token. For a user-assigned identity
 * the request names its client id, which the script holds in CLIENT_ID (a GUID read from Azure). The
 * output's [stdout] part holds the status line (vm custom.py run_command_invoke); sed keeps it.
 */
export function vmVerifyLines(plan: DeploymentPlan): ScriptLine[] {
  const user = plan.identity.kind === 'user';
  const [before, after] = imdsStatusScript(plan, user ? '\0' : undefined).split('\0');
  return [
    // A just-attached identity can take a moment to reach the VM's metadata service: try a few times. The
    // run-command output (-o tsv of value[0].message) carries the status on a line of its own.
    retry(
      command(
        [
          'az',
          'vm',
          'run-command',
          'invoke',
          '--name',
          v('VM_NAME'),
          ...RG,
          '--command-id',
          'RunShellScript',
          '--scripts',
          user ? join(before ?? '', v('CLIENT_ID'), after ?? '') : lit(before ?? ''),
          '--query',
          'value[0].message',
          '-o',
          'tsv',
        ],
        // Not grep -q: it exits at the first match, and under pipefail the writer's SIGPIPE would fail the try.
        { pipeTo: ['grep', '-x', '200'] },
      ),
      {
        attempts: IMDS_ATTEMPTS,
        delaySeconds: IMDS_DELAY_SECONDS,
        waiting: `The VM's instance metadata service gave no token yet (a new identity can take a moment to reach it); trying again in ${IMDS_DELAY_SECONDS} s.`,
        message: failureMessage(
          `The VM's instance metadata service (169.254.169.254) gave no token for the ${user ? "identity's client id" : 'system-assigned identity'} after ${IMDS_ATTEMPTS} tries: so Dapr on the VM cannot sign in either.`,
          'imds-no-token',
        ),
      },
    ),
    ...metadataCheckLines(
      plan,
      ['az', 'vm', 'run-command', 'invoke', '--name', v('VM_NAME'), ...RG, '--command-id', 'RunShellScript'],
      'the VM',
      daprRunLine(plan),
    ),
  ];
}
