/**
 * Dapr components that sign in to Azure with Microsoft Entra ID, and the grant each one needs.
 * Adding a component is one entry here plus its golden files (see README, "Adding a component").
 * Facts: ../shared/domain/dapr-components.md / .json, each entry naming its sources.
 */
import { ROLES, type AzureRole } from './roles';
import type { NamingRuleId } from './naming-rules';

export interface ComponentField {
  /** The metadata key Dapr reads. */
  readonly key: string;
  readonly label: string;
  readonly help: string;
  readonly required: boolean;
  readonly rule: NamingRuleId;
  readonly placeholder?: string;
}

/** How the script finds the Azure resource the grant is scoped to. */
export interface ResourceLookup {
  /** The component field holding the resource's name. */
  readonly field: string;
  /** What the resource is called in comments. */
  readonly title: string;
  /** `az <showCommand> --name <value> --query id -o tsv` returns its resource id. */
  readonly showCommand: readonly string[];
  /** Shell variable prefix: VAULT -> VAULT_NAME, VAULT_ID. */
  readonly variable: string;
}

export type GrantSpec =
  | { readonly kind: 'rbac'; readonly role: AzureRole }
  | {
      /** Key Vault: an RBAC role on RBAC vaults, an access policy on access-policy vaults. */
      readonly kind: 'key-vault';
      readonly rbacRole: AzureRole;
      readonly accessPolicy: { readonly flag: string; readonly permissions: readonly string[] };
    };

export interface ComponentSpec {
  readonly type: string;
  readonly version: string;
  readonly title: string;
  readonly summary: string;
  /** Default metadata.name of the component. */
  readonly defaultName: string;
  readonly fields: readonly ComponentField[];
  readonly resource: ResourceLookup;
  readonly grant: GrantSpec;
}

export const COMPONENTS = [
  {
    // dapr/components-contrib secretstores/azure/keyvault/metadata.yaml; dapr/docs azure-keyvault.md.
    type: 'secretstores.azure.keyvault',
    version: 'v1',
    title: 'Azure Key Vault secret store',
    summary: 'Read secrets from a Key Vault through the Dapr secrets API and in other components.',
    // Name used by the Dapr docs' managed identity page (../shared/seed/howto-use-managed-identities.md).
    defaultName: 'azurekeyvault',
    fields: [
      {
        // The bare vault name, not the URL (metadata.yaml: "vaultName", required).
        key: 'vaultName',
        label: 'Key Vault name',
        help: 'The vault name only, not its URL.',
        required: true,
        rule: 'keyVaultName',
        placeholder: 'mykeyvault',
      },
    ],
    resource: {
      field: 'vaultName',
      title: 'Key Vault',
      showCommand: ['keyvault', 'show'],
      variable: 'VAULT',
    },
    grant: {
      kind: 'key-vault',
      // Key Vault Secrets User: get + list secrets, the least role that works (dapr/docs azure-keyvault.md).
      rbacRole: ROLES.keyVaultSecretsUser,
      // Access-policy vaults ignore RBAC roles; secrets get + list as in Dapr's conformance setup
      // (components-contrib .github/infrastructure/conformance/azure/setup-azure-conf-test.sh).
      accessPolicy: { flag: '--secret-permissions', permissions: ['get', 'list'] },
    },
  },
] as const satisfies readonly ComponentSpec[];

export type ComponentType = (typeof COMPONENTS)[number]['type'];
export const COMPONENT_TYPES: readonly ComponentType[] = COMPONENTS.map((component) => component.type);

/** The component's catalog entry; every ComponentType has one. */
export function componentSpec(type: ComponentType): ComponentSpec {
  const spec = COMPONENTS.find((component) => component.type === type);
  if (!spec) throw new Error(`No catalog entry for component ${type}`);
  return spec;
}
