/**
 * Azure Functions: "The Dapr extension for Azure Functions ... is only supported in Azure Container Apps
 * environments" (MicrosoftDocs/azure-docs articles/azure-functions/functions-bindings-dapr.md). So the script
 * works only on a function app in a Container Apps environment with Dapr on (the site's DaprConfig, same
 * page), and stops with the reason on a function app on an App Service plan, where Dapr does not run. The
 * components belong to the environment, in Container Apps' schema (az containerapp env dapr-component set).
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { FILES_DIR } from '../plan/build-plan';
import {
  capture,
  cmd,
  command,
  join,
  note,
  printLine,
  v,
  when,
  words,
  type Command,
  type ScriptLine,
  type WriteFile,
  type ScriptStep,
} from '../script-model';
import { componentFilesNoun, guard, hostArgsToPaste, RG, writeComponentFiles } from '../setup/steps';
import { readSystemPrincipalStep, removeHostIdentityStep } from '../teardown/host-steps';
import {
  ENVIRONMENT_GROUP,
  environmentArgs,
  environmentComponentsCheckStep,
  environmentComponentsTeardownStep,
  environmentIdLines,
} from './environment-components';
import { identityGrantsApply, needsAzureCli, type HostModule } from './host-module';
import { assignIdentitySteps } from './self-hosted';
import { withEntry } from '../troubleshoot-advice';

const APP = ['--name', v('FUNCTION_APP_NAME'), ...RG] as const;

/** How the Functions Dapr page says Dapr is turned on: the site's DaprConfig, in a template or the portal. */
const TURN_DAPR_ON =
  "in the Azure portal (the function app's Dapr settings) or in its template (properties.daprConfig: enabled true, appId";

/**
 * Reads the site's managedEnvironmentId and daprConfig (Microsoft.Web/sites properties; DaprConfig on
 * functions-bindings-dapr.md) before anything changes.
 */
function checkStep(plan: DeploymentPlan): ScriptStep {
  const show = (variable: string, query: string) =>
    capture(variable, 'az functionapp show', ...APP, '--query', query, '-o tsv');
  return {
    comment:
      'Check that the function app runs in a Container Apps environment with Dapr on: Dapr does not run on function apps on App Service plans.',
    lines: [
      // Resource ids compare without regard to case (ARM ids are case-insensitive).
      // Tolerated: a function app that is not there (a Microsoft.Web site of that name) is told apart below.
      command(words('az functionapp show', ...APP, '--query managedEnvironmentId -o tsv'), {
        captureTo: 'FUNCTION_APP_ENVIRONMENT_ID',
        pipeTo: ['tr', '[:upper:]', '[:lower:]'],
        tolerateFailure: true,
      }),
      // The native Azure Functions hosting on Container Apps makes a container app, not a Microsoft.Web site
      // (learn.microsoft.com azure-functions/functions-container-apps-hosting: "Native Azure Functions Support
      // in Azure Container Apps"); `az functionapp show` does not find it. Whether it is one is read from
      // Microsoft.App: a container app of that name takes the Container Apps host in the wizard.
      when('FUNCTION_APP_ENVIRONMENT_ID', '=', '', [
        command(words('az containerapp show --name', v('FUNCTION_APP_NAME'), ...RG, '--query id -o tsv'), {
          captureTo: 'CONTAINER_APP_OF_THAT_NAME',
          tolerateFailure: true,
        }),
        guard(
          'CONTAINER_APP_OF_THAT_NAME',
          '!=',
          '',
          withEntry(
            "There is no function app (Microsoft.Web site) of that name, but a container app of that name: Azure Functions hosted natively in Container Apps is a container app. Choose the Container Apps host in the wizard (its Dapr settings and components are the container app's), then run that script. Nothing was changed.",
            'function-app-is-container-app',
          ),
        ),
      ]),
      guard(
        'FUNCTION_APP_ENVIRONMENT_ID',
        '=',
        '',
        withEntry(
          'No function app of that name in a Container Apps environment was found: it is not in this resource group, or it is not in a Container Apps environment. Dapr does not run on function apps on App Service plans: Microsoft supports the Dapr extension for Azure Functions only in Azure Container Apps. Create the function app in a Container Apps environment, turn Dapr on for it, then run this script again.',
          'function-app-not-in-environment',
        ),
      ),
      environmentGroupLookup(),
      guard(
        ENVIRONMENT_GROUP,
        '=',
        '',
        withEntry(
          "The function app's Container Apps environment (its managedEnvironmentId) cannot be read with your sign-in: it is needed to find the environment, which may be in another resource group than the function app. Check that you can read it (az containerapp env show --ids <managedEnvironmentId>), then run this script again. Nothing was changed.",
          'function-app-environment-unreadable',
        ),
      ),
      ...environmentIdLines(plan, 'functionapp'),
      guard(
        'FUNCTION_APP_ENVIRONMENT_ID',
        '!=',
        v('ENVIRONMENT_ID'),
        withEntry(
          'The function app runs in another Container Apps environment than the one entered in the wizard: enter the name of the environment its managedEnvironmentId names (its resource group is read from there), so the components go where the function app loads them.',
          'aca-other-environment',
        ),
        {
          detail: join(
            `The function app's managedEnvironmentId: `,
            v('FUNCTION_APP_ENVIRONMENT_ID'),
            `; entered: ${plan.environment}.`,
          ),
        },
      ),
      show('FUNCTION_APP_DAPR', 'daprConfig.enabled'),
      guard(
        'FUNCTION_APP_DAPR',
        '!=',
        'true',
        withEntry(
          `Dapr is off on the function app: turn it on ${TURN_DAPR_ON} ${plan.appId}), then run this script again.`,
          'function-app-dapr-off',
        ),
      ),
      show('FUNCTION_APP_DAPR_APP_ID', 'daprConfig.appId'),
      guard(
        'FUNCTION_APP_DAPR_APP_ID',
        '!=',
        plan.appId,
        withEntry(
          `The function app's Dapr app id is not ${plan.appId}, the app id the components are scoped to: set it ${TURN_DAPR_ON} ${plan.appId}), or enter the function app's app id in the wizard.`,
          'function-app-dapr-off',
        ),
      ),
    ],
  };
}

