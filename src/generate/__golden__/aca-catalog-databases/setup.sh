#!/usr/bin/env bash
# Dapr Managed Identity Wizard: 11 Dapr components on Azure Container Apps, User-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=aca&identity=user&resourceGroup=rg-orders&hostName=orders-api&environment=env-orders&identityName=id-orders&appId=orders-api&component=state.postgresql&name=pg-state&m.host=pg-orders.postgres.database.azure.com&m.database=orders&c2.component=state.postgresql&c2.version=v1&c2.name=pg-state-v1&c2.m.host=pg-orders.postgres.database.azure.com&c2.m.database=legacy&c3.component=bindings.postgresql&c3.m.host=pg-orders.postgres.database.azure.com&c3.m.database=orders&c4.component=configuration.postgresql&c4.name=pg-config&c4.m.host=pg-orders.postgres.database.azure.com&c4.m.database=orders&c4.m.table=appconfig&c5.component=state.sqlserver&c5.name=sql-state&c5.m.host=sql-orders.database.windows.net&c5.m.database=orders&c6.component=state.sqlserver&c6.name=sql-state-v1&c6.m.host=sql-orders.database.windows.net&c6.m.database=legacy&c6.sqlRoles=owner&c7.component=state.redis&c7.name=redis-state&c7.m.redisHost=redis-orders.redis.cache.windows.net%3A6380&c8.component=pubsub.redis&c8.name=redis-pubsub&c8.m.redisHost=redis-orders.redis.cache.windows.net%3A6380&c9.component=bindings.redis&c9.m.redisHost=redis-orders.redis.cache.windows.net%3A6380&c10.component=configuration.redis&c10.name=redis-config&c10.m.redisHost=redis-orders.redis.cache.windows.net%3A6380&c11.component=lock.redis&c11.m.redisHost=redis-orders.redis.cache.windows.net%3A6380
# Run it with Bash after `az login`. Needs Azure CLI 2.57 or later (the first with `az redis access-policy-assignment`). Older: run `az upgrade`; an Azure CLI from a Linux distribution's own package (Debian's azure-cli, for one) upgrades only to that distribution's version, so install Microsoft's instead: https://learn.microsoft.com/cli/azure/install-azure-cli.
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
#   - Azure SQL server sql-orders (resource group rg-orders)
#   - Azure Cache for Redis redis-orders (resource group rg-orders)
# Identity:
#   - Creates the user-assigned identity id-orders (resource group rg-orders) unless it exists (an existing one is kept as it is).
#   - Attaches it to the container app orders-api (resource group rg-orders).
# Grants:
#   - A PostgreSQL role mapped to the identity, with its grants in the database orders, on the PostgreSQL server pg-orders (for pg-state).
#   - A PostgreSQL role mapped to the identity, with its grants in the database legacy, on the PostgreSQL server pg-orders (for pg-state-v1).
#   - A PostgreSQL role mapped to the identity, with its grants in the database orders, on the PostgreSQL server pg-orders (for postgres-binding).
#   - A PostgreSQL role mapped to the identity, with its grants in the database orders, on the PostgreSQL server pg-orders (for pg-config).
#   - An Azure SQL contained user for the identity (db_ddladmin, db_datareader, db_datawriter, EXECUTE ON SCHEMA::dbo, REFERENCES ON SCHEMA::dbo) in the database orders, on the Azure SQL server sql-orders (for sql-state).
#   - An Azure SQL contained user for the identity (db_owner) in the database legacy, on the Azure SQL server sql-orders (for sql-state-v1).
#   - Redis data access policy Data Owner on the Azure Cache for Redis redis-orders (for redis-state, redis-pubsub, redis-binding, redis-config, lockstore).
# Files written:
#   - components/pg-state.yaml: the Azure Database for PostgreSQL state store component
#   - components/pg-state-v1.yaml: the Azure Database for PostgreSQL state store component
#   - components/postgres-binding.yaml: the Azure Database for PostgreSQL binding component
#   - components/pg-config.yaml: the Azure Database for PostgreSQL configuration store component
#   - components/sql-state.yaml: the Azure SQL state store component
#   - components/sql-state-v1.yaml: the Azure SQL state store component
#   - components/redis-state.yaml: the Azure Cache for Redis state store component
#   - components/redis-pubsub.yaml: the Azure Cache for Redis pub/sub (Streams) component
#   - components/redis-binding.yaml: the Azure Cache for Redis binding component
#   - components/redis-config.yaml: the Azure Cache for Redis configuration store component
#   - components/lockstore.yaml: the Azure Cache for Redis lock component
# On the container app:
#   - Adds the components to the Container Apps environment env-orders (az containerapp env dapr-component set): they are environment-wide, loaded by every app there whose Dapr app id is in their scopes (orders-api). A component of the same name that the setup did not write (another type, other scopes, another identity) stops the script before any change, since setting it would replace it for the apps that load it.
#   - Turns Dapr on for the container app orders-api with the app id orders-api when it is off (az containerapp dapr enable): Dapr's settings apply to the whole app, so its running revisions restart with them (no new revision).

RESOURCE_GROUP=rg-orders
CONTAINER_APP_NAME=orders-api
ENVIRONMENT_NAME=env-orders
IDENTITY_NAME=id-orders
POSTGRES_SERVER_NAME=pg-orders
SQL_SERVER_NAME=sql-orders
REDIS_CACHE_NAME=redis-orders

PG_ADMIN="${PG_ADMIN:-}"

DAPRD_LOG_WAIT_RAN_OUT=0

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

# Read first: what Azure Container Apps or this cloud does not support, or is not known to support, for these components.
# Component lockstore: Container Apps supports only stable Dapr components (container-apps/dapr-overview.md); lock.redis is alpha in Dapr (its metadata.yaml): it may load, but without platform support.
# Component lockstore: Container Apps announced that it will disable the experimental lock/unlock API (microsoft/azure-container-apps#1478).

