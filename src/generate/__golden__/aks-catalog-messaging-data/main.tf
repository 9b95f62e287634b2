# Dapr on Azure Kubernetes Service (AKS), Microsoft Entra Workload ID: the identity, its least grants and what
# the azurerm and kubernetes providers can do of the setup script (setup-dapr-identity.sh).
# Dry run (shows what would change, changes nothing): terraform init && terraform plan
# Apply: terraform apply.
# If the setup script ran first, these exist already and terraform apply refuses to create them
# (azurerm: ResourceRequiresImport; kubernetes: "Cannot create resource that already exists").
# A role assignment is the exception: azurerm names it with a new random GUID, so it finds none, and Azure
# refuses a second one of the same role for the same principal and scope (409 RoleAssignmentExists).
# Nor does azurerm find an existing Cosmos DB role assignment (a new random name too); whether Cosmos DB then
# refuses the second or makes it is not confirmed: import it.
# Import each first (terraform import <address> <id>), or delete it:
#   azurerm_user_assigned_identity.app
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders
#   azurerm_federated_identity_credential.service_account
#     /subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders/federatedIdentityCredentials/dapr-orders-orders-api
#   kubernetes_service_account_v1.app
#     orders/orders-api
#   kubernetes_manifest.component_1
#     apiVersion=dapr.io/v1alpha1,kind=Component,namespace=orders,name=queue-pubsub
#   kubernetes_manifest.component_2
#     apiVersion=dapr.io/v1alpha1,kind=Component,namespace=orders,name=pubsub
#   kubernetes_manifest.component_3
#     apiVersion=dapr.io/v1alpha1,kind=Component,namespace=orders,name=servicebus-binding
#   kubernetes_manifest.component_4
#     apiVersion=dapr.io/v1alpha1,kind=Component,namespace=orders,name=eh-pubsub
#   kubernetes_manifest.component_5
#     apiVersion=dapr.io/v1alpha1,kind=Component,namespace=orders,name=eventhubs-binding
#   kubernetes_manifest.component_6
#     apiVersion=dapr.io/v1alpha1,kind=Component,namespace=orders,name=cosmos-state
#   kubernetes_manifest.component_7
#     apiVersion=dapr.io/v1alpha1,kind=Component,namespace=orders,name=cosmosdb-binding
#   kubernetes_manifest.component_8
#     apiVersion=dapr.io/v1alpha1,kind=Component,namespace=orders,name=configstore
#   kubernetes_manifest.component_9
#     apiVersion=dapr.io/v1alpha1,kind=Component,namespace=orders,name=openai-binding
#   kubernetes_manifest.component_10
#     apiVersion=dapr.io/v1alpha1,kind=Component,namespace=orders,name=signalr-binding
#   azurerm_role_assignment.servicebus_namespace_role
#     the assignment's id, from: az role assignment list --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.ServiceBus/namespaces/sb-orders' --assignee '<principal id>' --role 090c5cfd-751d-490a-894a-3ce6f1109419 --query '[0].id' -o tsv
#   azurerm_role_assignment.eventhubs_namespace_role
#     the assignment's id, from: az role assignment list --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.EventHub/namespaces/eh-orders' --assignee '<principal id>' --role a638d3c7-ab3a-418d-83e6-5f17a39d4fde --query '[0].id' -o tsv
#   azurerm_role_assignment.storage_account_role
#     the assignment's id, from: az role assignment list --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.Storage/storageAccounts/stcheckpoints' --assignee '<principal id>' --role ba92f5b4-2d11-453d-a403-e96b0029c9fe --query '[0].id' -o tsv
#   azurerm_role_assignment.eventhub_role
#     the assignment's id, from: az role assignment list --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.EventHub/namespaces/eh-orders/eventhubs/telemetry' --assignee '<principal id>' --role 2b629674-e913-4c01-ae53-ef4638d8f975 --query '[0].id' -o tsv
#   azurerm_role_assignment.eventhub_role_2
#     the assignment's id, from: az role assignment list --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.EventHub/namespaces/eh-orders/eventhubs/telemetry' --assignee '<principal id>' --role a638d3c7-ab3a-418d-83e6-5f17a39d4fde --query '[0].id' -o tsv
#   azurerm_cosmosdb_sql_role_assignment.cosmos_account_data_role
#     the assignment's id, from: az cosmosdb sql role assignment list --account-name cosmos-orders --resource-group rg-orders --query '[?principalId=='\''<principal id>'\'' && ends_with(roleDefinitionId, '\''/00000000-0000-0000-0000-000000000002'\'') && !contains(scope, '\''/dbs/'\'')].id' -o tsv
#   azurerm_role_assignment.appconfig_store_role
#     the assignment's id, from: az role assignment list --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.AppConfiguration/configurationStores/appcs-orders' --assignee '<principal id>' --role 516239f1-63e1-4d78-a4de-a74fb236a071 --query '[0].id' -o tsv
#   azurerm_role_assignment.openai_account_role
#     the assignment's id, from: az role assignment list --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.CognitiveServices/accounts/oai-orders' --assignee '<principal id>' --role 5e0bd9bd-7b93-4f28-af87-19fc36ad61bd --query '[0].id' -o tsv
#   azurerm_role_assignment.signalr_role
#     the assignment's id, from: az role assignment list --scope '/subscriptions/<subscription id>/resourceGroups/rg-orders/providers/Microsoft.SignalRService/signalR/signalr-orders' --assignee '<principal id>' --role fd53cd77-2268-407a-8f46-7e7863d0f521 --query '[0].id' -o tsv
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
# Needs: Component servicebus-binding: the Service Bus queue invoices in sb-orders; with entity management off Dapr does not create it: az servicebus queue create --namespace-name sb-orders --name invoices --resource-group rg-orders
# Needs: Component cosmos-state: the container state of the database orders in the Cosmos DB account cosmos-orders, with the one partition key path /partitionKey (the Dapr state store writes the partition key in the partitionKey property); Dapr reads it, and its data-plane role creates neither: az cosmosdb sql container create --account-name cosmos-orders --database-name orders --name state --partition-key-path /partitionKey --resource-group rg-orders (the database first, if missing: az cosmosdb sql database create --account-name cosmos-orders --name orders --resource-group rg-orders).
# Needs: Component cosmosdb-binding: the container events of the database orders in the Cosmos DB account cosmos-orders, with the one partition key path /orderId (the binding sends each item's orderId value as its partition key); Dapr reads it, and its data-plane role creates neither: az cosmosdb sql container create --account-name cosmos-orders --database-name orders --name events --partition-key-path /orderId --resource-group rg-orders (the database first, if missing: az cosmosdb sql database create --account-name cosmos-orders --name orders --resource-group rg-orders).
# Needs: Component queue-pubsub: Dapr creates no queue, and each topic is a queue of that name, which must exist before the app publishes to or subscribes to it. For each topic: az servicebus queue create --namespace-name sb-orders --name <topic> --resource-group rg-orders
# Needs: Component eh-pubsub: each topic is an event hub of that name, which Dapr does not create: az eventhubs eventhub create --namespace-name eh-orders --name <topic> --resource-group rg-orders
# Needs: Each event hub it subscribes to needs the consumer group orders-api, which Dapr does not create; where it is missing: az eventhubs eventhub consumer-group create --namespace-name eh-orders --eventhub-name <topic> --name orders-api --resource-group rg-orders
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

