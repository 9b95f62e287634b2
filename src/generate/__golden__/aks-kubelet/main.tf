# Dapr on Azure Kubernetes Service (AKS), Node pool's kubelet identity: the identity, its least grants and what
# the azurerm and kubernetes providers can do of the setup script (setup-dapr-identity.sh).
# Dry run (shows what would change, changes nothing): terraform init && terraform plan
# Apply: terraform apply.
# If the setup script ran first, these exist already and terraform apply refuses to create them
# (azurerm: ResourceRequiresImport; kubernetes: "Cannot create resource that already exists").
# A role assignment is the exception: azurerm names it with a new random GUID, so it finds none, and Azure
# refuses a second one of the same role for the same principal and scope (409 RoleAssignmentExists).
# Import each first (terraform import <address> <id>), or delete it:
#   kubernetes_manifest.component_1
#     apiVersion=dapr.io/v1alpha1,kind=Component,namespace=orders,name=azurekeyvault
#   azurerm_role_assignment.vault_role
#     the assignment's id, from: az role assignment list --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.KeyVault/vaults/kv-orders' --assignee '<principal id>' --role 4633458b-17de-408a-b874-0445c86b69e6 --query '[0].id' -o tsv
terraform {
  required_providers {
    azurerm    = {
      source  = "hashicorp/azurerm"
      version = "~> 4.55"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.38"
    }
  }
}

provider "azurerm" {
  features {}
  subscription_id = var.subscription_id
}

# The cluster from your kubeconfig: az aks get-credentials --resource-group rg-orders --name aks-prod
# (with Microsoft Entra sign-in on the cluster, then: kubelogin convert-kubeconfig -l azurecli --context aks-prod).
provider "kubernetes" {
  config_path    = "~/.kube/config"
  config_context = "aks-prod"
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

# Your AKS cluster: read, never redeclared here.
data "azurerm_kubernetes_cluster" "host" {
  name                = "aks-prod"
  resource_group_name = var.resource_group_name
}

locals {
  # The principal that receives every grant: your AKS cluster's node pool's kubelet identity.
  principal_id = data.azurerm_kubernetes_cluster.host.kubelet_identity[0].object_id
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

# The namespace orders must exist, and Dapr's Component CRD with it (the Dapr extension or Helm chart installs it).
# The setup script patches the app's Deployment (components/deployment-patch.yaml) and waits for its new pods; Terraform does not own the Deployment.
# Each component sets field_manager force_conflicts: once imported, it takes over the fields the setup script's kubectl apply wrote (without it, an apply that changes one of them fails with a server-side apply conflict); it also overrides any edit made by hand or by another tool, which terraform plan shows first.
# After an apply that changes a component, restart the app's pods: kubectl --context aks-prod rollout restart deployment/orders-api -n orders
# The Dapr component azurekeyvault: Azure Key Vault secret store.
resource "kubernetes_manifest" "component_1" {
  manifest = {
    apiVersion = "dapr.io/v1alpha1"
    kind       = "Component"
    metadata   = {
      name        = "azurekeyvault"
      namespace   = "orders"
      annotations = {
        "dapr-mi-wizard/created" = "true"
      }
    }
    spec       = {
      type     = "secretstores.azure.keyvault"
      version  = "v1"
      metadata = [
        {
          name  = "vaultName"
          value = "kv-orders"
        },
        {
          name  = "azureClientId"
          value = data.azurerm_kubernetes_cluster.host.kubelet_identity[0].client_id
        },
      ]
    }
    scopes     = [
      "orders-api",
    ]
  }
  field_manager {
    force_conflicts = true
  }
}

output "principal_id" {
  value = local.principal_id
}
