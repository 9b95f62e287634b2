/**
 * Azure Key Vault: the secret store and the crypto provider. Entra ID is their only authentication.
 * Sources: dapr/components-contrib secretstores/azure/keyvault/metadata.yaml, crypto/azure/keyvault/metadata.yaml;
 * dapr/docs supported-secret-stores/azure-keyvault.md, supported-cryptography/azure-key-vault.md.
 */
import type { ComponentChoice, ComponentSpec, ResourceRef } from '../component-spec';
import { ROLES } from '../roles';

/** RBAC roles only work on vaults with the RBAC permission model; older vaults use access policies. */
const KEY_VAULT_MODEL: ComponentChoice = {
  key: 'kvModel',
  legend: 'Key Vault permission model',
  options: [
    {
      id: 'rbac',
      // `az keyvault create` enables RBAC by default since CLI 2.61 (../shared/domain/azure-cli.md 2.3).
      title: 'Azure RBAC (default for new vaults)',
      description: 'The identity gets a built-in role on this vault only.',
    },
    {
      id: 'accesspolicy',
      title: 'Vault access policies',
      description:
        'For vaults still on access policies: the identity gets an access policy with just what Dapr uses.',
    },
  ],
};

const VAULT: ResourceRef = {
  id: 'vault',
  title: 'Key Vault',
  // vaultName is the bare name (metadata.yaml).
  field: 'vaultName',
  nameFrom: 'value',
  showCommand: ['keyvault', 'show'],
  needsResourceGroup: false,
  variable: 'VAULT',
  keyVaultModelChoice: 'kvModel',
};

export const KEY_VAULT_COMPONENTS = [
  {
    type: 'secretstores.azure.keyvault',
    version: 'v1',
    // Registered from Dapr 1.0: dapr/dapr cmd/daprd/main.go at v1.0.0.
    minDapr: '1.0',
    // components-contrib secretstores/azure/keyvault/metadata.yaml.
    status: 'stable',
    title: 'Azure Key Vault secret store',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-secret-stores/azure-keyvault.md says it does.
    summary: 'Read secrets from a Key Vault through the Dapr secrets API and in other components.',
    // The name the Dapr docs' managed identity page uses (../shared/seed/howto-use-managed-identities.md).
    defaultName: 'azurekeyvault',
    fields: [
      {
        key: 'vaultName',
        label: 'Key Vault name',
        help: 'The vault name only, not its URL.',
        required: true,
        rule: 'keyVaultName',
        placeholder: 'mykeyvault',
        // The seed page's example, which the default configuration reproduces.
        example: 'mykeyvault',
      },
    ],
    choices: [KEY_VAULT_MODEL],
    resources: [VAULT],
    grants: [
      // Key Vault Secrets User: get + list secrets, the least role that works (dapr/docs azure-keyvault.md).
      { kind: 'rbac', role: ROLES.keyVaultSecretsUser, resource: 'vault', when: { kvModel: ['rbac'] } },
      // Secrets get + list, as in Dapr's conformance setup
      // (components-contrib .github/infrastructure/conformance/azure/setup-azure-conf-test.sh).
      {
        kind: 'keyvault-policy',
        flag: '--secret-permissions',
        permissions: ['get', 'list'],
        resource: 'vault',
        when: { kvModel: ['accesspolicy'] },
      },
    ],
  },
  {
    type: 'crypto.azure.keyvault',
    version: 'v1',
    // Registered from Dapr 1.11: dapr/dapr cmd/daprd/components/crypto_azure_keyvault.go at v1.11.0.
    minDapr: '1.11',
    // components-contrib crypto/azure/keyvault/metadata.yaml.
    status: 'alpha',
    title: 'Azure Key Vault cryptography',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-cryptography/azure-key-vault.md says it does.
    summary: 'Encrypt, decrypt, sign and verify with keys held in a Key Vault (Dapr cryptography API).',
    defaultName: 'azurekeyvault-crypto',
    fields: [
      {
        key: 'vaultName',
        label: 'Key Vault name',
        help: 'The vault name only, not its URL.',
        required: true,
        rule: 'keyVaultName',
        placeholder: 'mykeyvault',
        example: 'example-kv',
      },
      {
        // metadata.yaml: requestTimeout, a duration, default 30s.
        key: 'requestTimeout',
        label: 'Request timeout',
        help: 'How long a Key Vault call may take, e.g. 30s.',
        required: false,
        rule: 'duration',
      },
    ],
    choices: [KEY_VAULT_MODEL],
    resources: [VAULT],
    // The Dapr docs name no role. Key Vault Crypto User allows the key operations Dapr performs
    // (get key, encrypt, decrypt, wrap, unwrap, sign, verify) without managing keys (built-in-roles.md).
    grantSource: 'No role in the Dapr docs; Key Vault Crypto User covers the key operations Dapr calls.',
    grants: [
      { kind: 'rbac', role: ROLES.keyVaultCryptoUser, resource: 'vault', when: { kvModel: ['rbac'] } },
      {
        kind: 'keyvault-policy',
        flag: '--key-permissions',
        permissions: ['get', 'encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'sign', 'verify'],
        resource: 'vault',
        when: { kvModel: ['accesspolicy'] },
      },
    ],
  },
] as const satisfies readonly ComponentSpec[];
