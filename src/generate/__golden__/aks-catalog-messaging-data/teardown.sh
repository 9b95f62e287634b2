#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of 10 Dapr components on Azure Kubernetes Service (AKS), Microsoft Entra Workload ID (recommended).
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#resourceGroup=rg-orders&hostName=aks-prod&identityName=id-orders&namespace=orders&serviceAccount=orders-api&deployment=orders-api&appId=orders-api&appPort=8080&component=pubsub.azure.servicebus.queues&name=queue-pubsub&m.namespaceName=sb-orders.servicebus.windows.net&c2.component=pubsub.azure.servicebus.topics&c2.m.namespaceName=sb-orders.servicebus.windows.net&c2.entityManagement=dapr&c3.component=bindings.azure.servicebus.queues&c3.m.namespaceName=sb-orders.servicebus.windows.net&c3.m.queueName=invoices&c4.component=pubsub.azure.eventhubs&c4.name=eh-pubsub&c4.m.eventHubNamespace=eh-orders.servicebus.windows.net&c4.m.storageAccountName=stcheckpoints&c4.m.storageContainerName=checkpoints&c4.ehAccess=subscribe&c5.component=bindings.azure.eventhubs&c5.m.eventHubNamespace=eh-orders.servicebus.windows.net&c5.m.eventHub=telemetry&c5.m.consumerID=%24Default&c5.m.storageAccountName=stcheckpoints&c5.m.storageContainerName=checkpoints&c5.ehDirection=both&c6.component=state.azure.cosmosdb&c6.name=cosmos-state&c6.m.url=https%3A%2F%2Fcosmos-orders.documents.azure.com%3A443%2F&c6.m.database=orders&c6.m.collection=state&c7.component=bindings.azure.cosmosdb&c7.m.url=https%3A%2F%2Fcosmos-orders.documents.azure.com%3A443%2F&c7.m.database=orders&c7.m.collection=events&c7.m.partitionKey=orderId&c8.component=configuration.azure.appconfig&c8.m.host=https%3A%2F%2Fappcs-orders.azconfig.io&c9.component=bindings.azure.openai&c9.m.endpoint=https%3A%2F%2Foai-orders.openai.azure.com%2F&c10.component=bindings.azure.signalr&c10.m.endpoint=https%3A%2F%2Fsignalr-orders.service.signalr.net&c10.m.hub=orders
# Takes back what setup-dapr-identity.sh added: the grants (database users last among them), then the host's
# own changes, the identity only if asked. Role assignments carry the setup's description and an identity its tag; where the
# setup leaves no mark (access policies, database users of its names), what
# has those names and still names this identity is taken to be the setup's. A grant that another setup for
# this identity also relies on goes too: both made the same one.
# The federated credential carries no mark either: it is deleted by its name while it trusts exactly this
# cluster's issuer and this ServiceAccount, so one of that name and trust made before the setup goes too.
# The components and the ServiceAccount carry the setup's dapr-mi-wizard/created mark; a setup run stopped between
# applying one and marking it leaves it unmarked, and the teardown then keeps it and says so.
# Safe to run again: every step looks before it removes.
# Dry run: DRY_RUN=1 bash teardown-dapr-identity.sh prints each command that would remove something instead of running it.
# Run it with Bash after `az login`.
# DELETE_IDENTITY=1 also deletes the identity id-orders, if the setup created it (tag createdBy=dapr-mi-wizard).

RESOURCE_GROUP=rg-orders
CLUSTER_NAME=aks-prod
IDENTITY_NAME=id-orders
NAMESPACE=orders
DEPLOYMENT_NAME=orders-api
SERVICE_ACCOUNT=orders-api
FEDERATED_CREDENTIAL_NAME=dapr-orders-orders-api
SERVICEBUS_NAMESPACE_NAME=sb-orders
EVENTHUBS_NAMESPACE_NAME=eh-orders
STORAGE_ACCOUNT_NAME=stcheckpoints
EVENTHUB_NAME=telemetry
COSMOS_ACCOUNT_NAME=cosmos-orders
APPCONFIG_STORE_NAME=appcs-orders
OPENAI_ACCOUNT_NAME=oai-orders
SIGNALR_NAME=signalr-orders

DELETE_IDENTITY="${DELETE_IDENTITY:-0}"

set -euo pipefail

