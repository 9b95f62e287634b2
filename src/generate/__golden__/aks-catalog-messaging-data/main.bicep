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
// A Cosmos DB data-plane role assignment the setup script made has another name too (a random GUID); whether
// Cosmos DB then refuses this file's or makes a second is not confirmed: delete the script's before this file's
// first deployment (after it, the list holds this file's own, named by its guid(), too), <name> from the first
// command's output, then the second:
//   az cosmosdb sql role assignment list --account-name cosmos-orders --resource-group rg-orders --query '[?principalId=='\''<principal id>'\'' && ends_with(roleDefinitionId, '\''/00000000-0000-0000-0000-000000000002'\'') && !contains(scope, '\''/dbs/'\'')].name' -o tsv
//   az cosmosdb sql role assignment delete --account-name cosmos-orders --resource-group rg-orders --role-assignment-id '<name>' --yes
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
// Needs: Component servicebus-binding: the Service Bus queue invoices in sb-orders; with entity management off Dapr does not create it: az servicebus queue create --namespace-name sb-orders --name invoices --resource-group rg-orders
// Needs: Component cosmos-state: the container state of the database orders in the Cosmos DB account cosmos-orders, with the one partition key path /partitionKey (the Dapr state store writes the partition key in the partitionKey property); Dapr reads it, and its data-plane role creates neither: az cosmosdb sql container create --account-name cosmos-orders --database-name orders --name state --partition-key-path /partitionKey --resource-group rg-orders (the database first, if missing: az cosmosdb sql database create --account-name cosmos-orders --name orders --resource-group rg-orders).
// Needs: Component cosmosdb-binding: the container events of the database orders in the Cosmos DB account cosmos-orders, with the one partition key path /orderId (the binding sends each item's orderId value as its partition key); Dapr reads it, and its data-plane role creates neither: az cosmosdb sql container create --account-name cosmos-orders --database-name orders --name events --partition-key-path /orderId --resource-group rg-orders (the database first, if missing: az cosmosdb sql database create --account-name cosmos-orders --name orders --resource-group rg-orders).
// Needs: Component queue-pubsub: Dapr creates no queue, and each topic is a queue of that name, which must exist before the app publishes to or subscribes to it. For each topic: az servicebus queue create --namespace-name sb-orders --name <topic> --resource-group rg-orders
// Needs: Component eh-pubsub: each topic is an event hub of that name, which Dapr does not create: az eventhubs eventhub create --namespace-name eh-orders --name <topic> --resource-group rg-orders
// Needs: Each event hub it subscribes to needs the consumer group orders-api, which Dapr does not create; where it is missing: az eventhubs eventhub consumer-group create --namespace-name eh-orders --eventhub-name <topic> --name orders-api --resource-group rg-orders
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

// The Service Bus namespace sb-orders in rg-orders.
resource servicebusNamespace 'Microsoft.ServiceBus/namespaces@2021-11-01' existing = {
  name: 'sb-orders'
}

// The Event Hubs namespace eh-orders in rg-orders.
resource eventhubsNamespace 'Microsoft.EventHub/namespaces@2024-01-01' existing = {
  name: 'eh-orders'
}

// The Checkpoint storage account stcheckpoints in rg-orders.
resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: 'stcheckpoints'
}

// The Event hub telemetry in rg-orders.
resource eventhub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' existing = {
  parent: eventhubsNamespace
  name: 'telemetry'
}

// The Cosmos DB account cosmos-orders in rg-orders.
resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2025-10-15' existing = {
  name: 'cosmos-orders'
}

// The App Configuration store appcs-orders in rg-orders.
resource appconfigStore 'Microsoft.AppConfiguration/configurationStores@2023-03-01' existing = {
  name: 'appcs-orders'
}

// The Azure OpenAI account oai-orders in rg-orders.
resource openaiAccount 'Microsoft.CognitiveServices/accounts@2025-09-01' existing = {
  name: 'oai-orders'
}

// The SignalR service signalr-orders in rg-orders.
resource signalr 'Microsoft.SignalRService/signalR@2023-02-01' existing = {
  name: 'signalr-orders'
}

