#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on Azure Kubernetes Service (AKS), Node pool's kubelet identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=aks&aksIdentity=kubelet&resourceGroup=rg-orders&hostName=aks-prod&namespace=orders&appId=orders-api&m.vaultName=kv-orders
# Run it with Bash after `az login`.
# Change values in the wizard, not here: the files this script writes were generated from them.
#
# Safe to run again: each step looks before it changes (grants and assignments are made only when missing;
# identities, settings and files are written with the same values), so a second run with the same values
# changes no setting in Azure, the cluster or the databases (a step that restarts the app restarts it again).
# After a change in the wizard, a run adds what the new values need; it removes nothing the old ones made.
# Dry run: DRY_RUN=1 bash setup-dapr-identity.sh prints each command that would change something instead
# of running it; the lookups and checks still run, and the files are still written into ./components.
#
# What it changes:
# Looks up, changes nothing:
#   - Key Vault kv-orders (resource group rg-orders)
# Identity:
#   - Uses the node pool's kubelet identity of the AKS cluster aks-prod (resource group rg-orders), which AKS created; nothing is attached.
# Grants:
#   - Azure role Key Vault Secrets User on the Key Vault kv-orders only (for azurekeyvault).
# Files written:
#   - components/azurekeyvault.yaml: the Azure Key Vault secret store component

RESOURCE_GROUP=rg-orders
CLUSTER_NAME=aks-prod
NAMESPACE=orders
VAULT_NAME=kv-orders

set -euo pipefail

# DRY_RUN=1 bash setup-dapr-identity.sh: each command that would change something is printed, not run.
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
  echo 'The vault kv-orders uses access policies, which ignore RBAC roles: choose "Vault access policies" in the wizard.' >&2
  exit 1
fi

# Point kubectl at the cluster, and check that Dapr is installed (the Component resource type exists).
az aks get-credentials \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --overwrite-existing
kubectl get crd components.dapr.io -o name
# If that fails, install Dapr first (the AKS Dapr extension, or Helm):
#   az k8s-extension create --cluster-type managedClusters --cluster-name "$CLUSTER_NAME" \
#     --resource-group "$RESOURCE_GROUP" --name dapr --extension-type Microsoft.Dapr

# Read the node pool's kubelet identity (AKS created it): its principal id gets the grant.
PRINCIPAL_ID=$(az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query identityProfile.kubeletidentity.objectId -o tsv)
CLIENT_ID=$(az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query identityProfile.kubeletidentity.clientId -o tsv)

# Grant Key Vault Secrets User (built-in role 4633458b-17de-408a-b874-0445c86b69e6) on the Key Vault kv-orders only, for azurekeyvault, unless the identity already has it there.
VAULT_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$VAULT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/4633458b-17de-408a-b874-0445c86b69e6')].id | [0]" -o tsv)
if [ "$VAULT_ROLE_ASSIGNMENT" = '' ]; then
  run az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role 4633458b-17de-408a-b874-0445c86b69e6 \
      --scope "$VAULT_ID" -o none
fi

# Write the component file and the Deployment patch into ./components.
mkdir -p components
{
cat <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: azurekeyvault
  namespace: orders
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
cat > components/deployment-patch.yaml <<'YAML'
spec:
  template:
    metadata:
      annotations:
        dapr.io/enabled: "true"
        dapr.io/app-id: orders-api
YAML

# Create the namespace if it does not exist yet.
NAMESPACE_FOUND=$(kubectl get namespace "$NAMESPACE" -o name --ignore-not-found)
if [ "$NAMESPACE_FOUND" = '' ]; then
  run kubectl create namespace "$NAMESPACE"
fi

# Apply the component in the namespace.
run kubectl apply -f components/azurekeyvault.yaml
# Then merge components/deployment-patch.yaml into your app's Deployment (its pods restart with it):
#   kubectl patch deployment <your-deployment> --namespace "$NAMESPACE" --patch-file components/deployment-patch.yaml

# Verify: the grants and the components Dapr loads.
read_after_change az role assignment list \
    --scope "$VAULT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
read_after_change kubectl get components.dapr.io azurekeyvault --namespace "$NAMESPACE"

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
