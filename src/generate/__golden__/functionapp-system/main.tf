# Dapr on Azure Functions on Container Apps, System-assigned identity: the identity, its least grants and what
# the azurerm provider can do of the setup script (setup-dapr-identity.sh).
# Dry run (shows what would change, changes nothing): terraform init && terraform plan
# Apply: terraform apply.
# If the setup script ran first, these exist already and terraform apply refuses to create them
# (azurerm: ResourceRequiresImport).
# A role assignment is the exception: azurerm names it with a new random GUID, so it finds none, and Azure
# refuses a second one of the same role for the same principal and scope (409 RoleAssignmentExists).
# Import each first (terraform import <address> <id>), or delete it:
#   azurerm_container_app_environment_dapr_component.component_1
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.App/managedEnvironments/cae-orders/daprComponents/azurekeyvault
#   azurerm_role_assignment.vault_role
#     the assignment's id, from: az role assignment list --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.KeyVault/vaults/kv-orders' --assignee '<principal id>' --role 4633458b-17de-408a-b874-0445c86b69e6 --query '[0].id' -o tsv
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

# Your function app: read, never redeclared here.
data "azurerm_linux_function_app" "host" {
  name                = "orders-func"
  resource_group_name = var.resource_group_name
}

locals {
  # The principal that receives every grant: your function app's system-assigned identity.
  principal_id = data.azurerm_linux_function_app.host.identity[0].principal_id
}

# The Key Vault kv-orders in rg-orders.
# The vault must use Azure RBAC (enable_rbac_authorization true): access-policy vaults ignore roles.
data "azurerm_key_vault" "vault" {
  name                = "kv-orders"
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

# The Container Apps environment: read, never redeclared here.
data "azurerm_container_app_environment" "environment" {
  name                = "cae-orders"
  resource_group_name = var.resource_group_name
}

# The Dapr component azurekeyvault: Azure Key Vault secret store.
resource "azurerm_container_app_environment_dapr_component" "component_1" {
  name                         = "azurekeyvault"
  container_app_environment_id = data.azurerm_container_app_environment.environment.id
  component_type               = "secretstores.azure.keyvault"
  version                      = "v1"
  scopes                       = [
    "orders-func",
  ]
  metadata {
    name  = "vaultName"
    value = "kv-orders"
  }
}

# Your function app must have its system-assigned identity on before this deploys: add this block to its own resource block.
# Terraform sets the whole identity: if it also has user-assigned identities, keep them (type = "SystemAssigned, UserAssigned", and every existing id in identity_ids).
#   identity {
#     type = "SystemAssigned"
#   }
# and Dapr on, with the app id orders-func every component is scoped to: azurerm_linux_function_app has no
# Dapr argument, so turn it on in the portal or an ARM template (properties.daprConfig: enabled true, appId).
# Unconfirmed: whether the azurerm_linux_function_app data source reads a function app in a Container Apps environment.

output "principal_id" {
  value = local.principal_id
}
