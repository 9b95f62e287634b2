# Dapr on App Service Web App (Linux), User-assigned identity: the identity, its least grants and what
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
#   azurerm_role_assignment.servicebus_namespace_role
#     the assignment's id, from: az role assignment list --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.ServiceBus/namespaces/sb-orders' --assignee '<principal id>' --role 4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0 --query '[0].id' -o tsv
# Needs: Component pubsub: Dapr creates no queue, and each topic is a queue of that name, which must exist before the app publishes to or subscribes to it. For each topic: az servicebus queue create --namespace-name sb-orders --name <topic> --resource-group rg-orders
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

# The Service Bus namespace sb-orders in rg-orders.
data "azurerm_servicebus_namespace" "servicebus_namespace" {
  name                = "sb-orders"
  resource_group_name = var.resource_group_name
}

# Azure Service Bus Data Receiver (built-in role 4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0) on Service Bus namespace sb-orders only, for pubsub.
resource "azurerm_role_assignment" "servicebus_namespace_role" {
  scope              = data.azurerm_servicebus_namespace.servicebus_namespace.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0"
  principal_id       = local.principal_id
  principal_type     = "ServicePrincipal"
  description        = "Created by the Dapr Managed Identity Wizard"
  lifecycle {
    ignore_changes = [description]
  }
}

# Not here: Dapr on the web app reads its components from files, which no provider here writes.
# Nor the daprd sidecar: azurerm has no resource for a web app's sidecar containers (main.bicep declares it as
# Microsoft.Web/sites/sitecontainers), so the setup script adds it too.
# The setup script (setup-dapr-identity.sh) does it in these steps:
#   - Write the component file into ./components.
#   - Copy the component file to /home/site/libs/dapr/components on the web app's /home share, which every container of the app sees.
#   - Add daprd as a sidecar container of the web app (a container of this name is updated), reading that folder.
#   - Restart the web app, so the sidecar starts with the component files in place.

# Your web app must carry the identity: add this block to its own resource block.
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
