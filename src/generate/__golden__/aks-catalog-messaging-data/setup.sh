#!/usr/bin/env bash
# Dapr Managed Identity Wizard: 10 Dapr components on Azure Kubernetes Service (AKS), Microsoft Entra Workload ID (recommended).
# Run it with Bash after `az login`. Needs Azure CLI 2.47 or later (--enable-workload-identity).
# Change values in the wizard, not here: the files this script writes were generated from them.

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

set -euo pipefail

# Git Bash on Windows would rewrite arguments that start with / (scopes, resource ids) into Windows paths.
export MSYS_NO_PATHCONV=1

# Look up the resources before changing anything (Service Bus namespace, Event Hubs namespace, Checkpoint storage account, Event hub, Cosmos DB account, App Configuration store, Azure OpenAI account, SignalR service): each grant is scoped to one of them.
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
az cosmosdb show --name "$COSMOS_ACCOUNT_NAME" --resource-group "$RESOURCE_GROUP" -o none
APPCONFIG_STORE_ID=$(az appconfig show --name "$APPCONFIG_STORE_NAME" --query id -o tsv)
OPENAI_ACCOUNT_ID=$(az cognitiveservices account show \
    --name "$OPENAI_ACCOUNT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv)
SIGNALR_ID=$(az signalr show \
    --name "$SIGNALR_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv)

# Point kubectl at the cluster, and check that Dapr is installed (the Component resource type exists).
az aks get-credentials \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --overwrite-existing
kubectl get crd components.dapr.io -o name
# If that fails, install Dapr first (the AKS Dapr extension, or Helm):
#   az k8s-extension create --cluster-type managedClusters --cluster-name "$CLUSTER_NAME" \
#     --resource-group "$RESOURCE_GROUP" --name dapr --extension-type Microsoft.Dapr

# Create the user-assigned identity the app signs in with, unless it exists; the tag tells the teardown the setup made it (an existing one is kept untagged, and the teardown keeps it).
IDENTITY_FOUND=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].id | [0]" -o tsv)
if [ "$IDENTITY_FOUND" = '' ]; then
  az identity create \
      --name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --tags createdBy=dapr-mi-wizard -o none
fi

# Read its ids: the principal id receives the grant, the client id tells Azure which identity the app means.
PRINCIPAL_ID=$(az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query principalId -o tsv)
CLIENT_ID=$(az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query clientId -o tsv)

# Turn on the OIDC issuer and Workload ID, so pods can trade ServiceAccount tokens for Entra tokens.
az aks update \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --enable-oidc-issuer \
    --enable-workload-identity -o none

# Read the cluster's OIDC issuer URL: the federated credential trusts the tokens it signs.
OIDC_ISSUER=$(az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query oidcIssuerProfile.issuerUrl -o tsv)

# Let exactly this ServiceAccount sign in as the identity (a federated credential).
az identity federated-credential create \
    --name "$FEDERATED_CREDENTIAL_NAME" \
    --identity-name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --issuer "$OIDC_ISSUER" \
    --subject "system:serviceaccount:${NAMESPACE}:${SERVICE_ACCOUNT}" \
    --audiences api://AzureADTokenExchange -o none

# Grant Azure Service Bus Data Owner (built-in role 090c5cfd-751d-490a-894a-3ce6f1109419) on the Service Bus namespace sb-orders only, for pubsub, queue-pubsub, servicebus-binding, unless the identity already has it there.
SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$SERVICEBUS_NAMESPACE_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/090c5cfd-751d-490a-894a-3ce6f1109419')].id | [0]" -o tsv)
if [ "$SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT" = '' ]; then
  az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role 090c5cfd-751d-490a-894a-3ce6f1109419 \
      --scope "$SERVICEBUS_NAMESPACE_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Grant Azure Event Hubs Data Receiver (built-in role a638d3c7-ab3a-418d-83e6-5f17a39d4fde) on the Event Hubs namespace eh-orders only, for eh-pubsub, unless the identity already has it there.
EVENTHUBS_NAMESPACE_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$EVENTHUBS_NAMESPACE_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/a638d3c7-ab3a-418d-83e6-5f17a39d4fde')].id | [0]" -o tsv)
if [ "$EVENTHUBS_NAMESPACE_ROLE_ASSIGNMENT" = '' ]; then
  az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role a638d3c7-ab3a-418d-83e6-5f17a39d4fde \
      --scope "$EVENTHUBS_NAMESPACE_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Grant Storage Blob Data Contributor (built-in role ba92f5b4-2d11-453d-a403-e96b0029c9fe) on the Checkpoint storage account stcheckpoints only, for eh-pubsub, eventhubs-binding, unless the identity already has it there.
STORAGE_ACCOUNT_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$STORAGE_ACCOUNT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/ba92f5b4-2d11-453d-a403-e96b0029c9fe')].id | [0]" -o tsv)
if [ "$STORAGE_ACCOUNT_ROLE_ASSIGNMENT" = '' ]; then
  az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role ba92f5b4-2d11-453d-a403-e96b0029c9fe \
      --scope "$STORAGE_ACCOUNT_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Grant Azure Event Hubs Data Sender (built-in role 2b629674-e913-4c01-ae53-ef4638d8f975) on the Event hub telemetry only, for eventhubs-binding, unless the identity already has it there.
EVENTHUB_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$EVENTHUB_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/2b629674-e913-4c01-ae53-ef4638d8f975')].id | [0]" -o tsv)
if [ "$EVENTHUB_ROLE_ASSIGNMENT" = '' ]; then
  az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role 2b629674-e913-4c01-ae53-ef4638d8f975 \
      --scope "$EVENTHUB_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Grant Azure Event Hubs Data Receiver (built-in role a638d3c7-ab3a-418d-83e6-5f17a39d4fde) on the Event hub telemetry only, for eventhubs-binding, unless the identity already has it there.
EVENTHUB_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$EVENTHUB_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/a638d3c7-ab3a-418d-83e6-5f17a39d4fde')].id | [0]" -o tsv)
if [ "$EVENTHUB_ROLE_ASSIGNMENT" = '' ]; then
  az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role a638d3c7-ab3a-418d-83e6-5f17a39d4fde \
      --scope "$EVENTHUB_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Assign the Cosmos DB data-plane role Cosmos DB Built-in Data Contributor (00000000-0000-0000-0000-000000000002) on the Cosmos DB account cosmos-orders, for cosmos-state, cosmosdb-binding, unless the identity already has it there.
COSMOS_ACCOUNT_DATA_ROLE_ASSIGNMENT=$(az cosmosdb sql role assignment list \
    --account-name "$COSMOS_ACCOUNT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?principalId=='''\'''"$PRINCIPAL_ID"''\'''' && ends_with(roleDefinitionId, '\''/00000000-0000-0000-0000-000000000002'\'') && !contains(scope, '\''/dbs/'\'')].id | [0]' -o tsv)
if [ "$COSMOS_ACCOUNT_DATA_ROLE_ASSIGNMENT" = '' ]; then
  for attempt in {1..6}; do
    if az cosmosdb sql role assignment create \
        --account-name "$COSMOS_ACCOUNT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --scope / \
        --principal-id "$PRINCIPAL_ID" \
        --role-definition-id 00000000-0000-0000-0000-000000000002 -o none; then
      break
    fi
    if [ "$attempt" = 6 ]; then
      echo 'The Cosmos DB role assignment on cosmos-orders failed 6 times. If the errors above say the principal was not found, Microsoft Entra ID does not know the new identity yet: wait a few minutes and run this script again. Otherwise fix what they name (for example, your own rights on the account) and run it again.' >&2
      exit 1
    fi
    sleep 20
  done
fi

# Grant App Configuration Data Reader (built-in role 516239f1-63e1-4d78-a4de-a74fb236a071) on the App Configuration store appcs-orders only, for configstore, unless the identity already has it there.
APPCONFIG_STORE_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$APPCONFIG_STORE_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/516239f1-63e1-4d78-a4de-a74fb236a071')].id | [0]" -o tsv)
if [ "$APPCONFIG_STORE_ROLE_ASSIGNMENT" = '' ]; then
  az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role 516239f1-63e1-4d78-a4de-a74fb236a071 \
      --scope "$APPCONFIG_STORE_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Grant Cognitive Services OpenAI User (built-in role 5e0bd9bd-7b93-4f28-af87-19fc36ad61bd) on the Azure OpenAI account oai-orders only, for openai-binding, unless the identity already has it there.
OPENAI_ACCOUNT_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$OPENAI_ACCOUNT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')].id | [0]" -o tsv)
if [ "$OPENAI_ACCOUNT_ROLE_ASSIGNMENT" = '' ]; then
  az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role 5e0bd9bd-7b93-4f28-af87-19fc36ad61bd \
      --scope "$OPENAI_ACCOUNT_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Grant SignalR REST API Owner (built-in role fd53cd77-2268-407a-8f46-7e7863d0f521) on the SignalR service signalr-orders only, for signalr-binding, unless the identity already has it there.
SIGNALR_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$SIGNALR_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/fd53cd77-2268-407a-8f46-7e7863d0f521')].id | [0]" -o tsv)
if [ "$SIGNALR_ROLE_ASSIGNMENT" = '' ]; then
  az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role fd53cd77-2268-407a-8f46-7e7863d0f521 \
      --scope "$SIGNALR_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Write the component files, the ServiceAccount and the Deployment patch into ./components.
mkdir -p components
cat > components/queue-pubsub.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: queue-pubsub
  namespace: orders
spec:
  type: pubsub.azure.servicebus.queues
  version: v1
  metadata:
  - name: namespaceName
    value: sb-orders.servicebus.windows.net
  - name: disableEntityManagement
    value: "true"
scopes:
- orders-api
YAML
cat > components/pubsub.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: pubsub
  namespace: orders
spec:
  type: pubsub.azure.servicebus.topics
  version: v1
  metadata:
  - name: namespaceName
    value: sb-orders.servicebus.windows.net
scopes:
- orders-api
YAML
cat > components/servicebus-binding.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: servicebus-binding
  namespace: orders
spec:
  type: bindings.azure.servicebus.queues
  version: v1
  metadata:
  - name: namespaceName
    value: sb-orders.servicebus.windows.net
  - name: queueName
    value: invoices
  - name: disableEntityManagement
    value: "true"
scopes:
- orders-api
YAML
cat > components/eh-pubsub.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: eh-pubsub
  namespace: orders
spec:
  type: pubsub.azure.eventhubs
  version: v1
  metadata:
  - name: eventHubNamespace
    value: eh-orders.servicebus.windows.net
  - name: storageAccountName
    value: stcheckpoints
  - name: storageContainerName
    value: checkpoints
scopes:
- orders-api
YAML
cat > components/eventhubs-binding.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: eventhubs-binding
  namespace: orders
spec:
  type: bindings.azure.eventhubs
  version: v1
  metadata:
  - name: eventHubNamespace
    value: eh-orders.servicebus.windows.net
  - name: eventHub
    value: telemetry
  - name: consumerID
    value: $Default
  - name: storageAccountName
    value: stcheckpoints
  - name: storageContainerName
    value: checkpoints
scopes:
- orders-api
YAML
cat > components/cosmos-state.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: cosmos-state
  namespace: orders
spec:
  type: state.azure.cosmosdb
  version: v1
  metadata:
  - name: url
    value: https://cosmos-orders.documents.azure.com:443/
  - name: database
    value: orders
  - name: collection
    value: state
scopes:
- orders-api
YAML
cat > components/cosmosdb-binding.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: cosmosdb-binding
  namespace: orders
spec:
  type: bindings.azure.cosmosdb
  version: v1
  metadata:
  - name: url
    value: https://cosmos-orders.documents.azure.com:443/
  - name: database
    value: orders
  - name: collection
    value: events
  - name: partitionKey
    value: orderId
scopes:
- orders-api
YAML
cat > components/configstore.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: configstore
  namespace: orders
spec:
  type: configuration.azure.appconfig
  version: v1
  metadata:
  - name: host
    value: https://appcs-orders.azconfig.io
scopes:
- orders-api
YAML
cat > components/openai-binding.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: openai-binding
  namespace: orders
spec:
  type: bindings.azure.openai
  version: v1
  metadata:
  - name: endpoint
    value: https://oai-orders.openai.azure.com/
scopes:
- orders-api
YAML
cat > components/signalr-binding.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: signalr-binding
  namespace: orders
spec:
  type: bindings.azure.signalr
  version: v1
  metadata:
  - name: endpoint
    value: https://signalr-orders.service.signalr.net
  - name: hub
    value: orders
scopes:
- orders-api
YAML
{
cat <<'YAML'
apiVersion: v1
kind: ServiceAccount
metadata:
  name: orders-api
  namespace: orders
  annotations:
YAML
printf '    azure.workload.identity/client-id: %s\n' "$CLIENT_ID"
} > components/serviceaccount.yaml
cat > components/deployment-patch.yaml <<'YAML'
spec:
  template:
    metadata:
      labels:
        azure.workload.identity/use: "true"
      annotations:
        dapr.io/enabled: "true"
        dapr.io/app-id: orders-api
    spec:
      serviceAccountName: orders-api
YAML

# Create the namespace if it does not exist yet.
kubectl create namespace "$NAMESPACE" --dry-run=client -o yaml | kubectl apply -f -

# Apply the ServiceAccount and the components in the namespace.
kubectl apply -f components/serviceaccount.yaml
kubectl apply -f components/queue-pubsub.yaml
kubectl apply -f components/pubsub.yaml
kubectl apply -f components/servicebus-binding.yaml
kubectl apply -f components/eh-pubsub.yaml
kubectl apply -f components/eventhubs-binding.yaml
kubectl apply -f components/cosmos-state.yaml
kubectl apply -f components/cosmosdb-binding.yaml
kubectl apply -f components/configstore.yaml
kubectl apply -f components/openai-binding.yaml
kubectl apply -f components/signalr-binding.yaml
# Then merge components/deployment-patch.yaml into your app's Deployment (its pods restart with it):
#   kubectl patch deployment <your-deployment> --namespace "$NAMESPACE" --patch-file components/deployment-patch.yaml

# Verify: the grants and the components Dapr loads.
az role assignment list \
    --scope "$SERVICEBUS_NAMESPACE_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
az role assignment list \
    --scope "$EVENTHUBS_NAMESPACE_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
az role assignment list \
    --scope "$STORAGE_ACCOUNT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
az role assignment list \
    --scope "$EVENTHUB_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
az cosmosdb sql role assignment list \
    --account-name "$COSMOS_ACCOUNT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionId" -o tsv
az role assignment list \
    --scope "$APPCONFIG_STORE_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
az role assignment list \
    --scope "$OPENAI_ACCOUNT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
az role assignment list \
    --scope "$SIGNALR_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
kubectl get components.dapr.io queue-pubsub --namespace "$NAMESPACE"
kubectl get components.dapr.io pubsub --namespace "$NAMESPACE"
kubectl get components.dapr.io servicebus-binding --namespace "$NAMESPACE"
kubectl get components.dapr.io eh-pubsub --namespace "$NAMESPACE"
kubectl get components.dapr.io eventhubs-binding --namespace "$NAMESPACE"
kubectl get components.dapr.io cosmos-state --namespace "$NAMESPACE"
kubectl get components.dapr.io cosmosdb-binding --namespace "$NAMESPACE"
kubectl get components.dapr.io configstore --namespace "$NAMESPACE"
kubectl get components.dapr.io openai-binding --namespace "$NAMESPACE"
kubectl get components.dapr.io signalr-binding --namespace "$NAMESPACE"

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
