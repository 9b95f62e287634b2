#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of 11 Dapr components on Azure Kubernetes Service (AKS), Microsoft Entra Workload ID (recommended).
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#resourceGroup=rg-orders&hostName=aks-prod&identityName=id-orders&namespace=orders&serviceAccount=orders-api&deployment=orders-api&appId=orders-api&component=state.postgresql&name=pg-state&m.host=pg-orders.postgres.database.azure.com&m.database=orders&c2.component=state.postgresql&c2.version=v1&c2.name=pg-state-v1&c2.m.host=pg-orders.postgres.database.azure.com&c2.m.database=legacy&c3.component=bindings.postgresql&c3.m.host=pg-orders.postgres.database.azure.com&c3.m.database=orders&c4.component=configuration.postgresql&c4.name=pg-config&c4.m.host=pg-orders.postgres.database.azure.com&c4.m.database=orders&c4.m.table=appconfig&c5.component=state.sqlserver&c5.name=sql-state&c5.m.host=sql-orders.database.windows.net&c5.m.database=orders&c6.component=state.sqlserver&c6.version=v1&c6.name=sql-state-v1&c6.m.host=sql-orders.database.windows.net&c6.m.database=legacy&c6.sqlRoles=owner&c7.component=state.redis&c7.name=redis-state&c7.m.redisHost=redis-orders.redis.cache.windows.net%3A6380&c8.component=pubsub.redis&c8.name=redis-pubsub&c8.m.redisHost=redis-orders.redis.cache.windows.net%3A6380&c9.component=bindings.redis&c9.m.redisHost=redis-orders.redis.cache.windows.net%3A6380&c10.component=configuration.redis&c10.name=redis-config&c10.m.redisHost=redis-orders.redis.cache.windows.net%3A6380&c11.component=lock.redis&c11.m.redisHost=redis-orders.redis.cache.windows.net%3A6380
# Takes back what setup-dapr-identity.sh added: the grants (database users last among them), then the host's
# own changes, the identity only if asked. Role assignments carry the setup's description and an identity its tag; where the
# setup leaves no mark (access policies, database users of its names), what
# has those names and still names this identity is taken to be the setup's. A grant that another setup for
# this identity also relies on goes too: both made the same one.
# The federated credential carries no mark either: it is deleted by its name while it trusts exactly this
# cluster's issuer and this ServiceAccount, so one of that name and trust made before the setup goes too.
# The components and the ServiceAccount carry the setup's dapr-mi-wizard/created mark; a setup run stopped between
# applying one and marking it leaves it unmarked, and the teardown then keeps it and says so.
# Safe to run again: every step looks before it removes.
# Dry run: DRY_RUN=1 bash teardown-dapr-identity.sh prints each command that would remove something instead of running it.
# Run it with Bash after `az login`. Needs Azure CLI 2.57 or later (the first with `az redis access-policy-assignment`). Older: run `az upgrade`; an Azure CLI from a Linux distribution's own package (Debian's azure-cli, for one) upgrades only to that distribution's version, so install Microsoft's instead: https://learn.microsoft.com/cli/azure/install-azure-cli.
# DELETE_IDENTITY=1 also deletes the identity id-orders, if the setup created it (tag createdBy=dapr-mi-wizard).
# PG_ADMIN=<name> signs psql in as that Microsoft Entra admin of the PostgreSQL server (empty: your az
# user name): for an admin group you belong to, the group's name; for a service principal, its display name. The
# admins: az postgres flexible-server microsoft-entra-admin list -g <group> -s <server> (ad-admin in older CLIs, 2.45).

RESOURCE_GROUP=rg-orders
CLUSTER_NAME=aks-prod
IDENTITY_NAME=id-orders
NAMESPACE=orders
DEPLOYMENT_NAME=orders-api
SERVICE_ACCOUNT=orders-api
FEDERATED_CREDENTIAL_NAME=dapr-orders-orders-api
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

