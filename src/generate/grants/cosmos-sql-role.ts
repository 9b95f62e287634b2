/**
 * Grant kind: a Cosmos DB data-plane role. Cosmos DB's data plane has its own role system; scope "/" is the
 * whole account (azure-cli.md 2.4).
 */
import type { Grant } from '../../catalog/component-spec';
import type { ResolvedGrant } from '../resources';
import { cmd, join, v, type ScriptLine, type ScriptStep } from '../script-model';
import { resourceGroupArgs } from '../setup/steps';

type CosmosGrant = Extract<Grant, { kind: 'cosmos-sql-role' }>;

export function cosmosSetupStep(resolved: ResolvedGrant, grant: CosmosGrant): ScriptStep {
  const { resource } = resolved;
  return {
    comment: `Assign the Cosmos DB data-plane role ${grant.roleName} (${grant.roleDefinitionId}) on the ${resource.ref.title} ${resource.name}, for ${resolved.components.join(', ')}.`,
    lines: [
      cmd(
        'az cosmosdb sql role assignment create --account-name',
        v(`${resource.variable}_NAME`),
        ...resourceGroupArgs(resource),
        '--scope / --principal-id',
        v('PRINCIPAL_ID'),
        `--role-definition-id ${grant.roleDefinitionId} -o none`,
      ),
    ],
  };
}

export function cosmosVerifyLine(resolved: ResolvedGrant): ScriptLine {
  const { resource } = resolved;
  return cmd(
    'az cosmosdb sql role assignment list --account-name',
    v(`${resource.variable}_NAME`),
    ...resourceGroupArgs(resource),
    '--query',
    join('[?principalId==', "'", v('PRINCIPAL_ID'), "'", '].roleDefinitionId'),
    '-o tsv',
  );
}
