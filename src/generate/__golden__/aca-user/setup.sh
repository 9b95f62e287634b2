#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on Azure Container Apps, User-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=aca&identity=user&resourceGroup=rg-orders&hostName=orders-api&environment=env-orders&location=westeurope&identityName=id-orders&appId=orders-api&appPort=8080&m.vaultName=kv-orders
# Run it with Bash after `az login`. Needs Azure CLI 2.53 or later (containerapp commands in the core CLI). Older: run `az upgrade`; an Azure CLI from a Linux distribution's own package (Debian's azure-cli, for one) upgrades only to that distribution's version, so install Microsoft's instead: https://learn.microsoft.com/cli/azure/install-azure-cli.
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
#   - Key Vault kv-orders (resource group rg-orders)
# Identity:
#   - Creates the user-assigned identity id-orders (resource group rg-orders) unless it exists (an existing one is kept as it is).
#   - Attaches it to the container app orders-api (resource group rg-orders).
# Grants:
#   - Azure role Key Vault Secrets User on the Key Vault kv-orders only (for azurekeyvault).
# Files written:
#   - components/azurekeyvault.yaml: the Azure Key Vault secret store component
# On the container app:
#   - Adds the components to the Container Apps environment env-orders (az containerapp env dapr-component set): they are environment-wide, loaded by every app there whose Dapr app id is in their scopes (orders-api). A component of the same name that the setup did not write (another type, other scopes, another identity) stops the script before any change, since setting it would replace it for the apps that load it.
#   - Turns Dapr on for the container app orders-api with the app id orders-api and the app port 8080 when it is off or on another port (az containerapp dapr enable): Dapr's settings apply to the whole app, so its running revisions restart with them (no new revision).

RESOURCE_GROUP=rg-orders
CONTAINER_APP_NAME=orders-api
ENVIRONMENT_NAME=env-orders
IDENTITY_NAME=id-orders
LOCATION=westeurope
VAULT_NAME=kv-orders

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

# Look up the resources before changing anything (Key Vault): each grant is scoped to one of them.
VAULT_ID=$(az keyvault show --name "$VAULT_NAME" --query id -o tsv)
VAULT_RBAC=$(az keyvault show \
    --name "$VAULT_NAME" \
    --query properties.enableRbacAuthorization -o tsv)
if [ "$VAULT_RBAC" != true ]; then
  echo 'The vault kv-orders uses access policies, which ignore RBAC roles: choose "Vault access policies" in the wizard. More: troubleshoot.html#kv-vault-uses-access-policies, beside the wizard'\''s page.' >&2
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
    --query '[?name=='\''azurekeyvault'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_1" != '||' ]; then
  if [ "$ENV_COMPONENT_1" != "secretstores.azure.keyvault|orders-api|${COMPONENTS_CLIENT_ID}" ]; then
    echo 'The Container Apps environment env-orders already has a Dapr component named azurekeyvault that the setup did not write: another type, scopes other than orders-api alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
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
      --location "$LOCATION" \
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

# Grant Key Vault Secrets User (built-in role 4633458b-17de-408a-b874-0445c86b69e6) on the Key Vault kv-orders only, for azurekeyvault, unless the identity already has it there.
VAULT_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$VAULT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/4633458b-17de-408a-b874-0445c86b69e6')].id | [0]" -o tsv)
if [ "$VAULT_ROLE_ASSIGNMENT" = '' ]; then
  run az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role 4633458b-17de-408a-b874-0445c86b69e6 \
      --scope "$VAULT_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Write the component file into ./components.
mkdir -p components
{
cat <<'YAML'
componentType: secretstores.azure.keyvault
version: v1
metadata:
- name: vaultName
  value: kv-orders
- name: azureClientId
YAML
printf '  value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-api
YAML
} > components/azurekeyvault.yaml

# Add the component to the Container Apps environment (in ACA's own component schema).
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --dapr-component-name azurekeyvault \
    --yaml components/azurekeyvault.yaml -o none

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
  az role assignment list \
      --scope "$VAULT_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --dapr-component-name azurekeyvault \
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
        --format text | grep -F -- 'dapr initialized. Status: Running.
