#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of Azure Cache for Redis state store and Azure Cosmos DB state store on Azure Container Apps, User-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=aca&identity=user&resourceGroup=rg-orders&hostName=orders-api&environment=env-orders&identityName=id-orders&appId=orders-api&component=state.redis&name=redis-state&m.redisHost=redis-orders.redis.cache.windows.net%3A6380&c2.component=state.azure.cosmosdb&c2.name=cosmos-state&c2.m.url=https%3A%2F%2Fcosmos-orders.documents.azure.com%3A443%2F&c2.m.database=orders&c2.m.collection=state
# Takes back what setup-dapr-identity.sh added: the grants (database users last among them), then the host's
# own changes, the identity only if asked. Role assignments carry the setup's description and an identity its tag; where the
# setup leaves no mark (components, access policies, database users of its names), what
# has those names and still names this identity is taken to be the setup's. A grant that another setup for
# this identity also relies on goes too: both made the same one.
# Safe to run again: every step looks before it removes.
# Dry run: DRY_RUN=1 bash teardown-dapr-identity.sh prints each command that would remove something instead of running it.
# Run it with Bash after `az login`. Needs Azure CLI 2.57 or later (the first with `az redis access-policy-assignment`). Older: run `az upgrade`; an Azure CLI from a Linux distribution's own package (Debian's azure-cli, for one) upgrades only to that distribution's version, so install Microsoft's instead: https://learn.microsoft.com/cli/azure/install-azure-cli.
# DELETE_IDENTITY=1 also deletes the identity id-orders, if the setup created it (tag createdBy=dapr-mi-wizard).

RESOURCE_GROUP=rg-orders
CONTAINER_APP_NAME=orders-api
ENVIRONMENT_NAME=env-orders
IDENTITY_NAME=id-orders
REDIS_CACHE_NAME=redis-orders
COSMOS_ACCOUNT_NAME=cosmos-orders

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

# Look up the resources the setup granted on (each grant is on one of them); one that is gone is skipped.
REDIS_CACHE_ID=$(az redis show \
    --name "$REDIS_CACHE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
if [ "$REDIS_CACHE_ID" = '' ]; then
  printf '%s\n' 'The Azure Cache for Redis redis-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi
COSMOS_ACCOUNT_ID=$(az cosmosdb show \
    --name "$COSMOS_ACCOUNT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
if [ "$COSMOS_ACCOUNT_ID" = '' ]; then
  printf '%s\n' 'The Cosmos DB account cosmos-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
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

# Remove the components the setup added to the Container Apps environment, if still as the setup wrote them (type, scopes orders-api, this identity's client id); one changed since is kept.
COMPONENTS_CLIENT_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].clientId | [0]" -o tsv)
if [ "$COMPONENTS_CLIENT_ID" != '' ]; then
  ENV_COMPONENT_1=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''redis-state'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_1" = "state.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name redis-state
  fi
  if [ "$ENV_COMPONENT_1" != '' ]; then
    if [ "$ENV_COMPONENT_1" != '||' ]; then
      if [ "$ENV_COMPONENT_1" != "state.redis|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component redis-state in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name redis-state'
      fi
    fi
  fi
  ENV_COMPONENT_2=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query '[?name=='\''cosmos-state'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv || true)
  if [ "$ENV_COMPONENT_2" = "state.azure.cosmosdb|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    run az containerapp env dapr-component remove \
        --name "$ENVIRONMENT_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --dapr-component-name cosmos-state
  fi
  if [ "$ENV_COMPONENT_2" != '' ]; then
    if [ "$ENV_COMPONENT_2" != '||' ]; then
      if [ "$ENV_COMPONENT_2" != "state.azure.cosmosdb|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
        printf '%s\n' 'The component cosmos-state in the Container Apps environment env-orders is kept: it changed since the setup wrote it (its type, its scopes or its client id), so it may be someone else'\''s now. If nothing uses it, remove it yourself: az containerapp env dapr-component remove --name env-orders --resource-group rg-orders --dapr-component-name cosmos-state'
      fi
    fi
  fi
fi
if [ "$COMPONENTS_CLIENT_ID" = '' ]; then
  ENV_COMPONENTS_KEPT=$(az containerapp env dapr-component list \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query 'join('\'', '\'', [?contains(`["redis-state","cosmos-state"]`, name)].name)' -o tsv || true)
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
run rm -f -- components/redis-state.yaml components/cosmos-state.yaml

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
