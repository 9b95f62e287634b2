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
targetScope = 'resourceGroup'

@description('The scale set (yours: this file only reads it).')
param hostName string

// Your scale set: referenced, never redeclared here.
resource hostResource 'Microsoft.Compute/virtualMachineScaleSets@2025-04-01' existing = {
  name: hostName
}

// The principal that receives every grant: your scale set's system-assigned identity, read from the deployed resource.
var granteePrincipalId = hostResource.identity.principalId

// The Service Bus namespace sb-orders in rg-orders.
resource servicebusNamespace 'Microsoft.ServiceBus/namespaces@2021-11-01' existing = {
  name: 'sb-orders'
}

// The Service Bus queue invoices in rg-orders.
resource servicebusQueue 'Microsoft.ServiceBus/namespaces/queues@2021-11-01' existing = {
  parent: servicebusNamespace
  name: 'invoices'
}

// The Event Hubs namespace eh-orders in rg-orders.
resource eventhubsNamespace 'Microsoft.EventHub/namespaces@2024-01-01' existing = {
  name: 'eh-orders'
}

// The Event hub telemetry in rg-orders.
resource eventhub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' existing = {
  parent: eventhubsNamespace
  name: 'telemetry'
}

// The Checkpoint storage account stcheckpoints in rg-orders.
resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: 'stcheckpoints'
}

// Azure Service Bus Data Sender (built-in role 69a216fc-b8fb-44d8-bc22-1f3c2cd27a39) on Service Bus queue invoices only, for servicebus-binding.
resource servicebusQueueRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(servicebusQueue.id, hostResource.id, '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
  scope: servicebusQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
  }
}

// Azure Service Bus Data Receiver (built-in role 4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0) on Service Bus queue invoices only, for servicebus-binding.
resource servicebusQueueRole2 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(servicebusQueue.id, hostResource.id, '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')
  scope: servicebusQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
  }
}

// Azure Event Hubs Data Receiver (built-in role a638d3c7-ab3a-418d-83e6-5f17a39d4fde) on Event hub telemetry only, for eventhubs-binding.
resource eventhubRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(eventhub.id, hostResource.id, 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde')
  scope: eventhub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
  }
}

// Storage Blob Data Contributor (built-in role ba92f5b4-2d11-453d-a403-e96b0029c9fe) on Checkpoint storage account stcheckpoints only, for eventhubs-binding.
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
