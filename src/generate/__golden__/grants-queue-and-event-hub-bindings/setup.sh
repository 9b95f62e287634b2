#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Service Bus queue binding and Azure Event Hubs binding on Virtual Machine Scale Set, System-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=vmss&resourceGroup=rg-orders&hostName=vmss-orders&appId=orders-api&appPort=8080&component=bindings.azure.servicebus.queues&m.namespaceName=sb-orders.servicebus.windows.net&m.queueName=invoices&c2.component=bindings.azure.eventhubs&c2.m.eventHubNamespace=eh-orders.servicebus.windows.net&c2.m.eventHub=telemetry&c2.m.consumerID=%24Default&c2.m.storageAccountName=stcheckpoints&c2.m.storageContainerName=checkpoints&c2.ehDirection=input
# Run it with Bash after `az login`.
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
#   - Service Bus queue invoices (resource group rg-orders)
#   - Event Hubs namespace eh-orders (resource group rg-orders)
#   - Event hub telemetry (resource group rg-orders)
#   - Checkpoint storage account stcheckpoints (resource group rg-orders)
# Identity:
#   - Turns on the system-assigned identity of the scale set vmss-orders (resource group rg-orders).
# Grants:
#   - Azure role Azure Service Bus Data Sender on the Service Bus queue invoices only (for servicebus-binding).
#   - Azure role Azure Service Bus Data Receiver on the Service Bus queue invoices only (for servicebus-binding).
#   - Azure role Azure Event Hubs Data Receiver on the Event hub telemetry only (for eventhubs-binding).
#   - Azure role Storage Blob Data Contributor on the Checkpoint storage account stcheckpoints only (for eventhubs-binding).
# Files written:
#   - components/servicebus-binding.yaml: the Azure Service Bus queue binding component
#   - components/eventhubs-binding.yaml: the Azure Event Hubs binding component
# On the scale set:
#   - With the scale set's Manual upgrade policy, and only when this run changed the scale set's identity, updates every instance of the scale set vmss-orders to its latest model (az vmss update-instances): plan for the instances to restart.

RESOURCE_GROUP=rg-orders
VMSS_NAME=vmss-orders
SERVICEBUS_NAMESPACE_NAME=sb-orders
SERVICEBUS_QUEUE_NAME=invoices
EVENTHUBS_NAMESPACE_NAME=eh-orders
EVENTHUB_NAME=telemetry
STORAGE_ACCOUNT_NAME=stcheckpoints

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