# The Service Bus namespace sb-orders in rg-orders.
data "azurerm_servicebus_namespace" "servicebus_namespace" {
  name                = "sb-orders"
  resource_group_name = var.resource_group_name
}

# The Event Hubs namespace eh-orders in rg-orders.
data "azurerm_eventhub_namespace" "eventhubs_namespace" {
  name                = "eh-orders"
  resource_group_name = var.resource_group_name
}

# The Checkpoint storage account stcheckpoints in rg-orders.
data "azurerm_storage_account" "storage_account" {
  name                = "stcheckpoints"
  resource_group_name = var.resource_group_name
}

# The Event hub telemetry in rg-orders.
data "azurerm_eventhub" "eventhub" {
  name                = "telemetry"
  namespace_name      = data.azurerm_eventhub_namespace.eventhubs_namespace.name
  resource_group_name = var.resource_group_name
}

# The Cosmos DB account cosmos-orders in rg-orders.
data "azurerm_cosmosdb_account" "cosmos_account" {
  name                = "cosmos-orders"
  resource_group_name = var.resource_group_name
}

# The App Configuration store appcs-orders in rg-orders.
data "azurerm_app_configuration" "appconfig_store" {
  name                = "appcs-orders"
  resource_group_name = var.resource_group_name
}

# The Azure OpenAI account oai-orders in rg-orders.
data "azurerm_cognitive_account" "openai_account" {
  name                = "oai-orders"
  resource_group_name = var.resource_group_name
}

