#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Database for PostgreSQL state store and Azure Database for PostgreSQL configuration store on Virtual Machine, User-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=vm&identity=user&resourceGroup=rg-orders&hostName=vm-orders&identityName=id-orders&appId=orders-api&component=state.postgresql&name=pg-state&m.host=pg-orders.postgres.database.azure.com&m.database=orders&c2.component=configuration.postgresql&c2.name=pg-config&c2.m.host=pg-orders.postgres.database.azure.com&c2.m.database=settings&c2.m.table=appconfig
# Run it with Bash after `az login`.
# Run it again once the app runs under dapr run (this script prints the command, with --dapr-http-port 3500):
# that run changes nothing and checks through Run Command that Dapr loaded each component.
# Change values in the wizard, not here: the files this script writes were generated from them.
# PG_ADMIN=<name> signs psql in as that Microsoft Entra admin of the PostgreSQL server (empty: your az
# user name): for an admin group you belong to, the group's name; for a service principal, its display name. The
# admins: az postgres flexible-server microsoft-entra-admin list -g <group> -s <server> (ad-admin in older CLIs, 2.45).
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
#   - PostgreSQL server pg-orders (resource group rg-orders)
# Identity:
#   - Creates the user-assigned identity id-orders (resource group rg-orders) unless it exists (an existing one is kept as it is).
#   - Attaches it to the VM vm-orders (resource group rg-orders).
# Grants:
#   - A PostgreSQL role mapped to the identity, with its grants in the database orders, on the PostgreSQL server pg-orders (for pg-state).
#   - A PostgreSQL role mapped to the identity, with its grants in the database settings, on the PostgreSQL server pg-orders (for pg-config).
# Files written:
#   - components/pg-state.yaml: the Azure Database for PostgreSQL state store component
#   - components/pg-config.yaml: the Azure Database for PostgreSQL configuration store component
# On the VM:
#   - Runs commands on the VM vm-orders as root through Run Command (the identity check; once the app runs under dapr run, the check that Dapr loaded each component).

RESOURCE_GROUP=rg-orders
VM_NAME=vm-orders
IDENTITY_NAME=id-orders
POSTGRES_SERVER_NAME=pg-orders

PG_ADMIN="${PG_ADMIN:-}"

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

