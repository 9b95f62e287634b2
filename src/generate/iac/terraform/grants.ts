/**
 * Terraform for each grant kind ARM can make, scoped to the one resource (azurerm 4.55.0; argument names from
 * src/test-support/iac/azurerm-schema.json, meanings from registry.terraform.io/providers/hashicorp/azurerm docs):
 * - azurerm_role_assignment: the built-in role by its GUID under the subscription, principal_type
 *   ServicePrincipal (skips the Graph lookup that fails for a new identity).
 * - azurerm_cosmosdb_sql_role_assignment: the role definition's full id under the account, the account as scope.
 * - azurerm_key_vault_access_policy: permissions are validated case-sensitively against "Get", "List", "WrapKey"...
 *   (hashicorp/terraform-provider-azurerm internal/services/keyvault: schemaSecretPermissions and
 *   schemaKeyPermissions use validation.StringInSlice(..., false)), so the API's lower-case names are capitalised.
 * - azurerm_redis_cache_access_policy_assignment: name, policy, object id and alias, as the script's.
 */
import type { ArmGrant } from '../iac-view';
import { ROLE_ASSIGNMENT_DESCRIPTION } from '../../setup/provenance';
import { argument, block, comment, ref, template, type HclItem } from './hcl-text';

/** get -> Get, wrapKey -> WrapKey: the provider's spelling of a Key Vault permission. */
export function terraformPermission(permission: string): string {
  return permission.charAt(0).toUpperCase() + permission.slice(1);
}

/** The azurerm resource type that makes the grant. */
export function terraformGrantType(grant: ArmGrant): string {
  switch (grant.kind) {
    case 'rbac':
      return 'azurerm_role_assignment';
    case 'cosmos-sql-role':
      return 'azurerm_cosmosdb_sql_role_assignment';
    case 'redis-access-policy':
      return 'azurerm_redis_cache_access_policy_assignment';
    case 'keyvault-policy':
      return 'azurerm_key_vault_access_policy';
    default: {
      const unhandled: never = grant;
      throw new Error(`unhandled grant ${JSON.stringify(unhandled)}`);
    }
  }
}

/** `resourceRef`: the granted resource's data source address, e.g. data.azurerm_key_vault.vault. */
export function terraformGrant(grant: ArmGrant, name: string, resourceRef: string): HclItem[] {
  const forWhom = `for ${grant.components.join(', ')}`;
  const principal = argument('principal_id', ref('local.principal_id'));
  switch (grant.kind) {
    case 'rbac':
      return [
        comment(
          `${grant.roleName} (built-in role ${grant.roleGuid}) on ${grant.resource.ref.title} ${grant.resource.name} only, ${forWhom}.`,
        ),
        block(
          'resource',
          [terraformGrantType(grant), name],
          [
            argument('scope', ref(`${resourceRef}.id`)),
            argument(
              'role_definition_id',
              template(
                ref('data.azurerm_subscription.current.id'),
                `/providers/Microsoft.Authorization/roleDefinitions/${grant.roleGuid}`,
              ),
            ),
            principal,
            argument('principal_type', 'ServicePrincipal'),
            // The setup script's description: the teardown removes only an assignment that carries it, and an
            // imported one the setup made keeps it (an apply would otherwise clear it). Written on create only:
            // an imported assignment the user made before keeps having none (description updates in place,
            // terraform-provider-azurerm role_assignment_resource.go), so the teardown never takes it for the
            // setup's.
            argument('description', ROLE_ASSIGNMENT_DESCRIPTION),
            block('lifecycle', [], [argument('ignore_changes', ref('[description]'))]),
          ],
        ),
      ];
    case 'cosmos-sql-role':
      return [
        comment(
          `Cosmos DB data-plane role ${grant.roleName} (${grant.roleDefinitionId}) on the account ${grant.resource.name}, ${forWhom}.`,
        ),
        block(
          'resource',
          [terraformGrantType(grant), name],
          [
            argument('resource_group_name', ref(`${resourceRef}.resource_group_name`)),
            argument('account_name', ref(`${resourceRef}.name`)),
            argument(
              'role_definition_id',
              template(ref(`${resourceRef}.id`), `/sqlRoleDefinitions/${grant.roleDefinitionId}`),
            ),
            principal,
            argument('scope', ref(`${resourceRef}.id`)),
          ],
        ),
      ];
    case 'redis-access-policy':
      return [
        comment(
          `The ${grant.policy} data access policy on the Redis cache ${grant.resource.name}, ${forWhom}.`,
        ),
        block(
          'resource',
          [terraformGrantType(grant), name],
          [
            argument('name', grant.assignmentName),
            argument('redis_cache_id', ref(`${resourceRef}.id`)),
            argument('access_policy_name', grant.policy),
            argument('object_id', ref('local.principal_id')),
            argument('object_id_alias', grant.alias),
          ],
        ),
      ];
    case 'keyvault-policy':
      return [
        comment(`An access policy on the vault ${grant.resource.name}, nothing more, ${forWhom}.`),
        block(
          'resource',
          [terraformGrantType(grant), name],
          [
            argument('key_vault_id', ref(`${resourceRef}.id`)),
            argument('tenant_id', ref('data.azurerm_client_config.current.tenant_id')),
            argument('object_id', ref('local.principal_id')),
            ...(grant.secrets.length > 0
              ? [argument('secret_permissions', grant.secrets.map(terraformPermission))]
              : []),
            ...(grant.keys.length > 0
              ? [argument('key_permissions', grant.keys.map(terraformPermission))]
              : []),
          ],
        ),
      ];
    default: {
      const unhandled: never = grant;
      throw new Error(`unhandled grant ${JSON.stringify(unhandled)}`);
    }
  }
}
