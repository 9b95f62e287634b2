#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on Virtual Machine Scale Set, System-assigned identity.
# Run it with Bash after `az login`.
# Change values in the wizard, not here: the files this script writes were generated from them.

SUBSCRIPTION=00000000-1111-2222-3333-444444444444
RESOURCE_GROUP=rg-orders
VMSS_NAME=vmss-orders
VAULT_NAME=kv-orders

set -euo pipefail

# Work in the chosen subscription, so every name below is looked up there.
az account set --subscription "$SUBSCRIPTION"

# Look up the resources before changing anything (Key Vault): each grant is scoped to one of them.
VAULT_RBAC=$(az keyvault show \
    --name "$VAULT_NAME" \
    --query properties.enableRbacAuthorization -o tsv)
if [ "$VAULT_RBAC" = true ]; then
  echo 'The vault kv-orders uses Azure RBAC: choose "Azure RBAC" in the wizard.' >&2
  exit 1
fi

# Turn on the scale set's system-assigned identity; its principal id comes back as systemAssignedIdentity.
PRINCIPAL_ID=$(az vmss identity assign \
    --name "$VMSS_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query systemAssignedIdentity -o tsv)

# Add an access policy on the Key Vault kv-orders with --secret-permissions get list, nothing more, for azurekeyvault.
az keyvault set-policy \
    --name "$VAULT_NAME" \
    --object-id "$PRINCIPAL_ID" \
    --secret-permissions get list -o none

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
YAML

# Put the component file where Dapr on the scale set reads it.
# Ship components/azurekeyvault.yaml to every instance (in the image or with your deployment), and start the app with Dapr:
#   dapr run --app-id <your-app-id> --resources-path ./components -- <your app command>
# Each instance finds the scale set's identity through the instance metadata service.

# Verify: the grants.
az keyvault show \
    --name "$VAULT_NAME" \
    --query "properties.accessPolicies[?objectId=='${PRINCIPAL_ID}'].permissions.secrets[]" -o tsv

# Done. A new access policy can take a minute or two to apply;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
