#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on Virtual Machine, User-assigned identity.
# Run it with Bash after `az login`.
# Change values in the wizard, not here: the files this script writes were generated from them.

RESOURCE_GROUP=rg-orders
VM_NAME=vm-orders
IDENTITY_NAME=id-orders
VAULT_NAME=kv-orders

set -euo pipefail

# Git Bash on Windows would rewrite arguments that start with / (scopes, resource ids) into Windows paths.
export MSYS_NO_PATHCONV=1

# Look up the resources before changing anything (Key Vault): each grant is scoped to one of them.
VAULT_RBAC=$(az keyvault show \
    --name "$VAULT_NAME" \
    --query properties.enableRbacAuthorization -o tsv)
if [ "$VAULT_RBAC" = true ]; then
  echo 'The vault kv-orders uses Azure RBAC: choose "Azure RBAC" in the wizard.' >&2
  exit 1
fi

# Create the user-assigned identity the app signs in with, unless it exists; the tag tells the teardown the setup made it (an existing one is kept untagged, and the teardown keeps it).
IDENTITY_FOUND=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].id | [0]" -o tsv)
if [ "$IDENTITY_FOUND" = '' ]; then
  az identity create \
      --name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --tags createdBy=dapr-mi-wizard -o none
fi

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

# Attach the identity to the VM.
az vm identity assign \
    --name "$VM_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --identities "$IDENTITY_ID" -o none

# Add an access policy on the Key Vault kv-orders with --secret-permissions get list, nothing more, for azurekeyvault.
az keyvault set-policy \
    --name "$VAULT_NAME" \
    --object-id "$PRINCIPAL_ID" \
    --secret-permissions get list -o none

# Write the component file into ./components.
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
- orders-api
YAML
} > components/azurekeyvault.yaml

# Put the component file where Dapr on the VM reads it.
# Install Dapr on the VM once, if it is not there yet: the Dapr CLI, then
#   dapr init          # needs Docker: runs Dapr's services, Redis and Zipkin as containers
#   dapr init --slim   # without Docker: installs only daprd and placement
# --resources-path makes Dapr load the files in ./components only, not the defaults dapr init writes.
# Copy components/azurekeyvault.yaml to the VM, into a components folder beside the app, and start the app with Dapr:
#   dapr run --app-id orders-api --resources-path ./components -- <your app command>
# Dapr finds the VM's identity through the instance metadata service; nothing else to set.

# Verify: the grants.
az keyvault show \
    --name "$VAULT_NAME" \
    --query "properties.accessPolicies[?objectId=='${PRINCIPAL_ID}'].permissions.secrets[]" -o tsv

# Done. A new access policy can take a minute or two to apply;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
