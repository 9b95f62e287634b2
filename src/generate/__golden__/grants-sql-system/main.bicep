// Dapr on Virtual Machine, System-assigned identity: the identity, its least grants and what
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

@description('The VM (yours: this file only reads it).')
param hostName string

// Your VM: referenced, never redeclared here.
resource hostResource 'Microsoft.Compute/virtualMachines@2025-04-01' existing = {
  name: hostName
}

// The principal that receives every grant: your VM's system-assigned identity, read from the deployed resource.
var granteePrincipalId = hostResource.identity.principalId

// Not here: Dapr on the VM reads its components from files, which ARM cannot write.
// The setup script (setup-dapr-identity.sh) does it in these steps:
//   - Write the component file into ./components.
//   - Yours to do (the script only prints how): Put the component file where Dapr on the VM reads it.

// Not here (a grant inside the database, which ARM cannot make): the setup script's step "Add the identity to the database orders on sql-orders as vm-orders (db_ddladmin, db_datareader, db_datawriter, EXECUTE ON SCHEMA::dbo, REFERENCES ON SCHEMA::dbo)."
// Your VM must have its system-assigned identity on before this deploys: add this block to its own template.
// A deployment sets the whole identity: if it also has user-assigned identities, keep them (the type naming both kinds, spelled as the resource's identity.type shows it, and every existing userAssignedIdentities entry).
//   identity: {
//     type: 'SystemAssigned'
//   }

output principalId string = granteePrincipalId