# Look up the cluster and its OIDC issuer, which the federated credential the setup made trusts (both empty once the cluster is gone).
CLUSTER_ID=$(az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
OIDC_ISSUER=$(az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query oidcIssuerProfile.issuerUrl -o tsv || true)

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

# Remove the federated credential the setup made, if it still trusts exactly this cluster's issuer and this ServiceAccount.
if [ "$IDENTITY_ID" != '' ]; then
  if [ "$OIDC_ISSUER" != '' ]; then
    FEDERATED_CREDENTIAL_FOUND=$(az identity federated-credential list \
        --identity-name "$IDENTITY_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --query "[?name=='${FEDERATED_CREDENTIAL_NAME}' && issuer=='${OIDC_ISSUER}' && subject=='system:serviceaccount:${NAMESPACE}:${SERVICE_ACCOUNT}'] | length(@)" -o tsv)
    if [ "$FEDERATED_CREDENTIAL_FOUND" = 1 ]; then
      run az identity federated-credential delete \
          --name "$FEDERATED_CREDENTIAL_NAME" \
          --identity-name "$IDENTITY_NAME" \
          --resource-group "$RESOURCE_GROUP" \
          --yes
    fi
  fi
  if [ "$OIDC_ISSUER" = '' ]; then
    printf '%s\n' "The cluster ${CLUSTER_NAME} has no OIDC issuer (or is gone), so the federated credential ${FEDERATED_CREDENTIAL_NAME} cannot be told from another cluster's: it is kept. If no cluster signs in through it, delete it: az identity federated-credential delete --name ${FEDERATED_CREDENTIAL_NAME} --identity-name ${IDENTITY_NAME} --resource-group ${RESOURCE_GROUP} --yes"
  fi
fi

# Once the cluster is gone, its components, ServiceAccount and Deployment went with it.
# Kept: the namespace, the OIDC issuer and Workload ID on the cluster (other workloads may use them).
if [ "$CLUSTER_ID" = '' ]; then
  printf '%s\n' "The cluster ${CLUSTER_NAME} is not in the resource group ${RESOURCE_GROUP}, or not readable with your sign-in: the steps in the cluster are skipped (a deleted cluster took its components, ServiceAccount and Deployment with it). The grants to the identity in Azure are removed above."
fi

# Point kubectl at the cluster (kubelogin signs it in through the Azure CLI on a cluster with Microsoft Entra integration).
if [ "$CLUSTER_ID" != '' ]; then
  az aks get-credentials \
      --name "$CLUSTER_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --overwrite-existing
  KUBECTL_SIGN_IN=$(kubectl config view --minify -o 'jsonpath={.users[0].user.exec.command}')
  if [ "$KUBECTL_SIGN_IN" = kubelogin ]; then
    if ! kubelogin convert-kubeconfig -l azurecli --context "$CLUSTER_NAME"; then
      echo 'The cluster signs kubectl in through Microsoft Entra ID with kubelogin, and "kubelogin convert-kubeconfig -l azurecli --context <cluster>" failed: if kubelogin is not installed, install it ("az aks install-cli" installs kubectl and kubelogin; or see https://github.com/Azure/kubelogin), then run the script again. Without the conversion each kubectl call would wait for a device-code sign-in. The grants and the federated credential above are removed; nothing in the cluster was changed. More: troubleshoot.html#aks-kubelogin-failed, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
fi

# Delete the components the setup applied, if the setup created them and they are still as it wrote (type, scopes orders-api), before the Deployment's pods restart below.
if [ "$CLUSTER_ID" != '' ]; then
  DAPR_CRD=$(kubectl get crd components.dapr.io --ignore-not-found -o name)
  if [ "$DAPR_CRD" = '' ]; then
    printf '%s\n' 'Dapr is not installed on the cluster any more (it has no components.dapr.io resource type): its components went with it, nothing to delete.'
  fi
  if [ "$DAPR_CRD" != '' ]; then
    COMPONENT_FOUND=$(kubectl get components.dapr.io pg-state \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = state.postgresql/orders-api/true ]; then
      run kubectl delete components.dapr.io pg-state --namespace "$NAMESPACE" --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != state.postgresql/orders-api/true ]; then
        printf '%s\n' "Kept: the component pg-state in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io pg-state --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io pg-state-v1 \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = state.postgresql/orders-api/true ]; then
      run kubectl delete components.dapr.io pg-state-v1 --namespace "$NAMESPACE" --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != state.postgresql/orders-api/true ]; then
        printf '%s\n' "Kept: the component pg-state-v1 in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io pg-state-v1 --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io postgres-binding \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = bindings.postgresql/orders-api/true ]; then
      run kubectl delete components.dapr.io postgres-binding \
          --namespace "$NAMESPACE" \
          --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != bindings.postgresql/orders-api/true ]; then
        printf '%s\n' "Kept: the component postgres-binding in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io postgres-binding --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io pg-config \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = configuration.postgresql/orders-api/true ]; then
      run kubectl delete components.dapr.io pg-config --namespace "$NAMESPACE" --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != configuration.postgresql/orders-api/true ]; then
        printf '%s\n' "Kept: the component pg-config in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io pg-config --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io sql-state \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = state.sqlserver/orders-api/true ]; then
      run kubectl delete components.dapr.io sql-state --namespace "$NAMESPACE" --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != state.sqlserver/orders-api/true ]; then
        printf '%s\n' "Kept: the component sql-state in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io sql-state --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io sql-state-v1 \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = state.sqlserver/orders-api/true ]; then
      run kubectl delete components.dapr.io sql-state-v1 --namespace "$NAMESPACE" --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != state.sqlserver/orders-api/true ]; then
        printf '%s\n' "Kept: the component sql-state-v1 in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io sql-state-v1 --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io redis-state \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = state.redis/orders-api/true ]; then
      run kubectl delete components.dapr.io redis-state --namespace "$NAMESPACE" --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != state.redis/orders-api/true ]; then
        printf '%s\n' "Kept: the component redis-state in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io redis-state --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io redis-pubsub \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = pubsub.redis/orders-api/true ]; then
      run kubectl delete components.dapr.io redis-pubsub --namespace "$NAMESPACE" --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != pubsub.redis/orders-api/true ]; then
        printf '%s\n' "Kept: the component redis-pubsub in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io redis-pubsub --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io redis-binding \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = bindings.redis/orders-api/true ]; then
      run kubectl delete components.dapr.io redis-binding \
          --namespace "$NAMESPACE" \
          --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != bindings.redis/orders-api/true ]; then
        printf '%s\n' "Kept: the component redis-binding in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io redis-binding --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io redis-config \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = configuration.redis/orders-api/true ]; then
      run kubectl delete components.dapr.io redis-config --namespace "$NAMESPACE" --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != configuration.redis/orders-api/true ]; then
        printf '%s\n' "Kept: the component redis-config in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io redis-config --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io lockstore \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = lock.redis/orders-api/true ]; then
      run kubectl delete components.dapr.io lockstore --namespace "$NAMESPACE" --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != lock.redis/orders-api/true ]; then
        printf '%s\n' "Kept: the component lockstore in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io lockstore --namespace ${NAMESPACE}"
      fi
    fi
  fi
