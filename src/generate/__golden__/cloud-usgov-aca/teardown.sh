#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of 5 Dapr components on Azure Container Apps, User-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#cloud=usgovernment&host=aca&identity=user&resourceGroup=rg-orders&hostName=orders-api&environment=env-orders&identityName=id-orders&appId=orders-api&appPort=8080&component=state.azure.cosmosdb&name=cosmos-state&m.url=https%3A%2F%2Fcosmos-orders.documents.azure.us%3A443%2F&m.database=orders&m.collection=state&c2.component=state.sqlserver&c2.name=sql-state&c2.m.host=sql-orders.database.usgovcloudapi.net&c2.m.database=orders&c3.component=state.redis&c3.name=redis-state&c3.m.redisHost=redis-orders.redis.cache.usgovcloudapi.net%3A6380&c4.component=configuration.azure.appconfig&c4.m.host=https%3A%2F%2Fappcs-orders.azconfig.azure.us&c5.component=pubsub.azure.eventhubs&c5.name=eh-pubsub&c5.m.eventHubNamespace=eh-orders.servicebus.usgovcloudapi.net&c5.m.storageAccountName=stcheckpoints&c5.m.storageContainerName=checkpoints&c5.ehAccess=subscribe
# Takes back what setup-dapr-identity.sh added: the grants (database users last among them), then the host's
# own changes, the identity only if asked. Role assignments carry the setup's description and an identity its tag; where the
# setup leaves no mark (components, access policies, database users of its names), what
# has those names and still names this identity is taken to be the setup's. A grant that another setup for
# this identity also relies on goes too: both made the same one.
# Safe to run again: every step looks before it removes.
# Dry run: DRY_RUN=1 bash teardown-dapr-identity.sh prints each command that would remove something instead of running it.
# Run it with Bash after `az cloud set --name AzureUSGovernment` and then `az login` (a sign-in to another cloud does not count). Needs Azure CLI 2.57 or later (the first with `az redis access-policy-assignment`). Older: run `az upgrade`; an Azure CLI from a Linux distribution's own package (Debian's azure-cli, for one) upgrades only to that distribution's version, so install Microsoft's instead: https://learn.microsoft.com/cli/azure/install-azure-cli.
# DELETE_IDENTITY=1 also deletes the identity id-orders, if the setup created it (tag createdBy=dapr-mi-wizard).

RESOURCE_GROUP=rg-orders
CONTAINER_APP_NAME=orders-api
ENVIRONMENT_NAME=env-orders
IDENTITY_NAME=id-orders
COSMOS_ACCOUNT_NAME=cosmos-orders
SQL_SERVER_NAME=sql-orders
REDIS_CACHE_NAME=redis-orders
APPCONFIG_STORE_NAME=appcs-orders
EVENTHUBS_NAMESPACE_NAME=eh-orders
STORAGE_ACCOUNT_NAME=stcheckpoints

DELETE_IDENTITY="${DELETE_IDENTITY:-0}"

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

# Talk to Azure Government (US): every resource below is in that cloud.
az cloud set --name AzureUSGovernment

