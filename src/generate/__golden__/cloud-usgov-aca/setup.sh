#!/usr/bin/env bash
# Dapr Managed Identity Wizard: 5 Dapr components on Azure Container Apps, User-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#cloud=usgovernment&host=aca&identity=user&resourceGroup=rg-orders&hostName=orders-api&environment=env-orders&identityName=id-orders&appId=orders-api&appPort=8080&component=state.azure.cosmosdb&name=cosmos-state&m.url=https%3A%2F%2Fcosmos-orders.documents.azure.us%3A443%2F&m.database=orders&m.collection=state&c2.component=state.sqlserver&c2.name=sql-state&c2.m.host=sql-orders.database.usgovcloudapi.net&c2.m.database=orders&c3.component=state.redis&c3.name=redis-state&c3.m.redisHost=redis-orders.redis.cache.usgovcloudapi.net%3A6380&c4.component=configuration.azure.appconfig&c4.m.host=https%3A%2F%2Fappcs-orders.azconfig.azure.us&c5.component=pubsub.azure.eventhubs&c5.name=eh-pubsub&c5.m.eventHubNamespace=eh-orders.servicebus.usgovcloudapi.net&c5.m.storageAccountName=stcheckpoints&c5.m.storageContainerName=checkpoints&c5.ehAccess=subscribe
# Run it with Bash after `az cloud set --name AzureUSGovernment` and then `az login` (a sign-in to another cloud does not count). Needs Azure CLI 2.57 or later (the first with `az redis access-policy-assignment`). Older: run `az upgrade`; an Azure CLI from a Linux distribution's own package (Debian's azure-cli, for one) upgrades only to that distribution's version, so install Microsoft's instead: https://learn.microsoft.com/cli/azure/install-azure-cli.
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
#   - Cosmos DB account cosmos-orders (resource group rg-orders)
#   - Azure SQL server sql-orders (resource group rg-orders)
#   - Azure Cache for Redis redis-orders (resource group rg-orders)
#   - App Configuration store appcs-orders (resource group rg-orders)
#   - Event Hubs namespace eh-orders (resource group rg-orders)
#   - Checkpoint storage account stcheckpoints (resource group rg-orders)
# Identity:
#   - Creates the user-assigned identity id-orders (resource group rg-orders) unless it exists (an existing one is kept as it is).
#   - Attaches it to the container app orders-api (resource group rg-orders).
# Grants:
#   - Cosmos DB data-plane role Cosmos DB Built-in Data Contributor on the Cosmos DB account cosmos-orders (for cosmos-state).
#   - An Azure SQL contained user for the identity (db_ddladmin, db_datareader, db_datawriter, EXECUTE ON SCHEMA::dbo, REFERENCES ON SCHEMA::dbo) in the database orders, on the Azure SQL server sql-orders (for sql-state).
#   - Redis data access policy Data Owner on the Azure Cache for Redis redis-orders (for redis-state).
#   - Azure role App Configuration Data Reader on the App Configuration store appcs-orders only (for configstore).
#   - Azure role Azure Event Hubs Data Receiver on the Event Hubs namespace eh-orders only (for eh-pubsub).
#   - Azure role Storage Blob Data Contributor on the Checkpoint storage account stcheckpoints only (for eh-pubsub).
# Files written:
#   - components/cosmos-state.yaml: the Azure Cosmos DB state store component
#   - components/sql-state.yaml: the Azure SQL state store component
#   - components/redis-state.yaml: the Azure Cache for Redis state store component
#   - components/configstore.yaml: the Azure App Configuration store component
#   - components/eh-pubsub.yaml: the Azure Event Hubs pub/sub component
# On the container app:
#   - Adds the components to the Container Apps environment env-orders (az containerapp env dapr-component set): they are environment-wide, loaded by every app there whose Dapr app id is in their scopes (orders-api). A component of the same name that the setup did not write (another type, other scopes, another identity) stops the script before any change, since setting it would replace it for the apps that load it.
#   - Turns Dapr on for the container app orders-api with the app id orders-api and the app port 8080 when it is off or on another port (az containerapp dapr enable): Dapr's settings apply to the whole app, so its running revisions restart with them (no new revision).
# On this machine:
#   - Switches the Azure CLI to Azure Government (US) (az cloud set --name AzureUSGovernment): later az commands on this machine use it.

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

# Talk to Azure Government (US): every resource below is in that cloud.
az cloud set --name AzureUSGovernment

