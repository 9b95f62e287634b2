#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on Azure Functions on Container Apps, User-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=functionapp&identity=user&resourceGroup=rg-orders&hostName=orders-func&environment=cae-orders&identityName=id-orders&clientId=6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b&appId=orders-func&m.vaultName=kv-orders
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
#   - Uses the existing user-assigned identity id-orders (resource group rg-orders), whose client id must be the one entered; creates none.
#   - Attaches it to the function app orders-func (resource group rg-orders).
# Grants:
#   - Azure role Key Vault Secrets User on the Key Vault kv-orders only (for azurekeyvault).
# Files written:
#   - components/azurekeyvault.yaml: the Azure Key Vault secret store component
# On the function app:
#   - Works on the function app orders-func of the legacy Functions v1 model on Container Apps (a Microsoft.Web function app in a Container Apps environment); one of the native v2 model is a container app, which the Container Apps host in the wizard handles.
#   - Adds the components to the Container Apps environment cae-orders (az containerapp env dapr-component set): they are environment-wide, loaded by every app there whose Dapr app id is in their scopes (orders-func). A component of the same name that the setup did not write (another type, other scopes, another identity) stops the script before any change, since setting it would replace it for the apps that load it.

RESOURCE_GROUP=rg-orders
FUNCTION_APP_NAME=orders-func
ENVIRONMENT_NAME=cae-orders
IDENTITY_NAME=id-orders
VAULT_NAME=kv-orders

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

