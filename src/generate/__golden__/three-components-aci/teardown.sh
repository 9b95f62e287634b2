#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of 3 Dapr components on Azure Container Instances, User-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=aci&identity=user&resourceGroup=rg-orders&hostName=orders-group&location=westeurope&identityName=id-orders&appId=orders-api&image=mcr.microsoft.com%2Fazuredocs%2Faci-helloworld%3Alatest&m.vaultName=kv-orders&c2.component=state.azure.blobstorage&c2.m.accountName=storders&c2.m.containerName=state&c3.component=pubsub.azure.servicebus.topics&c3.m.namespaceName=sb-orders.servicebus.windows.net
# Takes back what setup-dapr-identity.sh added: the grants (database users last among them), then the host's
# own changes, the identity only if asked. Role assignments carry the setup's description and an identity its tag; where the
# setup leaves no mark (components, access policies, database users of its names), what
# has those names and still names this identity is taken to be the setup's. A grant that another setup for
# this identity also relies on goes too: both made the same one.
# Safe to run again: every step looks before it removes.
# Dry run: DRY_RUN=1 bash teardown-dapr-identity.sh prints each command that would remove something instead of running it.
# Run it with Bash after `az login`.
# DELETE_IDENTITY=1 also deletes the identity id-orders, if the setup created it (tag createdBy=dapr-mi-wizard).
# DELETE_CONTAINER_GROUP=1 also deletes the container group orders-group (your app runs in it), if the setup's file made it (tag createdBy=dapr-mi-wizard).

RESOURCE_GROUP=rg-orders
CONTAINER_GROUP_NAME=orders-group
IDENTITY_NAME=id-orders
VAULT_NAME=kv-orders
STORAGE_ACCOUNT_NAME=storders
SERVICEBUS_NAMESPACE_NAME=sb-orders

DELETE_IDENTITY="${DELETE_IDENTITY:-0}"
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

# Read the user-assigned identity (all empty once it is gone): its principal id finds the grants, its tag says whether the setup created it.
PRINCIPAL_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].principalId | [0]" -o tsv)
IDENTITY_CREATED_BY=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].tags.createdBy | [0]" -o tsv)

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
run rm -f \
    -- components/azurekeyvault.yaml components/statestore.yaml components/pubsub.yaml components/container-group.yaml

# Before the identity is deleted (DELETE_IDENTITY=1): stop if a container group of this name still uses it, leaving out the setup's group when this run deletes it (DELETE_CONTAINER_GROUP=1).
if [ "$DELETE_IDENTITY" = 1 ]; then
  if [ "$IDENTITY_CREATED_BY" = dapr-mi-wizard ]; then
    if [ "$DELETE_CONTAINER_GROUP" = 1 ]; then
      GROUP_USES_IDENTITY=$(az container list \
          --resource-group "$RESOURCE_GROUP" \
          --query '[?name==`"orders-group"` && tags.createdBy!=`"dapr-mi-wizard"`] | [0].identity.userAssignedIdentities.*.principalId || `[]` | [?@=='''\'''"$PRINCIPAL_ID"''\''''] | length(@)' -o tsv)
    fi
    if [ "$DELETE_CONTAINER_GROUP" != 1 ]; then
      GROUP_USES_IDENTITY=$(az container list \
          --resource-group "$RESOURCE_GROUP" \
          --query '[?name==`"orders-group"`] | [0].identity.userAssignedIdentities.*.principalId || `[]` | [?@=='''\'''"$PRINCIPAL_ID"''\''''] | length(@)' -o tsv)
    fi
    if [ "${DRY_RUN:-}" != 1 ] && [ "$GROUP_USES_IDENTITY" != 0 ]; then
      echo 'The container group orders-group still uses the identity, and ACI takes an identity off a group only by creating the group again: the identity is kept. If the setup'\''s file made the group, run the teardown with DELETE_CONTAINER_GROUP=1 too (it deletes the group and your app in it); a group it did not make (no createdBy tag) the teardown never deletes: delete it yourself (az container delete --name orders-group --resource-group rg-orders --yes) or create it again from your own file without the identity. Then run the teardown again. More: troubleshoot.html#aci-group-uses-identity, beside the wizard'\''s page.' >&2
      exit 1
    fi
    if [ "${DRY_RUN:-}" = 1 ] && [ "$GROUP_USES_IDENTITY" != 0 ]; then
      printf '%s\n' 'DRY RUN: a real run stops here (the dry run goes on): The container group orders-group still uses the identity, and ACI takes an identity off a group only by creating the group again: the identity is kept. If the setup'\''s file made the group, run the teardown with DELETE_CONTAINER_GROUP=1 too (it deletes the group and your app in it); a group it did not make (no createdBy tag) the teardown never deletes: delete it yourself (az container delete --name orders-group --resource-group rg-orders --yes) or create it again from your own file without the identity. Then run the teardown again. More: troubleshoot.html#aci-group-uses-identity, beside the wizard'\''s page.'
    fi
  fi
fi

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
