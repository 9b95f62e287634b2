// Dapr on Azure Container Apps, User-assigned identity: the identity, its least grants and what
// ARM can do of the setup script (setup-dapr-identity.sh), as one deployment into the resource group rg-orders.
// Dry run (shows what would change, changes nothing):
//   az deployment group what-if --resource-group rg-orders --template-file main.bicep --parameters main.parameters.json
// Deploy:
//   az deployment group create --resource-group rg-orders --template-file main.bicep --parameters main.parameters.json
// In an azd project, put main.bicep and main.parameters.json in infra/, and deploy into this group:
//   azd env set AZURE_RESOURCE_GROUP rg-orders
// A role assignment the setup script already made has another name: delete it first, or ARM reports
// RoleAssignmentExists.
// Read first: component azurekeyvault-crypto: Container Apps supports only stable Dapr components (container-apps/dapr-overview.md); crypto.azure.keyvault is alpha in Dapr (its metadata.yaml): it may load, but without platform support.
targetScope = 'resourceGroup'

@description('The user-assigned identity the app signs in with.')
param identityName string

@description('Region of the identity; by default, that of the resource group.')
param location string = resourceGroup().location

@description('The Container Apps environment the Dapr components belong to.')
param environmentName string

// The user-assigned identity the app signs in with. One of this name that exists (the setup script made it) is
// written with these values: in another region the deployment fails (InvalidResourceLocation), and its tags are
// replaced by none (the setup's createdBy tag goes, so the teardown keeps the identity).
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: identityName
  location: location
}

// The principal that receives every grant: the identity's.
var granteePrincipalId = identity.properties.principalId

// The Key Vault kv-orders in rg-orders.
// The vault must use Azure RBAC (enableRbacAuthorization true): access-policy vaults ignore roles.
resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: 'kv-orders'
}

// The Key Vault kv-keys in rg-orders.
// The vault must use access policies (enableRbacAuthorization false): a vault using Azure RBAC ignores access policies.
resource vault2 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: 'kv-keys'
}

// The Storage account storders in rg-orders.
resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: 'storders'
}

// The Storage account stuploads in rg-orders.
resource storageAccount2 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: 'stuploads'
}

// Key Vault Secrets User (built-in role 4633458b-17de-408a-b874-0445c86b69e6) on Key Vault kv-orders only, for azurekeyvault.
resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
  }
}

// Storage Blob Data Contributor (built-in role ba92f5b4-2d11-453d-a403-e96b0029c9fe) on Storage account storders only, for statestore, statestore-v1.
resource storageAccountRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, identity.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
  }
}

// Storage Blob Data Contributor (built-in role ba92f5b4-2d11-453d-a403-e96b0029c9fe) on Storage account stuploads only, for blob-binding.
resource storageAccount2Role 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount2.id, identity.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: storageAccount2
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
  }
}

// Storage Table Data Contributor (built-in role 0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3) on Storage account storders only, for tablestate.
resource storageAccountRole2 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, identity.id, '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
  }
}

// Storage Queue Data Contributor (built-in role 974c5e8b-45b9-4653-ba55-5f855dd0fb88) on Storage account storders only, for queue-binding.
resource storageAccountRole3 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, identity.id, '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
  }
}

// An access policy on the vault kv-keys with keys get, encrypt, decrypt, wrapKey, unwrapKey, sign, verify, nothing more, for azurekeyvault-crypto.
resource vault2AccessPolicies 'Microsoft.KeyVault/vaults/accessPolicies@2025-05-01' = {
  parent: vault2
  name: 'add'
  properties: {
    accessPolicies: [
      {
        tenantId: subscription().tenantId
        objectId: granteePrincipalId
        permissions: {
          keys: [
            'get'
            'encrypt'
            'decrypt'
            'wrapKey'
            'unwrapKey'
            'sign'
            'verify'
          ]
        }
      }
    ]
  }
}

// The Container Apps environment: referenced, never redeclared here.
resource containerAppsEnvironment 'Microsoft.App/managedEnvironments@2025-07-01' existing = {
  name: environmentName
}

