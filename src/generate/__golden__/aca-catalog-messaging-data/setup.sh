#!/usr/bin/env bash
# Dapr Managed Identity Wizard: 10 Dapr components on Azure Container Apps, User-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=aca&identity=user&resourceGroup=rg-orders&hostName=orders-api&environment=env-orders&identityName=id-orders&appId=orders-api&appPort=8080&component=pubsub.azure.servicebus.queues&name=queue-pubsub&m.namespaceName=sb-orders.servicebus.windows.net&c2.component=pubsub.azure.servicebus.topics&c2.m.namespaceName=sb-orders.servicebus.windows.net&c2.entityManagement=dapr&c3.component=bindings.azure.servicebus.queues&c3.m.namespaceName=sb-orders.servicebus.windows.net&c3.m.queueName=invoices&c4.component=pubsub.azure.eventhubs&c4.name=eh-pubsub&c4.m.eventHubNamespace=eh-orders.servicebus.windows.net&c4.m.storageAccountName=stcheckpoints&c4.m.storageContainerName=checkpoints&c4.ehAccess=subscribe&c5.component=bindings.azure.eventhubs&c5.m.eventHubNamespace=eh-orders.servicebus.windows.net&c5.m.eventHub=telemetry&c5.m.consumerID=%24Default&c5.m.storageAccountName=stcheckpoints&c5.m.storageContainerName=checkpoints&c5.ehDirection=both&c6.component=state.azure.cosmosdb&c6.name=cosmos-state&c6.m.url=https%3A%2F%2Fcosmos-orders.documents.azure.com%3A443%2F&c6.m.database=orders&c6.m.collection=state&c7.component=bindings.azure.cosmosdb&c7.m.url=https%3A%2F%2Fcosmos-orders.documents.azure.com%3A443%2F&c7.m.database=orders&c7.m.collection=events&c7.m.partitionKey=orderId&c8.component=configuration.azure.appconfig&c8.m.host=https%3A%2F%2Fappcs-orders.azconfig.io&c9.component=bindings.azure.openai&c9.m.endpoint=https%3A%2F%2Foai-orders.openai.azure.com%2F&c10.component=bindings.azure.signalr&c10.m.endpoint=https%3A%2F%2Fsignalr-orders.service.signalr.net&c10.m.hub=orders
# Run it with Bash after `az login`. Needs Azure CLI 2.53 or later (containerapp commands in the core CLI). Older: run `az upgrade`; an Azure CLI from a Linux distribution's own package (Debian's azure-cli, for one) upgrades only to that distribution's version, so install Microsoft's instead: https://learn.microsoft.com/cli/azure/install-azure-cli.
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
#   - Attaches it to the container app orders-api (resource group rg-orders).
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
# On the container app:
#   - Adds the components to the Container Apps environment env-orders (az containerapp env dapr-component set): they are environment-wide, loaded by every app there whose Dapr app id is in their scopes (orders-api). A component of the same name that the setup did not write (another type, other scopes, another identity) stops the script before any change, since setting it would replace it for the apps that load it.
#   - Turns Dapr on for the container app orders-api with the app id orders-api and the app port 8080 when it is off or on another port (az containerapp dapr enable): Dapr's settings apply to the whole app, so its running revisions restart with them (no new revision).

RESOURCE_GROUP=rg-orders
CONTAINER_APP_NAME=orders-api
ENVIRONMENT_NAME=env-orders
IDENTITY_NAME=id-orders
SERVICEBUS_NAMESPACE_NAME=sb-orders
EVENTHUBS_NAMESPACE_NAME=eh-orders
STORAGE_ACCOUNT_NAME=stcheckpoints
EVENTHUB_NAME=telemetry
COSMOS_ACCOUNT_NAME=cosmos-orders
APPCONFIG_STORE_NAME=appcs-orders
OPENAI_ACCOUNT_NAME=oai-orders
SIGNALR_NAME=signalr-orders

DAPRD_LOG_WAIT_RAN_OUT=0

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

# Read first: what Azure Container Apps or this cloud does not support, or is not known to support, for these components.
# Component configstore: Container Apps supports only stable Dapr components (container-apps/dapr-overview.md); configuration.azure.appconfig is alpha in Dapr (its metadata.yaml): it may load, but without platform support.
# Component openai-binding: Container Apps supports only stable Dapr components (container-apps/dapr-overview.md); bindings.azure.openai is alpha in Dapr (its metadata.yaml): it may load, but without platform support.
# Component signalr-binding: Container Apps supports only stable Dapr components (container-apps/dapr-overview.md); bindings.azure.signalr is alpha in Dapr (its metadata.yaml): it may load, but without platform support.

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

