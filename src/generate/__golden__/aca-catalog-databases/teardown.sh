#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of 11 Dapr components on Azure Container Apps, User-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=aca&identity=user&resourceGroup=rg-orders&hostName=orders-api&environment=env-orders&identityName=id-orders&appId=orders-api&component=state.postgresql&name=pg-state&m.host=pg-orders.postgres.database.azure.com&m.database=orders&c2.component=state.postgresql&c2.version=v1&c2.name=pg-state-v1&c2.m.host=pg-orders.postgres.database.azure.com&c2.m.database=legacy&c3.component=bindings.postgresql&c3.m.host=pg-orders.postgres.database.azure.com&c3.m.database=orders&c4.component=configuration.postgresql&c4.name=pg-config&c4.m.host=pg-orders.postgres.database.azure.com&c4.m.database=orders&c4.m.table=appconfig&c5.component=state.sqlserver&c5.name=sql-state&c5.m.host=sql-orders.database.windows.net&c5.m.database=orders&c6.component=state.sqlserver&c6.name=sql-state-v1&c6.m.host=sql-orders.database.windows.net&c6.m.database=legacy&c6.sqlRoles=owner&c7.component=state.redis&c7.name=redis-state&c7.m.redisHost=redis-orders.redis.cache.windows.net%3A6380&c8.component=pubsub.redis&c8.name=redis-pubsub&c8.m.redisHost=redis-orders.redis.cache.windows.net%3A6380&c9.component=bindings.redis&c9.m.redisHost=redis-orders.redis.cache.windows.net%3A6380&c10.component=configuration.redis&c10.name=redis-config&c10.m.redisHost=redis-orders.redis.cache.windows.net%3A6380&c11.component=lock.redis&c11.m.redisHost=redis-orders.redis.cache.windows.net%3A6380
# Takes back what setup-dapr-identity.sh added: the grants (database users last among them), then the host's
# own changes, the identity only if asked. Role assignments carry the setup's description and an identity its tag; where the
# setup leaves no mark (components, access policies, database users of its names), what
# has those names and still names this identity is taken to be the setup's. A grant that another setup for
# this identity also relies on goes too: both made the same one.
# Safe to run again: every step looks before it removes.
# Dry run: DRY_RUN=1 bash teardown-dapr-identity.sh prints each command that would remove something instead of running it.
# Run it with Bash after `az login`. Needs Azure CLI 2.57 or later (the first with `az redis access-policy-assignment`). Older: run `az upgrade`; an Azure CLI from a Linux distribution's own package (Debian's azure-cli, for one) upgrades only to that distribution's version, so install Microsoft's instead: https://learn.microsoft.com/cli/azure/install-azure-cli.
# DELETE_IDENTITY=1 also deletes the identity id-orders, if the setup created it (tag createdBy=dapr-mi-wizard).
# PG_ADMIN=<name> signs psql in as that Microsoft Entra admin of the PostgreSQL server (empty: your az
# user name): for an admin group you belong to, the group's name; for a service principal, its display name. The
# admins: az postgres flexible-server microsoft-entra-admin list -g <group> -s <server> (ad-admin in older CLIs, 2.45).

RESOURCE_GROUP=rg-orders
CONTAINER_APP_NAME=orders-api
ENVIRONMENT_NAME=env-orders
IDENTITY_NAME=id-orders
POSTGRES_SERVER_NAME=pg-orders
SQL_SERVER_NAME=sql-orders
REDIS_CACHE_NAME=redis-orders

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
SQL_SERVER_ID=$(az sql server show \
    --name "$SQL_SERVER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
if [ "$SQL_SERVER_ID" = '' ]; then
  printf '%s\n' 'The Azure SQL server sql-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi
REDIS_CACHE_ID=$(az redis show \
    --name "$REDIS_CACHE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
if [ "$REDIS_CACHE_ID" = '' ]; then
  printf '%s\n' 'The Azure Cache for Redis redis-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi

# Read the user-assigned identity (all empty once it is gone): its principal id finds the grants, its tag says whether the setup created it.
IDENTITY_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].id | [0]" -o tsv)
PRINCIPAL_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].principalId | [0]" -o tsv)
CLIENT_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].clientId | [0]" -o tsv)
IDENTITY_CREATED_BY=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].tags.createdBy | [0]" -o tsv)

