/**
 * Container Apps, before any change: the app runs in the environment the components go to, and runs Dapr (if
 * at all) with the wizard's app id.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { capture, command, v, when, words, type ScriptStep } from '../script-model';
import { guard, hostArgsToPaste, RG } from '../setup/steps';
import { withEntry } from '../troubleshoot-advice';
import { environmentIdLines } from './environment-components';

/** `--name "$CONTAINER_APP_NAME" --resource-group "$RESOURCE_GROUP"`. */
export const CONTAINER_APP_ARGS = ['--name', v('CONTAINER_APP_NAME'), ...RG] as const;
const APP = CONTAINER_APP_ARGS;

/**
 * The app's environment is the one the components go to: compared before any change, as the function app's
 * is (properties.managedEnvironmentId of Microsoft.App/containerApps, azure-rest-api-specs specification/app
 * ContainerApps.json), since components set in another environment never load and the verify would not see it.
 */
export function environmentCheckStep(plan: DeploymentPlan): ScriptStep {
  return {
    comment: `Check before any change that the container app runs in the environment ${plan.environment}, where the components go.`,
    lines: [
      ...environmentIdLines(plan, 'containerapp'),
      command(words('az containerapp show', ...APP, '--query properties.managedEnvironmentId -o tsv'), {
        captureTo: 'CONTAINER_APP_ENVIRONMENT_ID',
        pipeTo: ['tr', '[:upper:]', '[:lower:]'],
      }),
      guard(
        'CONTAINER_APP_ENVIRONMENT_ID',
        '!=',
        v('ENVIRONMENT_ID'),
        withEntry(
          `The container app runs in another Container Apps environment than ${plan.environment}: enter its environment in the wizard (\`az containerapp show ${hostArgsToPaste(plan)} --query properties.managedEnvironmentId\` names it), so the components go where the app loads them. Nothing was changed.`,
          'aca-other-environment',
        ),
      ),
    ],
  };
}

/**
 * Components load only into apps that run Dapr with an app id in their scopes (container-apps/dapr-components.md).
 * An app that already runs Dapr under another app id is not renamed (its callers and other components use
 * that id): the script stops before any change and says so.
 */
export function daprAppIdCheckStep(plan: DeploymentPlan): ScriptStep {
  return {
    comment: `Check the container app's Dapr settings before any change: on with another app id than ${plan.appId}, the script stops.`,
    lines: [
      capture(
        'DAPR_ENABLED',
        'az containerapp show',
        ...APP,
        '--query properties.configuration.dapr.enabled -o tsv',
      ),
      capture(
        'DAPR_APP_ID',
        'az containerapp show',
        ...APP,
        '--query properties.configuration.dapr.appId -o tsv',
      ),
      when('DAPR_ENABLED', '=', 'true', [
        guard(
          'DAPR_APP_ID',
          '!=',
          plan.appId,
          withEntry(
            `The container app runs Dapr with another app id: enter that app id in the wizard, or change it on the app yourself (its callers use it), then run this script again.`,
            'aca-dapr-app-id-mismatch',
          ),
        ),
      ]),
    ],
  };
}
