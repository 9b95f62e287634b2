/** Grant kind: an Azure built-in role assigned on the one resource (azure-cli.md 2.1). */
import type { Grant } from '../../catalog/component-spec';
import type { ResolvedGrant } from '../resources';
import { cmd, join, v, type ScriptLine, type ScriptStep } from '../script-model';
import { PRINCIPAL_TYPE } from '../setup/steps';

type RbacGrant = Extract<Grant, { kind: 'rbac' }>;

export function rbacSetupStep(resolved: ResolvedGrant, grant: RbacGrant): ScriptStep {
  const { resource } = resolved;
  return {
    comment: `Grant ${grant.role.name} (built-in role ${grant.role.guid}) on the ${resource.ref.title} ${resource.name} only, for ${resolved.components.join(', ')}.`,
    lines: [
      cmd(
        'az role assignment create --assignee-object-id',
        v('PRINCIPAL_ID'),
        `--assignee-principal-type ${PRINCIPAL_TYPE} --role ${grant.role.guid} --scope`,
        v(`${resource.variable}_ID`),
        '-o none',
      ),
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
