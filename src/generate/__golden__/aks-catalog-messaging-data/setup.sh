#!/usr/bin/env bash
# Dapr Managed Identity Wizard: 10 Dapr components on Azure Kubernetes Service (AKS), Microsoft Entra Workload ID (recommended).
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#resourceGroup=rg-orders&hostName=aks-prod&identityName=id-orders&namespace=orders&serviceAccount=orders-api&deployment=orders-api&appId=orders-api&appPort=8080&component=pubsub.azure.servicebus.queues&name=queue-pubsub&m.namespaceName=sb-orders.servicebus.windows.net&c2.component=pubsub.azure.servicebus.topics&c2.m.namespaceName=sb-orders.servicebus.windows.net&c2.entityManagement=dapr&c3.component=bindings.azure.servicebus.queues&c3.m.namespaceName=sb-orders.servicebus.windows.net&c3.m.queueName=invoices&c4.component=pubsub.azure.eventhubs&c4.name=eh-pubsub&c4.m.eventHubNamespace=eh-orders.servicebus.windows.net&c4.m.storageAccountName=stcheckpoints&c4.m.storageContainerName=checkpoints&c4.ehAccess=subscribe&c5.component=bindings.azure.eventhubs&c5.m.eventHubNamespace=eh-orders.servicebus.windows.net&c5.m.eventHub=telemetry&c5.m.consumerID=%24Default&c5.m.storageAccountName=stcheckpoints&c5.m.storageContainerName=checkpoints&c5.ehDirection=both&c6.component=state.azure.cosmosdb&c6.name=cosmos-state&c6.m.url=https%3A%2F%2Fcosmos-orders.documents.azure.com%3A443%2F&c6.m.database=orders&c6.m.collection=state&c7.component=bindings.azure.cosmosdb&c7.m.url=https%3A%2F%2Fcosmos-orders.documents.azure.com%3A443%2F&c7.m.database=orders&c7.m.collection=events&c7.m.partitionKey=orderId&c8.component=configuration.azure.appconfig&c8.m.host=https%3A%2F%2Fappcs-orders.azconfig.io&c9.component=bindings.azure.openai&c9.m.endpoint=https%3A%2F%2Foai-orders.openai.azure.com%2F&c10.component=bindings.azure.signalr&c10.m.endpoint=https%3A%2F%2Fsignalr-orders.service.signalr.net&c10.m.hub=orders
# Run it with Bash after `az login`. Needs Azure CLI 2.47 or later (--enable-workload-identity). Older: run `az upgrade`; an Azure CLI from a Linux distribution's own package (Debian's azure-cli, for one) upgrades only to that distribution's version, so install Microsoft's instead: https://learn.microsoft.com/cli/azure/install-azure-cli. On a cluster with Microsoft Entra integration kubectl also needs kubelogin (az aks install-cli installs both): the script switches it to the Azure CLI sign-in.
# Change values in the wizard, not here: the files this script writes were generated from them.
#
# Safe to run again: each step looks before it changes (grants and assignments are made only when missing;
# identities, settings and files are written with the same values), so a second run with the same values
# changes no setting in Azure, the cluster or the databases (a step that restarts the app restarts it again).
# After a change in the wizard, a run adds what the new values need; it removes nothing the old ones made.
# To take it back: teardown-dapr-identity.sh (the wizard's Teardown tab), made from the same values.
# Dry run: DRY_RUN=1 bash setup-dapr-identity.sh prints each command that would change something instead
# of running it; the lookups and the checks before each change still run, the files are still written into
# ./components, and the closing verify step (which checks what the skipped commands make) is skipped.
#
# What it changes:
# Looks up, changes nothing:
#   - Service Bus namespace sb-orders (resource group rg-orders)
#   - Event Hubs namespace eh-orders (resource group rg-orders)
#   - Checkpoint storage account stcheckpoints (resource group rg-orders)
#   - Event hub telemetry (resource group rg-orders)
#   - Cosmos DB account cosmos-orders (resource group rg-orders)
#   - App Configuration store appcs-orders (resource group rg-orders)
#   - Azure OpenAI account oai-orders (resource group rg-orders)
#   - SignalR service signalr-orders (resource group rg-orders)
# Identity:
#   - Creates the user-assigned identity id-orders (resource group rg-orders) unless it exists (an existing one is kept as it is).
#   - Turns on the OIDC issuer and Workload ID on the AKS cluster aks-prod (resource group rg-orders), when either is off. Turning on the issuer on a running cluster changes its ServiceAccount token issuer and restarts its API server (possible downtime; pods that fail afterwards need a restart), and it cannot be turned off again.
#   - Adds the federated credential dapr-orders-orders-api for system:serviceaccount:orders:orders-api, unless a credential for the cluster's issuer and that ServiceAccount exists (it is kept, under its own name).
# Grants:
#   - Azure role Azure Service Bus Data Owner on the Service Bus namespace sb-orders only (for pubsub, queue-pubsub, servicebus-binding).
#   - Azure role Azure Event Hubs Data Receiver on the Event Hubs namespace eh-orders only (for eh-pubsub).
#   - Azure role Storage Blob Data Contributor on the Checkpoint storage account stcheckpoints only (for eh-pubsub, eventhubs-binding).
#   - Azure role Azure Event Hubs Data Sender on the Event hub telemetry only (for eventhubs-binding).
#   - Azure role Azure Event Hubs Data Receiver on the Event hub telemetry only (for eventhubs-binding).
#   - Cosmos DB data-plane role Cosmos DB Built-in Data Contributor on the Cosmos DB account cosmos-orders (for cosmos-state, cosmosdb-binding).
#   - Azure role App Configuration Data Reader on the App Configuration store appcs-orders only (for configstore).
#   - Azure role Cognitive Services OpenAI User on the Azure OpenAI account oai-orders only (for openai-binding).
#   - Azure role SignalR REST API Owner on the SignalR service signalr-orders only (for signalr-binding).
# Files written:
#   - components/queue-pubsub.yaml: the Azure Service Bus queues pub/sub component
#   - components/pubsub.yaml: the Azure Service Bus topics pub/sub component
#   - components/servicebus-binding.yaml: the Azure Service Bus queue binding component
#   - components/eh-pubsub.yaml: the Azure Event Hubs pub/sub component
#   - components/eventhubs-binding.yaml: the Azure Event Hubs binding component
#   - components/cosmos-state.yaml: the Azure Cosmos DB state store component
#   - components/cosmosdb-binding.yaml: the Azure Cosmos DB binding component
#   - components/configstore.yaml: the Azure App Configuration store component
#   - components/openai-binding.yaml: the Azure OpenAI binding component
#   - components/signalr-binding.yaml: the Azure SignalR binding component
# Kubernetes:
#   - Applies the ServiceAccount orders-api in the namespace orders.
#   - Applies the components in the namespace orders.
#   - Patches the Deployment orders-api in the namespace orders with the Dapr annotations, the ServiceAccount and the Workload ID label: its pods restart.
# On this machine:
#   - Writes the credentials of the cluster aks-prod into ~/.kube/config, replacing an entry of the same name, and makes it kubectl's current context (az aks get-credentials --overwrite-existing); on a cluster with Microsoft Entra integration, switches that context's kubelogin sign-in to the Azure CLI (kubelogin convert-kubeconfig -l azurecli --context).

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
if ! EVENTHUB_ID=$(az eventhubs eventhub show \
    --namespace-name "$EVENTHUBS_NAMESPACE_NAME" \
    --name "$EVENTHUB_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv); then
  echo 'Event hub telemetry could not be found in eh-orders (az says why above), and with these roles Dapr does not create it. Create it: az eventhubs eventhub create --namespace-name eh-orders --name telemetry --resource-group rg-orders. Nothing was changed. More: troubleshoot.html#messaging-entity-missing, beside the wizard'\''s page.' >&2
  exit 1
fi
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

# Check the entities Dapr reads but cannot create with these grants, before changing anything.
# Component queue-pubsub: Dapr creates no queue, and each topic is a queue of that name, which must exist before the app publishes to or subscribes to it. For each topic: az servicebus queue create --namespace-name sb-orders --name <topic> --resource-group rg-orders
if ! az servicebus queue show \
    --namespace-name "$SERVICEBUS_NAMESPACE_NAME" \
    --name invoices \
    --resource-group "$RESOURCE_GROUP" -o none; then
  echo 'Component servicebus-binding: the Service Bus queue invoices could not be found in sb-orders (az says why above), and with entity management off Dapr does not create it. Create it: az servicebus queue create --namespace-name sb-orders --name invoices --resource-group rg-orders. Nothing was changed. More: troubleshoot.html#messaging-entity-missing, beside the wizard'\''s page.' >&2
  exit 1
fi
# Component eh-pubsub: each topic is an event hub of that name, which Dapr does not create: az eventhubs eventhub create --namespace-name eh-orders --name <topic> --resource-group rg-orders
# Each event hub it subscribes to needs the consumer group orders-api, which Dapr does not create; where it is missing: az eventhubs eventhub consumer-group create --namespace-name eh-orders --eventhub-name <topic> --name orders-api --resource-group rg-orders
if ! COSMOS_PARTITION_KEY=$(az cosmosdb sql container show \
    --account-name "$COSMOS_ACCOUNT_NAME" \
    --database-name orders \
    --name state \
    --resource-group "$RESOURCE_GROUP" \
    --query resource.partitionKey.paths -o tsv); then
  echo 'Component cosmos-state: the container state of the database orders in the Cosmos DB account cosmos-orders could not be read (az says why above). Dapr reads it when it loads the component, and its data-plane role cannot create a database or container. Create them (the database only if it is missing): az cosmosdb sql database create --account-name cosmos-orders --name orders --resource-group rg-orders; az cosmosdb sql container create --account-name cosmos-orders --database-name orders --name state --partition-key-path /partitionKey --resource-group rg-orders. Nothing was changed. More: troubleshoot.html#cosmos-container-unreadable, beside the wizard'\''s page.' >&2
  exit 1
fi
if [ "$COSMOS_PARTITION_KEY" != /partitionKey ]; then
  echo 'Component cosmos-state: the container state does not have the one partition key path /partitionKey, and the Dapr state store writes the partition key in the partitionKey property. A container'\''s partition key cannot be changed: create a container with it (az cosmosdb sql container create --account-name cosmos-orders --database-name orders --name state --partition-key-path /partitionKey --resource-group rg-orders) and name that one in the wizard. Nothing was changed. More: troubleshoot.html#cosmos-partition-key-mismatch, beside the wizard'\''s page.' >&2
  exit 1
fi
if ! COSMOS_PARTITION_KEY_2=$(az cosmosdb sql container show \
    --account-name "$COSMOS_ACCOUNT_NAME" \
    --database-name orders \
    --name events \
    --resource-group "$RESOURCE_GROUP" \
    --query resource.partitionKey.paths -o tsv); then
  echo 'Component cosmosdb-binding: the container events of the database orders in the Cosmos DB account cosmos-orders could not be read (az says why above). Dapr reads it when it loads the component, and its data-plane role cannot create a database or container. Create them (the database only if it is missing): az cosmosdb sql database create --account-name cosmos-orders --name orders --resource-group rg-orders; az cosmosdb sql container create --account-name cosmos-orders --database-name orders --name events --partition-key-path /orderId --resource-group rg-orders. Nothing was changed. More: troubleshoot.html#cosmos-container-unreadable, beside the wizard'\''s page.' >&2
  exit 1
fi
if [ "$COSMOS_PARTITION_KEY_2" != /orderId ]; then
  echo 'Component cosmosdb-binding: the container events does not have the one partition key path /orderId, and the binding sends each item'\''s orderId value as its partition key. A container'\''s partition key cannot be changed: create a container with it (az cosmosdb sql container create --account-name cosmos-orders --database-name orders --name events --partition-key-path /orderId --resource-group rg-orders) and name that one in the wizard. Nothing was changed. More: troubleshoot.html#cosmos-partition-key-mismatch, beside the wizard'\''s page.' >&2
  exit 1
fi

# Point kubectl at the cluster (kubelogin signs it in through the Azure CLI on a cluster with Microsoft Entra integration), and check that Dapr is installed (the Component resource type exists).
az aks get-credentials \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --overwrite-existing
KUBECTL_SIGN_IN=$(kubectl config view --minify -o 'jsonpath={.users[0].user.exec.command}')
if [ "$KUBECTL_SIGN_IN" = kubelogin ]; then
  if ! kubelogin convert-kubeconfig -l azurecli --context "$CLUSTER_NAME"; then
    echo 'The cluster signs kubectl in through Microsoft Entra ID with kubelogin, and "kubelogin convert-kubeconfig -l azurecli --context <cluster>" failed: if kubelogin is not installed, install it ("az aks install-cli" installs kubectl and kubelogin; or see https://github.com/Azure/kubelogin), then run the script again. Without the conversion each kubectl call would wait for a device-code sign-in. Nothing in Azure or the cluster was changed. More: troubleshoot.html#aks-kubelogin-failed, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
DAPR_CRD=$(kubectl get crd components.dapr.io -o name --ignore-not-found)
if [ "$DAPR_CRD" = '' ]; then
  echo 'Dapr is not installed on the cluster aks-prod (it has no components.dapr.io resource type), so nothing in Azure or the cluster was changed. Install it with the AKS Dapr extension (az k8s-extension create --cluster-type managedClusters --cluster-name aks-prod --resource-group rg-orders --name dapr --extension-type Microsoft.Dapr), or with "dapr init -k" or Helm. Likely cause: The cluster has no Component resource type: Dapr (its CRDs and control plane) is not installed. Fix: Install Dapr on the cluster (the AKS Dapr extension or Helm), then run the script again. More: troubleshoot.html#aks-dapr-not-installed, beside the wizard'\''s page.' >&2
  exit 1
fi

# Check that the app's Deployment orders-api is in the namespace orders: the script patches it.
if ! kubectl get deployment "$DEPLOYMENT_NAME" --namespace "$NAMESPACE" -o name; then
  echo 'There is no Deployment orders-api in the namespace orders, so there is nothing to patch. Nothing was changed. Likely cause: The Deployment named in the wizard is not in that namespace of this cluster: another name, another namespace, or the app is not deployed yet. Fix: Deploy the app first, or enter the Deployment'\''s name and namespace as kubectl lists them, then run the script again. More: troubleshoot.html#aks-deployment-not-found, beside the wizard'\''s page.' >&2
  exit 1
fi
DEPLOYMENT_SERVICE_ACCOUNT=$(kubectl get deployment "$DEPLOYMENT_NAME" \
    --namespace "$NAMESPACE" -o 'jsonpath={.spec.template.spec.serviceAccountName}')
if [ "$DEPLOYMENT_SERVICE_ACCOUNT" != '' ]; then
  if [ "$DEPLOYMENT_SERVICE_ACCOUNT" != default ]; then
    if [ "$DEPLOYMENT_SERVICE_ACCOUNT" != "$SERVICE_ACCOUNT" ]; then
      echo 'The Deployment orders-api runs as a ServiceAccount of its own, not orders-api (kubectl get deployment orders-api --namespace orders -o jsonpath='\''{.spec.template.spec.serviceAccountName}'\'' names it). Switching its pods to orders-api would drop the Kubernetes permissions they have through it, so nothing was changed. Enter that ServiceAccount in the wizard. Likely cause: The app'\''s Deployment names a ServiceAccount of its own (often made by Helm, with Kubernetes RBAC bindings). Switching its pods to the wizard'\''s ServiceAccount would drop the permissions the app has through it. Fix: Enter that ServiceAccount in the wizard (the setup then annotates it with the identity'\''s client id and keeps it in the teardown), then run the script again. More: troubleshoot.html#aks-service-account-taken, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
