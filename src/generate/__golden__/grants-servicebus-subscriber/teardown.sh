#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of Azure Service Bus queues pub/sub on App Service Web App (Linux), User-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=webapp&identity=user&resourceGroup=rg-orders&hostName=orders-web&identityName=id-orders&appId=orders-web&appPort=8080&component=pubsub.azure.servicebus.queues&m.namespaceName=sb-orders.servicebus.windows.net&sbAccess=subscribe
# Takes back what setup-dapr-identity.sh added: the grants (database users last among them), then the host's
# own changes, the identity only if asked. Role assignments carry the setup's description and an identity its tag; where the
# setup leaves no mark (components, access policies, database users of its names), what
# has those names and still names this identity is taken to be the setup's. A grant that another setup for
# this identity also relies on goes too: both made the same one.
# Safe to run again: every step looks before it removes.
# Dry run: DRY_RUN=1 bash teardown-dapr-identity.sh prints each command that would remove something instead of running it.
# Run it with Bash after `az login`. Needs Azure CLI 2.70 or later (the first with `az webapp sitecontainers`). Older: run `az upgrade`; an Azure CLI from a Linux distribution's own package (Debian's azure-cli, for one) upgrades only to that distribution's version, so install Microsoft's instead: https://learn.microsoft.com/cli/azure/install-azure-cli.
# DELETE_IDENTITY=1 also deletes the identity id-orders, if the setup created it (tag createdBy=dapr-mi-wizard).

RESOURCE_GROUP=rg-orders
WEBAPP_NAME=orders-web
IDENTITY_NAME=id-orders
SERVICEBUS_NAMESPACE_NAME=sb-orders

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

# Remove Azure Service Bus Data Receiver on the Service Bus namespace sb-orders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$SERVICEBUS_NAMESPACE_ID" != '' ]; then
    SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT=$(az role assignment list \
        --scope "$SERVICEBUS_NAMESPACE_ID" \
        --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
    if [ "$SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT" != '' ]; then
      run az role assignment delete --ids "$SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT"
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
    --query 'length([?name=='\''daprd'\'' && starts_with(image || '\'''\'', '\''ghcr.io/dapr/daprd:'\'') && startUpCommand=='\''/daprd --app-id orders-web --resources-path /home/site/libs/dapr/components --dapr-http-port 3500 --app-port 8080'\''])' -o tsv || true)
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
        printf '%s\n' 'Kept: the sidecar container daprd of the web app orders-web, whose image (not ghcr.io/dapr/daprd:<version>) or start-up command (not /daprd --app-id orders-web --resources-path /home/site/libs/dapr/components --dapr-http-port 3500 --app-port 8080) is not the setup'\''s: yours, or a setup'\''s from other values in the wizard. If the setup made it, remove it and restart the app: az webapp sitecontainers delete --name orders-web --resource-group rg-orders --container-name daprd && az webapp restart --name orders-web --resource-group rg-orders'
      fi
    fi
  fi
fi

# Not done here: delete the component files the setup copied to /home/site/libs/dapr/components on the app's /home share.
printf '%s\n' 'Kept: the component files on the web app'\''s /home share (this script does not delete files there); once the setup'\''s daprd sidecar is removed, nothing reads them. To delete them, from an SSH session in the app (Azure portal, the app'\''s SSH page): rm -f -- /home/site/libs/dapr/components/pubsub.yaml'

# Take the user-assigned identity off the web app if the setup created it (and so attached it); one that existed before stays attached.
if [ "$IDENTITY_ID" != '' ]; then
  IDENTITY_ATTACHED=$(az webapp show \
      --name "$WEBAPP_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query "[identity.userAssignedIdentities.*.principalId] | [] | [?@=='${PRINCIPAL_ID}'] | length(@)" -o tsv || true)
  if [ "$IDENTITY_CREATED_BY" = dapr-mi-wizard ]; then
    if [ "$IDENTITY_ATTACHED" = 1 ]; then
      run az webapp identity remove \
          --name "$WEBAPP_NAME" \
          --resource-group "$RESOURCE_GROUP" \
          --identities "$IDENTITY_ID" -o none
    fi
  fi
  if [ "$IDENTITY_CREATED_BY" != dapr-mi-wizard ]; then
    if [ "$IDENTITY_ATTACHED" = 1 ]; then
      printf '%s\n' "The identity existed before the setup (it has no createdBy=dapr-mi-wizard tag), so it stays attached to the web app, though the setup attached it. If it was not attached before, take it off: az webapp identity remove --name ${WEBAPP_NAME} --resource-group ${RESOURCE_GROUP} --identities ${IDENTITY_ID}"
    fi
  fi
fi

# Remove the files the setup wrote here (generated from the wizard: nothing else is in them).
run rm -f -- components/pubsub.yaml

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
