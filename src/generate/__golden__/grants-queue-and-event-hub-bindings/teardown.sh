#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of Azure Service Bus queue binding and Azure Event Hubs binding on Virtual Machine Scale Set, System-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=vmss&resourceGroup=rg-orders&hostName=vmss-orders&appId=orders-api&appPort=8080&component=bindings.azure.servicebus.queues&m.namespaceName=sb-orders.servicebus.windows.net&m.queueName=invoices&c2.component=bindings.azure.eventhubs&c2.m.eventHubNamespace=eh-orders.servicebus.windows.net&c2.m.eventHub=telemetry&c2.m.consumerID=%24Default&c2.m.storageAccountName=stcheckpoints&c2.m.storageContainerName=checkpoints&c2.ehDirection=input
# Takes back what setup-dapr-identity.sh added: the grants (database users last among them), then the host's
# own changes, the identity only if asked. Role assignments carry the setup's description; where the
# setup leaves no mark (components, access policies, database users of its names), what
# has those names and still names this identity is taken to be the setup's. A grant that another setup for
# this identity also relies on goes too: both made the same one.
# Safe to run again: every step looks before it removes.
# Dry run: DRY_RUN=1 bash teardown-dapr-identity.sh prints each command that would remove something instead of running it.
# Run it with Bash after `az login`.
# REMOVE_SYSTEM_IDENTITY=1 also turns off the scale set's system-assigned identity (the teardown cannot tell whether the setup turned it on; other grants to it stop working).

RESOURCE_GROUP=rg-orders
VMSS_NAME=vmss-orders
SERVICEBUS_NAMESPACE_NAME=sb-orders
SERVICEBUS_QUEUE_NAME=invoices
EVENTHUBS_NAMESPACE_NAME=eh-orders
EVENTHUB_NAME=telemetry
STORAGE_ACCOUNT_NAME=stcheckpoints

REMOVE_SYSTEM_IDENTITY="${REMOVE_SYSTEM_IDENTITY:-0}"

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
SERVICEBUS_QUEUE_ID=$(az servicebus queue show \
    --namespace-name "$SERVICEBUS_NAMESPACE_NAME" \
    --name "$SERVICEBUS_QUEUE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
if [ "$SERVICEBUS_QUEUE_ID" = '' ]; then
  printf '%s\n' 'The Service Bus queue invoices is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi
EVENTHUB_ID=$(az eventhubs eventhub show \
    --namespace-name "$EVENTHUBS_NAMESPACE_NAME" \
    --name "$EVENTHUB_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
if [ "$EVENTHUB_ID" = '' ]; then
  printf '%s\n' 'The Event hub telemetry is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi
STORAGE_ACCOUNT_ID=$(az storage account show \
    --name "$STORAGE_ACCOUNT_NAME" \
    --query id -o tsv || true)
if [ "$STORAGE_ACCOUNT_ID" = '' ]; then
  printf '%s\n' 'The Checkpoint storage account stcheckpoints is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi

# Read the scale set's system-assigned principal id (empty if it has none, or once the scale set is gone): the grants below are looked up by it.
PRINCIPAL_ID=$(az vmss show \
    --name "$VMSS_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query identity.principalId -o tsv || true)
if [ "$PRINCIPAL_ID" = '' ]; then
  printf '%s\n' 'The scale set vmss-orders is not there, is not readable with your sign-in, or has no system-assigned identity: no grant is looked up or removed. If an earlier teardown removed it, it removed the grants first and nothing is left. If it was deleted or its identity turned off otherwise since the setup, what the setup granted to that identity is kept; its role assignments are the setup'\''s rows with an empty principalName (a principal that is gone): az role assignment list --all --query "[?description=='\''Created by the Dapr Managed Identity Wizard'\''].{principalId: principalId, principalName: principalName, role: roleDefinitionName, scope: scope}" -o table'
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

# Remove Azure Service Bus Data Receiver on the Service Bus queue invoices, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$SERVICEBUS_QUEUE_ID" != '' ]; then
    SERVICEBUS_QUEUE_ROLE_ASSIGNMENT=$(az role assignment list \
        --scope "$SERVICEBUS_QUEUE_ID" \
        --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
    if [ "$SERVICEBUS_QUEUE_ROLE_ASSIGNMENT" != '' ]; then
      run az role assignment delete --ids "$SERVICEBUS_QUEUE_ROLE_ASSIGNMENT"
    fi
  fi
fi

# Remove Azure Service Bus Data Sender on the Service Bus queue invoices, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$SERVICEBUS_QUEUE_ID" != '' ]; then
    SERVICEBUS_QUEUE_ROLE_ASSIGNMENT=$(az role assignment list \
        --scope "$SERVICEBUS_QUEUE_ID" \
        --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
    if [ "$SERVICEBUS_QUEUE_ROLE_ASSIGNMENT" != '' ]; then
      run az role assignment delete --ids "$SERVICEBUS_QUEUE_ROLE_ASSIGNMENT"
    fi
  fi
fi

# Remove the component files: the copies the setup wrote here, and yours on the scale set.
run rm -f -- components/servicebus-binding.yaml components/eventhubs-binding.yaml
# Delete components/servicebus-binding.yaml, components/eventhubs-binding.yaml from the components folder on every instance (or your image and deployment) too, and restart the app without them.

# Turn off the scale set's system-assigned identity only if you ask (REMOVE_SYSTEM_IDENTITY=1): the teardown cannot tell whether the setup turned it on, and every other grant to it stops working.
if [ "$REMOVE_SYSTEM_IDENTITY" = 1 ]; then
  if [ "$PRINCIPAL_ID" != '' ]; then
    run az vmss identity remove \
        --name "$VMSS_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --identities '[system]' -o none
  fi
fi

# If this teardown took an identity off the scale set and an instance still gets a token for it (Manual upgrade policy),
# update the instances: that also applies any other change waiting in the model (an OS image or size
# change restarts or reimages them):
#   az vmss update-instances --name vmss-orders --resource-group rg-orders --instance-ids '*'

# Done. Running it again finds nothing left to remove and changes nothing.
# Kept on purpose: the Azure resources themselves, and any grant the setup did not make (a role assignment
# without the description "Created by the Dapr Managed Identity Wizard", an access policy with more permissions).