fi

# Check the namespace's Dapr components of the same names before any change: one the setup did not create, or one an earlier run wrote with another type or scopes other than orders-api alone, stops the script.
COMPONENT_FOUND=$(kubectl get components.dapr.io queue-pubsub \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}')
if [ "$COMPONENT_FOUND" != '' ]; then
  COMPONENT_MARK=$(kubectl get components.dapr.io queue-pubsub \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.dapr-mi-wizard/created}')
  COMPONENT_TYPE=$(kubectl get components.dapr.io queue-pubsub \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.type}')
  if [ "$COMPONENT_MARK" = true ]; then
    if [ "$COMPONENT_FOUND" != pubsub.azure.servicebus.queues/orders-api ]; then
      echo 'The namespace orders already has a Dapr component named queue-pubsub that an earlier run of the setup wrote with other values (it carries the setup'\''s dapr-mi-wizard/created mark, but another type, or scopes other than orders-api alone: another app id or another component under that name, or it was changed since; kubectl get components.dapr.io queue-pubsub --namespace orders -o yaml shows it). Applying this file would rewrite it for the app that loads it. Take it back with the teardown of that run (its teardown-dapr-identity.sh, or the wizard'\''s Teardown tab with its values), or, if nothing loads it, kubectl delete components.dapr.io queue-pubsub --namespace orders; or choose another name for the component in the wizard. Then run this script again. Nothing was changed. Likely cause: A Dapr Component of this name carries the setup'\''s mark but another type, or scopes other than this app id alone: an earlier run wrote it for another app id or another component under that name, or it was changed since. Applying this run'\''s file would rewrite it for the app that loads it. Fix: Take it back with the teardown of that run (or the wizard'\''s Teardown tab with that run'\''s values), or delete it if nothing loads it; or give the component another name in the wizard. Then run the script again. More: troubleshoot.html#aks-component-other-values, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
  if [ "$COMPONENT_MARK" != true ]; then
    echo "The namespace orders already has a Dapr component named queue-pubsub, of type ${COMPONENT_TYPE}." >&2
    echo 'That component carries no dapr-mi-wizard/created mark, so the setup did not create it (someone else did, or a setup from before it marked what it creates, or a run stopped before its mark; kubectl get components.dapr.io queue-pubsub --namespace orders -o yaml shows it). Applying the setup'\''s file of type pubsub.azure.servicebus.queues over it would rewrite it for every app that loads it, and its teardown would keep it, so nothing was changed. Choose another name for the component in the wizard; or, if that component is yours and nothing else loads it, remove it yourself (kubectl delete components.dapr.io queue-pubsub --namespace orders). Then run this script again. Likely cause: The app'\''s namespace holds a Dapr Component of a name the wizard gives one of its components, without the setup'\''s dapr-mi-wizard/created mark: someone else made it (by hand, by Helm, for another app), or a setup from before the mark did, or a run of the setup stopped between applying it and marking it. kubectl apply of the setup'\''s file would patch it, whatever its type, for every app that loads it, and the teardown would keep it. Fix: Give the component another name in the wizard. Or, if that Component is yours and nothing else loads it, delete it: the setup then applies its own and marks it. Then run the script again. More: troubleshoot.html#aks-component-not-created-by-setup, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
