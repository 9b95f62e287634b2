# Dapr on Azure Kubernetes Service (AKS), Microsoft Entra Workload ID: the identity, its least grants and what
# the azurerm and kubernetes providers can do of the setup script (setup-dapr-identity.sh).
# Dry run (shows what would change, changes nothing): terraform init && terraform plan
# Apply: terraform apply.
# If the setup script ran first, these exist already and terraform apply refuses to create them
# (azurerm: ResourceRequiresImport; kubernetes: "Cannot create resource that already exists").
# Import each first (terraform import <address> <id>), or delete it:
#   azurerm_federated_identity_credential.service_account
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders/federatedIdentityCredentials/dapr-default-orders-api
#   kubernetes_service_account_v1.app
#     default/orders-api
#   kubernetes_manifest.component_1
#     apiVersion=dapr.io/v1alpha1,kind=Component,namespace=default,name=azurekeyvault
#   azurerm_key_vault_access_policy.vault_access_policy
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.KeyVault/vaults/kv-orders/objectId/<principal id>
# azurerm_key_vault_access_policy, once imported: an apply that changes it replaces the whole entry of this
# principal in the vault with exactly the permissions here (azurerm updates access policies with 'replace'): any
# other permission that entry holds (one given by hand, beyond those here) is removed. main.bicep's 'add' merges instead.
# Workload ID: Entra takes one federated credential per issuer and subject on an identity, and refuses another
# ("Issuer and subject combination already exists for this Managed Identity"). If one for this ServiceAccount
# exists under another name (the setup script keeps one it finds), put its name in place of dapr-default-orders-api
# in azurerm_federated_identity_credential.service_account and its import id. Its name:
#   az identity federated-credential list --identity-name id-orders --subscription 'Contoso Production' --resource-group rg-orders --query "[?issuer=='<issuer>' && subject=='system:serviceaccount:default:orders-api'].name" -o tsv
#   with <issuer> from: az aks show --subscription 'Contoso Production' --resource-group rg-orders --name aks-prod --query oidcIssuerProfile.issuerUrl -o tsv
# A credential of the name dapr-default-orders-api for another issuer or subject is re-pointed by an apply after its import, and what signs in
# through it fails (AADSTS70021); the setup script stops there instead. Check it first:
#   az identity federated-credential show --name dapr-default-orders-api --identity-name id-orders --subscription 'Contoso Production' --resource-group rg-orders --query '{issuer:issuer,subject:subject}'
# If it names another issuer or subject, do not deploy: use another name in place of dapr-default-orders-api.
# Needs: Workload ID on the cluster (securityProfile.workloadIdentity.enabled), not only its OIDC issuer: the webhook puts the token in the pods. Both are on when this prints true:
#   az aks show --subscription 'Contoso Production' --name aks-prod --resource-group rg-orders --query 'oidcIssuerProfile.enabled && securityProfile.workloadIdentity.enabled' -o tsv
# Otherwise turn both on as the setup script does (Azure CLI 2.47 or later; on a running cluster the issuer changes the ServiceAccount token issuer and restarts the API server, possible downtime, pods that fail afterwards need a restart, and it cannot be turned off again):
#   az aks update --subscription 'Contoso Production' --name aks-prod --resource-group rg-orders --enable-oidc-issuer --enable-workload-identity -o none
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

# The cluster from your kubeconfig: az aks get-credentials --subscription 'Contoso Production' --resource-group rg-orders --name aks-prod
# (with Microsoft Entra sign-in on the cluster, then: kubelogin convert-kubeconfig -l azurecli --context aks-prod).
provider "kubernetes" {
  config_path    = "~/.kube/config"
  config_context = "aks-prod"
}

variable "subscription_id" {
  type        = string
  description = "The id of the subscription Contoso Production (az account show --subscription 'Contoso Production' --query id -o tsv)."
}

variable "resource_group_name" {
  type        = string
  description = "The resource group of the host and the identity."
  default     = "rg-orders"
}

data "azurerm_client_config" "current" {}

# The user-assigned identity the app signs in with: yours, read, never created or managed here (terraform
# destroy leaves it). The plan fails if it is missing, or if its client id is not the one entered in the wizard,
# which the component files carry.
data "azurerm_user_assigned_identity" "app" {
  name                = "id-orders"
  resource_group_name = var.resource_group_name
  lifecycle {
    postcondition {
      condition     = self.client_id == "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"
      error_message = "The identity id-orders has another client id than the one entered in the wizard (6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b): correct it there."
    }
  }
}

# Your AKS cluster: read, never redeclared here.
data "azurerm_kubernetes_cluster" "host" {
  name                = "aks-prod"
  resource_group_name = var.resource_group_name
}

# Let exactly the ServiceAccount orders-api in namespace default sign in as the identity (the cluster's OIDC issuer must be on).
# Arguments as azurerm 4.55 requires them; 4.60 deprecates resource_group_name and 4.65 renames parent_id to user_assigned_identity_id (both still accepted until 5.0).
resource "azurerm_federated_identity_credential" "service_account" {
  name                = "dapr-default-orders-api"
  resource_group_name = var.resource_group_name
  parent_id           = data.azurerm_user_assigned_identity.app.id
  issuer              = data.azurerm_kubernetes_cluster.host.oidc_issuer_url
  subject             = "system:serviceaccount:default:orders-api"
  audience            = [
    "api://AzureADTokenExchange",
  ]
}

locals {
  # The principal that receives every grant: the identity's.
  principal_id = data.azurerm_user_assigned_identity.app.principal_id
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

# The namespace default must exist, and Dapr's Component CRD with it (the Dapr extension or Helm chart installs it).
# The setup script patches the app's Deployment (components/deployment-patch.yaml) and waits for its new pods; Terraform does not own the Deployment.
# Each component sets field_manager force_conflicts: once imported, it takes over the fields the setup script's kubectl apply wrote (without it, an apply that changes one of them fails with a server-side apply conflict); it also overrides any edit made by hand or by another tool, which terraform plan shows first.
# After an apply that changes a component or the ServiceAccount's annotation, restart the app's pods: kubectl --context aks-prod rollout restart deployment/orders-api -n default
# The ServiceAccount your pods run as; Workload ID trusts exactly this one.
resource "kubernetes_service_account_v1" "app" {
  metadata {
    name        = "orders-api"
    namespace   = "default"
    annotations = {
      "azure.workload.identity/client-id" = data.azurerm_user_assigned_identity.app.client_id
      "dapr-mi-wizard/created"            = "true"
    }
  }
  lifecycle {
    ignore_changes = [metadata[0].annotations["dapr-mi-wizard/created"]]
  }
}

# The Dapr component azurekeyvault: Azure Key Vault secret store.
resource "kubernetes_manifest" "component_1" {
  manifest = {
    apiVersion = "dapr.io/v1alpha1"
    kind       = "Component"
    metadata   = {
      name        = "azurekeyvault"
      namespace   = "default"
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

output "principal_id" {
  value = local.principal_id
}

output "client_id" {
  value = data.azurerm_user_assigned_identity.app.client_id
}
