/**
 * Grant kind: a Cosmos DB data-plane role. Cosmos DB's data plane has its own role system; scope "/" is the
 * whole account (azure-cli.md 2.4).
 */
import type { Grant } from '../../catalog/component-spec';
import type { ResolvedGrant } from '../resources';
import { cmd, join, retry, v, type ScriptLine, type ScriptStep } from '../script-model';
import { resourceGroupArgs } from '../setup/steps';

type CosmosGrant = Extract<Grant, { kind: 'cosmos-sql-role' }>;

/** About two minutes in all. */
const COSMOS_ATTEMPTS = 6;
const COSMOS_DELAY_SECONDS = 20;

export function cosmosSetupStep(resolved: ResolvedGrant, grant: CosmosGrant): ScriptStep {
  const { resource } = resolved;
  return {
    comment: `Assign the Cosmos DB data-plane role ${grant.roleName} (${grant.roleDefinitionId}) on the ${resource.ref.title} ${resource.name}, for ${resolved.components.join(', ')}.`,
    lines: [
      // The Cosmos DB resource provider looks the principal up in Microsoft Entra ID, which can lag seconds to
      // minutes behind a just-created identity: "The provided principal ID ... was not found" until then
      // (pulumi/pulumi-azure-native#2816, Azure/ARO-HCP#5321). A bounded retry waits it out.
      retry(
        cmd(
          'az cosmosdb sql role assignment create --account-name',
          v(`${resource.variable}_NAME`),
          ...resourceGroupArgs(resource),
          '--scope / --principal-id',
          v('PRINCIPAL_ID'),
          `--role-definition-id ${grant.roleDefinitionId} -o none`,
        ),
        {
          attempts: COSMOS_ATTEMPTS,
          delaySeconds: COSMOS_DELAY_SECONDS,
          message: `The Cosmos DB role assignment on ${resource.name} failed ${COSMOS_ATTEMPTS} times. If the errors above say the principal was not found, Microsoft Entra ID does not know the new identity yet: wait a few minutes and run this script again. Otherwise fix what they name (for example, your own rights on the account) and run it again.`,
        },
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
