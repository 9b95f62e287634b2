#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on Azure Container Instances, System-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=aci&resourceGroup=rg-orders&hostName=orders-group&location=westeurope&appId=orders-api&image=mcr.microsoft.com%2Fazuredocs%2Faci-helloworld%3Alatest&appPort=8080&m.vaultName=kv-orders
# Run it with Bash after `az login`.
# Change values in the wizard, not here: the files this script writes were generated from them.
#
# Safe to run again: each step looks before it changes (grants and assignments are made only when missing;
# identities, settings and files are written with the same values), so a second run with the same values
# changes no setting in Azure, the cluster or the databases (a step that restarts the app restarts it again).
# After a change in the wizard, a run adds what the new values need; it removes nothing the old ones made.
# To take it back: teardown-dapr-identity.sh (the wizard's Teardown tab), made from the same values.
# Dry run: DRY_RUN=1 bash setup-dapr-identity.sh prints each command that would change something instead
# of running it; the lookups and the checks before each change still run, the files are still written into
# ./components, and the closing verify step (which checks what the skipped commands make) is skipped.
#
# What it changes:
# Looks up, changes nothing:
#   - Key Vault kv-orders (resource group rg-orders)
# Identity:
#   - Turns on the system-assigned identity of the container group orders-group (resource group rg-orders).
# Grants:
#   - Azure role Key Vault Secrets User on the Key Vault kv-orders only (for azurekeyvault).
# Files written:
#   - components/azurekeyvault.yaml: the Azure Key Vault secret store component

RESOURCE_GROUP=rg-orders
CONTAINER_GROUP_NAME=orders-group
VAULT_NAME=kv-orders

set -euo pipefail

# With DRY_RUN=1 in the environment, each command that would change something is printed, not run.
run() {
  if [ "${DRY_RUN:-}" = 1 ]; then
    printf 'DRY RUN, not run:' >&2
    printf ' %q' "$@" >&2
    printf '\n' >&2
    return 0
  fi
  "$@"
}
# NAME COMMAND...: a changing command whose output is a value; a dry run uses a placeholder for it.
run_or_placeholder() {
  local name=$1
  shift
  if [ "${DRY_RUN:-}" != 1 ]; then
    "$@"
    return
  fi
  run "$@"
  printf 'DRY RUN: %s stands in as dry-run:%s\n' "$name" "$name" >&2
  printf 'dry-run:%s\n' "$name"
}
# NAME COMMAND...: a lookup of what a changing command makes; a dry run, which skipped that, may find nothing.
read_or_placeholder() {
  local name=$1 value
  shift
  if [ "${DRY_RUN:-}" != 1 ]; then
    "$@"
    return
  fi
  if value=$("$@" 2>/dev/null) && [ -n "$value" ]; then
    printf '%s\n' "$value"
  else
    printf 'DRY RUN: %s is not there before the skipped commands run; it stands in as dry-run:%s\n' "$name" "$name" >&2
    printf 'dry-run:%s\n' "$name"
  fi
}
# COMMAND...: a check of what a changing command makes; a dry run, which skipped that, may find nothing.
read_after_change() {
  if [ "${DRY_RUN:-}" != 1 ]; then
    "$@"
    return
  fi
  "$@" 2>/dev/null || printf 'DRY RUN: not there before the skipped commands run: %s\n' "$*" >&2
}

# Git Bash on Windows would rewrite arguments that start with / (scopes, resource ids) into Windows paths.
export MSYS_NO_PATHCONV=1

# Look up the resources before changing anything (Key Vault): each grant is scoped to one of them.
VAULT_ID=$(az keyvault show --name "$VAULT_NAME" --query id -o tsv)
VAULT_RBAC=$(az keyvault show \
    --name "$VAULT_NAME" \
    --query properties.enableRbacAuthorization -o tsv)
if [ "$VAULT_RBAC" != true ]; then
  echo 'The vault kv-orders uses access policies, which ignore RBAC roles: choose "Vault access policies" in the wizard. More: troubleshoot.html#kv-vault-uses-access-policies, beside the wizard'\''s page.' >&2
  exit 1
fi

# The group file replaces a group named orders-group as a whole, and Azure changes an existing group's OS type, restart policy, network profile, GPU, CPU or memory only by deleting it first: compare before anything changes (the file sets Linux, Always, no GPU or network profile, app 1 CPU and 1.5 GB, daprd 0.5 CPU and 0.5 GB).
GROUP_UPDATABLE=$(az container list \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name==`"orders-group"`].[osType==`"Linux"` && restartPolicy==`"Always"` && !subnetIds && !networkProfile && length(containers[?resources.requests.gpu]) == `0` && containers[].[name, resources.requests.cpu, resources.requests.memoryInGb || resources.requests.memoryInGB] == `[["app",1,1.5],["daprd",0.5,0.5]]`][]' -o tsv)
if [ "$GROUP_UPDATABLE" = false ]; then
  echo 'The container group orders-group exists with settings this file would change but Azure cannot change in place (OS type, restart policy, network profile, GPU, or container CPU and memory). Nothing was changed. To use this file, delete the group first (its containers stop, its IP address may change, and a system-assigned identity goes with it: the new one gets a new principal id and new grants): az container delete --name orders-group --resource-group rg-orders --yes; then run this script again. To keep the group, compare its settings with the file instead (`az container show --name orders-group --resource-group rg-orders`). More: troubleshoot.html#aci-group-settings-unchangeable, beside the wizard'\''s page.' >&2
  exit 1
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