# Look up the resources the setup granted on (each grant is on one of them); one that is gone is skipped.
COSMOS_ACCOUNT_ID=$(az cosmosdb show \
    --name "$COSMOS_ACCOUNT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
if [ "$COSMOS_ACCOUNT_ID" = '' ]; then
  printf '%s\n' 'The Cosmos DB account cosmos-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
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
APPCONFIG_STORE_ID=$(az appconfig show --name "$APPCONFIG_STORE_NAME" --query id -o tsv || true)
if [ "$APPCONFIG_STORE_ID" = '' ]; then
  printf '%s\n' 'The App Configuration store appcs-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi
EVENTHUBS_NAMESPACE_ID=$(az eventhubs namespace show \
    --name "$EVENTHUBS_NAMESPACE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
if [ "$EVENTHUBS_NAMESPACE_ID" = '' ]; then
  printf '%s\n' 'The Event Hubs namespace eh-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi
STORAGE_ACCOUNT_ID=$(az storage account show \
    --name "$STORAGE_ACCOUNT_NAME" \
    --query id -o tsv || true)
if [ "$STORAGE_ACCOUNT_ID" = '' ]; then
  printf '%s\n' 'The Checkpoint storage account stcheckpoints is not there (deleted, or not readable with your sign-in): its grants are skipped.'
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

# Remove Storage Blob Data Contributor on the Checkpoint storage account stcheckpoints, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$STORAGE_ACCOUNT_ID" != '' ]; then
    STORAGE_ACCOUNT_ROLE_ASSIGNMENT=$(az role assignment list \
        --scope "$STORAGE_ACCOUNT_ID" \
        --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/ba92f5b4-2d11-453d-a403-e96b0029c9fe') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
    if [ "$STORAGE_ACCOUNT_ROLE_ASSIGNMENT" != '' ]; then
      run az role assignment delete --ids "$STORAGE_ACCOUNT_ROLE_ASSIGNMENT"
    fi
  fi
fi

# Remove Azure Event Hubs Data Receiver on the Event Hubs namespace eh-orders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$EVENTHUBS_NAMESPACE_ID" != '' ]; then
    EVENTHUBS_NAMESPACE_ROLE_ASSIGNMENT=$(az role assignment list \
        --scope "$EVENTHUBS_NAMESPACE_ID" \
        --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/a638d3c7-ab3a-418d-83e6-5f17a39d4fde') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
    if [ "$EVENTHUBS_NAMESPACE_ROLE_ASSIGNMENT" != '' ]; then
      run az role assignment delete --ids "$EVENTHUBS_NAMESPACE_ROLE_ASSIGNMENT"
    fi
  fi
fi

# Remove App Configuration Data Reader on the App Configuration store appcs-orders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$APPCONFIG_STORE_ID" != '' ]; then
    APPCONFIG_STORE_ROLE_ASSIGNMENT=$(az role assignment list \
        --scope "$APPCONFIG_STORE_ID" \
        --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/516239f1-63e1-4d78-a4de-a74fb236a071') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
    if [ "$APPCONFIG_STORE_ROLE_ASSIGNMENT" != '' ]; then
      run az role assignment delete --ids "$APPCONFIG_STORE_ROLE_ASSIGNMENT"
    fi
  fi
fi

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

# Remove the Cosmos DB data-plane role Cosmos DB Built-in Data Contributor on the Cosmos DB account cosmos-orders (this principal, this role, the whole account: what the setup assigns; Cosmos DB keeps no note of who made an assignment, so an identical one made elsewhere goes too).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$COSMOS_ACCOUNT_ID" != '' ]; then
    COSMOS_ACCOUNT_DATA_ROLE_ASSIGNMENT=$(az cosmosdb sql role assignment list \
        --account-name "$COSMOS_ACCOUNT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --query '[?principalId=='''\'''"$PRINCIPAL_ID"''\'''' && ends_with(roleDefinitionId, '\''/00000000-0000-0000-0000-000000000002'\'') && !contains(scope, '\''/dbs/'\'')].name | [0]' -o tsv)
    if [ "$COSMOS_ACCOUNT_DATA_ROLE_ASSIGNMENT" != '' ]; then
      run az cosmosdb sql role assignment delete \
          --account-name "$COSMOS_ACCOUNT_NAME" \
          --resource-group "$RESOURCE_GROUP" \
          --role-assignment-id "$COSMOS_ACCOUNT_DATA_ROLE_ASSIGNMENT" \
          --yes -o none
    fi
  fi
fi

# Drop the database user id-orders from orders on sql-orders, if it signs in as this identity.
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$SQL_SERVER_ID" != '' ]; then
    # Needs go-sqlcmd, and you signed in to az as a Microsoft Entra admin of the server, as the setup did.
    if [ "$CLIENT_ID" != '' ]; then
      SQL_SERVER_DATABASE_FOUND=$(sqlcmd \
          --server sql-orders.database.usgovcloudapi.net \
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
            --server sql-orders.database.usgovcloudapi.net \
            --database-name orders \
            --authentication-method ActiveDirectoryAzCli \
            --exit-on-error \
            --query "IF EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'id-orders' AND sid = CAST(CAST('${CLIENT_ID}' AS uniqueidentifier) AS varbinary(16))) DROP USER [id-orders];"
      fi
      if [ "$SQL_SERVER_DATABASE_FOUND" != 0 ]; then
        if [ "$SQL_SERVER_DATABASE_FOUND" != 1 ]; then
          sqlcmd \
              --server sql-orders.database.usgovcloudapi.net \
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

# Remove the components the setup added to the Container Apps environment, if still as the setup wrote them (type, scopes orders-api, this identity's client id); one changed since is kept.
COMPONENTS_CLIENT_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].clientId | [0]" -o tsv)
if [ "$COMPONENTS_CLIENT_ID" != '' ]; then
  ENV_COMPONENT_1=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''cosmos-state'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_1" = "state.azure.cosmosdb|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name cosmos-state
  fi
  if [ "$ENV_COMPONENT_1" != '' ]; then
    if [ "$ENV_COMPONENT_1" != '||' ]; then
      if [ "$ENV_COMPONENT_1" != "state.azure.cosmosdb|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component cosmos-state in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name cosmos-state'
      fi
    fi
  fi
  ENV_COMPONENT_2=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''sql-state'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_2" = "state.sqlserver|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name sql-state
  fi
  if [ "$ENV_COMPONENT_2" != '' ]; then
    if [ "$ENV_COMPONENT_2" != '||' ]; then
      if [ "$ENV_COMPONENT_2" != "state.sqlserver|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component sql-state in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name sql-state'
      fi
    fi
  fi
  ENV_COMPONENT_3=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''redis-state'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_3" = "state.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name redis-state
  fi
  if [ "$ENV_COMPONENT_3" != '' ]; then
    if [ "$ENV_COMPONENT_3" != '||' ]; then
      if [ "$ENV_COMPONENT_3" != "state.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component redis-state in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name redis-state'
      fi
    fi
  fi
  ENV_COMPONENT_4=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''configstore'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_4" = "configuration.azure.appconfig|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name configstore
  fi
  if [ "$ENV_COMPONENT_4" != '' ]; then
    if [ "$ENV_COMPONENT_4" != '||' ]; then
      if [ "$ENV_COMPONENT_4" != "configuration.azure.appconfig|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component configstore in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name configstore'
      fi
    fi
  fi
  ENV_COMPONENT_5=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''eh-pubsub'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_5" = "pubsub.azure.eventhubs|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name eh-pubsub
  fi
  if [ "$ENV_COMPONENT_5" != '' ]; then
    if [ "$ENV_COMPONENT_5" != '||' ]; then
      if [ "$ENV_COMPONENT_5" != "pubsub.azure.eventhubs|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component eh-pubsub in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name eh-pubsub'
      fi
    fi
  fi
fi
if [ "$COMPONENTS_CLIENT_ID" = '' ]; then
  ENV_COMPONENTS_KEPT=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query 'join('\'', '\'', [?contains(`["cosmos-state","sql-state","redis-state","configstore","eh-pubsub"]`, name)].name)' -o tsv || true)
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
    -- components/cosmos-state.yaml components/sql-state.yaml components/redis-state.yaml components/configstore.yaml components/eh-pubsub.yaml

# Delete the user-assigned identity only if the setup created it (tag createdBy=dapr-mi-wizard) and you ask (DELETE_IDENTITY=1).
# An identity that existed before the setup has no such tag and is kept. Without DELETE_IDENTITY=1 it is kept too:
# a new identity of the same name would get new ids, and every grant would have to be made again.
if [ "$IDENTITY_CREATED_BY" = dapr-mi-wizard ]; then
  if [ "$DELETE_IDENTITY" = 1 ]; then
    run az identity delete --name "$IDENTITY_NAME" --resource-group "$RESOURCE_GROUP" -o none
  fi
fi

# Done. Running it again finds nothing left to remove and changes nothing.
# Kept on purpose: the Azure resources themselves, and any grant the setup did not make (a role assignment
# without the description "Created by the Dapr Managed Identity Wizard", an access policy with more permissions).
