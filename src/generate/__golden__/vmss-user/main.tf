# Dapr on Virtual Machine Scale Set, User-assigned identity: the identity, its least grants and what
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

# Not here: Dapr on the scale set reads its components from files, which no provider here writes.
# The setup script (setup-dapr-identity.sh) does it in these steps:
#   - Write the component file into ./components.
#   - Yours to do (the script only prints how): Put the component file where Dapr on the scale set reads it.
#   - Give the instances that already run the identity, if this run changed it. Automatic and Rolling policies apply it themselves (Automatic may update every instance at once, Rolling in batches); with Manual only new instances get it until each instance is updated:
#       az vmss update-instances --name vmss-orders --resource-group rg-orders --instance-ids '*' -o none
#       It brings every instance to the scale set's latest model, with any other change waiting in it (an OS image or
#       VM size change restarts or reimages the instance); whether the identity alone restarts one is not documented:
#       plan for a restart. On Flexible orchestration the instances are named: if "*" misses some, give their names.

# Your scale set must carry the identity: add this block to its own resource block.
# Terraform sets the whole identity: if it also has its system-assigned identity or other user-assigned ones, keep them (type = "SystemAssigned, UserAssigned", and every existing id in identity_ids).
#   identity {
#     type         = "UserAssigned"
#     identity_ids = [
#       azurerm_user_assigned_identity.app.id,
#     ]
#   }

output "principal_id" {
  value = local.principal_id
}

output "client_id" {
  value = azurerm_user_assigned_identity.app.client_id
}
