#!/usr/bin/env bash
# Dapr Managed Identity Wizard: 7 Dapr components on Azure Kubernetes Service (AKS), Microsoft Entra Workload ID (recommended).
# Run it with Bash after `az login`. Needs Azure CLI 2.47 or later (--enable-workload-identity).
# Change values in the wizard, not here: the files this script writes were generated from them.

RESOURCE_GROUP=rg-orders
CLUSTER_NAME=aks-prod
IDENTITY_NAME=id-orders
NAMESPACE=orders
SERVICE_ACCOUNT=orders-api
FEDERATED_CREDENTIAL_NAME=dapr-orders-orders-api
VAULT_NAME=kv-orders
VAULT_2_NAME=kv-keys
STORAGE_ACCOUNT_NAME=storders
STORAGE_ACCOUNT_2_NAME=stuploads

set -euo pipefail

# Git Bash on Windows would rewrite arguments that start with / (scopes, resource ids) into Windows paths.
export MSYS_NO_PATHCONV=1

# Look up the resources before changing anything (Key Vault, Storage account): each grant is scoped to one of them.
VAULT_ID=$(az keyvault show --name "$VAULT_NAME" --query id -o tsv)
VAULT_RBAC=$(az keyvault show \
    --name "$VAULT_NAME" \
    --query properties.enableRbacAuthorization -o tsv)
if [ "$VAULT_RBAC" != true ]; then
  echo 'The vault kv-orders uses access policies, which ignore RBAC roles: choose "Vault access policies" in the wizard.' >&2
  exit 1
fi
VAULT_2_RBAC=$(az keyvault show \
    --name "$VAULT_2_NAME" \
    --query properties.enableRbacAuthorization -o tsv)
if [ "$VAULT_2_RBAC" = true ]; then
  echo 'The vault kv-keys uses Azure RBAC: choose "Azure RBAC" in the wizard.' >&2
  exit 1
fi
STORAGE_ACCOUNT_ID=$(az storage account show --name "$STORAGE_ACCOUNT_NAME" --query id -o tsv)
STORAGE_ACCOUNT_2_ID=$(az storage account show --name "$STORAGE_ACCOUNT_2_NAME" --query id -o tsv)

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

# Add an access policy on the Key Vault kv-keys with --key-permissions get encrypt decrypt wrapKey unwrapKey sign verify, nothing more, for azurekeyvault-crypto.
az keyvault set-policy \
    --name "$VAULT_2_NAME" \
    --object-id "$PRINCIPAL_ID" \
    --key-permissions get encrypt decrypt wrapKey unwrapKey sign verify -o none

# Grant Storage Blob Data Contributor (built-in role ba92f5b4-2d11-453d-a403-e96b0029c9fe) on the Storage account storders only, for statestore, statestore-v1, unless the identity already has it there.
STORAGE_ACCOUNT_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$STORAGE_ACCOUNT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/ba92f5b4-2d11-453d-a403-e96b0029c9fe')].id | [0]" -o tsv)
if [ "$STORAGE_ACCOUNT_ROLE_ASSIGNMENT" = '' ]; then
  az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role ba92f5b4-2d11-453d-a403-e96b0029c9fe \
      --scope "$STORAGE_ACCOUNT_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Grant Storage Blob Data Contributor (built-in role ba92f5b4-2d11-453d-a403-e96b0029c9fe) on the Storage account stuploads only, for blob-binding, unless the identity already has it there.
STORAGE_ACCOUNT_2_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$STORAGE_ACCOUNT_2_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/ba92f5b4-2d11-453d-a403-e96b0029c9fe')].id | [0]" -o tsv)
if [ "$STORAGE_ACCOUNT_2_ROLE_ASSIGNMENT" = '' ]; then
  az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role ba92f5b4-2d11-453d-a403-e96b0029c9fe \
      --scope "$STORAGE_ACCOUNT_2_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Grant Storage Table Data Contributor (built-in role 0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3) on the Storage account storders only, for tablestate, unless the identity already has it there.
STORAGE_ACCOUNT_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$STORAGE_ACCOUNT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')].id | [0]" -o tsv)
if [ "$STORAGE_ACCOUNT_ROLE_ASSIGNMENT" = '' ]; then
  az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role 0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3 \
      --scope "$STORAGE_ACCOUNT_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Grant Storage Queue Data Contributor (built-in role 974c5e8b-45b9-4653-ba55-5f855dd0fb88) on the Storage account storders only, for queue-binding, unless the identity already has it there.
