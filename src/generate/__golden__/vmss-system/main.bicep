// Dapr on Virtual Machine Scale Set, System-assigned identity: the identity, its least grants and what
// ARM can do of the setup script (setup-dapr-identity.sh), as one deployment into the resource group rg-orders.
// Dry run (shows what would change, changes nothing):
//   az deployment group what-if --subscription '00000000-1111-2222-3333-444444444444' --resource-group rg-orders --template-file main.bicep --parameters main.parameters.json
// Deploy:
//   az deployment group create --subscription '00000000-1111-2222-3333-444444444444' --resource-group rg-orders --template-file main.bicep --parameters main.parameters.json
// In an azd project, put main.bicep and main.parameters.json in infra/, and deploy into this group:
//   azd env set AZURE_RESOURCE_GROUP rg-orders
//   azd env set AZURE_SUBSCRIPTION_ID 00000000-1111-2222-3333-444444444444
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

// The Key Vault kv-orders in rg-orders.
// The vault must use access policies (enableRbacAuthorization false): a vault using Azure RBAC ignores access policies.
resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: 'kv-orders'
}

// An access policy on the vault kv-orders with secrets get, list, nothing more, for azurekeyvault.
resource vaultAccessPolicies 'Microsoft.KeyVault/vaults/accessPolicies@2025-05-01' = {
  parent: vault
  name: 'add'
  properties: {
    accessPolicies: [
      {
        tenantId: subscription().tenantId
        objectId: granteePrincipalId
        permissions: {
          secrets: [
            'get'
            'list'
          ]
        }
      }
    ]
  }
}

// Not here: Dapr on the scale set reads its components from files, which ARM cannot write.
// The setup script (setup-dapr-identity.sh) does it in these steps:
//   - Write the component file into ./components.
//   - Yours to do (the script only prints how): Put the component file where Dapr on the scale set reads it.
//   - Give the instances that already run the identity, if this run changed it. Automatic and Rolling policies apply it themselves (Automatic may update every instance at once, Rolling in batches); with Manual only new instances get it until each instance is updated:
//       az vmss update-instances --subscription 00000000-1111-2222-3333-444444444444 --name vmss-orders --resource-group rg-orders --instance-ids '*' -o none
//       It brings every instance to the scale set's latest model, with any other change waiting in it (an OS image or
//       VM size change restarts or reimages the instance); whether the identity alone restarts one is not documented:
//       plan for a restart. On Flexible orchestration the instances are named: if "*" misses some, give their names.

// Your scale set must have its system-assigned identity on before this deploys: add this block to its own template.
// A deployment sets the whole identity: if it also has user-assigned identities, keep them (the type naming both kinds, spelled as the resource's identity.type shows it, and every existing userAssignedIdentities entry).
//   identity: {
//     type: 'SystemAssigned'
//   }

output principalId string = granteePrincipalId
