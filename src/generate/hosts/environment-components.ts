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
  capture,
  cmd,
  command,
  lit,
  v,
  when,
  words,
  type Command,
  type Conditional,
  type ScriptLine,
  type ScriptStep,
  type Word,
} from '../script-model';
import { guard, RG } from '../setup/steps';
import { identityLookup } from '../setup/user-identity';

const ENVIRONMENT = ['--name', v('ENVIRONMENT_NAME'), ...RG] as const;

/** The client id the setup writes into the components; read before any change (the identity may not exist yet). */
const EXPECTED_CLIENT_ID = 'COMPONENTS_CLIENT_ID';

/**
 * The environment's resource id, lower-cased (ARM ids compare without regard to case), or a guided stop:
 * `az containerapp env show` of an environment that is not in the group fails with a raw ResourceNotFound.
 * The wizard takes the environment from the host's resource group.
 */
export function environmentIdLines(plan: DeploymentPlan, hostCommand: string): Conditional['lines'] {
  return [
    command(words('az containerapp env show', ...ENVIRONMENT, '--query id -o tsv'), {
      captureTo: 'ENVIRONMENT_ID',
      pipeTo: ['tr', '[:upper:]', '[:lower:]'],
      tolerateFailure: true,
    }),
    guard(
      'ENVIRONMENT_ID',
      '=',
      '',
      `There is no Container Apps environment ${plan.environment} in the resource group ${plan.resourceGroup}. Enter the environment the ${plan.host.noun} runs in (\`az ${hostCommand} show --name ${plan.hostName} --resource-group ${plan.resourceGroup}\` names it in managedEnvironmentId); the script looks for it in the ${plan.host.noun}'s resource group, so one in another resource group is not supported. Nothing was changed.`,
    ),
  ];
}

/** What the setup writes into a component: its componentType, its scopes and the client id it names. */
interface ComponentSignature {
  readonly componentType: string;
  /** The scopes joined with commas: the app id alone. */
  readonly scopes: string;
  /** The azureClientId value; '' for none (system-assigned identity). */
  readonly clientId: Word;
}

function signature(plan: DeploymentPlan, component: PlannedComponent): ComponentSignature {
  const { componentType, scopes } = component.document as {
    componentType?: unknown;
    scopes?: unknown;
  };
  return {
    componentType: String(componentType),
    scopes: Array.isArray(scopes) ? scopes.join(',') : '',
    clientId: expectedClientId(plan),
  };
}

interface ComponentVariables {
  readonly type: string;
  readonly scopes: string;
  readonly clientId: string;
}

function variablesOf(index: number): ComponentVariables {
  const n = index + 1;
  return {
    type: `ENV_COMPONENT_TYPE_${n}`,
    scopes: `ENV_COMPONENT_SCOPES_${n}`,
    clientId: `ENV_COMPONENT_CLIENT_ID_${n}`,
  };
}

/**
 * Lookups of the component of that name in the environment: a list, unlike `show`, does not fail for a
 * missing one (all empty then). The list prints each component as its ARM resource (properties.componentType,
 * .scopes, .metadata; Microsoft.App/managedEnvironments/daprComponents in azure-rest-api-specs
 * specification/app). `|| \`[]\`` lets join() read a component without scopes.
 */
function typeLookup(name: string, variable: string, tolerate: boolean): Command {
  return command(
    words(
      'az containerapp env dapr-component list',
      ...ENVIRONMENT,
      '--query',
      lit(`[?name=='${name}'].properties.componentType | [0]`),
      '-o tsv',
    ),
    { captureTo: variable, tolerateFailure: tolerate },
  );
}

function scopesAndClientLookups(name: string, variables: ComponentVariables): Command[] {
  return [
    capture(
      variables.scopes,
      'az containerapp env dapr-component list',
      ...ENVIRONMENT,
      '--query',
      lit(`[?name=='${name}'] | [0].properties.scopes || \`[]\` | join(',', @)`),
      '-o tsv',
    ),
    capture(
      variables.clientId,
      'az containerapp env dapr-component list',
      ...ENVIRONMENT,
      '--query',
      lit(`[?name=='${name}'] | [0].properties.metadata[?name=='azureClientId'].value | [0]`),
      '-o tsv',
    ),
  ];
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
  const replaceWarning = (component: PlannedComponent, what: string) =>
    `The Container Apps environment ${plan.environment} already has a Dapr component named ${component.name} ${what}. Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed.`;
  const identityWord =
    plan.identity.kind === 'system'
      ? 'names an identity (azureClientId)'
      : 'names another identity (azureClientId)';
  return {
    comment: `Check the environment's components of the same names before any change: one the setup did not write (another type, scopes other than ${plan.appId} alone, another identity) stops the script.`,
    lines: [
      ...expectedClientIdLines(plan),
      ...plan.components.flatMap((component, index) => {
        const expected = signature(plan, component);
        const variables = variablesOf(index);
        return [
          typeLookup(component.name, variables.type, false),
          when(variables.type, '!=', '', [
            ...scopesAndClientLookups(component.name, variables),
            guard(
              variables.type,
              '!=',
              expected.componentType,
              replaceWarning(component, `of another type than ${expected.componentType}`),
            ),
            guard(
              variables.scopes,
              '!=',
              expected.scopes,
              replaceWarning(component, `whose scopes are not ${expected.scopes} alone`),
            ),
            guard(
              variables.clientId,
              '!=',
              expected.clientId,
              replaceWarning(component, `that ${identityWord}`),
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
    const expected = signature(plan, component);
    const variables = variablesOf(index);
    return [
      typeLookup(component.name, variables.type, true),
      when(variables.type, '=', expected.componentType, [
        ...scopesAndClientLookups(component.name, variables),
        when(variables.scopes, '=', expected.scopes, [
          when(variables.clientId, '=', expected.clientId, [
            cmd(
              'az containerapp env dapr-component remove',
              ...ENVIRONMENT,
              '--dapr-component-name',
              component.name,
            ),
          ]),
        ]),
      ]),
    ];
  });
  return {
    comment: `Remove ${noun} the setup added to the Container Apps environment, if still as the setup wrote ${plan.components.length === 1 ? 'it' : 'them'} (type, scopes ${plan.appId}, ${plan.identity.kind === 'system' ? 'no client id' : "this identity's client id"}); one changed since is kept.`,
    lines: readsClientId(plan)
      ? // With the identity gone its client id is empty, and no component can be shown to name it.
        [...expectedClientIdLines(plan), when(EXPECTED_CLIENT_ID, '!=', '', lines)]
      : lines,
  };
}
