# Dapr on Azure Container Apps, User-assigned identity: the identity, its least grants and what
# the azurerm provider can do of the setup script (setup-dapr-identity.sh).
# Dry run (shows what would change, changes nothing): terraform init && terraform plan
# Apply: terraform apply.
# If the setup script ran first, these exist already and terraform apply refuses to create them
# (azurerm: ResourceRequiresImport).
# A role assignment is the exception: azurerm names it with a new random GUID, so it finds none, and Azure
# refuses a second one of the same role for the same principal and scope (409 RoleAssignmentExists).
# Import each first (terraform import <address> <id>), or delete it:
#   azurerm_user_assigned_identity.app
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders
#   azurerm_container_app_environment_dapr_component.component_1
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/azurekeyvault
#   azurerm_container_app_environment_dapr_component.component_2
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/azurekeyvault-crypto
#   azurerm_container_app_environment_dapr_component.component_3
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/statestore
#   azurerm_container_app_environment_dapr_component.component_4
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/statestore-v1
#   azurerm_container_app_environment_dapr_component.component_5
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/blob-binding
#   azurerm_container_app_environment_dapr_component.component_6
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/tablestate
#   azurerm_container_app_environment_dapr_component.component_7
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/env-orders/daprComponents/queue-binding
#   azurerm_role_assignment.vault_role
#     the assignment's id, from: az role assignment list --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.KeyVault/vaults/kv-orders' --assignee '<principal id>' --role 4633458b-17de-408a-b874-0445c86b69e6 --query '[0].id' -o tsv
#   azurerm_role_assignment.storage_account_role
#     the assignment's id, from: az role assignment list --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.Storage/storageAccounts/storders' --assignee '<principal id>' --role ba92f5b4-2d11-453d-a403-e96b0029c9fe --query '[0].id' -o tsv
#   azurerm_role_assignment.storage_account_2_role
#     the assignment's id, from: az role assignment list --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.Storage/storageAccounts/stuploads' --assignee '<principal id>' --role ba92f5b4-2d11-453d-a403-e96b0029c9fe --query '[0].id' -o tsv
#   azurerm_role_assignment.storage_account_role_2
#     the assignment's id, from: az role assignment list --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.Storage/storageAccounts/storders' --assignee '<principal id>' --role 0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3 --query '[0].id' -o tsv
#   azurerm_role_assignment.storage_account_role_3
#     the assignment's id, from: az role assignment list --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.Storage/storageAccounts/storders' --assignee '<principal id>' --role 974c5e8b-45b9-4653-ba55-5f855dd0fb88 --query '[0].id' -o tsv
#   azurerm_key_vault_access_policy.vault_2_access_policy
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.KeyVault/vaults/kv-keys/objectId/<principal id>
# azurerm_key_vault_access_policy, once imported: an apply that changes it replaces the whole entry of this
# principal in the vault with exactly the permissions here (azurerm updates access policies with 'replace'): any
# other permission that entry holds (one given by hand, beyond those here) is removed. main.bicep's 'add' merges instead.
# Read first: component azurekeyvault-crypto: Container Apps supports only stable Dapr components (container-apps/dapr-overview.md); crypto.azure.keyvault is alpha in Dapr (its metadata.yaml): it may load, but without platform support.
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

data "azurerm_subscription" "current" {}

data "azurerm_client_config" "current" {}

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

# The Key Vault kv-orders in rg-orders.
# The vault must use Azure RBAC (enable_rbac_authorization true): access-policy vaults ignore roles.
data "azurerm_key_vault" "vault" {
  name                = "kv-orders"
  resource_group_name = var.resource_group_name
}

# The Key Vault kv-keys in rg-orders.
# The vault must use access policies (enable_rbac_authorization false): a vault using Azure RBAC ignores access policies.
data "azurerm_key_vault" "vault_2" {
  name                = "kv-keys"
  resource_group_name = var.resource_group_name
}

# The Storage account storders in rg-orders.
data "azurerm_storage_account" "storage_account" {
  name                = "storders"
  resource_group_name = var.resource_group_name
}

# The Storage account stuploads in rg-orders.
data "azurerm_storage_account" "storage_account_2" {
  name                = "stuploads"
  resource_group_name = var.resource_group_name
}

# Key Vault Secrets User (built-in role 4633458b-17de-408a-b874-0445c86b69e6) on Key Vault kv-orders only, for azurekeyvault.
resource "azurerm_role_assignment" "vault_role" {
  scope              = data.azurerm_key_vault.vault.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"
  principal_id       = local.principal_id
  principal_type     = "ServicePrincipal"
  description        = "Created by the Dapr Managed Identity Wizard"
  lifecycle {
    ignore_changes = [description]
  }
}

