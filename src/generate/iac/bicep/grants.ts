/**
 * Bicep for each grant kind ARM can make, scoped to the one resource:
 * - Azure RBAC: Microsoft.Authorization/roleAssignments with a guid() name from the scope, the principal's
 *   resource and the role, principalType ServicePrincipal (skips the Graph lookup that fails for a new
 *   identity), the role by its built-in GUID (learn.microsoft.com/azure/role-based-access-control/role-assignments-template).
 * - Cosmos DB data plane: databaseAccounts/sqlRoleAssignments, a GUID name, the role definition's full id and
 *   the account as scope (learn.microsoft.com/azure/cosmos-db/nosql/security/how-to-grant-data-plane-role-based-access).
 * - Key Vault access policy: vaults/accessPolicies named 'add', which adds entries and keeps the vault's others
 *   (learn.microsoft.com/azure/templates/microsoft.keyvault/2025-05-01/vaults/accesspolicies: name 'add',
 *   'remove' or 'replace').
 * - Redis data access policy: redis/accessPolicyAssignments (learn.microsoft.com/azure/templates/microsoft.cache/redis/accesspolicyassignments).
 */
import type { ArmGrant } from '../iac-view';
import { ROLE_ASSIGNMENT_DESCRIPTION } from '../../setup/provenance';
import { API_VERSIONS } from '../resource-types';
import { bicepString, expr, interpolate, type BicepValue } from './bicep-text';

export interface BicepResource {
  readonly symbol: string;
  readonly type: string;
  readonly apiVersion: string;
  readonly comment: string;
  readonly body: { readonly [key: string]: BicepValue };
}

/**
 * `resourceSymbol`: the granted resource's symbol; `principalResourceId`: the expression of the id that names the
 * principal in each guid() name (the identity's or host's resource id: known when the deployment starts, as a
 * role assignment's name must be, where the principal id is not). The principal id is `granteePrincipalId`.
 */
export function bicepGrant(
  grant: ArmGrant,
  symbol: string,
  resourceSymbol: string,
  principalResourceId: string,
): BicepResource {
  const forWhom = `for ${grant.components.join(', ')}`;
  const guidName = (discriminator: string): BicepValue =>
    expr(`guid(${resourceSymbol}.id, ${principalResourceId}, ${bicepString(discriminator)})`);
  switch (grant.kind) {
    case 'rbac':
      return {
        symbol,
        type: 'Microsoft.Authorization/roleAssignments',
        apiVersion: API_VERSIONS.roleAssignments,
        comment: `${grant.roleName} (built-in role ${grant.roleGuid}) on ${grant.resource.ref.title} ${grant.resource.name} only, ${forWhom}.`,
        body: {
          name: guidName(grant.roleGuid),
          scope: expr(resourceSymbol),
          properties: {
            roleDefinitionId: expr(
              `subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ${bicepString(grant.roleGuid)})`,
            ),
            principalId: expr('granteePrincipalId'),
            principalType: 'ServicePrincipal',
            // The setup script's description: the teardown removes only an assignment that carries it.
            description: ROLE_ASSIGNMENT_DESCRIPTION,
          },
        },
      };
    case 'cosmos-sql-role':
      return {
        symbol,
        type: 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments',
        apiVersion: API_VERSIONS.cosmos,
        comment: `Cosmos DB data-plane role ${grant.roleName} (${grant.roleDefinitionId}) on the account ${grant.resource.name}, ${forWhom}.`,
        body: {
          parent: expr(resourceSymbol),
          name: guidName(grant.roleDefinitionId),
          properties: {
            roleDefinitionId: interpolate(
              expr(`${resourceSymbol}.id`),
              `/sqlRoleDefinitions/${grant.roleDefinitionId}`,
            ),
            principalId: expr('granteePrincipalId'),
            scope: expr(`${resourceSymbol}.id`),
          },
        },
      };
    case 'redis-access-policy':
      return {
        symbol,
        type: 'Microsoft.Cache/redis/accessPolicyAssignments',
        apiVersion: API_VERSIONS.redis,
        comment: `The ${grant.policy} data access policy on the Redis cache ${grant.resource.name}, ${forWhom}.`,
        body: {
          parent: expr(resourceSymbol),
          name: grant.assignmentName,
          properties: {
            accessPolicyName: grant.policy,
            objectId: expr('granteePrincipalId'),
            objectIdAlias: grant.alias,
          },
        },
      };
    case 'keyvault-policy': {
      const permissions: Record<string, BicepValue> = {};
      if (grant.secrets.length > 0) permissions.secrets = grant.secrets;
      if (grant.keys.length > 0) permissions.keys = grant.keys;
      const what = [
        ...(grant.secrets.length > 0 ? [`secrets ${grant.secrets.join(', ')}`] : []),
        ...(grant.keys.length > 0 ? [`keys ${grant.keys.join(', ')}`] : []),
      ].join('; ');
      return {
        symbol,
        type: 'Microsoft.KeyVault/vaults/accessPolicies',
        apiVersion: API_VERSIONS.keyVault,
        comment: `An access policy on the vault ${grant.resource.name} with ${what}, nothing more, ${forWhom}.`,
        body: {
          parent: expr(resourceSymbol),
          name: 'add',
          properties: {
            accessPolicies: [
              {
                tenantId: expr('subscription().tenantId'),
                objectId: expr('granteePrincipalId'),
                permissions,
              },
            ],
          },
        },
      };
    }
    default: {
      const unhandled: never = grant;
      throw new Error(`unhandled grant ${JSON.stringify(unhandled)}`);
    }
  }
}
