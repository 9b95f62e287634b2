#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of Azure Key Vault secret store on Azure Container Instances, System-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=aci&resourceGroup=rg-orders&hostName=orders-group&location=westeurope&appId=orders-api&image=mcr.microsoft.com%2Fazuredocs%2Faci-helloworld%3Alatest&appPort=8080&m.vaultName=kv-orders
# Takes back what setup-dapr-identity.sh added: the grants (database users last among them), then the host's
# own changes, the system-assigned identity only with the group (DELETE_CONTAINER_GROUP=1). Role assignments carry the setup's description; where the
# setup leaves no mark (components, access policies, database users of its names), what
# has those names and still names this identity is taken to be the setup's. A grant that another setup for
# this identity also relies on goes too: both made the same one.
# Safe to run again: every step looks before it removes.
# Dry run: DRY_RUN=1 bash teardown-dapr-identity.sh prints each command that would remove something instead of running it.
# Run it with Bash after `az login`.
# DELETE_CONTAINER_GROUP=1 also deletes the container group orders-group (your app runs in it), if the setup's file made it (tag createdBy=dapr-mi-wizard).

RESOURCE_GROUP=rg-orders
CONTAINER_GROUP_NAME=orders-group
VAULT_NAME=kv-orders

DELETE_CONTAINER_GROUP="${DELETE_CONTAINER_GROUP:-0}"

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

# Read the group's system-assigned principal id (empty once the group is gone): the grants below are looked up by it.
PRINCIPAL_ID=$(az container list \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name==`"orders-group"`] | [0].identity.principalId' -o tsv)
if [ "$PRINCIPAL_ID" = '' ]; then
  printf '%s\n' 'The container group orders-group is not there, is not readable with your sign-in, or has no system-assigned identity: no grant is looked up or removed. If an earlier teardown removed it, it removed the grants first and nothing is left. If it was deleted or its identity turned off otherwise since the setup, what the setup granted to that identity is kept; its role assignments are the setup'\''s rows with an empty principalName (a principal that is gone): az role assignment list --all --query "[?description=='\''Created by the Dapr Managed Identity Wizard'\''].{principalId: principalId, principalName: principalName, role: roleDefinitionName, scope: scope}" -o table'
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

# Delete the container group only if you ask (DELETE_CONTAINER_GROUP=1) and the setup's file made it (tag createdBy=dapr-mi-wizard): it runs your app too.
# Without it the group keeps running with the daprd sidecar and its identity; to keep the app without them,
# recreate the group from your own file.
if [ "$DELETE_CONTAINER_GROUP" = 1 ]; then
  GROUP_CREATED_BY=$(az container list \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name==`"orders-group"`] | [0].tags.createdBy' -o tsv)
  if [ "$GROUP_CREATED_BY" = dapr-mi-wizard ]; then
    run az container delete \
        --name "$CONTAINER_GROUP_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --yes -o none
  fi
  if [ "$GROUP_CREATED_BY" != dapr-mi-wizard ]; then
    GROUP_COUNT=$(az container list \
        --resource-group "$RESOURCE_GROUP" \
        --query '[?name==`"orders-group"`] | length(@)' -o tsv)
    if [ "$GROUP_COUNT" = 0 ]; then
      printf '%s\n' 'No container group orders-group is there: none is deleted.'
    fi
    if [ "$GROUP_COUNT" != 0 ]; then
      printf '%s\n' 'Kept: the container group orders-group, which has no tag createdBy=dapr-mi-wizard, the mark of the setup'\''s group file (your own file, or a setup of an earlier wizard release, which wrote none). If the setup made it, delete it yourself (your app in it goes too): az container delete --name orders-group --resource-group rg-orders --yes'
    fi
  fi
fi

# Remove the files the setup wrote here (generated: nothing else is in them).
run rm -f -- components/azurekeyvault.yaml components/container-group.yaml

# Done. Running it again finds nothing left to remove and changes nothing.
# Kept on purpose: the Azure resources themselves, and any grant the setup did not make (a role assignment
# without the description "Created by the Dapr Managed Identity Wizard", an access policy with more permissions).
