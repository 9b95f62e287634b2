# Dapr on Azure Container Instances, System-assigned identity: the identity, its least grants and what
# the azurerm provider can do of the setup script (setup-dapr-identity.sh).
# Dry run (shows what would change, changes nothing): terraform init && terraform plan
# Apply: terraform apply.
# If the setup script ran first, these exist already and terraform apply refuses to create them
# (azurerm: ResourceRequiresImport).
# A role assignment is the exception: azurerm names it with a new random GUID, so it finds none, and Azure
# refuses a second one of the same role for the same principal and scope (409 RoleAssignmentExists).
# Import each first (terraform import <address> <id>), or delete it:
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

# Your container group: read, never redeclared here.
data "azurerm_container_group" "host" {
  name                = "orders-web"
  resource_group_name = var.resource_group_name
}

locals {
  # The principal that receives every grant: your container group's system-assigned identity.
  principal_id = data.azurerm_container_group.host.identity[0].principal_id
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

# Not here: this file does not declare the container group; the setup script (re)creates it with the component files as a secret volume.
# The setup script (setup-dapr-identity.sh) does it in these steps:
#   - Write the component file into ./components.
#   - Encode them for the group's secret volume, which daprd reads as its folder of component files.
#   - Write the container group: the app, the daprd sidecar, the component volume and the identity, and a public IP named orders-web-demo open on the app port only.
#   - Create the group with its identity. An existing group of this name is replaced by this file as a whole: containers, ports and environment variables it does not list are removed, and all its containers restart.
#   - Read the group's system-assigned principal id, which gets the grants.

# Your container group must have its system-assigned identity on before this deploys: add this block to its own resource block.
# Terraform sets the whole identity: if it also has user-assigned identities, keep them (type = "SystemAssigned, UserAssigned", and every existing id in identity_ids).
# Container Instances gets its identity when the container group is created: the script (re)creates the group.
#   identity {
#     type = "SystemAssigned"
#   }

output "principal_id" {
  value = local.principal_id
}
