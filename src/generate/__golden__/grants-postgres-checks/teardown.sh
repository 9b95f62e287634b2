#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of Azure Database for PostgreSQL state store and Azure Database for PostgreSQL configuration store on Virtual Machine, User-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=vm&identity=user&resourceGroup=rg-orders&hostName=vm-orders&identityName=id-orders&appId=orders-api&component=state.postgresql&name=pg-state&m.host=pg-orders.postgres.database.azure.com&m.database=orders&c2.component=configuration.postgresql&c2.name=pg-config&c2.m.host=pg-orders.postgres.database.azure.com&c2.m.database=settings&c2.m.table=appconfig
# Takes back what setup-dapr-identity.sh added: the grants (database users last among them), then the host's
# own changes, the identity only if asked. Role assignments carry the setup's description and an identity its tag; where the
# setup leaves no mark (components, access policies, database users of its names), what
# has those names and still names this identity is taken to be the setup's. A grant that another setup for
# this identity also relies on goes too: both made the same one.
# Safe to run again: every step looks before it removes.
# Dry run: DRY_RUN=1 bash teardown-dapr-identity.sh prints each command that would remove something instead of running it.
# Run it with Bash after `az login`.
# DELETE_IDENTITY=1 also deletes the identity id-orders, if the setup created it (tag createdBy=dapr-mi-wizard).
# PG_ADMIN=<name> signs psql in as that Microsoft Entra admin of the PostgreSQL server (empty: your az
# user name): for an admin group you belong to, the group's name; for a service principal, its display name. The
# admins: az postgres flexible-server microsoft-entra-admin list -g <group> -s <server> (ad-admin in older CLIs, 2.45).

RESOURCE_GROUP=rg-orders
VM_NAME=vm-orders
IDENTITY_NAME=id-orders
POSTGRES_SERVER_NAME=pg-orders

DELETE_IDENTITY="${DELETE_IDENTITY:-0}"
PG_ADMIN="${PG_ADMIN:-}"

DATABASE_ROLE_KEPT=0

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
POSTGRES_SERVER_ID=$(az postgres flexible-server show \
    --name "$POSTGRES_SERVER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
if [ "$POSTGRES_SERVER_ID" = '' ]; then
  printf '%s\n' 'The PostgreSQL server pg-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi

# Read the user-assigned identity (all empty once it is gone): its principal id finds the grants, its tag says whether the setup created it.
IDENTITY_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].id | [0]" -o tsv)
PRINCIPAL_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].principalId | [0]" -o tsv)
IDENTITY_CREATED_BY=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].tags.createdBy | [0]" -o tsv)

