/** Steps shared by the hosts where Dapr runs self-hosted beside the app (VM, VMSS, App Service). */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { FILES_DIR } from '../plan/build-plan';
import { capture, cmd, note, v, when, type Command, type ScriptLine, type ScriptStep } from '../script-model';
import { componentFilesNoun, RG, writeComponentFiles } from '../setup/steps';
import { DAPR_HTTP_PORT } from './dapr-metadata-check';

export const SYSTEM_READ_FIRST =
  'An identity already on is read first and used as it is, so a dry run checks the grants of the real principal.';

/**
 * The principal of a system-assigned identity already on (`az <host> show --query identity.principalId`, as
 * the teardown reads it), else the one the assign command returns. A dry run skips the assign and stands in
 * a placeholder, which finds no grant: reading first lets it report the grants the host really has.
 */
export function systemIdentityLines(read: Command, assign: Command): ScriptLine[] {
  return [read, when('PRINCIPAL_ID', '=', '', [assign])];
}

/**
 * Turns on the system-assigned identity, reading the principal id from `query` of the command's output, or
 * attaches the user-assigned identity by resource id with `userFlag`.
 */
export function assignIdentitySteps(
  plan: DeploymentPlan,
  group: string,
  system: { readonly comment: string; readonly query: string },
  userFlag: string,
): ScriptStep[] {
  const name = ['--name', v(plan.host.hostNameVariable), ...RG] as const;
  if (plan.identity.kind === 'system') {
    return [
      {
        comment: `${system.comment} ${SYSTEM_READ_FIRST}`,
        lines: systemIdentityLines(
          capture('PRINCIPAL_ID', `az ${group} show`, ...name, '--query identity.principalId -o tsv'),
          capture('PRINCIPAL_ID', `az ${group} identity assign`, ...name, `--query ${system.query} -o tsv`),
        ),
      },
    ];
  }
  return [
    {
      comment: `Attach the identity to the ${plan.host.noun}.`,
      lines: [cmd(`az ${group} identity assign`, ...name, userFlag, v('IDENTITY_ID'), '-o none')],
    },
  ];
}

/** Writes the component files, then says where they go on the host. */
export function writeAndPlaceSteps(plan: DeploymentPlan, placement: string): ScriptStep[] {
  return [
    {
      comment: `Write ${componentFilesNoun(plan)} into ./${FILES_DIR}.`,
      lines: [cmd('mkdir -p', FILES_DIR), ...writeComponentFiles(plan)],
    },
    {
      comment: `Put ${componentFilesNoun(plan)} where Dapr on the ${plan.host.noun} reads ${plan.components.length === 1 ? 'it' : 'them'}.`,
      lines: [note(placement)],
    },
  ];
}

export function appIdOrPlaceholder(plan: DeploymentPlan): string {
  return plan.appId === '' ? '<your-app-id>' : plan.appId;
}

/**
 * The start line the user runs: dapr run's --app-port is the port daprd calls the app on, without which it
 * delivers no subscribed message or input-binding event (dapr/docs daprdocs/content/en/reference/cli/dapr-run.md;
 * the wizard asks for it whenever a component delivers, model/validate-app-port.ts). --dapr-http-port fixes
 * the port of Dapr's HTTP API, which the setup's metadata check asks (dapr-metadata-check.ts).
 */
export function daprRunLine(plan: DeploymentPlan): string {
  const appPort = plan.appPort === '' ? '' : ` --app-port ${plan.appPort}`;
  return `  dapr run --app-id ${appIdOrPlaceholder(plan)}${appPort} --dapr-http-port ${DAPR_HTTP_PORT} --resources-path ./${FILES_DIR} -- <your app command>`;
}

/**
 * The resource a test token is asked for: the cloud's Resource Manager, which every identity may ask a token
 * for (`az cloud show --name <cloud> --query endpoints.resourceManager`, azure-cli 2.45).
 */
const RESOURCE_MANAGER: Readonly<Record<string, string>> = {
  AzureCloud: 'https://management.azure.com/',
  AzureChinaCloud: 'https://management.chinacloudapi.cn',
  AzureUSGovernment: 'https://management.usgovcloudapi.net/',
};

export function resourceManagerEndpoint(plan: DeploymentPlan): string {
  const endpoint = RESOURCE_MANAGER[plan.cloud.azCloudName];
  if (endpoint === undefined) throw new Error(`No Resource Manager endpoint for ${plan.cloud.azCloudName}`);
  return endpoint;
}
