// Dapr on Azure Container Apps, User-assigned identity: the identity, its least grants and what
// ARM can do of the setup script (setup-dapr-identity.sh), as one deployment into the resource group rg-orders.
// First: az cloud set --name AzureUSGovernment && az login
// Dry run (shows what would change, changes nothing):
//   az deployment group what-if --resource-group rg-orders --template-file main.bicep --parameters main.parameters.json
// Deploy:
//   az deployment group create --resource-group rg-orders --template-file main.bicep --parameters main.parameters.json
// In an azd project, put main.bicep and main.parameters.json in infra/, and deploy into this group:
//   azd env set AZURE_RESOURCE_GROUP rg-orders
//   azd config set cloud.name AzureUSGovernment (then azd auth login)
// A role assignment the setup script already made has another name: delete it first, or ARM reports
// RoleAssignmentExists.
// A Cosmos DB data-plane role assignment the setup script made has another name too (a random GUID); whether
// Cosmos DB then refuses this file's or makes a second is not confirmed: delete the script's before this file's
// first deployment (after it, the list holds this file's own, named by its guid(), too), <name> from the first
// command's output, then the second:
//   az cosmosdb sql role assignment list --account-name cosmos-orders --resource-group rg-orders --query '[?principalId=='\''<principal id>'\'' && ends_with(roleDefinitionId, '\''/00000000-0000-0000-0000-000000000002'\'') && !contains(scope, '\''/dbs/'\'')].name' -o tsv
//   az cosmosdb sql role assignment delete --account-name cosmos-orders --resource-group rg-orders --role-assignment-id '<name>' --yes
// Needs: Component cosmos-state: the container state of the database orders in the Cosmos DB account cosmos-orders, with the one partition key path /partitionKey (the Dapr state store writes the partition key in the partitionKey property); Dapr reads it, and its data-plane role creates neither: az cosmosdb sql container create --account-name cosmos-orders --database-name orders --name state --partition-key-path /partitionKey --resource-group rg-orders (the database first, if missing: az cosmosdb sql database create --account-name cosmos-orders --name orders --resource-group rg-orders).
// Needs: Component eh-pubsub: each topic is an event hub of that name, which Dapr does not create: az eventhubs eventhub create --namespace-name eh-orders --name <topic> --resource-group rg-orders
// Needs: Each event hub it subscribes to needs the consumer group orders-api, which Dapr does not create; where it is missing: az eventhubs eventhub consumer-group create --namespace-name eh-orders --eventhub-name <topic> --name orders-api --resource-group rg-orders
// Read first: component redis-state: Dapr asks Entra ID for a token for the public-cloud Redis audience https://redis.azure.com/.default in every cloud; whether Azure Cache for Redis in Azure Government accepts it is not confirmed. If the component fails to load with an authentication error, that audience is the likely cause.
// Read first: component configstore: Container Apps supports only stable Dapr components (container-apps/dapr-overview.md); configuration.azure.appconfig is alpha in Dapr (its metadata.yaml): it may load, but without platform support.
targetScope = 'resourceGroup'

@description('The user-assigned identity the app signs in with.')
param identityName string

@description('Region of the identity; by default, that of the resource group.')
param location string = resourceGroup().location

@description('The Container Apps environment the Dapr components belong to.')
param environmentName string

// The user-assigned identity the app signs in with. One of this name that exists (the setup script made it) is
// written with these values: in another region the deployment fails (InvalidResourceLocation), and its tags are
// replaced by none (the setup's createdBy tag goes, so the teardown keeps the identity).
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: identityName
  location: location
}

// The principal that receives every grant: the identity's.
var granteePrincipalId = identity.properties.principalId

// The Cosmos DB account cosmos-orders in rg-orders.
resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2025-10-15' existing = {
  name: 'cosmos-orders'
}

// The Azure Cache for Redis redis-orders in rg-orders.
// Needs: Turn on Microsoft Entra authentication on the cache first (the cache restarts): az redis update --name redis-orders --resource-group rg-orders --set redisConfiguration.aadEnabled=true.
resource redisCache 'Microsoft.Cache/redis@2024-11-01' existing = {
  name: 'redis-orders'
}

// The App Configuration store appcs-orders in rg-orders.
resource appconfigStore 'Microsoft.AppConfiguration/configurationStores@2023-03-01' existing = {
  name: 'appcs-orders'
}

// The Event Hubs namespace eh-orders in rg-orders.
resource eventhubsNamespace 'Microsoft.EventHub/namespaces@2024-01-01' existing = {
  name: 'eh-orders'
}

// The Checkpoint storage account stcheckpoints in rg-orders.
resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: 'stcheckpoints'
}

// Cosmos DB data-plane role Cosmos DB Built-in Data Contributor (00000000-0000-0000-0000-000000000002) on the account cosmos-orders, for cosmos-state.
resource cosmosAccountDataRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-10-15' = {
  parent: cosmosAccount
  name: guid(cosmosAccount.id, identity.id, '00000000-0000-0000-0000-000000000002')
  properties: {
    roleDefinitionId: '${cosmosAccount.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: granteePrincipalId
    scope: cosmosAccount.id
  }
}

