# Dapr on Virtual Machine, User-assigned identity: the identity, its least grants and what
# the azurerm provider can do of the setup script (setup-dapr-identity.sh).
# Dry run (shows what would change, changes nothing): terraform init && terraform plan
# Apply: terraform apply.
# If the setup script ran first, these exist already and terraform apply refuses to create them
# (azurerm: ResourceRequiresImport).
# Import each first (terraform import <address> <id>), or delete it:
#   azurerm_user_assigned_identity.app
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders
#   azurerm_key_vault_access_policy.vault_access_policy
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.KeyVault/vaults/kv-orders/objectId/<principal id>
# azurerm_key_vault_access_policy, once imported: an apply that changes it replaces the whole entry of this
# principal in the vault with exactly the permissions here (azurerm updates access policies with 'replace'): any
# other permission that entry holds (one given by hand, beyond those here) is removed. main.bicep's 'add' merges instead.
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
# The vault must use access policies (enable_rbac_authorization false): a vault using Azure RBAC ignores access policies.
data "azurerm_key_vault" "vault" {
  name                = "kv-orders"
  resource_group_name = var.resource_group_name
}

# An access policy on the vault kv-orders, nothing more, for azurekeyvault.
resource "azurerm_key_vault_access_policy" "vault_access_policy" {
  key_vault_id       = data.azurerm_key_vault.vault.id
  tenant_id          = data.azurerm_client_config.current.tenant_id
  object_id          = local.principal_id
  secret_permissions = [
    "Get",
    "List",
  ]
}

# Not here: Dapr on the VM reads its components from files, which no provider here writes.
# The setup script (setup-dapr-identity.sh) does it in these steps:
#   - Write the component file into ./components.
#   - Yours to do (the script only prints how): Put the component file where Dapr on the VM reads it.

# Your VM must carry the identity: add this block to its own resource block.
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