# The SignalR service signalr-orders in rg-orders.
data "azurerm_signalr_service" "signalr" {
  name                = "signalr-orders"
  resource_group_name = var.resource_group_name
}

# Azure Service Bus Data Owner (built-in role 090c5cfd-751d-490a-894a-3ce6f1109419) on Service Bus namespace sb-orders only, for pubsub, queue-pubsub, servicebus-binding.
resource "azurerm_role_assignment" "servicebus_namespace_role" {
  scope              = data.azurerm_servicebus_namespace.servicebus_namespace.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/090c5cfd-751d-490a-894a-3ce6f1109419"
  principal_id       = local.principal_id
  principal_type     = "ServicePrincipal"
  description        = "Created by the Dapr Managed Identity Wizard"
  lifecycle {
    ignore_changes = [description]
  }
}

# Azure Event Hubs Data Receiver (built-in role a638d3c7-ab3a-418d-83e6-5f17a39d4fde) on Event Hubs namespace eh-orders only, for eh-pubsub.
resource "azurerm_role_assignment" "eventhubs_namespace_role" {
  scope              = data.azurerm_eventhub_namespace.eventhubs_namespace.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/a638d3c7-ab3a-418d-83e6-5f17a39d4fde"
  principal_id       = local.principal_id
  principal_type     = "ServicePrincipal"
  description        = "Created by the Dapr Managed Identity Wizard"
  lifecycle {
    ignore_changes = [description]
  }
}

# Storage Blob Data Contributor (built-in role ba92f5b4-2d11-453d-a403-e96b0029c9fe) on Checkpoint storage account stcheckpoints only, for eh-pubsub, eventhubs-binding.
resource "azurerm_role_assignment" "storage_account_role" {
  scope              = data.azurerm_storage_account.storage_account.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe"
  principal_id       = local.principal_id
  principal_type     = "ServicePrincipal"
  description        = "Created by the Dapr Managed Identity Wizard"
  lifecycle {
    ignore_changes = [description]
  }
}

# Azure Event Hubs Data Sender (built-in role 2b629674-e913-4c01-ae53-ef4638d8f975) on Event hub telemetry only, for eventhubs-binding.
resource "azurerm_role_assignment" "eventhub_role" {
  scope              = data.azurerm_eventhub.eventhub.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/2b629674-e913-4c01-ae53-ef4638d8f975"
  principal_id       = local.principal_id
  principal_type     = "ServicePrincipal"
  description        = "Created by the Dapr Managed Identity Wizard"
  lifecycle {
    ignore_changes = [description]
  }
}

# Azure Event Hubs Data Receiver (built-in role a638d3c7-ab3a-418d-83e6-5f17a39d4fde) on Event hub telemetry only, for eventhubs-binding.
resource "azurerm_role_assignment" "eventhub_role_2" {
  scope              = data.azurerm_eventhub.eventhub.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/a638d3c7-ab3a-418d-83e6-5f17a39d4fde"
  principal_id       = local.principal_id
  principal_type     = "ServicePrincipal"
  description        = "Created by the Dapr Managed Identity Wizard"
  lifecycle {
    ignore_changes = [description]
  }
}

# Cosmos DB data-plane role Cosmos DB Built-in Data Contributor (00000000-0000-0000-0000-000000000002) on the account cosmos-orders, for cosmos-state, cosmosdb-binding.
resource "azurerm_cosmosdb_sql_role_assignment" "cosmos_account_data_role" {
  resource_group_name = data.azurerm_cosmosdb_account.cosmos_account.resource_group_name
  account_name        = data.azurerm_cosmosdb_account.cosmos_account.name
  role_definition_id  = "${data.azurerm_cosmosdb_account.cosmos_account.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002"
  principal_id        = local.principal_id
  scope               = data.azurerm_cosmosdb_account.cosmos_account.id
}

