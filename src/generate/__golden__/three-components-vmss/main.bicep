// Dapr on Virtual Machine Scale Set, System-assigned identity: the identity, its least grants and what
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

@description('The scale set (yours: this file only reads it).')
param hostName string

// Your scale set: referenced, never redeclared here.
resource hostResource 'Microsoft.Compute/virtualMachineScaleSets@2025-04-01' existing = {
  name: hostName
}

// The principal that receives every grant: your scale set's system-assigned identity, read from the deployed resource.
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

// Not here: Dapr on the scale set reads its components from files, which ARM cannot write.
// The setup script (setup-dapr-identity.sh) does it in these steps:
//   - Write the component files into ./components.
//   - Yours to do (the script only prints how): Put the component files where Dapr on the scale set reads them.
//   - Give the instances that already run the identity, if this run changed it. Automatic and Rolling policies apply it themselves (Automatic may update every instance at once, Rolling in batches); with Manual only new instances get it until each instance is updated:
//       az vmss update-instances --name vmss-orders --resource-group rg-orders --instance-ids '*' -o none
//       It brings every instance to the scale set's latest model, with any other change waiting in it (an OS image or
//       VM size change restarts or reimages the instance); whether the identity alone restarts one is not documented:
//       plan for a restart. On Flexible orchestration the instances are named: if "*" misses some, give their names.

// Your scale set must have its system-assigned identity on before this deploys: add this block to its own template.
// A deployment sets the whole identity: if it also has user-assigned identities, keep them (the type naming both kinds, spelled as the resource's identity.type shows it, and every existing userAssignedIdentities entry).
//   identity: {
//     type: 'SystemAssigned'
//   }

output principalId string = granteePrincipalId
