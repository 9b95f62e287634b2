#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of 10 Dapr components on Azure Container Apps, User-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=aca&identity=user&resourceGroup=rg-orders&hostName=orders-api&environment=env-orders&identityName=id-orders&appId=orders-api&appPort=8080&component=pubsub.azure.servicebus.queues&name=queue-pubsub&m.namespaceName=sb-orders.servicebus.windows.net&c2.component=pubsub.azure.servicebus.topics&c2.m.namespaceName=sb-orders.servicebus.windows.net&c2.entityManagement=dapr&c3.component=bindings.azure.servicebus.queues&c3.m.namespaceName=sb-orders.servicebus.windows.net&c3.m.queueName=invoices&c4.component=pubsub.azure.eventhubs&c4.name=eh-pubsub&c4.m.eventHubNamespace=eh-orders.servicebus.windows.net&c4.m.storageAccountName=stcheckpoints&c4.m.storageContainerName=checkpoints&c4.ehAccess=subscribe&c5.component=bindings.azure.eventhubs&c5.m.eventHubNamespace=eh-orders.servicebus.windows.net&c5.m.eventHub=telemetry&c5.m.consumerID=%24Default&c5.m.storageAccountName=stcheckpoints&c5.m.storageContainerName=checkpoints&c5.ehDirection=both&c6.component=state.azure.cosmosdb&c6.name=cosmos-state&c6.m.url=https%3A%2F%2Fcosmos-orders.documents.azure.com%3A443%2F&c6.m.database=orders&c6.m.collection=state&c7.component=bindings.azure.cosmosdb&c7.m.url=https%3A%2F%2Fcosmos-orders.documents.azure.com%3A443%2F&c7.m.database=orders&c7.m.collection=events&c7.m.partitionKey=orderId&c8.component=configuration.azure.appconfig&c8.m.host=https%3A%2F%2Fappcs-orders.azconfig.io&c9.component=bindings.azure.openai&c9.m.endpoint=https%3A%2F%2Foai-orders.openai.azure.com%2F&c10.component=bindings.azure.signalr&c10.m.endpoint=https%3A%2F%2Fsignalr-orders.service.signalr.net&c10.m.hub=orders
# Takes back what setup-dapr-identity.sh added: the grants (database users last among them), then the host's
# own changes, the identity only if asked. Role assignments carry the setup's description and an identity its tag; where the
# setup leaves no mark (components, access policies, database users of its names), what
# has those names and still names this identity is taken to be the setup's. A grant that another setup for
# this identity also relies on goes too: both made the same one.
# Safe to run again: every step looks before it removes.
# Dry run: DRY_RUN=1 bash teardown-dapr-identity.sh prints each command that would remove something instead of running it.
# Run it with Bash after `az login`. Needs Azure CLI 2.53 or later (containerapp commands in the core CLI). Older: run `az upgrade`; an Azure CLI from a Linux distribution's own package (Debian's azure-cli, for one) upgrades only to that distribution's version, so install Microsoft's instead: https://learn.microsoft.com/cli/azure/install-azure-cli.
# DELETE_IDENTITY=1 also deletes the identity id-orders, if the setup created it (tag createdBy=dapr-mi-wizard).

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
IDENTITY_CREATED_BY=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].tags.createdBy | [0]" -o tsv)

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

