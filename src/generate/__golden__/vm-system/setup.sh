#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on Virtual Machine, System-assigned identity.
# Run it with Bash after `az login`.
# Change values in the wizard, not here: the files this script writes were generated from them.

RESOURCE_GROUP=rg-orders
VM_NAME=vm-orders
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

# Turn on the VM's system-assigned identity; its principal id comes back as systemAssignedIdentity.
PRINCIPAL_ID=$(az vm identity assign \
    --name "$VM_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query systemAssignedIdentity -o tsv)

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

# Put the component file where Dapr on the VM reads it.
# Install Dapr on the VM once, if it is not there yet: the Dapr CLI, then
#   dapr init          # needs Docker: runs Dapr's services, Redis and Zipkin as containers
#   dapr init --slim   # without Docker: installs only daprd and placement
# --resources-path makes Dapr load the files in ./components only, not the defaults dapr init writes.
# Copy components/azurekeyvault.yaml to the VM, into a components folder beside the app, and start the app with Dapr:
#   dapr run --app-id orders-api --resources-path ./components -- <your app command>
# Dapr finds the VM's identity through the instance metadata service; nothing else to set.

# Verify: the grants.
az role assignment list \
    --scope "$VAULT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
