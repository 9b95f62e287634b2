// Dapr on Azure Container Instances, System-assigned identity: the identity, its least grants and what
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

@description('The container group (yours: this file only reads it).')
param hostName string

// Your container group: referenced, never redeclared here.
resource hostResource 'Microsoft.ContainerInstance/containerGroups@2023-05-01' existing = {
  name: hostName
}

// The principal that receives every grant: your container group's system-assigned identity, read from the deployed resource.
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

// Not here: this file does not declare the container group; the setup script (re)creates it with the component files as a secret volume.
// The setup script (setup-dapr-identity.sh) does it in these steps:
//   - Write the component file into ./components.
//   - Encode them for the group's secret volume, which daprd reads as its folder of component files.
//   - Write the container group: the app, the daprd sidecar, the component volume and the identity; no public IP, so the app is reached only from inside the group.
//   - Create the group with its identity. An existing group of this name is replaced by this file as a whole: containers, ports and environment variables it does not list are removed, and all its containers restart.
//   - Read the group's system-assigned principal id, which gets the grants.

// Your container group must have its system-assigned identity on before this deploys: add this block to its own template.
// A deployment sets the whole identity: if it also has user-assigned identities, keep them (the type naming both kinds, spelled as the resource's identity.type shows it, and every existing userAssignedIdentities entry).
// Container Instances gets its identity when the container group is created: the script (re)creates the group.
//   identity: {
//     type: 'SystemAssigned'
//   }

output principalId string = granteePrincipalId
