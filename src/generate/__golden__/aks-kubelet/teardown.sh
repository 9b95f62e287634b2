#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of Azure Key Vault secret store on Azure Kubernetes Service (AKS), Node pool's kubelet identity.
# Takes back what setup-dapr-identity.sh added, in reverse order, and only what it can tell the setup made.
# Safe to run again: every step looks before it removes.
# Run it with Bash after `az login`.

RESOURCE_GROUP=rg-orders
CLUSTER_NAME=aks-prod
NAMESPACE=orders
VAULT_NAME=kv-orders

set -euo pipefail

# Git Bash on Windows would rewrite arguments that start with / (scopes, resource ids) into Windows paths.
export MSYS_NO_PATHCONV=1

# Look up the resources whose role assignments the setup made: each is scoped to one of them.
VAULT_ID=$(az keyvault show --name "$VAULT_NAME" --query id -o tsv)

# Point kubectl at the cluster.
az aks get-credentials \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --overwrite-existing

# Read the node pool's kubelet identity (AKS made it, and it stays): the grants below are looked up by it.
PRINCIPAL_ID=$(az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query identityProfile.kubeletidentity.objectId -o tsv)

# Remove Key Vault Secrets User on the Key Vault kv-orders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  VAULT_ROLE_ASSIGNMENT=$(az role assignment list \
      --scope "$VAULT_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/4633458b-17de-408a-b874-0445c86b69e6') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
  if [ "$VAULT_ROLE_ASSIGNMENT" != '' ]; then
    az role assignment delete --ids "$VAULT_ROLE_ASSIGNMENT"
  fi
fi

# Delete the component the setup applied.
kubectl delete components.dapr.io azurekeyvault --namespace "$NAMESPACE" --ignore-not-found
# The setup did not change your Deployment: you merged components/deployment-patch.yaml into it. To take that back
# (its pods restart; a path that is not there makes kubectl stop, so drop those first):
#   kubectl patch deployment <your-deployment> --namespace "$NAMESPACE" --type json -p '[{"op":"remove","path":"/spec/template/metadata/annotations/dapr.io~1enabled"},{"op":"remove","path":"/spec/template/metadata/annotations/dapr.io~1app-id"}]'
# Kept: the namespace (other workloads may use it).

# Done. Running it again finds nothing left to remove and changes nothing.
# Kept on purpose: the Azure resources themselves, and any grant the setup did not make (a role assignment
# without the description "Created by the Dapr Managed Identity Wizard", an access policy with more permissions).
