#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on Virtual Machine Scale Set, System-assigned identity.
# Run it with Bash after `az login`. The values you entered are below; the files it writes were made from them.

SUBSCRIPTION=00000000-1111-2222-3333-444444444444
RESOURCE_GROUP=rg-orders
VMSS_NAME=vmss-orders
COMPONENT_NAME=azurekeyvault
VAULT_NAME=kv-orders

set -euo pipefail

# Work in the chosen subscription, so every name below is looked up there.
az account set --subscription "$SUBSCRIPTION"

# Turn on the scale set's system-assigned identity; its principal id comes back as systemAssignedIdentity.
PRINCIPAL_ID=$(az vmss identity assign \
    --name "$VMSS_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query systemAssignedIdentity -o tsv)

# Check that the vault uses access policies (an RBAC vault rejects them).
VAULT_ID=$(az keyvault show --name "$VAULT_NAME" --query id -o tsv)
RBAC_ENABLED=$(az keyvault show \
    --name "$VAULT_NAME" \
    --query properties.enableRbacAuthorization -o tsv)
if [ "$RBAC_ENABLED" = true ]; then
  echo 'The vault uses Azure RBAC: choose "Azure RBAC" in the wizard.' >&2
  exit 1
fi

# Add an access policy: secret permissions get and list, nothing else.
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

# Put the component where Dapr on the scale set reads it.
# Ship components/azurekeyvault.yaml to every instance (in the image or with your deployment), and start the app with it:
#   dapr run --app-id <your-app-id> --resources-path ./components -- <your app command>
# Each instance reaches the scale set's identity through the instance metadata service.

# Verify: the grant on the Key Vault.
az keyvault show \
    --name "$VAULT_NAME" \
    --query 'properties.accessPolicies[].{objectId:objectId, secrets:permissions.secrets}' -o table

# Done. Role assignments take a few minutes (up to about 10) to take effect;
# until then Dapr may get 403 Forbidden. Restart the app once if it started before that.
