# Dapr on Azure Container Apps, User-assigned identity: the identity, its least grants and what
# the azurerm provider can do of the setup script (setup-dapr-identity.sh).
# Dry run (shows what would change, changes nothing): terraform init && terraform plan
# Apply: terraform apply.
# If the setup script ran first, these exist already and terraform apply refuses to create them
# (azurerm: ResourceRequiresImport).
# Import each first (terraform import <address> <id>), or delete it:
#   azurerm_user_assigned_identity.app
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders
#   azurerm_container_app_environment_dapr_component.component_1
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/pg-state
#   azurerm_container_app_environment_dapr_component.component_2
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/pg-state-v1
#   azurerm_container_app_environment_dapr_component.component_3
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/postgres-binding
#   azurerm_container_app_environment_dapr_component.component_4
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/pg-config
#   azurerm_container_app_environment_dapr_component.component_5
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/sql-state
#   azurerm_container_app_environment_dapr_component.component_6
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/sql-state-v1
#   azurerm_container_app_environment_dapr_component.component_7
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/redis-state
#   azurerm_container_app_environment_dapr_component.component_8
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/redis-pubsub
#   azurerm_container_app_environment_dapr_component.component_9
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/redis-binding
#   azurerm_container_app_environment_dapr_component.component_10
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/redis-config
#   azurerm_container_app_environment_dapr_component.component_11
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/lockstore
#   azurerm_redis_cache_access_policy_assignment.redis_cache_access_policy
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.Cache/redis/redis-orders/accessPolicyAssignments/id-orders
# Needs: Turn on Microsoft Entra authentication on the server first: az postgres flexible-server update --name pg-orders --resource-group rg-orders --microsoft-entra-auth Enabled (--active-directory-auth before Azure CLI 2.73).
# Read first: component lockstore: Container Apps supports only stable Dapr components (container-apps/dapr-overview.md); lock.redis is alpha in Dapr (its metadata.yaml): it may load, but without platform support.
# Read first: component lockstore: Container Apps announced that it will disable the experimental lock/unlock API (microsoft/azure-container-apps#1478).
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.55"
    }
  }
}

provider "azurerm" {
  features {}
  subscription_id = var.subscription_id
}

variable "subscription_id" {
  type        = string
  description = "The subscription id (az account show --query id -o tsv)."
}

variable "resource_group_name" {
  type        = string
  description = "The resource group of the host and the identity."
  default     = "rg-orders"
}

data "azurerm_resource_group" "host" {
  name = var.resource_group_name
}

# The user-assigned identity the app signs in with. Imported (the setup script made it), it takes these values:
# one in another region is replaced (a new identity: new principal and client id, and the grants made for the
# old one no longer apply), and its other tags are removed. The setup's createdBy tag stays as it is, and one created
# here gets it: the teardown treats an identity with it as the setup's (it deletes it when asked, DELETE_IDENTITY=1).
resource "azurerm_user_assigned_identity" "app" {
  name                = "id-orders"
  resource_group_name = var.resource_group_name
  location            = data.azurerm_resource_group.host.location
  tags                = {
    createdBy = "dapr-mi-wizard"
  }
  lifecycle {
    ignore_changes = [tags["createdBy"]]
  }
}

locals {
  # The principal that receives every grant: the identity's.
  principal_id = azurerm_user_assigned_identity.app.principal_id
}

# The Azure Cache for Redis redis-orders in rg-orders.
# Needs: Turn on Microsoft Entra authentication on the cache first (the cache restarts): az redis update --name redis-orders --resource-group rg-orders --set redisConfiguration.aadEnabled=true.
data "azurerm_redis_cache" "redis_cache" {
  name                = "redis-orders"
  resource_group_name = var.resource_group_name
}

# The Data Owner data access policy on the Redis cache redis-orders, for redis-state, redis-pubsub, redis-binding, redis-config, lockstore.
resource "azurerm_redis_cache_access_policy_assignment" "redis_cache_access_policy" {
  name               = "id-orders"
  redis_cache_id     = data.azurerm_redis_cache.redis_cache.id
  access_policy_name = "Data Owner"
  object_id          = local.principal_id
  object_id_alias    = "id-orders"
}

# The Container Apps environment: read, never redeclared here.
data "azurerm_container_app_environment" "environment" {
  name                = "env-orders"
  resource_group_name = var.resource_group_name
}

# The Dapr component pg-state: Azure Database for PostgreSQL state store.
resource "azurerm_container_app_environment_dapr_component" "component_1" {
  name                         = "pg-state"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "state.postgresql"
  version                      = "v2"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "useAzureAD"
    value = "true"
  }
  metadata {
    name  = "connectionString"
    value = "host=pg-orders.postgres.database.azure.com user=id-orders port=5432 database=orders sslmode=require"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
}

# The Dapr component pg-state-v1: Azure Database for PostgreSQL state store.
resource "azurerm_container_app_environment_dapr_component" "component_2" {
  name                         = "pg-state-v1"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "state.postgresql"
  version                      = "v1"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "useAzureAD"
    value = "true"
  }
  metadata {
    name  = "connectionString"
    value = "host=pg-orders.postgres.database.azure.com user=id-orders port=5432 database=legacy sslmode=require"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
}

# The Dapr component postgres-binding: Azure Database for PostgreSQL binding.
resource "azurerm_container_app_environment_dapr_component" "component_3" {
  name                         = "postgres-binding"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "bindings.postgresql"
  version                      = "v1"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "useAzureAD"
    value = "true"
  }
  metadata {
    name  = "connectionString"
    value = "host=pg-orders.postgres.database.azure.com user=id-orders port=5432 database=orders sslmode=require"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
}

