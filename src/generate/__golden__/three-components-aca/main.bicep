// Dapr on Azure Container Apps, System-assigned identity: the identity, its least grants and what
// ARM can do of the setup script (setup-dapr-identity.sh), as one deployment into the resource group rg-orders.
// Dry run (shows what would change, changes nothing):
//   az deployment group what-if --resource-group rg-orders --template-file main.bicep --parameters main.parameters.json
// Deploy:
//   az deployment group create --resource-group rg-orders --template-file main.bicep --parameters main.parameters.json
// In an azd project, put main.bicep and main.parameters.json in infra/, and deploy into this group:
//   azd env set AZURE_RESOURCE_GROUP rg-orders
// A role assignment the setup script already made has another name: delete it first, or ARM reports
// RoleAssignmentExists.
// Needs: Component pubsub: Dapr creates no topic or subscription. Each topic the app publishes to must exist: az servicebus topic create --namespace-name sb-orders --name <topic> --resource-group rg-orders
targetScope = 'resourceGroup'

@description('The container app (yours: this file only reads it).')
param hostName string

@description('The Container Apps environment the Dapr components belong to.')
param environmentName string

// Your container app: referenced, never redeclared here.
resource hostResource 'Microsoft.App/containerApps@2025-07-01' existing = {
  name: hostName
}

// The principal that receives every grant: your container app's system-assigned identity, read from the deployed resource.
var granteePrincipalId = hostResource.identity.principalId

// The Key Vault kv-orders in rg-orders.
// The vault must use Azure RBAC (enableRbacAuthorization true): access-policy vaults ignore roles.
resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: 'kv-orders'
}

// The Storage account storders in rg-orders.
resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: 'storders'
}

// The Service Bus namespace sb-orders in rg-orders.
resource servicebusNamespace 'Microsoft.ServiceBus/namespaces@2021-11-01' existing = {
  name: 'sb-orders'
}

// Key Vault Secrets User (built-in role 4633458b-17de-408a-b874-0445c86b69e6) on Key Vault kv-orders only, for azurekeyvault.
resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, hostResource.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
  }
}

// Storage Blob Data Contributor (built-in role ba92f5b4-2d11-453d-a403-e96b0029c9fe) on Storage account storders only, for statestore.
resource storageAccountRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, hostResource.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
  }
}

// Azure Service Bus Data Sender (built-in role 69a216fc-b8fb-44d8-bc22-1f3c2cd27a39) on Service Bus namespace sb-orders only, for pubsub.
resource servicebusNamespaceRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(servicebusNamespace.id, hostResource.id, '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
  scope: servicebusNamespace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
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
    ]
    scopes: [
      'orders-api'
    ]
  }
}

// The Dapr component statestore: Azure Blob Storage state store.
resource daprComponent2 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
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
    ]
    scopes: [
      'orders-api'
    ]
  }
}

// The Dapr component pubsub: Azure Service Bus topics pub/sub.
resource daprComponent3 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'pubsub'
  properties: {
    componentType: 'pubsub.azure.servicebus.topics'
    version: 'v1'
    metadata: [
      {
        name: 'namespaceName'
        value: 'sb-orders.servicebus.windows.net'
      }
      {
        name: 'disableEntityManagement'
        value: 'true'
      }
    ]
    scopes: [
      'orders-api'
    ]
  }
}

// Your container app must have its system-assigned identity on before this deploys: add this block to its own template.
// A deployment sets the whole identity: if it also has user-assigned identities, keep them (the type naming both kinds, spelled as the resource's identity.type shows it, and every existing userAssignedIdentities entry).
//   identity: {
//     type: 'SystemAssigned'
//   }
// and Dapr, with the app id every component is scoped to, under properties.configuration:
//   dapr: {
//     enabled: true
//     appId: 'orders-api'
//   }

output principalId string = granteePrincipalId
