#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on Azure Container Apps, User-assigned identity.
# Run it with Bash after `az login`. The values you entered are below; the files it writes were made from them.

RESOURCE_GROUP=rg-orders
CONTAINER_APP_NAME=orders-api
ENVIRONMENT_NAME=env-orders
LOCATION=westeurope
IDENTITY_NAME=id-orders
COMPONENT_NAME=azurekeyvault
VAULT_NAME=kv-orders

set -euo pipefail

# Create the user-assigned identity the app signs in with (an existing one is updated, not replaced).
az identity create \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --location "$LOCATION" -o none

# Read its ids: the principal id receives the grant, the resource id attaches it to the host, the client id tells the app which identity to use.
IDENTITY_ID=$(az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv)
PRINCIPAL_ID=$(az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query principalId -o tsv)
CLIENT_ID=$(az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query clientId -o tsv)

# Attach the identity to the container app.
az containerapp identity assign \
    --name "$CONTAINER_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --user-assigned "$IDENTITY_ID" -o none

# Look up the vault's resource id (the grant's scope) and check that it uses Azure RBAC.
VAULT_ID=$(az keyvault show --name "$VAULT_NAME" --query id -o tsv)
RBAC_ENABLED=$(az keyvault show \
    --name "$VAULT_NAME" \
    --query properties.enableRbacAuthorization -o tsv)
if [ "$RBAC_ENABLED" != true ]; then
  echo 'The vault uses access policies, which ignore RBAC roles: choose "Access policies" in the wizard.' >&2
  exit 1
fi

# Grant Key Vault Secrets User (built-in role 4633458b-17de-408a-b874-0445c86b69e6): read secrets, on this vault only.
az role assignment create \
    --assignee-object-id "$PRINCIPAL_ID" \
    --assignee-principal-type ServicePrincipal \
    --role 4633458b-17de-408a-b874-0445c86b69e6 \
    --scope "$VAULT_ID" -o none

# Write the component file into ./components.
mkdir -p components
{
cat <<'YAML'
componentType: secretstores.azure.keyvault
version: v1
metadata:
- name: vaultName
  value: kv-orders
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/azurekeyvault.yaml

# Add the component to the Container Apps environment (ACA's own component schema).
az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name "$COMPONENT_NAME" \
    --yaml components/azurekeyvault.yaml -o none

# Verify: the grant on the Key Vault and the component Dapr loads.
az role assignment list \
    --assignee "$PRINCIPAL_ID" \
    --scope "$VAULT_ID" \
    --query '[].roleDefinitionName' -o tsv
az containerapp env dapr-component show \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name "$COMPONENT_NAME" \
    --query properties.metadata -o table

# Done. Role assignments take a few minutes (up to about 10) to take effect;
# until then Dapr may get 403 Forbidden. Restart the app once if it started before that.
