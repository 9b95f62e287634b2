# Dapr on Virtual Machine, System-assigned identity: the identity, its least grants and what
# the azurerm provider can do of the setup script (setup-dapr-identity.sh).
# Dry run (shows what would change, changes nothing): terraform init && terraform plan
# Apply: terraform apply.
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

# Your VM: read, never redeclared here.
data "azurerm_virtual_machine" "host" {
  name                = "vm-orders"
  resource_group_name = var.resource_group_name
}

locals {
  # The principal that receives every grant: your VM's system-assigned identity.
  principal_id = data.azurerm_virtual_machine.host.identity[0].principal_id
}

# Not here: Dapr on the VM reads its components from files, which no provider here writes.
# The setup script (setup-dapr-identity.sh) does it in these steps:
#   - Write the component file into ./components.
#   - Yours to do (the script only prints how): Put the component file where Dapr on the VM reads it.

# Not here (a grant inside the database, which azurerm cannot make): the setup script's step "Add the identity to the database orders on sql-orders as vm-orders (db_ddladmin, db_datareader, db_datawriter, EXECUTE ON SCHEMA::dbo, REFERENCES ON SCHEMA::dbo)."
# Your VM must have its system-assigned identity on before this deploys: add this block to its own resource block.
# Terraform sets the whole identity: if it also has user-assigned identities, keep them (type = "SystemAssigned, UserAssigned", and every existing id in identity_ids).
#   identity {
#     type = "SystemAssigned"
#   }

output "principal_id" {
  value = local.principal_id
}
