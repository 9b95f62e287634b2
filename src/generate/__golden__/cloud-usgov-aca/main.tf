# Dapr on Azure Container Apps, User-assigned identity: the identity, its least grants and what
# the azurerm provider can do of the setup script (setup-dapr-identity.sh).
# First: az cloud set --name AzureUSGovernment && az login
# Dry run (shows what would change, changes nothing): terraform init && terraform plan
# Apply: terraform apply.
# If the setup script ran first, these exist already and terraform apply refuses to create them
# (azurerm: ResourceRequiresImport).
# A role assignment is the exception: azurerm names it with a new random GUID, so it finds none, and Azure
# refuses a second one of the same role for the same principal and scope (409 RoleAssignmentExists).
# Nor does azurerm find an existing Cosmos DB role assignment (a new random name too); whether Cosmos DB then
# refuses the second or makes it is not confirmed: import it.
# Import each first (terraform import <address> <id>), or delete it:
#   azurerm_user_assigned_identity.app
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders
#   azurerm_container_app_environment_dapr_component.component_1
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/cosmos-state
#   azurerm_container_app_environment_dapr_component.component_2
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/sql-state
#   azurerm_container_app_environment_dapr_component.component_3
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/redis-state
#   azurerm_container_app_environment_dapr_component.component_4
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/configstore
#   azurerm_container_app_environment_dapr_component.component_5
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/eh-pubsub
#   azurerm_cosmosdb_sql_role_assignment.cosmos_account_data_role
#     the assignment's id, from: az cosmosdb sql role assignment list --account-name cosmos-orders --resource-group rg-orders --query '[?principalId=='\''<principal id>'\'' && ends_with(roleDefinitionId, '\''/00000000-0000-0000-0000-000000000002'\'') && !contains(scope, '\''/dbs/'\'')].id' -o tsv
#   azurerm_redis_cache_access_policy_assignment.redis_cache_access_policy
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.Cache/redis/redis-orders/accessPolicyAssignments/id-orders
#   azurerm_role_assignment.appconfig_store_role
#     the assignment's id, from: az role assignment list --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.AppConfiguration/configurationStores/appcs-orders' --assignee '<principal id>' --role 516239f1-63e1-4d78-a4de-a74fb236a071 --query '[0].id' -o tsv
#   azurerm_role_assignment.eventhubs_namespace_role
#     the assignment's id, from: az role assignment list --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.EventHub/namespaces/eh-orders' --assignee '<principal id>' --role a638d3c7-ab3a-418d-83e6-5f17a39d4fde --query '[0].id' -o tsv
#   azurerm_role_assignment.storage_account_role
#     the assignment's id, from: az role assignment list --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.Storage/storageAccounts/stcheckpoints' --assignee '<principal id>' --role ba92f5b4-2d11-453d-a403-e96b0029c9fe --query '[0].id' -o tsv
# Needs: Component cosmos-state: the container state of the database orders in the Cosmos DB account cosmos-orders, with the one partition key path /partitionKey (the Dapr state store writes the partition key in the partitionKey property); Dapr reads it, and its data-plane role creates neither: az cosmosdb sql container create --account-name cosmos-orders --database-name orders --name state --partition-key-path /partitionKey --resource-group rg-orders (the database first, if missing: az cosmosdb sql database create --account-name cosmos-orders --name orders --resource-group rg-orders).
# Needs: Component eh-pubsub: each topic is an event hub of that name, which Dapr does not create: az eventhubs eventhub create --namespace-name eh-orders --name <topic> --resource-group rg-orders
# Needs: Each event hub it subscribes to needs the consumer group orders-api, which Dapr does not create; where it is missing: az eventhubs eventhub consumer-group create --namespace-name eh-orders --eventhub-name <topic> --name orders-api --resource-group rg-orders
# Read first: component redis-state: Dapr asks Entra ID for a token for the public-cloud Redis audience https://redis.azure.com/.default in every cloud; whether Azure Cache for Redis in Azure Government accepts it is not confirmed. If the component fails to load with an authentication error, that audience is the likely cause.
# Read first: component configstore: Container Apps supports only stable Dapr components (container-apps/dapr-overview.md); configuration.azure.appconfig is alpha in Dapr (its metadata.yaml): it may load, but without platform support.
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
  environment     = "usgovernment"
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

data "azurerm_subscription" "current" {}

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

# The Cosmos DB account cosmos-orders in rg-orders.
data "azurerm_cosmosdb_account" "cosmos_account" {
  name                = "cosmos-orders"
  resource_group_name = var.resource_group_name
}

# The Azure Cache for Redis redis-orders in rg-orders.
# Needs: Turn on Microsoft Entra authentication on the cache first (the cache restarts): az redis update --name redis-orders --resource-group rg-orders --set redisConfiguration.aadEnabled=true.
data "azurerm_redis_cache" "redis_cache" {
  name                = "redis-orders"
  resource_group_name = var.resource_group_name
}

# The App Configuration store appcs-orders in rg-orders.
data "azurerm_app_configuration" "appconfig_store" {
  name                = "appcs-orders"
  resource_group_name = var.resource_group_name
}

# The Event Hubs namespace eh-orders in rg-orders.
data "azurerm_eventhub_namespace" "eventhubs_namespace" {
  name                = "eh-orders"
  resource_group_name = var.resource_group_name
}

# The Checkpoint storage account stcheckpoints in rg-orders.
data "azurerm_storage_account" "storage_account" {
  name                = "stcheckpoints"
  resource_group_name = var.resource_group_name
}

