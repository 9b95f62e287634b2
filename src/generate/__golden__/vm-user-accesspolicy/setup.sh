#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on Virtual Machine, User-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=vm&identity=user&resourceGroup=rg-orders&hostName=vm-orders&identityName=id-orders&appId=orders-api&m.vaultName=kv-orders&kvModel=accesspolicy
# Run it with Bash after `az login`.
# Run it again once the app runs under dapr run (this script prints the command, with --dapr-http-port 3500):
# that run changes nothing and checks through Run Command that Dapr loaded each component.
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
#   - Attaches it to the VM vm-orders (resource group rg-orders).
# Grants:
#   - Key Vault access policy secret-permissions get, list on the Key Vault kv-orders (for azurekeyvault).
# Files written:
#   - components/azurekeyvault.yaml: the Azure Key Vault secret store component
# On the VM:
#   - Runs commands on the VM vm-orders as root through Run Command (the identity check; once the app runs under dapr run, the check that Dapr loaded each component).

RESOURCE_GROUP=rg-orders
VM_NAME=vm-orders
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
VAULT_RBAC=$(az keyvault show \
    --name "$VAULT_NAME" \
    --query properties.enableRbacAuthorization -o tsv)
if [ "$VAULT_RBAC" = true ]; then
  echo 'The vault kv-orders uses Azure RBAC: choose "Azure RBAC" in the wizard. More: troubleshoot.html#kv-vault-uses-rbac, beside the wizard'\''s page.' >&2
  exit 1
fi

# Check that the VM runs Linux: the script's checks on the VM run shell commands (Run Command RunShellScript).
VM_OS_TYPE=$(az vm show \
    --name "$VM_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query storageProfile.osDisk.osType -o tsv)
if [ "$VM_OS_TYPE" != Linux ]; then
  echo 'The VM is not a Linux VM (its storageProfile.osDisk.osType is not Linux), and this script checks the VM with shell commands through Run Command, which need Linux: nothing was changed. On a Windows VM, give it the identity and the grants yourself. More: troubleshoot.html#host-not-linux, beside the wizard'\''s page.' >&2
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

# Attach the identity to the VM.
run az vm identity assign \
    --name "$VM_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --identities "$IDENTITY_ID" -o none

# Add an access policy on the Key Vault kv-orders with --secret-permissions get list, nothing more, for azurekeyvault, unless the identity has them there.
VAULT_POLICY_STATE=$(az keyvault show \
    --name "$VAULT_NAME" \
    --query '(properties.accessPolicies[?objectId=='''\'''"$PRINCIPAL_ID"''\''''].permissions.secrets[] || `[]`) | ((contains(@, '\''get'\'') || contains(@, '\''Get'\'') || contains(@, '\''GET'\'') || contains(@, '\''all'\'') || contains(@, '\''All'\'')) && (contains(@, '\''list'\'') || contains(@, '\''List'\'') || contains(@, '\''LIST'\'') || contains(@, '\''all'\'') || contains(@, '\''All'\''))) && '\''granted'\'' || (length(@[?@ != '\''get'\'' && @ != '\''Get'\'' && @ != '\''GET'\'' && @ != '\''list'\'' && @ != '\''List'\'' && @ != '\''LIST'\'']) == `0` && '\''missing'\'' || '\''others'\'')' -o tsv)
if [ "$VAULT_POLICY_STATE" = missing ]; then
  run az keyvault set-policy \
      --name "$VAULT_NAME" \
      --object-id "$PRINCIPAL_ID" \
      --secret-permissions get list -o none
fi
if [ "$VAULT_POLICY_STATE" = others ]; then
  echo 'The identity'\''s access policy on kv-orders has other secrets permissions but not all of get list, and az keyvault set-policy replaces the whole secrets list, so the script does not run it. Fix: run az keyvault set-policy --name kv-orders --object-id <the identity'\''s principal id> --secret-permissions <the secrets permissions it has> get list (az keyvault show --name kv-orders --query "properties.accessPolicies[?objectId=='\''<principal id>'\''].permissions" lists them), then run this script again. More: troubleshoot.html#kv-access-policy-partial, beside the wizard'\''s page.' >&2
  exit 1
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
- orders-api
YAML
} > components/azurekeyvault.yaml

# Put the component file where Dapr on the VM reads it.
# Install Dapr on the VM once, if it is not there yet: the Dapr CLI, then
#   dapr init          # needs Docker: runs Dapr's services, Redis and Zipkin as containers
#   dapr init --slim   # without Docker: installs the daprd, placement and scheduler binaries, no containers
# --resources-path makes Dapr load the files in ./components only, not the defaults dapr init writes.
# Copy components/azurekeyvault.yaml to the VM, into a components folder beside the app, and start the app with Dapr:
#   dapr run --app-id orders-api --dapr-http-port 3500 --resources-path ./components -- <your app command>
# Dapr finds the VM's identity through the instance metadata service; nothing else to set.

# Verify: the grants.
if [ "${DRY_RUN:-}" = 1 ]; then
  echo 'DRY RUN: the checks of what the skipped commands make are skipped too.' >&2
