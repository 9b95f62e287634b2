# Dapr on Azure Container Apps, User-assigned identity: the identity, its least grants and what
# the azurerm provider can do of the setup script (setup-dapr-identity.sh).
# Dry run (shows what would change, changes nothing): terraform init && terraform plan
# Apply: terraform apply.
# If the setup script ran first, these exist already and terraform apply refuses to create them
# (azurerm: ResourceRequiresImport).
# Nor does azurerm find an existing Cosmos DB role assignment (a new random name too); whether Cosmos DB then
# refuses the second or makes it is not confirmed: import it.
# Import each first (terraform import <address> <id>), or delete it:
#   azurerm_user_assigned_identity.app
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders
#   azurerm_container_app_environment_dapr_component.component_1
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/redis-state
#   azurerm_container_app_environment_dapr_component.component_2
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/cosmos-state
#   azurerm_redis_cache_access_policy_assignment.redis_cache_access_policy
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.Cache/redis/redis-orders/accessPolicyAssignments/id-orders
#   azurerm_cosmosdb_sql_role_assignment.cosmos_account_data_role
#     the assignment's id, from: az cosmosdb sql role assignment list --account-name cosmos-orders --resource-group rg-orders --query '[?principalId=='\''<principal id>'\'' && ends_with(roleDefinitionId, '\''/00000000-0000-0000-0000-000000000002'\'') && !contains(scope, '\''/dbs/'\'')].id' -o tsv
# Needs: Component cosmos-state: the container state of the database orders in the Cosmos DB account cosmos-orders, with the one partition key path /partitionKey (the Dapr state store writes the partition key in the partitionKey property); Dapr reads it, and its data-plane role creates neither: az cosmosdb sql container create --account-name cosmos-orders --database-name orders --name state --partition-key-path /partitionKey --resource-group rg-orders (the database first, if missing: az cosmosdb sql database create --account-name cosmos-orders --name orders --resource-group rg-orders).
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

# The Cosmos DB account cosmos-orders in rg-orders.
data "azurerm_cosmosdb_account" "cosmos_account" {
  name                = "cosmos-orders"
  resource_group_name = var.resource_group_name
}

# The Data Owner data access policy on the Redis cache redis-orders, for redis-state.
resource "azurerm_redis_cache_access_policy_assignment" "redis_cache_access_policy" {
  name               = "id-orders"
  redis_cache_id     = data.azurerm_redis_cache.redis_cache.id
  access_policy_name = "Data Owner"
  object_id          = local.principal_id
  object_id_alias    = "id-orders"
}

# Cosmos DB data-plane role Cosmos DB Built-in Data Contributor (00000000-0000-0000-0000-000000000002) on the account cosmos-orders, for cosmos-state.
resource "azurerm_cosmosdb_sql_role_assignment" "cosmos_account_data_role" {
  resource_group_name = data.azurerm_cosmosdb_account.cosmos_account.resource_group_name
  account_name        = data.azurerm_cosmosdb_account.cosmos_account.name
  role_definition_id  = "${data.azurerm_cosmosdb_account.cosmos_account.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002"
  principal_id        = local.principal_id
  scope               = data.azurerm_cosmosdb_account.cosmos_account.id
}

# The Container Apps environment: read, never redeclared here.
data "azurerm_container_app_environment" "environment" {
  name                = "env-orders"
  resource_group_name = var.resource_group_name
}

# The Dapr component redis-state: Azure Cache for Redis state store.
resource "azurerm_container_app_environment_dapr_component" "component_1" {
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

# The Dapr component cosmos-state: Azure Cosmos DB state store.
resource "azurerm_container_app_environment_dapr_component" "component_2" {
  name                         = "cosmos-state"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "state.azure.cosmosdb"
  version                      = "v1"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "url"
    value = "https://cosmos-orders.documents.azure.com:443/"
  }
  metadata {
    name  = "database"
    value = "orders"
  }
  metadata {
    name  = "collection"
    value = "state"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
}

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
