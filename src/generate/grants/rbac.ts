/** Grant kind: an Azure built-in role assigned on the one resource (azure-cli.md 2.1). */
import type { Grant } from '../../catalog/component-spec';
import type { ResolvedGrant } from '../resources';
import { capture, cmd, join, v, when, type ScriptLine, type ScriptStep } from '../script-model';
import { PRINCIPAL_TYPE } from '../setup/steps';

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
          "'",
          v('PRINCIPAL_ID'),
          "'",
          ` && ends_with(roleDefinitionId, '/${grant.role.guid}')].id | [0]`,
        ),
        '-o tsv',
      ),
      when(existing, '=', '', [
        cmd(
          'az role assignment create --assignee-object-id',
          v('PRINCIPAL_ID'),
          `--assignee-principal-type ${PRINCIPAL_TYPE} --role ${grant.role.guid} --scope`,
          v(`${resource.variable}_ID`),
          '-o none',
        ),
      ]),
    ],
  };
}

/** Filtering on principalId avoids --assignee's Graph lookup, which fails for just-created identities. */
export function rbacVerifyLine(resolved: ResolvedGrant): ScriptLine {
  return cmd(
    'az role assignment list --scope',
    v(`${resolved.resource.variable}_ID`),
    '--query',
    join('[?principalId==', "'", v('PRINCIPAL_ID'), "'", '].roleDefinitionName'),
    '-o tsv',
  );
}
