#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on Azure Functions on Container Apps, System-assigned identity.
# Run it with Bash after `az login`. Needs Azure CLI 2.53 or later (containerapp commands in the core CLI).
# Change values in the wizard, not here: the files this script writes were generated from them.

RESOURCE_GROUP=rg-orders
FUNCTION_APP_NAME=orders-func
ENVIRONMENT_NAME=cae-orders
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

# Check that the function app runs in a Container Apps environment with Dapr on: Dapr does not run on function apps on App Service plans.
FUNCTION_APP_ENVIRONMENT_ID=$(az functionapp show \
    --name "$FUNCTION_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query managedEnvironmentId -o tsv | tr '[:upper:]' '[:lower:]')
if [ "$FUNCTION_APP_ENVIRONMENT_ID" = '' ]; then
  echo 'The function app is not in a Container Apps environment. Dapr does not run on function apps on App Service plans: Microsoft supports the Dapr extension for Azure Functions only in Azure Container Apps. Create the function app in a Container Apps environment, turn Dapr on for it, then run this script again.' >&2
  exit 1
fi
ENVIRONMENT_ID=$(az containerapp env show \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv | tr '[:upper:]' '[:lower:]')
if [ "$FUNCTION_APP_ENVIRONMENT_ID" != "$ENVIRONMENT_ID" ]; then
  echo 'The function app runs in another Container Apps environment than the one entered in the wizard: enter its environment (and resource group) there, so the components go where the function app loads them.' >&2
  exit 1
fi
FUNCTION_APP_DAPR=$(az functionapp show \
    --name "$FUNCTION_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query daprConfig.enabled -o tsv)
if [ "$FUNCTION_APP_DAPR" != true ]; then
  echo 'Dapr is off on the function app: turn it on in the Azure portal (the function app'\''s Dapr settings) or in its template (properties.daprConfig: enabled true, appId orders-func), then run this script again.' >&2
  exit 1
fi
FUNCTION_APP_DAPR_APP_ID=$(az functionapp show \
    --name "$FUNCTION_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query daprConfig.appId -o tsv)
if [ "$FUNCTION_APP_DAPR_APP_ID" != orders-func ]; then
  echo 'The function app'\''s Dapr app id is not orders-func, the app id the components are scoped to: set it in the Azure portal (the function app'\''s Dapr settings) or in its template (properties.daprConfig: enabled true, appId orders-func), or enter the function app'\''s app id in the wizard.' >&2
  exit 1
fi

# Turn on the function app's system-assigned identity and read its principal id.
PRINCIPAL_ID=$(az functionapp identity assign \
    --name "$FUNCTION_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
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
- orders-func
YAML

# Add the component to the function app's Container Apps environment (in Container Apps' own component schema).
az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name azurekeyvault \
    --yaml components/azurekeyvault.yaml -o none
# The components load into the apps of this environment (the function app's, checked above) whose Dapr app id is in their scopes (orders-func).

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
# until then Dapr may get 403 Forbidden: if the app started before that, restart the function app:
#   az functionapp restart --name "$FUNCTION_APP_NAME" --resource-group "$RESOURCE_GROUP"