fi

# Take back the setup's patch of the Deployment orders-api: its config-hash and client-id annotations, and while its pods use the ServiceAccount orders-api and the setup created it, that ServiceAccount and the Workload ID label (its pods restart).
if [ "$CLUSTER_ID" != '' ]; then
  DEPLOYMENT_CONFIG_HASH=$(kubectl get deployment "$DEPLOYMENT_NAME" \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.template.metadata.annotations.dapr-mi-wizard/config-hash}')
  DEPLOYMENT_SERVICE_ACCOUNT=$(kubectl get deployment "$DEPLOYMENT_NAME" \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.template.spec.serviceAccountName}')
  SERVICE_ACCOUNT_CREATED=$(kubectl get serviceaccount "$SERVICE_ACCOUNT" \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.dapr-mi-wizard/created}')
  if [ "$DEPLOYMENT_CONFIG_HASH" != '' ]; then
    if [ "$SERVICE_ACCOUNT_CREATED" = true ]; then
      if [ "$DEPLOYMENT_SERVICE_ACCOUNT" = "$SERVICE_ACCOUNT" ]; then
        run kubectl patch deployment "$DEPLOYMENT_NAME" \
            --namespace "$NAMESPACE" \
            --type strategic -p '{"spec":{"template":{"metadata":{"annotations":{"dapr-mi-wizard/config-hash":null,"dapr-mi-wizard/client-id":null},"labels":{"azure.workload.identity/use":null}},"spec":{"serviceAccountName":null,"serviceAccount":null}}}}'
      fi
      if [ "$DEPLOYMENT_SERVICE_ACCOUNT" != "$SERVICE_ACCOUNT" ]; then
        run kubectl patch deployment "$DEPLOYMENT_NAME" \
            --namespace "$NAMESPACE" \
            --type strategic -p '{"spec":{"template":{"metadata":{"annotations":{"dapr-mi-wizard/config-hash":null,"dapr-mi-wizard/client-id":null}}}}}'
      fi
    fi
    if [ "$SERVICE_ACCOUNT_CREATED" != true ]; then
      run kubectl patch deployment "$DEPLOYMENT_NAME" \
          --namespace "$NAMESPACE" \
          --type strategic -p '{"spec":{"template":{"metadata":{"annotations":{"dapr-mi-wizard/config-hash":null,"dapr-mi-wizard/client-id":null}}}}}'
      if [ "$DEPLOYMENT_SERVICE_ACCOUNT" = "$SERVICE_ACCOUNT" ]; then
        SERVICE_ACCOUNT_FOUND=$(kubectl get serviceaccount "$SERVICE_ACCOUNT" \
            --namespace "$NAMESPACE" \
            --ignore-not-found -o name)
        if [ "$SERVICE_ACCOUNT_FOUND" != '' ]; then
          printf '%s\n' 'Kept: the Deployment orders-api still runs as the ServiceAccount '"$SERVICE_ACCOUNT"', with the Workload ID label azure.workload.identity/use: that ServiceAccount has no dapr-mi-wizard/created mark of the setup (it existed before the setup, or a setup from before it marked what it creates made it, or a run stopped before its mark), so the teardown cannot tell whether the Deployment ran as it before. ''If it ran as the namespace'\''s default ServiceAccount: kubectl patch deployment '"$DEPLOYMENT_NAME"' --namespace '"$NAMESPACE"' --type strategic -p '\''{"spec":{"template":{"metadata":{"labels":{"azure.workload.identity/use":null}},"spec":{"serviceAccountName":null,"serviceAccount":null}}}}'\'''
        fi
        if [ "$SERVICE_ACCOUNT_FOUND" = '' ]; then
          printf '%s\n' 'Kept: the Deployment orders-api still names the ServiceAccount '"$SERVICE_ACCOUNT"', with the Workload ID label azure.workload.identity/use, but that ServiceAccount is gone (deleted since the setup): new pods of the Deployment are refused until it is back or the Deployment runs as another. ''If it ran as the namespace'\''s default ServiceAccount: kubectl patch deployment '"$DEPLOYMENT_NAME"' --namespace '"$NAMESPACE"' --type strategic -p '\''{"spec":{"template":{"metadata":{"labels":{"azure.workload.identity/use":null}},"spec":{"serviceAccountName":null,"serviceAccount":null}}}}'\'''
        fi
      fi
    fi
  fi
  # Kept: the Dapr annotations (dapr.io/enabled, app-id, app-port): Dapr may have been on before the setup, and callers use the app id.