# Look up the resources before changing anything (PostgreSQL server, Azure SQL server, Azure Cache for Redis): each grant is scoped to one of them.
POSTGRES_SERVER_CHECK=$(az postgres flexible-server show \
    --name "$POSTGRES_SERVER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query authConfig.activeDirectoryAuth -o tsv | tr '[:upper:]' '[:lower:]')
if [ "$POSTGRES_SERVER_CHECK" != enabled ]; then
  echo 'Turn on Microsoft Entra authentication on the server first: az postgres flexible-server update --name pg-orders --resource-group rg-orders --microsoft-entra-auth Enabled (--active-directory-auth before Azure CLI 2.73). More: troubleshoot.html#postgres-entra-auth-off, beside the wizard'\''s page.' >&2
  exit 1
fi
az sql server show --name "$SQL_SERVER_NAME" --resource-group "$RESOURCE_GROUP" -o none
REDIS_CACHE_CHECK=$(az redis show \
    --name "$REDIS_CACHE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query redisConfiguration.aadEnabled -o tsv | tr '[:upper:]' '[:lower:]')
if [ "$REDIS_CACHE_CHECK" != true ]; then
  echo 'Turn on Microsoft Entra authentication on the cache first (the cache restarts): az redis update --name redis-orders --resource-group rg-orders --set redisConfiguration.aadEnabled=true. More: troubleshoot.html#redis-entra-auth-off, beside the wizard'\''s page.' >&2
  exit 1
fi
if ! az redis access-policy-assignment list \
    --name "$REDIS_CACHE_NAME" \
    --resource-group "$RESOURCE_GROUP" -o none; then
  echo 'Listing the data access policy assignments of the Redis cache redis-orders failed. If the error above says '\''access-policy-assignment'\'' is misspelled or not recognized, this Azure CLI is too old for it: it needs 2.57 or later (az upgrade); then run this script again. Nothing was changed. More: troubleshoot.html#redis-access-policy-list-failed, beside the wizard'\''s page.' >&2
  exit 1
fi

# Check before any change that the container app runs in the environment env-orders, where the components go.
ENVIRONMENT_ID=$(az containerapp env show \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv | tr '[:upper:]' '[:lower:]' || true)
if [ "$ENVIRONMENT_ID" = '' ]; then
  echo 'There is no Container Apps environment env-orders in the resource group rg-orders. Enter the environment the container app runs in (`az containerapp show --name orders-api --resource-group rg-orders` names it in managedEnvironmentId); the script looks for it in the container app'\''s resource group, so one in another resource group is not supported. Nothing was changed. More: troubleshoot.html#aca-environment-not-found, beside the wizard'\''s page.' >&2
  exit 1
fi
CONTAINER_APP_ENVIRONMENT_ID=$(az containerapp show \
    --name "$CONTAINER_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query properties.managedEnvironmentId -o tsv | tr '[:upper:]' '[:lower:]')
if [ "$CONTAINER_APP_ENVIRONMENT_ID" != "$ENVIRONMENT_ID" ]; then
  echo 'The container app runs in another Container Apps environment than env-orders: enter its environment in the wizard (`az containerapp show --name orders-api --resource-group rg-orders --query properties.managedEnvironmentId` names it), so the components go where the app loads them. Nothing was changed. More: troubleshoot.html#aca-other-environment, beside the wizard'\''s page.' >&2
  exit 1
fi

# Check the container app's Dapr settings before any change: on with another app id than orders-api, the script stops.
DAPR_ENABLED=$(az containerapp show \
    --name "$CONTAINER_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query properties.configuration.dapr.enabled -o tsv)
DAPR_APP_ID=$(az containerapp show \
    --name "$CONTAINER_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query properties.configuration.dapr.appId -o tsv)
if [ "$DAPR_ENABLED" = true ]; then
  if [ "$DAPR_APP_ID" != orders-api ]; then
    echo 'The container app runs Dapr with another app id: enter that app id in the wizard, or change it on the app yourself (its callers use it), then run this script again. More: troubleshoot.html#aca-dapr-app-id-mismatch, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi

# Check the environment's components of the same names before any change: one the setup did not write (another type, scopes other than orders-api alone, another identity) stops the script.
COMPONENTS_CLIENT_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].clientId | [0]" -o tsv)
ENV_COMPONENT_1=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''pg-state'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_1" != '||' ]; then
  if [ "$ENV_COMPONENT_1" != "state.postgresql|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named pg-state that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_2=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''pg-state-v1'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_2" != '||' ]; then
  if [ "$ENV_COMPONENT_2" != "state.postgresql|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named pg-state-v1 that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_3=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''postgres-binding'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_3" != '||' ]; then
  if [ "$ENV_COMPONENT_3" != "bindings.postgresql|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named postgres-binding that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_4=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''pg-config'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_4" != '||' ]; then
  if [ "$ENV_COMPONENT_4" != "configuration.postgresql|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named pg-config that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_5=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''sql-state'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_5" != '||' ]; then
  if [ "$ENV_COMPONENT_5" != "state.sqlserver|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named sql-state that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_6=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''sql-state-v1'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_6" != '||' ]; then
  if [ "$ENV_COMPONENT_6" != "state.sqlserver|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named sql-state-v1 that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_7=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''redis-state'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_7" != '||' ]; then
  if [ "$ENV_COMPONENT_7" != "state.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named redis-state that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_8=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''redis-pubsub'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_8" != '||' ]; then
  if [ "$ENV_COMPONENT_8" != "pubsub.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named redis-pubsub that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_9=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''redis-binding'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_9" != '||' ]; then
  if [ "$ENV_COMPONENT_9" != "bindings.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named redis-binding that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_10=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''redis-config'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_10" != '||' ]; then
  if [ "$ENV_COMPONENT_10" != "configuration.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named redis-config that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_11=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''lockstore'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_11" != '||' ]; then
  if [ "$ENV_COMPONENT_11" != "lock.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named lockstore that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
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

# Attach the identity to the container app.
run az containerapp identity assign \
    --name "$CONTAINER_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --user-assigned "$IDENTITY_ID" -o none

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

# Grant the PostgreSQL role id-orders on pg-orders what pg-state-v1 needs.
run psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=legacy sslmode=require' -v ON_ERROR_STOP=1 -c 'GRANT USAGE, CREATE ON SCHEMA public TO "id-orders";'
POSTGRES_SERVER_GRANTED=$(read_or_placeholder POSTGRES_SERVER_GRANTED psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=legacy sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c 'SELECT has_schema_privilege('\''id-orders'\'', '\''public'\'', '\''USAGE'\'') AND has_schema_privilege('\''id-orders'\'', '\''public'\'', '\''CREATE'\'');')
if [ "${DRY_RUN:-}" != 1 ] && [ "$POSTGRES_SERVER_GRANTED" != t ]; then
  echo 'The GRANT in the database legacy did not take: id-orders still lacks USAGE, CREATE ON SCHEMA public. A GRANT on an object you do not own only warns and grants nothing, and since PostgreSQL 15 the schema public belongs to the database owner (pg_database_owner). Fix: have the owner of the database (of a table, for a table'\''s grant; often the server'\''s password administrator, who created them) run in it: GRANT USAGE, CREATE ON SCHEMA public TO "id-orders"; then run this script again: it finds the privileges and goes on. More: troubleshoot.html#postgres-grant-not-taken, beside the wizard'\''s page.' >&2
  exit 1
fi

# Grant the PostgreSQL role id-orders on pg-orders what postgres-binding needs. That is schema access only: the binding runs your app's own SQL, so grant the role what each of its tables needs yourself (GRANT SELECT, INSERT, ... ON TABLE <table> TO ...).
run psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=orders sslmode=require' -v ON_ERROR_STOP=1 -c 'GRANT USAGE ON SCHEMA public TO "id-orders";'
POSTGRES_SERVER_GRANTED=$(read_or_placeholder POSTGRES_SERVER_GRANTED psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=orders sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c 'SELECT has_schema_privilege('\''id-orders'\'', '\''public'\'', '\''USAGE'\'');')
if [ "${DRY_RUN:-}" != 1 ] && [ "$POSTGRES_SERVER_GRANTED" != t ]; then
  echo 'The GRANT in the database orders did not take: id-orders still lacks USAGE ON SCHEMA public. A GRANT on an object you do not own only warns and grants nothing, and since PostgreSQL 15 the schema public belongs to the database owner (pg_database_owner). Fix: have the owner of the database (of a table, for a table'\''s grant; often the server'\''s password administrator, who created them) run in it: GRANT USAGE ON SCHEMA public TO "id-orders"; then run this script again: it finds the privileges and goes on. More: troubleshoot.html#postgres-grant-not-taken, beside the wizard'\''s page.' >&2
  exit 1
fi

# Grant the PostgreSQL role id-orders on pg-orders what pg-config needs.
POSTGRES_SERVER_TABLE_FOUND=$(psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=orders sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c 'SELECT EXISTS (SELECT FROM pg_tables WHERE tablename = '\''appconfig'\'') AND COALESCE((SELECT relkind IN ('\''r'\'', '\''p'\'') FROM pg_class WHERE oid = to_regclass('\''appconfig'\'')), false);')
if [ "$POSTGRES_SERVER_TABLE_FOUND" != t ]; then
  echo 'No table appconfig is on the search path of the database orders on pg-orders (a view of that name, or a table in a schema off the search path, does not count: Dapr looks its table up in pg_tables and reads it by that name), and pg-config needs it (Dapr stops on a missing table, it never creates it). Fix: create it there, as the role that should own it (Dapr'\''s configuration store reads the columns key, value, version and metadata: for example CREATE TABLE appconfig (key VARCHAR NOT NULL, value VARCHAR NOT NULL, version VARCHAR NOT NULL, metadata JSON);), then run this script again. More: troubleshoot.html#postgres-table-missing, beside the wizard'\''s page.' >&2
  exit 1
fi
# Subscribing to changes needs a notify channel: set notifyChannel in the wizard (Dapr 1.18+) or send
# pgNotifyChannel with each subscribe request, and give the table a trigger that calls pg_notify on it.
run psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=orders sslmode=require' -v ON_ERROR_STOP=1 -c 'GRANT USAGE ON SCHEMA public TO "id-orders"; GRANT SELECT ON TABLE appconfig TO "id-orders";'
POSTGRES_SERVER_GRANTED=$(read_or_placeholder POSTGRES_SERVER_GRANTED psql 'host=pg-orders.postgres.database.azure.com port=5432 dbname=orders sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c 'SELECT has_schema_privilege('\''id-orders'\'', '\''public'\'', '\''USAGE'\'') AND has_table_privilege('\''id-orders'\'', '\''appconfig'\'', '\''SELECT'\'');')
if [ "${DRY_RUN:-}" != 1 ] && [ "$POSTGRES_SERVER_GRANTED" != t ]; then
  echo 'The GRANT in the database orders did not take: id-orders still lacks USAGE ON SCHEMA public; SELECT ON TABLE appconfig. A GRANT on an object you do not own only warns and grants nothing, and since PostgreSQL 15 the schema public belongs to the database owner (pg_database_owner). Fix: have the owner of the database (of a table, for a table'\''s grant; often the server'\''s password administrator, who created them) run in it: GRANT USAGE ON SCHEMA public TO "id-orders"; GRANT SELECT ON TABLE appconfig TO "id-orders"; then run this script again: it finds the privileges and goes on. More: troubleshoot.html#postgres-grant-not-taken, beside the wizard'\''s page.' >&2
  exit 1
fi

# Add the identity to the database orders on sql-orders as id-orders (db_ddladmin, db_datareader, db_datawriter, EXECUTE ON SCHEMA::dbo, REFERENCES ON SCHEMA::dbo).
# Needs go-sqlcmd, and you signed in to az as a user who is a Microsoft Entra admin of the server.
# If a user of that name already exists, it must have this identity's client id as its SID, or the batch
# stops (Microsoft Learn: "Microsoft Entra logins and users with nonunique display names" shows the SID).
# CREATE USER names the identity by its object id (WITH OBJECT_ID, in preview on Azure SQL Database and
# Managed Instance, same page), so a display name another principal shares does not fail the CREATE (Msg 33131).
for attempt in {1..6}; do
  if SQL_OUTPUT=$(run sqlcmd \
      --server sql-orders.database.windows.net \
      --database-name orders \
      --authentication-method ActiveDirectoryAzCli \
      --exit-on-error \
      --query "IF EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'id-orders' AND sid <> CAST(CAST('${CLIENT_ID}' AS uniqueidentifier) AS varbinary(16))) THROW 50000, N'The database user id-orders signs in as another Microsoft Entra identity than this one (an identity deleted and re-created under the same name gets a new client id). Fix: if no other identity uses it, DROP USER [id-orders] as the admin, then run this script again.', 1; IF DATABASE_PRINCIPAL_ID(N'id-orders') IS NULL CREATE USER [id-orders] FROM EXTERNAL PROVIDER WITH OBJECT_ID = '${PRINCIPAL_ID}'; ALTER ROLE db_ddladmin ADD MEMBER [id-orders]; ALTER ROLE db_datareader ADD MEMBER [id-orders]; ALTER ROLE db_datawriter ADD MEMBER [id-orders]; GRANT EXECUTE ON SCHEMA::dbo TO [id-orders]; GRANT REFERENCES ON SCHEMA::dbo TO [id-orders];"); then
    if [ -n "$SQL_OUTPUT" ]; then printf '%s\n' "$SQL_OUTPUT"; fi
    break
  fi
  printf '%s\n' "$SQL_OUTPUT" >&2
  if ! [[ "$SQL_OUTPUT" =~ Msg.(37545|33130|33136)[^0-9]|Msg.33134[^0-9].*try.again.later ]]; then
    echo 'Adding id-orders to the database orders on sql-orders failed with the sqlcmd error above, which waiting does not fix. Likely cause: sqlcmd failed for a reason a later try does not change (its error above names it): the sqlcmd on PATH is not go-sqlcmd (the ODBC sqlcmd of mssql-tools takes none of the script'\''s double-dash flags) or there is none, the server refused your sign-in (Msg 18456: az is signed in as an account that is not a Microsoft Entra admin of the server, or go-sqlcmd could not get a token from az), its firewall does not admit this machine (Msg 40615), the server has no identity that may read the directory (Msg 33134, "Server identity is not configured"), your account may not create users (ALTER ANY USER), or a user of that name signs in as another identity (Msg 50000, the script'\''s own check). Msg 37545 on every one of a few tries ("is not a valid object id … or you do not have permission") has one text for two causes: a missing permission, or an identity Entra ID does not know yet. Fix: Fix what the error names: install go-sqlcmd (and put it first on PATH), sign in to az (az login) as a Microsoft Entra admin of the server, add a firewall rule for this machine, give the server an identity with Directory Readers, or drop the other identity'\''s user if nothing uses it; then run the script again. After Msg 37545, if you are the server'\''s Microsoft Entra admin, wait a few minutes first: a new identity takes that long to reach every replica. More: troubleshoot.html#sql-grant-refused, beside the wizard'\''s page.' >&2
    exit 1
  fi
  if [ "$attempt" -ge 3 ] && [[ "$SQL_OUTPUT" =~ Msg.37545[^0-9] ]]; then
    echo 'Adding id-orders to the database orders on sql-orders failed 3 or more times, the last with Msg 37545 ("is not a valid object id ... or you do not have permission"), which has two causes: Microsoft Entra ID does not know the identity'\''s object id yet (wait a few minutes and run this script again), or your account may not create users in the database orders (CREATE USER needs ALTER ANY USER: sign in to az as a Microsoft Entra admin of the server). Likely cause: sqlcmd failed for a reason a later try does not change (its error above names it): the sqlcmd on PATH is not go-sqlcmd (the ODBC sqlcmd of mssql-tools takes none of the script'\''s double-dash flags) or there is none, the server refused your sign-in (Msg 18456: az is signed in as an account that is not a Microsoft Entra admin of the server, or go-sqlcmd could not get a token from az), its firewall does not admit this machine (Msg 40615), the server has no identity that may read the directory (Msg 33134, "Server identity is not configured"), your account may not create users (ALTER ANY USER), or a user of that name signs in as another identity (Msg 50000, the script'\''s own check). Msg 37545 on every one of a few tries ("is not a valid object id … or you do not have permission") has one text for two causes: a missing permission, or an identity Entra ID does not know yet. Fix: Fix what the error names: install go-sqlcmd (and put it first on PATH), sign in to az (az login) as a Microsoft Entra admin of the server, add a firewall rule for this machine, give the server an identity with Directory Readers, or drop the other identity'\''s user if nothing uses it; then run the script again. After Msg 37545, if you are the server'\''s Microsoft Entra admin, wait a few minutes first: a new identity takes that long to reach every replica. More: troubleshoot.html#sql-grant-refused, beside the wizard'\''s page.' >&2
    exit 1
  fi
  if [ "$attempt" = 6 ]; then
    echo 'Microsoft Entra ID did not know the identity'\''s object id on any of 6 tries to add id-orders to the database orders on sql-orders (the Msg 33134, 33136 or 33130 above): wait a few minutes and run this script again. Likely cause: The identity in CREATE USER [...] FROM EXTERNAL PROVIDER (WITH OBJECT_ID, its principal id) is not one Entra ID knows yet: it was created seconds ago and has not reached every replica, it was deleted, or the server cannot read the directory. Msg 37545 reads as a missing permission too ("or you do not have permission"): if it stays after a few minutes, see the entry on a refused grant. Fix: Wait a few minutes after creating the identity and run the script again; check that the identity still exists; give the server an identity with Directory Readers. More: troubleshoot.html#sql-principal-not-found, beside the wizard'\''s page.' >&2
    exit 1
  fi
  echo 'Trying again in 20 s: Microsoft Entra ID may not know the new identity yet.' >&2
  sleep 20
done

# Add the identity to the database legacy on sql-orders as id-orders (db_owner).
# Needs go-sqlcmd, and you signed in to az as a user who is a Microsoft Entra admin of the server.
# If a user of that name already exists, it must have this identity's client id as its SID, or the batch
# stops (Microsoft Learn: "Microsoft Entra logins and users with nonunique display names" shows the SID).
# CREATE USER names the identity by its object id (WITH OBJECT_ID, in preview on Azure SQL Database and
# Managed Instance, same page), so a display name another principal shares does not fail the CREATE (Msg 33131).
for attempt in {1..6}; do
  if SQL_OUTPUT=$(run sqlcmd \
      --server sql-orders.database.windows.net \
      --database-name legacy \
      --authentication-method ActiveDirectoryAzCli \
      --exit-on-error \
      --query "IF EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'id-orders' AND sid <> CAST(CAST('${CLIENT_ID}' AS uniqueidentifier) AS varbinary(16))) THROW 50000, N'The database user id-orders signs in as another Microsoft Entra identity than this one (an identity deleted and re-created under the same name gets a new client id). Fix: if no other identity uses it, DROP USER [id-orders] as the admin, then run this script again.', 1; IF DATABASE_PRINCIPAL_ID(N'id-orders') IS NULL CREATE USER [id-orders] FROM EXTERNAL PROVIDER WITH OBJECT_ID = '${PRINCIPAL_ID}'; ALTER ROLE db_owner ADD MEMBER [id-orders];"); then
    if [ -n "$SQL_OUTPUT" ]; then printf '%s\n' "$SQL_OUTPUT"; fi
    break
  fi
  printf '%s\n' "$SQL_OUTPUT" >&2
  if ! [[ "$SQL_OUTPUT" =~ Msg.(37545|33130|33136)[^0-9]|Msg.33134[^0-9].*try.again.later ]]; then
    echo 'Adding id-orders to the database legacy on sql-orders failed with the sqlcmd error above, which waiting does not fix. Likely cause: sqlcmd failed for a reason a later try does not change (its error above names it): the sqlcmd on PATH is not go-sqlcmd (the ODBC sqlcmd of mssql-tools takes none of the script'\''s double-dash flags) or there is none, the server refused your sign-in (Msg 18456: az is signed in as an account that is not a Microsoft Entra admin of the server, or go-sqlcmd could not get a token from az), its firewall does not admit this machine (Msg 40615), the server has no identity that may read the directory (Msg 33134, "Server identity is not configured"), your account may not create users (ALTER ANY USER), or a user of that name signs in as another identity (Msg 50000, the script'\''s own check). Msg 37545 on every one of a few tries ("is not a valid object id … or you do not have permission") has one text for two causes: a missing permission, or an identity Entra ID does not know yet. Fix: Fix what the error names: install go-sqlcmd (and put it first on PATH), sign in to az (az login) as a Microsoft Entra admin of the server, add a firewall rule for this machine, give the server an identity with Directory Readers, or drop the other identity'\''s user if nothing uses it; then run the script again. After Msg 37545, if you are the server'\''s Microsoft Entra admin, wait a few minutes first: a new identity takes that long to reach every replica. More: troubleshoot.html#sql-grant-refused, beside the wizard'\''s page.' >&2
    exit 1
  fi
  if [ "$attempt" -ge 3 ] && [[ "$SQL_OUTPUT" =~ Msg.37545[^0-9] ]]; then
    echo 'Adding id-orders to the database legacy on sql-orders failed 3 or more times, the last with Msg 37545 ("is not a valid object id ... or you do not have permission"), which has two causes: Microsoft Entra ID does not know the identity'\''s object id yet (wait a few minutes and run this script again), or your account may not create users in the database legacy (CREATE USER needs ALTER ANY USER: sign in to az as a Microsoft Entra admin of the server). Likely cause: sqlcmd failed for a reason a later try does not change (its error above names it): the sqlcmd on PATH is not go-sqlcmd (the ODBC sqlcmd of mssql-tools takes none of the script'\''s double-dash flags) or there is none, the server refused your sign-in (Msg 18456: az is signed in as an account that is not a Microsoft Entra admin of the server, or go-sqlcmd could not get a token from az), its firewall does not admit this machine (Msg 40615), the server has no identity that may read the directory (Msg 33134, "Server identity is not configured"), your account may not create users (ALTER ANY USER), or a user of that name signs in as another identity (Msg 50000, the script'\''s own check). Msg 37545 on every one of a few tries ("is not a valid object id … or you do not have permission") has one text for two causes: a missing permission, or an identity Entra ID does not know yet. Fix: Fix what the error names: install go-sqlcmd (and put it first on PATH), sign in to az (az login) as a Microsoft Entra admin of the server, add a firewall rule for this machine, give the server an identity with Directory Readers, or drop the other identity'\''s user if nothing uses it; then run the script again. After Msg 37545, if you are the server'\''s Microsoft Entra admin, wait a few minutes first: a new identity takes that long to reach every replica. More: troubleshoot.html#sql-grant-refused, beside the wizard'\''s page.' >&2
    exit 1
  fi
  if [ "$attempt" = 6 ]; then
    echo 'Microsoft Entra ID did not know the identity'\''s object id on any of 6 tries to add id-orders to the database legacy on sql-orders (the Msg 33134, 33136 or 33130 above): wait a few minutes and run this script again. Likely cause: The identity in CREATE USER [...] FROM EXTERNAL PROVIDER (WITH OBJECT_ID, its principal id) is not one Entra ID knows yet: it was created seconds ago and has not reached every replica, it was deleted, or the server cannot read the directory. Msg 37545 reads as a missing permission too ("or you do not have permission"): if it stays after a few minutes, see the entry on a refused grant. Fix: Wait a few minutes after creating the identity and run the script again; check that the identity still exists; give the server an identity with Directory Readers. More: troubleshoot.html#sql-principal-not-found, beside the wizard'\''s page.' >&2
    exit 1
  fi
  echo 'Trying again in 20 s: Microsoft Entra ID may not know the new identity yet.' >&2
  sleep 20