# With DRY_RUN=1 in the environment, each command that would change something is printed, not run.
run() {
  if [ "${DRY_RUN:-}" = 1 ]; then
    printf 'DRY RUN, not run:' >&2
    printf ' %q' "$@" >&2
    printf '\n' >&2
    return 0
  fi
  "$@"
}
# NAME COMMAND...: a changing command whose output is a value; a dry run uses a placeholder for it.
run_or_placeholder() {
  local name=$1
  shift
  if [ "${DRY_RUN:-}" != 1 ]; then
    "$@"
    return
  fi
  run "$@"
  printf 'DRY RUN: %s stands in as dry-run:%s\n' "$name" "$name" >&2
  printf 'dry-run:%s\n' "$name"
}
# NAME COMMAND...: a lookup of what a changing command makes; a dry run, which skipped that, may find nothing.
read_or_placeholder() {
  local name=$1 value
  shift
  if [ "${DRY_RUN:-}" != 1 ]; then
    "$@"
    return
  fi
  if value=$("$@" 2>/dev/null) && [ -n "$value" ]; then
    printf '%s\n' "$value"
  else
    printf 'DRY RUN: %s is not there before the skipped commands run; it stands in as dry-run:%s\n' "$name" "$name" >&2
    printf 'dry-run:%s\n' "$name"
  fi
}
# COMMAND...: a check of what a changing command makes; a dry run, which skipped that, may find nothing.
read_after_change() {
  if [ "${DRY_RUN:-}" != 1 ]; then
    "$@"
    return
  fi
  "$@" 2>/dev/null || printf 'DRY RUN: not there before the skipped commands run: %s\n' "$*" >&2
}

# Git Bash on Windows would rewrite arguments that start with / (scopes, resource ids) into Windows paths.
export MSYS_NO_PATHCONV=1

