#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on Virtual Machine Scale Set, User-assigned identity.
# Run it with Bash after `az login`.
# Change values in the wizard, not here: the files this script writes were generated from them.

RESOURCE_GROUP=rg-orders
VMSS_NAME=vmss-orders
IDENTITY_NAME=id-orders
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

# Read the scale set's upgrade policy (Automatic, Rolling or Manual): it decides how the identity reaches the instances that already run.
UPGRADE_MODE=$(az vmss show \
    --name "$VMSS_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query upgradePolicy.mode -o tsv)

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

# Attach the identity to the scale set.
az vmss identity assign \
    --name "$VMSS_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --identities "$IDENTITY_ID" -o none

# Give the instances that already run the identity. Automatic and Rolling policies apply it themselves (Automatic may update every instance at once, Rolling in batches); with Manual only new instances get it until each instance is updated:
if [ "$UPGRADE_MODE" = Manual ]; then
  # update-instances brings every instance to the scale set's latest model: the identity, and any other
  # change still waiting in the model (an OS image or VM size change restarts or reimages the instance).
  # Whether the identity change alone restarts an instance is not documented; plan for a restart.
  # On Flexible orchestration instances are named, and whether "*" reaches them all is not confirmed:
  # check with the verify line below.
  az vmss update-instances \
      --name "$VMSS_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --instance-ids '*' -o none
fi

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

# Put the component file where Dapr on the scale set reads it.
# Install Dapr on every instance (in the image or with your deployment) once, if it is not there yet: the Dapr CLI, then
#   dapr init          # needs Docker: runs Dapr's services, Redis and Zipkin as containers
#   dapr init --slim   # without Docker: installs only daprd and placement
# --resources-path makes Dapr load the files in ./components only, not the defaults dapr init writes.
# Ship components/azurekeyvault.yaml to every instance the same way, and start the app with Dapr:
#   dapr run --app-id orders-api --resources-path ./components -- <your app command>
# Each instance finds the scale set's identity through the instance metadata service.

# Verify: the grants.
az role assignment list \
    --scope "$VAULT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
# Instances not yet on the latest model (so still without the identity, Uniform orchestration):
#   az vmss list-instances --name "$VMSS_NAME" --resource-group "$RESOURCE_GROUP" --query '[?!latestModelApplied].instanceId' -o tsv

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
