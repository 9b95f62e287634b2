/**
 * Container Apps: the app's own identity, and components that belong to the environment, in Container Apps'
 * own schema, set with az containerapp env dapr-component set (azure-cli.md 1.2).
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { FILES_DIR } from '../plan/build-plan';
import { capture, cmd, v, when, type ScriptStep } from '../script-model';
import { componentFilesNoun, RG, writeComponentFiles } from '../setup/steps';
import { identityGrantsApply, RESTART_THE_APP, type HostModule } from './host-module';

const APP = ['--name', v('CONTAINER_APP_NAME'), ...RG] as const;

function identitySteps(plan: DeploymentPlan): ScriptStep[] {
  if (plan.identity.kind !== 'system') {
    return [
      {
        comment: `Attach the identity to the ${plan.host.noun}.`,
        lines: [
          cmd('az containerapp identity assign', ...APP, '--user-assigned', v('IDENTITY_ID'), '-o none'),
        ],
      },
    ];
  }
  // Returns the app's identity object, so principalId is top level (containerapp custom.py).
  return [
    {
      comment: "Turn on the container app's system-assigned identity and read its principal id.",
      lines: [
        capture(
          'PRINCIPAL_ID',
          'az containerapp identity assign',
          ...APP,
          '--system-assigned --query principalId -o tsv',
        ),
      ],
    },
  ];
}

function applySteps(plan: DeploymentPlan): ScriptStep[] {
  return [
    {
      comment: `Write ${componentFilesNoun(plan)} into ./${FILES_DIR}.`,
      lines: [cmd('mkdir -p', FILES_DIR), ...writeComponentFiles(plan)],
    },
    {
      comment: `Add ${plan.components.length === 1 ? 'the component' : 'each component'} to the Container Apps environment (in ACA's own component schema).`,
      lines: [
        ...plan.components.map((component) =>
          cmd(
            'az containerapp env dapr-component set --name',
            v('ENVIRONMENT_NAME'),
            ...RG,
            '--dapr-component-name',
            component.name,
            '--yaml',
            component.path,
            '-o none',
          ),
        ),
      ],
    },
    daprOnStep(plan),
  ];
}

/**
 * Components load only into apps that run Dapr with an app id in their scopes (container-apps/dapr-components.md),
 * so Dapr is turned on with the wizard's app id unless it already is; enabling it makes a new revision
 * (containerapp custom.py enable_dapr: sets configuration.dapr and updates the app).
 */
function daprOnStep(plan: DeploymentPlan): ScriptStep {
  return {
    comment: `Turn Dapr on for the container app with app id ${plan.appId}, unless it already runs with it (a new revision starts).`,
    lines: [
      capture(
        'DAPR_APP_ID',
        'az containerapp show',
        ...APP,
        '--query',
        'properties.configuration.dapr.enabled&&properties.configuration.dapr.appId',
        '-o tsv',
      ),
      when('DAPR_APP_ID', '!=', plan.appId, [
        cmd('az containerapp dapr enable', ...APP, '--dapr-app-id', plan.appId, '-o none'),
      ]),
    ],
  };
}

export const containerAppsHost: HostModule = {
  setupSteps: (plan, grantSteps) => identityGrantsApply(identitySteps(plan), grantSteps, applySteps(plan)),
  verifyLines: (plan) =>
    plan.components.map((component) =>
      cmd(
        'az containerapp env dapr-component show --name',
        v('ENVIRONMENT_NAME'),
        ...RG,
        '--dapr-component-name',
        component.name,
        '--query properties.componentType -o tsv',
      ),
    ),
  restartHint: RESTART_THE_APP,
  cliRequirement: () => 'Needs Azure CLI 2.53 or later (containerapp commands in the core CLI).',
};