fi

# Delete the ServiceAccount if the setup created it, it still names this identity and no workload runs as it.
if [ "$CLUSTER_ID" != '' ]; then
  SERVICE_ACCOUNT_CLIENT_ID=$(kubectl get serviceaccount "$SERVICE_ACCOUNT" \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.azure\.workload\.identity/client-id}')
  SERVICE_ACCOUNT_USED_BY=$(kubectl get deployments,statefulsets,daemonsets,jobs \
      --namespace "$NAMESPACE" -o 'jsonpath={.items[?(@.spec.template.spec.serviceAccountName=="'"$SERVICE_ACCOUNT"'")].metadata.name}')
  SERVICE_ACCOUNT_USED_BY_CRONJOBS=$(kubectl get cronjobs \
      --namespace "$NAMESPACE" -o 'jsonpath={.items[?(@.spec.jobTemplate.spec.template.spec.serviceAccountName=="'"$SERVICE_ACCOUNT"'")].metadata.name}')
  if [ "$SERVICE_ACCOUNT_CLIENT_ID" != '' ]; then
    if [ "$SERVICE_ACCOUNT_CLIENT_ID" = "$CLIENT_ID" ]; then
      if [ "$SERVICE_ACCOUNT_CREATED" = true ]; then
        if [ "$SERVICE_ACCOUNT_USED_BY" = '' ]; then
          if [ "$SERVICE_ACCOUNT_USED_BY_CRONJOBS" = '' ]; then
            run kubectl delete serviceaccount "$SERVICE_ACCOUNT" \
                --namespace "$NAMESPACE" \
                --ignore-not-found
          fi
        fi
      fi
      if [ "$SERVICE_ACCOUNT_CREATED" != true ]; then
        printf '%s\n' "Kept: the ServiceAccount ${SERVICE_ACCOUNT} has no dapr-mi-wizard/created mark of the setup (it existed before the setup, or a setup from before it marked what it creates made it, or a run stopped before its mark), and keeps the setup's annotation azure.workload.identity/client-id. If nothing else signs in through it: kubectl annotate serviceaccount ${SERVICE_ACCOUNT} --namespace ${NAMESPACE} azure.workload.identity/client-id- (or, if a setup made it and nothing runs as it: kubectl delete serviceaccount ${SERVICE_ACCOUNT} --namespace ${NAMESPACE})"
      fi
    fi
  fi
fi

# Remove the files the setup wrote here (generated from the wizard: nothing else is in them).
run rm -f \
    -- components/pg-state.yaml components/pg-state-v1.yaml components/postgres-binding.yaml components/pg-config.yaml components/sql-state.yaml components/sql-state-v1.yaml components/redis-state.yaml components/redis-pubsub.yaml components/redis-binding.yaml components/redis-config.yaml components/lockstore.yaml components/serviceaccount.yaml components/deployment-patch.yaml

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