# Look up the resources before changing anything (PostgreSQL server): each grant is scoped to one of them.
POSTGRES_SERVER_CHECK=$(az postgres flexible-server show \
    --name "$POSTGRES_SERVER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query authConfig.activeDirectoryAuth -o tsv | tr '[:upper:]' '[:lower:]')
if [ "$POSTGRES_SERVER_CHECK" != enabled ]; then
  echo 'Turn on Microsoft Entra authentication on the server first: az postgres flexible-server update --name pg-orders --resource-group rg-orders --microsoft-entra-auth Enabled (--active-directory-auth before Azure CLI 2.73). More: troubleshoot.html#postgres-entra-auth-off, beside the wizard'\''s page.' >&2
  exit 1
fi

# Check that the VM runs Linux: the script's checks on the VM run shell commands (Run Command RunShellScript).
VM_OS_TYPE=$(az vm show \
    --name "$VM_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query storageProfile.osDisk.osType -o tsv)
if [ "$VM_OS_TYPE" != Linux ]; then
  echo 'The VM is not a Linux VM (its storageProfile.osDisk.osType is not Linux), and this script checks the VM with shell commands through Run Command, which need Linux: nothing was changed. On a Windows VM, give it the identity and the grants yourself. More: troubleshoot.html#host-not-linux, beside the wizard'\''s page.' >&2
  exit 1
fi

# Create the user-assigned identity the app signs in with, unless it exists; the tag tells the teardown the setup made it (an existing one is kept untagged, and the teardown keeps it).
IDENTITY_FOUND=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].id | [0]" -o tsv)
if [ "$IDENTITY_FOUND" = '' ]; then
  run az identity create \
      --name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --tags createdBy=dapr-mi-wizard -o none
fi

# Read its ids: the principal id receives the grant, the resource id attaches it to the host, the client id tells Azure which identity the app means.
IDENTITY_ID=$(read_or_placeholder IDENTITY_ID az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv)
PRINCIPAL_ID=$(read_or_placeholder PRINCIPAL_ID az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query principalId -o tsv)
CLIENT_ID=$(read_or_placeholder CLIENT_ID az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query clientId -o tsv)

# Attach the identity to the VM.
run az vm identity assign \
    --name "$VM_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --identities "$IDENTITY_ID" -o none

# Map the identity to the PostgreSQL role id-orders on pg-orders and grant it what pg-state needs.
# Needs psql, and you signed in to az as a Microsoft Entra admin of the server (or a member of an admin
# group): your token is the password. psql signs in as PG_ADMIN, else as your az user name.
if [ "$PG_ADMIN" = '' ]; then
  PG_ADMIN=$(az account show --query user.name -o tsv)
fi
export "PGUSER=${PG_ADMIN}"
PGPASSWORD=$(az account get-access-token --resource-type oss-rdbms --query accessToken -o tsv)
export PGPASSWORD
run psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=postgres sslmode=require' -v ON_ERROR_STOP=1 -c "SELECT pgaadauth_create_principal_with_oid('id-orders', '${PRINCIPAL_ID}', 'service', false, false) WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'id-orders');"
POSTGRES_SERVER_ROLE_OBJECT_ID=$(read_or_placeholder POSTGRES_SERVER_ROLE_OBJECT_ID psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=postgres sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c 'SELECT p.object_id FROM pg_catalog.pgaadauth_list_principals(false) AS p(role_name, principal_type, object_id) WHERE p.role_name = '\''id-orders'\'';' | tr '[:upper:]' '[:lower:]')
if [ "${DRY_RUN:-}" != 1 ] && [ "$POSTGRES_SERVER_ROLE_OBJECT_ID" != "$PRINCIPAL_ID" ]; then
  echo 'The PostgreSQL role id-orders on pg-orders signs in as another Microsoft Entra object than this identity (an identity deleted and re-created under the same name gets a new object id). Fix: if no other identity uses the role, signed in as the server'\''s Entra admin map it to this one with SECURITY LABEL for "pgaadauth" on role "id-orders" is '\''aadauth,oid=<principal id>,type=service'\'' (security-manage-entra-users.md), or drop it; then run this script again. More: troubleshoot.html#postgres-role-other-object, beside the wizard'\''s page.' >&2
  exit 1
fi
run psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=orders sslmode=require' -v ON_ERROR_STOP=1 -c 'GRANT USAGE, CREATE ON SCHEMA public TO "id-orders";'
POSTGRES_SERVER_GRANTED=$(read_or_placeholder POSTGRES_SERVER_GRANTED psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=orders sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c 'SELECT has_schema_privilege('\''id-orders'\'', '\''public'\'', '\''USAGE'\'') AND has_schema_privilege('\''id-orders'\'', '\''public'\'', '\''CREATE'\'');')
if [ "${DRY_RUN:-}" != 1 ] && [ "$POSTGRES_SERVER_GRANTED" != t ]; then
  echo 'The GRANT in the database orders did not take: id-orders still lacks USAGE, CREATE ON SCHEMA public. A GRANT on an object you do not own only warns and grants nothing, and since PostgreSQL 15 the schema public belongs to the database owner (pg_database_owner). Fix: have the owner of the database (of a table, for a table'\''s grant; often the server'\''s password administrator, who created them) run in it: GRANT USAGE, CREATE ON SCHEMA public TO "id-orders"; then run this script again: it finds the privileges and goes on. More: troubleshoot.html#postgres-grant-not-taken, beside the wizard'\''s page.' >&2
  exit 1
fi

# Grant the PostgreSQL role id-orders on pg-orders what pg-config needs.
POSTGRES_SERVER_TABLE_FOUND=$(psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=settings sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c 'SELECT EXISTS (SELECT FROM pg_tables WHERE tablename = '\''appconfig'\'') AND COALESCE((SELECT relkind IN ('\''r'\'', '\''p'\'') FROM pg_class WHERE oid = to_regclass('\''appconfig'\'')), false);')
if [ "$POSTGRES_SERVER_TABLE_FOUND" != t ]; then
  echo 'No table appconfig is on the search path of the database settings on pg-orders (a view of that name, or a table in a schema off the search path, does not count: Dapr looks its table up in pg_tables and reads it by that name), and pg-config needs it (Dapr stops on a missing table, it never creates it). Fix: create it there, as the role that should own it (Dapr'\''s configuration store reads the columns key, value, version and metadata: for example CREATE TABLE appconfig (key VARCHAR NOT NULL, value VARCHAR NOT NULL, version VARCHAR NOT NULL, metadata JSON);), then run this script again. More: troubleshoot.html#postgres-table-missing, beside the wizard'\''s page.' >&2
  exit 1
