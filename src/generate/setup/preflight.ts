/**
 * Looks every resource up before changing anything: its id is the grant's scope, and a missing one stops
 * the script early. Key Vault: also checks the permission model the user chose (azure-cli.md 2.3).
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { ResolvedResource } from '../resources';
import { capture, cmd, v, type ScriptLine, type ScriptStep } from '../script-model';
import { guard, resourceGroupArgs } from './steps';

function showArgs(resource: ResolvedResource): (string | ReturnType<typeof v>)[] {
  const { ref } = resource;
  return [
    'az',
    ...ref.showCommand,
    '--name',
    v(`${resource.variable}_NAME`),
    ...(ref.needsResourceGroup ? resourceGroupArgs(resource) : []),
  ];
}

/**
 * The lookup keeps the resource id only where a role assignment is scoped to it; elsewhere it only proves
 * the resource exists (a missing one fails the command, and set -e stops the script), which a setting
 * check on the same resource proves as well.
 */
function resourceLines(resource: ResolvedResource, scoped: ReadonlySet<string>): ScriptLine[] {
  const { ref } = resource;
  const lines: ScriptLine[] = [];
  if (scoped.has(resource.variable)) {
    lines.push(capture(`${resource.variable}_ID`, ...showArgs(resource), '--query id -o tsv'));
  } else if (!ref.precondition && ref.keyVaultModelChoice === undefined) {
    lines.push(cmd(...showArgs(resource), '--query id -o none'));
  }
  if (ref.precondition) {
    const check = `${resource.variable}_CHECK`;
    lines.push(
      capture(check, ...showArgs(resource), `--query ${ref.precondition.query} -o tsv`),
      guard(check, '!=', ref.precondition.expected, ref.precondition.message),
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
          `The vault ${resource.name} uses Azure RBAC: choose "Azure RBAC" in the wizard.`,
        )
      : guard(
          flag,
          '!=',
          'true',
          `The vault ${resource.name} uses access policies, which ignore RBAC roles: choose "Vault access policies" in the wizard.`,
        ),
  );
  return lines;
}

export function preflightSteps(plan: DeploymentPlan): ScriptStep[] {
  if (plan.resources.length === 0) return [];
  const titles = [...new Set(plan.resources.map((resource) => resource.ref.title))].join(', ');
  const scoped = new Set(
    plan.grants.filter(({ grant }) => grant.kind === 'rbac').map(({ resource }) => resource.variable),
  );
  return [
    {
      comment: `Look up the resources before changing anything (${titles}): each grant is scoped to one of them.`,
      lines: plan.resources.flatMap((resource) => resourceLines(resource, scoped)),
    },
  ];
}
