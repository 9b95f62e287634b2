/**
 * App Service Web App: no built-in Dapr, so the script adds daprd as a sidecar container of the (Linux) app,
 * puts the component files under /home, which App Service mounts into every container, and restarts the app.
 * Sources: MicrosoftDocs/azure-docs articles/app-service/overview-sidecar.md and configure-sidecar.md
 * (sidecars are Linux only; the containers share the network and /home; Azure Files mounts are not supported
 * for sidecars), Azure/azure-cli appservice custom.py (create_webapp_sitecontainers, see
 * src/test-support/az-flags-from-source.ts).
 */
import { ACI_DAPR_VERSION, DAPRD_IMAGE } from '../../catalog/dapr';
import { satisfiesDapr } from '../../catalog/dapr-versions';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { FILES_DIR } from '../plan/build-plan';
import { capture, cmd, lit, note, type ScriptLine, type ScriptStep } from '../script-model';
import { componentFilesNoun, guard, hostArgsToPaste, writeComponentFiles } from '../setup/steps';
import { needsAzureCli, type HostModule } from './host-module';
import { assignIdentitySteps } from './self-hosted';
import { componentInitFailedText, componentLoadedText } from './daprd-log-lines';
import { sidecarLogNote } from './web-app-dapr-log';
import { identityEndpointRequest, identityEndpointRequestPrinted } from './identity-endpoint';
import {
  APP,
  DAPR_HTTP_PORT,
  daprdStartupCommand,
  SIDECAR_NAME,
  WEBAPP_RESOURCES_PATH,
} from './web-app-sidecar';
import { webAppTeardownSteps } from './web-app-teardown';
import { withEntry } from '../troubleshoot-advice';

// create_webapp_sitecontainers stops on a site whose kind lacks "linux" (appservice custom.py,
// _get_site_props_for_sitecontainer_app_internal, is_linux_webapp): check it before the identity is attached.
const checkLinuxStep: ScriptStep = {
  comment:
    'Check that the web app can take a sidecar: App Service adds sidecar containers only to Linux apps, and not to a single custom container.',
  lines: [
    capture('WEBAPP_LINUX', 'az webapp show', ...APP, '--query', lit("contains(kind, 'linux')"), '-o tsv'),
    guard(
      'WEBAPP_LINUX',
      '!=',
      'true',
      withEntry(
        'The web app is not a Linux app, and App Service runs sidecar containers (so daprd) only on Linux: move the app to a Linux App Service plan, or choose another host in the wizard.',
        'web-app-not-linux',
      ),
    ),
    // A single custom container (linuxFxVersion DOCKER|<image>) takes no sidecars until the app is moved to
    // the site-container model (custom.py convert_webapp_sitecontainers, modes docker and sitecontainers).
    capture(
      'WEBAPP_SINGLE_CONTAINER',
      'az webapp show',
      ...APP,
      '--query',
      lit("starts_with(siteConfig.linuxFxVersion || '', 'DOCKER|')"),
      '-o tsv',
    ),
    guard(
      'WEBAPP_SINGLE_CONTAINER',
      '=',
      'true',
      withEntry(
        'The web app runs a single custom container, which takes no sidecar: move it to the sidecar model first with  az webapp sitecontainers convert --mode sitecontainers --name <app> --resource-group <group>  (Azure CLI 2.76 or later; its image becomes the main container), then run this script again.',
        'web-app-single-container',
      ),
    ),
  ],
};

function placeStep(plan: DeploymentPlan): ScriptStep {
  // --type lib copies one file to --target-path, an absolute path under /home/site/libs/ (see
  // WEBAPP_RESOURCES_PATH; the CLI sends the path as it is, appservice custom.py _build_onedeploy_url);
  // --restart false: the app restarts once, after the sidecar is added.
  return {
    comment: `Copy ${componentFilesNoun(plan)} to ${WEBAPP_RESOURCES_PATH} on the web app's /home share, which every container of the app sees.`,
    lines: plan.components.map((component) =>
      cmd(
        'az webapp deploy',
        ...APP,
        '--src-path',
        component.path,
        '--type lib --target-path',
        `${WEBAPP_RESOURCES_PATH}/${component.name}.yaml`,
        '--restart false -o none',
      ),
    ),
  };
}

/**
 * The sidecar runs the pinned DAPRD_IMAGE (its tag is ACI_DAPR_VERSION, src/catalog/dapr.ts), so the need is
 * checked here, not on the web app: a pin too old for the components is a bug in the catalog, never output.
 */
export function pinnedDaprNote(plan: DeploymentPlan): ScriptLine[] {
  const need = plan.daprNeed;
  if (need === undefined) return [];
  if (!satisfiesDapr(ACI_DAPR_VERSION, need.version)) {
    throw new Error(`${DAPRD_IMAGE} is older than Dapr ${need.version}, which ${need.reason}`);
  }
  return [note(`The sidecar runs Dapr ${ACI_DAPR_VERSION} (${DAPRD_IMAGE}), new enough: ${need.reason}.`)];
}