# The Dapr component pg-config: Azure Database for PostgreSQL configuration store.
resource "azurerm_container_app_environment_dapr_component" "component_4" {
  name                         = "pg-config"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "configuration.postgresql"
  version                      = "v1"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "useAzureAD"
    value = "true"
  }
  metadata {
    name  = "connectionString"
    value = "host=pg-orders.postgres.database.azure.com user=id-orders port=5432 database=orders sslmode=require"
  }
  metadata {
    name  = "table"
    value = "appconfig"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
}

# The Dapr component sql-state: Azure SQL state store.
resource "azurerm_container_app_environment_dapr_component" "component_5" {
  name                         = "sql-state"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "state.sqlserver"
  version                      = "v1"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "useAzureAD"
    value = "true"
  }
  metadata {
    name  = "connectionString"
    value = "sqlserver://sql-orders.database.windows.net:1433?database=orders"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
}

# The Dapr component sql-state-v1: Azure SQL state store.
resource "azurerm_container_app_environment_dapr_component" "component_6" {
  name                         = "sql-state-v1"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "state.sqlserver"
  version                      = "v1"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "useAzureAD"
    value = "true"
  }
  metadata {
    name  = "connectionString"
    value = "sqlserver://sql-orders.database.windows.net:1433?database=legacy"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
}

# The Dapr component redis-state: Azure Cache for Redis state store.
resource "azurerm_container_app_environment_dapr_component" "component_7" {
  name                         = "redis-state"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "state.redis"
  version                      = "v1"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "useEntraID"
    value = "true"
  }
  metadata {
    name  = "enableTLS"
    value = "true"
  }
  metadata {
    name  = "redisHost"
    value = "redis-orders.redis.cache.windows.net:6380"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
}

# The Dapr component redis-pubsub: Azure Cache for Redis pub/sub (Streams).
resource "azurerm_container_app_environment_dapr_component" "component_8" {
  name                         = "redis-pubsub"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "pubsub.redis"
  version                      = "v1"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "useEntraID"
    value = "true"
  }
  metadata {
    name  = "enableTLS"
    value = "true"
  }
  metadata {
    name  = "redisHost"
    value = "redis-orders.redis.cache.windows.net:6380"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
}

# The Dapr component redis-binding: Azure Cache for Redis binding.
resource "azurerm_container_app_environment_dapr_component" "component_9" {
  name                         = "redis-binding"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "bindings.redis"
  version                      = "v1"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "useEntraID"
    value = "true"
  }
  metadata {
    name  = "enableTLS"
    value = "true"
  }
  metadata {
    name  = "redisHost"
    value = "redis-orders.redis.cache.windows.net:6380"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
}

# The Dapr component redis-config: Azure Cache for Redis configuration store.
resource "azurerm_container_app_environment_dapr_component" "component_10" {
  name                         = "redis-config"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "configuration.redis"
  version                      = "v1"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "useEntraID"
    value = "true"
  }
  metadata {
    name  = "enableTLS"
    value = "true"
  }
  metadata {
    name  = "redisHost"
    value = "redis-orders.redis.cache.windows.net:6380"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
}

# The Dapr component lockstore: Azure Cache for Redis lock.
resource "azurerm_container_app_environment_dapr_component" "component_11" {
  name                         = "lockstore"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "lock.redis"
  version                      = "v1"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "useEntraID"
    value = "true"
  }
  metadata {
    name  = "enableTLS"
    value = "true"
  }
  metadata {
    name  = "redisHost"
    value = "redis-orders.redis.cache.windows.net:6380"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
}

# Not here (a grant inside the database, which azurerm cannot make): the setup script's step "Map the identity to the PostgreSQL role id-orders on pg-orders and grant it what pg-state needs."
# Not here (a grant inside the database, which azurerm cannot make): the setup script's step "Grant the PostgreSQL role id-orders on pg-orders what pg-state-v1 needs."
# Not here (a grant inside the database, which azurerm cannot make): the setup script's step "Grant the PostgreSQL role id-orders on pg-orders what postgres-binding needs. That is schema access only: the binding runs your app's own SQL, so grant the role what each of its tables needs yourself (GRANT SELECT, INSERT, ... ON TABLE <table> TO ...)."
# Not here (a grant inside the database, which azurerm cannot make): the setup script's step "Grant the PostgreSQL role id-orders on pg-orders what pg-config needs."
# Not here (a grant inside the database, which azurerm cannot make): the setup script's step "Add the identity to the database orders on sql-orders as id-orders (db_ddladmin, db_datareader, db_datawriter, EXECUTE ON SCHEMA::dbo, REFERENCES ON SCHEMA::dbo)."
# Not here (a grant inside the database, which azurerm cannot make): the setup script's step "Add the identity to the database legacy on sql-orders as id-orders (db_owner)."
# Your container app must carry the identity: add this block to its own resource block.
# Terraform sets the whole identity: if it also has its system-assigned identity or other user-assigned ones, keep them (type = "SystemAssigned, UserAssigned", and every existing id in identity_ids).
#   identity {
#     type         = "UserAssigned"
#     identity_ids = [
#       azurerm_user_assigned_identity.app.id,
#     ]
#   }
#   dapr {
#     app_id = "orders-api"
#   }

output "principal_id" {
  value = local.principal_id
}

output "client_id" {
  value = azurerm_user_assigned_identity.app.client_id
}
