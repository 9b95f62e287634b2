# Dapr on Azure Kubernetes Service (AKS), Microsoft Entra Workload ID: the identity, its least grants and what
# the azurerm and kubernetes providers can do of the setup script (setup-dapr-identity.sh).
# Dry run (shows what would change, changes nothing): terraform init && terraform plan
# Apply: terraform apply.
# If the setup script ran first, these exist already and terraform apply refuses to create them
# (azurerm: ResourceRequiresImport; kubernetes: "Cannot create resource that already exists").
# A role assignment is the exception: azurerm names it with a new random GUID, so it finds none, and Azure
# refuses a second one of the same role for the same principal and scope (409 RoleAssignmentExists).
# Import each first (terraform import <address> <id>), or delete it:
#   azurerm_user_assigned_identity.app
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders
#   azurerm_federated_identity_credential.service_account
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders/federatedIdentityCredentials/dapr-orders-orders-api
#   kubernetes_service_account_v1.app
#     orders/orders-api
#   kubernetes_manifest.component_1
#     apiVersion=dapr.io/v1alpha1,kind=Component,namespace=orders,name=sql-state
#   kubernetes_manifest.component_2
#     apiVersion=dapr.io/v1alpha1,kind=Component,namespace=orders,name=azurekeyvault
#   azurerm_role_assignment.vault_role
#     the assignment's id, from: az role assignment list --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.KeyVault/vaults/kv-orders' --assignee '<principal id>' --role 4633458b-17de-408a-b874-0445c86b69e6 --query '[0].id' -o tsv
# Workload ID: Entra takes one federated credential per issuer and subject on an identity, and refuses another
# ("Issuer and subject combination already exists for this Managed Identity"). If one for this ServiceAccount
# exists under another name (the setup script keeps one it finds), put its name in place of dapr-orders-orders-api
# in azurerm_federated_identity_credential.service_account and its import id. Its name:
#   az identity federated-credential list --identity-name id-orders --resource-group rg-orders --query "[?issuer=='<issuer>' && subject=='system:serviceaccount:orders:orders-api'].name" -o tsv
#   with <issuer> from: az aks show --resource-group rg-orders --name aks-prod --query oidcIssuerProfile.issuerUrl -o tsv
# A credential of the name dapr-orders-orders-api for another issuer or subject is re-pointed by an apply after its import, and what signs in
# through it fails (AADSTS70021); the setup script stops there instead. Check it first:
#   az identity federated-credential show --name dapr-orders-orders-api --identity-name id-orders --resource-group rg-orders --query '{issuer:issuer,subject:subject}'
# If it names another issuer or subject, do not deploy: use another name in place of dapr-orders-orders-api.
# Needs: Workload ID on the cluster (securityProfile.workloadIdentity.enabled), not only its OIDC issuer: the webhook puts the token in the pods. Both are on when this prints true:
#   az aks show --name aks-prod --resource-group rg-orders --query 'oidcIssuerProfile.enabled && securityProfile.workloadIdentity.enabled' -o tsv
# Otherwise turn both on as the setup script does (Azure CLI 2.47 or later; on a running cluster the issuer changes the ServiceAccount token issuer and restarts the API server, possible downtime, pods that fail afterwards need a restart, and it cannot be turned off again):
#   az aks update --name aks-prod --resource-group rg-orders --enable-oidc-issuer --enable-workload-identity -o none
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

# Your AKS cluster: read, never redeclared here.
data "azurerm_kubernetes_cluster" "host" {
  name                = "aks-prod"
  resource_group_name = var.resource_group_name
}

# Let exactly the ServiceAccount orders-api in namespace orders sign in as the identity (the cluster's OIDC issuer must be on).
# Arguments as azurerm 4.55 requires them; 4.60 deprecates resource_group_name and 4.65 renames parent_id to user_assigned_identity_id (both still accepted until 5.0).
resource "azurerm_federated_identity_credential" "service_account" {
  name                = "dapr-orders-orders-api"
  resource_group_name = var.resource_group_name
  parent_id           = azurerm_user_assigned_identity.app.id
  issuer              = data.azurerm_kubernetes_cluster.host.oidc_issuer_url
  subject             = "system:serviceaccount:orders:orders-api"
  audience            = [
    "api://AzureADTokenExchange",
  ]
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

# The namespace orders must exist, and Dapr's Component CRD with it (the Dapr extension or Helm chart installs it).
# The setup script patches the app's Deployment (components/deployment-patch.yaml) and waits for its new pods; Terraform does not own the Deployment.
# Each component sets field_manager force_conflicts: once imported, it takes over the fields the setup script's kubectl apply wrote (without it, an apply that changes one of them fails with a server-side apply conflict); it also overrides any edit made by hand or by another tool, which terraform plan shows first.
# After an apply that changes a component or the ServiceAccount's annotation, restart the app's pods: kubectl --context aks-prod rollout restart deployment/orders-api -n orders
# The ServiceAccount your pods run as; Workload ID trusts exactly this one.
resource "kubernetes_service_account_v1" "app" {
  metadata {
    name        = "orders-api"
    namespace   = "orders"
    annotations = {
      "azure.workload.identity/client-id" = azurerm_user_assigned_identity.app.client_id
      "dapr-mi-wizard/created"            = "true"
    }
  }
  lifecycle {
    ignore_changes = [metadata[0].annotations["dapr-mi-wizard/created"]]
  }
}

# The Dapr component sql-state: Azure SQL state store.
resource "kubernetes_manifest" "component_1" {
  manifest = {
    apiVersion = "dapr.io/v1alpha1"
    kind       = "Component"
    metadata   = {
      name        = "sql-state"
      namespace   = "orders"
      annotations = {
        "dapr-mi-wizard/created" = "true"
      }
    }
    spec       = {
      type     = "state.sqlserver"
      version  = "v2"
      metadata = [
        {
          name  = "useAzureAD"
          value = "true"
        },
        {
          name  = "connectionString"
          value = "sqlserver://sql-orders.database.windows.net:1433?database=orders"
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

# The Dapr component azurekeyvault: Azure Key Vault secret store.
resource "kubernetes_manifest" "component_2" {
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

# Not here (a grant inside the database, which azurerm cannot make): the setup script's step "Add the identity to the database orders on sql-orders as id-orders (db_ddladmin, db_datareader, db_datawriter, EXECUTE ON SCHEMA::dbo, REFERENCES ON SCHEMA::dbo)."

output "principal_id" {
  value = local.principal_id
}

output "client_id" {
  value = azurerm_user_assigned_identity.app.client_id
}