# Look up the resources before changing anything (Service Bus queue, Event hub, Checkpoint storage account): each grant is scoped to one of them.
if ! SERVICEBUS_QUEUE_ID=$(az servicebus queue show \
    --namespace-name "$SERVICEBUS_NAMESPACE_NAME" \
    --name "$SERVICEBUS_QUEUE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv); then
  echo 'Service Bus queue invoices could not be found in sb-orders (az says why above), and with these roles Dapr does not create it. Create it: az servicebus queue create --namespace-name sb-orders --name invoices --resource-group rg-orders. Nothing was changed.' >&2
  exit 1
fi
if ! EVENTHUB_ID=$(az eventhubs eventhub show \
    --namespace-name "$EVENTHUBS_NAMESPACE_NAME" \
    --name "$EVENTHUB_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv); then
  echo 'Event hub telemetry could not be found in eh-orders (az says why above), and with these roles Dapr does not create it. Create it: az eventhubs eventhub create --namespace-name eh-orders --name telemetry --resource-group rg-orders. Nothing was changed.' >&2
  exit 1
fi
STORAGE_ACCOUNT_ID=$(az storage account show --name "$STORAGE_ACCOUNT_NAME" --query id -o tsv)

# Read the scale set's upgrade policy (Automatic, Rolling or Manual): it decides how the identity reaches the instances that already run. Read its identity too, to tell later whether this run changed it.
UPGRADE_MODE=$(az vmss show \
    --name "$VMSS_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query upgradePolicy.mode -o tsv)
VMSS_IDENTITY_BEFORE=$(az vmss show \
    --name "$VMSS_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query identity -o json)

# Turn on the scale set's system-assigned identity; its principal id comes back as systemAssignedIdentity. An identity already on is read first and used as it is, so a dry run checks the grants of the real principal.
PRINCIPAL_ID=$(az vmss show \
    --name "$VMSS_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query identity.principalId -o tsv)
if [ "$PRINCIPAL_ID" = '' ]; then
  PRINCIPAL_ID=$(run_or_placeholder PRINCIPAL_ID az vmss identity assign \
      --name "$VMSS_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query systemAssignedIdentity -o tsv)
fi

# Give the instances that already run the identity, if this run changed it. Automatic and Rolling policies apply it themselves (Automatic may update every instance at once, Rolling in batches); with Manual only new instances get it until each instance is updated:
# Before the grants: a grant that stops the script (a 403, an access policy it will not overwrite) would
# otherwise leave the instances without the identity, and a second run, which finds it unchanged, would
# not update them.
VMSS_IDENTITY_AFTER=$(az vmss show \
    --name "$VMSS_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query identity -o json)
if [ "$UPGRADE_MODE" = Manual ]; then
  # update-instances brings every instance to the scale set's latest model: the identity, and any other
  # change still waiting in the model (an OS image or VM size change restarts or reimages the instance).
  # Whether the identity change alone restarts an instance is not documented; plan for a restart.
  # On Flexible orchestration instances are named, and whether "*" reaches them all is not confirmed:
  # check with the az vmss list-instances line printed at the end.
  if [ "${DRY_RUN:-}" != 1 ] && [ "$VMSS_IDENTITY_AFTER" != "$VMSS_IDENTITY_BEFORE" ]; then
    printf '%s\n' 'Updating the existing instances to the latest model. If this fails (on Flexible orchestration the instances are named, not numbered), the setup is still complete and only the existing instances lack the identity: update them yourself (az vmss update-instances --instance-ids <their ids or names>), or replace them.'
    run az vmss update-instances \
        --name "$VMSS_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --instance-ids '*' -o none || true
  fi
  if [ "${DRY_RUN:-}" != 1 ] && [ "$VMSS_IDENTITY_AFTER" = "$VMSS_IDENTITY_BEFORE" ]; then
    printf '%s\n' 'The scale set'\''s identity is as it was before this run, so its instances are not updated (that would also apply any other change waiting in the model). The az vmss list-instances line printed at the end lists the instances still on an older model.'
  fi
fi
if [ "${DRY_RUN:-}" = 1 ] && [ "$UPGRADE_MODE" = Manual ]; then
  printf '%s\n' 'DRY RUN: a dry run does not assign the identity, so it cannot tell whether a real run changes the scale set'\''s identity. A real run updates every instance to the latest model here (az vmss update-instances --instance-ids '\''*'\'') when its assign changed the identity, and leaves the instances as they are when the identity was already there.'
fi

# Grant Azure Service Bus Data Sender (built-in role 69a216fc-b8fb-44d8-bc22-1f3c2cd27a39) on the Service Bus queue invoices only, for servicebus-binding, unless the identity already has it there.
SERVICEBUS_QUEUE_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$SERVICEBUS_QUEUE_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')].id | [0]" -o tsv)
if [ "$SERVICEBUS_QUEUE_ROLE_ASSIGNMENT" = '' ]; then
  run az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role 69a216fc-b8fb-44d8-bc22-1f3c2cd27a39 \
      --scope "$SERVICEBUS_QUEUE_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Grant Azure Service Bus Data Receiver (built-in role 4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0) on the Service Bus queue invoices only, for servicebus-binding, unless the identity already has it there.
SERVICEBUS_QUEUE_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$SERVICEBUS_QUEUE_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')].id | [0]" -o tsv)
if [ "$SERVICEBUS_QUEUE_ROLE_ASSIGNMENT" = '' ]; then
  run az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role 4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0 \
      --scope "$SERVICEBUS_QUEUE_ID" \
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

# Grant Storage Blob Data Contributor (built-in role ba92f5b4-2d11-453d-a403-e96b0029c9fe) on the Checkpoint storage account stcheckpoints only, for eventhubs-binding, unless the identity already has it there.
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

# Write the component files into ./components.
mkdir -p components
cat > components/servicebus-binding.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: servicebus-binding
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
cat > components/eventhubs-binding.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: eventhubs-binding
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

# Put the component files where Dapr on the scale set reads them.
# Install Dapr on every instance (in the image or with your deployment) once, if it is not there yet: the Dapr CLI, then
#   dapr init          # needs Docker: runs Dapr's services, Redis and Zipkin as containers
#   dapr init --slim   # without Docker: installs the daprd, placement and scheduler binaries, no containers
# --resources-path makes Dapr load the files in ./components only, not the defaults dapr init writes.
# Ship components/servicebus-binding.yaml, components/eventhubs-binding.yaml to every instance the same way, and start the app with Dapr:
#   dapr run --app-id orders-api --app-port 8080 --dapr-http-port 3500 --resources-path ./components -- <your app command>
# Each instance finds the scale set's identity through the instance metadata service.

# Verify: the grants.
if [ "${DRY_RUN:-}" = 1 ]; then
  echo 'DRY RUN: the checks of what the skipped commands make are skipped too.' >&2
else
  az role assignment list \
      --scope "$SERVICEBUS_QUEUE_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
  az role assignment list \
      --scope "$EVENTHUB_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
  az role assignment list \
      --scope "$STORAGE_ACCOUNT_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
  # Each instance's identity endpoint: for an instance id from az vmss list-instances, a 200 means a token:
  #   az vmss run-command invoke --name "$VMSS_NAME" --resource-group "$RESOURCE_GROUP" \
  #     --instance-id <instance-id> --command-id RunShellScript --scripts 'curl -s -o /dev/null -w "%{http_code}\n" -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/"'
  # Once the app runs under dapr run on an instance: Dapr's metadata API there lists each component daprd loaded:
  #   az vmss run-command invoke --name "$VMSS_NAME" --resource-group "$RESOURCE_GROUP" \
  #     --instance-id <instance-id> --command-id RunShellScript --scripts 'if curl -sf -o /dev/null http://localhost:3500/v1.0/metadata; then echo "dapr-metadata-api: answered"; curl -sf http://localhost:3500/v1.0/metadata | grep -o "{\"name\":\"[^\"]*\",\"type\":\"[^\"]*\"" || true; else echo "dapr-metadata-api: no answer"; fi' \
  #     --query 'value[0].message' -o tsv
  # Its output holds "dapr-metadata-api: answered" and a line for each, starting:
  #   {"name":"servicebus-binding","type":"bindings.azure.servicebus.queues"
  #   {"name":"eventhubs-binding","type":"bindings.azure.eventhubs"
  # A missing one has a "Failed to init component <name>" line in the dapr run output, whose rest is the cause
  # (troubleshoot.html#dapr-component-init-failed, beside the wizard's page).
  printf '%s\n' 'Instances not yet on the latest model (so still without the identity, Uniform orchestration), to update with az vmss update-instances --instance-ids <ids>:
  az vmss list-instances --name '"$VMSS_NAME"' --resource-group '"$RESOURCE_GROUP"' --query '\''[?!latestModelApplied].instanceId'\'' -o tsv'
fi

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
