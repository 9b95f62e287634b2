#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on Azure Functions (App Service), System-assigned identity.
# Run it with Bash after `az login`. The values you entered are below; the files it writes were made from them.

RESOURCE_GROUP=rg-orders
FUNCTION_APP_NAME=orders-func
COMPONENT_NAME=azurekeyvault
VAULT_NAME=kv-orders

set -euo pipefail

# Turn on the function app's system-assigned identity and read its principal id.
PRINCIPAL_ID=$(az functionapp identity assign \
    --name "$FUNCTION_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query principalId -o tsv)

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
cat > components/azurekeyvault.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: azurekeyvault
spec:
  type: secretstores.azure.keyvault
  version: v1
  metadata:
  - name: vaultName
    value: kv-orders
scopes:
- orders-func
YAML

# Put the component where Dapr on the function app reads it.
# App Service has no built-in Dapr: run daprd as a sidecar container of the app with
#   daprd --app-id orders-func --resources-path /components
# and components/azurekeyvault.yaml in that folder (baked into the sidecar image or mounted from Azure Files).

# Verify: the grant on the Key Vault.
az role assignment list \
    --assignee "$PRINCIPAL_ID" \
    --scope "$VAULT_ID" \
    --query '[].roleDefinitionName' -o tsv

# Done. Role assignments take a few minutes (up to about 10) to take effect;
# until then Dapr may get 403 Forbidden. Restart the app once if it started before that.
