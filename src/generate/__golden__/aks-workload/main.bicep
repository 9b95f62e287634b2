// Dapr on Azure Kubernetes Service (AKS), Microsoft Entra Workload ID: the identity, its least grants and what
// ARM can do of the setup script (setup-dapr-identity.sh), as one deployment into the resource group rg-orders.
// Dry run (shows what would change, changes nothing):
//   az deployment group what-if --resource-group rg-orders --template-file main.bicep --parameters main.parameters.json
// Deploy:
//   az deployment group create --resource-group rg-orders --template-file main.bicep --parameters main.parameters.json
// In an azd project, put main.bicep and main.parameters.json in infra/, and deploy into this group:
//   azd env set AZURE_RESOURCE_GROUP rg-orders
// A role assignment the setup script already made has another name: delete it first, or ARM reports
// RoleAssignmentExists.
// Workload ID: Entra takes one federated credential per issuer and subject on an identity, and refuses another
// ("Issuer and subject combination already exists for this Managed Identity"). If one for this ServiceAccount
// exists under another name (the setup script keeps one it finds), put its name in place of dapr-orders-orders-api
// in the federatedCredential resource below. Its name:
//   az identity federated-credential list --identity-name id-orders --resource-group rg-orders --query "[?issuer=='<issuer>' && subject=='system:serviceaccount:orders:orders-api'].name" -o tsv
//   with <issuer> from: az aks show --resource-group rg-orders --name aks-prod --query oidcIssuerProfile.issuerUrl -o tsv
// A credential of the name dapr-orders-orders-api for another issuer or subject is re-pointed by this deployment (a PUT), and what signs in
// through it fails (AADSTS70021); the setup script stops there instead. Check it first:
//   az identity federated-credential show --name dapr-orders-orders-api --identity-name id-orders --resource-group rg-orders --query '{issuer:issuer,subject:subject}'
// If it names another issuer or subject, do not deploy: use another name in place of dapr-orders-orders-api.
// Needs: Workload ID on the cluster (securityProfile.workloadIdentity.enabled), not only its OIDC issuer: the webhook puts the token in the pods. Both are on when this prints true:
//   az aks show --name aks-prod --resource-group rg-orders --query 'oidcIssuerProfile.enabled && securityProfile.workloadIdentity.enabled' -o tsv
// Otherwise turn both on as the setup script does (Azure CLI 2.47 or later; on a running cluster the issuer changes the ServiceAccount token issuer and restarts the API server, possible downtime, pods that fail afterwards need a restart, and it cannot be turned off again):
//   az aks update --name aks-prod --resource-group rg-orders --enable-oidc-issuer --enable-workload-identity -o none
targetScope = 'resourceGroup'

@description('The user-assigned identity the app signs in with.')
param identityName string

@description('Region of the identity; by default, that of the resource group.')
param location string = resourceGroup().location

@description('The AKS cluster (yours: this file only reads it).')
param hostName string

// The user-assigned identity the app signs in with. One of this name that exists (the setup script made it) is
// written with these values: in another region the deployment fails (InvalidResourceLocation), and its tags are
// replaced by none (the setup's createdBy tag goes, so the teardown keeps the identity).
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: identityName
  location: location
}

// Your AKS cluster: referenced, never redeclared here.
resource hostResource 'Microsoft.ContainerService/managedClusters@2025-10-01' existing = {
  name: hostName
}

// Let exactly the ServiceAccount orders-api in namespace orders sign in as the identity (the cluster's OIDC issuer must be on).
resource federatedCredential 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2024-11-30' = {
  parent: identity
  name: 'dapr-orders-orders-api'
  properties: {
    issuer: hostResource.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:orders:orders-api'
    audiences: [
      'api://AzureADTokenExchange'
    ]
  }
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

// Not here: Kubernetes objects are not ARM resources: apply the component files and the ServiceAccount, and patch the Deployment, in the cluster.
// The setup script (setup-dapr-identity.sh) does it in these steps:
//   - Write the component file, the ServiceAccount and the Deployment patch into ./components.
//   - Create the namespace if it does not exist yet.
//   - Apply the ServiceAccount and the component in the namespace.
//   - Patch the app's Deployment orders-api with the pod template fields (its other fields and containers stay); its pods restart when a field or a file changed.
//   - Wait (at most 10m) until the Deployment's new pods run.

output principalId string = granteePrincipalId
output identityId string = identity.id
output clientId string = identity.properties.clientId