COMPONENT_FOUND=$(kubectl get components.dapr.io pubsub \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}')
if [ "$COMPONENT_FOUND" != '' ]; then
  COMPONENT_MARK=$(kubectl get components.dapr.io pubsub \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.dapr-mi-wizard/created}')
  COMPONENT_TYPE=$(kubectl get components.dapr.io pubsub \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.type}')
  if [ "$COMPONENT_MARK" = true ]; then
    if [ "$COMPONENT_FOUND" != pubsub.azure.servicebus.topics/orders-api ]; then
      echo 'The namespace orders already has a Dapr component named pubsub that an earlier run of the setup wrote with other values (it carries the setup'\''s dapr-mi-wizard/created mark, but another type, or scopes other than orders-api alone: another app id or another component under that name, or it was changed since; kubectl get components.dapr.io pubsub --namespace orders -o yaml shows it). Applying this file would rewrite it for the app that loads it. Take it back with the teardown of that run (its teardown-dapr-identity.sh, or the wizard'\''s Teardown tab with its values), or, if nothing loads it, kubectl delete components.dapr.io pubsub --namespace orders; or choose another name for the component in the wizard. Then run this script again. Nothing was changed. Likely cause: A Dapr Component of this name carries the setup'\''s mark but another type, or scopes other than this app id alone: an earlier run wrote it for another app id or another component under that name, or it was changed since. Applying this run'\''s file would rewrite it for the app that loads it. Fix: Take it back with the teardown of that run (or the wizard'\''s Teardown tab with that run'\''s values), or delete it if nothing loads it; or give the component another name in the wizard. Then run the script again. More: troubleshoot.html#aks-component-other-values, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
  if [ "$COMPONENT_MARK" != true ]; then
    echo "The namespace orders already has a Dapr component named pubsub, of type ${COMPONENT_TYPE}." >&2
    echo 'That component carries no dapr-mi-wizard/created mark, so the setup did not create it (someone else did, or a setup from before it marked what it creates, or a run stopped before its mark; kubectl get components.dapr.io pubsub --namespace orders -o yaml shows it). Applying the setup'\''s file of type pubsub.azure.servicebus.topics over it would rewrite it for every app that loads it, and its teardown would keep it, so nothing was changed. Choose another name for the component in the wizard; or, if that component is yours and nothing else loads it, remove it yourself (kubectl delete components.dapr.io pubsub --namespace orders). Then run this script again. Likely cause: The app'\''s namespace holds a Dapr Component of a name the wizard gives one of its components, without the setup'\''s dapr-mi-wizard/created mark: someone else made it (by hand, by Helm, for another app), or a setup from before the mark did, or a run of the setup stopped between applying it and marking it. kubectl apply of the setup'\''s file would patch it, whatever its type, for every app that loads it, and the teardown would keep it. Fix: Give the component another name in the wizard. Or, if that Component is yours and nothing else loads it, delete it: the setup then applies its own and marks it. Then run the script again. More: troubleshoot.html#aks-component-not-created-by-setup, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
COMPONENT_FOUND=$(kubectl get components.dapr.io servicebus-binding \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}')
if [ "$COMPONENT_FOUND" != '' ]; then
  COMPONENT_MARK=$(kubectl get components.dapr.io servicebus-binding \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.dapr-mi-wizard/created}')
  COMPONENT_TYPE=$(kubectl get components.dapr.io servicebus-binding \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.type}')
  if [ "$COMPONENT_MARK" = true ]; then
    if [ "$COMPONENT_FOUND" != bindings.azure.servicebus.queues/orders-api ]; then
      echo 'The namespace orders already has a Dapr component named servicebus-binding that an earlier run of the setup wrote with other values (it carries the setup'\''s dapr-mi-wizard/created mark, but another type, or scopes other than orders-api alone: another app id or another component under that name, or it was changed since; kubectl get components.dapr.io servicebus-binding --namespace orders -o yaml shows it). Applying this file would rewrite it for the app that loads it. Take it back with the teardown of that run (its teardown-dapr-identity.sh, or the wizard'\''s Teardown tab with its values), or, if nothing loads it, kubectl delete components.dapr.io servicebus-binding --namespace orders; or choose another name for the component in the wizard. Then run this script again. Nothing was changed. Likely cause: A Dapr Component of this name carries the setup'\''s mark but another type, or scopes other than this app id alone: an earlier run wrote it for another app id or another component under that name, or it was changed since. Applying this run'\''s file would rewrite it for the app that loads it. Fix: Take it back with the teardown of that run (or the wizard'\''s Teardown tab with that run'\''s values), or delete it if nothing loads it; or give the component another name in the wizard. Then run the script again. More: troubleshoot.html#aks-component-other-values, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
  if [ "$COMPONENT_MARK" != true ]; then
    echo "The namespace orders already has a Dapr component named servicebus-binding, of type ${COMPONENT_TYPE}." >&2
    echo 'That component carries no dapr-mi-wizard/created mark, so the setup did not create it (someone else did, or a setup from before it marked what it creates, or a run stopped before its mark; kubectl get components.dapr.io servicebus-binding --namespace orders -o yaml shows it). Applying the setup'\''s file of type bindings.azure.servicebus.queues over it would rewrite it for every app that loads it, and its teardown would keep it, so nothing was changed. Choose another name for the component in the wizard; or, if that component is yours and nothing else loads it, remove it yourself (kubectl delete components.dapr.io servicebus-binding --namespace orders). Then run this script again. Likely cause: The app'\''s namespace holds a Dapr Component of a name the wizard gives one of its components, without the setup'\''s dapr-mi-wizard/created mark: someone else made it (by hand, by Helm, for another app), or a setup from before the mark did, or a run of the setup stopped between applying it and marking it. kubectl apply of the setup'\''s file would patch it, whatever its type, for every app that loads it, and the teardown would keep it. Fix: Give the component another name in the wizard. Or, if that Component is yours and nothing else loads it, delete it: the setup then applies its own and marks it. Then run the script again. More: troubleshoot.html#aks-component-not-created-by-setup, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
COMPONENT_FOUND=$(kubectl get components.dapr.io eh-pubsub \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}')
if [ "$COMPONENT_FOUND" != '' ]; then
  COMPONENT_MARK=$(kubectl get components.dapr.io eh-pubsub \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.dapr-mi-wizard/created}')
  COMPONENT_TYPE=$(kubectl get components.dapr.io eh-pubsub \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.type}')
  if [ "$COMPONENT_MARK" = true ]; then
    if [ "$COMPONENT_FOUND" != pubsub.azure.eventhubs/orders-api ]; then
      echo 'The namespace orders already has a Dapr component named eh-pubsub that an earlier run of the setup wrote with other values (it carries the setup'\''s dapr-mi-wizard/created mark, but another type, or scopes other than orders-api alone: another app id or another component under that name, or it was changed since; kubectl get components.dapr.io eh-pubsub --namespace orders -o yaml shows it). Applying this file would rewrite it for the app that loads it. Take it back with the teardown of that run (its teardown-dapr-identity.sh, or the wizard'\''s Teardown tab with its values), or, if nothing loads it, kubectl delete components.dapr.io eh-pubsub --namespace orders; or choose another name for the component in the wizard. Then run this script again. Nothing was changed. Likely cause: A Dapr Component of this name carries the setup'\''s mark but another type, or scopes other than this app id alone: an earlier run wrote it for another app id or another component under that name, or it was changed since. Applying this run'\''s file would rewrite it for the app that loads it. Fix: Take it back with the teardown of that run (or the wizard'\''s Teardown tab with that run'\''s values), or delete it if nothing loads it; or give the component another name in the wizard. Then run the script again. More: troubleshoot.html#aks-component-other-values, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
  if [ "$COMPONENT_MARK" != true ]; then
    echo "The namespace orders already has a Dapr component named eh-pubsub, of type ${COMPONENT_TYPE}." >&2
    echo 'That component carries no dapr-mi-wizard/created mark, so the setup did not create it (someone else did, or a setup from before it marked what it creates, or a run stopped before its mark; kubectl get components.dapr.io eh-pubsub --namespace orders -o yaml shows it). Applying the setup'\''s file of type pubsub.azure.eventhubs over it would rewrite it for every app that loads it, and its teardown would keep it, so nothing was changed. Choose another name for the component in the wizard; or, if that component is yours and nothing else loads it, remove it yourself (kubectl delete components.dapr.io eh-pubsub --namespace orders). Then run this script again. Likely cause: The app'\''s namespace holds a Dapr Component of a name the wizard gives one of its components, without the setup'\''s dapr-mi-wizard/created mark: someone else made it (by hand, by Helm, for another app), or a setup from before the mark did, or a run of the setup stopped between applying it and marking it. kubectl apply of the setup'\''s file would patch it, whatever its type, for every app that loads it, and the teardown would keep it. Fix: Give the component another name in the wizard. Or, if that Component is yours and nothing else loads it, delete it: the setup then applies its own and marks it. Then run the script again. More: troubleshoot.html#aks-component-not-created-by-setup, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