/**
 * The resource group of the function app's environment, which may differ from the app's: `containerapp env
 * show --ids` takes the managedEnvironmentId read above, and az adds `resourceGroup` to every result with an
 * ARM `id` before --query applies (azure-cli src/azure-cli-core/azure/cli/core/commands/transform.py
 * _add_resource_group, run in commands/__init__.py _run_job ahead of the query filter). Tolerant: an id that
 * cannot be read leaves it empty, for the caller to judge.
 */
function environmentGroupLookup(): Command {
  return command(
    words('az containerapp env show --ids', v('FUNCTION_APP_ENVIRONMENT_ID'), '--query resourceGroup -o tsv'),
    { captureTo: ENVIRONMENT_GROUP, tolerateFailure: true },
  );
}

function applySteps(plan: DeploymentPlan): ScriptStep[] {
  return [
    {
      comment: `Write ${componentFilesNoun(plan)} into ./${FILES_DIR}.`,
      lines: [cmd('mkdir -p', FILES_DIR), ...writeComponentFiles(plan)],
    },
    {
      comment: `Add ${plan.components.length === 1 ? 'the component' : 'each component'} to the function app's Container Apps environment (in Container Apps' own component schema).`,
      lines: [
        ...plan.components.map((component) =>
          cmd(
            'az containerapp env dapr-component set',
            ...environmentArgs(plan),
            '--dapr-component-name',
            component.name,
            '--yaml',
            component.path,
            '-o none',
          ),
        ),
        note(
          `The components load into the apps of this environment (the function app's, checked above) whose Dapr app id is in their scopes (${plan.appId}).`,
        ),
      ],
    },
  ];
}

/**
 * The teardown finds the environment as the setup did, from the function app, and removes the components
 * there; with the app gone (or naming no environment) or its environment unreadable, the components are not
 * looked up, and a line says how to remove them.
 */
function removeComponentsStep(plan: DeploymentPlan): ScriptStep {
  const remove = `az containerapp env dapr-component remove --name ${plan.environment} --resource-group <its group> --dapr-component-name <name>`;
  const names = plan.components.map((component) => component.name).join(', ');
  const components = environmentComponentsTeardownStep(plan);
  return {
    comment: `${components.comment} The environment is the one the function app names (managedEnvironmentId), in its own resource group.`,
    lines: [
      command(words('az functionapp show', ...APP, '--query managedEnvironmentId -o tsv'), {
        captureTo: 'FUNCTION_APP_ENVIRONMENT_ID',
        tolerateFailure: true,
      }),
      when('FUNCTION_APP_ENVIRONMENT_ID', '=', '', [
        printLine(
          `The function app ${plan.hostName} is not there or names no Container Apps environment: its environment's components (${names}) are not looked up. If the setup added them and nothing uses them, remove them yourself: ${remove}`,
        ),
      ]),
      when('FUNCTION_APP_ENVIRONMENT_ID', '!=', '', [
        environmentGroupLookup(),
        when(ENVIRONMENT_GROUP, '=', '', [
          printLine(
            `The Container Apps environment the function app ${plan.hostName} names is gone or not readable with your sign-in: its components (${names}) are not looked up. If it is there and the setup added them, remove them yourself: ${remove}`,
          ),
        ]),
        when(ENVIRONMENT_GROUP, '!=', '', withoutFiles(components.lines)),
      ]),
    ],
  };
}