fi
# Subscribing to changes needs a notify channel: set notifyChannel in the wizard (Dapr 1.18+) or send
# pgNotifyChannel with each subscribe request, and give the table a trigger that calls pg_notify on it.
run psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=settings sslmode=require' -v ON_ERROR_STOP=1 -c 'GRANT USAGE ON SCHEMA public TO "id-orders"; GRANT SELECT ON TABLE appconfig TO "id-orders";'
POSTGRES_SERVER_GRANTED=$(read_or_placeholder POSTGRES_SERVER_GRANTED psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=settings sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c 'SELECT has_schema_privilege('\''id-orders'\'', '\''public'\'', '\''USAGE'\'') AND has_table_privilege('\''id-orders'\'', '\''appconfig'\'', '\''SELECT'\'');')
if [ "${DRY_RUN:-}" != 1 ] && [ "$POSTGRES_SERVER_GRANTED" != t ]; then
  echo 'The GRANT in the database settings did not take: id-orders still lacks USAGE ON SCHEMA public; SELECT ON TABLE appconfig. A GRANT on an object you do not own only warns and grants nothing, and since PostgreSQL 15 the schema public belongs to the database owner (pg_database_owner). Fix: have the owner of the database (of a table, for a table'\''s grant; often the server'\''s password administrator, who created them) run in it: GRANT USAGE ON SCHEMA public TO "id-orders"; GRANT SELECT ON TABLE appconfig TO "id-orders"; then run this script again: it finds the privileges and goes on. More: troubleshoot.html#postgres-grant-not-taken, beside the wizard'\''s page.' >&2
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
#   dapr init --slim   # without Docker: installs the daprd, placement and scheduler binaries, no containers
# --resources-path makes Dapr load the files in ./components only, not the defaults dapr init writes.
# Copy components/pg-state.yaml, components/pg-config.yaml to the VM, into a components folder beside the app, and start the app with Dapr:
#   dapr run --app-id orders-api --dapr-http-port 3500 --resources-path ./components -- <your app command>
# Dapr finds the VM's identity through the instance metadata service; nothing else to set.

# Verify: the grants.
if [ "${DRY_RUN:-}" = 1 ]; then
  echo 'DRY RUN: the checks of what the skipped commands make are skipped too.' >&2