COMPONENT_FOUND=$(kubectl get components.dapr.io eventhubs-binding \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}')
if [ "$COMPONENT_FOUND" != '' ]; then
  COMPONENT_MARK=$(kubectl get components.dapr.io eventhubs-binding \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.dapr-mi-wizard/created}')
  COMPONENT_TYPE=$(kubectl get components.dapr.io eventhubs-binding \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.type}')
  if [ "$COMPONENT_MARK" = true ]; then
    if [ "$COMPONENT_FOUND" != bindings.azure.eventhubs/orders-api ]; then
      echo 'The namespace orders already has a Dapr component named eventhubs-binding that an earlier run of the setup wrote with other values (it carries the setup'\''s dapr-mi-wizard/created mark, but another type, or scopes other than orders-api alone: another app id or another component under that name, or it was changed since; kubectl get components.dapr.io eventhubs-binding --namespace orders -o yaml shows it). Applying this file would rewrite it for the app that loads it. Take it back with the teardown of that run (its teardown-dapr-identity.sh, or the wizard'\''s Teardown tab with its values), or, if nothing loads it, kubectl delete components.dapr.io eventhubs-binding --namespace orders; or choose another name for the component in the wizard. Then run this script again. Nothing was changed. Likely cause: A Dapr Component of this name carries the setup'\''s mark but another type, or scopes other than this app id alone: an earlier run wrote it for another app id or another component under that name, or it was changed since. Applying this run'\''s file would rewrite it for the app that loads it. Fix: Take it back with the teardown of that run (or the wizard'\''s Teardown tab with that run'\''s values), or delete it if nothing loads it; or give the component another name in the wizard. Then run the script again. More: troubleshoot.html#aks-component-other-values, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
  if [ "$COMPONENT_MARK" != true ]; then
    echo "The namespace orders already has a Dapr component named eventhubs-binding, of type ${COMPONENT_TYPE}." >&2
    echo 'That component carries no dapr-mi-wizard/created mark, so the setup did not create it (someone else did, or a setup from before it marked what it creates, or a run stopped before its mark; kubectl get components.dapr.io eventhubs-binding --namespace orders -o yaml shows it). Applying the setup'\''s file of type bindings.azure.eventhubs over it would rewrite it for every app that loads it, and its teardown would keep it, so nothing was changed. Choose another name for the component in the wizard; or, if that component is yours and nothing else loads it, remove it yourself (kubectl delete components.dapr.io eventhubs-binding --namespace orders). Then run this script again. Likely cause: The app'\''s namespace holds a Dapr Component of a name the wizard gives one of its components, without the setup'\''s dapr-mi-wizard/created mark: someone else made it (by hand, by Helm, for another app), or a setup from before the mark did, or a run of the setup stopped between applying it and marking it. kubectl apply of the setup'\''s file would patch it, whatever its type, for every app that loads it, and the teardown would keep it. Fix: Give the component another name in the wizard. Or, if that Component is yours and nothing else loads it, delete it: the setup then applies its own and marks it. Then run the script again. More: troubleshoot.html#aks-component-not-created-by-setup, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
COMPONENT_FOUND=$(kubectl get components.dapr.io cosmos-state \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}')
if [ "$COMPONENT_FOUND" != '' ]; then
  COMPONENT_MARK=$(kubectl get components.dapr.io cosmos-state \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.dapr-mi-wizard/created}')
  COMPONENT_TYPE=$(kubectl get components.dapr.io cosmos-state \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.type}')
  if [ "$COMPONENT_MARK" = true ]; then
    if [ "$COMPONENT_FOUND" != state.azure.cosmosdb/orders-api ]; then
      echo 'The namespace orders already has a Dapr component named cosmos-state that an earlier run of the setup wrote with other values (it carries the setup'\''s dapr-mi-wizard/created mark, but another type, or scopes other than orders-api alone: another app id or another component under that name, or it was changed since; kubectl get components.dapr.io cosmos-state --namespace orders -o yaml shows it). Applying this file would rewrite it for the app that loads it. Take it back with the teardown of that run (its teardown-dapr-identity.sh, or the wizard'\''s Teardown tab with its values), or, if nothing loads it, kubectl delete components.dapr.io cosmos-state --namespace orders; or choose another name for the component in the wizard. Then run this script again. Nothing was changed. Likely cause: A Dapr Component of this name carries the setup'\''s mark but another type, or scopes other than this app id alone: an earlier run wrote it for another app id or another component under that name, or it was changed since. Applying this run'\''s file would rewrite it for the app that loads it. Fix: Take it back with the teardown of that run (or the wizard'\''s Teardown tab with that run'\''s values), or delete it if nothing loads it; or give the component another name in the wizard. Then run the script again. More: troubleshoot.html#aks-component-other-values, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
  if [ "$COMPONENT_MARK" != true ]; then
    echo "The namespace orders already has a Dapr component named cosmos-state, of type ${COMPONENT_TYPE}." >&2
    echo 'That component carries no dapr-mi-wizard/created mark, so the setup did not create it (someone else did, or a setup from before it marked what it creates, or a run stopped before its mark; kubectl get components.dapr.io cosmos-state --namespace orders -o yaml shows it). Applying the setup'\''s file of type state.azure.cosmosdb over it would rewrite it for every app that loads it, and its teardown would keep it, so nothing was changed. Choose another name for the component in the wizard; or, if that component is yours and nothing else loads it, remove it yourself (kubectl delete components.dapr.io cosmos-state --namespace orders). Then run this script again. Likely cause: The app'\''s namespace holds a Dapr Component of a name the wizard gives one of its components, without the setup'\''s dapr-mi-wizard/created mark: someone else made it (by hand, by Helm, for another app), or a setup from before the mark did, or a run of the setup stopped between applying it and marking it. kubectl apply of the setup'\''s file would patch it, whatever its type, for every app that loads it, and the teardown would keep it. Fix: Give the component another name in the wizard. Or, if that Component is yours and nothing else loads it, delete it: the setup then applies its own and marks it. Then run the script again. More: troubleshoot.html#aks-component-not-created-by-setup, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
COMPONENT_FOUND=$(kubectl get components.dapr.io cosmosdb-binding \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}')
if [ "$COMPONENT_FOUND" != '' ]; then
  COMPONENT_MARK=$(kubectl get components.dapr.io cosmosdb-binding \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.dapr-mi-wizard/created}')
  COMPONENT_TYPE=$(kubectl get components.dapr.io cosmosdb-binding \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.type}')
  if [ "$COMPONENT_MARK" = true ]; then
    if [ "$COMPONENT_FOUND" != bindings.azure.cosmosdb/orders-api ]; then
      echo 'The namespace orders already has a Dapr component named cosmosdb-binding that an earlier run of the setup wrote with other values (it carries the setup'\''s dapr-mi-wizard/created mark, but another type, or scopes other than orders-api alone: another app id or another component under that name, or it was changed since; kubectl get components.dapr.io cosmosdb-binding --namespace orders -o yaml shows it). Applying this file would rewrite it for the app that loads it. Take it back with the teardown of that run (its teardown-dapr-identity.sh, or the wizard'\''s Teardown tab with its values), or, if nothing loads it, kubectl delete components.dapr.io cosmosdb-binding --namespace orders; or choose another name for the component in the wizard. Then run this script again. Nothing was changed. Likely cause: A Dapr Component of this name carries the setup'\''s mark but another type, or scopes other than this app id alone: an earlier run wrote it for another app id or another component under that name, or it was changed since. Applying this run'\''s file would rewrite it for the app that loads it. Fix: Take it back with the teardown of that run (or the wizard'\''s Teardown tab with that run'\''s values), or delete it if nothing loads it; or give the component another name in the wizard. Then run the script again. More: troubleshoot.html#aks-component-other-values, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
  if [ "$COMPONENT_MARK" != true ]; then
    echo "The namespace orders already has a Dapr component named cosmosdb-binding, of type ${COMPONENT_TYPE}." >&2
    echo 'That component carries no dapr-mi-wizard/created mark, so the setup did not create it (someone else did, or a setup from before it marked what it creates, or a run stopped before its mark; kubectl get components.dapr.io cosmosdb-binding --namespace orders -o yaml shows it). Applying the setup'\''s file of type bindings.azure.cosmosdb over it would rewrite it for every app that loads it, and its teardown would keep it, so nothing was changed. Choose another name for the component in the wizard; or, if that component is yours and nothing else loads it, remove it yourself (kubectl delete components.dapr.io cosmosdb-binding --namespace orders). Then run this script again. Likely cause: The app'\''s namespace holds a Dapr Component of a name the wizard gives one of its components, without the setup'\''s dapr-mi-wizard/created mark: someone else made it (by hand, by Helm, for another app), or a setup from before the mark did, or a run of the setup stopped between applying it and marking it. kubectl apply of the setup'\''s file would patch it, whatever its type, for every app that loads it, and the teardown would keep it. Fix: Give the component another name in the wizard. Or, if that Component is yours and nothing else loads it, delete it: the setup then applies its own and marks it. Then run the script again. More: troubleshoot.html#aks-component-not-created-by-setup, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
