/**
 * Azure built-in roles the wizard grants, by name and GUID.
 * GUIDs: MicrosoftDocs/azure-docs articles/role-based-access-control/built-in-roles.md (ms.date 04/09/2026),
 * as recorded in ../shared/domain/dapr-components.json.
 */

export interface AzureRole {
  readonly name: string;
  readonly guid: string;
}

export const ROLES = {
  // Read secrets (get + list): what the Dapr Key Vault secret store needs (dapr/docs azure-keyvault.md).
  keyVaultSecretsUser: { name: 'Key Vault Secrets User', guid: '4633458b-17de-408a-b874-0445c86b69e6' },
} as const satisfies Record<string, AzureRole>;
