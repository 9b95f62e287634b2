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
// Needs: Turn on Microsoft Entra authentication on the server first: az postgres flexible-server update --name pg-orders --resource-group rg-orders --microsoft-entra-auth Enabled (--active-directory-auth before Azure CLI 2.73).
// Read first: component lockstore: Container Apps supports only stable Dapr components (container-apps/dapr-overview.md); lock.redis is alpha in Dapr (its metadata.yaml): it may load, but without platform support.
// Read first: component lockstore: Container Apps announced that it will disable the experimental lock/unlock API (microsoft/azure-container-apps#1478).
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

// The Data Owner data access policy on the Redis cache redis-orders, for redis-state, redis-pubsub, redis-binding, redis-config, lockstore.
resource redisCacheAccessPolicy 'Microsoft.Cache/redis/accessPolicyAssignments@2024-11-01' = {
  parent: redisCache
  name: 'id-orders'
  properties: {
    accessPolicyName: 'Data Owner'
    objectId: granteePrincipalId
    objectIdAlias: 'id-orders'
  }
}

// The Container Apps environment: referenced, never redeclared here.
resource containerAppsEnvironment 'Microsoft.App/managedEnvironments@2025-07-01' existing = {
  name: environmentName
}

// The Dapr component pg-state: Azure Database for PostgreSQL state store.
resource daprComponent1 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'pg-state'
  properties: {
    componentType: 'state.postgresql'
    version: 'v2'
    metadata: [
      {
        name: 'useAzureAD'
        value: 'true'
      }
      {
        name: 'connectionString'
        value: 'host=pg-orders.postgres.database.azure.com user=id-orders port=5432 database=orders sslmode=require'
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

// The Dapr component pg-state-v1: Azure Database for PostgreSQL state store.
resource daprComponent2 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'pg-state-v1'
  properties: {
    componentType: 'state.postgresql'
    version: 'v1'
    metadata: [
      {
        name: 'useAzureAD'
        value: 'true'
      }
      {
        name: 'connectionString'
        value: 'host=pg-orders.postgres.database.azure.com user=id-orders port=5432 database=legacy sslmode=require'
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

// The Dapr component postgres-binding: Azure Database for PostgreSQL binding.
resource daprComponent3 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'postgres-binding'
  properties: {
    componentType: 'bindings.postgresql'
    version: 'v1'
    metadata: [
      {
        name: 'useAzureAD'
        value: 'true'
      }
      {
        name: 'connectionString'
        value: 'host=pg-orders.postgres.database.azure.com user=id-orders port=5432 database=orders sslmode=require'
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

// The Dapr component pg-config: Azure Database for PostgreSQL configuration store.
resource daprComponent4 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'pg-config'
  properties: {
    componentType: 'configuration.postgresql'
    version: 'v1'
    metadata: [
      {
        name: 'useAzureAD'
        value: 'true'
      }
      {
        name: 'connectionString'
        value: 'host=pg-orders.postgres.database.azure.com user=id-orders port=5432 database=orders sslmode=require'
      }
      {
        name: 'table'
        value: 'appconfig'
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

// The Dapr component sql-state: Azure SQL state store.
resource daprComponent5 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
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
        value: 'sqlserver://sql-orders.database.windows.net:1433?database=orders'
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

// The Dapr component sql-state-v1: Azure SQL state store.
resource daprComponent6 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'sql-state-v1'
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
        value: 'sqlserver://sql-orders.database.windows.net:1433?database=legacy'
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

// The Dapr component redis-state: Azure Cache for Redis state store.
resource daprComponent7 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
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

// The Dapr component redis-pubsub: Azure Cache for Redis pub/sub (Streams).
resource daprComponent8 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'redis-pubsub'
  properties: {
    componentType: 'pubsub.redis'
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

// The Dapr component redis-binding: Azure Cache for Redis binding.
resource daprComponent9 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'redis-binding'
  properties: {
    componentType: 'bindings.redis'
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

// The Dapr component redis-config: Azure Cache for Redis configuration store.
resource daprComponent10 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'redis-config'
  properties: {
    componentType: 'configuration.redis'
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

// The Dapr component lockstore: Azure Cache for Redis lock.
resource daprComponent11 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: containerAppsEnvironment
  name: 'lockstore'
  properties: {
    componentType: 'lock.redis'
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

// Not here (a grant inside the database, which ARM cannot make): the setup script's step "Map the identity to the PostgreSQL role id-orders on pg-orders and grant it what pg-state needs."
// Not here (a grant inside the database, which ARM cannot make): the setup script's step "Grant the PostgreSQL role id-orders on pg-orders what pg-state-v1 needs."
// Not here (a grant inside the database, which ARM cannot make): the setup script's step "Grant the PostgreSQL role id-orders on pg-orders what postgres-binding needs. That is schema access only: the binding runs your app's own SQL, so grant the role what each of its tables needs yourself (GRANT SELECT, INSERT, ... ON TABLE <table> TO ...)."
// Not here (a grant inside the database, which ARM cannot make): the setup script's step "Grant the PostgreSQL role id-orders on pg-orders what pg-config needs."
// Not here (a grant inside the database, which ARM cannot make): the setup script's step "Add the identity to the database orders on sql-orders as id-orders (db_ddladmin, db_datareader, db_datawriter, EXECUTE ON SCHEMA::dbo, REFERENCES ON SCHEMA::dbo)."
// Not here (a grant inside the database, which ARM cannot make): the setup script's step "Add the identity to the database legacy on sql-orders as id-orders (db_owner)."
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