# Cosmos DB data-plane role Cosmos DB Built-in Data Contributor (00000000-0000-0000-0000-000000000002) on the account cosmos-orders, for cosmos-state.
resource "azurerm_cosmosdb_sql_role_assignment" "cosmos_account_data_role" {
  resource_group_name = data.azurerm_cosmosdb_account.cosmos_account.resource_group_name
  account_name        = data.azurerm_cosmosdb_account.cosmos_account.name
  role_definition_id  = "${data.azurerm_cosmosdb_account.cosmos_account.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002"
  principal_id        = local.principal_id
  scope               = data.azurerm_cosmosdb_account.cosmos_account.id
}

# The Data Owner data access policy on the Redis cache redis-orders, for redis-state.
resource "azurerm_redis_cache_access_policy_assignment" "redis_cache_access_policy" {
  name               = "id-orders"
  redis_cache_id     = data.azurerm_redis_cache.redis_cache.id
  access_policy_name = "Data Owner"
  object_id          = local.principal_id
  object_id_alias    = "id-orders"
}

# App Configuration Data Reader (built-in role 516239f1-63e1-4d78-a4de-a74fb236a071) on App Configuration store appcs-orders only, for configstore.
resource "azurerm_role_assignment" "appconfig_store_role" {
  scope              = data.azurerm_app_configuration.appconfig_store.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/516239f1-63e1-4d78-a4de-a74fb236a071"
  principal_id       = local.principal_id
  principal_type     = "ServicePrincipal"
  description        = "Created by the Dapr Managed Identity Wizard"
  lifecycle {
    ignore_changes = [description]
  }
}

# Azure Event Hubs Data Receiver (built-in role a638d3c7-ab3a-418d-83e6-5f17a39d4fde) on Event Hubs namespace eh-orders only, for eh-pubsub.
resource "azurerm_role_assignment" "eventhubs_namespace_role" {
  scope              = data.azurerm_eventhub_namespace.eventhubs_namespace.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/a638d3c7-ab3a-418d-83e6-5f17a39d4fde"
  principal_id       = local.principal_id
  principal_type     = "ServicePrincipal"
  description        = "Created by the Dapr Managed Identity Wizard"
  lifecycle {
    ignore_changes = [description]
  }
}

# Storage Blob Data Contributor (built-in role ba92f5b4-2d11-453d-a403-e96b0029c9fe) on Checkpoint storage account stcheckpoints only, for eh-pubsub.
resource "azurerm_role_assignment" "storage_account_role" {
  scope              = data.azurerm_storage_account.storage_account.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe"
  principal_id       = local.principal_id
  principal_type     = "ServicePrincipal"
  description        = "Created by the Dapr Managed Identity Wizard"
  lifecycle {
    ignore_changes = [description]
  }
}

# The Container Apps environment: read, never redeclared here.
data "azurerm_container_app_environment" "environment" {
  name                = "env-orders"
  resource_group_name = var.resource_group_name
}

# The Dapr component cosmos-state: Azure Cosmos DB state store.
resource "azurerm_container_app_environment_dapr_component" "component_1" {
  name                         = "cosmos-state"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "state.azure.cosmosdb"
  version                      = "v1"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "url"
    value = "https://cosmos-orders.documents.azure.us:443/"
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
  metadata {
    name  = "azureEnvironment"
    value = "AzureUSGovernmentCloud"
  }
}

# The Dapr component sql-state: Azure SQL state store.
resource "azurerm_container_app_environment_dapr_component" "component_2" {
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
    value = "sqlserver://sql-orders.database.usgovcloudapi.net:1433?database=orders"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
  metadata {
    name  = "azureEnvironment"
    value = "AzureUSGovernmentCloud"
  }
}

# The Dapr component redis-state: Azure Cache for Redis state store.
resource "azurerm_container_app_environment_dapr_component" "component_3" {
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
    value = "redis-orders.redis.cache.usgovcloudapi.net:6380"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
  metadata {
    name  = "azureEnvironment"
    value = "AzureUSGovernmentCloud"
  }
}

# The Dapr component configstore: Azure App Configuration store.
resource "azurerm_container_app_environment_dapr_component" "component_4" {
  name                         = "configstore"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "configuration.azure.appconfig"
  version                      = "v1"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "host"
    value = "https://appcs-orders.azconfig.azure.us"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
  metadata {
    name  = "azureEnvironment"
    value = "AzureUSGovernmentCloud"
  }
}

# The Dapr component eh-pubsub: Azure Event Hubs pub/sub.
resource "azurerm_container_app_environment_dapr_component" "component_5" {
  name                         = "eh-pubsub"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "pubsub.azure.eventhubs"
  version                      = "v1"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "eventHubNamespace"
    value = "eh-orders.servicebus.usgovcloudapi.net"
  }
  metadata {
    name  = "storageAccountName"
    value = "stcheckpoints"
  }
  metadata {
    name  = "storageContainerName"
    value = "checkpoints"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
  metadata {
    name  = "azureEnvironment"
    value = "AzureUSGovernmentCloud"
  }
}

# Not here (a grant inside the database, which azurerm cannot make): the setup script's step "Add the identity to the database orders on sql-orders as id-orders (db_ddladmin, db_datareader, db_datawriter, EXECUTE ON SCHEMA::dbo, REFERENCES ON SCHEMA::dbo)."
# Your container app must carry the identity: add this block to its own resource block.
# Terraform sets the whole identity: if it also has its system-assigned identity or other user-assigned ones, keep them (type = "SystemAssigned, UserAssigned", and every existing id in identity_ids).
#   identity {
#     type         = "UserAssigned"
#     identity_ids = [
#       azurerm_user_assigned_identity.app.id,
#     ]
#   }
#   dapr {
#     app_id   = "orders-api"
#     app_port = 8080
#   }

output "principal_id" {
  value = local.principal_id
}

output "client_id" {
  value = azurerm_user_assigned_identity.app.client_id
}
