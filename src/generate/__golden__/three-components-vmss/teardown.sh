#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of 3 Dapr components on Virtual Machine Scale Set, System-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=vmss&resourceGroup=rg-orders&hostName=vmss-orders&appId=orders-api&m.vaultName=kv-orders&c2.component=state.azure.blobstorage&c2.m.accountName=storders&c2.m.containerName=state&c3.component=pubsub.azure.servicebus.topics&c3.m.namespaceName=sb-orders.servicebus.windows.net
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
VAULT_NAME=kv-orders
STORAGE_ACCOUNT_NAME=storders
SERVICEBUS_NAMESPACE_NAME=sb-orders

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
VAULT_ID=$(az keyvault show --name "$VAULT_NAME" --query id -o tsv || true)
if [ "$VAULT_ID" = '' ]; then
  printf '%s\n' 'The Key Vault kv-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi
STORAGE_ACCOUNT_ID=$(az storage account show \
    --name "$STORAGE_ACCOUNT_NAME" \
    --query id -o tsv || true)
if [ "$STORAGE_ACCOUNT_ID" = '' ]; then
  printf '%s\n' 'The Storage account storders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi
SERVICEBUS_NAMESPACE_ID=$(az servicebus namespace show \
    --name "$SERVICEBUS_NAMESPACE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
if [ "$SERVICEBUS_NAMESPACE_ID" = '' ]; then
  printf '%s\n' 'The Service Bus namespace sb-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi

# Read the scale set's system-assigned principal id (empty if it has none, or once the scale set is gone): the grants below are looked up by it.
PRINCIPAL_ID=$(az vmss show \
    --name "$VMSS_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query identity.principalId -o tsv || true)
if [ "$PRINCIPAL_ID" = '' ]; then
  printf '%s\n' 'The scale set vmss-orders is not there, is not readable with your sign-in, or has no system-assigned identity: no grant is looked up or removed. If an earlier teardown removed it, it removed the grants first and nothing is left. If it was deleted or its identity turned off otherwise since the setup, what the setup granted to that identity is kept; its role assignments are the setup'\''s rows with an empty principalName (a principal that is gone): az role assignment list --all --query "[?description=='\''Created by the Dapr Managed Identity Wizard'\''].{principalId: principalId, principalName: principalName, role: roleDefinitionName, scope: scope}" -o table'
fi

# Remove Azure Service Bus Data Sender on the Service Bus namespace sb-orders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$SERVICEBUS_NAMESPACE_ID" != '' ]; then
    SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT=$(az role assignment list \
        --scope "$SERVICEBUS_NAMESPACE_ID" \
        --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
    if [ "$SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT" != '' ]; then
      run az role assignment delete --ids "$SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT"
    fi
  fi
fi

# Remove Storage Blob Data Contributor on the Storage account storders, if the setup assigned it (its description says so; an assignment without it is kept).
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

# Remove Key Vault Secrets User on the Key Vault kv-orders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$VAULT_ID" != '' ]; then
    VAULT_ROLE_ASSIGNMENT=$(az role assignment list \
        --scope "$VAULT_ID" \
        --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/4633458b-17de-408a-b874-0445c86b69e6') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
    if [ "$VAULT_ROLE_ASSIGNMENT" != '' ]; then
      run az role assignment delete --ids "$VAULT_ROLE_ASSIGNMENT"
    fi
  fi
fi

# Remove the component files: the copies the setup wrote here, and yours on the scale set.
run rm -f -- components/azurekeyvault.yaml components/statestore.yaml components/pubsub.yaml
# Delete components/azurekeyvault.yaml, components/statestore.yaml, components/pubsub.yaml from the components folder on every instance (or your image and deployment) too, and restart the app without them.

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
