/**
 * Container Apps: the app's own identity, and components that belong to the environment, in Container Apps'
 * own schema, set with az containerapp env dapr-component set (azure-cli.md 1.2).
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { FILES_DIR } from '../plan/build-plan';
import {
  capture,
  cmd,
  command,
  lit,
  note,
  retry,
  v,
  when,
  words,
  type ScriptLine,
  type ScriptStep,
} from '../script-model';
import { componentFilesNoun, guard, hostArgsToPaste, RG, writeComponentFiles } from '../setup/steps';
import { readSystemPrincipalStep, removeHostIdentityStep } from '../teardown/host-steps';
import { environmentComponentsCheckStep, environmentComponentsTeardownStep } from './environment-components';
import { failureMessage } from '../troubleshoot-advice';
import { acaDaprLogLines } from './aca-dapr-log';
import { CONTAINER_APP_ARGS, daprAppIdCheckStep, environmentCheckStep } from './aca-checks';
import { SYSTEM_READ_FIRST, systemIdentityLines } from './self-hosted';
import { identityGrantsApply, needsAzureCli, RESTART_THE_APP, type HostModule } from './host-module';

const APP = CONTAINER_APP_ARGS;

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
      comment: `Turn on the container app's system-assigned identity and read its principal id. ${SYSTEM_READ_FIRST}`,
      // The app's ARM identity block is top level in `az containerapp show` (as the teardown reads it).
      lines: systemIdentityLines(
        capture('PRINCIPAL_ID', 'az containerapp show', ...APP, '--query identity.principalId -o tsv'),
        capture(
          'PRINCIPAL_ID',
          'az containerapp identity assign',
          ...APP,
          '--system-assigned --query principalId -o tsv',
        ),
      ),
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
 * Turns Dapr on with the wizard's app id (and app port) when it is off (containerapp custom.py enable_dapr:
 * sets configuration.dapr and updates the app). Dapr's settings are application-scope: the app's revisions
 * restart with them and no new revision is made (MicrosoftDocs/azure-docs articles/container-apps/enable-dapr.md).
 */
function daprOnStep(plan: DeploymentPlan): ScriptStep {
  if (plan.appPort === '') {
    return {
      comment: `Turn Dapr on for the container app with app id ${plan.appId} if it is off (Dapr's settings apply to the whole app: its revisions restart, no new one is made; enable-dapr.md).`,
      lines: [
        when('DAPR_ENABLED', '!=', 'true', [
          cmd('az containerapp dapr enable', ...APP, '--dapr-app-id', plan.appId, '-o none'),
        ]),
        note(
          'No app port: Dapr delivers no subscribed messages or input-binding events to the app. If it takes them, enter its port in the wizard.',
        ),
      ],
    };
  }
  // The app id was compared above (another one stops the script); the port is compared here. JMESPath
  // `a && b` gives b when a is true, else a: the app port when Dapr is on, false or empty when it is off.
  // enable_dapr sets appId and appPort on an app whose Dapr is on too (containerapp custom.py enable_dapr).
  return {
    comment: `Turn Dapr on for the container app with app id ${plan.appId} and app port ${plan.appPort}, if it is off or listens on another port (its revisions restart, no new one is made).`,
    lines: [
      capture(
        'DAPR_ON_APP_PORT',
        'az containerapp show',
        ...APP,
        '--query',
        lit('properties.configuration.dapr.enabled && properties.configuration.dapr.appPort'),
        '-o tsv',
      ),
      when('DAPR_ON_APP_PORT', '!=', plan.appPort, [
        cmd(
          'az containerapp dapr enable',
          ...APP,
          '--dapr-app-id',
          plan.appId,
          '--dapr-app-port',
          plan.appPort,
          '-o none',
        ),
      ]),
    ],
  };
}

const REVISION_ATTEMPTS = 12;
const REVISION_DELAY_SECONDS = 10;

/**
 * The app's newest revision (the one Dapr was turned on in, or the one already running) is its newest ready
 * one: properties.latestRevisionName and latestReadyRevisionName of Microsoft.App/containerApps
 * (azure-rest-api-specs specification/app ContainerApps.json). JMESPath prints the comparison as true/false.
 */
