// Dapr on Virtual Machine, User-assigned identity: the identity, its least grants and what
// ARM can do of the setup script (setup-dapr-identity.sh), as one deployment into the resource group rg-orders.
// Dry run (shows what would change, changes nothing):
//   az deployment group what-if --resource-group rg-orders --template-file main.bicep --parameters main.parameters.json
// Deploy:
//   az deployment group create --resource-group rg-orders --template-file main.bicep --parameters main.parameters.json
// In an azd project, put main.bicep and main.parameters.json in infra/, and deploy into this group:
//   azd env set AZURE_RESOURCE_GROUP rg-orders
// A role assignment the setup script already made has another name: delete it first, or ARM reports
// RoleAssignmentExists.
// Needs: Turn on Microsoft Entra authentication on the server first: az postgres flexible-server update --name pg-orders --resource-group rg-orders --microsoft-entra-auth Enabled (--active-directory-auth before Azure CLI 2.73).
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

// Not here: Dapr on the VM reads its components from files, which ARM cannot write.
// The setup script (setup-dapr-identity.sh) does it in these steps:
//   - Write the component files into ./components.
//   - Yours to do (the script only prints how): Put the component files where Dapr on the VM reads them.

// Not here (a grant inside the database, which ARM cannot make): the setup script's step "Map the identity to the PostgreSQL role id-orders on pg-orders and grant it what pg-state needs."
// Not here (a grant inside the database, which ARM cannot make): the setup script's step "Grant the PostgreSQL role id-orders on pg-orders what pg-config needs."
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
