#!/usr/bin/env bash
# Dapr Managed Identity Wizard: 3 Dapr components on App Service Web App, User-assigned identity.
# Run it with Bash after `az login`.
# Change values in the wizard, not here: the files this script writes were generated from them.

RESOURCE_GROUP=rg-orders
WEBAPP_NAME=orders-web
IDENTITY_NAME=id-orders
VAULT_NAME=kv-orders
STORAGE_ACCOUNT_NAME=storders
SERVICEBUS_NAMESPACE_NAME=sb-orders

set -euo pipefail

# Look up the resources before changing anything (Key Vault, Storage account, Service Bus namespace): each grant is scoped to one of them.
VAULT_ID=$(az keyvault show --name "$VAULT_NAME" --query id -o tsv)
VAULT_RBAC=$(az keyvault show \
    --name "$VAULT_NAME" \
    --query properties.enableRbacAuthorization -o tsv)
if [ "$VAULT_RBAC" != true ]; then
  echo 'The vault kv-orders uses access policies, which ignore RBAC roles: choose "Vault access policies" in the wizard.' >&2
  exit 1
fi
STORAGE_ACCOUNT_ID=$(az storage account show --name "$STORAGE_ACCOUNT_NAME" --query id -o tsv)
SERVICEBUS_NAMESPACE_ID=$(az servicebus namespace show \
    --name "$SERVICEBUS_NAMESPACE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv)

# Create the user-assigned identity the app signs in with (an existing one is updated, not replaced).
az identity create --name "$IDENTITY_NAME" --resource-group "$RESOURCE_GROUP" -o none

# Read its ids: the principal id receives the grant, the resource id attaches it to the host, the client id tells Azure which identity the app means.
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

# Attach the identity to the web app.
az webapp identity assign \
    --name "$WEBAPP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --identities "$IDENTITY_ID" -o none

# Grant Key Vault Secrets User (built-in role 4633458b-17de-408a-b874-0445c86b69e6) on the Key Vault kv-orders only, for azurekeyvault.
az role assignment create \
    --assignee-object-id "$PRINCIPAL_ID" \
    --assignee-principal-type ServicePrincipal \
    --role 4633458b-17de-408a-b874-0445c86b69e6 \
    --scope "$VAULT_ID" -o none

# Grant Storage Blob Data Contributor (built-in role ba92f5b4-2d11-453d-a403-e96b0029c9fe) on the Storage account storders only, for statestore.
az role assignment create \
    --assignee-object-id "$PRINCIPAL_ID" \
    --assignee-principal-type ServicePrincipal \
    --role ba92f5b4-2d11-453d-a403-e96b0029c9fe \
    --scope "$STORAGE_ACCOUNT_ID" -o none

# Grant Azure Service Bus Data Sender (built-in role 69a216fc-b8fb-44d8-bc22-1f3c2cd27a39) on the Service Bus namespace sb-orders only, for pubsub.
az role assignment create \
    --assignee-object-id "$PRINCIPAL_ID" \
    --assignee-principal-type ServicePrincipal \
    --role 69a216fc-b8fb-44d8-bc22-1f3c2cd27a39 \
    --scope "$SERVICEBUS_NAMESPACE_ID" -o none

# Write the component files into ./components.
mkdir -p components
{
cat <<'YAML'
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
  - name: azureClientId
YAML
printf '    value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-web
YAML
} > components/azurekeyvault.yaml
{
cat <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: statestore
spec:
  type: state.azure.blobstorage
  version: v2
  metadata:
  - name: accountName
    value: storders
  - name: containerName
    value: state
  - name: azureClientId
YAML
printf '    value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-web
YAML
} > components/statestore.yaml
{
cat <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: pubsub
spec:
  type: pubsub.azure.servicebus.topics
  version: v1
  metadata:
  - name: namespaceName
    value: sb-orders.servicebus.windows.net
  - name: disableEntityManagement
    value: "true"
  - name: azureClientId
YAML
printf '    value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-web
YAML
} > components/pubsub.yaml

# Put the component files where Dapr on the web app reads them.
# App Service has no built-in Dapr: run daprd as a sidecar container of the app (Linux) with
#   daprd --app-id orders-web --resources-path /components
# and components/azurekeyvault.yaml, components/statestore.yaml, components/pubsub.yaml in that folder (baked into the sidecar image or mounted from Azure Files).

# Verify: the grants.
az role assignment list \
    --scope "$VAULT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
az role assignment list \
    --scope "$STORAGE_ACCOUNT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
az role assignment list \
    --scope "$SERVICEBUS_NAMESPACE_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