done

# Give the identity the Data Owner data access policy on the Redis cache redis-orders, for redis-state, redis-pubsub, redis-binding, redis-config, lockstore, unless it has it there.
# Needs Azure CLI 2.57 or later, the first with az redis access-policy-assignment (the header says so);
# Microsoft Entra authentication on the cache was checked above.
if ! REDIS_CACHE_POLICY_ASSIGNED=$(az redis access-policy-assignment list \
    --name "$REDIS_CACHE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?objectId=='${PRINCIPAL_ID}' && accessPolicyName=='Data Owner'] | length(@)" -o tsv); then
  echo 'Listing the data access policy assignments of the Redis cache redis-orders failed. If the error above says '\''access-policy-assignment'\'' is misspelled or not recognized, this Azure CLI is too old for it: it needs 2.57 or later (az upgrade); then run this script again. More: troubleshoot.html#redis-access-policy-list-failed, beside the wizard'\''s page.' >&2
  exit 1
fi
if [ "$REDIS_CACHE_POLICY_ASSIGNED" = 0 ]; then
  run az redis access-policy-assignment create \
      --name "$REDIS_CACHE_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --policy-assignment-name id-orders \
      --access-policy-name 'Data Owner' \
      --object-id "$PRINCIPAL_ID" \
      --object-id-alias id-orders -o none
