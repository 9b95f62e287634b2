#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on Azure Kubernetes Service (AKS), Microsoft Entra Workload ID (recommended).
# Run it with Bash after `az login`. Needs Azure CLI 2.47 or later (--enable-workload-identity).
# Change values in the wizard, not here: the files this script writes were generated from them.

SUBSCRIPTION='Contoso Production'
RESOURCE_GROUP=rg-orders
CLUSTER_NAME=aks-prod
IDENTITY_NAME=id-orders
NAMESPACE=default
SERVICE_ACCOUNT=orders-api
FEDERATED_CREDENTIAL_NAME=dapr-default-orders-api
VAULT_NAME=kv-orders

set -euo pipefail

# Git Bash on Windows would rewrite arguments that start with / (scopes, resource ids) into Windows paths.
export MSYS_NO_PATHCONV=1

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

# Point kubectl at the cluster, and check that Dapr is installed (the Component resource type exists).
az aks get-credentials \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --overwrite-existing
kubectl get crd components.dapr.io -o name
# If that fails, install Dapr first (the AKS Dapr extension, or Helm):
#   az k8s-extension create --cluster-type managedClusters --cluster-name "$CLUSTER_NAME" \
#     --resource-group "$RESOURCE_GROUP" --name dapr --extension-type Microsoft.Dapr

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

# Read its ids: the principal id receives the grant, the client id tells Azure which identity the app means.
PRINCIPAL_ID=$(az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query principalId -o tsv)
CLIENT_ID=$(az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query clientId -o tsv)
if [ "$CLIENT_ID" != 6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b ]; then
  echo 'The client id entered in the wizard is not this identity'\''s: correct it there, or leave it empty.' >&2
  exit 1
fi

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

# Add an access policy on the Key Vault kv-orders with --secret-permissions get list, nothing more, for azurekeyvault.
az keyvault set-policy \
    --name "$VAULT_NAME" \
    --object-id "$PRINCIPAL_ID" \
    --secret-permissions get list -o none

# Write the component file, the ServiceAccount and the Deployment patch into ./components.
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
cat > components/deployment-patch.yaml <<'YAML'
spec:
  template:
    metadata:
      labels:
        azure.workload.identity/use: "true"
      annotations:
        dapr.io/enabled: "true"
        dapr.io/app-id: orders-api
    spec:
      serviceAccountName: orders-api
YAML

# Apply the ServiceAccount and the component in the namespace.
kubectl apply -f components/serviceaccount.yaml
kubectl apply -f components/azurekeyvault.yaml
# Then merge components/deployment-patch.yaml into your app's Deployment (its pods restart with it):
#   kubectl patch deployment <your-deployment> --namespace "$NAMESPACE" --patch-file components/deployment-patch.yaml

# Verify: the grants and the components Dapr loads.
az keyvault show \
    --name "$VAULT_NAME" \
    --query "properties.accessPolicies[?objectId=='${PRINCIPAL_ID}'].permissions.secrets[]" -o tsv
kubectl get components.dapr.io azurekeyvault --namespace "$NAMESPACE"

# Done. A new access policy can take a minute or two to apply;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
