/**
 * The Web App's daprd sidecar as a Microsoft.Web/sites/sitecontainers resource under the user's web app: the
 * container the setup script's `az webapp sitecontainers create` PUTs, with the same body (SiteContainer of
 * @azure/arm-appservice 18.0.0, API 2025-03-01: image, isMain, targetPort, startUpCommand, authType;
 * learn.microsoft.com/azure/templates/microsoft.web/sites/sitecontainers). The component files stay with the
 * script: daprd reads them from /home, which no ARM resource writes, and only when it starts, so the script's
 * copy and restart steps come after this deployment.
 */
import type { DeploymentPlan } from '../../plan/deployment-plan';
import { azLine } from '../header-notes';
import { API_VERSIONS } from '../resource-types';
import { webAppSidecar } from '../script-steps';
import { expr } from './bicep-text';
import { resourceText } from './resources-text';

/** The sidecar resource, under `hostResource` (which main.bicep then references); '' on other hosts. */
export function sidecarText(plan: DeploymentPlan): string {
  const sidecar = webAppSidecar(plan);
  if (!sidecar) return '';
  return resourceText({
    symbol: 'daprSidecar',
    type: 'Microsoft.Web/sites/sitecontainers',
    apiVersion: API_VERSIONS.siteContainers,
    comment: [
      `daprd as a sidecar container of your ${plan.host.noun}: what the setup script's step "${sidecar.step.comment.replace(/\.$/, '')}" makes.`,
      'Needs: a Linux web app on the sidecar model: App Service adds sidecar containers only to Linux apps, and not',
      'beside a single custom container. This file does not check it (the setup script does, before any change):',
      `  ${azLine(plan, ['az', 'webapp', 'show', '--name', plan.hostName, '--resource-group', plan.resourceGroup, '--query', '{linux: reserved, fx: siteConfig.linuxFxVersion}'])}`,
      'must show linux true and no DOCKER| image.',
      // dapr/dapr pkg/internal/loader/disk/dirdata: a missing resources folder is an error, and daprd stops.
      'Until the setup script has copied the component files under /home (and restarted the app), daprd exits',
      'at start with "failed to load components: ... no such file or directory": run the script right',
      'after this deployment.',
      // The caveats the script prints beside the same step, so the template does not read as more certain.
      ...sidecar.step.lines.flatMap((line) => (line.kind === 'note' ? line.text.split('\n') : [])),
      // Those notes point to the log "below", the script's verify step's command (hosts/web-app.ts): here it is.
      // The sitecontainers commands first ship in Azure CLI 2.70.0 (Azure/azure-cli src/azure-cli/HISTORY.rst,
      // "Version 2.70.0", App Service: "az webapp sitecontainers: Add new commands").
      'The sidecar\'s log (daprd\'s "Component loaded" or "Failed to init component" lines; needs Azure CLI',
      '2.70 or later, the first with the web app sitecontainers commands: az upgrade):',
      `  ${azLine(plan, ['az', 'webapp', 'sitecontainers', 'log', '--name', plan.hostName, '--resource-group', plan.resourceGroup, '--container-name', sidecar.containerName])}`,
    ].join('\n'),
    body: {
      parent: expr('hostResource'),
      name: sidecar.containerName,
      properties: {
        image: sidecar.image,
        isMain: sidecar.isMain,
        targetPort: sidecar.targetPort,
        startUpCommand: sidecar.startupCommand,
        // What the script's command sends without an identity or registry credentials: the image is public.
        authType: 'Anonymous',
      },
    },
  });
}

/** Whether main.bicep declares the sidecar (and so references the web app). */
export const declaresSidecar = (plan: DeploymentPlan): boolean => webAppSidecar(plan) !== undefined;
