#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of 10 Dapr components on Azure Kubernetes Service (AKS), Microsoft Entra Workload ID (recommended).
# Takes back what setup-dapr-identity.sh added, in reverse order, and only what it can tell the setup made.
# Safe to run again: every step looks before it removes.
# Run it with Bash after `az login`.
# DELETE_IDENTITY=1 also deletes the identity id-orders, if the setup created it (tag createdBy=dapr-mi-wizard).

RESOURCE_GROUP=rg-orders
CLUSTER_NAME=aks-prod
IDENTITY_NAME=id-orders
NAMESPACE=orders
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

# Git Bash on Windows would rewrite arguments that start with / (scopes, resource ids) into Windows paths.
export MSYS_NO_PATHCONV=1

# Look up the resources whose role assignments the setup made: each is scoped to one of them.
SERVICEBUS_NAMESPACE_ID=$(az servicebus namespace show \
    --name "$SERVICEBUS_NAMESPACE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv)
EVENTHUBS_NAMESPACE_ID=$(az eventhubs namespace show \
    --name "$EVENTHUBS_NAMESPACE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv)
STORAGE_ACCOUNT_ID=$(az storage account show --name "$STORAGE_ACCOUNT_NAME" --query id -o tsv)
EVENTHUB_ID=$(az eventhubs eventhub show \
    --namespace-name "$EVENTHUBS_NAMESPACE_NAME" \
    --name "$EVENTHUB_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv)
APPCONFIG_STORE_ID=$(az appconfig show --name "$APPCONFIG_STORE_NAME" --query id -o tsv)
OPENAI_ACCOUNT_ID=$(az cognitiveservices account show \
    --name "$OPENAI_ACCOUNT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv)
SIGNALR_ID=$(az signalr show \
    --name "$SIGNALR_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv)

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

# Point kubectl at the cluster.
az aks get-credentials \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --overwrite-existing

# Remove SignalR REST API Owner on the SignalR service signalr-orders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  SIGNALR_ROLE_ASSIGNMENT=$(az role assignment list \
      --scope "$SIGNALR_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/fd53cd77-2268-407a-8f46-7e7863d0f521') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
  if [ "$SIGNALR_ROLE_ASSIGNMENT" != '' ]; then
    az role assignment delete --ids "$SIGNALR_ROLE_ASSIGNMENT"
  fi
fi

# Remove Cognitive Services OpenAI User on the Azure OpenAI account oai-orders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  OPENAI_ACCOUNT_ROLE_ASSIGNMENT=$(az role assignment list \
      --scope "$OPENAI_ACCOUNT_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
  if [ "$OPENAI_ACCOUNT_ROLE_ASSIGNMENT" != '' ]; then
    az role assignment delete --ids "$OPENAI_ACCOUNT_ROLE_ASSIGNMENT"
  fi
fi

# Remove App Configuration Data Reader on the App Configuration store appcs-orders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  APPCONFIG_STORE_ROLE_ASSIGNMENT=$(az role assignment list \
      --scope "$APPCONFIG_STORE_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/516239f1-63e1-4d78-a4de-a74fb236a071') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
  if [ "$APPCONFIG_STORE_ROLE_ASSIGNMENT" != '' ]; then
    az role assignment delete --ids "$APPCONFIG_STORE_ROLE_ASSIGNMENT"
  fi
fi

# Remove the Cosmos DB data-plane role Cosmos DB Built-in Data Contributor on the Cosmos DB account cosmos-orders (this principal, this role, the whole account: what the setup assigns; Cosmos DB keeps no note of who made an assignment, so an identical one made elsewhere goes too).
if [ "$PRINCIPAL_ID" != '' ]; then
  COSMOS_ACCOUNT_DATA_ROLE_ASSIGNMENT=$(az cosmosdb sql role assignment list \
      --account-name "$COSMOS_ACCOUNT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?principalId=='''\'''"$PRINCIPAL_ID"''\'''' && ends_with(roleDefinitionId, '\''/00000000-0000-0000-0000-000000000002'\'') && !contains(scope, '\''/dbs/'\'')].name | [0]' -o tsv)
  if [ "$COSMOS_ACCOUNT_DATA_ROLE_ASSIGNMENT" != '' ]; then
    az cosmosdb sql role assignment delete \
        --account-name "$COSMOS_ACCOUNT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --role-assignment-id "$COSMOS_ACCOUNT_DATA_ROLE_ASSIGNMENT" \
        --yes -o none
  fi
fi

# Remove Azure Event Hubs Data Receiver on the Event hub telemetry, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  EVENTHUB_ROLE_ASSIGNMENT=$(az role assignment list \
      --scope "$EVENTHUB_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/a638d3c7-ab3a-418d-83e6-5f17a39d4fde') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
  if [ "$EVENTHUB_ROLE_ASSIGNMENT" != '' ]; then
    az role assignment delete --ids "$EVENTHUB_ROLE_ASSIGNMENT"
  fi
fi

# Remove Azure Event Hubs Data Sender on the Event hub telemetry, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  EVENTHUB_ROLE_ASSIGNMENT=$(az role assignment list \
      --scope "$EVENTHUB_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/2b629674-e913-4c01-ae53-ef4638d8f975') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
  if [ "$EVENTHUB_ROLE_ASSIGNMENT" != '' ]; then
    az role assignment delete --ids "$EVENTHUB_ROLE_ASSIGNMENT"
  fi
fi

# Remove Storage Blob Data Contributor on the Checkpoint storage account stcheckpoints, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  STORAGE_ACCOUNT_ROLE_ASSIGNMENT=$(az role assignment list \
      --scope "$STORAGE_ACCOUNT_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/ba92f5b4-2d11-453d-a403-e96b0029c9fe') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
  if [ "$STORAGE_ACCOUNT_ROLE_ASSIGNMENT" != '' ]; then
    az role assignment delete --ids "$STORAGE_ACCOUNT_ROLE_ASSIGNMENT"
  fi
fi

# Remove Azure Event Hubs Data Receiver on the Event Hubs namespace eh-orders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  EVENTHUBS_NAMESPACE_ROLE_ASSIGNMENT=$(az role assignment list \
      --scope "$EVENTHUBS_NAMESPACE_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/a638d3c7-ab3a-418d-83e6-5f17a39d4fde') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
  if [ "$EVENTHUBS_NAMESPACE_ROLE_ASSIGNMENT" != '' ]; then
    az role assignment delete --ids "$EVENTHUBS_NAMESPACE_ROLE_ASSIGNMENT"
  fi
fi

# Remove Azure Service Bus Data Owner on the Service Bus namespace sb-orders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT=$(az role assignment list \
      --scope "$SERVICEBUS_NAMESPACE_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/090c5cfd-751d-490a-894a-3ce6f1109419') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
  if [ "$SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT" != '' ]; then
    az role assignment delete --ids "$SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT"
  fi
fi

# Remove the federated credential the setup made, if it still trusts exactly this ServiceAccount.
if [ "$IDENTITY_ID" != '' ]; then
  FEDERATED_CREDENTIAL_FOUND=$(az identity federated-credential list \
      --identity-name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query "[?name=='${FEDERATED_CREDENTIAL_NAME}' && subject=='system:serviceaccount:${NAMESPACE}:${SERVICE_ACCOUNT}'] | length(@)" -o tsv)
  if [ "$FEDERATED_CREDENTIAL_FOUND" = 1 ]; then
    az identity federated-credential delete \
        --name "$FEDERATED_CREDENTIAL_NAME" \
        --identity-name "$IDENTITY_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --yes
  fi
fi

# Delete the components the setup applied, and the ServiceAccount if it still names this identity.
kubectl delete components.dapr.io queue-pubsub --namespace "$NAMESPACE" --ignore-not-found
kubectl delete components.dapr.io pubsub --namespace "$NAMESPACE" --ignore-not-found
kubectl delete components.dapr.io servicebus-binding --namespace "$NAMESPACE" --ignore-not-found
kubectl delete components.dapr.io eh-pubsub --namespace "$NAMESPACE" --ignore-not-found
kubectl delete components.dapr.io eventhubs-binding --namespace "$NAMESPACE" --ignore-not-found
kubectl delete components.dapr.io cosmos-state --namespace "$NAMESPACE" --ignore-not-found
kubectl delete components.dapr.io cosmosdb-binding --namespace "$NAMESPACE" --ignore-not-found
kubectl delete components.dapr.io configstore --namespace "$NAMESPACE" --ignore-not-found
kubectl delete components.dapr.io openai-binding --namespace "$NAMESPACE" --ignore-not-found
kubectl delete components.dapr.io signalr-binding --namespace "$NAMESPACE" --ignore-not-found
SERVICE_ACCOUNT_CLIENT_ID=$(kubectl get serviceaccount "$SERVICE_ACCOUNT" \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o 'jsonpath={.metadata.annotations.azure\.workload\.identity/client-id}')
if [ "$SERVICE_ACCOUNT_CLIENT_ID" != '' ]; then
  if [ "$SERVICE_ACCOUNT_CLIENT_ID" = "$CLIENT_ID" ]; then
    kubectl delete serviceaccount "$SERVICE_ACCOUNT" --namespace "$NAMESPACE" --ignore-not-found
  fi
fi
# The setup did not change your Deployment: you merged components/deployment-patch.yaml into it. To take that back
# (its pods restart; a path that is not there makes kubectl stop, so drop those first):
#   kubectl patch deployment <your-deployment> --namespace "$NAMESPACE" --type json -p '[{"op":"remove","path":"/spec/template/metadata/annotations/dapr.io~1enabled"},{"op":"remove","path":"/spec/template/metadata/annotations/dapr.io~1app-id"},{"op":"remove","path":"/spec/template/metadata/labels/azure.workload.identity~1use"},{"op":"remove","path":"/spec/template/spec/serviceAccountName"}]'
# Kept: the namespace, the OIDC issuer and Workload ID on the cluster (other workloads may use them).

# Delete the user-assigned identity only if the setup created it (tag createdBy=dapr-mi-wizard) and you ask (DELETE_IDENTITY=1).
# An identity that existed before the setup has no such tag and is kept. Without DELETE_IDENTITY=1 it is kept too:
# a new identity of the same name would get new ids, and every grant would have to be made again.
if [ "$IDENTITY_CREATED_BY" = dapr-mi-wizard ]; then
  if [ "$DELETE_IDENTITY" = 1 ]; then
    az identity delete --name "$IDENTITY_NAME" --resource-group "$RESOURCE_GROUP" -o none
  fi
fi

# Done. Running it again finds nothing left to remove and changes nothing.
# Kept on purpose: the Azure resources themselves, and any grant the setup did not make (a role assignment
# without the description "Created by the Dapr Managed Identity Wizard", an access policy with more permissions).
