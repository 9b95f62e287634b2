#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of 3 Dapr components on App Service Web App (Linux), User-assigned identity.
# Takes back what setup-dapr-identity.sh added, in reverse order, and only what it can tell the setup made.
# Safe to run again: every step looks before it removes.
# Run it with Bash after `az login`.
# DELETE_IDENTITY=1 also deletes the identity id-orders, if the setup created it (tag createdBy=dapr-mi-wizard).

RESOURCE_GROUP=rg-orders
WEBAPP_NAME=orders-web
IDENTITY_NAME=id-orders
VAULT_NAME=kv-orders
STORAGE_ACCOUNT_NAME=storders
SERVICEBUS_NAMESPACE_NAME=sb-orders

DELETE_IDENTITY="${DELETE_IDENTITY:-0}"

set -euo pipefail

# Git Bash on Windows would rewrite arguments that start with / (scopes, resource ids) into Windows paths.
export MSYS_NO_PATHCONV=1

# Look up the resources whose role assignments the setup made: each is scoped to one of them.
VAULT_ID=$(az keyvault show --name "$VAULT_NAME" --query id -o tsv)
STORAGE_ACCOUNT_ID=$(az storage account show --name "$STORAGE_ACCOUNT_NAME" --query id -o tsv)
SERVICEBUS_NAMESPACE_ID=$(az servicebus namespace show \
    --name "$SERVICEBUS_NAMESPACE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv)

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

# Remove Azure Service Bus Data Sender on the Service Bus namespace sb-orders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT=$(az role assignment list \
      --scope "$SERVICEBUS_NAMESPACE_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
  if [ "$SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT" != '' ]; then
    az role assignment delete --ids "$SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT"
  fi
fi

# Remove Storage Blob Data Contributor on the Storage account storders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  STORAGE_ACCOUNT_ROLE_ASSIGNMENT=$(az role assignment list \
      --scope "$STORAGE_ACCOUNT_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/ba92f5b4-2d11-453d-a403-e96b0029c9fe') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
  if [ "$STORAGE_ACCOUNT_ROLE_ASSIGNMENT" != '' ]; then
    az role assignment delete --ids "$STORAGE_ACCOUNT_ROLE_ASSIGNMENT"
  fi
fi

# Remove Key Vault Secrets User on the Key Vault kv-orders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  VAULT_ROLE_ASSIGNMENT=$(az role assignment list \
      --scope "$VAULT_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/4633458b-17de-408a-b874-0445c86b69e6') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
  if [ "$VAULT_ROLE_ASSIGNMENT" != '' ]; then
    az role assignment delete --ids "$VAULT_ROLE_ASSIGNMENT"
  fi
fi

# Not done here: remove the daprd sidecar and the component files yourself.
# The setup added the sidecar container daprd (ghcr.io/dapr/daprd:1.18.3) and copied the component files to
# /home/site/dapr/components on the app's /home share. Remove the sidecar in the Azure portal (the app's
# Deployment Center, Containers) and the files from the Kudu console or SSH, then restart the app.

# Take the user-assigned identity off the web app if the setup created it (and so attached it); one that existed before stays attached.
if [ "$IDENTITY_CREATED_BY" = dapr-mi-wizard ]; then
  IDENTITY_ATTACHED=$(az webapp show \
      --name "$WEBAPP_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query "[identity.userAssignedIdentities.*.principalId] | [] | [?@=='${PRINCIPAL_ID}'] | length(@)" -o tsv)
  if [ "$IDENTITY_ATTACHED" = 1 ]; then
    az webapp identity remove \
        --name "$WEBAPP_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --identities "$IDENTITY_ID" -o none
  fi
fi

# Delete the user-assigned identity only if the setup created it (tag createdBy=dapr-mi-wizard) and you ask (DELETE_IDENTITY=1).
# An identity that existed before the setup has no such tag and is kept. Without DELETE_IDENTITY=1 it is kept too:
# a new identity of the same name would get new ids, and every grant would have to be made again.
if [ "$IDENTITY_CREATED_BY" = dapr-mi-wizard ]; then
  if [ "$DELETE_IDENTITY" = 1 ]; then
    az identity delete --name "$IDENTITY_NAME" --resource-group "$RESOURCE_GROUP" -o none
  fi
fi

# Done. Running it again finds nothing left to remove and changes nothing.
# Kept on purpose: the Azure resources themselves, and any grant the setup did not make (a role assignment
# without the description "Created by the Dapr Managed Identity Wizard", an access policy with more permissions).