COMPONENT_FOUND=$(kubectl get components.dapr.io configstore \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}')
if [ "$COMPONENT_FOUND" != '' ]; then
  COMPONENT_MARK=$(kubectl get components.dapr.io configstore \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.dapr-mi-wizard/created}')
  COMPONENT_TYPE=$(kubectl get components.dapr.io configstore \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.type}')
  if [ "$COMPONENT_MARK" = true ]; then
    if [ "$COMPONENT_FOUND" != configuration.azure.appconfig/orders-api ]; then
      echo 'The namespace orders already has a Dapr component named configstore that an earlier run of the setup wrote with other values (it carries the setup'\''s dapr-mi-wizard/created mark, but another type, or scopes other than orders-api alone: another app id or another component under that name, or it was changed since; kubectl get components.dapr.io configstore --namespace orders -o yaml shows it). Applying this file would rewrite it for the app that loads it. Take it back with the teardown of that run (its teardown-dapr-identity.sh, or the wizard'\''s Teardown tab with its values), or, if nothing loads it, kubectl delete components.dapr.io configstore --namespace orders; or choose another name for the component in the wizard. Then run this script again. Nothing was changed. Likely cause: A Dapr Component of this name carries the setup'\''s mark but another type, or scopes other than this app id alone: an earlier run wrote it for another app id or another component under that name, or it was changed since. Applying this run'\''s file would rewrite it for the app that loads it. Fix: Take it back with the teardown of that run (or the wizard'\''s Teardown tab with that run'\''s values), or delete it if nothing loads it; or give the component another name in the wizard. Then run the script again. More: troubleshoot.html#aks-component-other-values, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
  if [ "$COMPONENT_MARK" != true ]; then
    echo "The namespace orders already has a Dapr component named configstore, of type ${COMPONENT_TYPE}." >&2
    echo 'That component carries no dapr-mi-wizard/created mark, so the setup did not create it (someone else did, or a setup from before it marked what it creates, or a run stopped before its mark; kubectl get components.dapr.io configstore --namespace orders -o yaml shows it). Applying the setup'\''s file of type configuration.azure.appconfig over it would rewrite it for every app that loads it, and its teardown would keep it, so nothing was changed. Choose another name for the component in the wizard; or, if that component is yours and nothing else loads it, remove it yourself (kubectl delete components.dapr.io configstore --namespace orders). Then run this script again. Likely cause: The app'\''s namespace holds a Dapr Component of a name the wizard gives one of its components, without the setup'\''s dapr-mi-wizard/created mark: someone else made it (by hand, by Helm, for another app), or a setup from before the mark did, or a run of the setup stopped between applying it and marking it. kubectl apply of the setup'\''s file would patch it, whatever its type, for every app that loads it, and the teardown would keep it. Fix: Give the component another name in the wizard. Or, if that Component is yours and nothing else loads it, delete it: the setup then applies its own and marks it. Then run the script again. More: troubleshoot.html#aks-component-not-created-by-setup, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
COMPONENT_FOUND=$(kubectl get components.dapr.io openai-binding \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}')
if [ "$COMPONENT_FOUND" != '' ]; then
  COMPONENT_MARK=$(kubectl get components.dapr.io openai-binding \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.dapr-mi-wizard/created}')
  COMPONENT_TYPE=$(kubectl get components.dapr.io openai-binding \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.type}')
  if [ "$COMPONENT_MARK" = true ]; then
    if [ "$COMPONENT_FOUND" != bindings.azure.openai/orders-api ]; then
      echo 'The namespace orders already has a Dapr component named openai-binding that an earlier run of the setup wrote with other values (it carries the setup'\''s dapr-mi-wizard/created mark, but another type, or scopes other than orders-api alone: another app id or another component under that name, or it was changed since; kubectl get components.dapr.io openai-binding --namespace orders -o yaml shows it). Applying this file would rewrite it for the app that loads it. Take it back with the teardown of that run (its teardown-dapr-identity.sh, or the wizard'\''s Teardown tab with its values), or, if nothing loads it, kubectl delete components.dapr.io openai-binding --namespace orders; or choose another name for the component in the wizard. Then run this script again. Nothing was changed. Likely cause: A Dapr Component of this name carries the setup'\''s mark but another type, or scopes other than this app id alone: an earlier run wrote it for another app id or another component under that name, or it was changed since. Applying this run'\''s file would rewrite it for the app that loads it. Fix: Take it back with the teardown of that run (or the wizard'\''s Teardown tab with that run'\''s values), or delete it if nothing loads it; or give the component another name in the wizard. Then run the script again. More: troubleshoot.html#aks-component-other-values, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
  if [ "$COMPONENT_MARK" != true ]; then
    echo "The namespace orders already has a Dapr component named openai-binding, of type ${COMPONENT_TYPE}." >&2
    echo 'That component carries no dapr-mi-wizard/created mark, so the setup did not create it (someone else did, or a setup from before it marked what it creates, or a run stopped before its mark; kubectl get components.dapr.io openai-binding --namespace orders -o yaml shows it). Applying the setup'\''s file of type bindings.azure.openai over it would rewrite it for every app that loads it, and its teardown would keep it, so nothing was changed. Choose another name for the component in the wizard; or, if that component is yours and nothing else loads it, remove it yourself (kubectl delete components.dapr.io openai-binding --namespace orders). Then run this script again. Likely cause: The app'\''s namespace holds a Dapr Component of a name the wizard gives one of its components, without the setup'\''s dapr-mi-wizard/created mark: someone else made it (by hand, by Helm, for another app), or a setup from before the mark did, or a run of the setup stopped between applying it and marking it. kubectl apply of the setup'\''s file would patch it, whatever its type, for every app that loads it, and the teardown would keep it. Fix: Give the component another name in the wizard. Or, if that Component is yours and nothing else loads it, delete it: the setup then applies its own and marks it. Then run the script again. More: troubleshoot.html#aks-component-not-created-by-setup, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
COMPONENT_FOUND=$(kubectl get components.dapr.io signalr-binding \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}')
if [ "$COMPONENT_FOUND" != '' ]; then
  COMPONENT_MARK=$(kubectl get components.dapr.io signalr-binding \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.dapr-mi-wizard/created}')
  COMPONENT_TYPE=$(kubectl get components.dapr.io signalr-binding \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.type}')
  if [ "$COMPONENT_MARK" = true ]; then
    if [ "$COMPONENT_FOUND" != bindings.azure.signalr/orders-api ]; then
      echo 'The namespace orders already has a Dapr component named signalr-binding that an earlier run of the setup wrote with other values (it carries the setup'\''s dapr-mi-wizard/created mark, but another type, or scopes other than orders-api alone: another app id or another component under that name, or it was changed since; kubectl get components.dapr.io signalr-binding --namespace orders -o yaml shows it). Applying this file would rewrite it for the app that loads it. Take it back with the teardown of that run (its teardown-dapr-identity.sh, or the wizard'\''s Teardown tab with its values), or, if nothing loads it, kubectl delete components.dapr.io signalr-binding --namespace orders; or choose another name for the component in the wizard. Then run this script again. Nothing was changed. Likely cause: A Dapr Component of this name carries the setup'\''s mark but another type, or scopes other than this app id alone: an earlier run wrote it for another app id or another component under that name, or it was changed since. Applying this run'\''s file would rewrite it for the app that loads it. Fix: Take it back with the teardown of that run (or the wizard'\''s Teardown tab with that run'\''s values), or delete it if nothing loads it; or give the component another name in the wizard. Then run the script again. More: troubleshoot.html#aks-component-other-values, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
  if [ "$COMPONENT_MARK" != true ]; then
    echo "The namespace orders already has a Dapr component named signalr-binding, of type ${COMPONENT_TYPE}." >&2
    echo 'That component carries no dapr-mi-wizard/created mark, so the setup did not create it (someone else did, or a setup from before it marked what it creates, or a run stopped before its mark; kubectl get components.dapr.io signalr-binding --namespace orders -o yaml shows it). Applying the setup'\''s file of type bindings.azure.signalr over it would rewrite it for every app that loads it, and its teardown would keep it, so nothing was changed. Choose another name for the component in the wizard; or, if that component is yours and nothing else loads it, remove it yourself (kubectl delete components.dapr.io signalr-binding --namespace orders). Then run this script again. Likely cause: The app'\''s namespace holds a Dapr Component of a name the wizard gives one of its components, without the setup'\''s dapr-mi-wizard/created mark: someone else made it (by hand, by Helm, for another app), or a setup from before the mark did, or a run of the setup stopped between applying it and marking it. kubectl apply of the setup'\''s file would patch it, whatever its type, for every app that loads it, and the teardown would keep it. Fix: Give the component another name in the wizard. Or, if that Component is yours and nothing else loads it, delete it: the setup then applies its own and marks it. Then run the script again. More: troubleshoot.html#aks-component-not-created-by-setup, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi

