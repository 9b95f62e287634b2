/**
 * Looks every resource up before changing anything: its id is the grant's scope, and a missing one stops
 * the script early. Key Vault: also checks the permission model the user chose (azure-cli.md 2.3).
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { ResolvedResource } from '../resources';
import {
  capture,
  cmd,
  command,
  note,
  orStop,
  v,
  words,
  type ScriptLine,
  type ScriptStep,
} from '../script-model';
import { quoteLiteral } from '../bash/quoting';
import { entityPreflightSteps } from './entity-preflight';
import { guard, resourceGroupArgs } from './steps';
import { withEntry, type FailureText } from '../troubleshoot-advice';

/** `az <group> show --name ...` for a resource, with its parent and group where it has them. */
export function showArgs(resource: ResolvedResource): (string | ReturnType<typeof v>)[] {
  const { ref, parent } = resource;
  return [
    'az',
    ...ref.showCommand,
    ...(ref.parent && parent ? [ref.parent.flag, v(`${parent.variable}_NAME`)] : []),
    '--name',
    v(`${resource.variable}_NAME`),
    ...(ref.needsResourceGroup ? resourceGroupArgs(resource) : []),
  ];
}

/**
 * `usesId`: an Azure RBAC grant is scoped to the resource id. Otherwise the lookup only proves the resource
 * exists: its precondition or Key Vault check does, or a show with no output (a missing resource still fails).
 */
function resourceLines(resource: ResolvedResource, usesId: boolean): ScriptLine[] {
  const { ref } = resource;
  const lookup = capture(`${resource.variable}_ID`, ...showArgs(resource), '--query id -o tsv');
  const lines: ScriptLine[] = usesId
    ? [resource.parent ? orStop(lookup, missingChildMessage(resource)) : lookup]
    : ref.precondition || ref.keyVaultModelChoice !== undefined
      ? []
      : [cmd(...showArgs(resource), '-o none')];
  if (ref.precondition) {
    const check = `${resource.variable}_CHECK`;
    // Compared in lower case: the service answers "Enabled" or "enabled", "true" or "True" (the Azure CLI's
    // own tests check authConfig.activeDirectoryAuth case-insensitively, postgresql
    // test_postgres_flexible_commands_identity_microsoft_entra_admin.py, and read redisConfiguration.aadEnabled
    // as "true" once and lower-cased once, redis test_redis_scenario.py).
    lines.push(
      command([...words(...showArgs(resource), `--query ${ref.precondition.query} -o tsv`)], {
        captureTo: check,
        pipeTo: ['tr', '[:upper:]', '[:lower:]'],
      }),
      guard(
        check,
        '!=',
        ref.precondition.expected.toLowerCase(),
        withEntry(pasteableMessage(resource, ref.precondition.message), ref.precondition.entry),
      ),
    );
  }
  if (ref.keyVaultModelChoice === undefined) return lines;
  // RBAC roles are ignored by access-policy vaults, and set-policy fails on RBAC vaults (keyvault set-policy help).
  const flag = `${resource.variable}_RBAC`;
  lines.push(
    capture(
      flag,
      'az keyvault show --name',
      v(`${resource.variable}_NAME`),
      '--query properties.enableRbacAuthorization -o tsv',
    ),
    resource.choices[ref.keyVaultModelChoice] === 'accesspolicy'
      ? guard(
          flag,
          '=',
          'true',
          withEntry(
            `The vault ${resource.name} uses Azure RBAC: choose "Azure RBAC" in the wizard.`,
            'kv-vault-uses-rbac',
          ),
        )
      : guard(
          flag,
          '!=',
          'true',
          withEntry(
            `The vault ${resource.name} uses access policies, which ignore RBAC roles: choose "Vault access policies" in the wizard.`,
            'kv-vault-uses-access-policies',
          ),
        ),
  );
  return lines;
}

/**
 * A precondition's message with this resource's name and group in its command (the catalog writes `<name>`
 * and `<resource-group>`), each quoted as Bash needs it, by the renderer's own quoting: the user pastes it.
 */
