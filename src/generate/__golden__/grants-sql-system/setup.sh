#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure SQL state store on Virtual Machine, System-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=vm&resourceGroup=rg-orders&hostName=vm-orders&appId=orders-api&component=state.sqlserver&name=sql-state&m.host=sql-orders.database.windows.net&m.database=orders
# Run it with Bash after `az login`.
# Run it again once the app runs under dapr run (this script prints the command, with --dapr-http-port 3500):
# that run changes nothing and checks through Run Command that Dapr loaded each component.
# Change values in the wizard, not here: the files this script writes were generated from them.
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
#   - Azure SQL server sql-orders (resource group rg-orders)
# Identity:
#   - Turns on the system-assigned identity of the VM vm-orders (resource group rg-orders).
# Grants:
#   - An Azure SQL contained user for the identity (db_ddladmin, db_datareader, db_datawriter, EXECUTE ON SCHEMA::dbo, REFERENCES ON SCHEMA::dbo) in the database orders, on the Azure SQL server sql-orders (for sql-state).
# Files written:
#   - components/sql-state.yaml: the Azure SQL state store component
# On the VM:
#   - Runs commands on the VM vm-orders as root through Run Command (the Dapr release check and the identity check; once the app runs under dapr run, the check that Dapr loaded each component).

RESOURCE_GROUP=rg-orders
VM_NAME=vm-orders
SQL_SERVER_NAME=sql-orders

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

# Look up the resources before changing anything (Azure SQL server): each grant is scoped to one of them.
az sql server show --name "$SQL_SERVER_NAME" --resource-group "$RESOURCE_GROUP" -o none

