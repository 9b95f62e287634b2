#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure SQL state store and Azure Key Vault secret store on Azure Kubernetes Service (AKS), Microsoft Entra Workload ID (recommended).
# Run it with Bash after `az login`. Needs Azure CLI 2.47 or later (--enable-workload-identity).
# Change values in the wizard, not here: the files this script writes were generated from them.

RESOURCE_GROUP=rg-orders
CLUSTER_NAME=aks-prod
IDENTITY_NAME=id-orders
NAMESPACE=orders
SERVICE_ACCOUNT=orders-api
FEDERATED_CREDENTIAL_NAME=dapr-orders-orders-api
SQL_SERVER_NAME=sql-orders
VAULT_NAME=kv-orders

set -euo pipefail

# Git Bash on Windows would rewrite arguments that start with / (scopes, resource ids) into Windows paths.
export MSYS_NO_PATHCONV=1

# Look up the resources before changing anything (Azure SQL server, Key Vault): each grant is scoped to one of them.
az sql server show --name "$SQL_SERVER_NAME" --resource-group "$RESOURCE_GROUP" -o none
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

# Read the Dapr release the cluster runs (the sidecar injector's image tag): state.sqlserver v2 is registered from Dapr 1.17.
DAPR_VERSION=$(kubectl get deployment dapr-sidecar-injector \
    --namespace dapr-system -o 'jsonpath={.spec.template.spec.containers[0].image}' | sed -nE 's/^.*:v?([0-9]+[.][0-9]+[.][0-9]+)[^:/]*$/\1/p')
if ! [[ "$DAPR_VERSION" =~ ^[0-9]+(\.[0-9]+)*(-[0-9A-Za-z.]+)?$ ]]; then
  echo 'Could not read the Dapr release from the dapr-sidecar-injector image in dapr-system; make sure the cluster runs Dapr 1.17 or later (state.sqlserver v2 is registered from Dapr 1.17).' >&2
elif [ "$(printf '%s\n' 1.17 "$DAPR_VERSION" | sort -V | head -n 1)" != 1.17 ]; then
  echo "This cluster runs Dapr ${DAPR_VERSION}; state.sqlserver v2 is registered from Dapr 1.17, so it needs Dapr 1.17 or later. Upgrade Dapr on the cluster (Helm: https://docs.dapr.io/operations/hosting/kubernetes/kubernetes-upgrade/; or upgrade the AKS Dapr extension), or change that choice in the wizard." >&2
  exit 1
fi

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

# Add the identity to the database orders on sql-orders as id-orders (db_ddladmin, db_datareader, db_datawriter, EXECUTE ON SCHEMA::dbo, REFERENCES ON SCHEMA::dbo).
# Needs go-sqlcmd, and you signed in to az as a user who is a Microsoft Entra admin of the server.
# A user of that name must already have this identity's client id as its SID, as Microsoft documents
# for SQL databases in Fabric (not confirmed for Azure SQL Database): otherwise the batch stops.
sqlcmd \
    --server sql-orders.database.windows.net \
    --database-name orders \
    --authentication-method ActiveDirectoryAzCli \
    --exit-on-error \
    --query "IF EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'id-orders' AND sid <> CAST(CAST('${CLIENT_ID}' AS uniqueidentifier) AS varbinary(16))) THROW 50000, N'The database user id-orders signs in as another Microsoft Entra identity than this one (an identity deleted and re-created under the same name gets a new client id). Fix: if no other identity uses it, DROP USER [id-orders] as the admin, then run this script again.', 1; IF DATABASE_PRINCIPAL_ID(N'id-orders') IS NULL CREATE USER [id-orders] FROM EXTERNAL PROVIDER; ALTER ROLE db_ddladmin ADD MEMBER [id-orders]; ALTER ROLE db_datareader ADD MEMBER [id-orders]; ALTER ROLE db_datawriter ADD MEMBER [id-orders]; GRANT EXECUTE ON SCHEMA::dbo TO [id-orders]; GRANT REFERENCES ON SCHEMA::dbo TO [id-orders];"

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

# Write the component files, the ServiceAccount and the Deployment patch into ./components.
mkdir -p components
cat > components/sql-state.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: sql-state
  namespace: orders
spec:
  type: state.sqlserver
  version: v2
  metadata:
  - name: useAzureAD
    value: "true"
  - name: connectionString
    value: sqlserver://sql-orders.database.windows.net:1433?database=orders
scopes:
- orders-api
YAML
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
kubectl apply -f components/sql-state.yaml
kubectl apply -f components/azurekeyvault.yaml
# Then merge components/deployment-patch.yaml into your app's Deployment (its pods restart with it):
#   kubectl patch deployment <your-deployment> --namespace "$NAMESPACE" --patch-file components/deployment-patch.yaml

# Verify: the grants and the components Dapr loads.
az role assignment list \
    --scope "$VAULT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
kubectl get components.dapr.io sql-state --namespace "$NAMESPACE"
kubectl get components.dapr.io azurekeyvault --namespace "$NAMESPACE"

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