# Remove the Data Owner data access policy assignment id-orders on the Redis cache redis-orders, if it still gives this identity that policy.
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$REDIS_CACHE_ID" != '' ]; then
    # Needs Azure CLI 2.57 or later (az redis access-policy-assignment), as the setup did.
    REDIS_CACHE_POLICY_ASSIGNMENT=$(az redis access-policy-assignment list \
        --name "$REDIS_CACHE_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --query "[?name=='id-orders' && objectId=='${PRINCIPAL_ID}' && accessPolicyName=='Data Owner'] | length(@)" -o tsv)
    if [ "$REDIS_CACHE_POLICY_ASSIGNMENT" = 1 ]; then
      run az redis access-policy-assignment delete \
          --name "$REDIS_CACHE_NAME" \
          --resource-group "$RESOURCE_GROUP" \
          --policy-assignment-name id-orders -o none
    fi
  fi
fi

# Drop the database user id-orders from legacy on sql-orders, if it signs in as this identity.
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$SQL_SERVER_ID" != '' ]; then
    # Needs go-sqlcmd, and you signed in to az as a Microsoft Entra admin of the server, as the setup did.
    if [ "$CLIENT_ID" != '' ]; then
      SQL_SERVER_DATABASE_FOUND=$(sqlcmd \
          --server sql-orders.database.windows.net \
          --database-name master \
          --authentication-method ActiveDirectoryAzCli \
          --exit-on-error \
          --headers -1 \
          --query 'SET NOCOUNT ON; SELECT COUNT(*) FROM sys.databases WHERE name = N'\''legacy'\'';' | tr -d '[:space:]' || true)
      if [ "$SQL_SERVER_DATABASE_FOUND" = 0 ]; then
        printf '%s\n' 'The database legacy on sql-orders is not there (dropped since the setup?): its users went with it, none is dropped there.'
      fi
      if [ "$SQL_SERVER_DATABASE_FOUND" = 1 ]; then
        run sqlcmd \
            --server sql-orders.database.windows.net \
            --database-name legacy \
            --authentication-method ActiveDirectoryAzCli \
            --exit-on-error \
            --query "IF EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'id-orders' AND sid = CAST(CAST('${CLIENT_ID}' AS uniqueidentifier) AS varbinary(16))) DROP USER [id-orders];"
      fi
      if [ "$SQL_SERVER_DATABASE_FOUND" != 0 ]; then
        if [ "$SQL_SERVER_DATABASE_FOUND" != 1 ]; then
          sqlcmd \
              --server sql-orders.database.windows.net \
              --database-name master \
              --authentication-method ActiveDirectoryAzCli \
              --exit-on-error \
              --headers -1 \
              --query 'SET NOCOUNT ON; SELECT COUNT(*) FROM sys.databases WHERE name = N'\''legacy'\'';' || true
          echo 'Could not read sys.databases in master on sql-orders (the error above), so the teardown stops before its database users. Likely cause: The sqlcmd that runs is not go-sqlcmd: it is missing (sqlcmd: command not found), or the older ODBC sqlcmd (mssql-tools) comes first on the PATH, which knows none of the double-dash flags the script passes (--authentication-method ActiveDirectoryAzCli, --exit-on-error, --headers; go-sqlcmd added them, and they do not work in the ODBC sqlcmd). Or the server refused your sign-in: az is signed in as an account that is not a Microsoft Entra admin of the server, or the server'\''s firewall does not admit this machine. Fix: Run command -v sqlcmd to see which sqlcmd runs; install go-sqlcmd and put it first on the PATH; sign in to az as a Microsoft Entra admin of the server, from an address its firewall admits; then run the teardown again. More: troubleshoot.html#sql-database-lookup-failed, beside the wizard'\''s page.' >&2
          exit 1
        fi
      fi
    fi
    if [ "$CLIENT_ID" = '' ]; then
      printf '%s\n' 'The identity'\''s client id could not be read (az identity list, above), so the database user id-orders in legacy on sql-orders is kept: it cannot be matched to this identity. Drop it yourself (DROP USER) once you know it is this identity'\''s, or run this teardown again.'
    fi
  fi
fi

# Drop the database user id-orders from orders on sql-orders, if it signs in as this identity.
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$SQL_SERVER_ID" != '' ]; then
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
            --query "IF EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'id-orders' AND sid = CAST(CAST('${CLIENT_ID}' AS uniqueidentifier) AS varbinary(16))) DROP USER [id-orders];"
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
      printf '%s\n' 'The identity'\''s client id could not be read (az identity list, above), so the database user id-orders in orders on sql-orders is kept: it cannot be matched to this identity. Drop it yourself (DROP USER) once you know it is this identity'\''s, or run this teardown again.'
    fi
  fi
fi

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
      POSTGRES_SERVER_DATABASE_FOUND=$(psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=postgres sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c 'SELECT count(*) FROM pg_database WHERE datname = '\''orders'\'';')
      if [ "$POSTGRES_SERVER_DATABASE_FOUND" = 0 ]; then
        printf '%s\n' 'The database orders on pg-orders is not there (dropped since the setup?): its grants to id-orders went with it, none is taken back there.'
      fi
      if [ "$POSTGRES_SERVER_DATABASE_FOUND" != 0 ]; then
        run psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=orders sslmode=require' -v ON_ERROR_STOP=1 -c 'REVOKE USAGE ON SCHEMA public FROM "id-orders";'
        POSTGRES_SERVER_TABLE_1_FOUND=$(psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=orders sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c 'SELECT to_regclass('\''appconfig'\'') IS NOT NULL;')
        if [ "$POSTGRES_SERVER_TABLE_1_FOUND" = t ]; then
          run psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=orders sslmode=require' -v ON_ERROR_STOP=1 -c 'REVOKE SELECT ON TABLE appconfig FROM "id-orders";'
        fi
      fi
    fi
  fi
fi

# Take back the PostgreSQL grants of id-orders on pg-orders for postgres-binding, if the role still signs in as this identity.
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$POSTGRES_SERVER_ID" != '' ]; then
    POSTGRES_SERVER_ROLE_MAPPED=$(psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=postgres sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c "SELECT count(*) FROM pg_catalog.pgaadauth_list_principals(false) AS p(role_name, principal_type, object_id) WHERE p.role_name = 'id-orders' AND lower(p.object_id::text) = lower('${PRINCIPAL_ID}');")
    if [ "$POSTGRES_SERVER_ROLE_MAPPED" = 1 ]; then
      POSTGRES_SERVER_DATABASE_FOUND=$(psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=postgres sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c 'SELECT count(*) FROM pg_database WHERE datname = '\''orders'\'';')
      if [ "$POSTGRES_SERVER_DATABASE_FOUND" = 0 ]; then
        printf '%s\n' 'The database orders on pg-orders is not there (dropped since the setup?): its grants to id-orders went with it, none is taken back there.'
      fi
      if [ "$POSTGRES_SERVER_DATABASE_FOUND" != 0 ]; then
        run psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=orders sslmode=require' -v ON_ERROR_STOP=1 -c 'REVOKE USAGE ON SCHEMA public FROM "id-orders";'
      fi
    fi
  fi
fi

# Take back the PostgreSQL grants of id-orders on pg-orders for pg-state-v1, if the role still signs in as this identity.
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$POSTGRES_SERVER_ID" != '' ]; then
    POSTGRES_SERVER_ROLE_MAPPED=$(psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=postgres sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c "SELECT count(*) FROM pg_catalog.pgaadauth_list_principals(false) AS p(role_name, principal_type, object_id) WHERE p.role_name = 'id-orders' AND lower(p.object_id::text) = lower('${PRINCIPAL_ID}');")
    if [ "$POSTGRES_SERVER_ROLE_MAPPED" = 1 ]; then
      POSTGRES_SERVER_DATABASE_FOUND=$(psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=postgres sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c 'SELECT count(*) FROM pg_database WHERE datname = '\''legacy'\'';')
      if [ "$POSTGRES_SERVER_DATABASE_FOUND" = 0 ]; then
        printf '%s\n' 'The database legacy on pg-orders is not there (dropped since the setup?): its grants to id-orders went with it, none is taken back there.'
      fi
      if [ "$POSTGRES_SERVER_DATABASE_FOUND" != 0 ]; then
        run psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=legacy sslmode=require' -v ON_ERROR_STOP=1 -c 'REVOKE USAGE, CREATE ON SCHEMA public FROM "id-orders";'
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

# Remove the components the setup added to the Container Apps environment, if still as the setup wrote them (type, scopes orders-api, this identity's client id); one changed since is kept.
COMPONENTS_CLIENT_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].clientId | [0]" -o tsv)
if [ "$COMPONENTS_CLIENT_ID" != '' ]; then
  ENV_COMPONENT_1=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''pg-state'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_1" = "state.postgresql|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name pg-state
  fi
  if [ "$ENV_COMPONENT_1" != '' ]; then
    if [ "$ENV_COMPONENT_1" != '||' ]; then
      if [ "$ENV_COMPONENT_1" != "state.postgresql|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component pg-state in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name pg-state'
      fi
    fi
  fi
  ENV_COMPONENT_2=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''pg-state-v1'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_2" = "state.postgresql|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name pg-state-v1
  fi
  if [ "$ENV_COMPONENT_2" != '' ]; then
    if [ "$ENV_COMPONENT_2" != '||' ]; then
      if [ "$ENV_COMPONENT_2" != "state.postgresql|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component pg-state-v1 in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name pg-state-v1'
      fi
    fi
  fi
  ENV_COMPONENT_3=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''postgres-binding'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_3" = "bindings.postgresql|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name postgres-binding
  fi
  if [ "$ENV_COMPONENT_3" != '' ]; then
    if [ "$ENV_COMPONENT_3" != '||' ]; then
      if [ "$ENV_COMPONENT_3" != "bindings.postgresql|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component postgres-binding in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name postgres-binding'
      fi
    fi
  fi
  ENV_COMPONENT_4=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''pg-config'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_4" = "configuration.postgresql|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name pg-config
  fi
  if [ "$ENV_COMPONENT_4" != '' ]; then
    if [ "$ENV_COMPONENT_4" != '||' ]; then
      if [ "$ENV_COMPONENT_4" != "configuration.postgresql|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component pg-config in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name pg-config'
      fi
    fi
  fi
  ENV_COMPONENT_5=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''sql-state'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_5" = "state.sqlserver|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name sql-state
  fi
  if [ "$ENV_COMPONENT_5" != '' ]; then
    if [ "$ENV_COMPONENT_5" != '||' ]; then
      if [ "$ENV_COMPONENT_5" != "state.sqlserver|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component sql-state in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name sql-state'
      fi
    fi
  fi
  ENV_COMPONENT_6=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''sql-state-v1'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_6" = "state.sqlserver|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name sql-state-v1
  fi
  if [ "$ENV_COMPONENT_6" != '' ]; then
    if [ "$ENV_COMPONENT_6" != '||' ]; then
      if [ "$ENV_COMPONENT_6" != "state.sqlserver|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component sql-state-v1 in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name sql-state-v1'
      fi
    fi
  fi
  ENV_COMPONENT_7=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''redis-state'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_7" = "state.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name redis-state
  fi
  if [ "$ENV_COMPONENT_7" != '' ]; then
    if [ "$ENV_COMPONENT_7" != '||' ]; then
      if [ "$ENV_COMPONENT_7" != "state.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component redis-state in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name redis-state'
      fi
    fi
  fi
  ENV_COMPONENT_8=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''redis-pubsub'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_8" = "pubsub.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name redis-pubsub
  fi
  if [ "$ENV_COMPONENT_8" != '' ]; then
    if [ "$ENV_COMPONENT_8" != '||' ]; then
      if [ "$ENV_COMPONENT_8" != "pubsub.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component redis-pubsub in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name redis-pubsub'
      fi
    fi
  fi
  ENV_COMPONENT_9=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''redis-binding'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_9" = "bindings.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name redis-binding
  fi
  if [ "$ENV_COMPONENT_9" != '' ]; then
    if [ "$ENV_COMPONENT_9" != '||' ]; then
      if [ "$ENV_COMPONENT_9" != "bindings.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component redis-binding in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name redis-binding'
      fi
    fi
  fi
  ENV_COMPONENT_10=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''redis-config'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_10" = "configuration.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name redis-config
  fi
  if [ "$ENV_COMPONENT_10" != '' ]; then
    if [ "$ENV_COMPONENT_10" != '||' ]; then
      if [ "$ENV_COMPONENT_10" != "configuration.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component redis-config in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name redis-config'
      fi
    fi
  fi
  ENV_COMPONENT_11=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''lockstore'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_11" = "lock.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name lockstore
  fi
  if [ "$ENV_COMPONENT_11" != '' ]; then
    if [ "$ENV_COMPONENT_11" != '||' ]; then
      if [ "$ENV_COMPONENT_11" != "lock.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component lockstore in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name lockstore'
      fi
    fi
  fi
fi
if [ "$COMPONENTS_CLIENT_ID" = '' ]; then
  ENV_COMPONENTS_KEPT=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query 'join('\'', '\'', [?contains(`["pg-state","pg-state-v1","postgres-binding","pg-config","sql-state","sql-state-v1","redis-state","redis-pubsub","redis-binding","redis-config","lockstore"]`, name)].name)' -o tsv || true)
  if [ "$ENV_COMPONENTS_KEPT" != '' ]; then
    printf '%s\n' "The identity is gone, so its client id cannot be read and no component can be matched to it. Kept in the Container Apps environment env-orders: ${ENV_COMPONENTS_KEPT}. If the setup wrote one and nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name <name>"
  fi
fi

# Take the user-assigned identity off the container app if the setup created it (and so attached it); one that existed before stays attached.
if [ "$IDENTITY_ID" != '' ]; then
  IDENTITY_ATTACHED=$(az containerapp show \
      --name "$CONTAINER_APP_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query "[identity.userAssignedIdentities.*.principalId] | [] | [?@=='${PRINCIPAL_ID}'] | length(@)" -o tsv || true)
  if [ "$IDENTITY_CREATED_BY" = dapr-mi-wizard ]; then
    if [ "$IDENTITY_ATTACHED" = 1 ]; then
      run az containerapp identity remove \
          --name "$CONTAINER_APP_NAME" \
          --resource-group "$RESOURCE_GROUP" \
          --user-assigned "$IDENTITY_ID" -o none
    fi
  fi
  if [ "$IDENTITY_CREATED_BY" != dapr-mi-wizard ]; then
    if [ "$IDENTITY_ATTACHED" = 1 ]; then
      printf '%s\n' "The identity existed before the setup (it has no createdBy=dapr-mi-wizard tag), so it stays attached to the container app, though the setup attached it. If it was not attached before, take it off: az containerapp identity remove --name ${CONTAINER_APP_NAME} --resource-group ${RESOURCE_GROUP} --user-assigned ${IDENTITY_ID}"
    fi
  fi
fi

# Kept: Dapr on the container app, with its app id (its callers use it).
# If the setup turned Dapr on and nothing else needs it, turn it off (its revisions restart):
#   az containerapp dapr disable --name orders-api --resource-group rg-orders

# Remove the files the setup wrote here (generated from the wizard: nothing else is in them).
run rm -f \
    -- components/pg-state.yaml components/pg-state-v1.yaml components/postgres-binding.yaml components/pg-config.yaml components/sql-state.yaml components/sql-state-v1.yaml components/redis-state.yaml components/redis-pubsub.yaml components/redis-binding.yaml components/redis-config.yaml components/lockstore.yaml

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
