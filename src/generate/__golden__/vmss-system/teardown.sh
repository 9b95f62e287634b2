#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of Azure Key Vault secret store on Virtual Machine Scale Set, System-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=vmss&resourceGroup=rg-orders&subscription=00000000-1111-2222-3333-444444444444&hostName=vmss-orders&appId=&m.vaultName=kv-orders&kvModel=accesspolicy
# Takes back what setup-dapr-identity.sh added: the grants (database users last among them), then the host's
# own changes, the identity only if asked. Role assignments carry the setup's description; where the
# setup leaves no mark (components, access policies, database users of its names), what
# has those names and still names this identity is taken to be the setup's. A grant that another setup for
# this identity also relies on goes too: both made the same one.
# Safe to run again: every step looks before it removes.
# Dry run: DRY_RUN=1 bash teardown-dapr-identity.sh prints each command that would remove something instead of running it.
# Run it with Bash after `az login`.
# REMOVE_SYSTEM_IDENTITY=1 also turns off the scale set's system-assigned identity (the teardown cannot tell whether the setup turned it on; other grants to it stop working).

SUBSCRIPTION=00000000-1111-2222-3333-444444444444
RESOURCE_GROUP=rg-orders
VMSS_NAME=vmss-orders
VAULT_NAME=kv-orders

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

# Work in the chosen subscription, so every name below is looked up there.
az account set --subscription "$SUBSCRIPTION"

# Look up the resources the setup granted on (each grant is on one of them); one that is gone is skipped.
VAULT_ID=$(az keyvault show --name "$VAULT_NAME" --query id -o tsv || true)
if [ "$VAULT_ID" = '' ]; then
  printf '%s\n' 'The Key Vault kv-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi

# Read the scale set's system-assigned principal id (empty if it has none, or once the scale set is gone): the grants below are looked up by it.
PRINCIPAL_ID=$(az vmss show \
    --name "$VMSS_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query identity.principalId -o tsv || true)
if [ "$PRINCIPAL_ID" = '' ]; then
  printf '%s\n' 'The scale set vmss-orders is not there, is not readable with your sign-in, or has no system-assigned identity: no grant is looked up or removed. If an earlier teardown removed it, it removed the grants first and nothing is left. If it was deleted or its identity turned off otherwise since the setup, what the setup granted to that identity is kept.'
fi

# Remove the identity's access policy on the Key Vault kv-orders if it holds only what the setup gave (secrets get list); one with more is kept.
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$VAULT_ID" != '' ]; then
    # If the identity held some of these permissions before the setup (which added the rest), the entry cannot be
    # told apart from one the setup made and is removed too: give those permissions back with az keyvault set-policy.
    VAULT_POLICY_MATCHES=$(az keyvault show \
        --name "$VAULT_NAME" \
        --query 'length(properties.accessPolicies[?objectId=='''\'''"$PRINCIPAL_ID"''\'''' && length(permissions.secrets[?@!='\''get'\'' && @!='\''Get'\'' && @!='\''GET'\'' && @!='\''list'\'' && @!='\''List'\'' && @!='\''LIST'\''] || `[]`) == `0` && length(permissions.keys || `[]`) == `0` && length(permissions.certificates || `[]`) == `0` && length(permissions.storage || `[]`) == `0`])' -o tsv)
    if [ "$VAULT_POLICY_MATCHES" = 1 ]; then
      run az keyvault delete-policy --name "$VAULT_NAME" --object-id "$PRINCIPAL_ID" -o none
    fi
  fi
fi

# Remove the component files: the copies the setup wrote here, and yours on the scale set.
run rm -f -- components/azurekeyvault.yaml
# Delete components/azurekeyvault.yaml from the components folder on every instance (or your image and deployment) too, and restart the app without them.

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