# Create the user-assigned identity the app signs in with, unless it exists; the tag tells the teardown the setup made it (an existing one is kept untagged, and the teardown keeps it).
IDENTITY_FOUND=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].id | [0]" -o tsv)
if [ "$IDENTITY_FOUND" = '' ]; then
  run az identity create \
      --name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --tags createdBy=dapr-mi-wizard -o none
fi

# Read its ids: the principal id receives the grant, the client id tells Azure which identity the app means.
PRINCIPAL_ID=$(read_or_placeholder PRINCIPAL_ID az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query principalId -o tsv)
CLIENT_ID=$(read_or_placeholder CLIENT_ID az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query clientId -o tsv)

# Turn on the OIDC issuer and Workload ID, so pods can trade ServiceAccount tokens for Entra tokens (only when one of them is off). On a running cluster the issuer changes the ServiceAccount token issuer and restarts the API server (possible downtime), and it cannot be turned off again.
WORKLOAD_ID_ON=$(az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query 'oidcIssuerProfile.enabled && securityProfile.workloadIdentity.enabled' -o tsv)
if [ "$WORKLOAD_ID_ON" != true ]; then
  printf '%s\n' "Turning on the OIDC issuer and Workload ID on ${CLUSTER_NAME}: if the issuer was off, this changes the cluster's ServiceAccount token issuer and restarts its API server (possible downtime; pods that fail afterwards need a restart), and the issuer cannot be turned off again."
  run az aks update \
      --name "$CLUSTER_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --enable-oidc-issuer \
      --enable-workload-identity -o none
fi

# Read the cluster's OIDC issuer URL: the federated credential trusts the tokens it signs.
OIDC_ISSUER=$(read_or_placeholder OIDC_ISSUER az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query oidcIssuerProfile.issuerUrl -o tsv)

# Let exactly this ServiceAccount sign in as the identity (a federated credential for the audience api://AzureADTokenExchange), unless a credential for this issuer and ServiceAccount exists already; one for other audiences stops the script.
FEDERATED_CREDENTIAL_FOUND=$(az identity federated-credential list \
    --identity-name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?issuer=='${OIDC_ISSUER}' && subject=='system:serviceaccount:${NAMESPACE}:${SERVICE_ACCOUNT}'].name | [0]" -o tsv || true)
if [ "$FEDERATED_CREDENTIAL_FOUND" = '' ]; then
  FEDERATED_CREDENTIAL_OTHER_ISSUER=$(az identity federated-credential list \
      --identity-name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query "[?name=='${FEDERATED_CREDENTIAL_NAME}'].issuer | [0]" -o tsv || true)
  if [ "$FEDERATED_CREDENTIAL_OTHER_ISSUER" != '' ]; then
    echo 'The identity id-orders already has a federated credential named dapr-orders-orders-api for another issuer or ServiceAccount (another cluster, or this cluster made again, may sign in through it). Creating it here would re-point it, and whatever signs in through it would fail (AADSTS70021), so the script stops and it is left as it is. Check it with: az identity federated-credential show --name dapr-orders-orders-api --identity-name id-orders --resource-group rg-orders. Then delete it if nothing uses it any more, or use another identity (or namespace or ServiceAccount) in the wizard. Likely cause: The identity has a federated credential of the name the setup gives (dapr-<namespace>-<serviceaccount>) for another cluster'\''s OIDC issuer (the same identity used from a second cluster, or this cluster made again) or another subject. Its create is a PUT that would re-point it, and what signs in through it would fail with AADSTS70021. Fix: Show the credential; delete it if nothing signs in through it any more, or use another identity, namespace or ServiceAccount in the wizard. Then run the script again. More: troubleshoot.html#aks-federated-credential-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
  run az identity federated-credential create \
      --name "$FEDERATED_CREDENTIAL_NAME" \
      --identity-name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --issuer "$OIDC_ISSUER" \
      --subject "system:serviceaccount:${NAMESPACE}:${SERVICE_ACCOUNT}" \
      --audiences api://AzureADTokenExchange -o none
fi
if [ "$FEDERATED_CREDENTIAL_FOUND" != '' ]; then
  FEDERATED_CREDENTIAL_AUDIENCE_OK=$(az identity federated-credential list \
      --identity-name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query "[?name=='${FEDERATED_CREDENTIAL_FOUND}'].contains(audiences, 'api://AzureADTokenExchange') | [0]" -o tsv || true)
  if [ "$FEDERATED_CREDENTIAL_AUDIENCE_OK" = false ]; then
    echo "The federated credential ${FEDERATED_CREDENTIAL_FOUND} of the identity id-orders trusts this cluster's issuer and the ServiceAccount orders-api in orders, but not for the audience api://AzureADTokenExchange. To set it: az identity federated-credential update --name ${FEDERATED_CREDENTIAL_FOUND} --identity-name id-orders --resource-group rg-orders --issuer ${OIDC_ISSUER} --subject system:serviceaccount:orders:orders-api --audiences api://AzureADTokenExchange" >&2
    echo 'Dapr'\''s pods present a ServiceAccount token for the audience api://AzureADTokenExchange (the Workload ID webhook asks for it), and Entra takes a token only through a credential listing its audience, so Dapr'\''s sign-in would fail (AADSTS70021). Entra holds one credential for an issuer and subject, so the setup cannot add its own beside it; it stops here, before the grants and the cluster'\''s objects, and leaves the credential as it is. Run the update above if nothing else signs in through that credential with the audiences it lists (az identity federated-credential show --name <credential> --identity-name id-orders --resource-group rg-orders shows them), or use another identity, namespace or ServiceAccount in the wizard. Then run this script again. Likely cause: The identity has a federated credential for the cluster'\''s issuer and the app'\''s ServiceAccount, but its audiences lack api://AzureADTokenExchange, the audience of the token the Workload ID webhook projects into the pods. Entra matches a token to a credential by issuer, subject and audience, so Dapr'\''s sign-in would fail with AADSTS70021; and Entra takes no second credential for the same issuer and subject, so the setup cannot add its own. Fix: If nothing else signs in through that credential with the audiences it lists, set its audience to api://AzureADTokenExchange (the update command the script printed); otherwise use another identity, namespace or ServiceAccount in the wizard. Then run the script again. More: troubleshoot.html#aks-federated-credential-audience, beside the wizard'\''s page.' >&2
    exit 1
  fi
  if [ "$FEDERATED_CREDENTIAL_AUDIENCE_OK" = '' ]; then
    echo 'The audiences of the federated credential found a moment ago on the identity id-orders could not be read (it may have been deleted since, or the call failed: see the error above). Nothing is granted and nothing in the cluster is changed yet; run this script again, which looks again and creates the credential if it is gone. Likely cause: The setup found a federated credential trusting the cluster'\''s issuer and the ServiceAccount, then could not read its audiences: it was deleted in between, or the second az call failed (its error is printed above the message). Nothing then shows that Dapr'\''s pods can sign in through it. Fix: Run the script again: it looks for the credential again, keeps it if it lists the audience api://AzureADTokenExchange and creates it if it is gone. If the az call fails again, its own error says why (sign-in, permission, network). More: troubleshoot.html#aks-federated-credential-unreadable, beside the wizard'\''s page.' >&2
    exit 1
  fi
  printf '%s\n' "The federated credential ${FEDERATED_CREDENTIAL_FOUND} already trusts this issuer and ServiceAccount for the audience api://AzureADTokenExchange; it is kept."
fi

# Grant Azure Service Bus Data Owner (built-in role 090c5cfd-751d-490a-894a-3ce6f1109419) on the Service Bus namespace sb-orders only, for pubsub, queue-pubsub, servicebus-binding, unless the identity already has it there.
SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$SERVICEBUS_NAMESPACE_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/090c5cfd-751d-490a-894a-3ce6f1109419')].id | [0]" -o tsv)
if [ "$SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT" = '' ]; then
  run az role assignment create \
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
  run az role assignment create \
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
  run az role assignment create \
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
  run az role assignment create \
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
  run az role assignment create \
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
    if run az cosmosdb sql role assignment create \
        --account-name "$COSMOS_ACCOUNT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --scope / \
        --principal-id "$PRINCIPAL_ID" \
        --role-definition-id 00000000-0000-0000-0000-000000000002 -o none; then
      break
    fi
    if [ "$attempt" = 6 ]; then
      echo 'The Cosmos DB role assignment on cosmos-orders failed 6 times. If the errors above say the principal was not found, Microsoft Entra ID does not know the new identity yet: wait a few minutes and run this script again. Otherwise fix what they name (for example, your own rights on the account) and run it again. More: troubleshoot.html#cosmos-principal-not-found, beside the wizard'\''s page.' >&2
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
  run az role assignment create \
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
  run az role assignment create \
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
  run az role assignment create \
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
{
cat <<'YAML'
spec:
  template:
    metadata:
      labels:
        azure.workload.identity/use: "true"
      annotations:
        dapr.io/enabled: "true"
        dapr.io/app-id: orders-api
        dapr.io/app-port: "8080"
        dapr-mi-wizard/config-hash: e5cf35a9f86ef9e01d66ad9446d6ce4814908c46a724b838443e1526dfee3233
YAML
printf '        dapr-mi-wizard/client-id: %s\n' "$CLIENT_ID"
cat <<'YAML'
    spec:
      serviceAccountName: orders-api
YAML
} > components/deployment-patch.yaml

