/**
 * The VM's verification: a token from its instance metadata service and the components in Dapr's metadata
 * API, both through Run Command (the scale set's instances: vmss-verify.ts).
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { command, join, lit, retry, v, type ScriptLine } from '../script-model';
import { RG } from '../setup/steps';
import { failureMessage } from '../troubleshoot-advice';
import { metadataCheckLines } from './dapr-metadata-check';
import { daprRunLine, resourceManagerEndpoint } from './self-hosted';

/**
 * A shell line for the VM that prints the HTTP status of a token request to the instance metadata service:
 * GET /metadata/identity/oauth2/token with the Metadata: true header, client_id naming a user-assigned
 * identity (MicrosoftDocs/azure-docs managed-identities-azure-resources/how-to-use-vm-token.md). The token
 * itself is discarded: only the status leaves the VM. At most 5 s a try (curl --max-time): a firewall that drops
 * the packets would otherwise hold each try for the TCP connect timeout, and the bounded wait with it.
 */
export function imdsStatusCurl(plan: DeploymentPlan, clientId: string | undefined): string {
  return `curl -s --max-time ${IMDS_TRY_SECONDS} -o /dev/null -w "%{http_code}" -H Metadata:true "${imdsTokenUrl(plan, clientId)}"`;
}

/** The status on a line of its own, as the VM's Run Command output shows it. */
function imdsStatusScript(plan: DeploymentPlan, clientId: string | undefined): string {
  return imdsStatusCurl(plan, clientId).replace('"%{http_code}"', '"%{http_code}\\n"');
}

/** The token request's address; `clientId` names a user-assigned identity (undefined: the system-assigned one). */
export function imdsTokenUrl(plan: DeploymentPlan, clientId: string | undefined): string {
  const query = `api-version=2018-02-01&resource=${resourceManagerEndpoint(plan)}${clientId === undefined ? '' : `&client_id=${clientId}`}`;
  return `http://169.254.169.254/metadata/identity/oauth2/token?${query}`;
}

export const IMDS_ATTEMPTS = 6;
/** The longest one token request may take (curl --max-time). */
export const IMDS_TRY_SECONDS = 5;
export const IMDS_DELAY_SECONDS = 10;

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
