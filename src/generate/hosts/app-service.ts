/** App Service Web App and Function App: no built-in Dapr; daprd runs beside the app (azure-cli.md 1.3). */
import { SIDECAR_RESOURCES_PATH } from '../../catalog/dapr';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { fileList } from '../setup/steps';
import { identityGrantsApply, RESTART_THE_APP, type HostModule } from './host-module';
import { appIdOrPlaceholder, assignIdentitySteps, writeAndPlaceSteps } from './self-hosted';

function placement(plan: DeploymentPlan): string {
  const files = fileList(plan);
  const daprd = `  daprd --app-id ${appIdOrPlaceholder(plan)} --resources-path ${SIDECAR_RESOURCES_PATH}`;
  return plan.host.id === 'functionapp'
    ? `Azure Functions on App Service has no built-in Dapr (Microsoft documents Dapr for Functions on Container Apps):\nrun daprd beside the function host with\n${daprd}\nand ${files} in that folder.`
    : `App Service has no built-in Dapr: run daprd as a sidecar container of the app (Linux) with\n${daprd}\nand ${files} in that folder (baked into the sidecar image or mounted from Azure Files).`;
}

function appServiceHost(group: 'webapp' | 'functionapp'): HostModule {
  return {
    setupSteps: (plan, grantSteps) =>
      identityGrantsApply(
        assignIdentitySteps(
          plan,
          group,
          // --identities defaults to [system]; the command returns the identity object (appservice custom.py).
          {
            comment: `Turn on the ${plan.host.noun}'s system-assigned identity and read its principal id.`,
            query: 'principalId',
          },
          '--identities',
        ),
        grantSteps,
        writeAndPlaceSteps(plan, placement(plan)),
      ),
    verifyLines: () => [],
    restartHint: RESTART_THE_APP,
    cliRequirement: () => undefined,
  };
}

export const webAppHost = appServiceHost('webapp');
export const functionAppHost = appServiceHost('functionapp');
