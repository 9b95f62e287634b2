// Dapr on Azure Container Apps, User-assigned identity: the identity, its least grants and what
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
// Needs: Component cosmos-state: the container state of the database orders in the Cosmos DB account cosmos-orders, with the one partition key path /partitionKey (the Dapr state store writes the partition key in the partitionKey property); Dapr reads it, and its data-plane role creates neither: az cosmosdb sql container create --account-name cosmos-orders --database-name orders --name state --partition-key-path /partitionKey --resource-group rg-orders (the database first, if missing: az cosmosdb sql database create --account-name cosmos-orders --name orders --resource-group rg-orders).
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

// The Azure Cache for Redis redis-orders in rg-orders.
// Needs: Turn on Microsoft Entra authentication on the cache first (the cache restarts): az redis update --name redis-orders --resource-group rg-orders --set redisConfiguration.aadEnabled=true.
resource redisCache 'Microsoft.Cache/redis@2024-11-01' existing = {
  name: 'redis-orders'
}

// The Cosmos DB account cosmos-orders in rg-orders.
resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2025-10-15' existing = {
  name: 'cosmos-orders'
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

// The Container Apps environment: referenced, never redeclared here.
resource containerAppsEnvironment 'Microsoft.App/managedEnvironments@2025-07-01' existing = {
  name: environmentName
}

// The Dapr component redis-state: Azure Cache for Redis state store.
resource daprComponent1 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
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
        value: 'redis-orders.redis.cache.windows.net:6380'
      }
      {
        name: 'azureClientId'
        value: identity.properties.clientId
      }
    ]
    scopes: [
      'orders-api'
    ]
  }
}

// The Dapr component cosmos-state: Azure Cosmos DB state store.
resource daprComponent2 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'cosmos-state'
  properties: {
    componentType: 'state.azure.cosmosdb'
    version: 'v1'
    metadata: [
      {
        name: 'url'
        value: 'https://cosmos-orders.documents.azure.com:443/'
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
    ]
    scopes: [
      'orders-api'
    ]
  }
}

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
//   }

output principalId string = granteePrincipalId
output identityId string = identity.id
output clientId string = identity.properties.clientId