STORAGE_ACCOUNT_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$STORAGE_ACCOUNT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/974c5e8b-45b9-4653-ba55-5f855dd0fb88')].id | [0]" -o tsv)
if [ "$STORAGE_ACCOUNT_ROLE_ASSIGNMENT" = '' ]; then
  az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role 974c5e8b-45b9-4653-ba55-5f855dd0fb88 \
      --scope "$STORAGE_ACCOUNT_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Write the component files, the ServiceAccount and the Deployment patch into ./components.
mkdir -p components
cat > components/azurekeyvault.yaml <<'YAML'
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
scopes:
- orders-api
YAML
cat > components/azurekeyvault-crypto.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: azurekeyvault-crypto
  namespace: orders
spec:
  type: crypto.azure.keyvault
  version: v1
  metadata:
  - name: vaultName
    value: kv-keys
scopes:
- orders-api
YAML
cat > components/statestore.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: statestore
  namespace: orders
spec:
  type: state.azure.blobstorage
  version: v2
  metadata:
  - name: accountName
    value: storders
  - name: containerName
    value: state
scopes:
- orders-api
YAML
cat > components/statestore-v1.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: statestore-v1
  namespace: orders
spec:
  type: state.azure.blobstorage
  version: v1
  metadata:
  - name: accountName
    value: storders
  - name: containerName
    value: statev1
scopes:
- orders-api
YAML
cat > components/blob-binding.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: blob-binding
  namespace: orders
spec:
  type: bindings.azure.blobstorage
  version: v1
  metadata:
  - name: accountName
    value: stuploads
  - name: containerName
    value: uploads
scopes:
- orders-api
YAML
cat > components/tablestate.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: tablestate
  namespace: orders
spec:
  type: state.azure.tablestorage
  version: v1
  metadata:
  - name: accountName
    value: storders
  - name: tableName
    value: orders
scopes:
- orders-api
YAML
cat > components/queue-binding.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: queue-binding
  namespace: orders
spec:
  type: bindings.azure.storagequeues
  version: v1
  metadata:
  - name: accountName
    value: storders
  - name: queueName
    value: jobs
scopes:
- orders-api
YAML
{
cat <<'YAML'
apiVersion: v1
kind: ServiceAccount
metadata:
  name: orders-api
  namespace: orders
  annotations:
YAML
printf '    azure.workload.identity/client-id: %s\n' "$CLIENT_ID"
} > components/serviceaccount.yaml
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

# Create the namespace if it does not exist yet.
kubectl create namespace "$NAMESPACE" --dry-run=client -o yaml | kubectl apply -f -

# Apply the ServiceAccount and the components in the namespace.
kubectl apply -f components/serviceaccount.yaml
kubectl apply -f components/azurekeyvault.yaml
kubectl apply -f components/azurekeyvault-crypto.yaml
kubectl apply -f components/statestore.yaml
kubectl apply -f components/statestore-v1.yaml
kubectl apply -f components/blob-binding.yaml
kubectl apply -f components/tablestate.yaml
kubectl apply -f components/queue-binding.yaml
# Then merge components/deployment-patch.yaml into your app's Deployment (its pods restart with it):
#   kubectl patch deployment <your-deployment> --namespace "$NAMESPACE" --patch-file components/deployment-patch.yaml

# Verify: the grants and the components Dapr loads.
az role assignment list \
    --scope "$VAULT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
az keyvault show \
    --name "$VAULT_2_NAME" \
    --query "properties.accessPolicies[?objectId=='${PRINCIPAL_ID}'].permissions.keys[]" -o tsv
az role assignment list \
    --scope "$STORAGE_ACCOUNT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
az role assignment list \
    --scope "$STORAGE_ACCOUNT_2_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
kubectl get components.dapr.io azurekeyvault --namespace "$NAMESPACE"
kubectl get components.dapr.io azurekeyvault-crypto --namespace "$NAMESPACE"
kubectl get components.dapr.io statestore --namespace "$NAMESPACE"
kubectl get components.dapr.io statestore-v1 --namespace "$NAMESPACE"
kubectl get components.dapr.io blob-binding --namespace "$NAMESPACE"
kubectl get components.dapr.io tablestate --namespace "$NAMESPACE"
kubectl get components.dapr.io queue-binding --namespace "$NAMESPACE"

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