else
  for attempt in {1..6}; do
    if run az vm run-command invoke \
        --name "$VM_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --command-id RunShellScript \
        --scripts 'curl -s --max-time 5 -o /dev/null -w "%{http_code}\n" -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/&client_id='"$CLIENT_ID"'"' \
        --query 'value[0].message' -o tsv | grep -x 200; then
      break
    fi
    if [ "$attempt" = 6 ]; then
      echo 'The VM'\''s instance metadata service (169.254.169.254) gave no token for the identity'\''s client id after 6 tries: so Dapr on the VM cannot sign in either. Likely cause: The identity is not attached to the VM yet (on a scale set: the instance is not on the latest model), the client id is not one of its identities, or the VM cannot reach 169.254.169.254 (a proxy or a firewall rule in the VM). Fix: Attach the identity to the VM (or update the scale set'\''s instances), check the client id, and let the VM reach 169.254.169.254 without a proxy (NO_PROXY=169.254.169.254). More: troubleshoot.html#imds-no-token, beside the wizard'\''s page.' >&2
      exit 1
    fi
    echo 'The VM'\''s instance metadata service gave no token yet (a new identity can take a moment to reach it); trying again in 10 s.' >&2
    sleep 10
  done
  # Dapr's metadata API on the VM (GET http://localhost:3500/v1.0/metadata) lists each component daprd loaded.
  # It answers once the app runs under dapr run: until then this says what to run.
  DAPR_METADATA=$(az vm run-command invoke \
      --name "$VM_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --command-id RunShellScript \
      --scripts 'dapr_status=$(curl -s -o /dev/null -w "%{http_code}" http://localhost:3500/v1.0/metadata); if [ "$dapr_status" = 200 ]; then echo "dapr-metadata-api: answered"; curl -sf http://localhost:3500/v1.0/metadata | grep -o "{\"name\":\"[^\"]*\",\"type\":\"[^\"]*\"" || true; elif [ "$dapr_status" = 401 ]; then echo "dapr-metadata-api: requires the API token"; else echo "dapr-metadata-api: no answer"; fi' \
      --query 'value[0].message' -o tsv || true)
  DAPR_METADATA_ANSWERED=$(printf '%s\n' "$DAPR_METADATA" | grep -c -x -- 'dapr-metadata-api: answered' || true)
  DAPR_METADATA_TOKEN_REQUIRED=$(printf '%s\n' "$DAPR_METADATA" | grep -c -x -- 'dapr-metadata-api: requires the API token' || true)
  if [ "$DAPR_METADATA_ANSWERED" = 0 ]; then
    if [ "$DAPR_METADATA_TOKEN_REQUIRED" = 0 ]; then
      printf '%s\n' 'Dapr'\''s metadata API on the VM did not answer on port 3500 (or Run Command failed: its error is above). Before the app runs under Dapr that is expected: start it on the VM with
  dapr run --app-id orders-api --dapr-http-port 3500 --resources-path ./components -- <your app command>
then run this script again: it changes nothing and checks that Dapr loaded each component. If the app already runs under dapr run, daprd may have stopped: a component that fails to load stops it, and its "Failed to init component" line in the dapr run output names it and says why (troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page).'
    fi
    if [ "$DAPR_METADATA_TOKEN_REQUIRED" != 0 ]; then
      printf '%s\n' 'Dapr answers on the VM on port 3500 but requires its API token (HTTP 401): daprd was started with DAPR_API_TOKEN set, and Run Command does not have that token, so this script cannot list the components daprd loaded. Check by hand on the VM, in the shell that has the app'\''s DAPR_API_TOKEN:
  curl -s -H "dapr-api-token: $DAPR_API_TOKEN" http://localhost:3500/v1.0/metadata
Its "components" list must name pg-state, pg-config.'
    fi
  fi
  if [ "$DAPR_METADATA_ANSWERED" != 0 ]; then
    DAPR_COMPONENTS_MISSING=$(printf %s '')
    DAPR_COMPONENT_LOADED=$(printf '%s\n' "$DAPR_METADATA" | grep -c -F -- '{"name":"pg-state","type":"state.postgresql"' || true)
    if [ "$DAPR_COMPONENT_LOADED" = 0 ]; then
      DAPR_COMPONENTS_MISSING=$(printf %s "${DAPR_COMPONENTS_MISSING} pg-state")
    fi
    DAPR_COMPONENT_LOADED=$(printf '%s\n' "$DAPR_METADATA" | grep -c -F -- '{"name":"pg-config","type":"configuration.postgresql"' || true)
    if [ "$DAPR_COMPONENT_LOADED" = 0 ]; then
      DAPR_COMPONENTS_MISSING=$(printf %s "${DAPR_COMPONENTS_MISSING} pg-config")
    fi
    if [ "$DAPR_COMPONENTS_MISSING" != '' ]; then
      echo "Not listed by Dapr's metadata API on the VM:${DAPR_COMPONENTS_MISSING}." >&2
      echo 'Dapr'\''s metadata API on the VM does not list every component: daprd runs without the ones named above. The dapr run line this script prints starts it with --app-id orders-api and --resources-path ./components. Likely cause: daprd answered, so it started, but without these components: dapr run was started under another app id than the components'\'' scope or without --resources-path pointing at the component files, or a component failed to initialize and ignoreErrors let daprd go on without it. Fix: Read the dapr run output for the "Failed to init component" line of each component not listed (paste it into the troubleshooting page'\''s search box), start the app with the dapr run line the script prints, then run the script again. More: troubleshoot.html#dapr-component-not-in-metadata, beside the wizard'\''s page.' >&2
      exit 1
    fi
    printf '%s\n' 'Dapr'\''s metadata API on the VM lists every component: pg-state, pg-config.'
  fi
fi

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
# Run it again once the app runs under dapr run (this script prints the command, with --dapr-http-port 3500):
# that run changes nothing and checks through Run Command that Dapr loaded each component.