function revisionReadyLine(): ScriptLine {
  const minutes = (REVISION_ATTEMPTS * REVISION_DELAY_SECONDS) / 60;
  return retry(
    command(
      words(
        'az containerapp show',
        ...APP,
        '--query',
        lit('properties.latestReadyRevisionName == properties.latestRevisionName'),
        '-o tsv',
      ),
      { pipeTo: ['grep', '-Fx', 'true'] },
    ),
    {
      attempts: REVISION_ATTEMPTS,
      delaySeconds: REVISION_DELAY_SECONDS,
      waiting: `The newest revision is not ready yet; trying again in ${REVISION_DELAY_SECONDS} s.`,
      message: failureMessage(
        `The newest revision of the container app is not ready after ${minutes} minutes.`,
        'aca-revision-not-ready',
      ),
    },
  );
}

/**
 * After the apply: the components exist in the environment, the newest revision is ready, the app runs Dapr
 * with the app id the components are scoped to (JMESPath's && gives the app id when Dapr is on, false when it
 * is off), and daprd's own log says whether it loaded each component (aca-dapr-log.ts).
 */
function verifyLines(plan: DeploymentPlan): ScriptLine[] {
  return [
    ...plan.components.map((component) =>
      cmd(
        'az containerapp env dapr-component show --name',
        v('ENVIRONMENT_NAME'),
        ...RG,
        '--dapr-component-name',
        component.name,
        '--query properties.componentType -o tsv',
      ),
    ),
    revisionReadyLine(),
    capture(
      'DAPR_RUNNING_APP_ID',
      'az containerapp show',
      ...APP,
      '--query',
      lit('properties.configuration.dapr.enabled && properties.configuration.dapr.appId'),
      '-o tsv',
    ),
    guard(
      'DAPR_RUNNING_APP_ID',
      '!=',
      plan.appId,
      failureMessage(
        `The container app does not run Dapr with the app id ${plan.appId}, so no component scoped to it loads.`,
        'aca-dapr-app-id-mismatch',
      ),
    ),
    ...acaDaprLogLines(plan),
  ];
}

/**
 * Grants, then the components, then the identity the setup attached. Dapr stays on for the app: the teardown
 * cannot tell whether the setup turned it on, and the app's callers use its app id.
 */
function teardownSteps(plan: DeploymentPlan, grantSteps: readonly ScriptStep[]): ScriptStep[] {
  return [
    ...(plan.identity.kind === 'system' ? [readSystemPrincipalStep(plan, 'containerapp')] : []),
    ...grantSteps,
    environmentComponentsTeardownStep(plan),
    removeHostIdentityStep(plan, 'containerapp', { system: ['--system-assigned'], user: '--user-assigned' }),
    {
      comment: 'Kept: Dapr on the container app, with its app id (its callers use it).',
      lines: [
        note(
          // az containerapp dapr disable sets configuration.dapr.enabled to false and updates the app (azure-cli
          // containerapp custom.py disable_dapr, beside enable_dapr).
          'If the setup turned Dapr on and nothing else needs it, turn it off (its revisions restart):\n' +
            `  az containerapp dapr disable ${hostArgsToPaste(plan)}`,
        ),
      ],
    },
  ];
}

export const containerAppsHost: HostModule = {
  teardownSteps,
  preflightSteps: (plan) => [
    environmentCheckStep(plan),
    daprAppIdCheckStep(plan),
    environmentComponentsCheckStep(plan),
  ],
  setupSteps: (plan, grantSteps) => identityGrantsApply(identitySteps(plan), grantSteps, applySteps(plan)),
  verifyLines,
  restartHint: RESTART_THE_APP,
  cliRequirement: () => needsAzureCli('2.53', 'containerapp commands in the core CLI'),
  // The teardown runs az containerapp too (dapr-component remove, identity remove).
  teardownCliRequirement: () => needsAzureCli('2.53', 'containerapp commands in the core CLI'),
};
