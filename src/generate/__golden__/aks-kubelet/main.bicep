// Dapr on Azure Kubernetes Service (AKS), Node pool's kubelet identity: the identity, its least grants and what
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

@description('The AKS cluster (yours: this file only reads it).')
param hostName string

// Your AKS cluster: referenced, never redeclared here.
resource hostResource 'Microsoft.ContainerService/managedClusters@2025-10-01' existing = {
  name: hostName
}

// The principal that receives every grant: your AKS cluster's node pool's kubelet identity, read from the deployed resource.
var granteePrincipalId = hostResource.properties.identityProfile.kubeletidentity.objectId

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

// Not here: Kubernetes objects are not ARM resources: apply the component files and the ServiceAccount, and patch the Deployment, in the cluster.
// The setup script (setup-dapr-identity.sh) does it in these steps:
//   - Write the component file and the Deployment patch into ./components.
//   - Create the namespace if it does not exist yet.
//   - Apply the component in the namespace.
//   - Patch the app's Deployment orders-api with the pod template fields (its other fields and containers stay); its pods restart when a field or a file changed.
//   - Wait (at most 10m) until the Deployment's new pods run.

output principalId string = granteePrincipalId
// The kubelet identity's client id: each component's azureClientId (the setup script writes it into the files).
output clientId string = hostResource.properties.identityProfile.kubeletidentity.clientId