Failed to init component '; then
      break
    fi
    if [ "$attempt" = 30 ]; then
      echo 'daprd'\''s log did not say within about 10 minutes that it runs (the last 300 lines read); what they show about each component follows. Likely cause: A component keeps failing (daprd starts again after each failure), the app has no replica (scaled to zero), its start scrolled past the lines read, or the CLI could not read the daprd container. Fix: Read what the script prints for each component next. Send the app a request if it scaled to zero, and read daprd'\''s log itself (az containerapp logs show --container daprd). More: troubleshoot.html#aca-daprd-log-silent, beside the wizard'\''s page.' >&2
      DAPRD_LOG_WAIT_RAN_OUT=1
      break
    fi
    echo 'daprd'\''s log does not say yet that it runs, nor that a component failed; trying again in 20 s.' >&2
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
  DAPRD_COMPONENT_LOADED=$(printf '%s\n' "$DAPRD_LOG" | grep -c -F -- 'Component loaded: azurekeyvault (' || true)
  if [ "$DAPRD_COMPONENT_LOADED" != 0 ]; then
    printf '%s\n' 'azurekeyvault: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (az containerapp logs show --name orders-api --resource-group rg-orders --container daprd --tail 300 --format text): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
  fi
  if [ "$DAPRD_COMPONENT_LOADED" = 0 ]; then
    DAPRD_FAILED_LINE=$(printf '%s\n' "$DAPRD_LOG" | grep -m 1 -F -- 'Failed to init component azurekeyvault (' || true)
    if [ "$DAPRD_FAILED_LINE" != '' ]; then
      printf '%s\n' 'azurekeyvault: Dapr failed to load it. Its line in daprd'\''s log:'
      printf '%s\n' "${DAPRD_FAILED_LINE}"
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: azureClientId is not the identity'\''s client id (an app registration'\''s, or the principal id), or the identity is not attached to the host the app runs on. Fix: Put the identity'\''s clientId in azureClientId, attach the identity to the host, and restart the app. More: troubleshoot.html#mi-client-id-not-assigned, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e ForbiddenByRbac -e DeniedWithNoValidRBAC || true)
      if [ "$DAPRD_ERROR_MATCHES" != 0 ]; then
        printf '%s\n' 'Likely cause: The identity has no Key Vault data role on the vault (or it is on another scope), or the role was granted minutes ago and is not in effect yet. Fix: Grant Key Vault Secrets User (secrets) or Key Vault Crypto User (keys) on the vault to the principal id; wait up to about 10 minutes; restart the app. More: troubleshoot.html#kv-forbidden-by-rbac, beside the wizard'\''s page.'
      fi
      DAPRD_ERROR_MATCHES=$(printf '%s\n' "$DAPRD_FAILED_LINE" | grep -c -i -F -e 'No User Assigned or Delegated Managed Identity found for specified ClientId' -e 'the requested identity isn'\''t assigned to this resource' -e ForbiddenByRbac -e DeniedWithNoValidRBAC || true)
      if [ "$DAPRD_ERROR_MATCHES" = 0 ]; then
        printf '%s\n' 'Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.'
      fi
      DAPRD_FAILED_COMPONENTS=$(printf %s "$DAPRD_FAILED_COMPONENTS" 'azurekeyvault ')
    fi
    if [ "$DAPRD_FAILED_LINE" = '' ]; then
      if [ "$DAPRD_FAILURE_LINES" != 0 ]; then
        printf '%s\n' 'azurekeyvault: not in the log (daprd stops when a component fails to load, named above, and may not have reached this one).'
      fi
      if [ "$DAPRD_FAILURE_LINES" = 0 ]; then
        printf '%s\n' 'azurekeyvault: not seen in the last 300 lines of daprd'\''s log (not a failure: on a replica that runs long they scroll past; and a replica that started before this run set the component has not loaded it yet, as daprd reads its components when it starts: restart it with az containerapp revision restart --name orders-api --resource-group rg-orders --revision <revision>). Look for it in the environment'\''s Log Analytics workspace:
  ContainerAppConsoleLogs_CL | where ContainerAppName_s == "orders-api" and ContainerName_s == "daprd" | where Log_s contains "azurekeyvault (" | project time_t, Log_s | order by time_t desc'
      fi
    fi
  fi
  if [ "$DAPRD_LOG_WAIT_RAN_OUT" = 1 ]; then
    printf '%s\n' 'Not proved by this run: that Dapr loaded a component marked not seen above. daprd logs its components when it starts: run this script again after the app'\''s next start (a new revision or a restart), or run the query above.'
  fi
  if [ "$DAPRD_FAILED_COMPONENTS" != '' ]; then
    echo "$DAPRD_FAILED_COMPONENTS" >&2
    echo 'Dapr in the container app'\''s newest revision failed to load a component (of azurekeyvault: the names are above this line, each with daprd'\''s line and its likely cause above them). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