# Check that the VM runs Linux: the script's checks on the VM run shell commands (Run Command RunShellScript).
VM_OS_TYPE=$(az vm show \
    --name "$VM_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query storageProfile.osDisk.osType -o tsv)
if [ "$VM_OS_TYPE" != Linux ]; then
  echo 'The VM is not a Linux VM (its storageProfile.osDisk.osType is not Linux), and this script checks the VM with shell commands through Run Command, which need Linux: nothing was changed. On a Windows VM, give it the identity and the grants yourself. More: troubleshoot.html#host-not-linux, beside the wizard'\''s page.' >&2
  exit 1
fi

# Read the Dapr release installed on the VM (daprd --version, through Run Command): state.sqlserver v2 is registered from Dapr 1.17.
DAPR_VERSION=$(az vm run-command invoke \
    --name "$VM_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --command-id RunShellScript \
    --scripts 'for daprd in "$(command -v daprd)" /root/.dapr/bin/daprd /home/*/.dapr/bin/daprd; do if [ -x "$daprd" ]; then "$daprd" --version; break; fi; done' \
    --query 'value[0].message' -o tsv | sed -nE 's/^v?([0-9]+[.][0-9]+[.][0-9]+)[^ ]*$/\1/p' || true)
if ! [[ "$DAPR_VERSION" =~ ^[0-9]+(\.[0-9]+)*(-[0-9A-Za-z.]+)?$ ]]; then
  echo 'Could not read the Dapr release on the VM: no daprd found, or Run Command failed (its error is above; the VM must be running). Install Dapr 1.17 or later (state.sqlserver v2 is registered from Dapr 1.17): dapr init installs the newest release, or pick one with dapr init --runtime-version 1.17.0 or later.' >&2
elif [ "$(printf '%s\n' 1.17 "$DAPR_VERSION" | sort -V | head -n 1)" != 1.17 ]; then
  echo "This VM runs Dapr ${DAPR_VERSION}; state.sqlserver v2 is registered from Dapr 1.17, so it needs Dapr 1.17 or later. Upgrade Dapr on the VM (https://docs.dapr.io/operations/hosting/self-hosted/self-hosted-upgrade/: dapr uninstall, then dapr init --runtime-version 1.17.0 or a later release), or change that choice in the wizard. More: troubleshoot.html#dapr-release-too-old, beside the wizard's page." >&2
  exit 1
fi

# Turn on the VM's system-assigned identity; its principal id comes back as systemAssignedIdentity. An identity already on is read first and used as it is, so a dry run checks the grants of the real principal.
PRINCIPAL_ID=$(az vm show \
    --name "$VM_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query identity.principalId -o tsv)
if [ "$PRINCIPAL_ID" = '' ]; then
  PRINCIPAL_ID=$(run_or_placeholder PRINCIPAL_ID az vm identity assign \
      --name "$VM_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query systemAssignedIdentity -o tsv)
fi

# Add the identity to the database orders on sql-orders as vm-orders (db_ddladmin, db_datareader, db_datawriter, EXECUTE ON SCHEMA::dbo, REFERENCES ON SCHEMA::dbo).
# Needs go-sqlcmd, and you signed in to az as a user who is a Microsoft Entra admin of the server.
# If a user of that name already exists, it must have this identity's client id as its SID, or the batch
# stops (Microsoft Learn: "Microsoft Entra logins and users with nonunique display names" shows the SID).
# CREATE USER names the identity by its object id (WITH OBJECT_ID, in preview on Azure SQL Database and
# Managed Instance, same page), so a display name another principal shares does not fail the CREATE (Msg 33131).
for attempt in {1..6}; do
  if CLIENT_ID=$(read_or_placeholder CLIENT_ID az ad sp show --id "$PRINCIPAL_ID" --query appId -o tsv); then
    break
  fi
  if [ "$attempt" = 6 ]; then
    echo 'Microsoft Entra ID did not find the identity'\''s service principal after 6 tries. If the errors above say it does not exist, it is not known there yet: wait a few minutes and run this script again. More: troubleshoot.html#entra-service-principal-not-found, beside the wizard'\''s page.' >&2
    exit 1
  fi
  echo 'Trying again in 20 s: Microsoft Entra ID may not know the new identity yet.' >&2
  sleep 20
done
for attempt in {1..6}; do
  if SQL_OUTPUT=$(run sqlcmd \
      --server sql-orders.database.windows.net \
      --database-name orders \
      --authentication-method ActiveDirectoryAzCli \
      --exit-on-error \
      --query "IF EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'vm-orders' AND sid <> CAST(CAST('${CLIENT_ID}' AS uniqueidentifier) AS varbinary(16))) THROW 50000, N'The database user vm-orders signs in as another Microsoft Entra identity than this one (an identity deleted and re-created under the same name gets a new client id). Fix: if no other identity uses it, DROP USER [vm-orders] as the admin, then run this script again.', 1; IF DATABASE_PRINCIPAL_ID(N'vm-orders') IS NULL CREATE USER [vm-orders] FROM EXTERNAL PROVIDER WITH OBJECT_ID = '${PRINCIPAL_ID}'; ALTER ROLE db_ddladmin ADD MEMBER [vm-orders]; ALTER ROLE db_datareader ADD MEMBER [vm-orders]; ALTER ROLE db_datawriter ADD MEMBER [vm-orders]; GRANT EXECUTE ON SCHEMA::dbo TO [vm-orders]; GRANT REFERENCES ON SCHEMA::dbo TO [vm-orders];"); then
    if [ -n "$SQL_OUTPUT" ]; then printf '%s\n' "$SQL_OUTPUT"; fi
    break
  fi
  printf '%s\n' "$SQL_OUTPUT" >&2
  if ! [[ "$SQL_OUTPUT" =~ Msg.(37545|33130|33136)[^0-9]|Msg.33134[^0-9].*try.again.later ]]; then
    echo 'Adding vm-orders to the database orders on sql-orders failed with the sqlcmd error above, which waiting does not fix. Likely cause: sqlcmd failed for a reason a later try does not change (its error above names it): the sqlcmd on PATH is not go-sqlcmd (the ODBC sqlcmd of mssql-tools takes none of the script'\''s double-dash flags) or there is none, the server refused your sign-in (Msg 18456: az is signed in as an account that is not a Microsoft Entra admin of the server, or go-sqlcmd could not get a token from az), its firewall does not admit this machine (Msg 40615), the server has no identity that may read the directory (Msg 33134, "Server identity is not configured"), your account may not create users (ALTER ANY USER), or a user of that name signs in as another identity (Msg 50000, the script'\''s own check). Msg 37545 on every one of a few tries ("is not a valid object id … or you do not have permission") has one text for two causes: a missing permission, or an identity Entra ID does not know yet. Fix: Fix what the error names: install go-sqlcmd (and put it first on PATH), sign in to az (az login) as a Microsoft Entra admin of the server, add a firewall rule for this machine, give the server an identity with Directory Readers, or drop the other identity'\''s user if nothing uses it; then run the script again. After Msg 37545, if you are the server'\''s Microsoft Entra admin, wait a few minutes first: a new identity takes that long to reach every replica. More: troubleshoot.html#sql-grant-refused, beside the wizard'\''s page.' >&2
    exit 1
  fi
  if [ "$attempt" -ge 3 ] && [[ "$SQL_OUTPUT" =~ Msg.37545[^0-9] ]]; then
    echo 'Adding vm-orders to the database orders on sql-orders failed 3 or more times, the last with Msg 37545 ("is not a valid object id ... or you do not have permission"), which has two causes: Microsoft Entra ID does not know the identity'\''s object id yet (wait a few minutes and run this script again), or your account may not create users in the database orders (CREATE USER needs ALTER ANY USER: sign in to az as a Microsoft Entra admin of the server). Likely cause: sqlcmd failed for a reason a later try does not change (its error above names it): the sqlcmd on PATH is not go-sqlcmd (the ODBC sqlcmd of mssql-tools takes none of the script'\''s double-dash flags) or there is none, the server refused your sign-in (Msg 18456: az is signed in as an account that is not a Microsoft Entra admin of the server, or go-sqlcmd could not get a token from az), its firewall does not admit this machine (Msg 40615), the server has no identity that may read the directory (Msg 33134, "Server identity is not configured"), your account may not create users (ALTER ANY USER), or a user of that name signs in as another identity (Msg 50000, the script'\''s own check). Msg 37545 on every one of a few tries ("is not a valid object id … or you do not have permission") has one text for two causes: a missing permission, or an identity Entra ID does not know yet. Fix: Fix what the error names: install go-sqlcmd (and put it first on PATH), sign in to az (az login) as a Microsoft Entra admin of the server, add a firewall rule for this machine, give the server an identity with Directory Readers, or drop the other identity'\''s user if nothing uses it; then run the script again. After Msg 37545, if you are the server'\''s Microsoft Entra admin, wait a few minutes first: a new identity takes that long to reach every replica. More: troubleshoot.html#sql-grant-refused, beside the wizard'\''s page.' >&2
    exit 1
  fi
  if [ "$attempt" = 6 ]; then
    echo 'Microsoft Entra ID did not know the identity'\''s object id on any of 6 tries to add vm-orders to the database orders on sql-orders (the Msg 33134, 33136 or 33130 above): wait a few minutes and run this script again. Likely cause: The identity in CREATE USER [...] FROM EXTERNAL PROVIDER (WITH OBJECT_ID, its principal id) is not one Entra ID knows yet: it was created seconds ago and has not reached every replica, it was deleted, or the server cannot read the directory. Msg 37545 reads as a missing permission too ("or you do not have permission"): if it stays after a few minutes, see the entry on a refused grant. Fix: Wait a few minutes after creating the identity and run the script again; check that the identity still exists; give the server an identity with Directory Readers. More: troubleshoot.html#sql-principal-not-found, beside the wizard'\''s page.' >&2
    exit 1
  fi
  echo 'Trying again in 20 s: Microsoft Entra ID may not know the new identity yet.' >&2
  sleep 20
done

# Write the component file into ./components.
mkdir -p components
cat > components/sql-state.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: sql-state
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

# Put the component file where Dapr on the VM reads it.
# Install Dapr on the VM once, if it is not there yet: the Dapr CLI, then
#   dapr init          # needs Docker: runs Dapr's services, Redis and Zipkin as containers
#   dapr init --slim   # without Docker: installs the daprd, placement and scheduler binaries, no containers
# --resources-path makes Dapr load the files in ./components only, not the defaults dapr init writes.
# These components need Dapr 1.17 or later (state.sqlserver v2 is registered from Dapr 1.17): dapr init installs the newest release; with --runtime-version pick 1.17.0 or later.
# Copy components/sql-state.yaml to the VM, into a components folder beside the app, and start the app with Dapr:
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
        --scripts 'curl -s --max-time 5 -o /dev/null -w "%{http_code}\n" -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/"' \
        --query 'value[0].message' -o tsv | grep -x 200; then
      break
    fi
    if [ "$attempt" = 6 ]; then
      echo 'The VM'\''s instance metadata service (169.254.169.254) gave no token for the system-assigned identity after 6 tries: so Dapr on the VM cannot sign in either. Likely cause: The identity is not attached to the VM yet (on a scale set: the instance is not on the latest model), the client id is not one of its identities, or the VM cannot reach 169.254.169.254 (a proxy or a firewall rule in the VM). Fix: Attach the identity to the VM (or update the scale set'\''s instances), check the client id, and let the VM reach 169.254.169.254 without a proxy (NO_PROXY=169.254.169.254). More: troubleshoot.html#imds-no-token, beside the wizard'\''s page.' >&2
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
Its "components" list must name sql-state.'
    fi
  fi
  if [ "$DAPR_METADATA_ANSWERED" != 0 ]; then
    DAPR_COMPONENTS_MISSING=$(printf %s '')
    DAPR_COMPONENT_LOADED=$(printf '%s\n' "$DAPR_METADATA" | grep -c -F -- '{"name":"sql-state","type":"state.sqlserver"' || true)
    if [ "$DAPR_COMPONENT_LOADED" = 0 ]; then
      DAPR_COMPONENTS_MISSING=$(printf %s "${DAPR_COMPONENTS_MISSING} sql-state")
    fi
    if [ "$DAPR_COMPONENTS_MISSING" != '' ]; then
      echo "Not listed by Dapr's metadata API on the VM:${DAPR_COMPONENTS_MISSING}." >&2
      echo 'Dapr'\''s metadata API on the VM does not list every component: daprd runs without the ones named above. The dapr run line this script prints starts it with --app-id orders-api and --resources-path ./components. Likely cause: daprd answered, so it started, but without these components: dapr run was started under another app id than the components'\'' scope or without --resources-path pointing at the component files, or a component failed to initialize and ignoreErrors let daprd go on without it. Fix: Read the dapr run output for the "Failed to init component" line of each component not listed (paste it into the troubleshooting page'\''s search box), start the app with the dapr run line the script prints, then run the script again. More: troubleshoot.html#dapr-component-not-in-metadata, beside the wizard'\''s page.' >&2
      exit 1
    fi
    printf '%s\n' 'Dapr'\''s metadata API on the VM lists every component: sql-state.'
  fi
fi

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
# Run it again once the app runs under dapr run (this script prints the command, with --dapr-http-port 3500):
# that run changes nothing and checks through Run Command that Dapr loaded each component.
