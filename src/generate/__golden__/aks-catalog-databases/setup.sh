#!/usr/bin/env bash
# Dapr Managed Identity Wizard: 11 Dapr components on Azure Kubernetes Service (AKS), Microsoft Entra Workload ID (recommended).
# Run it with Bash after `az login`. Needs Azure CLI 2.47 or later (--enable-workload-identity).
# Change values in the wizard, not here: the files this script writes were generated from them.

RESOURCE_GROUP=rg-orders
CLUSTER_NAME=aks-prod
IDENTITY_NAME=id-orders
NAMESPACE=orders
SERVICE_ACCOUNT=orders-api
FEDERATED_CREDENTIAL_NAME=dapr-orders-orders-api
POSTGRES_SERVER_NAME=pg-orders
SQL_SERVER_NAME=sql-orders
REDIS_CACHE_NAME=redis-orders

set -euo pipefail

# Git Bash on Windows would rewrite arguments that start with / (scopes, resource ids) into Windows paths.
export MSYS_NO_PATHCONV=1

# Look up the resources before changing anything (PostgreSQL server, Azure SQL server, Azure Cache for Redis): each grant is scoped to one of them.
POSTGRES_SERVER_CHECK=$(az postgres flexible-server show \
    --name "$POSTGRES_SERVER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query authConfig.activeDirectoryAuth -o tsv | tr '[:upper:]' '[:lower:]')
if [ "$POSTGRES_SERVER_CHECK" != enabled ]; then
  echo 'Turn on Microsoft Entra authentication on the server first: az postgres flexible-server update --microsoft-entra-auth Enabled (--active-directory-auth before Azure CLI 2.73).' >&2
  exit 1
fi
az sql server show --name "$SQL_SERVER_NAME" --resource-group "$RESOURCE_GROUP" -o none
REDIS_CACHE_CHECK=$(az redis show \
    --name "$REDIS_CACHE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query redisConfiguration.aadEnabled -o tsv | tr '[:upper:]' '[:lower:]')
if [ "$REDIS_CACHE_CHECK" != true ]; then
  echo 'Turn on Microsoft Entra authentication on the cache first (the cache restarts): az redis update --set redisConfiguration.aadEnabled=true with its --name and --resource-group.' >&2
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

# Map the identity to the PostgreSQL role id-orders on pg-orders and grant it what pg-state needs.
# Needs psql, and you signed in to az as a Microsoft Entra admin of the server: your token is the password.
PG_ADMIN=$(az account show --query user.name -o tsv)
PGPASSWORD=$(az account get-access-token --resource-type oss-rdbms --query accessToken -o tsv)
export PGPASSWORD
psql "host=pg-orders.postgres.database.azure.com port=5432 dbname=postgres user=${PG_ADMIN} sslmode=require" -v ON_ERROR_STOP=1 -c "SELECT pgaadauth_create_principal_with_oid('id-orders', '${PRINCIPAL_ID}', 'service', false, false) WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'id-orders');"
POSTGRES_SERVER_ROLE_OBJECT_ID=$(psql "host=pg-orders.postgres.database.azure.com port=5432 dbname=postgres user=${PG_ADMIN} sslmode=require" -X -tA -v ON_ERROR_STOP=1 -c 'SELECT objectId FROM pg_catalog.pgaadauth_list_principals(false) WHERE rolename = '\''id-orders'\'';' | tr '[:upper:]' '[:lower:]')
if [ "$POSTGRES_SERVER_ROLE_OBJECT_ID" != "$PRINCIPAL_ID" ]; then
  echo 'The PostgreSQL role id-orders on pg-orders signs in as another Microsoft Entra object than this identity (an identity deleted and re-created under the same name gets a new object id). Fix: if no other identity uses the role, map it to this one as the admin with SECURITY LABEL for "pgaadauth" on role "id-orders" is '\''aadauth,oid=<principal id>,type=service'\'' (security-manage-entra-users.md), or drop it; then run this script again.' >&2
  exit 1
fi
psql "host=pg-orders.postgres.database.azure.com port=5432 dbname=orders user=${PG_ADMIN} sslmode=require" -v ON_ERROR_STOP=1 -c 'GRANT USAGE, CREATE ON SCHEMA public TO "id-orders";'
POSTGRES_SERVER_GRANTED=$(psql "host=pg-orders.postgres.database.azure.com port=5432 dbname=orders user=${PG_ADMIN} sslmode=require" -X -tA -v ON_ERROR_STOP=1 -c 'SELECT has_schema_privilege('\''id-orders'\'', '\''public'\'', '\''USAGE'\'') AND has_schema_privilege('\''id-orders'\'', '\''public'\'', '\''CREATE'\'');')
if [ "$POSTGRES_SERVER_GRANTED" != t ]; then
  echo 'The GRANT in the database orders did not take: id-orders still lacks USAGE, CREATE ON SCHEMA public. A GRANT on an object you do not own only warns and grants nothing, and since PostgreSQL 15 the schema public belongs to the database owner (pg_database_owner). Fix: run this script signed in to az as the database owner, or make your admin role its owner (ALTER DATABASE orders OWNER TO ...), then run it again.' >&2
  exit 1
fi

# Grant the PostgreSQL role id-orders on pg-orders what pg-state-v1 needs.
psql "host=pg-orders.postgres.database.azure.com port=5432 dbname=legacy user=${PG_ADMIN} sslmode=require" -v ON_ERROR_STOP=1 -c 'GRANT USAGE, CREATE ON SCHEMA public TO "id-orders";'
POSTGRES_SERVER_GRANTED=$(psql "host=pg-orders.postgres.database.azure.com port=5432 dbname=legacy user=${PG_ADMIN} sslmode=require" -X -tA -v ON_ERROR_STOP=1 -c 'SELECT has_schema_privilege('\''id-orders'\'', '\''public'\'', '\''USAGE'\'') AND has_schema_privilege('\''id-orders'\'', '\''public'\'', '\''CREATE'\'');')
if [ "$POSTGRES_SERVER_GRANTED" != t ]; then
  echo 'The GRANT in the database legacy did not take: id-orders still lacks USAGE, CREATE ON SCHEMA public. A GRANT on an object you do not own only warns and grants nothing, and since PostgreSQL 15 the schema public belongs to the database owner (pg_database_owner). Fix: run this script signed in to az as the database owner, or make your admin role its owner (ALTER DATABASE legacy OWNER TO ...), then run it again.' >&2
  exit 1
fi

# Grant the PostgreSQL role id-orders on pg-orders what postgres-binding needs.
psql "host=pg-orders.postgres.database.azure.com port=5432 dbname=orders user=${PG_ADMIN} sslmode=require" -v ON_ERROR_STOP=1 -c 'GRANT USAGE ON SCHEMA public TO "id-orders";'
POSTGRES_SERVER_GRANTED=$(psql "host=pg-orders.postgres.database.azure.com port=5432 dbname=orders user=${PG_ADMIN} sslmode=require" -X -tA -v ON_ERROR_STOP=1 -c 'SELECT has_schema_privilege('\''id-orders'\'', '\''public'\'', '\''USAGE'\'');')
if [ "$POSTGRES_SERVER_GRANTED" != t ]; then
  echo 'The GRANT in the database orders did not take: id-orders still lacks USAGE ON SCHEMA public. A GRANT on an object you do not own only warns and grants nothing, and since PostgreSQL 15 the schema public belongs to the database owner (pg_database_owner). Fix: run this script signed in to az as the database owner, or make your admin role its owner (ALTER DATABASE orders OWNER TO ...), then run it again.' >&2
  exit 1
fi

# Grant the PostgreSQL role id-orders on pg-orders what pg-config needs.
psql "host=pg-orders.postgres.database.azure.com port=5432 dbname=orders user=${PG_ADMIN} sslmode=require" -v ON_ERROR_STOP=1 -c 'GRANT USAGE ON SCHEMA public TO "id-orders"; GRANT SELECT ON TABLE appconfig TO "id-orders";'
POSTGRES_SERVER_GRANTED=$(psql "host=pg-orders.postgres.database.azure.com port=5432 dbname=orders user=${PG_ADMIN} sslmode=require" -X -tA -v ON_ERROR_STOP=1 -c 'SELECT has_schema_privilege('\''id-orders'\'', '\''public'\'', '\''USAGE'\'') AND has_table_privilege('\''id-orders'\'', '\''appconfig'\'', '\''SELECT'\'');')
if [ "$POSTGRES_SERVER_GRANTED" != t ]; then
  echo 'The GRANT in the database orders did not take: id-orders still lacks USAGE ON SCHEMA public; SELECT ON TABLE appconfig. A GRANT on an object you do not own only warns and grants nothing, and since PostgreSQL 15 the schema public belongs to the database owner (pg_database_owner). Fix: run this script signed in to az as the database owner, or make your admin role its owner (ALTER DATABASE orders OWNER TO ...), then run it again.' >&2
  exit 1
fi

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

# Add the identity to the database legacy on sql-orders as id-orders (db_owner).
# Needs go-sqlcmd, and you signed in to az as a user who is a Microsoft Entra admin of the server.
# A user of that name must already have this identity's client id as its SID, as Microsoft documents
# for SQL databases in Fabric (not confirmed for Azure SQL Database): otherwise the batch stops.
sqlcmd \
    --server sql-orders.database.windows.net \
    --database-name legacy \
    --authentication-method ActiveDirectoryAzCli \
    --exit-on-error \
    --query "IF EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'id-orders' AND sid <> CAST(CAST('${CLIENT_ID}' AS uniqueidentifier) AS varbinary(16))) THROW 50000, N'The database user id-orders signs in as another Microsoft Entra identity than this one (an identity deleted and re-created under the same name gets a new client id). Fix: if no other identity uses it, DROP USER [id-orders] as the admin, then run this script again.', 1; IF DATABASE_PRINCIPAL_ID(N'id-orders') IS NULL CREATE USER [id-orders] FROM EXTERNAL PROVIDER; ALTER ROLE db_owner ADD MEMBER [id-orders];"

# Give the identity the Data Owner data access policy on the Redis cache redis-orders, for redis-state, redis-pubsub, redis-binding, redis-config, lockstore.
# Needs an Azure CLI that has az redis access-policy-assignment (added with the 2023-08-01 Redis API, after
# 2.45); Microsoft Entra authentication on the cache was checked above.
az redis access-policy-assignment create \
    --name "$REDIS_CACHE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --policy-assignment-name id-orders \
    --access-policy-name 'Data Owner' \
    --object-id "$PRINCIPAL_ID" \
    --object-id-alias id-orders -o none

# Write the component files, the ServiceAccount and the Deployment patch into ./components.
mkdir -p components
cat > components/pg-state.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: pg-state
  namespace: orders
spec:
  type: state.postgresql
  version: v2
  metadata:
  - name: useAzureAD
    value: "true"
  - name: connectionString
    value: host=pg-orders.postgres.database.azure.com user=id-orders port=5432 database=orders sslmode=require
scopes:
- orders-api
YAML
cat > components/pg-state-v1.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: pg-state-v1
  namespace: orders
spec:
  type: state.postgresql
  version: v1
  metadata:
  - name: useAzureAD
    value: "true"
  - name: connectionString
    value: host=pg-orders.postgres.database.azure.com user=id-orders port=5432 database=legacy sslmode=require
scopes:
- orders-api
YAML
cat > components/postgres-binding.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: postgres-binding
  namespace: orders
spec:
  type: bindings.postgresql
  version: v1
  metadata:
  - name: useAzureAD
    value: "true"
  - name: connectionString
    value: host=pg-orders.postgres.database.azure.com user=id-orders port=5432 database=orders sslmode=require
scopes:
- orders-api
YAML
cat > components/pg-config.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: pg-config
  namespace: orders
spec:
  type: configuration.postgresql
  version: v1
  metadata:
  - name: useAzureAD
    value: "true"
  - name: connectionString
    value: host=pg-orders.postgres.database.azure.com user=id-orders port=5432 database=orders sslmode=require
  - name: table
    value: appconfig
scopes:
- orders-api
YAML
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
cat > components/sql-state-v1.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: sql-state-v1
  namespace: orders
spec:
  type: state.sqlserver
  version: v1
  metadata:
  - name: useAzureAD
    value: "true"
  - name: connectionString
    value: sqlserver://sql-orders.database.windows.net:1433?database=legacy
scopes:
- orders-api
YAML
cat > components/redis-state.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: redis-state
  namespace: orders
spec:
  type: state.redis
  version: v1
  metadata:
  - name: useEntraID
    value: "true"
  - name: enableTLS
    value: "true"
  - name: redisHost
    value: redis-orders.redis.cache.windows.net:6380
scopes:
- orders-api
YAML
cat > components/redis-pubsub.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: redis-pubsub
  namespace: orders
spec:
  type: pubsub.redis
  version: v1
  metadata:
  - name: useEntraID
    value: "true"
  - name: enableTLS
    value: "true"
  - name: redisHost
    value: redis-orders.redis.cache.windows.net:6380
scopes:
- orders-api
YAML
cat > components/redis-binding.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: redis-binding
  namespace: orders
spec:
  type: bindings.redis
  version: v1
  metadata:
  - name: useEntraID
    value: "true"
  - name: enableTLS
    value: "true"
  - name: redisHost
    value: redis-orders.redis.cache.windows.net:6380
scopes:
- orders-api
YAML
cat > components/redis-config.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: redis-config
  namespace: orders
spec:
  type: configuration.redis
  version: v1
  metadata:
  - name: useEntraID
    value: "true"
  - name: enableTLS
    value: "true"
  - name: redisHost
    value: redis-orders.redis.cache.windows.net:6380
scopes:
- orders-api
YAML
cat > components/lockstore.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: lockstore
  namespace: orders
spec:
  type: lock.redis
  version: v1
  metadata:
  - name: useEntraID
    value: "true"
  - name: enableTLS
    value: "true"
  - name: redisHost
    value: redis-orders.redis.cache.windows.net:6380
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
kubectl apply -f components/pg-state.yaml
kubectl apply -f components/pg-state-v1.yaml
kubectl apply -f components/postgres-binding.yaml
kubectl apply -f components/pg-config.yaml
kubectl apply -f components/sql-state.yaml
kubectl apply -f components/sql-state-v1.yaml
kubectl apply -f components/redis-state.yaml
kubectl apply -f components/redis-pubsub.yaml
kubectl apply -f components/redis-binding.yaml
kubectl apply -f components/redis-config.yaml
kubectl apply -f components/lockstore.yaml
# Then merge components/deployment-patch.yaml into your app's Deployment (its pods restart with it):
#   kubectl patch deployment <your-deployment> --namespace "$NAMESPACE" --patch-file components/deployment-patch.yaml

# Verify: the grants and the components Dapr loads.
kubectl get components.dapr.io pg-state --namespace "$NAMESPACE"
kubectl get components.dapr.io pg-state-v1 --namespace "$NAMESPACE"
kubectl get components.dapr.io postgres-binding --namespace "$NAMESPACE"
kubectl get components.dapr.io pg-config --namespace "$NAMESPACE"
kubectl get components.dapr.io sql-state --namespace "$NAMESPACE"
kubectl get components.dapr.io sql-state-v1 --namespace "$NAMESPACE"
kubectl get components.dapr.io redis-state --namespace "$NAMESPACE"
kubectl get components.dapr.io redis-pubsub --namespace "$NAMESPACE"
kubectl get components.dapr.io redis-binding --namespace "$NAMESPACE"
kubectl get components.dapr.io redis-config --namespace "$NAMESPACE"
kubectl get components.dapr.io lockstore --namespace "$NAMESPACE"

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
