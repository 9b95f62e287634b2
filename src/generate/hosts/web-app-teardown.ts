/**
 * The Web App teardown: after the grants, the daprd sidecar goes, but only while it is provably the setup's
 * (its name, image and start-up command exactly as the setup wrote them), and the app restarts without it.
 * Sources: Azure/azure-cli src/azure-cli/azure/cli/command_modules/appservice/custom.py
 * list_webapp_sitecontainers(cmd, name, resource_group, slot=None), which returns [] for an app without
 * sidecars, and delete_webapp_sitecontainer(cmd, name, resource_group, container_name, slot=None), which
 * takes a 204 for a container that is not there as success; flags in src/test-support/az-flags-from-source.ts.
 */
import { hostArgsToPaste } from '../setup/steps';
import { DAPRD_IMAGE } from '../../catalog/dapr';
import { jmesString } from '../jmespath';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { cmd, command, lit, printLine, when, words, type ScriptStep } from '../script-model';
import { readSystemPrincipalStep, removeHostIdentityStep } from '../teardown/host-steps';
import { APP, daprdStartupCommand, SIDECAR_NAME, WEBAPP_RESOURCES_PATH } from './web-app-sidecar';

const SIDECARS_NAMED = 'SIDECARS_NAMED';
const SETUPS_SIDECARS = 'SETUPS_SIDECARS';

/**
 * `az webapp sitecontainers list` narrowed by a JMESPath filter, counted. Tolerant: a web app that is gone
 * (or unreadable) leaves the count empty, and nothing is removed. The list's items carry the container's name
 * as `name` (custom.py compares it with --container-name when it validates a new sidecar).
 */
function countSidecars(variable: string, filter: string) {
  return command(
    words('az webapp sitecontainers list', ...APP, '--query', lit(`length([?${filter}])`), '-o tsv'),
    { captureTo: variable, tolerateFailure: true },
  );
}

/**
 * The image the setup writes, without its tag: a teardown from a later release (another Dapr version in
 * DAPRD_IMAGE) still knows the sidecar an earlier setup wrote. JMESPath's starts_with takes a string prefix
 * (jmespath.org specification, "starts_with").
 */
const DAPRD_IMAGE_REPOSITORY = DAPRD_IMAGE.slice(0, DAPRD_IMAGE.lastIndexOf(':') + 1);

function removeSidecarStep(plan: DeploymentPlan): ScriptStep {
  const named = `name==${jmesString(SIDECAR_NAME)}`;
  const asWritten = `${named} && starts_with(image || '', ${jmesString(DAPRD_IMAGE_REPOSITORY)}) && startUpCommand==${jmesString(daprdStartupCommand(plan))}`;
  const deleteCommand = `az webapp sitecontainers delete ${hostArgsToPaste(plan)} --container-name ${SIDECAR_NAME}`;
  const removeCommands = `${deleteCommand} && az webapp restart ${hostArgsToPaste(plan)}`;
  const notListed = printLine(
    `Not removed: the ${SIDECAR_NAME} sidecar of the web app ${plan.hostName}, because its sidecars could not be listed (Azure CLI older than 2.70, the app gone, or no read access to it). Upgrade and run again, or remove it and restart the app yourself: ${removeCommands}`,
  );
  return {
    comment: `Remove the ${SIDECAR_NAME} sidecar container only while it is the setup's (its name, the daprd image of any version, and the start-up command as the setup wrote them), then restart the web app without it.`,
    lines: [
      countSidecars(SIDECARS_NAMED, named),
      countSidecars(SETUPS_SIDECARS, asWritten),
      when(SETUPS_SIDECARS, '=', '1', [
        cmd('az webapp sitecontainers delete', ...APP, '--container-name', SIDECAR_NAME, '-o none'),
        cmd('az webapp restart', ...APP, '-o none'),
      ]),
      // A count is empty when its list failed: a CLI before 2.70 has no sitecontainers group, or the app is
      // gone or unreadable. The two lists are separate calls, so one can fail alone; only when the setup's
      // sidecar was not found and removed does an empty count mean it may still be there, and say so.
      when(SETUPS_SIDECARS, '!=', '1', [
        when(SIDECARS_NAMED, '=', '', [notListed]),
        when(SIDECARS_NAMED, '!=', '', [
          when(SETUPS_SIDECARS, '=', '', [notListed]),
          when(SETUPS_SIDECARS, '=', '0', [
            when(SIDECARS_NAMED, '=', '0', [
              printLine(`No ${SIDECAR_NAME} sidecar on the web app ${plan.hostName}: none is removed.`),
            ]),
            when(SIDECARS_NAMED, '=', '1', [
              printLine(
                `Kept: the sidecar container ${SIDECAR_NAME} of the web app ${plan.hostName}, whose image (not ${DAPRD_IMAGE_REPOSITORY}<version>) or start-up command (not ${daprdStartupCommand(plan)}) is not the setup's: yours, or a setup's from other values in the wizard. If the setup made it, remove it and restart the app: ${removeCommands}`,
              ),
            ]),
          ]),
        ]),
      ]),
    ],
  };
}

/**
 * The component files stay: no az command deletes a file on /home. Kudu (the service behind `az webapp
 * deploy`) has a file API with DELETE /api/vfs/{path} (projectkudu/kudu wiki, "REST API"). The Azure CLI
 * itself calls the SCM site with a Microsoft Entra bearer token when SCM basic auth is off (Azure/azure-cli
 * appservice custom.py get_scm_site_headers, "[AUTH]: AAD"), a token for the cloud's
 * app_service_resource_id endpoint (get_bearer_token); but no source read here gives that endpoint's value,
 * so `az rest --resource` cannot be written as the CLI asks for it, and Microsoft's Kudu page
 * (MicrosoftDocs/azure-docs articles/app-service/resources-kudu.md) documents Entra sign-in for the
 * browser only. Nothing reads the files once the setup's sidecar is gone, which the line says as a
 * condition (the step above may have kept it); the line says how to delete them from the app's own shell,
 * which sees the same /home.
 */
function keptFilesStep(plan: DeploymentPlan): ScriptStep {
  const paths = plan.components.map((component) => `${WEBAPP_RESOURCES_PATH}/${component.name}.yaml`);
  return {
    comment: `Not done here: delete the component files the setup copied to ${WEBAPP_RESOURCES_PATH} on the app's /home share.`,
    lines: [
      printLine(
        `Kept: the component files on the web app's /home share (this script does not delete files there); once the setup's ${SIDECAR_NAME} sidecar is removed, nothing reads them. To delete them, from an SSH session in the app (Azure portal, the app's SSH page): rm -f -- ${paths.join(' ')}`,
      ),
    ],
  };
}

/** The teardown steps of the web app host: read the principal, take back the grants, then the host's own changes. */
export function webAppTeardownSteps(plan: DeploymentPlan, grantSteps: readonly ScriptStep[]): ScriptStep[] {
  return [
    ...(plan.identity.kind === 'system' ? [readSystemPrincipalStep(plan, 'webapp')] : []),
    ...grantSteps,
    removeSidecarStep(plan),
    keptFilesStep(plan),
    removeHostIdentityStep(plan, 'webapp', { system: ['--identities', '[system]'], user: '--identities' }),
  ];
}
