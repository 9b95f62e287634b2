// Dapr on App Service Web App (Linux), User-assigned identity: the identity, its least grants and what
// ARM can do of the setup script (setup-dapr-identity.sh), as one deployment into the resource group rg-orders.
// Dry run (shows what would change, changes nothing):
//   az deployment group what-if --resource-group rg-orders --template-file main.bicep --parameters main.parameters.json
// Deploy:
//   az deployment group create --resource-group rg-orders --template-file main.bicep --parameters main.parameters.json
// In an azd project, put main.bicep and main.parameters.json in infra/, and deploy into this group:
//   azd env set AZURE_RESOURCE_GROUP rg-orders
// A role assignment the setup script already made has another name: delete it first, or ARM reports
// RoleAssignmentExists.
// Needs: Component pubsub: Dapr creates no topic or subscription. Each topic the app publishes to must exist: az servicebus topic create --namespace-name sb-orders --name <topic> --resource-group rg-orders
targetScope = 'resourceGroup'

@description('The user-assigned identity the app signs in with.')
param identityName string

@description('Region of the identity; by default, that of the resource group.')
param location string = resourceGroup().location

@description('The web app (yours: this file only reads it, and adds the daprd sidecar container to it).')
param hostName string

// The user-assigned identity the app signs in with. One of this name that exists (the setup script made it) is
// written with these values: in another region the deployment fails (InvalidResourceLocation), and its tags are
// replaced by none (the setup's createdBy tag goes, so the teardown keeps the identity).
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: identityName
  location: location
}

// Your web app: referenced, never redeclared here (daprSidecar below is a container of it).
resource hostResource 'Microsoft.Web/sites@2025-03-01' existing = {
  name: hostName
}

// The principal that receives every grant: the identity's.
var granteePrincipalId = identity.properties.principalId

// The Key Vault kv-orders in rg-orders.
// The vault must use Azure RBAC (enableRbacAuthorization true): access-policy vaults ignore roles.
resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: 'kv-orders'
}

// The Storage account storders in rg-orders.
resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: 'storders'
}

// The Service Bus namespace sb-orders in rg-orders.
resource servicebusNamespace 'Microsoft.ServiceBus/namespaces@2021-11-01' existing = {
  name: 'sb-orders'
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

// Storage Blob Data Contributor (built-in role ba92f5b4-2d11-453d-a403-e96b0029c9fe) on Storage account storders only, for statestore.
resource storageAccountRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, identity.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
  }
}

// Azure Service Bus Data Sender (built-in role 69a216fc-b8fb-44d8-bc22-1f3c2cd27a39) on Service Bus namespace sb-orders only, for pubsub.
resource servicebusNamespaceRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(servicebusNamespace.id, identity.id, '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
  scope: servicebusNamespace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
  }
}

// daprd as a sidecar container of your web app: what the setup script's step "Add daprd as a sidecar container of the web app (a container of this name is updated), reading that folder" makes.
// Needs: a Linux web app on the sidecar model: App Service adds sidecar containers only to Linux apps, and not
// beside a single custom container. This file does not check it (the setup script does, before any change):
//   az webapp show --name orders-web --resource-group rg-orders --query '{linux: reserved, fx: siteConfig.linuxFxVersion}'
// must show linux true and no DOCKER| image.
// Until the setup script has copied the component files under /home (and restarted the app), daprd exits
// at start with "failed to load components: ... no such file or directory": run the script right
// after this deployment.
// Your app calls Dapr at http://localhost:3500: the containers of an app share its network.
// Not confirmed: that App Service starts the command as /daprd with these arguments (the image has no
// shell); if the sidecar does not start, its log (below) says why.
// No app port: Dapr delivers no subscribed messages or input-binding events to the app. If it takes them, enter its port in the wizard.
// Not confirmed: that the sidecar sees /home when WEBSITES_ENABLE_APP_SERVICE_STORAGE is false (the default for
// apps that started as one custom container); if daprd loads no component, set it to true.
// The sidecar's log (daprd's "Component loaded" or "Failed to init component" lines; needs Azure CLI
// 2.70 or later, the first with the web app sitecontainers commands: az upgrade):
//   az webapp sitecontainers log --name orders-web --resource-group rg-orders --container-name daprd
resource daprSidecar 'Microsoft.Web/sites/sitecontainers@2025-03-01' = {
  parent: hostResource
  name: 'daprd'
  properties: {
    image: 'ghcr.io/dapr/daprd:1.18.3'
    isMain: false
    targetPort: '3500'
    startUpCommand: '/daprd --app-id orders-web --resources-path /home/site/libs/dapr/components --dapr-http-port 3500'
    authType: 'Anonymous'
  }
}

// Not here: the component files: Dapr on the web app reads them from files under /home, which no ARM resource writes, and only when daprd starts.
// The setup script (setup-dapr-identity.sh) does it in these steps, after this deployment:
//   - Write the component files into ./components.
//   - Copy the component files to /home/site/libs/dapr/components on the web app's /home share, which every container of the app sees.
//   - Restart the web app, so the sidecar starts with the component files in place.

// Your web app must carry the identity: add this block to its own template (identityId is this file's output).
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
