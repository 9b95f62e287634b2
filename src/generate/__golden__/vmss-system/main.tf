# Dapr on Virtual Machine Scale Set, System-assigned identity: the identity, its least grants and what
# the azurerm provider can do of the setup script (setup-dapr-identity.sh).
# Dry run (shows what would change, changes nothing): terraform init && terraform plan
# Apply: terraform apply.
# If the setup script ran first, these exist already and terraform apply refuses to create them
# (azurerm: ResourceRequiresImport).
# Import each first (terraform import <address> <id>), or delete it:
#   azurerm_key_vault_access_policy.vault_access_policy
#     /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-orders/providers/Microsoft.KeyVault/vaults/kv-orders/objectId/<principal id>
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
  description = "The subscription id (the one chosen in the wizard)."
  default     = "00000000-1111-2222-3333-444444444444"
}

variable "resource_group_name" {
  type        = string
  description = "The resource group of the host and the identity."
  default     = "rg-orders"
}

data "azurerm_client_config" "current" {}

# Your scale set: read, never redeclared here.
data "azurerm_virtual_machine_scale_set" "host" {
  name                = "vmss-orders"
  resource_group_name = var.resource_group_name
}

locals {
  # The principal that receives every grant: your scale set's system-assigned identity.
  principal_id = data.azurerm_virtual_machine_scale_set.host.identity[0].principal_id
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

# Not here: Dapr on the scale set reads its components from files, which no provider here writes.
# The setup script (setup-dapr-identity.sh) does it in these steps:
#   - Write the component file into ./components.
#   - Yours to do (the script only prints how): Put the component file where Dapr on the scale set reads it.
#   - Give the instances that already run the identity, if this run changed it. Automatic and Rolling policies apply it themselves (Automatic may update every instance at once, Rolling in batches); with Manual only new instances get it until each instance is updated:
#       az vmss update-instances --subscription 00000000-1111-2222-3333-444444444444 --name vmss-orders --resource-group rg-orders --instance-ids '*' -o none
#       It brings every instance to the scale set's latest model, with any other change waiting in it (an OS image or
#       VM size change restarts or reimages the instance); whether the identity alone restarts one is not documented:
#       plan for a restart. On Flexible orchestration the instances are named: if "*" misses some, give their names.

# Your scale set must have its system-assigned identity on before this deploys: add this block to its own resource block.
# Terraform sets the whole identity: if it also has user-assigned identities, keep them (type = "SystemAssigned, UserAssigned", and every existing id in identity_ids).
#   identity {
#     type = "SystemAssigned"
#   }

output "principal_id" {
  value = local.principal_id
}