# Take back the PostgreSQL grants of id-orders on pg-orders for pg-config, if the role still signs in as this identity.
if [ "$PRINCIPAL_ID" != '' ]; then
  # Needs psql, and you signed in to az as a Microsoft Entra admin of the server (or a member of an admin
  # group): your token is the password. psql signs in as PG_ADMIN, else as your az user name.
  if [ "$PG_ADMIN" = '' ]; then
    PG_ADMIN=$(az account show --query user.name -o tsv)
  fi
  export "PGUSER=${PG_ADMIN}"
  PGPASSWORD=$(az account get-access-token --resource-type oss-rdbms --query accessToken -o tsv)
  export PGPASSWORD
  if [ "$POSTGRES_SERVER_ID" != '' ]; then
    POSTGRES_SERVER_ROLE_MAPPED=$(psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=postgres sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c "SELECT count(*) FROM pg_catalog.pgaadauth_list_principals(false) AS p(role_name, principal_type, object_id) WHERE p.role_name = 'id-orders' AND lower(p.object_id::text) = lower('${PRINCIPAL_ID}');")
    if [ "$POSTGRES_SERVER_ROLE_MAPPED" = 1 ]; then
      POSTGRES_SERVER_DATABASE_FOUND=$(psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=postgres sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c 'SELECT count(*) FROM pg_database WHERE datname = '\''settings'\'';')
      if [ "$POSTGRES_SERVER_DATABASE_FOUND" = 0 ]; then
        printf '%s\n' 'The database settings on pg-orders is not there (dropped since the setup?): its grants to id-orders went with it, none is taken back there.'
      fi
      if [ "$POSTGRES_SERVER_DATABASE_FOUND" != 0 ]; then
        run psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=settings sslmode=require' -v ON_ERROR_STOP=1 -c 'REVOKE USAGE ON SCHEMA public FROM "id-orders";'
        POSTGRES_SERVER_TABLE_1_FOUND=$(psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=settings sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c 'SELECT to_regclass('\''appconfig'\'') IS NOT NULL;')
        if [ "$POSTGRES_SERVER_TABLE_1_FOUND" = t ]; then
          run psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=settings sslmode=require' -v ON_ERROR_STOP=1 -c 'REVOKE SELECT ON TABLE appconfig FROM "id-orders";'
        fi
      fi
    fi
  fi
fi

# Take back the PostgreSQL grants of id-orders on pg-orders (pg-state) and drop the role, if it still signs in as this identity.
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$POSTGRES_SERVER_ID" != '' ]; then
    POSTGRES_SERVER_ROLE_MAPPED=$(psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=postgres sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c "SELECT count(*) FROM pg_catalog.pgaadauth_list_principals(false) AS p(role_name, principal_type, object_id) WHERE p.role_name = 'id-orders' AND lower(p.object_id::text) = lower('${PRINCIPAL_ID}');")
    if [ "$POSTGRES_SERVER_ROLE_MAPPED" = 1 ]; then
      POSTGRES_SERVER_DATABASE_FOUND=$(psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=postgres sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c 'SELECT count(*) FROM pg_database WHERE datname = '\''orders'\'';')
      if [ "$POSTGRES_SERVER_DATABASE_FOUND" = 0 ]; then
        printf '%s\n' 'The database orders on pg-orders is not there (dropped since the setup?): its grants to id-orders went with it, none is taken back there.'
      fi
      if [ "$POSTGRES_SERVER_DATABASE_FOUND" != 0 ]; then
        run psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=orders sslmode=require' -v ON_ERROR_STOP=1 -c 'REVOKE USAGE, CREATE ON SCHEMA public FROM "id-orders";'
      fi
      if ! run psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=postgres sslmode=require' -v ON_ERROR_STOP=1 -c 'DROP ROLE "id-orders";'; then
        echo 'The PostgreSQL role id-orders on pg-orders could not be dropped: most likely it still owns tables Dapr created (its state table) or holds rights given outside this script. Those tables hold the app'\''s data, so the teardown does not drop them; it goes on with the rest and keeps the identity the role signs in as. Fix, signed in as the server'\''s Entra admin that ran the setup (it most likely made the role; the admin is no superuser, and on PostgreSQL 16 and later only a role with ADMIN OPTION on it, as its maker has, may grant it): (1) GRANT "id-orders" TO CURRENT_USER; (2) in each database the error above names (objects it lists with no database are in postgres, where the script ran DROP ROLE), either keep the data: REASSIGN OWNED BY "id-orders" TO CURRENT_USER; DROP OWNED BY "id-orders"; or delete it: DROP OWNED BY "id-orders"; (3) run this script again. More: troubleshoot.html#postgres-role-not-dropped, beside the wizard'\''s page.' >&2
        DATABASE_ROLE_KEPT=1
      fi
    fi
  fi
fi

# Remove the component files: the copies the setup wrote here, and yours on the VM.
run rm -f -- components/pg-state.yaml components/pg-config.yaml
# Delete components/pg-state.yaml, components/pg-config.yaml from the components folder on the VM too, and restart the app without them.

# Take the user-assigned identity off the VM if the setup created it (and so attached it); one that existed before stays attached.
if [ "$IDENTITY_ID" != '' ]; then
  IDENTITY_ATTACHED=$(az vm show \
      --name "$VM_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query "[identity.userAssignedIdentities.*.principalId] | [] | [?@=='${PRINCIPAL_ID}'] | length(@)" -o tsv || true)
  if [ "$IDENTITY_CREATED_BY" = dapr-mi-wizard ]; then
    if [ "$IDENTITY_ATTACHED" = 1 ]; then
      run az vm identity remove \
          --name "$VM_NAME" \
          --resource-group "$RESOURCE_GROUP" \
          --identities "$IDENTITY_ID" -o none
    fi
  fi
  if [ "$IDENTITY_CREATED_BY" != dapr-mi-wizard ]; then
    if [ "$IDENTITY_ATTACHED" = 1 ]; then
      printf '%s\n' "The identity existed before the setup (it has no createdBy=dapr-mi-wizard tag), so it stays attached to the VM, though the setup attached it. If it was not attached before, take it off: az vm identity remove --name ${VM_NAME} --resource-group ${RESOURCE_GROUP} --identities ${IDENTITY_ID}"
    fi
  fi
fi

# Delete the user-assigned identity only if the setup created it (tag createdBy=dapr-mi-wizard) and you ask (DELETE_IDENTITY=1).
# An identity that existed before the setup has no such tag and is kept. Without DELETE_IDENTITY=1 it is kept too:
# a new identity of the same name would get new ids, and every grant would have to be made again.
if [ "$IDENTITY_CREATED_BY" = dapr-mi-wizard ]; then
  if [ "$DELETE_IDENTITY" = 1 ]; then
    if [ "$DATABASE_ROLE_KEPT" = 0 ]; then
      run az identity delete --name "$IDENTITY_NAME" --resource-group "$RESOURCE_GROUP" -o none
    fi
  fi
fi

# End with an error if a PostgreSQL role could not be dropped (said above): everything else is taken back.
if [ "$DATABASE_ROLE_KEPT" = 1 ]; then
  echo 'The teardown is not complete: a PostgreSQL role could not be dropped (see above), so the identity it signs in as was kept (not deleted, not turned off). Everything else was taken back. After REASSIGN OWNED and DROP OWNED (or DROP OWNED alone) in each database, run this script again. More: troubleshoot.html#postgres-role-not-dropped, beside the wizard'\''s page.' >&2
  exit 1
fi

# Done. Running it again finds nothing left to remove and changes nothing.
# Kept on purpose: the Azure resources themselves, and any grant the setup did not make (a role assignment
# without the description "Created by the Dapr Managed Identity Wizard", an access policy with more permissions).
