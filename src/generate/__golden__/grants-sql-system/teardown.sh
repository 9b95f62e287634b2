#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of Azure SQL state store on Virtual Machine, System-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=vm&resourceGroup=rg-orders&hostName=vm-orders&appId=orders-api&component=state.sqlserver&name=sql-state&m.host=sql-orders.database.windows.net&m.database=orders
# Takes back what setup-dapr-identity.sh added: the grants (database users last among them), then the host's
# own changes, the identity only if asked. Role assignments carry the setup's description; where the
# setup leaves no mark (components, access policies, database users of its names), what
# has those names and still names this identity is taken to be the setup's. A grant that another setup for
# this identity also relies on goes too: both made the same one.
# Safe to run again: every step looks before it removes.
# Dry run: DRY_RUN=1 bash teardown-dapr-identity.sh prints each command that would remove something instead of running it.
# Run it with Bash after `az login`.
# REMOVE_SYSTEM_IDENTITY=1 also turns off the VM's system-assigned identity (the teardown cannot tell whether the setup turned it on; other grants to it stop working).

RESOURCE_GROUP=rg-orders
VM_NAME=vm-orders
SQL_SERVER_NAME=sql-orders

REMOVE_SYSTEM_IDENTITY="${REMOVE_SYSTEM_IDENTITY:-0}"

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

# Look up the resources the setup granted on (each grant is on one of them); one that is gone is skipped.
SQL_SERVER_ID=$(az sql server show \
    --name "$SQL_SERVER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
if [ "$SQL_SERVER_ID" = '' ]; then
  printf '%s\n' 'The Azure SQL server sql-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi

# Read the VM's system-assigned principal id (empty if it has none, or once the VM is gone): the grants below are looked up by it.
PRINCIPAL_ID=$(az vm show \
    --name "$VM_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query identity.principalId -o tsv || true)
if [ "$PRINCIPAL_ID" = '' ]; then
  printf '%s\n' 'The VM vm-orders is not there, is not readable with your sign-in, or has no system-assigned identity: no grant is looked up or removed. If an earlier teardown removed it, it removed the grants first and nothing is left. If it was deleted or its identity turned off otherwise since the setup, what the setup granted to that identity is kept.'
fi

# Drop the database user vm-orders from orders on sql-orders, if it signs in as this identity.
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$SQL_SERVER_ID" != '' ]; then
    CLIENT_ID=$(az ad sp show --id "$PRINCIPAL_ID" --query appId -o tsv || true)
    # Needs go-sqlcmd, and you signed in to az as a Microsoft Entra admin of the server, as the setup did.
    if [ "$CLIENT_ID" != '' ]; then
      SQL_SERVER_DATABASE_FOUND=$(sqlcmd \
          --server sql-orders.database.windows.net \
          --database-name master \
          --authentication-method ActiveDirectoryAzCli \
          --exit-on-error \
          --headers -1 \
          --query 'SET NOCOUNT ON; SELECT COUNT(*) FROM sys.databases WHERE name = N'\''orders'\'';' | tr -d '[:space:]' || true)
      if [ "$SQL_SERVER_DATABASE_FOUND" = 0 ]; then
        printf '%s\n' 'The database orders on sql-orders is not there (dropped since the setup?): its users went with it, none is dropped there.'
      fi
      if [ "$SQL_SERVER_DATABASE_FOUND" = 1 ]; then
        run sqlcmd \
            --server sql-orders.database.windows.net \
            --database-name orders \
            --authentication-method ActiveDirectoryAzCli \
            --exit-on-error \
            --query "IF EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'vm-orders' AND sid = CAST(CAST('${CLIENT_ID}' AS uniqueidentifier) AS varbinary(16))) DROP USER [vm-orders];"
      fi
      if [ "$SQL_SERVER_DATABASE_FOUND" != 0 ]; then
        if [ "$SQL_SERVER_DATABASE_FOUND" != 1 ]; then
          sqlcmd \
              --server sql-orders.database.windows.net \
              --database-name master \
              --authentication-method ActiveDirectoryAzCli \
              --exit-on-error \
              --headers -1 \
              --query 'SET NOCOUNT ON; SELECT COUNT(*) FROM sys.databases WHERE name = N'\''orders'\'';' || true
          echo 'Could not read sys.databases in master on sql-orders (the error above), so the teardown stops before its database users. Likely cause: The sqlcmd that runs is not go-sqlcmd: it is missing (sqlcmd: command not found), or the older ODBC sqlcmd (mssql-tools) comes first on the PATH, which knows none of the double-dash flags the script passes (--authentication-method ActiveDirectoryAzCli, --exit-on-error, --headers; go-sqlcmd added them, and they do not work in the ODBC sqlcmd). Or the server refused your sign-in: az is signed in as an account that is not a Microsoft Entra admin of the server, or the server'\''s firewall does not admit this machine. Fix: Run command -v sqlcmd to see which sqlcmd runs; install go-sqlcmd and put it first on the PATH; sign in to az as a Microsoft Entra admin of the server, from an address its firewall admits; then run the teardown again. More: troubleshoot.html#sql-database-lookup-failed, beside the wizard'\''s page.' >&2
          exit 1
        fi
      fi
    fi
    if [ "$CLIENT_ID" = '' ]; then
      printf '%s\n' 'The identity'\''s client id could not be read (az ad sp show, above), so the database user vm-orders in orders on sql-orders is kept: it cannot be matched to this identity. Drop it yourself (DROP USER) once you know it is this identity'\''s, or run this teardown again.'
    fi
  fi
fi

# Remove the component files: the copies the setup wrote here, and yours on the VM.
run rm -f -- components/sql-state.yaml
# Delete components/sql-state.yaml from the components folder on the VM too, and restart the app without them.

# Turn off the VM's system-assigned identity only if you ask (REMOVE_SYSTEM_IDENTITY=1): the teardown cannot tell whether the setup turned it on, and every other grant to it stops working.
if [ "$REMOVE_SYSTEM_IDENTITY" = 1 ]; then
  if [ "$PRINCIPAL_ID" != '' ]; then
    run az vm identity remove \
        --name "$VM_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --identities '[system]' -o none
  fi
fi

# Done. Running it again finds nothing left to remove and changes nothing.
# Kept on purpose: the Azure resources themselves, and any grant the setup did not make (a role assignment
# without the description "Created by the Dapr Managed Identity Wizard", an access policy with more permissions).
