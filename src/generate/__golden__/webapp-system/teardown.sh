#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of Azure Key Vault secret store on App Service Web App (Linux), System-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=webapp&resourceGroup=rg-orders&hostName=orders-web&appId=orders-web&m.vaultName=kv-orders
# Takes back what setup-dapr-identity.sh added: the grants (database users last among them), then the host's
# own changes, the identity only if asked. Role assignments carry the setup's description; where the
# setup leaves no mark (components, access policies, database users of its names), what
# has those names and still names this identity is taken to be the setup's. A grant that another setup for
# this identity also relies on goes too: both made the same one.
# Safe to run again: every step looks before it removes.
# Dry run: DRY_RUN=1 bash teardown-dapr-identity.sh prints each command that would remove something instead of running it.
# Run it with Bash after `az login`. Needs Azure CLI 2.70 or later (the first with `az webapp sitecontainers`). Older: run `az upgrade`; an Azure CLI from a Linux distribution's own package (Debian's azure-cli, for one) upgrades only to that distribution's version, so install Microsoft's instead: https://learn.microsoft.com/cli/azure/install-azure-cli.
# REMOVE_SYSTEM_IDENTITY=1 also turns off the web app's system-assigned identity (the teardown cannot tell whether the setup turned it on; other grants to it stop working).

RESOURCE_GROUP=rg-orders
WEBAPP_NAME=orders-web
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

# Look up the resources the setup granted on (each grant is on one of them); one that is gone is skipped.
VAULT_ID=$(az keyvault show --name "$VAULT_NAME" --query id -o tsv || true)
if [ "$VAULT_ID" = '' ]; then
  printf '%s\n' 'The Key Vault kv-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi

# Read the web app's system-assigned principal id (empty if it has none, or once the web app is gone): the grants below are looked up by it.
PRINCIPAL_ID=$(az webapp show \
    --name "$WEBAPP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query identity.principalId -o tsv || true)
if [ "$PRINCIPAL_ID" = '' ]; then
  printf '%s\n' 'The web app orders-web is not there, is not readable with your sign-in, or has no system-assigned identity: no grant is looked up or removed. If an earlier teardown removed it, it removed the grants first and nothing is left. If it was deleted or its identity turned off otherwise since the setup, what the setup granted to that identity is kept; its role assignments are the setup'\''s rows with an empty principalName (a principal that is gone): az role assignment list --all --query "[?description=='\''Created by the Dapr Managed Identity Wizard'\''].{principalId: principalId, principalName: principalName, role: roleDefinitionName, scope: scope}" -o table'
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

# Remove the daprd sidecar container only while it is the setup's (its name, the daprd image of any version, and the start-up command as the setup wrote them), then restart the web app without it.
SIDECARS_NAMED=$(az webapp sitecontainers list \
    --name "$WEBAPP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query 'length([?name=='\''daprd'\''])' -o tsv || true)
SETUPS_SIDECARS=$(az webapp sitecontainers list \
    --name "$WEBAPP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query 'length([?name=='\''daprd'\'' && starts_with(image || '\'''\'', '\''ghcr.io/dapr/daprd:'\'') && startUpCommand=='\''/daprd --app-id orders-web --resources-path /home/site/libs/dapr/components --dapr-http-port 3500'\''])' -o tsv || true)
if [ "$SETUPS_SIDECARS" = 1 ]; then
  run az webapp sitecontainers delete \
      --name "$WEBAPP_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --container-name daprd -o none
  run az webapp restart --name "$WEBAPP_NAME" --resource-group "$RESOURCE_GROUP" -o none
fi
if [ "$SETUPS_SIDECARS" != 1 ]; then
  if [ "$SIDECARS_NAMED" = '' ]; then
    printf '%s\n' 'Not removed: the daprd sidecar of the web app orders-web, because its sidecars could not be listed (Azure CLI older than 2.70, the app gone, or no read access to it). Upgrade and run again, or remove it and restart the app yourself: az webapp sitecontainers delete --name orders-web --resource-group rg-orders --container-name daprd && az webapp restart --name orders-web --resource-group rg-orders'
  fi
  if [ "$SIDECARS_NAMED" != '' ]; then
    if [ "$SETUPS_SIDECARS" = '' ]; then
      printf '%s\n' 'Not removed: the daprd sidecar of the web app orders-web, because its sidecars could not be listed (Azure CLI older than 2.70, the app gone, or no read access to it). Upgrade and run again, or remove it and restart the app yourself: az webapp sitecontainers delete --name orders-web --resource-group rg-orders --container-name daprd && az webapp restart --name orders-web --resource-group rg-orders'
    fi
    if [ "$SETUPS_SIDECARS" = 0 ]; then
      if [ "$SIDECARS_NAMED" = 0 ]; then
        printf '%s\n' 'No daprd sidecar on the web app orders-web: none is removed.'
      fi
      if [ "$SIDECARS_NAMED" = 1 ]; then
        printf '%s\n' 'Kept: the sidecar container daprd of the web app orders-web, whose image (not ghcr.io/dapr/daprd:<version>) or start-up command (not /daprd --app-id orders-web --resources-path /home/site/libs/dapr/components --dapr-http-port 3500) is not the setup'\''s: yours, or a setup'\''s from other values in the wizard. If the setup made it, remove it and restart the app: az webapp sitecontainers delete --name orders-web --resource-group rg-orders --container-name daprd && az webapp restart --name orders-web --resource-group rg-orders'
      fi
    fi
  fi
fi

# Not done here: delete the component files the setup copied to /home/site/libs/dapr/components on the app's /home share.
printf '%s\n' 'Kept: the component files on the web app'\''s /home share (this script does not delete files there); once the setup'\''s daprd sidecar is removed, nothing reads them. To delete them, from an SSH session in the app (Azure portal, the app'\''s SSH page): rm -f -- /home/site/libs/dapr/components/azurekeyvault.yaml'

# Turn off the web app's system-assigned identity only if you ask (REMOVE_SYSTEM_IDENTITY=1): the teardown cannot tell whether the setup turned it on, and every other grant to it stops working.
if [ "$REMOVE_SYSTEM_IDENTITY" = 1 ]; then
  if [ "$PRINCIPAL_ID" != '' ]; then
    run az webapp identity remove \
        --name "$WEBAPP_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --identities '[system]' -o none
  fi
fi

# Remove the files the setup wrote here (generated from the wizard: nothing else is in them).
run rm -f -- components/azurekeyvault.yaml

# Done. Running it again finds nothing left to remove and changes nothing.
# Kept on purpose: the Azure resources themselves, and any grant the setup did not make (a role assignment
# without the description "Created by the Dapr Managed Identity Wizard", an access policy with more permissions).
