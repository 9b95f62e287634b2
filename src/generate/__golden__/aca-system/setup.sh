#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on Azure Container Apps, System-assigned identity.
# Run it with Bash after `az login`. Needs Azure CLI 2.53 or later (containerapp commands in the core CLI).
# Change values in the wizard, not here: the files this script writes were generated from them.

RESOURCE_GROUP=rg-orders
CONTAINER_APP_NAME=orders-api
ENVIRONMENT_NAME=env-orders
VAULT_NAME=kv-orders

set -euo pipefail

# Git Bash on Windows would rewrite arguments that start with / (scopes, resource ids) into Windows paths.
export MSYS_NO_PATHCONV=1

# Look up the resources before changing anything (Key Vault): each grant is scoped to one of them.
VAULT_ID=$(az keyvault show --name "$VAULT_NAME" --query id -o tsv)
VAULT_RBAC=$(az keyvault show \
    --name "$VAULT_NAME" \
    --query properties.enableRbacAuthorization -o tsv)
if [ "$VAULT_RBAC" != true ]; then
  echo 'The vault kv-orders uses access policies, which ignore RBAC roles: choose "Vault access policies" in the wizard.' >&2
  exit 1
fi

# Check the container app's Dapr settings before any change: on with another app id than orders-api, the script stops.
DAPR_ENABLED=$(az containerapp show \
    --name "$CONTAINER_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query properties.configuration.dapr.enabled -o tsv)
DAPR_APP_ID=$(az containerapp show \
    --name "$CONTAINER_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query properties.configuration.dapr.appId -o tsv)
if [ "$DAPR_ENABLED" = true ]; then
  if [ "$DAPR_APP_ID" != orders-api ]; then
    echo 'The container app runs Dapr with another app id: enter that app id in the wizard, or change it on the app yourself (its callers use it), then run this script again.' >&2
    exit 1
  fi
fi

# Turn on the container app's system-assigned identity and read its principal id.
PRINCIPAL_ID=$(az containerapp identity assign \
    --name "$CONTAINER_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --system-assigned \
    --query principalId -o tsv)

# Grant Key Vault Secrets User (built-in role 4633458b-17de-408a-b874-0445c86b69e6) on the Key Vault kv-orders only, for azurekeyvault, unless the identity already has it there.
VAULT_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$VAULT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/4633458b-17de-408a-b874-0445c86b69e6')].id | [0]" -o tsv)
if [ "$VAULT_ROLE_ASSIGNMENT" = '' ]; then
  az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role 4633458b-17de-408a-b874-0445c86b69e6 \
      --scope "$VAULT_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Write the component file into ./components.
mkdir -p components
cat > components/azurekeyvault.yaml <<'YAML'
componentType: secretstores.azure.keyvault
version: v1
metadata:
- name: vaultName
  value: kv-orders
scopes:
- orders-api
YAML

# Add the component to the Container Apps environment (in ACA's own component schema).
az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name azurekeyvault \
    --yaml components/azurekeyvault.yaml -o none

# Turn Dapr on for the container app with app id orders-api if it is off (a new revision starts).
if [ "$DAPR_ENABLED" != true ]; then
  az containerapp dapr enable \
      --name "$CONTAINER_APP_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-app-id orders-api -o none
fi
# No app port: Dapr delivers no subscribed messages or input-binding events to the app. If it takes them, enter its port in the wizard.

# Verify: the grants and the components Dapr loads.
az role assignment list \
    --scope "$VAULT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
az containerapp env dapr-component show \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name azurekeyvault \
    --query properties.componentType -o tsv

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