# Encode them for the group's secret volume, which daprd reads as its folder of component files.
COMPONENT_BASE64_1=$(base64 < components/azurekeyvault.yaml | tr -d '\n')

# Write the container group: the app, the daprd sidecar, the component volume and the identity; no public IP, so the app is reached only from inside the group.
{
cat <<'YAML'
apiVersion: "2021-10-01"
location: westeurope
name: orders-group
type: Microsoft.ContainerInstance/containerGroups
tags:
  createdBy: dapr-mi-wizard
identity:
  type: SystemAssigned
properties:
  osType: Linux
  restartPolicy: Always
  containers:
  - name: app
    properties:
      image: mcr.microsoft.com/azuredocs/aci-helloworld:latest
      resources:
        requests:
          cpu: 1
          memoryInGB: 1.5
  - name: daprd
    properties:
      image: ghcr.io/dapr/daprd:1.18.3
      command:
      - /daprd
      - "--app-id"
      - orders-api
      - "--resources-path"
      - /components
      - "--app-port"
      - "8080"
      resources:
        requests:
          cpu: 0.5
          memoryInGB: 0.5
      volumeMounts:
      - name: components
        mountPath: /components
        readOnly: true
  volumes:
  - name: components
    secret:
YAML
printf '      azurekeyvault.yaml: %s\n' "$COMPONENT_BASE64_1"
} > components/container-group.yaml

# Create the group with its identity. An existing group of this name is replaced by this file as a whole: containers, ports and environment variables it does not list are removed, and all its containers restart.
# Not supported here: pulling the app image from a private Azure Container Registry. The group file has no
# imageRegistryCredentials, so the image must be public, or this create fails on the pull. ACI can pull from ACR
# with a managed identity that holds AcrPull on the registry (imageRegistryCredentials with server and identity;
# the registry needs trusted services enabled and its public access set to Selected networks or None; Windows
# containers support only a user-assigned identity for it; a system-assigned one exists only once the group does,
# too late for its first pull):
# https://learn.microsoft.com/azure/container-instances/using-azure-container-registry-mi
run az container create \
    --resource-group "$RESOURCE_GROUP" \
    --file components/container-group.yaml -o none

# Read the group's system-assigned principal id, which gets the grants.
PRINCIPAL_ID=$(read_or_placeholder PRINCIPAL_ID az container show \
    --name "$CONTAINER_GROUP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query identity.principalId -o tsv)

# Grant Key Vault Secrets User (built-in role 4633458b-17de-408a-b874-0445c86b69e6) on the Key Vault kv-orders only, for azurekeyvault, unless the identity already has it there.
VAULT_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$VAULT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/4633458b-17de-408a-b874-0445c86b69e6')].id | [0]" -o tsv)
if [ "$VAULT_ROLE_ASSIGNMENT" = '' ]; then
  run az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role 4633458b-17de-408a-b874-0445c86b69e6 \
      --scope "$VAULT_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Verify: the grants.
if [ "${DRY_RUN:-}" = 1 ]; then
  echo 'DRY RUN: the checks of what the skipped commands make are skipped too.' >&2
else
  az role assignment list \
      --scope "$VAULT_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
  # The group's state (Running once its containers have started):
  az container show \
      --name "$CONTAINER_GROUP_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query instanceView.state -o tsv
  for attempt in {1..30}; do
    if az container logs \
        --name "$CONTAINER_GROUP_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --container-name daprd | grep -F -- 'Component loaded: azurekeyvault ('; then
      break
    fi
    if [ "$attempt" = 30 ]; then
      echo 'daprd in the group did not log "Component loaded: azurekeyvault" within 10 minutes. Its line about azurekeyvault: az container logs --name orders-group --resource-group rg-orders --container-name daprd | grep -F '\''azurekeyvault ('\'' (a 403 there can mean a grant is not in effect yet: run this script again in a few minutes). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
      exit 1
    fi
    echo 'daprd has not logged "Component loaded: azurekeyvault" yet; trying again in 20 s.' >&2
    sleep 20
  done
  printf '%s\n' 'azurekeyvault: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (az container logs --name orders-group --resource-group rg-orders --container-name daprd): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
fi

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the group:
#   az container restart --name orders-group --resource-group rg-orders
