// Dapr on Azure Container Instances, User-assigned identity: the identity, its least grants and what
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

@description('Region of the identity (main.parameters.json gives the one chosen in the wizard).')
param location string

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

// Not here: this file does not declare the container group; the setup script (re)creates it with the component files as a secret volume.
// The setup script (setup-dapr-identity.sh) does it in these steps:
//   - Write the component file into ./components.
//   - Encode them for the group's secret volume, which daprd reads as its folder of component files.
//   - Write the container group: the app, the daprd sidecar, the component volume and the identity; no public IP, so the app is reached only from inside the group.
//   - Create the group with its identity. An existing group of this name is replaced by this file as a whole: containers, ports and environment variables it does not list are removed, and all its containers restart.

// Your container group must carry the identity: add this block to its own template (identityId is this file's output).
// A deployment sets the whole identity: if it also has its system-assigned identity or other user-assigned ones, keep them (the type naming both kinds, spelled as the resource's identity.type shows it, and every existing userAssignedIdentities entry).
// Container Instances gets its identity when the container group is created: the script (re)creates the group.
//   identity: {
//     type: 'UserAssigned'
//     userAssignedIdentities: {
//       '${identityId}': {}
//     }
//   }

output principalId string = granteePrincipalId
output identityId string = identity.id
output clientId string = identity.properties.clientId