// The Data Owner data access policy on the Redis cache redis-orders, for redis-state.
resource redisCacheAccessPolicy 'Microsoft.Cache/redis/accessPolicyAssignments@2024-11-01' = {
  parent: redisCache
  name: 'id-orders'
  properties: {
    accessPolicyName: 'Data Owner'
    objectId: granteePrincipalId
    objectIdAlias: 'id-orders'
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

// Storage Blob Data Contributor (built-in role ba92f5b4-2d11-453d-a403-e96b0029c9fe) on Checkpoint storage account stcheckpoints only, for eh-pubsub.
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

// The Container Apps environment: referenced, never redeclared here.
resource containerAppsEnvironment 'Microsoft.App/managedEnvironments@2025-07-01' existing = {
  name: environmentName
}

// The Dapr component cosmos-state: Azure Cosmos DB state store.
resource daprComponent1 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'cosmos-state'
  properties: {
    componentType: 'state.azure.cosmosdb'
    version: 'v1'
    metadata: [
      {
        name: 'url'
        value: 'https://cosmos-orders.documents.azure.us:443/'
      }
      {
        name: 'database'
        value: 'orders'
      }
      {
        name: 'collection'
        value: 'state'
      }
      {
        name: 'azureClientId'
        value: identity.properties.clientId
      }
      {
        name: 'azureEnvironment'
        value: 'AzureUSGovernmentCloud'
      }
    ]
    scopes: [
      'orders-api'
    ]
  }
}

// The Dapr component sql-state: Azure SQL state store.
resource daprComponent2 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'sql-state'
  properties: {
    componentType: 'state.sqlserver'
    version: 'v1'
    metadata: [
      {
        name: 'useAzureAD'
        value: 'true'
      }
      {
        name: 'connectionString'
        value: 'sqlserver://sql-orders.database.usgovcloudapi.net:1433?database=orders'
      }
      {
        name: 'azureClientId'
        value: identity.properties.clientId
      }
      {
        name: 'azureEnvironment'
        value: 'AzureUSGovernmentCloud'
      }
    ]
    scopes: [
      'orders-api'
    ]
  }
}

// The Dapr component redis-state: Azure Cache for Redis state store.
resource daprComponent3 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'redis-state'
  properties: {
    componentType: 'state.redis'
    version: 'v1'
    metadata: [
      {
        name: 'useEntraID'
        value: 'true'
      }
      {
        name: 'enableTLS'
        value: 'true'
      }
      {
        name: 'redisHost'
        value: 'redis-orders.redis.cache.usgovcloudapi.net:6380'
      }
      {
        name: 'azureClientId'
        value: identity.properties.clientId
      }
      {
        name: 'azureEnvironment'
        value: 'AzureUSGovernmentCloud'
      }
    ]
    scopes: [
      'orders-api'
    ]
  }
}

// The Dapr component configstore: Azure App Configuration store.
resource daprComponent4 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'configstore'
  properties: {
    componentType: 'configuration.azure.appconfig'
    version: 'v1'
    metadata: [
      {
        name: 'host'
        value: 'https://appcs-orders.azconfig.azure.us'
      }
      {
        name: 'azureClientId'
        value: identity.properties.clientId
      }
      {
        name: 'azureEnvironment'
        value: 'AzureUSGovernmentCloud'
      }
    ]
    scopes: [
      'orders-api'
    ]
  }
}

// The Dapr component eh-pubsub: Azure Event Hubs pub/sub.
resource daprComponent5 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'eh-pubsub'
  properties: {
    componentType: 'pubsub.azure.eventhubs'
    version: 'v1'
    metadata: [
      {
        name: 'eventHubNamespace'
        value: 'eh-orders.servicebus.usgovcloudapi.net'
      }
      {
        name: 'storageAccountName'
        value: 'stcheckpoints'
      }
      {
        name: 'storageContainerName'
        value: 'checkpoints'
      }
      {
        name: 'azureClientId'
        value: identity.properties.clientId
      }
      {
        name: 'azureEnvironment'
        value: 'AzureUSGovernmentCloud'
      }
    ]
    scopes: [
      'orders-api'
    ]
  }
}

// Not here (a grant inside the database, which ARM cannot make): the setup script's step "Add the identity to the database orders on sql-orders as id-orders (db_ddladmin, db_datareader, db_datawriter, EXECUTE ON SCHEMA::dbo, REFERENCES ON SCHEMA::dbo)."
// Your container app must carry the identity: add this block to its own template (identityId is this file's output).
// A deployment sets the whole identity: if it also has its system-assigned identity or other user-assigned ones, keep them (the type naming both kinds, spelled as the resource's identity.type shows it, and every existing userAssignedIdentities entry).
//   identity: {
//     type: 'UserAssigned'
//     userAssignedIdentities: {
//       '${identityId}': {}
//     }
//   }
// and Dapr, with the app id every component is scoped to, under properties.configuration:
//   dapr: {
//     enabled: true
//     appId: 'orders-api'
//     appPort: 8080
//   }

output principalId string = granteePrincipalId
output identityId string = identity.id
output clientId string = identity.properties.clientId
