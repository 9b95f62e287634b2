// Dapr on Azure Functions on Container Apps, System-assigned identity: the identity, its least grants and what
// ARM can do of the setup script (setup-dapr-identity.sh), as one deployment into the resource group rg-orders.
// Dry run (shows what would change, changes nothing):
//   az deployment group what-if --resource-group rg-orders --template-file main.bicep --parameters main.parameters.json
// Deploy:
//   az deployment group create --resource-group rg-orders --template-file main.bicep --parameters main.parameters.json
// In an azd project, put main.bicep and main.parameters.json in infra/, and deploy into this group:
//   azd env set AZURE_RESOURCE_GROUP rg-orders
// A role assignment the setup script already made has another name: delete it first, or ARM reports
// RoleAssignmentExists.
targetScope = 'resourceGroup'

@description('The function app (yours: this file only reads it).')
param hostName string

@description('The Container Apps environment the Dapr components belong to.')
param environmentName string

// Your function app: referenced, never redeclared here.
resource hostResource 'Microsoft.Web/sites@2025-03-01' existing = {
  name: hostName
}

// The principal that receives every grant: your function app's system-assigned identity, read from the deployed resource.
var granteePrincipalId = hostResource.identity.principalId

// The Key Vault kv-orders in rg-orders.
// The vault must use Azure RBAC (enableRbacAuthorization true): access-policy vaults ignore roles.
resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: 'kv-orders'
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
      'orders-func'
    ]
  }
}

// Your function app must have its system-assigned identity on before this deploys: add this block to its own template.
// A deployment sets the whole identity: if it also has user-assigned identities, keep them (the type naming both kinds, spelled as the resource's identity.type shows it, and every existing userAssignedIdentities entry).
//   identity: {
//     type: 'SystemAssigned'
//   }
// and Dapr, with the app id every component is scoped to, under properties:
//   daprConfig: {
//     enabled: true
//     appId: 'orders-func'
//   }

output principalId string = granteePrincipalId