// Azure Service Bus Data Owner (built-in role 090c5cfd-751d-490a-894a-3ce6f1109419) on Service Bus namespace sb-orders only, for pubsub, queue-pubsub, servicebus-binding.
resource servicebusNamespaceRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(servicebusNamespace.id, identity.id, '090c5cfd-751d-490a-894a-3ce6f1109419')
  scope: servicebusNamespace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '090c5cfd-751d-490a-894a-3ce6f1109419')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
  }
}

// Azure Event Hubs Data Receiver (built-in role a638d3c7-ab3a-418d-83e6-5f17a39d4fde) on Event Hubs namespace eh-orders only, for eh-pubsub.
resource eventhubsNamespaceRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(eventhubsNamespace.id, identity.id, 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde')
  scope: eventhubsNamespace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
  }
}

// Storage Blob Data Contributor (built-in role ba92f5b4-2d11-453d-a403-e96b0029c9fe) on Checkpoint storage account stcheckpoints only, for eh-pubsub, eventhubs-binding.
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

// Azure Event Hubs Data Sender (built-in role 2b629674-e913-4c01-ae53-ef4638d8f975) on Event hub telemetry only, for eventhubs-binding.
resource eventhubRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(eventhub.id, identity.id, '2b629674-e913-4c01-ae53-ef4638d8f975')
  scope: eventhub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2b629674-e913-4c01-ae53-ef4638d8f975')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
  }
}

// Azure Event Hubs Data Receiver (built-in role a638d3c7-ab3a-418d-83e6-5f17a39d4fde) on Event hub telemetry only, for eventhubs-binding.
resource eventhubRole2 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(eventhub.id, identity.id, 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde')
  scope: eventhub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
  }
}

// Cosmos DB data-plane role Cosmos DB Built-in Data Contributor (00000000-0000-0000-0000-000000000002) on the account cosmos-orders, for cosmos-state, cosmosdb-binding.
resource cosmosAccountDataRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-10-15' = {
  parent: cosmosAccount
  name: guid(cosmosAccount.id, identity.id, '00000000-0000-0000-0000-000000000002')
  properties: {
    roleDefinitionId: '${cosmosAccount.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: granteePrincipalId
    scope: cosmosAccount.id
  }
}

// App Configuration Data Reader (built-in role 516239f1-63e1-4d78-a4de-a74fb236a071) on App Configuration store appcs-orders only, for configstore.
resource appconfigStoreRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appconfigStore.id, identity.id, '516239f1-63e1-4d78-a4de-a74fb236a071')
  scope: appconfigStore
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '516239f1-63e1-4d78-a4de-a74fb236a071')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
  }
}

// Cognitive Services OpenAI User (built-in role 5e0bd9bd-7b93-4f28-af87-19fc36ad61bd) on Azure OpenAI account oai-orders only, for openai-binding.
resource openaiAccountRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(openaiAccount.id, identity.id, '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')
  scope: openaiAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
  }
}

// SignalR REST API Owner (built-in role fd53cd77-2268-407a-8f46-7e7863d0f521) on SignalR service signalr-orders only, for signalr-binding.
resource signalrRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(signalr.id, identity.id, 'fd53cd77-2268-407a-8f46-7e7863d0f521')
  scope: signalr
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'fd53cd77-2268-407a-8f46-7e7863d0f521')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
  }
}

// Not here: Kubernetes objects are not ARM resources: apply the component files and the ServiceAccount, and patch the Deployment, in the cluster.
// The setup script (setup-dapr-identity.sh) does it in these steps:
//   - Write the component files, the ServiceAccount and the Deployment patch into ./components.
//   - Create the namespace if it does not exist yet.
//   - Apply the ServiceAccount and the components in the namespace.
//   - Patch the app's Deployment orders-api with the pod template fields (its other fields and containers stay); its pods restart when a field or a file changed.
//   - Wait (at most 10m) until the Deployment's new pods run.

output principalId string = granteePrincipalId
output identityId string = identity.id
output clientId string = identity.properties.clientId