# Check that the function app runs in a Container Apps environment with Dapr on: Dapr does not run on function apps on App Service plans.
FUNCTION_APP_ENVIRONMENT_ID=$(az functionapp show \
    --name "$FUNCTION_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query managedEnvironmentId -o tsv | tr '[:upper:]' '[:lower:]' || true)
if [ "$FUNCTION_APP_ENVIRONMENT_ID" = '' ]; then
  CONTAINER_APP_OF_THAT_NAME=$(az containerapp show \
      --name "$FUNCTION_APP_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query id -o tsv || true)
  if [ "$CONTAINER_APP_OF_THAT_NAME" != '' ]; then
    echo 'There is no function app (Microsoft.Web site) of that name, but a container app of that name: Azure Functions hosted natively in Container Apps is a container app. Choose the Container Apps host in the wizard (its Dapr settings and components are the container app'\''s), then run that script. Nothing was changed. More: troubleshoot.html#function-app-is-container-app, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
if [ "$FUNCTION_APP_ENVIRONMENT_ID" = '' ]; then
  echo 'No function app of that name in a Container Apps environment was found: it is not in this resource group, or it is not in a Container Apps environment. Dapr does not run on function apps on App Service plans: Microsoft supports the Dapr extension for Azure Functions only in Azure Container Apps. Create the function app in a Container Apps environment, turn Dapr on for it, then run this script again. More: troubleshoot.html#function-app-not-in-environment, beside the wizard'\''s page.' >&2
  exit 1
fi
ENVIRONMENT_RESOURCE_GROUP=$(az containerapp env show \
    --ids "$FUNCTION_APP_ENVIRONMENT_ID" \
    --query resourceGroup -o tsv || true)
if [ "$ENVIRONMENT_RESOURCE_GROUP" = '' ]; then
  echo 'The function app'\''s Container Apps environment (its managedEnvironmentId) cannot be read with your sign-in: it is needed to find the environment, which may be in another resource group than the function app. Check that you can read it (az containerapp env show --ids <managedEnvironmentId>), then run this script again. Nothing was changed. More: troubleshoot.html#function-app-environment-unreadable, beside the wizard'\''s page.' >&2
  exit 1
fi
ENVIRONMENT_ID=$(az containerapp env show \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$ENVIRONMENT_RESOURCE_GROUP" \
    --query id -o tsv | tr '[:upper:]' '[:lower:]' || true)
if [ "$ENVIRONMENT_ID" = '' ]; then
  echo "Searched: the environment cae-orders in the resource group ${ENVIRONMENT_RESOURCE_GROUP}." >&2
  echo 'There is no Container Apps environment cae-orders in the resource group of the function app'\''s environment (from its managedEnvironmentId). Enter the environment the function app runs in (`az functionapp show --name orders-func --resource-group rg-orders` names it in managedEnvironmentId). Nothing was changed. More: troubleshoot.html#aca-environment-not-found, beside the wizard'\''s page.' >&2
  exit 1
fi
if [ "$FUNCTION_APP_ENVIRONMENT_ID" != "$ENVIRONMENT_ID" ]; then
  echo "The function app's managedEnvironmentId: ${FUNCTION_APP_ENVIRONMENT_ID}; entered: cae-orders." >&2
  echo 'The function app runs in another Container Apps environment than the one entered in the wizard: enter the name of the environment its managedEnvironmentId names (its resource group is read from there), so the components go where the function app loads them. More: troubleshoot.html#aca-other-environment, beside the wizard'\''s page.' >&2
  exit 1
fi
FUNCTION_APP_DAPR=$(az functionapp show \
    --name "$FUNCTION_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query daprConfig.enabled -o tsv)
if [ "$FUNCTION_APP_DAPR" != true ]; then
  echo 'Dapr is off on the function app: turn it on in the Azure portal (the function app'\''s Dapr settings) or in its template (properties.daprConfig: enabled true, appId orders-func), then run this script again. More: troubleshoot.html#function-app-dapr-off, beside the wizard'\''s page.' >&2
  exit 1
fi
FUNCTION_APP_DAPR_APP_ID=$(az functionapp show \
    --name "$FUNCTION_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query daprConfig.appId -o tsv)
if [ "$FUNCTION_APP_DAPR_APP_ID" != orders-func ]; then
  echo 'The function app'\''s Dapr app id is not orders-func, the app id the components are scoped to: set it in the Azure portal (the function app'\''s Dapr settings) or in its template (properties.daprConfig: enabled true, appId orders-func), or enter the function app'\''s app id in the wizard. More: troubleshoot.html#function-app-dapr-off, beside the wizard'\''s page.' >&2
  exit 1
fi

# Check the environment's components of the same names before any change: one the setup did not write (another type, scopes other than orders-func alone, another identity) stops the script.
ENV_COMPONENT_1=$(az containerapp env dapr-component list \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$ENVIRONMENT_RESOURCE_GROUP" \
    --query '[?name=='\''azurekeyvault'\''] | [0] || `{}` | join('\''|'\'', [properties.componentType || '\'''\'', join('\'','\'', properties.scopes || `[]`), properties.metadata[?name=='\''azureClientId'\''].value | [0] || '\'''\''])' -o tsv)
if [ "$ENV_COMPONENT_1" != '||' ]; then
  if [ "$ENV_COMPONENT_1" != 'secretstores.azure.keyvault|orders-func|6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' ]; then
    echo 'The Container Apps environment cae-orders already has a Dapr component named azurekeyvault that the setup did not write: another type, scopes other than orders-func alone, or another identity (azureClientId). Components belong to the environment: setting it would replace it for every app that loads it. Choose another name for the component in the wizard, or remove that component yourself if nothing uses it (az containerapp env dapr-component remove), then run this script again. Nothing was changed. More: troubleshoot.html#aca-component-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi

# Check that the identity id-orders exists and has the client id entered in the wizard (the script creates none then).
CLIENT_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].clientId | [0]" -o tsv)
if [ "$CLIENT_ID" = '' ]; then
  echo 'There is no user-assigned identity id-orders in the resource group rg-orders, and a client id was entered, so the script uses an existing identity and creates none: correct the identity'\''s name (or resource group) in the wizard, or leave the client id empty to have it created. Nothing was changed. More: troubleshoot.html#identity-not-found-for-client-id, beside the wizard'\''s page.' >&2
  exit 1
fi
if [ "$CLIENT_ID" != 6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b ]; then
  echo 'The client id entered in the wizard is not that of the identity id-orders: correct it there, or leave it empty. Nothing was changed. More: troubleshoot.html#client-id-mismatch, beside the wizard'\''s page.' >&2
  exit 1
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

# Attach the identity to the function app.
run az functionapp identity assign \
    --name "$FUNCTION_APP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --identities "$IDENTITY_ID" -o none

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
cat > components/azurekeyvault.yaml <<'YAML'
componentType: secretstores.azure.keyvault
version: v1
metadata:
- name: vaultName
  value: kv-orders
- name: azureClientId
  value: 6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b
scopes:
- orders-func
YAML

# Add the component to the function app's Container Apps environment (in Container Apps' own component schema).
run az containerapp env dapr-component set \
    --name "$ENVIRONMENT_NAME" \
    --resource-group "$ENVIRONMENT_RESOURCE_GROUP" \
    --dapr-component-name azurekeyvault \
    --yaml components/azurekeyvault.yaml -o none
# The components load into the apps of this environment (the function app's, checked above) whose Dapr app id is in their scopes (orders-func).

# Verify: the grants and the components Dapr loads.
if [ "${DRY_RUN:-}" = 1 ]; then
  echo 'DRY RUN: the checks of what the skipped commands make are skipped too.' >&2
else
  az role assignment list \
      --scope "$VAULT_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
  az containerapp env dapr-component show \
      --name "$ENVIRONMENT_NAME" \
      --resource-group "$ENVIRONMENT_RESOURCE_GROUP" \
      --dapr-component-name azurekeyvault \
      --query properties.componentType -o tsv
  # Not proved by this script: that Dapr loaded each component. Functions v1 on Container Apps has no
  # live console, so nothing can be run inside the function app's container. Once it runs, search the
  # logs of its Container Apps environment (the Log Analytics workspace the environment sends them to, if
  # any) for Dapr's "Component loaded: <name>" and "Failed to init component <name>" lines.
  # A component missing there: troubleshoot.html#dapr-component-init-failed, beside the wizard's page.
  # On the native v2 model (a container app of kind functionapp) choose the Container Apps host instead:
  # its script reads the logs with az containerapp logs show.
fi

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the function app:
#   az functionapp restart --name orders-func --resource-group rg-orders