# Create the namespace if it does not exist yet.
NAMESPACE_FOUND=$(kubectl get namespace "$NAMESPACE" -o name --ignore-not-found)
if [ "$NAMESPACE_FOUND" = '' ]; then
  run kubectl create namespace "$NAMESPACE"
fi

# Apply the ServiceAccount and the components in the namespace.
SERVICE_ACCOUNT_EXISTED=$(kubectl get serviceaccount "$SERVICE_ACCOUNT" \
    --namespace "$NAMESPACE" -o name \
    --ignore-not-found)
run kubectl apply -f components/serviceaccount.yaml
if [ "$SERVICE_ACCOUNT_EXISTED" = '' ]; then
  run kubectl annotate serviceaccount "$SERVICE_ACCOUNT" \
      --namespace "$NAMESPACE" dapr-mi-wizard/created=true \
      --overwrite
fi
COMPONENT_EXISTED=$(kubectl get components.dapr.io queue-pubsub \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o name)
run kubectl apply -f components/queue-pubsub.yaml
if [ "$COMPONENT_EXISTED" = '' ]; then
  run kubectl annotate components.dapr.io queue-pubsub \
      --namespace "$NAMESPACE" dapr-mi-wizard/created=true \
      --overwrite
fi
COMPONENT_EXISTED=$(kubectl get components.dapr.io pubsub \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o name)
run kubectl apply -f components/pubsub.yaml
if [ "$COMPONENT_EXISTED" = '' ]; then
  run kubectl annotate components.dapr.io pubsub \
      --namespace "$NAMESPACE" dapr-mi-wizard/created=true \
      --overwrite
fi
COMPONENT_EXISTED=$(kubectl get components.dapr.io servicebus-binding \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o name)
run kubectl apply -f components/servicebus-binding.yaml
if [ "$COMPONENT_EXISTED" = '' ]; then
  run kubectl annotate components.dapr.io servicebus-binding \
      --namespace "$NAMESPACE" dapr-mi-wizard/created=true \
      --overwrite
fi
COMPONENT_EXISTED=$(kubectl get components.dapr.io eh-pubsub \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o name)
run kubectl apply -f components/eh-pubsub.yaml
if [ "$COMPONENT_EXISTED" = '' ]; then
  run kubectl annotate components.dapr.io eh-pubsub \
      --namespace "$NAMESPACE" dapr-mi-wizard/created=true \
      --overwrite
fi
COMPONENT_EXISTED=$(kubectl get components.dapr.io eventhubs-binding \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o name)
run kubectl apply -f components/eventhubs-binding.yaml
if [ "$COMPONENT_EXISTED" = '' ]; then
  run kubectl annotate components.dapr.io eventhubs-binding \
      --namespace "$NAMESPACE" dapr-mi-wizard/created=true \
      --overwrite
fi
COMPONENT_EXISTED=$(kubectl get components.dapr.io cosmos-state \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o name)
run kubectl apply -f components/cosmos-state.yaml
if [ "$COMPONENT_EXISTED" = '' ]; then
  run kubectl annotate components.dapr.io cosmos-state \
      --namespace "$NAMESPACE" dapr-mi-wizard/created=true \
      --overwrite
fi
COMPONENT_EXISTED=$(kubectl get components.dapr.io cosmosdb-binding \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o name)
run kubectl apply -f components/cosmosdb-binding.yaml
if [ "$COMPONENT_EXISTED" = '' ]; then
  run kubectl annotate components.dapr.io cosmosdb-binding \
      --namespace "$NAMESPACE" dapr-mi-wizard/created=true \
      --overwrite
fi
COMPONENT_EXISTED=$(kubectl get components.dapr.io configstore \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o name)
run kubectl apply -f components/configstore.yaml
if [ "$COMPONENT_EXISTED" = '' ]; then
  run kubectl annotate components.dapr.io configstore \
      --namespace "$NAMESPACE" dapr-mi-wizard/created=true \
      --overwrite
fi
COMPONENT_EXISTED=$(kubectl get components.dapr.io openai-binding \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o name)
run kubectl apply -f components/openai-binding.yaml
if [ "$COMPONENT_EXISTED" = '' ]; then
  run kubectl annotate components.dapr.io openai-binding \
      --namespace "$NAMESPACE" dapr-mi-wizard/created=true \
      --overwrite
fi
COMPONENT_EXISTED=$(kubectl get components.dapr.io signalr-binding \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o name)
run kubectl apply -f components/signalr-binding.yaml
if [ "$COMPONENT_EXISTED" = '' ]; then
  run kubectl annotate components.dapr.io signalr-binding \
      --namespace "$NAMESPACE" dapr-mi-wizard/created=true \
      --overwrite
fi

# Patch the app's Deployment orders-api with the pod template fields (its other fields and containers stay); its pods restart when a field or a file changed.
run kubectl patch deployment "$DEPLOYMENT_NAME" \
    --namespace "$NAMESPACE" \
    --type strategic \
    --patch-file components/deployment-patch.yaml

# Wait (at most 10m) until the Deployment's new pods run.
if ! kubectl rollout status deployment "$DEPLOYMENT_NAME" --namespace "$NAMESPACE" --timeout 10m; then
  echo 'The Deployment orders-api did not finish rolling out within 10m. Likely cause: A new pod does not start or never turns ready: daprd exits when a component fails to initialize (its log names the component), for instance with 403 because a grant made by this run is not in effect yet (role assignments take up to about 10 minutes), or, with Workload ID, AADSTS70021 ("No matching federated identity record found") while a federated credential made by this run is not in effect yet (it takes a few seconds, at worst a couple of minutes, to propagate: run the script again); or the image cannot be pulled, or the nodes lack room. Fix: Read the new pod'\''s events and the daprd log; a line "Failed to init component <name>" names the component and its error. A 403 there right after the script granted the role: wait a few minutes and run the script again. Otherwise fix the cause, then run the script again. More: troubleshoot.html#aks-rollout-not-ready, beside the wizard'\''s page.' >&2
  exit 1
fi

# Verify: the grants and the components Dapr loads.
if [ "${DRY_RUN:-}" = 1 ]; then
  echo 'DRY RUN: the checks of what the skipped commands make are skipped too.' >&2
