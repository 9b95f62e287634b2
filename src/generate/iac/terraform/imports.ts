/**
 * The header's import list: every object main.tf creates that the setup script may have made already. azurerm 4
 * refuses to create a resource that exists ("already exists - to be managed via Terraform this resource needs to
 * be imported into the State", ResourceRequiresImport), and the kubernetes provider refuses an existing object
 * ("Cannot create resource that already exists"), so each must be imported (or deleted) first.
 *
 * Import ids, checked against azurerm v4.55.0 (hashicorp/terraform-provider-azurerm at tag v4.55.0, each
 * resource's website/docs/r/<name>.html.markdown "Import" section and the ID parser it reads the id with):
 * - user_assigned_identity: the ARM id (commonids.ParseUserAssignedIdentityID);
 * - federated_identity_credential: <identity id>/federatedIdentityCredentials/<name>
 *   (federatedidentitycredentials.ParseFederatedIdentityCredentialID);
 * - role_assignment: the assignment's id, <scope>/providers/Microsoft.Authorization/roleAssignments/<guid>
 *   (internal/services/authorization/parse.RoleAssignmentID); its GUID is Azure's, hence the lookup;
 * - cosmosdb_sql_role_assignment: <account id>/sqlRoleAssignments/<name>
 *   (internal/services/cosmos/parse/sql_role_assignment.go, segments databaseAccounts and sqlRoleAssignments);
 * - redis_cache_access_policy_assignment: <cache id>/accessPolicyAssignments/<name>
 *   (rediscacheaccesspolicyassignments.ParseAccessPolicyAssignmentID);
 * - key_vault_access_policy: <vault id>/objectId/<object id>, no applicationId segment since the policy names
 *   none (internal/services/keyvault/parse/access_policy.go AccessPolicyID; an id unique to Terraform);
 * - container_app_environment_dapr_component: <environment id>/daprComponents/<name>
 *   (daprcomponents.ParseDaprComponentID).
 * kubernetes (hashicorp/terraform-provider-kubernetes docs/resources/service_account_v1.md and manifest.md,
 * "Import"): service_account_v1 "<namespace>/<name>"; kubernetes_manifest
 * "apiVersion=<v>,kind=<k>,namespace=<ns>,name=<n>" (namespace only for a namespaced object, as a Component is).
 */
import type { ResolvedResource } from '../../resources';
import type { ArmGrant, IacView } from '../iac-view';
import { resourceType, isGuid } from '../iac-view';
import { azLine, cosmosAssignmentLookup } from '../header-notes';

export interface ImportTarget {
  /** The resource's address in main.tf: azurerm_role_assignment.vault_role. */
  readonly address: string;
  /** Its import id, or how to read it where only Azure knows it (a role assignment's GUID). */
  readonly id: string;
}

function groupPath(view: IacView, group: string): string {
  const subscription = isGuid(view.plan.subscription) ? view.plan.subscription : '<subscription id>';
  return `/subscriptions/${subscription}/resourceGroups/${group}`;
}

/** A top-level resource's ARM id (the grants' Cosmos DB accounts, Redis caches and vaults are top-level). */
function armId(view: IacView, resource: ResolvedResource): string {
  return `${groupPath(view, resource.resourceGroup)}/providers/${resourceType(resource).armType}/${resource.name}`;
}

/**
 * Any granted resource's ARM id, a child's (Microsoft.ServiceBus/namespaces/queues) under its parent's name:
 * /providers/Microsoft.ServiceBus/namespaces/<namespace>/queues/<queue>.
 */
function resourceId(view: IacView, resource: ResolvedResource): string {
  const [provider, ...types] = resourceType(resource).armType.split('/');
  const names = resource.parent ? [resource.parent.name, resource.name] : [resource.name];
  if (types.length !== names.length) throw new Error(`no ARM id for ${resource.name}`);
  const path = types.map((type, index) => `${type}/${names[index] ?? ''}`).join('/');
  return `${groupPath(view, resource.resourceGroup)}/providers/${provider ?? ''}/${path}`;
}

export function grantImportId(view: IacView, grant: ArmGrant): string {
  switch (grant.kind) {
    case 'rbac':
      // --scope with the full id lists only that resource's assignments (az role assignment list), where a
      // name match on the scope's end would also find a same-named resource in another group.
      return `the assignment's id, from: ${azLine(view.plan, ['az', 'role', 'assignment', 'list', '--scope', resourceId(view, grant.resource), '--assignee', '<principal id>', '--role', grant.roleGuid, '--query', '[0].id', '-o', 'tsv'])}`;
    case 'cosmos-sql-role':
      // The list's id is the assignment's full ARM id: the whole import id, not a segment to append.
      return `the assignment's id, from: ${cosmosAssignmentLookup(view, grant, 'id')}`;
    case 'redis-access-policy':
      return `${armId(view, grant.resource)}/accessPolicyAssignments/${grant.assignmentName}`;
    case 'keyvault-policy':
      return `${armId(view, grant.resource)}/objectId/<principal id>`;
    default: {
      const unhandled: never = grant;
      throw new Error(`unhandled grant ${JSON.stringify(unhandled)}`);
    }
  }
}

