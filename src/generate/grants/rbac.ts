/** Grant kind: an Azure built-in role assigned on the one resource (azure-cli.md 2.1). */
import type { Grant } from '../../catalog/component-spec';
import type { ResolvedGrant } from '../resources';
import { capture, cmd, join, lit, v, when, type ScriptLine, type ScriptStep } from '../script-model';
import { ROLE_ASSIGNMENT_DESCRIPTION } from '../setup/provenance';
import { PRINCIPAL_TYPE } from '../setup/steps';
import { jmesReadValue, jmesString } from '../jmespath';

type RbacGrant = Extract<Grant, { kind: 'rbac' }>;

/**
 * Looked up before the create, because a second create of the same assignment fails on CLIs since ARM's 2025
 * change of the RoleAssignmentExists message (Azure/azure-cli#31995; fixed for newer CLIs in #32027).
 * `--scope` alone lists the assignments at exactly that scope (role/custom.py _search_role_assignments:
 * atScope(), then scope equality without --include-inherited); the principal and role are filtered in JMESPath
 * rather than with --assignee, whose Graph lookup fails for just-created identities. roleDefinitionId is the
 * full id ending in the role's GUID.
 */
export function rbacSetupStep(resolved: ResolvedGrant, grant: RbacGrant): ScriptStep {
  const { resource } = resolved;
  const existing = `${resource.variable}_ROLE_ASSIGNMENT`;
  return {
    comment: `Grant ${grant.role.name} (built-in role ${grant.role.guid}) on the ${resource.ref.title} ${resource.name} only, for ${resolved.components.join(', ')}, unless the identity already has it there.`,
    lines: [
      capture(
        existing,
        'az role assignment list --scope',
        v(`${resource.variable}_ID`),
        '--query',
        join(
          '[?principalId==',
          ...jmesReadValue('PRINCIPAL_ID'),
          ` && ends_with(roleDefinitionId, ${jmesString(`/${grant.role.guid}`)})].id | [0]`,
        ),
        '-o tsv',
      ),
      when(existing, '=', '', [
        cmd(
          'az role assignment create --assignee-object-id',
          v('PRINCIPAL_ID'),
          `--assignee-principal-type ${PRINCIPAL_TYPE} --role ${grant.role.guid} --scope`,
          v(`${resource.variable}_ID`),
          // The teardown removes only assignments that carry it (one found in place is left, and kept).
          '--description',
          lit(ROLE_ASSIGNMENT_DESCRIPTION),
          '-o none',
        ),
      ]),
    ],
  };
}

/**
 * Removes the one assignment the setup made: this principal, this role (its GUID), exactly this scope (the list
 * without --include-inherited) and the setup's description. One the identity had before the setup, or another
 * tool made, lacks the description and stays. Deleted by id, which names exactly one assignment.
 */
export function rbacTeardownStep(resolved: ResolvedGrant, grant: RbacGrant): ScriptStep {
  const { resource } = resolved;
  const found = `${resource.variable}_ROLE_ASSIGNMENT`;
  return {
    comment: `Remove ${grant.role.name} on the ${resource.ref.title} ${resource.name}, if the setup assigned it (its description says so; an assignment without it is kept).`,
    lines: [
      capture(
        found,
        'az role assignment list --scope',
        v(`${resource.variable}_ID`),
        '--query',
        join(
          '[?principalId==',
          ...jmesReadValue('PRINCIPAL_ID'),
          ` && ends_with(roleDefinitionId, ${jmesString(`/${grant.role.guid}`)}) && description==${jmesString(ROLE_ASSIGNMENT_DESCRIPTION)}].id | [0]`,
        ),
        '-o tsv',
      ),
      when(found, '!=', '', [cmd('az role assignment delete --ids', v(found))]),
    ],
  };
}

/** Filtering on principalId avoids --assignee's Graph lookup, which fails for just-created identities. */
export function rbacVerifyLine(resolved: ResolvedGrant): ScriptLine {
  return cmd(
    'az role assignment list --scope',
    v(`${resolved.resource.variable}_ID`),
    '--query',
    join('[?principalId==', ...jmesReadValue('PRINCIPAL_ID'), '].roleDefinitionName'),
    '-o tsv',
  );
}
