/**
 * Dapr components of a Container Apps environment, shared by the Container Apps host and a function app on
 * Container Apps. A component belongs to the environment, not to one app: every Dapr app of the environment
 * whose app id is in its scopes loads it, every one when it has none (MicrosoftDocs/azure-docs
 * articles/container-apps/dapr-components.md, "Component scopes"). `az containerapp env dapr-component set`
 * PUTs the whole component, replacing one of the same name without looking (azure-cli
 * src/azure-cli/azure/cli/command_modules/containerapp/custom.py create_or_update_dapr_component). So the
 * setup first reads what is there and stops unless it is what the setup itself writes, and the teardown
 * removes only a component that still is.
 */
import type { DeploymentPlan, PlannedComponent } from '../plan/deployment-plan';
import {
  cmd,
  command,
  join,
  lit,
  printLine,
  v,
  when,
  words,
  type Command,
  type Conditional,
  type ScriptLine,
  type ScriptStep,
  type Word,
} from '../script-model';
import { guard, hostArgsToPaste, RG } from '../setup/steps';
import { identityLookup } from '../setup/user-identity';
import { jmesJson, jmesString } from '../jmespath';
import { withEntry } from '../troubleshoot-advice';

/**
 * The resource group of a function app's environment, read from the function app's managedEnvironmentId
 * (function-app.ts): the environment may live in another group than the app. A container app's environment
 * is looked up in the app's own group.
 */
export const ENVIRONMENT_GROUP = 'ENVIRONMENT_RESOURCE_GROUP';

/** `--name "$ENVIRONMENT_NAME" --resource-group <the environment's group>`. */
export function environmentArgs(plan: DeploymentPlan): Word[] {
  return [
    '--name',
    v('ENVIRONMENT_NAME'),
    ...(plan.host.id === 'functionapp' ? ['--resource-group', v(ENVIRONMENT_GROUP)] : RG),
  ];
}

/** The environment's resource group as printed in a line the script shows. */
function environmentGroupWord(plan: DeploymentPlan): Word {
  return plan.host.id === 'functionapp' ? v(ENVIRONMENT_GROUP) : plan.resourceGroup;
}

/** The client id the setup writes into the components; read before any change (the identity may not exist yet). */
const EXPECTED_CLIENT_ID = 'COMPONENTS_CLIENT_ID';

/**
 * The environment's resource id, lower-cased (ARM ids compare without regard to case), or a guided stop:
 * `az containerapp env show` of an environment that is not in the group fails with a raw ResourceNotFound.
 * A container app's environment is looked for in the app's resource group; a function app's in the group its
 * managedEnvironmentId names (ENVIRONMENT_GROUP, read first).
 */
export function environmentIdLines(plan: DeploymentPlan, hostCommand: string): Conditional['lines'] {
  const where =
    plan.host.id === 'functionapp'
      ? `in the resource group of the function app's environment (from its managedEnvironmentId)`
      : `in the resource group ${plan.resourceGroup}`;
  const lookedUp =
    plan.host.id === 'functionapp'
      ? ''
      : ` the script looks for it in the ${plan.host.noun}'s resource group, so one in another resource group is not supported.`;
  return [
    command(words('az containerapp env show', ...environmentArgs(plan), '--query id -o tsv'), {
      captureTo: 'ENVIRONMENT_ID',
      pipeTo: ['tr', '[:upper:]', '[:lower:]'],
      tolerateFailure: true,
    }),
    guard(
      'ENVIRONMENT_ID',
      '=',
      '',
      withEntry(
        `There is no Container Apps environment ${plan.environment} ${where}. Enter the environment the ${plan.host.noun} runs in (\`az ${hostCommand} show ${hostArgsToPaste(plan)}\` names it in managedEnvironmentId)${lookedUp === '' ? '.' : `;${lookedUp}`} Nothing was changed.`,
        'aca-environment-not-found',
      ),
      // A function app's environment group is read from the app, not entered: the detail names the group searched.
      plan.host.id === 'functionapp'
        ? {
            detail: join(
              `Searched: the environment ${plan.environment} in the resource group `,
              v(ENVIRONMENT_GROUP),
              '.',
            ),
          }
        : {},
    ),
  ];
}

/**
 * What the setup writes into a component, as the lookup below prints it: its componentType, its scopes
 * joined with commas (the app id alone) and the azureClientId it names ('' for none: system-assigned),
 * joined with '|'.
 */
function signature(plan: DeploymentPlan, component: PlannedComponent): Word {
  const { componentType, scopes } = component.document as {
    componentType?: unknown;
    scopes?: unknown;
  };
  return join(
    `${String(componentType)}|${Array.isArray(scopes) ? scopes.join(',') : ''}|`,
    expectedClientId(plan),
  );
}

/** The lookup of a component that is not in the environment: every part empty. */
const NO_COMPONENT = '||';

const signatureVariable = (index: number): string => `ENV_COMPONENT_${index + 1}`;

/**
 * The component of that name in the environment, in one call, as its signature (above): a list, unlike
 * `show`, does not fail for a missing one (\`{}\` stands in for it, so every part is empty). The list prints
 * each component as its ARM resource (properties.componentType, .scopes, .metadata;
 * Microsoft.App/managedEnvironments/daprComponents in azure-rest-api-specs specification/app); `|| ''`
 * and `|| \`[]\`` give join() strings for what a component leaves out.
 */
