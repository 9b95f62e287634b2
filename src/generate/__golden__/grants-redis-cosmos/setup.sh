#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Cache for Redis state store and Azure Cosmos DB state store on Azure Container Apps, User-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=aca&identity=user&resourceGroup=rg-orders&hostName=orders-api&environment=env-orders&identityName=id-orders&appId=orders-api&component=state.redis&name=redis-state&m.redisHost=redis-orders.redis.cache.windows.net%3A6380&c2.component=state.azure.cosmosdb&c2.name=cosmos-state&c2.m.url=https%3A%2F%2Fcosmos-orders.documents.azure.com%3A443%2F&c2.m.database=orders&c2.m.collection=state
# Run it with Bash after `az login`. Needs Azure CLI 2.57 or later (the first with `az redis access-policy-assignment`). Older: run `az upgrade`; an Azure CLI from a Linux distribution's own package (Debian's azure-cli, for one) upgrades only to that distribution's version, so install Microsoft's instead: https://learn.microsoft.com/cli/azure/install-azure-cli.
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
#   - Azure Cache for Redis redis-orders (resource group rg-orders)
#   - Cosmos DB account cosmos-orders (resource group rg-orders)
# Identity:
#   - Creates the user-assigned identity id-orders (resource group rg-orders) unless it exists (an existing one is kept as it is).
#   - Attaches it to the container app orders-api (resource group rg-orders).
# Grants:
#   - Redis data access policy Data Owner on the Azure Cache for Redis redis-orders (for redis-state).
#   - Cosmos DB data-plane role Cosmos DB Built-in Data Contributor on the Cosmos DB account cosmos-orders (for cosmos-state).
# Files written:
#   - components/redis-state.yaml: the Azure Cache for Redis state store component
#   - components/cosmos-state.yaml: the Azure Cosmos DB state store component
# On the container app:
#   - Adds the components to the Container Apps environment env-orders (az containerapp env dapr-component set): they are environment-wide, loaded by every app there whose Dapr app id is in their scopes (orders-api). A component of the same name that the setup did not write (another type, other scopes, another identity) stops the script before any change, since setting it would replace it for the apps that load it.
#   - Turns Dapr on for the container app orders-api with the app id orders-api when it is off (az containerapp dapr enable): Dapr's settings apply to the whole app, so its running revisions restart with them (no new revision).

RESOURCE_GROUP=rg-orders
CONTAINER_APP_NAME=orders-api
ENVIRONMENT_NAME=env-orders
IDENTITY_NAME=id-orders
REDIS_CACHE_NAME=redis-orders
COSMOS_ACCOUNT_NAME=cosmos-orders

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

# Look up the resources before changing anything (Azure Cache for Redis, Cosmos DB account): each grant is scoped to one of them.
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
az cosmosdb show --name "$COSMOS_ACCOUNT_NAME" --resource-group "$RESOURCE_GROUP" -o none

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
    --query '[?name=='\''redis-state'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_1" != '||' ]; then
  if [ "$ENV_COMPONENT_1" != "state.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named redis-state that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
ENV_COMPONENT_2=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?name=='\''cosmos-state'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_2" != '||' ]; then
  if [ "$ENV_COMPONENT_2" != "state.azure.cosmosdb|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named cosmos-state that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
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

# Write the component files into ./components.
mkdir -p components
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
componentType: state.azure.cosmosdb
version: v1
metadata:
- name: url
  value: https://cosmos-orders.documents.azure.com:443/
- name: database
  value: orders
- name: collection
  value: state
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/cosmos-state.yaml

# Add each component to the Container Apps environment (in ACA's own component schema).
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name redis-state \
    --yaml components/redis-state.yaml -o none
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name cosmos-state \
    --yaml components/cosmos-state.yaml -o none

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
  az cosmosdb sql role assignment list \
      --account-name "$COSMOS_ACCOUNT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionId" -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name redis-state \
      --query properties.componentType -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name cosmos-state \
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
  if [ "$DAPRD_LOG_WAIT_RAN_OUT" = 1 ]; then
    printf '%s\n' 'Not proved by this run: that Dapr loaded a component marked not seen above. daprd logs its components when it starts: run this script again after the app'\''s next start (a new revision or a restart), or run the query above.'
  fi
  if [ "$DAPRD_FAILED_COMPONENTS" != '' ]; then
    echo "$DAPRD_FAILED_COMPONENTS" >&2
    echo 'Dapr in the container app'\''s newest revision failed to load a component (of redis-state, cosmos-state: the names are above this line, each with daprd'\''s line and its likely cause above them). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