function pasteableMessage(resource: ResolvedResource, message: string): string {
  return message
    .replaceAll('<name>', quoteLiteral(resource.name))
    .replaceAll('<resource-group>', quoteLiteral(resource.resourceGroup));
}

/**
 * The Redis data access policy commands came with Azure CLI 2.57 (setup/cli-minimum.ts), after the installed 2.45: probed
 * here, before any change, with the same list the grant step runs, so an older CLI stops the script before
 * the PostgreSQL or SQL grants are made rather than after them. knack's parser answers an unknown command
 * with "... is misspelled or not recognized by the system" (as az 2.45 prints it).
 */
function redisPolicyProbe(resource: ResolvedResource): ScriptLine {
  return orStop(
    cmd(
      'az redis access-policy-assignment list --name',
      v(`${resource.variable}_NAME`),
      ...resourceGroupArgs(resource),
      '-o none',
    ),
    withEntry(
      `Listing the data access policy assignments of the Redis cache ${resource.name} failed. If the error above says 'access-policy-assignment' is misspelled or not recognized, this Azure CLI is too old for it: it needs 2.57 or later (az upgrade); then run this script again. Nothing was changed.`,
      'redis-access-policy-list-failed',
    ),
  );
}

/**
 * A queue or event hub the grant is scoped to, when missing: with these roles Dapr does not create it, so the
 * message gives the command that does. `az servicebus queue create` and `az eventhubs eventhub create` take
 * the same --namespace-name, --name and --resource-group as their show (azure-cli 2.45 servicebus and
 * eventhubs _params.py).
 */
function missingChildMessage(resource: ResolvedResource): FailureText {
  const { ref, parent } = resource;
  if (!parent || !ref.parent) throw new Error(`${ref.title} is no child entity`);
  const create = [...ref.showCommand.slice(0, -1), 'create'].join(' ');
  const words = [
    ref.parent.flag,
    parent.name,
    '--name',
    resource.name,
    '--resource-group',
    resource.resourceGroup,
  ];
  // Each value quoted as Bash needs it, by the renderer's own quoting: the user pastes this command.
  return withEntry(
    `${ref.title} ${resource.name} could not be found in ${parent.name} (az says why above), and with these roles Dapr does not create it. Create it: az ${create} ${words.map(quoteLiteral).join(' ')}. Nothing was changed.`,
    'messaging-entity-missing',
  );
}

/** Notes, before any change, on what the host or cloud does not support for a component. */
function caveatSteps(plan: DeploymentPlan): ScriptStep[] {
  if (plan.caveats.length === 0) return [];
  return [
    {
      comment: `Read first: what ${plan.host.title} or this cloud does not support, or is not known to support, for these components.`,
      lines: plan.caveats.flatMap((caveat) =>
        caveat.reasons.map((reason) => note(`Component ${caveat.component}: ${reason}`)),
      ),
    },
  ];
}

export function preflightSteps(plan: DeploymentPlan): ScriptStep[] {
  return [...caveatSteps(plan), ...lookupSteps(plan)];
}

function lookupSteps(plan: DeploymentPlan): ScriptStep[] {
  // A namespace that only names a queue or event hub is not looked up itself: the child's lookup needs it.
  const scoped = new Set(plan.grants.map((grant) => grant.resource));
  const looked = plan.resources.filter((resource) => scoped.has(resource));
  if (looked.length === 0) return entityPreflightSteps(plan);
  const titles = [...new Set(looked.map((resource) => resource.ref.title))].join(', ');
  return [
    {
      comment: `Look up the resources before changing anything (${titles}): each grant is scoped to one of them.`,
      lines: looked.flatMap((resource) => [
        ...resourceLines(
          resource,
          plan.grants.some((grant) => grant.resource === resource && grant.grant.kind === 'rbac'),
        ),
        ...(plan.grants.some(
          (grant) => grant.resource === resource && grant.grant.kind === 'redis-access-policy',
        )
          ? [redisPolicyProbe(resource)]
          : []),
      ]),
    },
    ...entityPreflightSteps(plan),
  ];
}
