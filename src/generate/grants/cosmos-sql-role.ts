/**
 * Grant kind: a Cosmos DB data-plane role. Cosmos DB's data plane has its own role system; scope "/" is the
 * whole account (azure-cli.md 2.4).
 */
import type { Grant } from '../../catalog/component-spec';
import type { ResolvedGrant } from '../resources';
import { capture, cmd, join, retry, v, when, type ScriptLine, type ScriptStep } from '../script-model';
import { resourceGroupArgs } from '../setup/steps';
import { jmesReadValue, jmesString } from '../jmespath';
import { withEntry } from '../troubleshoot-advice';

type CosmosGrant = Extract<Grant, { kind: 'cosmos-sql-role' }>;

/** About two minutes in all. */
const COSMOS_ATTEMPTS = 6;
const COSMOS_DELAY_SECONDS = 20;

/**
 * Looked up before the create, because each create without --role-assignment-id adds a new assignment under a
 * fresh uuid4 (cosmosdb/_validators.py validate_role_assignment_id in the installed 2.45), so a re-run would
 * pile up duplicates. The list holds this account's assignments only; the CLI sends a fully qualified role
 * definition id (validate_fully_qualified_role_definition_id), so it ends in the role's id, and an
 * account-wide scope ("/") is the account's own path, while narrower ones continue with /dbs/... (azure-cli.md
 * 2.4): the filter does not depend on how the service spells the account's path.
 */
export function cosmosSetupStep(resolved: ResolvedGrant, grant: CosmosGrant): ScriptStep {
  const { resource } = resolved;
  const existing = `${resource.variable}_DATA_ROLE_ASSIGNMENT`;
  return {
    comment: `Assign the Cosmos DB data-plane role ${grant.roleName} (${grant.roleDefinitionId}) on the ${resource.ref.title} ${resource.name}, for ${resolved.components.join(', ')}, unless the identity already has it there.`,
    lines: [
      capture(
        existing,
        'az cosmosdb sql role assignment list --account-name',
        v(`${resource.variable}_NAME`),
        ...resourceGroupArgs(resource),
        '--query',
        join(
          '[?principalId==',
          ...jmesReadValue('PRINCIPAL_ID'),
          ` && ends_with(roleDefinitionId, ${jmesString(`/${grant.roleDefinitionId}`)}) && !contains(scope, '/dbs/')].id | [0]`,
        ),
        '-o tsv',
      ),
      when(existing, '=', '', [
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
            message: withEntry(
              `The Cosmos DB role assignment on ${resource.name} failed ${COSMOS_ATTEMPTS} times. If the errors above say the principal was not found, Microsoft Entra ID does not know the new identity yet: wait a few minutes and run this script again. Otherwise fix what they name (for example, your own rights on the account) and run it again.`,
              'cosmos-principal-not-found',
            ),
          },
        ),
      ]),
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
    join('[?principalId==', ...jmesReadValue('PRINCIPAL_ID'), '].roleDefinitionId'),
    '-o tsv',
  );
}

/**
 * Removes the account-wide assignment of this role to this principal, the one the setup makes. Cosmos DB
 * role assignments carry no description or tag, so an identical one made by another tool cannot be told
 * apart: the comment says so. `delete --role-assignment-id` takes the assignment's name, the GUID
 * (cosmosdb/_validators.py validate_role_assignment_id parses a full id down to it, in the installed 2.45).
 */
export function cosmosTeardownStep(resolved: ResolvedGrant, grant: CosmosGrant): ScriptStep {
  const { resource } = resolved;
  const found = `${resource.variable}_DATA_ROLE_ASSIGNMENT`;
  return {
    comment: `Remove the Cosmos DB data-plane role ${grant.roleName} on the ${resource.ref.title} ${resource.name} (this principal, this role, the whole account: what the setup assigns; Cosmos DB keeps no note of who made an assignment, so an identical one made elsewhere goes too).`,
    lines: [
      capture(
        found,
        'az cosmosdb sql role assignment list --account-name',
        v(`${resource.variable}_NAME`),
        ...resourceGroupArgs(resource),
        '--query',
        join(
          '[?principalId==',
          ...jmesReadValue('PRINCIPAL_ID'),
          ` && ends_with(roleDefinitionId, ${jmesString(`/${grant.roleDefinitionId}`)}) && !contains(scope, '/dbs/')].name | [0]`,
        ),
        '-o tsv',
      ),
      when(found, '!=', '', [
        cmd(
          'az cosmosdb sql role assignment delete --account-name',
          v(`${resource.variable}_NAME`),
          ...resourceGroupArgs(resource),
          '--role-assignment-id',
          v(found),
          '--yes -o none',
        ),
      ]),
    ],
  };
}
