#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Cache for Redis state store and Azure Cosmos DB state store on Azure Container Apps, User-assigned identity.
# Run it with Bash after `az login`. Needs Azure CLI 2.53 or later (containerapp commands in the core CLI).
# Change values in the wizard, not here: the files this script writes were generated from them.

RESOURCE_GROUP=rg-orders
CONTAINER_APP_NAME=orders-api
ENVIRONMENT_NAME=env-orders
IDENTITY_NAME=id-orders
REDIS_CACHE_NAME=redis-orders
COSMOS_ACCOUNT_NAME=cosmos-orders

set -euo pipefail

# Git Bash on Windows would rewrite arguments that start with / (scopes, resource ids) into Windows paths.
export MSYS_NO_PATHCONV=1

# Look up the resources before changing anything (Azure Cache for Redis, Cosmos DB account): each grant is scoped to one of them.
REDIS_CACHE_CHECK=$(az redis show \
    --name "$REDIS_CACHE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query redisConfiguration.aadEnabled -o tsv | tr '[:upper:]' '[:lower:]')
if [ "$REDIS_CACHE_CHECK" != true ]; then
  echo 'Turn on Microsoft Entra authentication on the cache first (the cache restarts): az redis update --set redisConfiguration.aadEnabled=true with its --name and --resource-group.' >&2
  exit 1
fi
az cosmosdb show --name "$COSMOS_ACCOUNT_NAME" --resource-group "$RESOURCE_GROUP" -o none

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
    echo 'The container app runs Dapr with another app id: enter that app id in the wizard, or change it on the app yourself (its callers use it), then run this script again.' >&2
    exit 1
  fi
fi

# Create the user-assigned identity the app signs in with, unless it exists; the tag tells the teardown the setup made it (an existing one is kept untagged, and the teardown keeps it).
IDENTITY_FOUND=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].id | [0]" -o tsv)
if [ "$IDENTITY_FOUND" = '' ]; then
  az identity create \
      --name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --tags createdBy=dapr-mi-wizard -o none
fi

# Read its ids: the principal id receives the grant, the resource id attaches it to the host, the client id tells Azure which identity the app means.
IDENTITY_ID=$(az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv)
PRINCIPAL_ID=$(az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query principalId -o tsv)
CLIENT_ID=$(az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query clientId -o tsv)

# Attach the identity to the container app.
az containerapp identity assign \
    --name "$CONTAINER_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --user-assigned "$IDENTITY_ID" -o none

# Give the identity the Data Owner data access policy on the Redis cache redis-orders, for redis-state.
# Needs an Azure CLI that has az redis access-policy-assignment (added with the 2023-08-01 Redis API, after
# 2.45); Microsoft Entra authentication on the cache was checked above.
az redis access-policy-assignment create \
    --name "$REDIS_CACHE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --policy-assignment-name id-orders \
    --access-policy-name 'Data Owner' \
    --object-id "$PRINCIPAL_ID" \
    --object-id-alias id-orders -o none

# Assign the Cosmos DB data-plane role Cosmos DB Built-in Data Contributor (00000000-0000-0000-0000-000000000002) on the Cosmos DB account cosmos-orders, for cosmos-state, unless the identity already has it there.
COSMOS_ACCOUNT_DATA_ROLE_ASSIGNMENT=$(az cosmosdb sql role assignment list \
    --account-name "$COSMOS_ACCOUNT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query '[?principalId=='''\'''"$PRINCIPAL_ID"''\'''' && ends_with(roleDefinitionId, '\''/00000000-0000-0000-0000-000000000002'\'') && !contains(scope, '\''/dbs/'\'')].id | [0]' -o tsv)
if [ "$COSMOS_ACCOUNT_DATA_ROLE_ASSIGNMENT" = '' ]; then
  for attempt in {1..6}; do
    if az cosmosdb sql role assignment create \
        --account-name "$COSMOS_ACCOUNT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --scope / \
        --principal-id "$PRINCIPAL_ID" \
        --role-definition-id 00000000-0000-0000-0000-000000000002 -o none; then
      break
    fi
    if [ "$attempt" = 6 ]; then
      echo 'The Cosmos DB role assignment on cosmos-orders failed 6 times. If the errors above say the principal was not found, Microsoft Entra ID does not know the new identity yet: wait a few minutes and run this script again. Otherwise fix what they name (for example, your own rights on the account) and run it again.' >&2
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
az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name redis-state \
    --yaml components/redis-state.yaml -o none
az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name cosmos-state \
    --yaml components/cosmos-state.yaml -o none

# Turn Dapr on for the container app with app id orders-api if it is off (a new revision starts).
if [ "$DAPR_ENABLED" != true ]; then
  az containerapp dapr enable \
      --name "$CONTAINER_APP_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-app-id orders-api -o none
fi
# No app port: Dapr delivers no subscribed messages or input-binding events to the app. If it takes them, enter its port in the wizard.

# Verify: the grants and the components Dapr loads.
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

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