/** The identity, federated credential, ServiceAccount and components main.tf creates, with their import ids. */
export function identityAndComponentImports(view: IacView): ImportTarget[] {
  const { plan } = view;
  const targets: ImportTarget[] = [];
  const identityId = plan.identity.userAssigned
    ? `${groupPath(view, plan.resourceGroup)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${plan.identity.userAssigned.name}`
    : undefined;
  // The user's existing identity is a data source: nothing to import.
  if (identityId && !view.identityIsExisting)
    targets.push({ address: 'azurerm_user_assigned_identity.app', id: identityId });
  const workload = plan.kubernetes?.workloadIdentity;
  if (workload && identityId) {
    targets.push({
      address: 'azurerm_federated_identity_credential.service_account',
      id: `${identityId}/federatedIdentityCredentials/${workload.federatedCredentialName}`,
    });
  }
  if (plan.host.format === 'container-apps') {
    plan.components.forEach((component, index) =>
      targets.push({
        address: `azurerm_container_app_environment_dapr_component.component_${index + 1}`,
        id: `${groupPath(view, plan.resourceGroup)}/providers/Microsoft.App/managedEnvironments/${plan.environment}/daprComponents/${component.name}`,
      }),
    );
  } else if (plan.kubernetes) {
    const { namespace } = plan.kubernetes;
    if (workload)
      targets.push({
        address: 'kubernetes_service_account_v1.app',
        id: `${namespace}/${workload.serviceAccountName}`,
      });
    plan.components.forEach((component, index) =>
      targets.push({
        address: `kubernetes_manifest.component_${index + 1}`,
        id: `apiVersion=${String(component.document.apiVersion)},kind=${String(component.document.kind)},namespace=${namespace},name=${component.name}`,
      }),
    );
  }
  return targets;
}

/**
 * After an import, an apply that changes azurerm_key_vault_access_policy updates the vault with the 'replace' kind
 * (azurerm v4.55.0 internal/services/keyvault/key_vault_access_policy_resource.go: vaults.AccessPolicyUpdateKindReplace
 * on update), which sets the object id's entry to exactly the configured permissions; main.bicep's 'add' merges.
 */
function keyVaultReplaceNote(view: IacView): string[] {
  if (!view.armGrants.some((grant) => grant.kind === 'keyvault-policy')) return [];
  return [
    'azurerm_key_vault_access_policy, once imported: an apply that changes it replaces the whole entry of this',
    "principal in the vault with exactly the permissions here (azurerm updates access policies with 'replace'): any",
    "other permission that entry holds (one given by hand, beyond those here) is removed. main.bicep's 'add' merges instead.",
  ];
}

/** The header lines: what to import before the first apply when the setup script ran first. */
export function importLines(view: IacView, targets: readonly ImportTarget[], kubernetes: boolean): string[] {
  if (targets.length === 0) return [];
  const kinds = new Set(view.armGrants.map((grant) => grant.kind));
  return [
    'If the setup script ran first, these exist already and terraform apply refuses to create them',
    kubernetes
      ? '(azurerm: ResourceRequiresImport; kubernetes: "Cannot create resource that already exists").'
      : '(azurerm: ResourceRequiresImport).',
    // azurerm v4.55.0 role_assignment_resource.go and cosmosdb_sql_role_assignment_resource.go give a resource
    // without a name a new random UUID and look only for that one, so neither detects the setup's assignment.
    ...(kinds.has('rbac')
      ? [
          'A role assignment is the exception: azurerm names it with a new random GUID, so it finds none, and Azure',
          'refuses a second one of the same role for the same principal and scope (409 RoleAssignmentExists).',
        ]
      : []),
    ...(kinds.has('cosmos-sql-role')
      ? [
          'Nor does azurerm find an existing Cosmos DB role assignment (a new random name too); whether Cosmos DB then',
          'refuses the second or makes it is not confirmed: import it.',
        ]
      : []),
    'Import each first (terraform import <address> <id>), or delete it:',
    ...targets.flatMap((target) => [`  ${target.address}`, `    ${target.id}`]),
    ...keyVaultReplaceNote(view),
  ];
}