# App Configuration Data Reader (built-in role 516239f1-63e1-4d78-a4de-a74fb236a071) on App Configuration store appcs-orders only, for configstore.
resource "azurerm_role_assignment" "appconfig_store_role" {
  scope              = data.azurerm_app_configuration.appconfig_store.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/516239f1-63e1-4d78-a4de-a74fb236a071"
  principal_id       = local.principal_id
  principal_type     = "ServicePrincipal"
  description        = "Created by the Dapr Managed Identity Wizard"
  lifecycle {
    ignore_changes = [description]
  }
}

# Cognitive Services OpenAI User (built-in role 5e0bd9bd-7b93-4f28-af87-19fc36ad61bd) on Azure OpenAI account oai-orders only, for openai-binding.
resource "azurerm_role_assignment" "openai_account_role" {
  scope              = data.azurerm_cognitive_account.openai_account.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"
  principal_id       = local.principal_id
  principal_type     = "ServicePrincipal"
  description        = "Created by the Dapr Managed Identity Wizard"
  lifecycle {
    ignore_changes = [description]
  }
}

# SignalR REST API Owner (built-in role fd53cd77-2268-407a-8f46-7e7863d0f521) on SignalR service signalr-orders only, for signalr-binding.
resource "azurerm_role_assignment" "signalr_role" {
  scope              = data.azurerm_signalr_service.signalr.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/fd53cd77-2268-407a-8f46-7e7863d0f521"
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

# The Dapr component queue-pubsub: Azure Service Bus queues pub/sub.
resource "kubernetes_manifest" "component_1" {
  manifest = {
    apiVersion = "dapr.io/v1alpha1"
    kind       = "Component"
    metadata   = {
      name        = "queue-pubsub"
      namespace   = "orders"
      annotations = {
        "dapr-mi-wizard/created" = "true"
      }
    }
    spec       = {
      type     = "pubsub.azure.servicebus.queues"
      version  = "v1"
      metadata = [
        {
          name  = "namespaceName"
          value = "sb-orders.servicebus.windows.net"
        },
        {
          name  = "disableEntityManagement"
          value = "true"
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

# The Dapr component pubsub: Azure Service Bus topics pub/sub.
resource "kubernetes_manifest" "component_2" {
  manifest = {
    apiVersion = "dapr.io/v1alpha1"
    kind       = "Component"
    metadata   = {
      name        = "pubsub"
      namespace   = "orders"
      annotations = {
        "dapr-mi-wizard/created" = "true"
      }
    }
    spec       = {
      type     = "pubsub.azure.servicebus.topics"
      version  = "v1"
      metadata = [
        {
          name  = "namespaceName"
          value = "sb-orders.servicebus.windows.net"
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

# The Dapr component servicebus-binding: Azure Service Bus queue binding.
resource "kubernetes_manifest" "component_3" {
  manifest = {
    apiVersion = "dapr.io/v1alpha1"
    kind       = "Component"
    metadata   = {
      name        = "servicebus-binding"
      namespace   = "orders"
      annotations = {
        "dapr-mi-wizard/created" = "true"
      }
    }
    spec       = {
      type     = "bindings.azure.servicebus.queues"
      version  = "v1"
      metadata = [
        {
          name  = "namespaceName"
          value = "sb-orders.servicebus.windows.net"
        },
        {
          name  = "queueName"
          value = "invoices"
        },
        {
          name  = "disableEntityManagement"
          value = "true"
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

# The Dapr component eh-pubsub: Azure Event Hubs pub/sub.
resource "kubernetes_manifest" "component_4" {
  manifest = {
    apiVersion = "dapr.io/v1alpha1"
    kind       = "Component"
    metadata   = {
      name        = "eh-pubsub"
      namespace   = "orders"
      annotations = {
        "dapr-mi-wizard/created" = "true"
      }
    }
    spec       = {
      type     = "pubsub.azure.eventhubs"
      version  = "v1"
      metadata = [
        {
          name  = "eventHubNamespace"
          value = "eh-orders.servicebus.windows.net"
        },
        {
          name  = "storageAccountName"
          value = "stcheckpoints"
        },
        {
          name  = "storageContainerName"
          value = "checkpoints"
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

# The Dapr component eventhubs-binding: Azure Event Hubs binding.
resource "kubernetes_manifest" "component_5" {
  manifest = {
    apiVersion = "dapr.io/v1alpha1"
    kind       = "Component"
    metadata   = {
      name        = "eventhubs-binding"
      namespace   = "orders"
      annotations = {
        "dapr-mi-wizard/created" = "true"
      }
    }
    spec       = {
      type     = "bindings.azure.eventhubs"
      version  = "v1"
      metadata = [
        {
          name  = "eventHubNamespace"
          value = "eh-orders.servicebus.windows.net"
        },
        {
          name  = "eventHub"
          value = "telemetry"
        },
        {
          name  = "consumerID"
          value = "$Default"
        },
        {
          name  = "storageAccountName"
          value = "stcheckpoints"
        },
        {
          name  = "storageContainerName"
          value = "checkpoints"
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

# The Dapr component cosmos-state: Azure Cosmos DB state store.
resource "kubernetes_manifest" "component_6" {
  manifest = {
    apiVersion = "dapr.io/v1alpha1"
    kind       = "Component"
    metadata   = {
      name        = "cosmos-state"
      namespace   = "orders"
      annotations = {
        "dapr-mi-wizard/created" = "true"
      }
    }
    spec       = {
      type     = "state.azure.cosmosdb"
      version  = "v1"
      metadata = [
        {
          name  = "url"
          value = "https://cosmos-orders.documents.azure.com:443/"
        },
        {
          name  = "database"
          value = "orders"
        },
        {
          name  = "collection"
          value = "state"
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

# The Dapr component cosmosdb-binding: Azure Cosmos DB binding.
resource "kubernetes_manifest" "component_7" {
  manifest = {
    apiVersion = "dapr.io/v1alpha1"
    kind       = "Component"
    metadata   = {
      name        = "cosmosdb-binding"
      namespace   = "orders"
      annotations = {
        "dapr-mi-wizard/created" = "true"
      }
    }
    spec       = {
      type     = "bindings.azure.cosmosdb"
      version  = "v1"
      metadata = [
        {
          name  = "url"
          value = "https://cosmos-orders.documents.azure.com:443/"
        },
        {
          name  = "database"
          value = "orders"
        },
        {
          name  = "collection"
          value = "events"
        },
        {
          name  = "partitionKey"
          value = "orderId"
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

# The Dapr component configstore: Azure App Configuration store.
resource "kubernetes_manifest" "component_8" {
  manifest = {
    apiVersion = "dapr.io/v1alpha1"
    kind       = "Component"
    metadata   = {
      name        = "configstore"
      namespace   = "orders"
      annotations = {
        "dapr-mi-wizard/created" = "true"
      }
    }
    spec       = {
      type     = "configuration.azure.appconfig"
      version  = "v1"
      metadata = [
        {
          name  = "host"
          value = "https://appcs-orders.azconfig.io"
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

# The Dapr component openai-binding: Azure OpenAI binding.
resource "kubernetes_manifest" "component_9" {
  manifest = {
    apiVersion = "dapr.io/v1alpha1"
    kind       = "Component"
    metadata   = {
      name        = "openai-binding"
      namespace   = "orders"
      annotations = {
        "dapr-mi-wizard/created" = "true"
      }
    }
    spec       = {
      type     = "bindings.azure.openai"
      version  = "v1"
      metadata = [
        {
          name  = "endpoint"
          value = "https://oai-orders.openai.azure.com/"
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

# The Dapr component signalr-binding: Azure SignalR binding.
resource "kubernetes_manifest" "component_10" {
  manifest = {
    apiVersion = "dapr.io/v1alpha1"
    kind       = "Component"
    metadata   = {
      name        = "signalr-binding"
      namespace   = "orders"
      annotations = {
        "dapr-mi-wizard/created" = "true"
      }
    }
    spec       = {
      type     = "bindings.azure.signalr"
      version  = "v1"
      metadata = [
        {
          name  = "endpoint"
          value = "https://signalr-orders.service.signalr.net"
        },
        {
          name  = "hub"
          value = "orders"
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
  value = azurerm_user_assigned_identity.app.client_id
}