# Read first: what Azure Container Apps or this cloud does not support, or is not known to support, for these components.
# Component redis-state: Dapr asks Entra ID for a token for the public-cloud Redis audience https://redis.azure.com/.default in every cloud; whether Azure Cache for Redis in Azure Government accepts it is not confirmed. If the component fails to load with an authentication error, that audience is the likely cause.
# Component configstore: Container Apps supports only stable Dapr components (container-apps/dapr-overview.md); configuration.azure.appconfig is alpha in Dapr (its metadata.yaml): it may load, but without platform support.

# Look up the resources before changing anything (Cosmos DB account, Azure SQL server, Azure Cache for Redis, App Configuration store, Event Hubs namespace, Checkpoint storage account): each grant is scoped to one of them.
az cosmosdb show --name "$COSMOS_ACCOUNT_NAME" --resource-group "$RESOURCE_GROUP" -o none
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
APPCONFIG_STORE_ID=$(az appconfig show --name "$APPCONFIG_STORE_NAME" --query id -o tsv)
EVENTHUBS_NAMESPACE_ID=$(az eventhubs namespace show \
    --name "$EVENTHUBS_NAMESPACE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv)
STORAGE_ACCOUNT_ID=$(az storage account show --name "$STORAGE_ACCOUNT_NAME" --query id -o tsv)

# Check the entities Dapr reads but cannot create with these grants, before changing anything.
if ! COSMOS_PARTITION_KEY=$(az cosmosdb sql container show \
    --account-name "$COSMOS_ACCOUNT_NAME" \
    --database-name orders \
    --name state \
    --resource-group "$RESOURCE_GROUP" \
    --query resource.partitionKey.paths -o tsv); then
  echo 'Component cosmos-state: the container state of the database orders in the Cosmos DB account cosmos-orders could not be read (az says why above). Dapr reads it when it loads the component, and its data-plane role cannot create a database or container. Create them (the database only if it is missing): az cosmosdb sql database create --account-name cosmos-orders --name orders --resource-group rg-orders; az cosmosdb sql container create --account-name cosmos-orders --database-name orders --name state --partition-key-path /partitionKey --resource-group rg-orders. Nothing was changed. More: troubleshoot.html#cosmos-container-unreadable, beside the wizard'\''s page.' >&2
  exit 1
fi
if [ "$COSMOS_PARTITION_KEY" != /partitionKey ]; then
  echo 'Component cosmos-state: the container state does not have the one partition key path /partitionKey, and the Dapr state store writes the partition key in the partitionKey property. A container'\''s partition key cannot be changed: create a container with it (az cosmosdb sql container create --account-name cosmos-orders --database-name orders --name state --partition-key-path /partitionKey --resource-group rg-orders) and name that one in the wizard. Nothing was changed. More: troubleshoot.html#cosmos-partition-key-mismatch, beside the wizard'\''s page.' >&2
  exit 1
fi
# Component eh-pubsub: each topic is an event hub of that name, which Dapr does not create: az eventhubs eventhub create --namespace-name eh-orders --name <topic> --resource-group rg-orders
# Each event hub it subscribes to needs the consumer group orders-api, which Dapr does not create; where it is missing: az eventhubs eventhub consumer-group create --namespace-name eh-orders --eventhub-name <topic> --name orders-api --resource-group rg-orders

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
    --query '[?name=='\''cosmos-state'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_1" != '||' ]; then
  if [ "$ENV_COMPONENT_1" != "state.azure.cosmosdb|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named cosmos-state that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_2=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''sql-state'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_2" != '||' ]; then
  if [ "$ENV_COMPONENT_2" != "state.sqlserver|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named sql-state that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_3=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''redis-state'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_3" != '||' ]; then
  if [ "$ENV_COMPONENT_3" != "state.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named redis-state that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_4=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''configstore'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_4" != '||' ]; then
  if [ "$ENV_COMPONENT_4" != "configuration.azure.appconfig|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named configstore that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_5=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''eh-pubsub'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_5" != '||' ]; then
  if [ "$ENV_COMPONENT_5" != "pubsub.azure.eventhubs|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named eh-pubsub that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
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

# Assign the Cosmos DB data-plane role Cosmos DB Built-in Data Contributor (00000000-0000-0000-0000-000000000002) on the Cosmos DB account cosmos-orders, for cosmos-state, unless the identity already has it there.
COSMOS_ACCOUNT_DATA_ROLE_ASSIGNMENT=$(az cosmosdb sql role assignment list \
    --account-name "$COSMOS_ACCOUNT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?principalId=='''\'''"$PRINCIPAL_ID"''\'''' && ends_with(roleDefinitionId, '\''/00000000-0000-0000-0000-000000000002'\'') && !contains(scope, '\''/dbs/'\'')].id | [0]' -o tsv)
if [ "$COSMOS_ACCOUNT_DATA_ROLE_ASSIGNMENT" = '' ]; then
  for attempt in {1..6}; do
    if run az cosmosdb sql role assignment create \
        --account-name "$COSMOS_ACCOUNT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --scope / \
        --principal-id "$PRINCIPAL_ID" \
        --role-definition-id 00000000-0000-0000-0000-000000000002 -o none; then
      break
    fi
    if [ "$attempt" = 6 ]; then
      echo 'The Cosmos DB role assignment on cosmos-orders failed 6 times. If the errors above say the principal was not found, Microsoft Entra ID does not know the new identity yet: wait a few minutes and run this script again. Otherwise fix what they name (for example, your own rights on the account) and run it again. More: troubleshoot.html#cosmos-principal-not-found, beside the wizard'\''s page.' >&2
      exit 1
    fi
    sleep 20
  done
fi

# Add the identity to the database orders on sql-orders as id-orders (db_ddladmin, db_datareader, db_datawriter, EXECUTE ON SCHEMA::dbo, REFERENCES ON SCHEMA::dbo).
# Needs go-sqlcmd, and you signed in to az as a user who is a Microsoft Entra admin of the server.
# If a user of that name already exists, it must have this identity's client id as its SID, or the batch
# stops (Microsoft Learn: "Microsoft Entra logins and users with nonunique display names" shows the SID).
# CREATE USER names the identity by its object id (WITH OBJECT_ID, in preview on Azure SQL Database and
# Managed Instance, same page), so a display name another principal shares does not fail the CREATE (Msg 33131).
for attempt in {1..6}; do
  if SQL_OUTPUT=$(run sqlcmd \
      --server sql-orders.database.usgovcloudapi.net \
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

# Give the identity the Data Owner data access policy on the Redis cache redis-orders, for redis-state, unless it has it there.
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

# Grant App Configuration Data Reader (built-in role 516239f1-63e1-4d78-a4de-a74fb236a071) on the App Configuration store appcs-orders only, for configstore, unless the identity already has it there.
APPCONFIG_STORE_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$APPCONFIG_STORE_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/516239f1-63e1-4d78-a4de-a74fb236a071')].id | [0]" -o tsv)
if [ "$APPCONFIG_STORE_ROLE_ASSIGNMENT" = '' ]; then
  run az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role 516239f1-63e1-4d78-a4de-a74fb236a071 \
      --scope "$APPCONFIG_STORE_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Grant Azure Event Hubs Data Receiver (built-in role a638d3c7-ab3a-418d-83e6-5f17a39d4fde) on the Event Hubs namespace eh-orders only, for eh-pubsub, unless the identity already has it there.
EVENTHUBS_NAMESPACE_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$EVENTHUBS_NAMESPACE_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/a638d3c7-ab3a-418d-83e6-5f17a39d4fde')].id | [0]" -o tsv)
if [ "$EVENTHUBS_NAMESPACE_ROLE_ASSIGNMENT" = '' ]; then
  run az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role a638d3c7-ab3a-418d-83e6-5f17a39d4fde \
      --scope "$EVENTHUBS_NAMESPACE_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Grant Storage Blob Data Contributor (built-in role ba92f5b4-2d11-453d-a403-e96b0029c9fe) on the Checkpoint storage account stcheckpoints only, for eh-pubsub, unless the identity already has it there.
STORAGE_ACCOUNT_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$STORAGE_ACCOUNT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/ba92f5b4-2d11-453d-a403-e96b0029c9fe')].id | [0]" -o tsv)
if [ "$STORAGE_ACCOUNT_ROLE_ASSIGNMENT" = '' ]; then
  run az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role ba92f5b4-2d11-453d-a403-e96b0029c9fe \
      --scope "$STORAGE_ACCOUNT_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Write the component files into ./components.
mkdir -p components
{
cat <<'YAML'
componentType: state.azure.cosmosdb
version: v1
metadata:
- name: url
  value: https://cosmos-orders.documents.azure.us:443/
- name: database
  value: orders
- name: collection
  value: state
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
- name: azureEnvironment
  value: AzureUSGovernmentCloud
scopes:
- orders-api
YAML
} > components/cosmos-state.yaml
{
cat <<'YAML'
componentType: state.sqlserver
version: v1
metadata:
- name: useAzureAD
  value: "true"
- name: connectionString
  value: sqlserver://sql-orders.database.usgovcloudapi.net:1433?database=orders
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
- name: azureEnvironment
  value: AzureUSGovernmentCloud
scopes:
- orders-api
YAML
} > components/sql-state.yaml
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
  value: redis-orders.redis.cache.usgovcloudapi.net:6380
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
- name: azureEnvironment
  value: AzureUSGovernmentCloud
scopes:
- orders-api
YAML
} > components/redis-state.yaml
{
cat <<'YAML'
componentType: configuration.azure.appconfig
version: v1
metadata:
- name: host
  value: https://appcs-orders.azconfig.azure.us
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
- name: azureEnvironment
  value: AzureUSGovernmentCloud
scopes:
- orders-api
YAML
} > components/configstore.yaml
{
cat <<'YAML'
componentType: pubsub.azure.eventhubs
version: v1
metadata:
- name: eventHubNamespace
  value: eh-orders.servicebus.usgovcloudapi.net
- name: storageAccountName
  value: stcheckpoints
- name: storageContainerName
  value: checkpoints
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
- name: azureEnvironment
  value: AzureUSGovernmentCloud
scopes:
- orders-api
YAML
} > components/eh-pubsub.yaml

# Add each component to the Container Apps environment (in ACA's own component schema).
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name cosmos-state \
    --yaml components/cosmos-state.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name sql-state \
    --yaml components/sql-state.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name redis-state \
    --yaml components/redis-state.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name configstore \
    --yaml components/configstore.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name eh-pubsub \
    --yaml components/eh-pubsub.yaml -o none

# Turn Dapr on for the container app with app id orders-api and app port 8080, if it is off or listens on another port (its revisions restart, no new one is made).
DAPR_ON_APP_PORT=$(az containerapp show \
    --name "$CONTAINER_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query 'properties.configuration.dapr.enabled && properties.configuration.dapr.appPort' -o tsv)
if [ "$DAPR_ON_APP_PORT" != 8080 ]; then
  run az containerapp dapr enable \
      --name "$CONTAINER_APP_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-app-id orders-api \
      --dapr-app-port 8080 -o none
fi

# Verify: the grants and the components Dapr loads.
if [ "${DRY_RUN:-}" = 1 ]; then
  echo 'DRY RUN: the checks of what the skipped commands make are skipped too.' >&2
else
  az cosmosdb sql role assignment list \
      --account-name "$COSMOS_ACCOUNT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionId" -o tsv
  az role assignment list \
      --scope "$APPCONFIG_STORE_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
  az role assignment list \
      --scope "$EVENTHUBS_NAMESPACE_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
  az role assignment list \
      --scope "$STORAGE_ACCOUNT_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name cosmos-state \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name sql-state \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name redis-state \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name configstore \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name eh-pubsub \
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
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: cosmos-state (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'cosmos-state: loaded, and its start signed in to Azure as the identity (it makes an Azure call when it loads).'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component cosmos-state (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'cosmos-state: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e Microsoft.DocumentDB/databaseAccounts/readMetadata -e 'does not have required RBAC permissions to perform action' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: Cosmos DB data access needs its own data-plane role assignment; Azure RBAC roles on the account (even Contributor) give no data access. Fix: Assign Cosmos DB Built-in Data Contributor with az cosmosdb sql role assignment create, scope "/". More: troubleshoot.html#cosmos-data-role-missing, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' -e Microsoft.DocumentDB/databaseAccounts/readMetadata -e 'does not have required RBAC permissions to perform action' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'cosmos-state ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'cosmos-state: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'cosmos-state: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "cosmos-state (" | project time_t, Log_s | order by time_t desc'
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
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: configstore (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'configstore: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (az containerapp logs show --name orders-api --resource-group rg-orders --container daprd --tail 300 --format text): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component configstore (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'configstore: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'configstore ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'configstore: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'configstore: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "configstore (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: eh-pubsub (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'eh-pubsub: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (az containerapp logs show --name orders-api --resource-group rg-orders --container daprd --tail 300 --format text): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component eh-pubsub (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'eh-pubsub: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'eh-pubsub ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'eh-pubsub: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'eh-pubsub: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "eh-pubsub (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  if [ "$DAPRD_LOG_WAIT_RAN_OUT" = 1 ]; then
    printf '%s\n' 'Not proved by this run: that Dapr loaded a component marked not seen above. daprd logs its components when it starts: run this script again after the app'\''s next start (a new revision or a restart), or run the query above.'
  fi
  if [ "$DAPRD_FAILED_COMPONENTS" != '' ]; then
    echo "$DAPRD_FAILED_COMPONENTS" >&2
    echo 'Dapr in the container app'\''s newest revision failed to load a component (of cosmos-state, sql-state, redis-state, configstore, eh-pubsub: the names are above this line, each with daprd'\''s line and its likely cause above them). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
