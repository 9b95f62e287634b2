#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on App Service Web App (Linux), User-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=webapp&identity=user&resourceGroup=rg-orders&hostName=orders-web&identityName=id-orders&appId=orders-web&appPort=8080&m.vaultName=kv-orders
# Run it with Bash after `az login`. Needs Azure CLI 2.70 or later (the first with `az webapp sitecontainers`). Older: run `az upgrade`; an Azure CLI from a Linux distribution's own package (Debian's azure-cli, for one) upgrades only to that distribution's version, so install Microsoft's instead: https://learn.microsoft.com/cli/azure/install-azure-cli.
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
#   - Attaches it to the web app orders-web (resource group rg-orders).
# Grants:
#   - Azure role Key Vault Secrets User on the Key Vault kv-orders only (for azurekeyvault).
# Files written:
#   - components/azurekeyvault.yaml: the Azure Key Vault secret store component
# On the web app:
#   - Uploads the component files to /home/site/libs/dapr/components on the web app orders-web.
#   - Adds the daprd sidecar container to the web app orders-web (or updates the container of that name).
#   - Restarts the web app orders-web.

RESOURCE_GROUP=rg-orders
WEBAPP_NAME=orders-web
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

# Check that the web app can take a sidecar: App Service adds sidecar containers only to Linux apps, and not to a single custom container.
WEBAPP_LINUX=$(az webapp show \
    --name "$WEBAPP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query 'contains(kind, '\''linux'\'')' -o tsv)
if [ "$WEBAPP_LINUX" != true ]; then
  echo 'The web app is not a Linux app, and App Service runs sidecar containers (so daprd) only on Linux: move the app to a Linux App Service plan, or choose another host in the wizard. More: troubleshoot.html#web-app-not-linux, beside the wizard'\''s page.' >&2
  exit 1
fi
WEBAPP_SINGLE_CONTAINER=$(az webapp show \
    --name "$WEBAPP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query 'starts_with(siteConfig.linuxFxVersion || '\'''\'', '\''DOCKER|'\'')' -o tsv)
if [ "$WEBAPP_SINGLE_CONTAINER" = true ]; then
  echo 'The web app runs a single custom container, which takes no sidecar: move it to the sidecar model first with  az webapp sitecontainers convert --mode sitecontainers --name <app> --resource-group <group>  (Azure CLI 2.76 or later; its image becomes the main container), then run this script again. More: troubleshoot.html#web-app-single-container, beside the wizard'\''s page.' >&2
  exit 1
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

# Attach the identity to the web app.
run az webapp identity assign \
    --name "$WEBAPP_NAME" \
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
{
cat <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: azurekeyvault
spec:
  type: secretstores.azure.keyvault
  version: v1
  metadata:
  - name: vaultName
    value: kv-orders
  - name: azureClientId
YAML
printf '    value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-web
YAML
} > components/azurekeyvault.yaml

# Copy the component file to /home/site/libs/dapr/components on the web app's /home share, which every container of the app sees.
run az webapp deploy \
    --name "$WEBAPP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --src-path components/azurekeyvault.yaml \
    --type lib \
    --target-path /home/site/libs/dapr/components/azurekeyvault.yaml \
    --restart false -o none

# Add daprd as a sidecar container of the web app (a container of this name is updated), reading that folder.
run az webapp sitecontainers create \
    --name "$WEBAPP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --container-name daprd \
    --image ghcr.io/dapr/daprd:1.18.3 \
    --is-main false \
    --target-port 3500 \
    --startup-cmd '/daprd --app-id orders-web --resources-path /home/site/libs/dapr/components --dapr-http-port 3500 --app-port 8080' -o none
# Your app calls Dapr at http://localhost:3500: the containers of an app share its network.
# Not confirmed: that App Service starts the command as /daprd with these arguments (the image has no
# shell); if the sidecar does not start, its log (below) says why.
# Not confirmed: that the sidecar sees /home when WEBSITES_ENABLE_APP_SERVICE_STORAGE is false (the default for
# apps that started as one custom container); if daprd loads no component, set it to true.

# Restart the web app, so the sidecar starts with the component files in place.
run az webapp restart --name "$WEBAPP_NAME" --resource-group "$RESOURCE_GROUP" -o none

# Verify: the grants.
if [ "${DRY_RUN:-}" = 1 ]; then
  echo 'DRY RUN: the checks of what the skipped commands make are skipped too.' >&2
else
  az role assignment list \
      --scope "$VAULT_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
  # Once the app has restarted, daprd's log has a line for each component: "Component loaded: <name> (<type>/<version>)"
  # when it loaded, or "Failed to init component <name> (<type>/<version>): <cause>" when it did not
  # (troubleshoot.html#dapr-component-init-failed, beside the wizard's page).
  # The lines of these components, and the CLI's errors (the command streams the log on stderr, hence 2>&1,
  # and once it streams it does not end by itself, not even when the stream fails: once the lines are there,
  # stop it with Ctrl+C; not confirmed: that it shows lines logged before it started):
  #   az webapp sitecontainers log --name orders-web --resource-group rg-orders --container-name daprd 2>&1 | grep -F -e 'Component loaded: azurekeyvault (' -e 'Failed to init component azurekeyvault (' -e 'Failed to connect to ' -e 'ERROR: '
  # From a shell in the main container (SSH in the portal), Dapr's metadata API lists the loaded components (azurekeyvault):
  #   curl -s http://localhost:3500/v1.0/metadata
  # and the identity endpoint answers with a token (a 200) when the app has its identity:
  #   curl -s -o /dev/null -w "%{http_code}\n" -H "X-IDENTITY-HEADER: $IDENTITY_HEADER" "$IDENTITY_ENDPOINT?api-version=2019-08-01&resource=https://management.azure.com/&client_id=<the identity's client id: the script prints this line with it below>"
  # Not confirmed by Microsoft or Dapr: whether App Service gives sidecar containers the managed identity
  # endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER); see dapr/dapr#6521. If the log shows ManagedIdentityCredential
  # errors instead, daprd cannot reach the identity from the sidecar on this app (troubleshoot.html#no-managed-identity-endpoint, beside the wizard's page).
  printf '%s\n' 'The identity endpoint request with the identity'\''s client id, to run in the app'\''s container:' '  curl -s -o /dev/null -w "%{http_code}\n" -H "X-IDENTITY-HEADER: $IDENTITY_HEADER" "$IDENTITY_ENDPOINT?api-version=2019-08-01&resource=https://management.azure.com/&client_id='"$CLIENT_ID"'"'
fi

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app:
#   az webapp restart --name orders-web --resource-group rg-orders