/** Lines that may sit inside a conditional: the components' teardown writes no file. */
function withoutFiles(lines: readonly ScriptLine[]): Exclude<ScriptLine, WriteFile>[] {
  return lines.map((line) => {
    if (line.kind === 'write-file') throw new Error('The components teardown writes no file.');
    return line;
  });
}

// --identities takes [system] or resource ids for remove as for assign (appservice custom.py remove_identity).
function teardownSteps(plan: DeploymentPlan, grantSteps: readonly ScriptStep[]): ScriptStep[] {
  return [
    ...(plan.identity.kind === 'system' ? [readSystemPrincipalStep(plan, 'functionapp')] : []),
    ...grantSteps,
    removeComponentsStep(plan),
    removeHostIdentityStep(plan, 'functionapp', {
      system: ['--identities', '[system]'],
      user: '--identities',
    }),
  ];
}

export const functionAppHost: HostModule = {
  teardownSteps,
  // Before anything changes: a function app where Dapr cannot run gets no identity and no grants.
  preflightSteps: (plan) => [checkStep(plan), environmentComponentsCheckStep(plan)],
  setupSteps: (plan, grantSteps) =>
    identityGrantsApply(
      [
        ...assignIdentitySteps(
          plan,
          'functionapp',
          // --identities defaults to [system]; the command returns the identity object (appservice custom.py).
          {
            comment: "Turn on the function app's system-assigned identity and read its principal id.",
            query: 'principalId',
          },
          '--identities',
        ),
      ],
      grantSteps,
      applySteps(plan),
    ),
  verifyLines: (plan) => [
    ...plan.components.map((component) =>
      cmd(
        'az containerapp env dapr-component show',
        ...environmentArgs(plan),
        '--dapr-component-name',
        component.name,
        '--query properties.componentType -o tsv',
      ),
    ),
    // Functions v1 on Container Apps (the Microsoft.Web model this host handles) has "Indirect. No live
    // console" for logging and troubleshooting (learn.microsoft.com azure/container-apps/migrate-functions,
    // "Model comparison"), so no command runs inside its container: the check is Dapr's own log lines, read
    // where the environment sends its logs. The tables and the columns there are not confirmed for v1.
    // Not run from here either: the query command, `az monitor log-analytics query`, is an extension command
    // (learn.microsoft.com/cli/azure/monitor/log-analytics lists it as Type "Extension"; the core az 2.45
    // answers "'query' is misspelled or not recognized"), and the ContainerAppConsoleLogs table is documented
    // for the logs of Container Apps and their Dapr sidecars (MicrosoftDocs/azure-reference-other
    // azure-monitor-ref/tables/containerappconsolelogs.md), not for a Microsoft.Web function app hosted there.
    note(
      'Not proved by this script: that Dapr loaded each component. Functions v1 on Container Apps has no\n' +
        "live console, so nothing can be run inside the function app's container. Once it runs, search the\n" +
        'logs of its Container Apps environment (the Log Analytics workspace the environment sends them to, if\n' +
        'any) for Dapr\'s "Component loaded: <name>" and "Failed to init component <name>" lines.\n' +
        "A component missing there: troubleshoot.html#dapr-component-init-failed, beside the wizard's page.\n" +
        'On the native v2 model (a container app of kind functionapp) choose the Container Apps host instead:\n' +
        'its script reads the logs with az containerapp logs show.',
    ),
  ],
  restartHint: (plan) => `restart the function app:\n  az functionapp restart ${hostArgsToPaste(plan)}`,
  cliRequirement: () => needsAzureCli('2.53', 'containerapp commands in the core CLI'),
  // The teardown runs the same containerapp commands (az containerapp env show, dapr-component list/remove).
  teardownCliRequirement: () => needsAzureCli('2.53', 'containerapp commands in the core CLI'),
};