# Remove the components the setup added to the Container Apps environment, if still as the setup wrote them (type, scopes orders-api, this identity's client id); one changed since is kept.
COMPONENTS_CLIENT_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].clientId | [0]" -o tsv)
if [ "$COMPONENTS_CLIENT_ID" != '' ]; then
  ENV_COMPONENT_1=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''queue-pubsub'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_1" = "pubsub.azure.servicebus.queues|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name queue-pubsub
  fi
  if [ "$ENV_COMPONENT_1" != '' ]; then
    if [ "$ENV_COMPONENT_1" != '||' ]; then
      if [ "$ENV_COMPONENT_1" != "pubsub.azure.servicebus.queues|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component queue-pubsub in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name queue-pubsub'
      fi
    fi
  fi
  ENV_COMPONENT_2=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''pubsub'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_2" = "pubsub.azure.servicebus.topics|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name pubsub
  fi
  if [ "$ENV_COMPONENT_2" != '' ]; then
    if [ "$ENV_COMPONENT_2" != '||' ]; then
      if [ "$ENV_COMPONENT_2" != "pubsub.azure.servicebus.topics|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component pubsub in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name pubsub'
      fi
    fi
  fi
  ENV_COMPONENT_3=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''servicebus-binding'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_3" = "bindings.azure.servicebus.queues|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name servicebus-binding
  fi
  if [ "$ENV_COMPONENT_3" != '' ]; then
    if [ "$ENV_COMPONENT_3" != '||' ]; then
      if [ "$ENV_COMPONENT_3" != "bindings.azure.servicebus.queues|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component servicebus-binding in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name servicebus-binding'
      fi
    fi
  fi
  ENV_COMPONENT_4=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''eh-pubsub'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_4" = "pubsub.azure.eventhubs|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name eh-pubsub
  fi
  if [ "$ENV_COMPONENT_4" != '' ]; then
    if [ "$ENV_COMPONENT_4" != '||' ]; then
      if [ "$ENV_COMPONENT_4" != "pubsub.azure.eventhubs|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component eh-pubsub in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name eh-pubsub'
      fi
    fi
  fi
  ENV_COMPONENT_5=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''eventhubs-binding'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_5" = "bindings.azure.eventhubs|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name eventhubs-binding
  fi
  if [ "$ENV_COMPONENT_5" != '' ]; then
    if [ "$ENV_COMPONENT_5" != '||' ]; then
      if [ "$ENV_COMPONENT_5" != "bindings.azure.eventhubs|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component eventhubs-binding in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name eventhubs-binding'
      fi
    fi
  fi
  ENV_COMPONENT_6=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''cosmos-state'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_6" = "state.azure.cosmosdb|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name cosmos-state
  fi
  if [ "$ENV_COMPONENT_6" != '' ]; then
    if [ "$ENV_COMPONENT_6" != '||' ]; then
      if [ "$ENV_COMPONENT_6" != "state.azure.cosmosdb|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component cosmos-state in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name cosmos-state'
      fi
    fi
  fi
  ENV_COMPONENT_7=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''cosmosdb-binding'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_7" = "bindings.azure.cosmosdb|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name cosmosdb-binding
  fi
  if [ "$ENV_COMPONENT_7" != '' ]; then
    if [ "$ENV_COMPONENT_7" != '||' ]; then
      if [ "$ENV_COMPONENT_7" != "bindings.azure.cosmosdb|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component cosmosdb-binding in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name cosmosdb-binding'
      fi
    fi
  fi
  ENV_COMPONENT_8=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''configstore'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_8" = "configuration.azure.appconfig|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name configstore
  fi
  if [ "$ENV_COMPONENT_8" != '' ]; then
    if [ "$ENV_COMPONENT_8" != '||' ]; then
      if [ "$ENV_COMPONENT_8" != "configuration.azure.appconfig|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component configstore in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name configstore'
      fi
    fi
  fi
  ENV_COMPONENT_9=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''openai-binding'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_9" = "bindings.azure.openai|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name openai-binding
  fi
  if [ "$ENV_COMPONENT_9" != '' ]; then
    if [ "$ENV_COMPONENT_9" != '||' ]; then
      if [ "$ENV_COMPONENT_9" != "bindings.azure.openai|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component openai-binding in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name openai-binding'
      fi
    fi
  fi
  ENV_COMPONENT_10=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''signalr-binding'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_10" = "bindings.azure.signalr|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name signalr-binding
  fi
  if [ "$ENV_COMPONENT_10" != '' ]; then
    if [ "$ENV_COMPONENT_10" != '||' ]; then
      if [ "$ENV_COMPONENT_10" != "bindings.azure.signalr|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component signalr-binding in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name signalr-binding'
      fi
    fi
  fi
fi
if [ "$COMPONENTS_CLIENT_ID" = '' ]; then
  ENV_COMPONENTS_KEPT=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query 'join('\'', '\'', [?contains(`["queue-pubsub","pubsub","servicebus-binding","eh-pubsub","eventhubs-binding","cosmos-state","cosmosdb-binding","configstore","openai-binding","signalr-binding"]`, name)].name)' -o tsv || true)
  if [ "$ENV_COMPONENTS_KEPT" != '' ]; then
    printf '%s\n' "The identity is gone, so its client id cannot be read and no component can be matched to it. Kept in the Container Apps environment env-orders: ${ENV_COMPONENTS_KEPT}. If the setup wrote one and nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name <name>"
  fi
fi

# Take the user-assigned identity off the container app if the setup created it (and so attached it); one that existed before stays attached.
if [ "$IDENTITY_ID" != '' ]; then
  IDENTITY_ATTACHED=$(az containerapp show \
      --name "$CONTAINER_APP_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query "[identity.userAssignedIdentities.*.principalId] | [] | [?@=='${PRINCIPAL_ID}'] | length(@)" -o tsv || true)
  if [ "$IDENTITY_CREATED_BY" = dapr-mi-wizard ]; then
    if [ "$IDENTITY_ATTACHED" = 1 ]; then
      run az containerapp identity remove \
          --name "$CONTAINER_APP_NAME" \
          --resource-group "$RESOURCE_GROUP" \
          --user-assigned "$IDENTITY_ID" -o none
    fi
  fi
  if [ "$IDENTITY_CREATED_BY" != dapr-mi-wizard ]; then
    if [ "$IDENTITY_ATTACHED" = 1 ]; then
      printf '%s\n' "The identity existed before the setup (it has no createdBy=dapr-mi-wizard tag), so it stays attached to the container app, though the setup attached it. If it was not attached before, take it off: az containerapp identity remove --name ${CONTAINER_APP_NAME} --resource-group ${RESOURCE_GROUP} --user-assigned ${IDENTITY_ID}"
    fi
  fi
fi

# Kept: Dapr on the container app, with its app id (its callers use it).
# If the setup turned Dapr on and nothing else needs it, turn it off (its revisions restart):
#   az containerapp dapr disable --name orders-api --resource-group rg-orders

# Remove the files the setup wrote here (generated from the wizard: nothing else is in them).
run rm -f \
    -- components/queue-pubsub.yaml components/pubsub.yaml components/servicebus-binding.yaml components/eh-pubsub.yaml components/eventhubs-binding.yaml components/cosmos-state.yaml components/cosmosdb-binding.yaml components/configstore.yaml components/openai-binding.yaml components/signalr-binding.yaml

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
