// Dapr on Virtual Machine Scale Set, User-assigned identity: the identity, its least grants and what
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

@description('The user-assigned identity the app signs in with.')
param identityName string

@description('Region of the identity; by default, that of the resource group.')
param location string = resourceGroup().location

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

// Not here: Dapr on the scale set reads its components from files, which ARM cannot write.
// The setup script (setup-dapr-identity.sh) does it in these steps:
//   - Write the component file into ./components.
//   - Yours to do (the script only prints how): Put the component file where Dapr on the scale set reads it.
//   - Give the instances that already run the identity, if this run changed it. Automatic and Rolling policies apply it themselves (Automatic may update every instance at once, Rolling in batches); with Manual only new instances get it until each instance is updated:
//       az vmss update-instances --name vmss-orders --resource-group rg-orders --instance-ids '*' -o none
//       It brings every instance to the scale set's latest model, with any other change waiting in it (an OS image or
//       VM size change restarts or reimages the instance); whether the identity alone restarts one is not documented:
//       plan for a restart. On Flexible orchestration the instances are named: if "*" misses some, give their names.

// Your scale set must carry the identity: add this block to its own template (identityId is this file's output).
// A deployment sets the whole identity: if it also has its system-assigned identity or other user-assigned ones, keep them (the type naming both kinds, spelled as the resource's identity.type shows it, and every existing userAssignedIdentities entry).
//   identity: {
//     type: 'UserAssigned'
//     userAssignedIdentities: {
//       '${identityId}': {}
//     }
//   }

output principalId string = granteePrincipalId
output identityId string = identity.id
output clientId string = identity.properties.clientId