else
  az keyvault show \
      --name "$VAULT_NAME" \
      --query "properties.accessPolicies[?objectId=='${PRINCIPAL_ID}'].permissions.secrets[]" -o tsv
  for attempt in {1..6}; do
    if run az vm run-command invoke \
        --name "$VM_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --command-id RunShellScript \
        --scripts 'curl -s --max-time 5 -o /dev/null -w "%{http_code}\n" -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/&client_id='"$CLIENT_ID"'"' \
        --query 'value[0].message' -o tsv | grep -x 200; then
      break
    fi
    if [ "$attempt" = 6 ]; then
      echo 'The VM'\''s instance metadata service (169.254.169.254) gave no token for the identity'\''s client id after 6 tries: so Dapr on the VM cannot sign in either. Likely cause: The identity is not attached to the VM yet (on a scale set: the instance is not on the latest model), the client id is not one of its identities, or the VM cannot reach 169.254.169.254 (a proxy or a firewall rule in the VM). Fix: Attach the identity to the VM (or update the scale set'\''s instances), check the client id, and let the VM reach 169.254.169.254 without a proxy (NO_PROXY=169.254.169.254). More: troubleshoot.html#imds-no-token, beside the wizard'\''s page.' >&2
      exit 1
    fi
    echo 'The VM'\''s instance metadata service gave no token yet (a new identity can take a moment to reach it); trying again in 10 s.' >&2
    sleep 10
  done
  # Dapr's metadata API on the VM (GET http://localhost:3500/v1.0/metadata) lists each component daprd loaded.
  # It answers once the app runs under dapr run: until then this says what to run.
  DAPR_METADATA=$(az vm run-command invoke \
      --name "$VM_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --command-id RunShellScript \
      --scripts 'dapr_status=$(curl -s -o /dev/null -w "%{http_code}" http://localhost:3500/v1.0/metadata); if [ "$dapr_status" = 200 ]; then echo "dapr-metadata-api: answered"; curl -sf http://localhost:3500/v1.0/metadata | grep -o "{\"name\":\"[^\"]*\",\"type\":\"[^\"]*\"" || true; elif [ "$dapr_status" = 401 ]; then echo "dapr-metadata-api: requires the API token"; else echo "dapr-metadata-api: no answer"; fi' \
      --query 'value[0].message' -o tsv || true)
  DAPR_METADATA_ANSWERED=$(printf '%s\n' "$DAPR_METADATA" | grep -c -x -- 'dapr-metadata-api: answered' || true)
  DAPR_METADATA_TOKEN_REQUIRED=$(printf '%s\n' "$DAPR_METADATA" | grep -c -x -- 'dapr-metadata-api: requires the API token' || true)
  if [ "$DAPR_METADATA_ANSWERED" = 0 ]; then
    if [ "$DAPR_METADATA_TOKEN_REQUIRED" = 0 ]; then
      printf '%s\n' 'Dapr'\''s metadata API on the VM did not answer on port 3500 (or Run Command failed: its error is above). Before the app runs under Dapr that is expected: start it on the VM with
  dapr run --app-id orders-api --dapr-http-port 3500 --resources-path ./components -- <your app command>
then run this script again: it changes nothing and checks that Dapr loaded each component. If the app already runs under dapr run, daprd may have stopped: a component that fails to load stops it, and its "Failed to init component" line in the dapr run output names it and says why (troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page).'
    fi
    if [ "$DAPR_METADATA_TOKEN_REQUIRED" != 0 ]; then
      printf '%s\n' 'Dapr answers on the VM on port 3500 but requires its API token (HTTP 401): daprd was started with DAPR_API_TOKEN set, and Run Command does not have that token, so this script cannot list the components daprd loaded. Check by hand on the VM, in the shell that has the app'\''s DAPR_API_TOKEN:
  curl -s -H "dapr-api-token: $DAPR_API_TOKEN" http://localhost:3500/v1.0/metadata
Its "components" list must name azurekeyvault.'
    fi
  fi
  if [ "$DAPR_METADATA_ANSWERED" != 0 ]; then
    DAPR_COMPONENTS_MISSING=$(printf %s '')
    DAPR_COMPONENT_LOADED=$(printf '%s\n' "$DAPR_METADATA" | grep -c -F -- '{"name":"azurekeyvault","type":"secretstores.azure.keyvault"' || true)
    if [ "$DAPR_COMPONENT_LOADED" = 0 ]; then
      DAPR_COMPONENTS_MISSING=$(printf %s "${DAPR_COMPONENTS_MISSING} azurekeyvault")
    fi
    if [ "$DAPR_COMPONENTS_MISSING" != '' ]; then
      echo "Not listed by Dapr's metadata API on the VM:${DAPR_COMPONENTS_MISSING}." >&2
      echo 'Dapr'\''s metadata API on the VM does not list every component: daprd runs without the ones named above. The dapr run line this script prints starts it with --app-id orders-api and --resources-path ./components. Likely cause: daprd answered, so it started, but without these components: dapr run was started under another app id than the components'\'' scope or without --resources-path pointing at the component files, or a component failed to initialize and ignoreErrors let daprd go on without it. Fix: Read the dapr run output for the "Failed to init component" line of each component not listed (paste it into the troubleshooting page'\''s search box), start the app with the dapr run line the script prints, then run the script again. More: troubleshoot.html#dapr-component-not-in-metadata, beside the wizard'\''s page.' >&2
      exit 1
    fi
    printf '%s\n' 'Dapr'\''s metadata API on the VM lists every component: azurekeyvault.'
  fi
fi

# Done. A new access policy can take a minute or two to apply;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
# Run it again once the app runs under dapr run (this script prints the command, with --dapr-http-port 3500):
# that run changes nothing and checks through Run Command that Dapr loaded each component.