# Storage Blob Data Contributor (built-in role ba92f5b4-2d11-453d-a403-e96b0029c9fe) on Storage account storders only, for statestore, statestore-v1.
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

# Storage Blob Data Contributor (built-in role ba92f5b4-2d11-453d-a403-e96b0029c9fe) on Storage account stuploads only, for blob-binding.
resource "azurerm_role_assignment" "storage_account_2_role" {
  scope              = data.azurerm_storage_account.storage_account_2.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe"
  principal_id       = local.principal_id
  principal_type     = "ServicePrincipal"
  description        = "Created by the Dapr Managed Identity Wizard"
  lifecycle {
    ignore_changes = [description]
  }
}

# Storage Table Data Contributor (built-in role 0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3) on Storage account storders only, for tablestate.
resource "azurerm_role_assignment" "storage_account_role_2" {
  scope              = data.azurerm_storage_account.storage_account.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"
  principal_id       = local.principal_id
  principal_type     = "ServicePrincipal"
  description        = "Created by the Dapr Managed Identity Wizard"
  lifecycle {
    ignore_changes = [description]
  }
}

# Storage Queue Data Contributor (built-in role 974c5e8b-45b9-4653-ba55-5f855dd0fb88) on Storage account storders only, for queue-binding.
resource "azurerm_role_assignment" "storage_account_role_3" {
  scope              = data.azurerm_storage_account.storage_account.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/974c5e8b-45b9-4653-ba55-5f855dd0fb88"
  principal_id       = local.principal_id
  principal_type     = "ServicePrincipal"
  description        = "Created by the Dapr Managed Identity Wizard"
  lifecycle {
    ignore_changes = [description]
  }
}

# An access policy on the vault kv-keys, nothing more, for azurekeyvault-crypto.
resource "azurerm_key_vault_access_policy" "vault_2_access_policy" {
  key_vault_id    = data.azurerm_key_vault.vault_2.id
  tenant_id       = data.azurerm_client_config.current.tenant_id
  object_id       = local.principal_id
  key_permissions = [
    "Get",
    "Encrypt",
    "Decrypt",
    "WrapKey",
    "UnwrapKey",
    "Sign",
    "Verify",
  ]
}

# The Container Apps environment: read, never redeclared here.
data "azurerm_container_app_environment" "environment" {
  name                = "env-orders"
  resource_group_name = var.resource_group_name
}

# The Dapr component azurekeyvault: Azure Key Vault secret store.
resource "azurerm_container_app_environment_dapr_component" "component_1" {
  name                         = "azurekeyvault"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "secretstores.azure.keyvault"
  version                      = "v1"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "vaultName"
    value = "kv-orders"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
}

# The Dapr component azurekeyvault-crypto: Azure Key Vault cryptography.
resource "azurerm_container_app_environment_dapr_component" "component_2" {
  name                         = "azurekeyvault-crypto"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "crypto.azure.keyvault"
  version                      = "v1"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "vaultName"
    value = "kv-keys"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
}

# The Dapr component statestore: Azure Blob Storage state store.
resource "azurerm_container_app_environment_dapr_component" "component_3" {
  name                         = "statestore"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "state.azure.blobstorage"
  version                      = "v2"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "accountName"
    value = "storders"
  }
  metadata {
    name  = "containerName"
    value = "state"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
}

# The Dapr component statestore-v1: Azure Blob Storage state store (v1).
resource "azurerm_container_app_environment_dapr_component" "component_4" {
  name                         = "statestore-v1"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "state.azure.blobstorage"
  version                      = "v1"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "accountName"
    value = "storders"
  }
  metadata {
    name  = "containerName"
    value = "statev1"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
}

# The Dapr component blob-binding: Azure Blob Storage binding.
resource "azurerm_container_app_environment_dapr_component" "component_5" {
  name                         = "blob-binding"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "bindings.azure.blobstorage"
  version                      = "v1"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "accountName"
    value = "stuploads"
  }
  metadata {
    name  = "containerName"
    value = "uploads"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
}

# The Dapr component tablestate: Azure Table Storage state store.
resource "azurerm_container_app_environment_dapr_component" "component_6" {
  name                         = "tablestate"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "state.azure.tablestorage"
  version                      = "v1"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "accountName"
    value = "storders"
  }
  metadata {
    name  = "tableName"
    value = "orders"
  }
  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.app.client_id
  }
}

# The Dapr component queue-binding: Azure Storage Queues binding.
resource "azurerm_container_app_environment_dapr_component" "component_7" {
  name                         = "queue-binding"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "bindings.azure.storagequeues"
  version                      = "v1"
  scopes                       = [
    "orders-api",
  ]
  metadata {
    name  = "accountName"
    value = "storders"
  }
  metadata {
    name  = "queueName"
    value = "jobs"
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
