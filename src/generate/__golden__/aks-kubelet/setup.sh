#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on Azure Kubernetes Service (AKS), Node pool's kubelet identity.
# Run it with Bash after `az login`. The values you entered are below; the files it writes were made from them.

RESOURCE_GROUP=rg-orders
CLUSTER_NAME=aks-prod
NAMESPACE=orders
COMPONENT_NAME=azurekeyvault
VAULT_NAME=kv-orders

set -euo pipefail

# Read the node pool's kubelet identity (AKS manages it): its principal id gets the grant.
PRINCIPAL_ID=$(az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query identityProfile.kubeletidentity.objectId -o tsv)
CLIENT_ID=$(az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query identityProfile.kubeletidentity.clientId -o tsv)

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

# Point kubectl at the cluster.
az aks get-credentials --name "$CLUSTER_NAME" --resource-group "$RESOURCE_GROUP"

# Create the namespace if it does not exist yet.
kubectl create namespace "$NAMESPACE" --dry-run=client -o yaml | kubectl apply -f -

# Apply the component in the namespace.
kubectl apply -f components/azurekeyvault.yaml
# Then add to your Deployment's pod template what deployment-patch.yaml in the Kubernetes tab shows:
# the Dapr annotations.

# Verify: the grant on the Key Vault and the component Dapr loads.
az role assignment list \
    --assignee "$PRINCIPAL_ID" \
    --scope "$VAULT_ID" \
    --query '[].roleDefinitionName' -o tsv
kubectl get components.dapr.io "$COMPONENT_NAME" --namespace "$NAMESPACE"

# Done. Role assignments take a few minutes (up to about 10) to take effect;
# until then Dapr may get 403 Forbidden. Restart the app once if it started before that.
