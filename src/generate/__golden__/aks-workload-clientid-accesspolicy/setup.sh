#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on Azure Kubernetes Service (AKS), Microsoft Entra Workload ID (recommended).
# Run it with Bash after `az login`. The values you entered are below; the files it writes were made from them.

SUBSCRIPTION='Contoso Production'
RESOURCE_GROUP=rg-orders
CLUSTER_NAME=aks-prod
IDENTITY_NAME=id-orders
NAMESPACE=default
SERVICE_ACCOUNT=orders-api
FEDERATED_CREDENTIAL_NAME=dapr-default-orders-api
COMPONENT_NAME=azurekeyvault
VAULT_NAME=kv-orders

set -euo pipefail

# Work in the chosen subscription, so every name below is looked up there.
az account set --subscription "$SUBSCRIPTION"

# Create the user-assigned identity the app signs in with (an existing one is updated, not replaced).
az identity create --name "$IDENTITY_NAME" --resource-group "$RESOURCE_GROUP" -o none

# Read its ids: the principal id receives the grant.
PRINCIPAL_ID=$(az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query principalId -o tsv)

# Turn on the OIDC issuer and Workload ID, so pods can trade ServiceAccount tokens for Entra tokens.
az aks update \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --enable-oidc-issuer \
    --enable-workload-identity -o none

# Read the cluster's OIDC issuer URL: the federated credential trusts the tokens it signs.
OIDC_ISSUER=$(az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query oidcIssuerProfile.issuerUrl -o tsv)

# Let exactly this ServiceAccount sign in as the identity (a federated credential).
az identity federated-credential create \
    --name "$FEDERATED_CREDENTIAL_NAME" \
    --identity-name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --issuer "$OIDC_ISSUER" \
    --subject "system:serviceaccount:${NAMESPACE}:${SERVICE_ACCOUNT}" \
    --audiences api://AzureADTokenExchange -o none

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

# Write the component file and the ServiceAccount into ./components.
mkdir -p components
cat > components/azurekeyvault.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: azurekeyvault
  namespace: default
spec:
  type: secretstores.azure.keyvault
  version: v1
  metadata:
  - name: vaultName
    value: kv-orders
scopes:
- orders-api
YAML
cat > components/serviceaccount.yaml <<'YAML'
apiVersion: v1
kind: ServiceAccount
metadata:
  name: orders-api
  namespace: default
  annotations:
    azure.workload.identity/client-id: 6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b
YAML

# Point kubectl at the cluster.
az aks get-credentials --name "$CLUSTER_NAME" --resource-group "$RESOURCE_GROUP"

# Apply the ServiceAccount and the component in the namespace.
kubectl apply -f components/serviceaccount.yaml
kubectl apply -f components/azurekeyvault.yaml
# Then add to your Deployment's pod template what deployment-patch.yaml in the Kubernetes tab shows:
# the label azure.workload.identity/use: "true", serviceAccountName, and the Dapr annotations.

# Verify: the grant on the Key Vault and the component Dapr loads.
az keyvault show \
    --name "$VAULT_NAME" \
    --query 'properties.accessPolicies[].{objectId:objectId, secrets:permissions.secrets}' -o table
kubectl get components.dapr.io "$COMPONENT_NAME" --namespace "$NAMESPACE"

# Done. Role assignments take a few minutes (up to about 10) to take effect;
# until then Dapr may get 403 Forbidden. Restart the app once if it started before that.