# Check before any change that the container app runs in the environment env-orders, where the components go.
ENVIRONMENT_ID=$(az containerapp env show \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv | tr '[:upper:]' '[:lower:]' || true)
if [ "$ENVIRONMENT_ID" = '' ]; then
  echo 'There is no Container Apps environment env-orders in the resource group rg-orders. Enter the environment the container app runs in (`az containerapp show --name orders-api --resource-group rg-orders` names it in managedEnvironmentId); the script looks for it in the container app'\''s resource group, so one in another resource group is not supported. Nothing was changed. More: troubleshoot.html#aca-environment-not-found, beside the wizard'\''s page.' >&2
  exit 1
fi
CONTAINER_APP_ENVIRONMENT_ID=$(az containerapp show \
    --name "$CONTAINER_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query properties.managedEnvironmentId -o tsv | tr '[:upper:]' '[:lower:]')
if [ "$CONTAINER_APP_ENVIRONMENT_ID" != "$ENVIRONMENT_ID" ]; then
  echo 'The container app runs in another Container Apps environment than env-orders: enter its environment in the wizard (`az containerapp show --name orders-api --resource-group rg-orders --query properties.managedEnvironmentId` names it), so the components go where the app loads them. Nothing was changed. More: troubleshoot.html#aca-other-environment, beside the wizard'\''s page.' >&2
  exit 1
fi

# Check the container app's Dapr settings before any change: on with another app id than orders-api, the script stops.
DAPR_ENABLED=$(az containerapp show \
    --name "$CONTAINER_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query properties.configuration.dapr.enabled -o tsv)
DAPR_APP_ID=$(az containerapp show \
    --name "$CONTAINER_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query properties.configuration.dapr.appId -o tsv)
if [ "$DAPR_ENABLED" = true ]; then
  if [ "$DAPR_APP_ID" != orders-api ]; then
    echo 'The container app runs Dapr with another app id: enter that app id in the wizard, or change it on the app yourself (its callers use it), then run this script again. More: troubleshoot.html#aca-dapr-app-id-mismatch, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi

# Check the environment's components of the same names before any change: one the setup did not write (another type, scopes other than orders-api alone, another identity) stops the script.
COMPONENTS_CLIENT_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].clientId | [0]" -o tsv)
ENV_COMPONENT_1=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''queue-pubsub'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_1" != '||' ]; then
  if [ "$ENV_COMPONENT_1" != "pubsub.azure.servicebus.queues|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named queue-pubsub that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_2=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''pubsub'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_2" != '||' ]; then
  if [ "$ENV_COMPONENT_2" != "pubsub.azure.servicebus.topics|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named pubsub that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_3=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''servicebus-binding'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_3" != '||' ]; then
  if [ "$ENV_COMPONENT_3" != "bindings.azure.servicebus.queues|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named servicebus-binding that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_4=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''eh-pubsub'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_4" != '||' ]; then
  if [ "$ENV_COMPONENT_4" != "pubsub.azure.eventhubs|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named eh-pubsub that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_5=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''eventhubs-binding'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_5" != '||' ]; then
  if [ "$ENV_COMPONENT_5" != "bindings.azure.eventhubs|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named eventhubs-binding that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_6=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''cosmos-state'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_6" != '||' ]; then
  if [ "$ENV_COMPONENT_6" != "state.azure.cosmosdb|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named cosmos-state that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_7=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''cosmosdb-binding'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_7" != '||' ]; then
  if [ "$ENV_COMPONENT_7" != "bindings.azure.cosmosdb|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named cosmosdb-binding that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_8=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''configstore'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_8" != '||' ]; then
  if [ "$ENV_COMPONENT_8" != "configuration.azure.appconfig|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named configstore that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_9=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''openai-binding'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_9" != '||' ]; then
  if [ "$ENV_COMPONENT_9" != "bindings.azure.openai|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named openai-binding that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_10=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''signalr-binding'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_10" != '||' ]; then
  if [ "$ENV_COMPONENT_10" != "bindings.azure.signalr|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named signalr-binding that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
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

# Read its ids: the principal id receives the grant, the resource id attaches it to the host, the client id tells Azure which identity the app means.
IDENTITY_ID=$(read_or_placeholder IDENTITY_ID az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv)
PRINCIPAL_ID=$(read_or_placeholder PRINCIPAL_ID az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query principalId -o tsv)
CLIENT_ID=$(read_or_placeholder CLIENT_ID az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query clientId -o tsv)

# Attach the identity to the container app.
run az containerapp identity assign \
    --name "$CONTAINER_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --user-assigned "$IDENTITY_ID" -o none

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

# Write the component files into ./components.
mkdir -p components
{
cat <<'YAML'
componentType: pubsub.azure.servicebus.queues
version: v1
metadata:
- name: namespaceName
  value: sb-orders.servicebus.windows.net
- name: disableEntityManagement
  value: "true"
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/queue-pubsub.yaml
{
cat <<'YAML'
componentType: pubsub.azure.servicebus.topics
version: v1
metadata:
- name: namespaceName
  value: sb-orders.servicebus.windows.net
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/pubsub.yaml
{
cat <<'YAML'
componentType: bindings.azure.servicebus.queues
version: v1
metadata:
- name: namespaceName
  value: sb-orders.servicebus.windows.net
- name: queueName
  value: invoices
- name: disableEntityManagement
  value: "true"
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/servicebus-binding.yaml
{
cat <<'YAML'
componentType: pubsub.azure.eventhubs
version: v1
metadata:
- name: eventHubNamespace
  value: eh-orders.servicebus.windows.net
- name: storageAccountName
  value: stcheckpoints
- name: storageContainerName
  value: checkpoints
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/eh-pubsub.yaml
{
cat <<'YAML'
componentType: bindings.azure.eventhubs
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
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/eventhubs-binding.yaml
{
cat <<'YAML'
componentType: state.azure.cosmosdb
version: v1
metadata:
- name: url
  value: https://cosmos-orders.documents.azure.com:443/
- name: database
  value: orders
- name: collection
  value: state
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/cosmos-state.yaml
{
cat <<'YAML'
componentType: bindings.azure.cosmosdb
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
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/cosmosdb-binding.yaml
{
cat <<'YAML'
componentType: configuration.azure.appconfig
version: v1
metadata:
- name: host
  value: https://appcs-orders.azconfig.io
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/configstore.yaml
{
cat <<'YAML'
componentType: bindings.azure.openai
version: v1
metadata:
- name: endpoint
  value: https://oai-orders.openai.azure.com/
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/openai-binding.yaml
{
cat <<'YAML'
componentType: bindings.azure.signalr
version: v1
metadata:
- name: endpoint
  value: https://signalr-orders.service.signalr.net
- name: hub
  value: orders
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/signalr-binding.yaml

# Add each component to the Container Apps environment (in ACA's own component schema).
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name queue-pubsub \
    --yaml components/queue-pubsub.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name pubsub \
    --yaml components/pubsub.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name servicebus-binding \
    --yaml components/servicebus-binding.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name eh-pubsub \
    --yaml components/eh-pubsub.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name eventhubs-binding \
    --yaml components/eventhubs-binding.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name cosmos-state \
    --yaml components/cosmos-state.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name cosmosdb-binding \
    --yaml components/cosmosdb-binding.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name configstore \
    --yaml components/configstore.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name openai-binding \
    --yaml components/openai-binding.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name signalr-binding \
    --yaml components/signalr-binding.yaml -o none

# Turn Dapr on for the container app with app id orders-api and app port 8080, if it is off or listens on another port (its revisions restart, no new one is made).
DAPR_ON_APP_PORT=$(az containerapp show \
    --name "$CONTAINER_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query 'properties.configuration.dapr.enabled && properties.configuration.dapr.appPort' -o tsv)
if [ "$DAPR_ON_APP_PORT" != 8080 ]; then
  run az containerapp dapr enable \
      --name "$CONTAINER_APP_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-app-id orders-api \
      --dapr-app-port 8080 -o none
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
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name queue-pubsub \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name pubsub \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name servicebus-binding \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name eh-pubsub \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name eventhubs-binding \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name cosmos-state \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name cosmosdb-binding \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name configstore \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name openai-binding \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name signalr-binding \
      --query properties.componentType -o tsv
  for attempt in {1..12}; do
    if az containerapp show \
        --name "$CONTAINER_APP_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --query 'properties.latestReadyRevisionName == properties.latestRevisionName' -o tsv | grep -Fx true; then
      break
    fi
    if [ "$attempt" = 12 ]; then
      echo 'The newest revision of the container app is not ready after 2 minutes. Likely cause: The app'\''s newest revision, restarted with Dapr on, has not become ready: its containers fail to start, its image cannot be pulled, or a component it loads fails and stops the Dapr sidecar. Fix: Read the revision'\''s system and console logs (az containerapp logs show), fix what they name, then run the script again. More: troubleshoot.html#aca-revision-not-ready, beside the wizard'\''s page.' >&2
      exit 1
    fi
    echo 'The newest revision is not ready yet; trying again in 10 s.' >&2
    sleep 10
  done
  DAPR_RUNNING_APP_ID=$(az containerapp show \
      --name "$CONTAINER_APP_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query 'properties.configuration.dapr.enabled && properties.configuration.dapr.appId' -o tsv)
  if [ "$DAPR_RUNNING_APP_ID" != orders-api ]; then
    echo 'The container app does not run Dapr with the app id orders-api, so no component scoped to it loads. Likely cause: The components load only into apps that run Dapr with an app id in their scopes: Dapr is off on the app, or it runs under another app id than the one the components were scoped to. Fix: Turn Dapr on for the app with the wizard'\''s app id, or enter the app'\''s own app id in the wizard and run the script again. More: troubleshoot.html#aca-dapr-app-id-mismatch, beside the wizard'\''s page.' >&2
    exit 1
  fi
  DAPR_REVISION=$(az containerapp show \
      --name "$CONTAINER_APP_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query properties.latestReadyRevisionName -o tsv)
  for attempt in {1..30}; do
    if az containerapp logs show \
        --name "$CONTAINER_APP_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --revision "$DAPR_REVISION" \
        --container daprd \
        --type console \
        --tail 300 \
        --format text | grep -F -- 'dapr initialized. Status: Running.'; then
      break
    fi
    if [ "$attempt" = 30 ]; then
      echo 'daprd'\''s log did not say within about 10 minutes that it runs (the last 300 lines read); what they show about each component follows. Likely cause: A component keeps failing (daprd starts again after each failure), the app has no replica (scaled to zero), its start scrolled past the lines read, or the CLI could not read the daprd container. Fix: Read what the script prints for each component next. Send the app a request if it scaled to zero, and read daprd'\''s log itself (az containerapp logs show --container daprd). More: troubleshoot.html#aca-daprd-log-silent, beside the wizard'\''s page.' >&2
      DAPRD_LOG_WAIT_RAN_OUT=1
      break
    fi
    echo 'daprd'\''s log does not say yet that it runs (a component that signs in to Azure as it starts fails until a new grant is in effect, and daprd then starts again); trying again in 20 s.' >&2
    sleep 20
  done
  DAPRD_LOG=$(az containerapp logs show \
      --name "$CONTAINER_APP_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --revision "$DAPR_REVISION" \
      --container daprd \
      --type console \
      --tail 300 \
      --format text || true)
  DAPRD_FAILED_COMPONENTS=$(printf %s '')
  DAPRD_FAILURE_LINES=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Failed to init component ' || true)
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: queue-pubsub (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'queue-pubsub: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (az containerapp logs show --name orders-api --resource-group rg-orders --container daprd --tail 300 --format text): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component queue-pubsub (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'queue-pubsub: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'authorization failed for specified action: manage' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: Dapr creates queues, topics and subscriptions when entity management is on, which needs Manage: Data Sender and Data Receiver do not include it. Fix: Create the entities beforehand and set disableEntityManagement to "true", or grant Azure Service Bus Data Owner. More: troubleshoot.html#servicebus-manage-claim-missing, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' -e 'authorization failed for specified action: manage' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'queue-pubsub ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'queue-pubsub: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'queue-pubsub: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "queue-pubsub (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: pubsub (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'pubsub: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (az containerapp logs show --name orders-api --resource-group rg-orders --container daprd --tail 300 --format text): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component pubsub (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'pubsub: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'authorization failed for specified action: manage' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: Dapr creates queues, topics and subscriptions when entity management is on, which needs Manage: Data Sender and Data Receiver do not include it. Fix: Create the entities beforehand and set disableEntityManagement to "true", or grant Azure Service Bus Data Owner. More: troubleshoot.html#servicebus-manage-claim-missing, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' -e 'authorization failed for specified action: manage' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'pubsub ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'pubsub: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'pubsub: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "pubsub (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: servicebus-binding (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'servicebus-binding: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (az containerapp logs show --name orders-api --resource-group rg-orders --container daprd --tail 300 --format text): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component servicebus-binding (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'servicebus-binding: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'authorization failed for specified action: manage' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: Dapr creates queues, topics and subscriptions when entity management is on, which needs Manage: Data Sender and Data Receiver do not include it. Fix: Create the entities beforehand and set disableEntityManagement to "true", or grant Azure Service Bus Data Owner. More: troubleshoot.html#servicebus-manage-claim-missing, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' -e 'authorization failed for specified action: manage' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'servicebus-binding ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'servicebus-binding: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'servicebus-binding: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "servicebus-binding (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: eh-pubsub (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'eh-pubsub: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (az containerapp logs show --name orders-api --resource-group rg-orders --container daprd --tail 300 --format text): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component eh-pubsub (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'eh-pubsub: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'eh-pubsub ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'eh-pubsub: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'eh-pubsub: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "eh-pubsub (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: eventhubs-binding (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'eventhubs-binding: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (az containerapp logs show --name orders-api --resource-group rg-orders --container daprd --tail 300 --format text): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component eventhubs-binding (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'eventhubs-binding: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'eventhubs-binding ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'eventhubs-binding: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'eventhubs-binding: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "eventhubs-binding (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: cosmos-state (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'cosmos-state: loaded, and its start signed in to Azure as the identity (it makes an Azure call when it loads).'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component cosmos-state (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'cosmos-state: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e Microsoft.DocumentDB/databaseAccounts/readMetadata -e 'does not have required RBAC permissions to perform action' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: Cosmos DB data access needs its own data-plane role assignment; Azure RBAC roles on the account (even Contributor) give no data access. Fix: Assign Cosmos DB Built-in Data Contributor with az cosmosdb sql role assignment create, scope "/". More: troubleshoot.html#cosmos-data-role-missing, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' -e Microsoft.DocumentDB/databaseAccounts/readMetadata -e 'does not have required RBAC permissions to perform action' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'cosmos-state ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'cosmos-state: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'cosmos-state: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "cosmos-state (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: cosmosdb-binding (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'cosmosdb-binding: loaded, and its start signed in to Azure as the identity (it makes an Azure call when it loads).'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component cosmosdb-binding (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'cosmosdb-binding: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e Microsoft.DocumentDB/databaseAccounts/readMetadata -e 'does not have required RBAC permissions to perform action' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: Cosmos DB data access needs its own data-plane role assignment; Azure RBAC roles on the account (even Contributor) give no data access. Fix: Assign Cosmos DB Built-in Data Contributor with az cosmosdb sql role assignment create, scope "/". More: troubleshoot.html#cosmos-data-role-missing, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' -e Microsoft.DocumentDB/databaseAccounts/readMetadata -e 'does not have required RBAC permissions to perform action' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'cosmosdb-binding ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'cosmosdb-binding: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'cosmosdb-binding: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "cosmosdb-binding (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: configstore (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'configstore: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (az containerapp logs show --name orders-api --resource-group rg-orders --container daprd --tail 300 --format text): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component configstore (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'configstore: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'configstore ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'configstore: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'configstore: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "configstore (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: openai-binding (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'openai-binding: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (az containerapp logs show --name orders-api --resource-group rg-orders --container daprd --tail 300 --format text): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component openai-binding (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'openai-binding: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'openai-binding ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'openai-binding: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'openai-binding: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "openai-binding (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: signalr-binding (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'signalr-binding: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (az containerapp logs show --name orders-api --resource-group rg-orders --container daprd --tail 300 --format text): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component signalr-binding (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'signalr-binding: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'signalr-binding ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'signalr-binding: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'signalr-binding: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "signalr-binding (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  if [ "$DAPRD_LOG_WAIT_RAN_OUT" = 1 ]; then
    printf '%s\n' 'Not proved by this run: that Dapr loaded a component marked not seen above. daprd logs its components when it starts: run this script again after the app'\''s next start (a new revision or a restart), or run the query above.'
  fi
  if [ "$DAPRD_FAILED_COMPONENTS" != '' ]; then
    echo "$DAPRD_FAILED_COMPONENTS" >&2
    echo 'Dapr in the container app'\''s newest revision failed to load a component (of queue-pubsub, pubsub, servicebus-binding, eh-pubsub, eventhubs-binding, cosmos-state, cosmosdb-binding, configstore, openai-binding, signalr-binding: the names are above this line, each with daprd'\''s line and its likely cause above them). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
