#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Database for PostgreSQL state store and Azure Database for PostgreSQL configuration store on Virtual Machine, User-assigned identity.
# Run it with Bash after `az login`.
# Change values in the wizard, not here: the files this script writes were generated from them.

RESOURCE_GROUP=rg-orders
VM_NAME=vm-orders
IDENTITY_NAME=id-orders
POSTGRES_SERVER_NAME=pg-orders

set -euo pipefail

# Git Bash on Windows would rewrite arguments that start with / (scopes, resource ids) into Windows paths.
export MSYS_NO_PATHCONV=1

# Look up the resources before changing anything (PostgreSQL server): each grant is scoped to one of them.
POSTGRES_SERVER_CHECK=$(az postgres flexible-server show \
    --name "$POSTGRES_SERVER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query authConfig.activeDirectoryAuth -o tsv | tr '[:upper:]' '[:lower:]')
if [ "$POSTGRES_SERVER_CHECK" != enabled ]; then
  echo 'Turn on Microsoft Entra authentication on the server first: az postgres flexible-server update --microsoft-entra-auth Enabled (--active-directory-auth before Azure CLI 2.73).' >&2
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

# Attach the identity to the VM.
az vm identity assign \
    --name "$VM_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --identities "$IDENTITY_ID" -o none

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

# Grant the PostgreSQL role id-orders on pg-orders what pg-config needs.
psql "host=pg-orders.postgres.database.azure.com port=5432 dbname=settings user=${PG_ADMIN} sslmode=require" -v ON_ERROR_STOP=1 -c 'GRANT USAGE ON SCHEMA public TO "id-orders"; GRANT SELECT ON TABLE appconfig TO "id-orders";'
POSTGRES_SERVER_GRANTED=$(psql "host=pg-orders.postgres.database.azure.com port=5432 dbname=settings user=${PG_ADMIN} sslmode=require" -X -tA -v ON_ERROR_STOP=1 -c 'SELECT has_schema_privilege('\''id-orders'\'', '\''public'\'', '\''USAGE'\'') AND has_table_privilege('\''id-orders'\'', '\''appconfig'\'', '\''SELECT'\'');')
if [ "$POSTGRES_SERVER_GRANTED" != t ]; then
  echo 'The GRANT in the database settings did not take: id-orders still lacks USAGE ON SCHEMA public; SELECT ON TABLE appconfig. A GRANT on an object you do not own only warns and grants nothing, and since PostgreSQL 15 the schema public belongs to the database owner (pg_database_owner). Fix: run this script signed in to az as the database owner, or make your admin role its owner (ALTER DATABASE settings OWNER TO ...), then run it again.' >&2
  exit 1
fi

# Write the component files into ./components.
mkdir -p components
{
cat <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: pg-state
spec:
  type: state.postgresql
  version: v2
  metadata:
  - name: useAzureAD
    value: "true"
  - name: connectionString
    value: host=pg-orders.postgres.database.azure.com user=id-orders port=5432 database=orders sslmode=require
  - name: azureClientId
YAML
printf '    value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/pg-state.yaml
{
cat <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: pg-config
spec:
  type: configuration.postgresql
  version: v1
  metadata:
  - name: useAzureAD
    value: "true"
  - name: connectionString
    value: host=pg-orders.postgres.database.azure.com user=id-orders port=5432 database=settings sslmode=require
  - name: table
    value: appconfig
  - name: azureClientId
YAML
printf '    value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/pg-config.yaml

# Put the component files where Dapr on the VM reads them.
# Install Dapr on the VM once, if it is not there yet: the Dapr CLI, then
#   dapr init          # needs Docker: runs Dapr's services, Redis and Zipkin as containers
#   dapr init --slim   # without Docker: installs only daprd and placement
# --resources-path makes Dapr load the files in ./components only, not the defaults dapr init writes.
# Copy components/pg-state.yaml, components/pg-config.yaml to the VM, into a components folder beside the app, and start the app with Dapr:
#   dapr run --app-id orders-api --resources-path ./components -- <your app command>
# Dapr finds the VM's identity through the instance metadata service; nothing else to set.

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