else
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
  DAPR_POD=$(kubectl get pods \
      --namespace "$NAMESPACE" \
      --selector dapr.io/app-id=orders-api \
      --sort-by .metadata.creationTimestamp -o 'jsonpath={.items[-1:].metadata.name}')
  if [ "$DAPR_POD" = '' ]; then
    echo 'No pod of the app runs with the Dapr sidecar (no pod labelled dapr.io/app-id=orders-api in the namespace). Likely cause: The Dapr sidecar injector added no daprd container: the pod template lacks the annotation dapr.io/enabled "true" or dapr.io/app-id, or the injector (dapr-sidecar-injector in dapr-system) is not running. The injector labels each pod it injects with dapr.io/app-id. Fix: Check the annotations on the Deployment'\''s pod template and that dapr-sidecar-injector runs, then restart the Deployment. More: troubleshoot.html#aks-daprd-not-injected, beside the wizard'\''s page.' >&2
    exit 1
  fi
  DAPRD_CLIENT_ID=$(kubectl get pod "$DAPR_POD" \
      --namespace "$NAMESPACE" -o 'jsonpath={.spec.containers[?(@.name=="daprd")].env[?(@.name=="AZURE_CLIENT_ID")].value}{.spec.initContainers[?(@.name=="daprd")].env[?(@.name=="AZURE_CLIENT_ID")].value}')
  if [ "$DAPRD_CLIENT_ID" != "$CLIENT_ID" ]; then
    echo 'The daprd container of the newest pod does not carry the Workload ID variables the webhook injects (AZURE_CLIENT_ID with the identity'\''s client id), so Dapr cannot sign in as the identity. Likely cause: The webhook did not inject AZURE_CLIENT_ID and the token file: the pod template lacks the label azure.workload.identity/use: "true", the client-id annotation is misspelt or not on the ServiceAccount, or Workload ID is off on the cluster. Fix: Run the wizard'\''s script again (it applies the ServiceAccount and patches the Deployment with the label), or apply both files by hand, then restart the pods. More: troubleshoot.html#workload-id-not-configured, beside the wizard'\''s page.' >&2
    exit 1
  fi
  DAPRD_TOKEN_FILE=$(kubectl get pod "$DAPR_POD" \
      --namespace "$NAMESPACE" -o 'jsonpath={.spec.containers[?(@.name=="daprd")].env[?(@.name=="AZURE_FEDERATED_TOKEN_FILE")].value}{.spec.initContainers[?(@.name=="daprd")].env[?(@.name=="AZURE_FEDERATED_TOKEN_FILE")].value}')
  if [ "$DAPRD_TOKEN_FILE" = '' ]; then
    echo 'The daprd container of the newest pod does not carry the Workload ID variables the webhook injects (AZURE_FEDERATED_TOKEN_FILE, the projected token), so Dapr cannot sign in as the identity. Likely cause: The webhook did not inject AZURE_CLIENT_ID and the token file: the pod template lacks the label azure.workload.identity/use: "true", the client-id annotation is misspelt or not on the ServiceAccount, or Workload ID is off on the cluster. Fix: Run the wizard'\''s script again (it applies the ServiceAccount and patches the Deployment with the label), or apply both files by hand, then restart the pods. More: troubleshoot.html#workload-id-not-configured, beside the wizard'\''s page.' >&2
    exit 1
  fi
  for attempt in {1..30}; do
    if kubectl logs "$DAPR_POD" \
        --namespace "$NAMESPACE" \
        --container daprd | grep -F -- 'Component loaded: queue-pubsub ('; then
      break
    fi
    if [ "$attempt" = 30 ]; then
      echo 'daprd in the newest pod did not log "Component loaded: queue-pubsub" within 10 minutes. Its line about queue-pubsub: kubectl logs deployment/orders-api --namespace orders --container daprd | grep -F '\''queue-pubsub ('\'' (a 403 there can mean a grant is not in effect yet: run this script again in a few minutes). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
      exit 1
    fi
    echo 'daprd has not logged "Component loaded: queue-pubsub" yet; trying again in 20 s.' >&2
    sleep 20
  done
  printf '%s\n' 'queue-pubsub: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (kubectl logs deployment/orders-api --namespace orders --container daprd): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
  for attempt in {1..30}; do
    if kubectl logs "$DAPR_POD" \
        --namespace "$NAMESPACE" \
        --container daprd | grep -F -- 'Component loaded: pubsub ('; then
      break
    fi
    if [ "$attempt" = 30 ]; then
      echo 'daprd in the newest pod did not log "Component loaded: pubsub" within 10 minutes. Its line about pubsub: kubectl logs deployment/orders-api --namespace orders --container daprd | grep -F '\''pubsub ('\'' (a 403 there can mean a grant is not in effect yet: run this script again in a few minutes). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
      exit 1
    fi
    echo 'daprd has not logged "Component loaded: pubsub" yet; trying again in 20 s.' >&2
    sleep 20
  done
  printf '%s\n' 'pubsub: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (kubectl logs deployment/orders-api --namespace orders --container daprd): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
  for attempt in {1..30}; do
    if kubectl logs "$DAPR_POD" \
        --namespace "$NAMESPACE" \
        --container daprd | grep -F -- 'Component loaded: servicebus-binding ('; then
      break
    fi
    if [ "$attempt" = 30 ]; then
      echo 'daprd in the newest pod did not log "Component loaded: servicebus-binding" within 10 minutes. Its line about servicebus-binding: kubectl logs deployment/orders-api --namespace orders --container daprd | grep -F '\''servicebus-binding ('\'' (a 403 there can mean a grant is not in effect yet: run this script again in a few minutes). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
      exit 1
    fi
    echo 'daprd has not logged "Component loaded: servicebus-binding" yet; trying again in 20 s.' >&2
    sleep 20
  done
  printf '%s\n' 'servicebus-binding: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (kubectl logs deployment/orders-api --namespace orders --container daprd): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
  for attempt in {1..30}; do
    if kubectl logs "$DAPR_POD" \
        --namespace "$NAMESPACE" \
        --container daprd | grep -F -- 'Component loaded: eh-pubsub ('; then
      break
    fi
    if [ "$attempt" = 30 ]; then
      echo 'daprd in the newest pod did not log "Component loaded: eh-pubsub" within 10 minutes. Its line about eh-pubsub: kubectl logs deployment/orders-api --namespace orders --container daprd | grep -F '\''eh-pubsub ('\'' (a 403 there can mean a grant is not in effect yet: run this script again in a few minutes). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
      exit 1
    fi
    echo 'daprd has not logged "Component loaded: eh-pubsub" yet; trying again in 20 s.' >&2
    sleep 20
  done
  printf '%s\n' 'eh-pubsub: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (kubectl logs deployment/orders-api --namespace orders --container daprd): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
  for attempt in {1..30}; do
    if kubectl logs "$DAPR_POD" \
        --namespace "$NAMESPACE" \
        --container daprd | grep -F -- 'Component loaded: eventhubs-binding ('; then
      break
    fi
    if [ "$attempt" = 30 ]; then
      echo 'daprd in the newest pod did not log "Component loaded: eventhubs-binding" within 10 minutes. Its line about eventhubs-binding: kubectl logs deployment/orders-api --namespace orders --container daprd | grep -F '\''eventhubs-binding ('\'' (a 403 there can mean a grant is not in effect yet: run this script again in a few minutes). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
      exit 1
    fi
    echo 'daprd has not logged "Component loaded: eventhubs-binding" yet; trying again in 20 s.' >&2
    sleep 20
  done
  printf '%s\n' 'eventhubs-binding: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (kubectl logs deployment/orders-api --namespace orders --container daprd): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
  for attempt in {1..30}; do
    if kubectl logs "$DAPR_POD" \
        --namespace "$NAMESPACE" \
        --container daprd | grep -F -- 'Component loaded: cosmos-state ('; then
      break
    fi
    if [ "$attempt" = 30 ]; then
      echo 'daprd in the newest pod did not log "Component loaded: cosmos-state" within 10 minutes. Its line about cosmos-state: kubectl logs deployment/orders-api --namespace orders --container daprd | grep -F '\''cosmos-state ('\'' (a 403 there can mean a grant is not in effect yet: run this script again in a few minutes). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
      exit 1
    fi
    echo 'daprd has not logged "Component loaded: cosmos-state" yet; trying again in 20 s.' >&2
    sleep 20
  done
  printf '%s\n' 'cosmos-state: loaded, and its start signed in to Azure as the identity (it makes an Azure call when it loads).'
  for attempt in {1..30}; do
    if kubectl logs "$DAPR_POD" \
        --namespace "$NAMESPACE" \
        --container daprd | grep -F -- 'Component loaded: cosmosdb-binding ('; then
      break
    fi
    if [ "$attempt" = 30 ]; then
      echo 'daprd in the newest pod did not log "Component loaded: cosmosdb-binding" within 10 minutes. Its line about cosmosdb-binding: kubectl logs deployment/orders-api --namespace orders --container daprd | grep -F '\''cosmosdb-binding ('\'' (a 403 there can mean a grant is not in effect yet: run this script again in a few minutes). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
      exit 1
    fi
    echo 'daprd has not logged "Component loaded: cosmosdb-binding" yet; trying again in 20 s.' >&2
    sleep 20
  done
  printf '%s\n' 'cosmosdb-binding: loaded, and its start signed in to Azure as the identity (it makes an Azure call when it loads).'
  for attempt in {1..30}; do
    if kubectl logs "$DAPR_POD" \
        --namespace "$NAMESPACE" \
        --container daprd | grep -F -- 'Component loaded: configstore ('; then
      break
    fi
    if [ "$attempt" = 30 ]; then
      echo 'daprd in the newest pod did not log "Component loaded: configstore" within 10 minutes. Its line about configstore: kubectl logs deployment/orders-api --namespace orders --container daprd | grep -F '\''configstore ('\'' (a 403 there can mean a grant is not in effect yet: run this script again in a few minutes). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
      exit 1
    fi
    echo 'daprd has not logged "Component loaded: configstore" yet; trying again in 20 s.' >&2
    sleep 20
  done
  printf '%s\n' 'configstore: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (kubectl logs deployment/orders-api --namespace orders --container daprd): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
  for attempt in {1..30}; do
    if kubectl logs "$DAPR_POD" \
        --namespace "$NAMESPACE" \
        --container daprd | grep -F -- 'Component loaded: openai-binding ('; then
      break
    fi
    if [ "$attempt" = 30 ]; then
      echo 'daprd in the newest pod did not log "Component loaded: openai-binding" within 10 minutes. Its line about openai-binding: kubectl logs deployment/orders-api --namespace orders --container daprd | grep -F '\''openai-binding ('\'' (a 403 there can mean a grant is not in effect yet: run this script again in a few minutes). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
      exit 1
    fi
    echo 'daprd has not logged "Component loaded: openai-binding" yet; trying again in 20 s.' >&2
    sleep 20
  done
  printf '%s\n' 'openai-binding: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (kubectl logs deployment/orders-api --namespace orders --container daprd): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
  for attempt in {1..30}; do
    if kubectl logs "$DAPR_POD" \
        --namespace "$NAMESPACE" \
        --container daprd | grep -F -- 'Component loaded: signalr-binding ('; then
      break
    fi
    if [ "$attempt" = 30 ]; then
      echo 'daprd in the newest pod did not log "Component loaded: signalr-binding" within 10 minutes. Its line about signalr-binding: kubectl logs deployment/orders-api --namespace orders --container daprd | grep -F '\''signalr-binding ('\'' (a 403 there can mean a grant is not in effect yet: run this script again in a few minutes). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
      exit 1
    fi
    echo 'daprd has not logged "Component loaded: signalr-binding" yet; trying again in 20 s.' >&2
    sleep 20
  done
  printf '%s\n' 'signalr-binding: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (kubectl logs deployment/orders-api --namespace orders --container daprd): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
fi

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
