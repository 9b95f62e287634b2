#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on Virtual Machine, System-assigned identity.
# Run it with Bash after `az login`. The values you entered are below; the files it writes were made from them.

RESOURCE_GROUP=rg-orders
VM_NAME=vm-orders
COMPONENT_NAME=azurekeyvault
VAULT_NAME=kv-orders

set -euo pipefail

# Turn on the VM's system-assigned identity; its principal id comes back as systemAssignedIdentity.
PRINCIPAL_ID=$(az vm identity assign \
    --name "$VM_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query systemAssignedIdentity -o tsv)

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
- orders-api
YAML

# Put the component where Dapr on the VM reads it.
# Copy components/azurekeyvault.yaml to the VM into the folder Dapr reads, and start the app with it:
#   dapr run --app-id orders-api --resources-path ./components -- <your app command>
# Dapr reaches the VM's identity through the instance metadata service; nothing else to configure.

# Verify: the grant on the Key Vault.
az role assignment list \
    --assignee "$PRINCIPAL_ID" \
    --scope "$VAULT_ID" \
    --query '[].roleDefinitionName' -o tsv

# Done. Role assignments take a few minutes (up to about 10) to take effect;
# until then Dapr may get 403 Forbidden. Restart the app once if it started before that.