function signatureLookup(plan: DeploymentPlan, name: string, variable: string, tolerate: boolean): Command {
  return command(
    words(
      'az containerapp env dapr-component list',
      ...environmentArgs(plan),
      '--query',
      lit(
        `[?name==${jmesString(name)}] | [0] || \`{}\` | join('|', [properties.componentType || '', ` +
          `join(',', properties.scopes || \`[]\`), ` +
          `properties.metadata[?name=='azureClientId'].value | [0] || ''])`,
      ),
      '-o tsv',
    ),
    { captureTo: variable, tolerateFailure: tolerate },
  );
}

/** Whether the client id the components name is read from the identity (none was typed in the wizard). */
function readsClientId(plan: DeploymentPlan): boolean {
  return plan.identity.kind !== 'system' && plan.identity.clientId === '';
}

/** The client id the setup's components name: none, the one typed in the wizard, or the identity's. */
function expectedClientId(plan: DeploymentPlan): Word {
  if (plan.identity.kind === 'system') return '';
  return readsClientId(plan) ? v(EXPECTED_CLIENT_ID) : plan.identity.clientId;
}

/** Reads the identity's client id, empty while it does not exist (a list, which does not fail for none). */
function expectedClientIdLines(plan: DeploymentPlan): ScriptLine[] {
  return readsClientId(plan) ? [identityLookup(EXPECTED_CLIENT_ID, 'clientId')] : [];
}

/**
 * Before any change: a component of one of the setup's names that is not what the setup writes (another
 * componentType, scopes other than exactly the app id, or another azureClientId) belongs to someone else,
 * so setting it would change it for every app that loads it; the script stops. What the setup wrote on an
 * earlier run passes.
 */
export function environmentComponentsCheckStep(plan: DeploymentPlan): ScriptStep {
  return {
    comment: `Check the environment's components of the same names before any change: one the setup did not write (another type, scopes other than ${plan.appId} alone, another identity) stops the script.`,
    lines: [
      ...expectedClientIdLines(plan),
      ...plan.components.flatMap((component, index) => {
        const variable = signatureVariable(index);
        return [
          signatureLookup(plan, component.name, variable, false),
          when(variable, '!=', NO_COMPONENT, [
            guard(
              variable,
              '!=',
              signature(plan, component),
              withEntry(
                `The Container Apps environment ${plan.environment} already has a Dapr component named ${component.name} that the setup did not write: another type, scopes other than ${plan.appId} alone, or ${plan.identity.kind === 'system' ? 'an identity (azureClientId)' : 'another identity (azureClientId)'}. Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed.`,
                'aca-component-name-taken',
              ),
            ),
          ]),
        ];
      }),
    ],
  };
}

/**
 * Removes each component of the setup's names that is still what the setup wrote (its componentType, the
 * app id alone in its scopes, this identity's client id or none for a system-assigned identity); one
 * changed since is someone else's and stays. `remove` fails for a missing one (containerapp custom.py
 * remove_dapr_component shows it first and raises "Dapr component not found."), so the list is read first;
 * an environment that is gone has none to remove.
 */
export function environmentComponentsTeardownStep(plan: DeploymentPlan): ScriptStep {
  const noun = plan.components.length === 1 ? 'the component' : 'the components';
  const lines = plan.components.flatMap((component, index): Conditional['lines'] => {
    const variable = signatureVariable(index);
    return [
      signatureLookup(plan, component.name, variable, true),
      when(variable, '=', signature(plan, component), [
        cmd(
          'az containerapp env dapr-component remove',
          ...environmentArgs(plan),
          '--dapr-component-name',
          component.name,
        ),
      ]),
      // There (not the empty lookup of a gone environment, nor the stand-in for no component) but changed.
      when(variable, '!=', '', [
        when(variable, '!=', NO_COMPONENT, [
          when(variable, '!=', signature(plan, component), [
            printLine(
              `The component ${component.name} in the Container Apps environment ${plan.environment} is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else's now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name ${plan.environment} --resource-group `,
              environmentGroupWord(plan),
              ` --dapr-component-name ${component.name}`,
            ),
          ]),
        ]),
      ]),
    ];
  });
  // With the identity gone its client id is empty, and no component can be shown to name it: the ones still
  // in the environment are named, in one list (tolerant: none once the environment is gone), so a later
  // teardown, after the components went, says nothing.
  const kept = 'ENV_COMPONENTS_KEPT';
  const names = plan.components.map((component) => component.name);
  const unmatched: Conditional['lines'] = [
    command(
      words(
        'az containerapp env dapr-component list',
        ...environmentArgs(plan),
        '--query',
        lit(`join(', ', [?contains(${jmesJson(names)}, name)].name)`),
        '-o tsv',
      ),
      { captureTo: kept, tolerateFailure: true },
    ),
    when(kept, '!=', '', [
      printLine(
        `The identity is gone, so its client id cannot be read and no component can be matched to it. Kept in the Container Apps environment ${plan.environment}: `,
        v(kept),
        `. If the setup wrote one and nothing uses it, remove it yourself: az containerapp env dapr-component remove --name ${plan.environment} --resource-group `,
        environmentGroupWord(plan),
        ' --dapr-component-name <name>',
      ),
    ]),
  ];
  return {
    comment: `Remove ${noun} the setup added to the Container Apps environment, if still as the setup wrote ${plan.components.length === 1 ? 'it' : 'them'} (type, scopes ${plan.appId}, ${plan.identity.kind === 'system' ? 'no client id' : "this identity's client id"}); one changed since is kept.`,
    lines: readsClientId(plan)
      ? [
          ...expectedClientIdLines(plan),
          when(EXPECTED_CLIENT_ID, '!=', '', lines),
          when(EXPECTED_CLIENT_ID, '=', '', unmatched),
        ]
      : lines,
  };
}