# Look up the resources the setup granted on (each grant is on one of them); one that is gone is skipped.
SERVICEBUS_NAMESPACE_ID=$(az servicebus namespace show \
    --name "$SERVICEBUS_NAMESPACE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
if [ "$SERVICEBUS_NAMESPACE_ID" = '' ]; then
  printf '%s\n' 'The Service Bus namespace sb-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi
EVENTHUBS_NAMESPACE_ID=$(az eventhubs namespace show \
    --name "$EVENTHUBS_NAMESPACE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
if [ "$EVENTHUBS_NAMESPACE_ID" = '' ]; then
  printf '%s\n' 'The Event Hubs namespace eh-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi
STORAGE_ACCOUNT_ID=$(az storage account show \
    --name "$STORAGE_ACCOUNT_NAME" \
    --query id -o tsv || true)
if [ "$STORAGE_ACCOUNT_ID" = '' ]; then
  printf '%s\n' 'The Checkpoint storage account stcheckpoints is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi
EVENTHUB_ID=$(az eventhubs eventhub show \
    --namespace-name "$EVENTHUBS_NAMESPACE_NAME" \
    --name "$EVENTHUB_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
if [ "$EVENTHUB_ID" = '' ]; then
  printf '%s\n' 'The Event hub telemetry is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi
COSMOS_ACCOUNT_ID=$(az cosmosdb show \
    --name "$COSMOS_ACCOUNT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
if [ "$COSMOS_ACCOUNT_ID" = '' ]; then
  printf '%s\n' 'The Cosmos DB account cosmos-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi
APPCONFIG_STORE_ID=$(az appconfig show --name "$APPCONFIG_STORE_NAME" --query id -o tsv || true)
if [ "$APPCONFIG_STORE_ID" = '' ]; then
  printf '%s\n' 'The App Configuration store appcs-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi
OPENAI_ACCOUNT_ID=$(az cognitiveservices account show \
    --name "$OPENAI_ACCOUNT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
if [ "$OPENAI_ACCOUNT_ID" = '' ]; then
  printf '%s\n' 'The Azure OpenAI account oai-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi
SIGNALR_ID=$(az signalr show \
    --name "$SIGNALR_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
if [ "$SIGNALR_ID" = '' ]; then
  printf '%s\n' 'The SignalR service signalr-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi

# Read the user-assigned identity (all empty once it is gone): its principal id finds the grants, its tag says whether the setup created it.
IDENTITY_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].id | [0]" -o tsv)
PRINCIPAL_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].principalId | [0]" -o tsv)
CLIENT_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].clientId | [0]" -o tsv)
IDENTITY_CREATED_BY=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].tags.createdBy | [0]" -o tsv)

# Look up the cluster and its OIDC issuer, which the federated credential the setup made trusts (both empty once the cluster is gone).
CLUSTER_ID=$(az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
OIDC_ISSUER=$(az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query oidcIssuerProfile.issuerUrl -o tsv || true)

# Remove SignalR REST API Owner on the SignalR service signalr-orders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$SIGNALR_ID" != '' ]; then
    SIGNALR_ROLE_ASSIGNMENT=$(az role assignment list \
        --scope "$SIGNALR_ID" \
        --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/fd53cd77-2268-407a-8f46-7e7863d0f521') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
    if [ "$SIGNALR_ROLE_ASSIGNMENT" != '' ]; then
      run az role assignment delete --ids "$SIGNALR_ROLE_ASSIGNMENT"
    fi
  fi
fi

# Remove Cognitive Services OpenAI User on the Azure OpenAI account oai-orders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$OPENAI_ACCOUNT_ID" != '' ]; then
    OPENAI_ACCOUNT_ROLE_ASSIGNMENT=$(az role assignment list \
        --scope "$OPENAI_ACCOUNT_ID" \
        --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
    if [ "$OPENAI_ACCOUNT_ROLE_ASSIGNMENT" != '' ]; then
      run az role assignment delete --ids "$OPENAI_ACCOUNT_ROLE_ASSIGNMENT"
    fi
  fi
fi

# Remove App Configuration Data Reader on the App Configuration store appcs-orders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$APPCONFIG_STORE_ID" != '' ]; then
    APPCONFIG_STORE_ROLE_ASSIGNMENT=$(az role assignment list \
        --scope "$APPCONFIG_STORE_ID" \
        --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/516239f1-63e1-4d78-a4de-a74fb236a071') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
    if [ "$APPCONFIG_STORE_ROLE_ASSIGNMENT" != '' ]; then
      run az role assignment delete --ids "$APPCONFIG_STORE_ROLE_ASSIGNMENT"
    fi
  fi
fi

# Remove the Cosmos DB data-plane role Cosmos DB Built-in Data Contributor on the Cosmos DB account cosmos-orders (this principal, this role, the whole account: what the setup assigns; Cosmos DB keeps no note of who made an assignment, so an identical one made elsewhere goes too).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$COSMOS_ACCOUNT_ID" != '' ]; then
    COSMOS_ACCOUNT_DATA_ROLE_ASSIGNMENT=$(az cosmosdb sql role assignment list \
        --account-name "$COSMOS_ACCOUNT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --query '[?principalId=='''\'''"$PRINCIPAL_ID"''\'''' && ends_with(roleDefinitionId, '\''/00000000-0000-0000-0000-000000000002'\'') && !contains(scope, '\''/dbs/'\'')].name | [0]' -o tsv)
    if [ "$COSMOS_ACCOUNT_DATA_ROLE_ASSIGNMENT" != '' ]; then
      run az cosmosdb sql role assignment delete \
          --account-name "$COSMOS_ACCOUNT_NAME" \
          --resource-group "$RESOURCE_GROUP" \
          --role-assignment-id "$COSMOS_ACCOUNT_DATA_ROLE_ASSIGNMENT" \
          --yes -o none
    fi
  fi
fi

# Remove Azure Event Hubs Data Receiver on the Event hub telemetry, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$EVENTHUB_ID" != '' ]; then
    EVENTHUB_ROLE_ASSIGNMENT=$(az role assignment list \
        --scope "$EVENTHUB_ID" \
        --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/a638d3c7-ab3a-418d-83e6-5f17a39d4fde') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
    if [ "$EVENTHUB_ROLE_ASSIGNMENT" != '' ]; then
      run az role assignment delete --ids "$EVENTHUB_ROLE_ASSIGNMENT"
    fi
  fi
fi

# Remove Azure Event Hubs Data Sender on the Event hub telemetry, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$EVENTHUB_ID" != '' ]; then
    EVENTHUB_ROLE_ASSIGNMENT=$(az role assignment list \
        --scope "$EVENTHUB_ID" \
        --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/2b629674-e913-4c01-ae53-ef4638d8f975') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
    if [ "$EVENTHUB_ROLE_ASSIGNMENT" != '' ]; then
      run az role assignment delete --ids "$EVENTHUB_ROLE_ASSIGNMENT"
    fi
  fi
fi

# Remove Storage Blob Data Contributor on the Checkpoint storage account stcheckpoints, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$STORAGE_ACCOUNT_ID" != '' ]; then
    STORAGE_ACCOUNT_ROLE_ASSIGNMENT=$(az role assignment list \
        --scope "$STORAGE_ACCOUNT_ID" \
        --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/ba92f5b4-2d11-453d-a403-e96b0029c9fe') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
    if [ "$STORAGE_ACCOUNT_ROLE_ASSIGNMENT" != '' ]; then
      run az role assignment delete --ids "$STORAGE_ACCOUNT_ROLE_ASSIGNMENT"
    fi
  fi
fi

# Remove Azure Event Hubs Data Receiver on the Event Hubs namespace eh-orders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$EVENTHUBS_NAMESPACE_ID" != '' ]; then
    EVENTHUBS_NAMESPACE_ROLE_ASSIGNMENT=$(az role assignment list \
        --scope "$EVENTHUBS_NAMESPACE_ID" \
        --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/a638d3c7-ab3a-418d-83e6-5f17a39d4fde') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
    if [ "$EVENTHUBS_NAMESPACE_ROLE_ASSIGNMENT" != '' ]; then
      run az role assignment delete --ids "$EVENTHUBS_NAMESPACE_ROLE_ASSIGNMENT"
    fi
  fi
fi

# Remove Azure Service Bus Data Owner on the Service Bus namespace sb-orders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$SERVICEBUS_NAMESPACE_ID" != '' ]; then
    SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT=$(az role assignment list \
        --scope "$SERVICEBUS_NAMESPACE_ID" \
        --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/090c5cfd-751d-490a-894a-3ce6f1109419') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
    if [ "$SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT" != '' ]; then
      run az role assignment delete --ids "$SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT"
    fi
  fi
fi

# Remove the federated credential the setup made, if it still trusts exactly this cluster's issuer and this ServiceAccount.
if [ "$IDENTITY_ID" != '' ]; then
  if [ "$OIDC_ISSUER" != '' ]; then
    FEDERATED_CREDENTIAL_FOUND=$(az identity federated-credential list \
        --identity-name "$IDENTITY_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --query "[?name=='${FEDERATED_CREDENTIAL_NAME}' && issuer=='${OIDC_ISSUER}' && subject=='system:serviceaccount:${NAMESPACE}:${SERVICE_ACCOUNT}'] | length(@)" -o tsv)
    if [ "$FEDERATED_CREDENTIAL_FOUND" = 1 ]; then
      run az identity federated-credential delete \
          --name "$FEDERATED_CREDENTIAL_NAME" \
          --identity-name "$IDENTITY_NAME" \
          --resource-group "$RESOURCE_GROUP" \
          --yes
    fi
  fi
  if [ "$OIDC_ISSUER" = '' ]; then
    printf '%s\n' "The cluster ${CLUSTER_NAME} has no OIDC issuer (or is gone), so the federated credential ${FEDERATED_CREDENTIAL_NAME} cannot be told from another cluster's: it is kept. If no cluster signs in through it, delete it: az identity federated-credential delete --name ${FEDERATED_CREDENTIAL_NAME} --identity-name ${IDENTITY_NAME} --resource-group ${RESOURCE_GROUP} --yes"
  fi
fi

# Once the cluster is gone, its components, ServiceAccount and Deployment went with it.
# Kept: the namespace, the OIDC issuer and Workload ID on the cluster (other workloads may use them).
if [ "$CLUSTER_ID" = '' ]; then
  printf '%s\n' "The cluster ${CLUSTER_NAME} is not in the resource group ${RESOURCE_GROUP}, or not readable with your sign-in: the steps in the cluster are skipped (a deleted cluster took its components, ServiceAccount and Deployment with it). The grants to the identity in Azure are removed above."
fi

# Point kubectl at the cluster (kubelogin signs it in through the Azure CLI on a cluster with Microsoft Entra integration).
if [ "$CLUSTER_ID" != '' ]; then
  az aks get-credentials \
      --name "$CLUSTER_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --overwrite-existing
  KUBECTL_SIGN_IN=$(kubectl config view --minify -o 'jsonpath={.users[0].user.exec.command}')
  if [ "$KUBECTL_SIGN_IN" = kubelogin ]; then
    if ! kubelogin convert-kubeconfig -l azurecli --context "$CLUSTER_NAME"; then
      echo 'The cluster signs kubectl in through Microsoft Entra ID with kubelogin, and "kubelogin convert-kubeconfig -l azurecli --context <cluster>" failed: if kubelogin is not installed, install it ("az aks install-cli" installs kubectl and kubelogin; or see https://github.com/Azure/kubelogin), then run the script again. Without the conversion each kubectl call would wait for a device-code sign-in. The grants and the federated credential above are removed; nothing in the cluster was changed. More: troubleshoot.html#aks-kubelogin-failed, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
fi

# Delete the components the setup applied, if the setup created them and they are still as it wrote (type, scopes orders-api), before the Deployment's pods restart below.
if [ "$CLUSTER_ID" != '' ]; then
  DAPR_CRD=$(kubectl get crd components.dapr.io --ignore-not-found -o name)
  if [ "$DAPR_CRD" = '' ]; then
    printf '%s\n' 'Dapr is not installed on the cluster any more (it has no components.dapr.io resource type): its components went with it, nothing to delete.'
  fi
  if [ "$DAPR_CRD" != '' ]; then
    COMPONENT_FOUND=$(kubectl get components.dapr.io queue-pubsub \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = pubsub.azure.servicebus.queues/orders-api/true ]; then
      run kubectl delete components.dapr.io queue-pubsub --namespace "$NAMESPACE" --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != pubsub.azure.servicebus.queues/orders-api/true ]; then
        printf '%s\n' "Kept: the component queue-pubsub in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io queue-pubsub --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io pubsub \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = pubsub.azure.servicebus.topics/orders-api/true ]; then
      run kubectl delete components.dapr.io pubsub --namespace "$NAMESPACE" --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != pubsub.azure.servicebus.topics/orders-api/true ]; then
        printf '%s\n' "Kept: the component pubsub in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io pubsub --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io servicebus-binding \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = bindings.azure.servicebus.queues/orders-api/true ]; then
      run kubectl delete components.dapr.io servicebus-binding \
          --namespace "$NAMESPACE" \
          --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != bindings.azure.servicebus.queues/orders-api/true ]; then
        printf '%s\n' "Kept: the component servicebus-binding in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io servicebus-binding --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io eh-pubsub \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = pubsub.azure.eventhubs/orders-api/true ]; then
      run kubectl delete components.dapr.io eh-pubsub --namespace "$NAMESPACE" --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != pubsub.azure.eventhubs/orders-api/true ]; then
        printf '%s\n' "Kept: the component eh-pubsub in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io eh-pubsub --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io eventhubs-binding \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = bindings.azure.eventhubs/orders-api/true ]; then
      run kubectl delete components.dapr.io eventhubs-binding \
          --namespace "$NAMESPACE" \
          --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != bindings.azure.eventhubs/orders-api/true ]; then
        printf '%s\n' "Kept: the component eventhubs-binding in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io eventhubs-binding --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io cosmos-state \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = state.azure.cosmosdb/orders-api/true ]; then
      run kubectl delete components.dapr.io cosmos-state --namespace "$NAMESPACE" --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != state.azure.cosmosdb/orders-api/true ]; then
        printf '%s\n' "Kept: the component cosmos-state in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io cosmos-state --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io cosmosdb-binding \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = bindings.azure.cosmosdb/orders-api/true ]; then
      run kubectl delete components.dapr.io cosmosdb-binding \
          --namespace "$NAMESPACE" \
          --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != bindings.azure.cosmosdb/orders-api/true ]; then
        printf '%s\n' "Kept: the component cosmosdb-binding in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io cosmosdb-binding --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io configstore \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = configuration.azure.appconfig/orders-api/true ]; then
      run kubectl delete components.dapr.io configstore --namespace "$NAMESPACE" --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != configuration.azure.appconfig/orders-api/true ]; then
        printf '%s\n' "Kept: the component configstore in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io configstore --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io openai-binding \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = bindings.azure.openai/orders-api/true ]; then
      run kubectl delete components.dapr.io openai-binding \
          --namespace "$NAMESPACE" \
          --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != bindings.azure.openai/orders-api/true ]; then
        printf '%s\n' "Kept: the component openai-binding in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io openai-binding --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io signalr-binding \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = bindings.azure.signalr/orders-api/true ]; then
      run kubectl delete components.dapr.io signalr-binding \
          --namespace "$NAMESPACE" \
          --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != bindings.azure.signalr/orders-api/true ]; then
        printf '%s\n' "Kept: the component signalr-binding in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io signalr-binding --namespace ${NAMESPACE}"
      fi
    fi
  fi
fi

# Take back the setup's patch of the Deployment orders-api: its config-hash and client-id annotations, and while its pods use the ServiceAccount orders-api and the setup created it, that ServiceAccount and the Workload ID label (its pods restart).
if [ "$CLUSTER_ID" != '' ]; then
  DEPLOYMENT_CONFIG_HASH=$(kubectl get deployment "$DEPLOYMENT_NAME" \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.template.metadata.annotations.dapr-mi-wizard/config-hash}')
  DEPLOYMENT_SERVICE_ACCOUNT=$(kubectl get deployment "$DEPLOYMENT_NAME" \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.template.spec.serviceAccountName}')
  SERVICE_ACCOUNT_CREATED=$(kubectl get serviceaccount "$SERVICE_ACCOUNT" \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.dapr-mi-wizard/created}')
  if [ "$DEPLOYMENT_CONFIG_HASH" != '' ]; then
    if [ "$SERVICE_ACCOUNT_CREATED" = true ]; then
      if [ "$DEPLOYMENT_SERVICE_ACCOUNT" = "$SERVICE_ACCOUNT" ]; then
        run kubectl patch deployment "$DEPLOYMENT_NAME" \
            --namespace "$NAMESPACE" \
            --type strategic -p '{"spec":{"template":{"metadata":{"annotations":{"dapr-mi-wizard/config-hash":null,"dapr-mi-wizard/client-id":null},"labels":{"azure.workload.identity/use":null}},"spec":{"serviceAccountName":null,"serviceAccount":null}}}}'
      fi
      if [ "$DEPLOYMENT_SERVICE_ACCOUNT" != "$SERVICE_ACCOUNT" ]; then
        run kubectl patch deployment "$DEPLOYMENT_NAME" \
            --namespace "$NAMESPACE" \
            --type strategic -p '{"spec":{"template":{"metadata":{"annotations":{"dapr-mi-wizard/config-hash":null,"dapr-mi-wizard/client-id":null}}}}}'
      fi
    fi
    if [ "$SERVICE_ACCOUNT_CREATED" != true ]; then
      run kubectl patch deployment "$DEPLOYMENT_NAME" \
          --namespace "$NAMESPACE" \
          --type strategic -p '{"spec":{"template":{"metadata":{"annotations":{"dapr-mi-wizard/config-hash":null,"dapr-mi-wizard/client-id":null}}}}}'
      if [ "$DEPLOYMENT_SERVICE_ACCOUNT" = "$SERVICE_ACCOUNT" ]; then
        SERVICE_ACCOUNT_FOUND=$(kubectl get serviceaccount "$SERVICE_ACCOUNT" \
            --namespace "$NAMESPACE" \
            --ignore-not-found -o name)
        if [ "$SERVICE_ACCOUNT_FOUND" != '' ]; then
          printf '%s\n' 'Kept: the Deployment orders-api still runs as the ServiceAccount '"$SERVICE_ACCOUNT"', with the Workload ID label azure.workload.identity/use: that ServiceAccount has no dapr-mi-wizard/created mark of the setup (it existed before the setup, or a setup from before it marked what it creates made it, or a run stopped before its mark), so the teardown cannot tell whether the Deployment ran as it before. ''If it ran as the namespace'\''s default ServiceAccount: kubectl patch deployment '"$DEPLOYMENT_NAME"' --namespace '"$NAMESPACE"' --type strategic -p '\''{"spec":{"template":{"metadata":{"labels":{"azure.workload.identity/use":null}},"spec":{"serviceAccountName":null,"serviceAccount":null}}}}'\'''
        fi
        if [ "$SERVICE_ACCOUNT_FOUND" = '' ]; then
          printf '%s\n' 'Kept: the Deployment orders-api still names the ServiceAccount '"$SERVICE_ACCOUNT"', with the Workload ID label azure.workload.identity/use, but that ServiceAccount is gone (deleted since the setup): new pods of the Deployment are refused until it is back or the Deployment runs as another. ''If it ran as the namespace'\''s default ServiceAccount: kubectl patch deployment '"$DEPLOYMENT_NAME"' --namespace '"$NAMESPACE"' --type strategic -p '\''{"spec":{"template":{"metadata":{"labels":{"azure.workload.identity/use":null}},"spec":{"serviceAccountName":null,"serviceAccount":null}}}}'\'''
        fi
      fi
    fi
  fi
  # Kept: the Dapr annotations (dapr.io/enabled, app-id, app-port): Dapr may have been on before the setup, and callers use the app id.
fi

# Delete the ServiceAccount if the setup created it, it still names this identity and no workload runs as it.
if [ "$CLUSTER_ID" != '' ]; then
  SERVICE_ACCOUNT_CLIENT_ID=$(kubectl get serviceaccount "$SERVICE_ACCOUNT" \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.azure\.workload\.identity/client-id}')
  SERVICE_ACCOUNT_USED_BY=$(kubectl get deployments,statefulsets,daemonsets,jobs \
      --namespace "$NAMESPACE" -o 'jsonpath={.items[?(@.spec.template.spec.serviceAccountName=="'"$SERVICE_ACCOUNT"'")].metadata.name}')
  SERVICE_ACCOUNT_USED_BY_CRONJOBS=$(kubectl get cronjobs \
      --namespace "$NAMESPACE" -o 'jsonpath={.items[?(@.spec.jobTemplate.spec.template.spec.serviceAccountName=="'"$SERVICE_ACCOUNT"'")].metadata.name}')
  if [ "$SERVICE_ACCOUNT_CLIENT_ID" != '' ]; then
    if [ "$SERVICE_ACCOUNT_CLIENT_ID" = "$CLIENT_ID" ]; then
      if [ "$SERVICE_ACCOUNT_CREATED" = true ]; then
        if [ "$SERVICE_ACCOUNT_USED_BY" = '' ]; then
          if [ "$SERVICE_ACCOUNT_USED_BY_CRONJOBS" = '' ]; then
            run kubectl delete serviceaccount "$SERVICE_ACCOUNT" \
                --namespace "$NAMESPACE" \
                --ignore-not-found
          fi
        fi
      fi
      if [ "$SERVICE_ACCOUNT_CREATED" != true ]; then
        printf '%s\n' "Kept: the ServiceAccount ${SERVICE_ACCOUNT} has no dapr-mi-wizard/created mark of the setup (it existed before the setup, or a setup from before it marked what it creates made it, or a run stopped before its mark), and keeps the setup's annotation azure.workload.identity/client-id. If nothing else signs in through it: kubectl annotate serviceaccount ${SERVICE_ACCOUNT} --namespace ${NAMESPACE} azure.workload.identity/client-id- (or, if a setup made it and nothing runs as it: kubectl delete serviceaccount ${SERVICE_ACCOUNT} --namespace ${NAMESPACE})"
      fi
    fi
  fi
fi

# Remove the files the setup wrote here (generated from the wizard: nothing else is in them).
run rm -f \
    -- components/queue-pubsub.yaml components/pubsub.yaml components/servicebus-binding.yaml components/eh-pubsub.yaml components/eventhubs-binding.yaml components/cosmos-state.yaml components/cosmosdb-binding.yaml components/configstore.yaml components/openai-binding.yaml components/signalr-binding.yaml components/serviceaccount.yaml components/deployment-patch.yaml

# Delete the user-assigned identity only if the setup created it (tag createdBy=dapr-mi-wizard) and you ask (DELETE_IDENTITY=1).
# An identity that existed before the setup has no such tag and is kept. Without DELETE_IDENTITY=1 it is kept too:
# a new identity of the same name would get new ids, and every grant would have to be made again.
if [ "$IDENTITY_CREATED_BY" = dapr-mi-wizard ]; then
  if [ "$DELETE_IDENTITY" = 1 ]; then
    run az identity delete --name "$IDENTITY_NAME" --resource-group "$RESOURCE_GROUP" -o none
  fi
fi

# Done. Running it again finds nothing left to remove and changes nothing.
# Kept on purpose: the Azure resources themselves, and any grant the setup did not make (a role assignment
# without the description "Created by the Dapr Managed Identity Wizard", an access policy with more permissions).
