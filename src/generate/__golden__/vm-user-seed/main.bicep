// Dapr on Virtual Machine, User-assigned identity: the identity, its least grants and what
// ARM can do of the setup script (setup-dapr-identity.sh), as one deployment into the resource group example-rg.
// Dry run (shows what would change, changes nothing):
//   az deployment group what-if --resource-group example-rg --template-file main.bicep --parameters main.parameters.json
// Deploy:
//   az deployment group create --resource-group example-rg --template-file main.bicep --parameters main.parameters.json
// In an azd project, put main.bicep and main.parameters.json in infra/, and deploy into this group:
//   azd env set AZURE_RESOURCE_GROUP example-rg
// A role assignment the setup script already made has another name: delete it first, or ARM reports
// RoleAssignmentExists.
targetScope = 'resourceGroup'

@description('The user-assigned identity the app signs in with.')
param identityName string

// The user-assigned identity the app signs in with: yours, referenced, never created or changed here.
// Its client id must be 6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b, the one entered in the wizard, which the component files carry.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

// The principal that receives every grant: the identity's.
var granteePrincipalId = identity.properties.principalId

// The Key Vault mykeyvault in example-rg.
// The vault must use Azure RBAC (enableRbacAuthorization true): access-policy vaults ignore roles.
resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: 'mykeyvault'
}

// Key Vault Secrets User (built-in role 4633458b-17de-408a-b874-0445c86b69e6) on Key Vault mykeyvault only, for azurekeyvault.
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

// Not here: Dapr on the VM reads its components from files, which ARM cannot write.
// The setup script (setup-dapr-identity.sh) does it in these steps:
//   - Write the component file into ./components.
//   - Yours to do (the script only prints how): Put the component file where Dapr on the VM reads it.

// Your VM must carry the identity: add this block to its own template (identityId is this file's output).
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