fi

# Write the component files into ./components.
mkdir -p components
{
cat <<'YAML'
componentType: state.postgresql
version: v2
metadata:
- name: useAzureAD
  value: "true"
- name: connectionString
  value: host=pg-orders.postgres.database.azure.com user=id-orders port=5432 database=orders sslmode=require
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/pg-state.yaml
{
cat <<'YAML'
componentType: state.postgresql
version: v1
metadata:
- name: useAzureAD
  value: "true"
- name: connectionString
  value: host=pg-orders.postgres.database.azure.com user=id-orders port=5432 database=legacy sslmode=require
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/pg-state-v1.yaml
{
cat <<'YAML'
componentType: bindings.postgresql
version: v1
metadata:
- name: useAzureAD
  value: "true"
- name: connectionString
  value: host=pg-orders.postgres.database.azure.com user=id-orders port=5432 database=orders sslmode=require
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/postgres-binding.yaml
{
cat <<'YAML'
componentType: configuration.postgresql
version: v1
metadata:
- name: useAzureAD
  value: "true"
- name: connectionString
  value: host=pg-orders.postgres.database.azure.com user=id-orders port=5432 database=orders sslmode=require
- name: table
  value: appconfig
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/pg-config.yaml
{
cat <<'YAML'
componentType: state.sqlserver
version: v1
metadata:
- name: useAzureAD
  value: "true"
- name: connectionString
  value: sqlserver://sql-orders.database.windows.net:1433?database=orders
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/sql-state.yaml
{
cat <<'YAML'
componentType: state.sqlserver
version: v1
metadata:
- name: useAzureAD
  value: "true"
- name: connectionString
  value: sqlserver://sql-orders.database.windows.net:1433?database=legacy
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/sql-state-v1.yaml
{
cat <<'YAML'
componentType: state.redis
version: v1
metadata:
- name: useEntraID
  value: "true"
- name: enableTLS
  value: "true"
- name: redisHost
  value: redis-orders.redis.cache.windows.net:6380
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/redis-state.yaml
{
cat <<'YAML'
componentType: pubsub.redis
version: v1
metadata:
- name: useEntraID
  value: "true"
- name: enableTLS
  value: "true"
- name: redisHost
  value: redis-orders.redis.cache.windows.net:6380
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/redis-pubsub.yaml
{
cat <<'YAML'
componentType: bindings.redis
version: v1
metadata:
- name: useEntraID
  value: "true"
- name: enableTLS
  value: "true"
- name: redisHost
  value: redis-orders.redis.cache.windows.net:6380
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/redis-binding.yaml
{
cat <<'YAML'
componentType: configuration.redis
version: v1
metadata:
- name: useEntraID
  value: "true"
- name: enableTLS
  value: "true"
- name: redisHost
  value: redis-orders.redis.cache.windows.net:6380
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/redis-config.yaml
{
cat <<'YAML'
componentType: lock.redis
version: v1
metadata:
- name: useEntraID
  value: "true"
- name: enableTLS
  value: "true"
- name: redisHost
  value: redis-orders.redis.cache.windows.net:6380
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/lockstore.yaml

# Add each component to the Container Apps environment (in ACA's own component schema).
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name pg-state \
    --yaml components/pg-state.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name pg-state-v1 \
    --yaml components/pg-state-v1.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name postgres-binding \
    --yaml components/postgres-binding.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name pg-config \
    --yaml components/pg-config.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name sql-state \
    --yaml components/sql-state.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name sql-state-v1 \
    --yaml components/sql-state-v1.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name redis-state \
    --yaml components/redis-state.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name redis-pubsub \
    --yaml components/redis-pubsub.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name redis-binding \
    --yaml components/redis-binding.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name redis-config \
    --yaml components/redis-config.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name lockstore \
    --yaml components/lockstore.yaml -o none

# Turn Dapr on for the container app with app id orders-api if it is off (Dapr's settings apply to the whole app: its revisions restart, no new one is made; enable-dapr.md).
if [ "$DAPR_ENABLED" != true ]; then
  run az containerapp dapr enable \
      --name "$CONTAINER_APP_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-app-id orders-api -o none
fi
# No app port: Dapr delivers no subscribed messages or input-binding events to the app. If it takes them, enter its port in the wizard.

# Verify: the grants and the components Dapr loads.
if [ "${DRY_RUN:-}" = 1 ]; then
  echo 'DRY RUN: the checks of what the skipped commands make are skipped too.' >&2
else
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name pg-state \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name pg-state-v1 \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name postgres-binding \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name pg-config \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name sql-state \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name sql-state-v1 \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name redis-state \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name redis-pubsub \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name redis-binding \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name redis-config \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name lockstore \
      --query properties.componentType -o tsv
  for attempt in {1..12}; do
    if az containerapp show \
        --name "$CONTAINER_APP_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --query 'properties.latestReadyRevisionName == properties.latestRevisionName' -o tsv | grep -Fx true; then
      break
    fi
    if [ "$attempt" = 12 ]; then
      echo 'The newest revision of the container app is not ready after 2 minutes. Likely cause: The app'\''s newest revision, restarted with Dapr on, has not become ready: its containers fail to start, its image cannot be pulled, or a component it loads fails and stops the Dapr sidecar. Fix: Read the revision'\''s system and console logs (az containerapp logs show), fix what they name, then run the script again. More: troubleshoot.html#aca-revision-not-ready, beside the wizard'\''s page.' >&2
      exit 1
    fi
    echo 'The newest revision is not ready yet; trying again in 10 s.' >&2
    sleep 10
  done
  DAPR_RUNNING_APP_ID=$(az containerapp show \
      --name "$CONTAINER_APP_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query 'properties.configuration.dapr.enabled && properties.configuration.dapr.appId' -o tsv)
  if [ "$DAPR_RUNNING_APP_ID" != orders-api ]; then
    echo 'The container app does not run Dapr with the app id orders-api, so no component scoped to it loads. Likely cause: The components load only into apps that run Dapr with an app id in their scopes: Dapr is off on the app, or it runs under another app id than the one the components were scoped to. Fix: Turn Dapr on for the app with the wizard'\''s app id, or enter the app'\''s own app id in the wizard and run the script again. More: troubleshoot.html#aca-dapr-app-id-mismatch, beside the wizard'\''s page.' >&2
    exit 1
  fi
  DAPR_REVISION=$(az containerapp show \
      --name "$CONTAINER_APP_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query properties.latestReadyRevisionName -o tsv)
  for attempt in {1..30}; do
    if az containerapp logs show \
        --name "$CONTAINER_APP_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --revision "$DAPR_REVISION" \
        --container daprd \
        --type console \
        --tail 300 \
        --format text | grep -F -- 'dapr initialized. Status: Running.'; then
      break
    fi
    if [ "$attempt" = 30 ]; then
      echo 'daprd'\''s log did not say within about 10 minutes that it runs (the last 300 lines read); what they show about each component follows. Likely cause: A component keeps failing (daprd starts again after each failure), the app has no replica (scaled to zero), its start scrolled past the lines read, or the CLI could not read the daprd container. Fix: Read what the script prints for each component next. Send the app a request if it scaled to zero, and read daprd'\''s log itself (az containerapp logs show --container daprd). More: troubleshoot.html#aca-daprd-log-silent, beside the wizard'\''s page.' >&2
      DAPRD_LOG_WAIT_RAN_OUT=1
      break
    fi
    echo 'daprd'\''s log does not say yet that it runs (a component that signs in to Azure as it starts fails until a new grant is in effect, and daprd then starts again); trying again in 20 s.' >&2
    sleep 20
  done
  DAPRD_LOG=$(az containerapp logs show \
      --name "$CONTAINER_APP_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --revision "$DAPR_REVISION" \
      --container daprd \
      --type console \
      --tail 300 \
      --format text || true)
  DAPRD_FAILED_COMPONENTS=$(printf %s '')
  DAPRD_FAILURE_LINES=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Failed to init component ' || true)
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: pg-state (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'pg-state: loaded, and its start signed in to Azure as the identity (it makes an Azure call when it loads).'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component pg-state (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'pg-state: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'permission denied for schema public' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: The GRANT on schema public did nothing: on PostgreSQL 15 and later only the database owner (or a role it granted) may grant CREATE there, and the Entra admin does not own the database. Fix: Run the GRANT as the database owner, then check it with has_schema_privilege. More: troubleshoot.html#postgres-permission-denied-schema, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' -e 'permission denied for schema public' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'pg-state ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'pg-state: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'pg-state: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "pg-state (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: pg-state-v1 (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'pg-state-v1: loaded, and its start signed in to Azure as the identity (it makes an Azure call when it loads).'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component pg-state-v1 (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'pg-state-v1: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'permission denied for schema public' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: The GRANT on schema public did nothing: on PostgreSQL 15 and later only the database owner (or a role it granted) may grant CREATE there, and the Entra admin does not own the database. Fix: Run the GRANT as the database owner, then check it with has_schema_privilege. More: troubleshoot.html#postgres-permission-denied-schema, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' -e 'permission denied for schema public' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'pg-state-v1 ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'pg-state-v1: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'pg-state-v1: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "pg-state-v1 (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: postgres-binding (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'postgres-binding: loaded, and its start signed in to Azure as the identity (it makes an Azure call when it loads).'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component postgres-binding (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'postgres-binding: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'permission denied for schema public' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: The GRANT on schema public did nothing: on PostgreSQL 15 and later only the database owner (or a role it granted) may grant CREATE there, and the Entra admin does not own the database. Fix: Run the GRANT as the database owner, then check it with has_schema_privilege. More: troubleshoot.html#postgres-permission-denied-schema, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' -e 'permission denied for schema public' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'postgres-binding ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'postgres-binding: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'postgres-binding: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "postgres-binding (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: pg-config (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'pg-config: loaded, and its start signed in to Azure as the identity (it makes an Azure call when it loads).'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component pg-config (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'pg-config: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'permission denied for schema public' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: The GRANT on schema public did nothing: on PostgreSQL 15 and later only the database owner (or a role it granted) may grant CREATE there, and the Entra admin does not own the database. Fix: Run the GRANT as the database owner, then check it with has_schema_privilege. More: troubleshoot.html#postgres-permission-denied-schema, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' -e 'permission denied for schema public' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'pg-config ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'pg-config: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'pg-config: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "pg-config (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: sql-state (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'sql-state: loaded, and its start signed in to Azure as the identity (it makes an Azure call when it loads).'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component sql-state (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'sql-state: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'sql-state ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'sql-state: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'sql-state: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "sql-state (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: sql-state-v1 (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'sql-state-v1: loaded, and its start signed in to Azure as the identity (it makes an Azure call when it loads).'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component sql-state-v1 (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'sql-state-v1: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'sql-state-v1 ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'sql-state-v1: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'sql-state-v1: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "sql-state-v1 (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: redis-state (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'redis-state: loaded, and its start signed in to Azure as the identity (it makes an Azure call when it loads).'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component redis-state (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'redis-state: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'WRONGPASS invalid username-password pair' -e 'NOAUTH Authentication required' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: Microsoft Entra authentication is off on the cache, the identity has no data access policy, or useEntraID is missing (or Dapr is older than 1.14), so no token is sent. Some Dapr releases also failed once the first token expired, after about a day. Fix: Turn on Entra authentication on the cache (it restarts), assign the Data Owner access policy to the principal id, and set useEntraID "true" with enableTLS "true" on port 6380. More: troubleshoot.html#redis-entra-auth-refused, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' -e 'WRONGPASS invalid username-password pair' -e 'NOAUTH Authentication required' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'redis-state ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'redis-state: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'redis-state: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "redis-state (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: redis-pubsub (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'redis-pubsub: loaded, and its start signed in to Azure as the identity (it makes an Azure call when it loads).'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component redis-pubsub (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'redis-pubsub: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'WRONGPASS invalid username-password pair' -e 'NOAUTH Authentication required' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: Microsoft Entra authentication is off on the cache, the identity has no data access policy, or useEntraID is missing (or Dapr is older than 1.14), so no token is sent. Some Dapr releases also failed once the first token expired, after about a day. Fix: Turn on Entra authentication on the cache (it restarts), assign the Data Owner access policy to the principal id, and set useEntraID "true" with enableTLS "true" on port 6380. More: troubleshoot.html#redis-entra-auth-refused, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' -e 'WRONGPASS invalid username-password pair' -e 'NOAUTH Authentication required' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'redis-pubsub ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'redis-pubsub: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'redis-pubsub: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "redis-pubsub (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: redis-binding (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'redis-binding: loaded, and its start signed in to Azure as the identity (it makes an Azure call when it loads).'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component redis-binding (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'redis-binding: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'WRONGPASS invalid username-password pair' -e 'NOAUTH Authentication required' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: Microsoft Entra authentication is off on the cache, the identity has no data access policy, or useEntraID is missing (or Dapr is older than 1.14), so no token is sent. Some Dapr releases also failed once the first token expired, after about a day. Fix: Turn on Entra authentication on the cache (it restarts), assign the Data Owner access policy to the principal id, and set useEntraID "true" with enableTLS "true" on port 6380. More: troubleshoot.html#redis-entra-auth-refused, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' -e 'WRONGPASS invalid username-password pair' -e 'NOAUTH Authentication required' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'redis-binding ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'redis-binding: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'redis-binding: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "redis-binding (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: redis-config (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'redis-config: loaded, and its start signed in to Azure as the identity (it makes an Azure call when it loads).'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component redis-config (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'redis-config: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'WRONGPASS invalid username-password pair' -e 'NOAUTH Authentication required' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: Microsoft Entra authentication is off on the cache, the identity has no data access policy, or useEntraID is missing (or Dapr is older than 1.14), so no token is sent. Some Dapr releases also failed once the first token expired, after about a day. Fix: Turn on Entra authentication on the cache (it restarts), assign the Data Owner access policy to the principal id, and set useEntraID "true" with enableTLS "true" on port 6380. More: troubleshoot.html#redis-entra-auth-refused, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' -e 'WRONGPASS invalid username-password pair' -e 'NOAUTH Authentication required' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'redis-config ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'redis-config: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'redis-config: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "redis-config (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: lockstore (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'lockstore: loaded, and its start signed in to Azure as the identity (it makes an Azure call when it loads).'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component lockstore (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'lockstore: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'WRONGPASS invalid username-password pair' -e 'NOAUTH Authentication required' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: Microsoft Entra authentication is off on the cache, the identity has no data access policy, or useEntraID is missing (or Dapr is older than 1.14), so no token is sent. Some Dapr releases also failed once the first token expired, after about a day. Fix: Turn on Entra authentication on the cache (it restarts), assign the Data Owner access policy to the principal id, and set useEntraID "true" with enableTLS "true" on port 6380. More: troubleshoot.html#redis-entra-auth-refused, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' -e 'WRONGPASS invalid username-password pair' -e 'NOAUTH Authentication required' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'lockstore ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'lockstore: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'lockstore: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "lockstore (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  if [ "$DAPRD_LOG_WAIT_RAN_OUT" = 1 ]; then
    printf '%s\n' 'Not proved by this run: that Dapr loaded a component marked not seen above. daprd logs its components when it starts: run this script again after the app'\''s next start (a new revision or a restart), or run the query above.'
  fi
  if [ "$DAPRD_FAILED_COMPONENTS" != '' ]; then
    echo "$DAPRD_FAILED_COMPONENTS" >&2
    echo 'Dapr in the container app'\''s newest revision failed to load a component (of pg-state, pg-state-v1, postgres-binding, pg-config, sql-state, sql-state-v1, redis-state, redis-pubsub, redis-binding, redis-config, lockstore: the names are above this line, each with daprd'\''s line and its likely cause above them). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