function sidecarStep(plan: DeploymentPlan): ScriptStep {
  // --is-main is required without a spec file (create_webapp_sitecontainers); false makes it a sidecar.
  // Re-running updates the container of this name (the command PUTs it).
  return {
    comment:
      'Add daprd as a sidecar container of the web app (a container of this name is updated), reading that folder.',
    lines: [
      cmd(
        'az webapp sitecontainers create',
        ...APP,
        '--container-name',
        SIDECAR_NAME,
        '--image',
        DAPRD_IMAGE,
        '--is-main false --target-port',
        DAPR_HTTP_PORT,
        '--startup-cmd',
        lit(daprdStartupCommand(plan)),
        '-o none',
      ),
      note(
        `Your app calls Dapr at http://localhost:${DAPR_HTTP_PORT}: the containers of an app share its network.\n` +
          'Not confirmed: that App Service starts the command as /daprd with these arguments (the image has no\n' +
          'shell); if the sidecar does not start, its log (below) says why.',
      ),
      ...pinnedDaprNote(plan),
      // daprd's --app-port is empty by default, and without it Dapr delivers nothing to the app
      // (dapr/dapr pkg/runtime/processor/subscriber/subscriber.go: "make sure -app-port is specified").
      ...(plan.appPort === ''
        ? [
            note(
              'No app port: Dapr delivers no subscribed messages or input-binding events to the app. If it takes them, enter its port in the wizard.',
            ),
          ]
        : []),
      // For apps that started as one custom container, /home sharing follows WEBSITES_ENABLE_APP_SERVICE_STORAGE
      // (MicrosoftDocs/azure-docs#121994); not confirmed for sitecontainers mode.
      note(
        'Not confirmed: that the sidecar sees /home when WEBSITES_ENABLE_APP_SERVICE_STORAGE is false (the default for\n' +
          'apps that started as one custom container); if daprd loads no component, set it to true.',
      ),
    ],
  };
}

const restartStep: ScriptStep = {
  comment: 'Restart the web app, so the sidecar starts with the component files in place.',
  lines: [cmd('az webapp restart', ...APP, '-o none')],
};

function setupSteps(plan: DeploymentPlan, grantSteps: readonly ScriptStep[]): ScriptStep[] {
  return [
    ...assignIdentitySteps(
      plan,
      'webapp',
      // --identities defaults to [system]; the command returns the identity object (appservice custom.py).
      {
        comment: "Turn on the web app's system-assigned identity and read its principal id.",
        query: 'principalId',
      },
      '--identities',
    ),
    ...grantSteps,
    {
      comment: `Write ${componentFilesNoun(plan)} into ./${FILES_DIR}.`,
      lines: [cmd('mkdir -p', FILES_DIR), ...writeComponentFiles(plan)],
    },
    placeStep(plan),
    sidecarStep(plan),
    restartStep,
  ];
}

/**
 * Lines to run, not commands the script runs: the identity endpoint and Dapr's API answer only inside the
 * app's containers, and no bounded read of the sidecar's log is confirmed (web-app-dapr-log.ts: `az webapp
 * sitecontainers log` streams until it is interrupted; what `az webapp log download` holds for a sidecar is
 * not stated). Reading daprd's log through Kudu with `az rest` was not taken either: the CLI's own SCM calls
 * use basic auth where the site allows it and else a Microsoft Entra token (custom.py get_scm_site_headers),
 * and the copies of get_bearer_token read ask for different resources (active_directory_resource_id
 * @00429bd3, app_service_resource_id in an earlier reading), so which one Kudu takes is not settled.
 * App Service gives its containers IDENTITY_ENDPOINT and IDENTITY_HEADER; a token request is GET
 * $IDENTITY_ENDPOINT with resource and api-version=2019-08-01 and the X-IDENTITY-HEADER header
 * (MicrosoftDocs/azure-docs articles/app-service/overview-managed-identity.md, "REST endpoint reference").
 * Dapr's metadata API lists the loaded components (dapr/dapr pkg/api/http/metadata.go).
 */
function verifyLines(plan: DeploymentPlan): ScriptLine[] {
  const names = plan.components.map((component) => component.name);
  return [
    note(
      `Once the app has restarted, daprd's log has a line for each component: "${componentLoadedText('<name>')}<type>/<version>)"\n` +
        `when it loaded, or "${componentInitFailedText('<name>')}<type>/<version>): <cause>" when it did not\n` +
        "(troubleshoot.html#dapr-component-init-failed, beside the wizard's page).\n" +
        `${sidecarLogNote(names, hostArgsToPaste(plan))}\n` +
        `From a shell in the main container (SSH in the portal), Dapr's metadata API lists the loaded components (${names.join(', ')}):\n` +
        `  curl -s http://localhost:${DAPR_HTTP_PORT}/v1.0/metadata\n` +
        'and the identity endpoint answers with a token (a 200) when the app has its identity:\n' +
        `${identityEndpointRequest(plan)}\n` +
        'Not confirmed by Microsoft or Dapr: whether App Service gives sidecar containers the managed identity\n' +
        'endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER); see dapr/dapr#6521. If the log shows ManagedIdentityCredential\n' +
        "errors instead, daprd cannot reach the identity from the sidecar on this app (troubleshoot.html#no-managed-identity-endpoint, beside the wizard's page).",
    ),
    ...identityEndpointRequestPrinted(plan),
  ];
}

export const webAppHost: HostModule = {
  // Before anything changes (a user-assigned identity the setup would create, too): an app that cannot take
  // the sidecar stops the script with nothing made.
  preflightSteps: () => [checkLinuxStep],
  teardownSteps: webAppTeardownSteps,
  setupSteps,
  verifyLines,
  restartHint: (plan) => `restart the app:\n  az webapp restart ${hostArgsToPaste(plan)}`,
  // az webapp sitecontainers first ships in Azure CLI 2.70.0, its convert in 2.76.0 (Azure/azure-cli src/azure-cli/HISTORY.rst,
  // "Version 2.70.0", App Service: "az webapp sitecontainers: Add new commands for linux web app sitecontainers").
  cliRequirement: () => needsAzureCli('2.70', 'the first with `az webapp sitecontainers`'),
  // The teardown lists and deletes the sidecar with the same group (Azure/azure-cli HISTORY.rst, 2.70.0).
  teardownCliRequirement: () => needsAzureCli('2.70', 'the first with `az webapp sitecontainers`'),
};