// The Dapr component azurekeyvault: Azure Key Vault secret store.
resource daprComponent1 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'azurekeyvault'
  properties: {
    componentType: 'secretstores.azure.keyvault'
    version: 'v1'
    metadata: [
      {
        name: 'vaultName'
        value: 'kv-orders'
      }
      {
        name: 'azureClientId'
        value: identity.properties.clientId
      }
    ]
    scopes: [
      'orders-api'
    ]
  }
}

// The Dapr component azurekeyvault-crypto: Azure Key Vault cryptography.
resource daprComponent2 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'azurekeyvault-crypto'
  properties: {
    componentType: 'crypto.azure.keyvault'
    version: 'v1'
    metadata: [
      {
        name: 'vaultName'
        value: 'kv-keys'
      }
      {
        name: 'azureClientId'
        value: identity.properties.clientId
      }
    ]
    scopes: [
      'orders-api'
    ]
  }
}

// The Dapr component statestore: Azure Blob Storage state store.
resource daprComponent3 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'statestore'
  properties: {
    componentType: 'state.azure.blobstorage'
    version: 'v2'
    metadata: [
      {
        name: 'accountName'
        value: 'storders'
      }
      {
        name: 'containerName'
        value: 'state'
      }
      {
        name: 'azureClientId'
        value: identity.properties.clientId
      }
    ]
    scopes: [
      'orders-api'
    ]
  }
}

// The Dapr component statestore-v1: Azure Blob Storage state store (v1).
resource daprComponent4 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'statestore-v1'
  properties: {
    componentType: 'state.azure.blobstorage'
    version: 'v1'
    metadata: [
      {
        name: 'accountName'
        value: 'storders'
      }
      {
        name: 'containerName'
        value: 'statev1'
      }
      {
        name: 'azureClientId'
        value: identity.properties.clientId
      }
    ]
    scopes: [
      'orders-api'
    ]
  }
}

// The Dapr component blob-binding: Azure Blob Storage binding.
resource daprComponent5 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'blob-binding'
  properties: {
    componentType: 'bindings.azure.blobstorage'
    version: 'v1'
    metadata: [
      {
        name: 'accountName'
        value: 'stuploads'
      }
      {
        name: 'containerName'
        value: 'uploads'
      }
      {
        name: 'azureClientId'
        value: identity.properties.clientId
      }
    ]
    scopes: [
      'orders-api'
    ]
  }
}

// The Dapr component tablestate: Azure Table Storage state store.
resource daprComponent6 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'tablestate'
  properties: {
    componentType: 'state.azure.tablestorage'
    version: 'v1'
    metadata: [
      {
        name: 'accountName'
        value: 'storders'
      }
      {
        name: 'tableName'
        value: 'orders'
      }
      {
        name: 'azureClientId'
        value: identity.properties.clientId
      }
    ]
    scopes: [
      'orders-api'
    ]
  }
}

// The Dapr component queue-binding: Azure Storage Queues binding.
resource daprComponent7 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'queue-binding'
  properties: {
    componentType: 'bindings.azure.storagequeues'
    version: 'v1'
    metadata: [
      {
        name: 'accountName'
        value: 'storders'
      }
      {
        name: 'queueName'
        value: 'jobs'
      }
      {
        name: 'azureClientId'
        value: identity.properties.clientId
      }
    ]
    scopes: [
      'orders-api'
    ]
  }
}

// Your container app must carry the identity: add this block to its own template (identityId is this file's output).
// A deployment sets the whole identity: if it also has its system-assigned identity or other user-assigned ones, keep them (the type naming both kinds, spelled as the resource's identity.type shows it, and every existing userAssignedIdentities entry).
//   identity: {
//     type: 'UserAssigned'
//     userAssignedIdentities: {
//       '${identityId}': {}
//     }
//   }
// and Dapr, with the app id every component is scoped to, under properties.configuration:
//   dapr: {
//     enabled: true
//     appId: 'orders-api'
//   }

output principalId string = granteePrincipalId
output identityId string = identity.id
output clientId string = identity.properties.clientId
