#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on Virtual Machine Scale Set, User-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=vmss&identity=user&resourceGroup=rg-orders&hostName=vmss-orders&identityName=id-orders&appId=orders-api&m.vaultName=kv-orders
# Run it with Bash after `az login`.
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
#   - Attaches it to the scale set vmss-orders (resource group rg-orders).
# Grants:
#   - Azure role Key Vault Secrets User on the Key Vault kv-orders only (for azurekeyvault).
# Files written:
#   - components/azurekeyvault.yaml: the Azure Key Vault secret store component
# On the scale set:
#   - With the scale set's Manual upgrade policy, and only when this run changed the scale set's identity, updates every instance of the scale set vmss-orders to its latest model (az vmss update-instances): plan for the instances to restart.

RESOURCE_GROUP=rg-orders
VMSS_NAME=vmss-orders
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

# Read the OS of the scale set's model: its checks run shell commands on the instances, which need Linux.
VMSS_OS_TYPE=$(az vmss show \
    --name "$VMSS_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query 'virtualMachineProfile.storageProfile.osDisk.osType || '\''Linux'\''' -o tsv)
if [ "$VMSS_OS_TYPE" != Linux ]; then
  echo 'The scale set'\''s model is not Linux (its virtualMachineProfile.storageProfile.osDisk.osType is not Linux), and this script checks the instances with shell commands through Run Command, which need Linux: nothing was changed. On a Windows scale set, give it the identity and the grants yourself. More: troubleshoot.html#host-not-linux, beside the wizard'\''s page.' >&2
  exit 1
fi

# Read the scale set's orchestration mode (Uniform or Flexible): the checks at the end reach its instances by it.
VMSS_ORCHESTRATION_MODE=$(az vmss show \
    --name "$VMSS_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query orchestrationMode -o tsv)

# Read the scale set's upgrade policy (Automatic, Rolling or Manual): it decides how the identity reaches the instances that already run. Read its identity too, to tell later whether this run changed it.
UPGRADE_MODE=$(az vmss show \
    --name "$VMSS_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query upgradePolicy.mode -o tsv)
VMSS_IDENTITY_BEFORE=$(az vmss show \
    --name "$VMSS_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query identity -o json)

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

# Attach the identity to the scale set.
if [ "$UPGRADE_MODE" != '' ]; then
  run az vmss identity assign \
      --name "$VMSS_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --identities "$IDENTITY_ID" -o none
fi
if [ "$UPGRADE_MODE" = '' ]; then
  # Without an upgrade policy the CLI fails after attaching the identity (it reads upgradePolicy.mode for
  # its Manual warning): its error is tolerated, and the identity read back.
  run az vmss identity assign \
      --name "$VMSS_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --identities "$IDENTITY_ID" -o none || true
fi
if [ "${DRY_RUN:-}" != 1 ] && [ "$UPGRADE_MODE" = '' ]; then
  VMSS_IDENTITY_IDS=$(az vmss show \
      --name "$VMSS_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query 'keys(identity.userAssignedIdentities || `{}`)' -o tsv)
  VMSS_IDENTITY_ATTACHED=$(printf '%s\n' "$VMSS_IDENTITY_IDS" | grep -c -i -x -F -- "$IDENTITY_ID" || true)
  if [ "$VMSS_IDENTITY_ATTACHED" = 0 ]; then
    echo 'The identity is not attached to the scale set: the attach itself failed, and the CLI'\''s error above says why (your rights to assign the identity, its id). Nothing else was changed by this step. Fix what it names and run this script again. More: troubleshoot.html#vmss-identity-not-attached, beside the wizard'\''s page.' >&2
    exit 1
  fi
  printf '%s\n' 'The identity is attached to the scale set. If the CLI printed an error above about '\''NoneType'\'' and '\''mode'\'', it came after the attach (the CLI reads the upgrade policy this scale set lacks): the setup goes on.'
fi

# Give the instances that already run the identity, if this run changed it. Automatic and Rolling policies apply it themselves (Automatic may update every instance at once, Rolling in batches); with Manual only new instances get it until each instance is updated:
# Before the grants: a grant that stops the script (a 403, an access policy it will not overwrite) would
# otherwise leave the instances without the identity, and a second run, which finds it unchanged, would
# not update them.
VMSS_IDENTITY_AFTER=$(az vmss show \
    --name "$VMSS_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query identity -o json)
if [ "$UPGRADE_MODE" = Manual ]; then
  # update-instances brings every instance to the scale set's latest model: the identity, and any other
  # change still waiting in the model (an OS image or VM size change restarts or reimages the instance).
  # Whether the identity change alone restarts an instance is not documented; plan for a restart.
  if [ "${DRY_RUN:-}" != 1 ] && [ "$VMSS_IDENTITY_AFTER" != "$VMSS_IDENTITY_BEFORE" ]; then
    printf '%s\n' 'Updating the existing instances to the latest model (on Flexible orchestration each VM by its name, one at a time). If this fails, the setup is still complete and only the existing instances lack the identity: update them yourself (az vmss update-instances --instance-ids <instance ids, or VM names on Flexible>), or replace them.'
    if [ "$VMSS_ORCHESTRATION_MODE" != Flexible ]; then
      run az vmss update-instances \
          --name "$VMSS_NAME" \
          --resource-group "$RESOURCE_GROUP" \
          --instance-ids '*' -o none || true
    fi
    if [ "$VMSS_ORCHESTRATION_MODE" = Flexible ]; then
      VMSS_VM_NAMES=$(az vm list \
          --resource-group "$RESOURCE_GROUP" \
          --vmss "$VMSS_NAME" \
          --query '[].name' -o tsv || true)
      while IFS= read -r -u 3 VMSS_VM_NAME; do
        if [ -z "$VMSS_VM_NAME" ]; then continue; fi
        run az vmss update-instances \
            --name "$VMSS_NAME" \
            --resource-group "$RESOURCE_GROUP" \
            --instance-ids "$VMSS_VM_NAME" -o none || true
      done 3<<< "$VMSS_VM_NAMES"
    fi
  fi
  if [ "${DRY_RUN:-}" != 1 ] && [ "$VMSS_IDENTITY_AFTER" = "$VMSS_IDENTITY_BEFORE" ]; then
    printf '%s\n' 'The scale set'\''s identity is as it was before this run, so its instances are not updated (that would also apply any other change waiting in the model). The checks at the end run on the first instances; on Uniform orchestration the az vmss list-instances line printed at the end lists the instances still on an older model.'
  fi
fi
if [ "${DRY_RUN:-}" = 1 ] && [ "$UPGRADE_MODE" = Manual ]; then
  printf '%s\n' 'DRY RUN: a dry run does not assign the identity, so it cannot tell whether a real run changes the scale set'\''s identity. A real run updates every instance to the latest model here (az vmss update-instances; by VM name on Flexible orchestration) when its assign changed the identity, and leaves the instances as they are when the identity was already there.'
fi
if [ "$UPGRADE_MODE" = '' ]; then
  if [ "$VMSS_ORCHESTRATION_MODE" = Flexible ]; then
    printf '%s\n' "The scale set has no upgrade policy (some Flexible scale sets have none), so nothing here updates its VMs to the model that now holds the identity, and whether the VMs that exist take it is not documented. The checks at the end run on them; a VM that gets no token takes the identity with:
  az vm identity assign --name <VM name> --resource-group rg-orders --identities '${IDENTITY_ID}'"
  fi
fi

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
- orders-api
YAML
} > components/azurekeyvault.yaml

# Put the component file where Dapr on the scale set reads it.
# Install Dapr on every instance (in the image or with your deployment) once, if it is not there yet: the Dapr CLI, then
#   dapr init          # needs Docker: runs Dapr's services, Redis and Zipkin as containers
#   dapr init --slim   # without Docker: installs the daprd, placement and scheduler binaries, no containers
# --resources-path makes Dapr load the files in ./components only, not the defaults dapr init writes.
# Ship components/azurekeyvault.yaml to every instance the same way, and start the app with Dapr:
#   dapr run --app-id orders-api --dapr-http-port 3500 --resources-path ./components -- <your app command>
# Each instance finds the scale set's identity through the instance metadata service.

# Verify: the grants.
if [ "${DRY_RUN:-}" = 1 ]; then
  echo 'DRY RUN: the checks of what the skipped commands make are skipped too.' >&2
else
  az role assignment list \
      --scope "$VAULT_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
  # The scale set's instances (the first 3): each gives the identity a token, and Dapr there lists each component.
  # Uniform orchestration: instance ids from az vmss list-instances, reached with az vmss run-command invoke.
  # Flexible: the instances are VMs (in the scale set's resource group), reached with az vm run-command invoke.
  if [ "$VMSS_ORCHESTRATION_MODE" != Flexible ]; then
    VMSS_INSTANCES=$(az vmss list-instances \
        --name "$VMSS_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --query '[].instanceId' -o tsv)
  fi
  if [ "$VMSS_ORCHESTRATION_MODE" = Flexible ]; then
    VMSS_INSTANCES=$(az vm list \
        --resource-group "$RESOURCE_GROUP" \
        --vmss "$VMSS_NAME" \
        --query '[?storageProfile.osDisk.osType=='\''Linux'\'' || (!(storageProfile.osDisk.osType) && osProfile.linuxConfiguration)].name' -o tsv)
    VMSS_VMS_NOT_LINUX=$(az vm list \
        --resource-group "$RESOURCE_GROUP" \
        --vmss "$VMSS_NAME" \
        --query 'join('\'', '\'', [?!(storageProfile.osDisk.osType=='\''Linux'\'' || (!(storageProfile.osDisk.osType) && osProfile.linuxConfiguration))].name)' -o tsv || true)
    if [ "$VMSS_VMS_NOT_LINUX" != '' ]; then
      printf '%s\n' "Not checked, as they are not Linux (Run Command's shell script needs Linux): the scale set's VMs ${VMSS_VMS_NOT_LINUX}."
    fi
  fi
  VMSS_INSTANCE_COUNT=$(printf '%s\n' "$VMSS_INSTANCES" | grep -c . || true)
  if [ "$VMSS_INSTANCE_COUNT" = 0 ]; then
    printf '%s\n' 'The scale set has no instances yet, so nothing runs there to check: once it has, run this script again (it changes nothing) to check them.'
  fi
  if [ "$VMSS_INSTANCE_COUNT" != 0 ]; then
    printf '%s\n' "The scale set has ${VMSS_INSTANCE_COUNT} instance(s) to check (on Flexible orchestration, its Linux VMs); this checks up to 3 of them, the first in the list. Any other: the same Run Command with its id (Uniform, az vmss run-command invoke --instance-id) or its VM name (Flexible, az vm run-command invoke --name)."
  fi
  VMSS_INSTANCE=$(printf '%s\n' "$VMSS_INSTANCES" | sed -n 1p)
  if [ "$VMSS_INSTANCE" != '' ]; then
    printf '%s\n' "Checking the scale set's first instance, ${VMSS_INSTANCE}, through Run Command: a token from its identity endpoint (6 tries on the instance, at most 90 s) and the components in Dapr's metadata API. Run Command waits for the script to finish there."
    if [ "$VMSS_ORCHESTRATION_MODE" != Flexible ]; then
      VMSS_INSTANCE_CHECK=$(az vmss run-command invoke \
          --name "$VMSS_NAME" \
          --resource-group "$RESOURCE_GROUP" \
          --instance-id "$VMSS_INSTANCE" \
          --command-id RunShellScript \
          --scripts 'for attempt in 1 2 3 4 5 6; do imds_status=$(curl -s --max-time 5 -o /dev/null -w "%{http_code}" -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/&client_id='"$CLIENT_ID"'"); if [ "$imds_status" = 200 ]; then break; fi; sleep 10; done; echo "imds-token-status: $imds_status"; dapr_status=$(curl -s -o /dev/null -w "%{http_code}" http://localhost:3500/v1.0/metadata); if [ "$dapr_status" = 200 ]; then echo "dapr-metadata-api: answered"; curl -sf http://localhost:3500/v1.0/metadata | grep -o "{\"name\":\"[^\"]*\",\"type\":\"[^\"]*\"" || true; elif [ "$dapr_status" = 401 ]; then echo "dapr-metadata-api: requires the API token"; else echo "dapr-metadata-api: no answer"; fi' \
          --query 'value[0].message' -o tsv || true)
    fi
    if [ "$VMSS_ORCHESTRATION_MODE" = Flexible ]; then
      VMSS_INSTANCE_CHECK=$(az vm run-command invoke \
          --name "$VMSS_INSTANCE" \
          --resource-group "$RESOURCE_GROUP" \
          --command-id RunShellScript \
          --scripts 'for attempt in 1 2 3 4 5 6; do imds_status=$(curl -s --max-time 5 -o /dev/null -w "%{http_code}" -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/&client_id='"$CLIENT_ID"'"); if [ "$imds_status" = 200 ]; then break; fi; sleep 10; done; echo "imds-token-status: $imds_status"; dapr_status=$(curl -s -o /dev/null -w "%{http_code}" http://localhost:3500/v1.0/metadata); if [ "$dapr_status" = 200 ]; then echo "dapr-metadata-api: answered"; curl -sf http://localhost:3500/v1.0/metadata | grep -o "{\"name\":\"[^\"]*\",\"type\":\"[^\"]*\"" || true; elif [ "$dapr_status" = 401 ]; then echo "dapr-metadata-api: requires the API token"; else echo "dapr-metadata-api: no answer"; fi' \
          --query 'value[0].message' -o tsv || true)
    fi
    VMSS_INSTANCE_TOKEN=$(printf '%s\n' "$VMSS_INSTANCE_CHECK" | grep -c -x -- 'imds-token-status: 200' || true)
    if [ "$VMSS_INSTANCE_TOKEN" = 0 ]; then
      echo "The scale set's instance ${VMSS_INSTANCE}:" >&2
      echo 'On the scale set'\''s first instance, the instance metadata service (169.254.169.254) gave no token for the identity'\''s client id after 6 tries (or Run Command failed there, its error above: the instance must be running, one Run Command runs on it at a time, and you need Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action on a Uniform scale set, Microsoft.Compute/virtualMachines/runCommand/action on a Flexible one'\''s VMs, as in Virtual Machine Contributor): so Dapr on that instance cannot sign in either. An instance on an older model lacks the identity until it is updated: az vmss update-instances --instance-ids <its id, or its VM name on Flexible>, or, on a Flexible scale set without an upgrade policy, az vm identity assign on the VM. Likely cause: The identity is not attached to the VM yet (on a scale set: the instance is not on the latest model), the client id is not one of its identities, or the VM cannot reach 169.254.169.254 (a proxy or a firewall rule in the VM). Fix: Attach the identity to the VM (or update the scale set'\''s instances), check the client id, and let the VM reach 169.254.169.254 without a proxy (NO_PROXY=169.254.169.254). More: troubleshoot.html#imds-no-token, beside the wizard'\''s page.' >&2
      exit 1
    fi
    DAPR_METADATA_ANSWERED=$(printf '%s\n' "$VMSS_INSTANCE_CHECK" | grep -c -x -- 'dapr-metadata-api: answered' || true)
    DAPR_METADATA_TOKEN_REQUIRED=$(printf '%s\n' "$VMSS_INSTANCE_CHECK" | grep -c -x -- 'dapr-metadata-api: requires the API token' || true)
    if [ "$DAPR_METADATA_ANSWERED" = 0 ]; then
      if [ "$DAPR_METADATA_TOKEN_REQUIRED" = 0 ]; then
        printf '%s\n' 'Dapr'\''s metadata API on the scale set'\''s first instance did not answer on port 3500 (or Run Command failed: its error is above). Before the app runs under Dapr that is expected: start it on the scale set'\''s first instance with
  dapr run --app-id orders-api --dapr-http-port 3500 --resources-path ./components -- <your app command>
then run this script again: it changes nothing and checks that Dapr loaded each component. If the app already runs under dapr run, daprd may have stopped: a component that fails to load stops it, and its "Failed to init component" line in the dapr run output names it and says why (troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page).'
      fi
      if [ "$DAPR_METADATA_TOKEN_REQUIRED" != 0 ]; then
        printf '%s\n' 'Dapr answers on the scale set'\''s first instance on port 3500 but requires its API token (HTTP 401): daprd was started with DAPR_API_TOKEN set, and Run Command does not have that token, so this script cannot list the components daprd loaded. Check by hand on the scale set'\''s first instance, in the shell that has the app'\''s DAPR_API_TOKEN:
  curl -s -H "dapr-api-token: $DAPR_API_TOKEN" http://localhost:3500/v1.0/metadata
Its "components" list must name azurekeyvault.'
      fi
    fi
    if [ "$DAPR_METADATA_ANSWERED" != 0 ]; then
      DAPR_COMPONENTS_MISSING=$(printf %s '')
      DAPR_COMPONENT_LOADED=$(printf '%s\n' "$VMSS_INSTANCE_CHECK" | grep -c -F -- '{"name":"azurekeyvault","type":"secretstores.azure.keyvault"' || true)
      if [ "$DAPR_COMPONENT_LOADED" = 0 ]; then
        DAPR_COMPONENTS_MISSING=$(printf %s "${DAPR_COMPONENTS_MISSING} azurekeyvault")
      fi
      if [ "$DAPR_COMPONENTS_MISSING" != '' ]; then
        echo "Not listed by Dapr's metadata API on the scale set's first instance:${DAPR_COMPONENTS_MISSING}." >&2
        echo 'Dapr'\''s metadata API on the scale set'\''s first instance does not list every component: daprd runs without the ones named above. The dapr run line this script prints starts it with --app-id orders-api and --resources-path ./components. Likely cause: daprd answered, so it started, but without these components: dapr run was started under another app id than the components'\'' scope or without --resources-path pointing at the component files, or a component failed to initialize and ignoreErrors let daprd go on without it. Fix: Read the dapr run output for the "Failed to init component" line of each component not listed (paste it into the troubleshooting page'\''s search box), start the app with the dapr run line the script prints, then run the script again. More: troubleshoot.html#dapr-component-not-in-metadata, beside the wizard'\''s page.' >&2
        exit 1
      fi
      printf '%s\n' 'Dapr'\''s metadata API on the scale set'\''s first instance lists every component: azurekeyvault.'
    fi
  fi
  VMSS_INSTANCE=$(printf '%s\n' "$VMSS_INSTANCES" | sed -n 2p)
  if [ "$VMSS_INSTANCE" != '' ]; then
    printf '%s\n' "Checking the scale set's second instance, ${VMSS_INSTANCE}, through Run Command: a token from its identity endpoint (6 tries on the instance, at most 90 s) and the components in Dapr's metadata API. Run Command waits for the script to finish there."
    if [ "$VMSS_ORCHESTRATION_MODE" != Flexible ]; then
      VMSS_INSTANCE_CHECK=$(az vmss run-command invoke \
          --name "$VMSS_NAME" \
          --resource-group "$RESOURCE_GROUP" \
          --instance-id "$VMSS_INSTANCE" \
          --command-id RunShellScript \
          --scripts 'for attempt in 1 2 3 4 5 6; do imds_status=$(curl -s --max-time 5 -o /dev/null -w "%{http_code}" -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/&client_id='"$CLIENT_ID"'"); if [ "$imds_status" = 200 ]; then break; fi; sleep 10; done; echo "imds-token-status: $imds_status"; dapr_status=$(curl -s -o /dev/null -w "%{http_code}" http://localhost:3500/v1.0/metadata); if [ "$dapr_status" = 200 ]; then echo "dapr-metadata-api: answered"; curl -sf http://localhost:3500/v1.0/metadata | grep -o "{\"name\":\"[^\"]*\",\"type\":\"[^\"]*\"" || true; elif [ "$dapr_status" = 401 ]; then echo "dapr-metadata-api: requires the API token"; else echo "dapr-metadata-api: no answer"; fi' \
          --query 'value[0].message' -o tsv || true)
    fi
    if [ "$VMSS_ORCHESTRATION_MODE" = Flexible ]; then
      VMSS_INSTANCE_CHECK=$(az vm run-command invoke \
          --name "$VMSS_INSTANCE" \
          --resource-group "$RESOURCE_GROUP" \
          --command-id RunShellScript \
          --scripts 'for attempt in 1 2 3 4 5 6; do imds_status=$(curl -s --max-time 5 -o /dev/null -w "%{http_code}" -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/&client_id='"$CLIENT_ID"'"); if [ "$imds_status" = 200 ]; then break; fi; sleep 10; done; echo "imds-token-status: $imds_status"; dapr_status=$(curl -s -o /dev/null -w "%{http_code}" http://localhost:3500/v1.0/metadata); if [ "$dapr_status" = 200 ]; then echo "dapr-metadata-api: answered"; curl -sf http://localhost:3500/v1.0/metadata | grep -o "{\"name\":\"[^\"]*\",\"type\":\"[^\"]*\"" || true; elif [ "$dapr_status" = 401 ]; then echo "dapr-metadata-api: requires the API token"; else echo "dapr-metadata-api: no answer"; fi' \
          --query 'value[0].message' -o tsv || true)
    fi
    VMSS_INSTANCE_TOKEN=$(printf '%s\n' "$VMSS_INSTANCE_CHECK" | grep -c -x -- 'imds-token-status: 200' || true)
    if [ "$VMSS_INSTANCE_TOKEN" = 0 ]; then
      echo "The scale set's instance ${VMSS_INSTANCE}:" >&2
      echo 'On the scale set'\''s second instance, the instance metadata service (169.254.169.254) gave no token for the identity'\''s client id after 6 tries (or Run Command failed there, its error above: the instance must be running, one Run Command runs on it at a time, and you need Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action on a Uniform scale set, Microsoft.Compute/virtualMachines/runCommand/action on a Flexible one'\''s VMs, as in Virtual Machine Contributor): so Dapr on that instance cannot sign in either. An instance on an older model lacks the identity until it is updated: az vmss update-instances --instance-ids <its id, or its VM name on Flexible>, or, on a Flexible scale set without an upgrade policy, az vm identity assign on the VM. Likely cause: The identity is not attached to the VM yet (on a scale set: the instance is not on the latest model), the client id is not one of its identities, or the VM cannot reach 169.254.169.254 (a proxy or a firewall rule in the VM). Fix: Attach the identity to the VM (or update the scale set'\''s instances), check the client id, and let the VM reach 169.254.169.254 without a proxy (NO_PROXY=169.254.169.254). More: troubleshoot.html#imds-no-token, beside the wizard'\''s page.' >&2
      exit 1
    fi
    DAPR_METADATA_ANSWERED=$(printf '%s\n' "$VMSS_INSTANCE_CHECK" | grep -c -x -- 'dapr-metadata-api: answered' || true)
    DAPR_METADATA_TOKEN_REQUIRED=$(printf '%s\n' "$VMSS_INSTANCE_CHECK" | grep -c -x -- 'dapr-metadata-api: requires the API token' || true)
    if [ "$DAPR_METADATA_ANSWERED" = 0 ]; then
      if [ "$DAPR_METADATA_TOKEN_REQUIRED" = 0 ]; then
        printf '%s\n' 'Dapr'\''s metadata API on the scale set'\''s second instance did not answer on port 3500 (or Run Command failed: its error is above). Before the app runs under Dapr that is expected: start it on the scale set'\''s second instance with
  dapr run --app-id orders-api --dapr-http-port 3500 --resources-path ./components -- <your app command>
then run this script again: it changes nothing and checks that Dapr loaded each component. If the app already runs under dapr run, daprd may have stopped: a component that fails to load stops it, and its "Failed to init component" line in the dapr run output names it and says why (troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page).'
      fi
      if [ "$DAPR_METADATA_TOKEN_REQUIRED" != 0 ]; then
        printf '%s\n' 'Dapr answers on the scale set'\''s second instance on port 3500 but requires its API token (HTTP 401): daprd was started with DAPR_API_TOKEN set, and Run Command does not have that token, so this script cannot list the components daprd loaded. Check by hand on the scale set'\''s second instance, in the shell that has the app'\''s DAPR_API_TOKEN:
  curl -s -H "dapr-api-token: $DAPR_API_TOKEN" http://localhost:3500/v1.0/metadata
Its "components" list must name azurekeyvault.'
      fi
    fi
    if [ "$DAPR_METADATA_ANSWERED" != 0 ]; then
      DAPR_COMPONENTS_MISSING=$(printf %s '')
      DAPR_COMPONENT_LOADED=$(printf '%s\n' "$VMSS_INSTANCE_CHECK" | grep -c -F -- '{"name":"azurekeyvault","type":"secretstores.azure.keyvault"' || true)
      if [ "$DAPR_COMPONENT_LOADED" = 0 ]; then
        DAPR_COMPONENTS_MISSING=$(printf %s "${DAPR_COMPONENTS_MISSING} azurekeyvault")
      fi
      if [ "$DAPR_COMPONENTS_MISSING" != '' ]; then
        echo "Not listed by Dapr's metadata API on the scale set's second instance:${DAPR_COMPONENTS_MISSING}." >&2
        echo 'Dapr'\''s metadata API on the scale set'\''s second instance does not list every component: daprd runs without the ones named above. The dapr run line this script prints starts it with --app-id orders-api and --resources-path ./components. Likely cause: daprd answered, so it started, but without these components: dapr run was started under another app id than the components'\'' scope or without --resources-path pointing at the component files, or a component failed to initialize and ignoreErrors let daprd go on without it. Fix: Read the dapr run output for the "Failed to init component" line of each component not listed (paste it into the troubleshooting page'\''s search box), start the app with the dapr run line the script prints, then run the script again. More: troubleshoot.html#dapr-component-not-in-metadata, beside the wizard'\''s page.' >&2
        exit 1
      fi
      printf '%s\n' 'Dapr'\''s metadata API on the scale set'\''s second instance lists every component: azurekeyvault.'
    fi
  fi
  VMSS_INSTANCE=$(printf '%s\n' "$VMSS_INSTANCES" | sed -n 3p)
  if [ "$VMSS_INSTANCE" != '' ]; then
    printf '%s\n' "Checking the scale set's third instance, ${VMSS_INSTANCE}, through Run Command: a token from its identity endpoint (6 tries on the instance, at most 90 s) and the components in Dapr's metadata API. Run Command waits for the script to finish there."
    if [ "$VMSS_ORCHESTRATION_MODE" != Flexible ]; then
      VMSS_INSTANCE_CHECK=$(az vmss run-command invoke \
          --name "$VMSS_NAME" \
          --resource-group "$RESOURCE_GROUP" \
          --instance-id "$VMSS_INSTANCE" \
          --command-id RunShellScript \
          --scripts 'for attempt in 1 2 3 4 5 6; do imds_status=$(curl -s --max-time 5 -o /dev/null -w "%{http_code}" -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/&client_id='"$CLIENT_ID"'"); if [ "$imds_status" = 200 ]; then break; fi; sleep 10; done; echo "imds-token-status: $imds_status"; dapr_status=$(curl -s -o /dev/null -w "%{http_code}" http://localhost:3500/v1.0/metadata); if [ "$dapr_status" = 200 ]; then echo "dapr-metadata-api: answered"; curl -sf http://localhost:3500/v1.0/metadata | grep -o "{\"name\":\"[^\"]*\",\"type\":\"[^\"]*\"" || true; elif [ "$dapr_status" = 401 ]; then echo "dapr-metadata-api: requires the API token"; else echo "dapr-metadata-api: no answer"; fi' \
          --query 'value[0].message' -o tsv || true)
    fi
    if [ "$VMSS_ORCHESTRATION_MODE" = Flexible ]; then
      VMSS_INSTANCE_CHECK=$(az vm run-command invoke \
          --name "$VMSS_INSTANCE" \
          --resource-group "$RESOURCE_GROUP" \
          --command-id RunShellScript \
          --scripts 'for attempt in 1 2 3 4 5 6; do imds_status=$(curl -s --max-time 5 -o /dev/null -w "%{http_code}" -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/&client_id='"$CLIENT_ID"'"); if [ "$imds_status" = 200 ]; then break; fi; sleep 10; done; echo "imds-token-status: $imds_status"; dapr_status=$(curl -s -o /dev/null -w "%{http_code}" http://localhost:3500/v1.0/metadata); if [ "$dapr_status" = 200 ]; then echo "dapr-metadata-api: answered"; curl -sf http://localhost:3500/v1.0/metadata | grep -o "{\"name\":\"[^\"]*\",\"type\":\"[^\"]*\"" || true; elif [ "$dapr_status" = 401 ]; then echo "dapr-metadata-api: requires the API token"; else echo "dapr-metadata-api: no answer"; fi' \
          --query 'value[0].message' -o tsv || true)
    fi
    VMSS_INSTANCE_TOKEN=$(printf '%s\n' "$VMSS_INSTANCE_CHECK" | grep -c -x -- 'imds-token-status: 200' || true)
    if [ "$VMSS_INSTANCE_TOKEN" = 0 ]; then
      echo "The scale set's instance ${VMSS_INSTANCE}:" >&2
      echo 'On the scale set'\''s third instance, the instance metadata service (169.254.169.254) gave no token for the identity'\''s client id after 6 tries (or Run Command failed there, its error above: the instance must be running, one Run Command runs on it at a time, and you need Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action on a Uniform scale set, Microsoft.Compute/virtualMachines/runCommand/action on a Flexible one'\''s VMs, as in Virtual Machine Contributor): so Dapr on that instance cannot sign in either. An instance on an older model lacks the identity until it is updated: az vmss update-instances --instance-ids <its id, or its VM name on Flexible>, or, on a Flexible scale set without an upgrade policy, az vm identity assign on the VM. Likely cause: The identity is not attached to the VM yet (on a scale set: the instance is not on the latest model), the client id is not one of its identities, or the VM cannot reach 169.254.169.254 (a proxy or a firewall rule in the VM). Fix: Attach the identity to the VM (or update the scale set'\''s instances), check the client id, and let the VM reach 169.254.169.254 without a proxy (NO_PROXY=169.254.169.254). More: troubleshoot.html#imds-no-token, beside the wizard'\''s page.' >&2
      exit 1
    fi
    DAPR_METADATA_ANSWERED=$(printf '%s\n' "$VMSS_INSTANCE_CHECK" | grep -c -x -- 'dapr-metadata-api: answered' || true)
    DAPR_METADATA_TOKEN_REQUIRED=$(printf '%s\n' "$VMSS_INSTANCE_CHECK" | grep -c -x -- 'dapr-metadata-api: requires the API token' || true)
    if [ "$DAPR_METADATA_ANSWERED" = 0 ]; then
      if [ "$DAPR_METADATA_TOKEN_REQUIRED" = 0 ]; then
        printf '%s\n' 'Dapr'\''s metadata API on the scale set'\''s third instance did not answer on port 3500 (or Run Command failed: its error is above). Before the app runs under Dapr that is expected: start it on the scale set'\''s third instance with
  dapr run --app-id orders-api --dapr-http-port 3500 --resources-path ./components -- <your app command>
then run this script again: it changes nothing and checks that Dapr loaded each component. If the app already runs under dapr run, daprd may have stopped: a component that fails to load stops it, and its "Failed to init component" line in the dapr run output names it and says why (troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page).'
      fi
      if [ "$DAPR_METADATA_TOKEN_REQUIRED" != 0 ]; then
        printf '%s\n' 'Dapr answers on the scale set'\''s third instance on port 3500 but requires its API token (HTTP 401): daprd was started with DAPR_API_TOKEN set, and Run Command does not have that token, so this script cannot list the components daprd loaded. Check by hand on the scale set'\''s third instance, in the shell that has the app'\''s DAPR_API_TOKEN:
  curl -s -H "dapr-api-token: $DAPR_API_TOKEN" http://localhost:3500/v1.0/metadata
Its "components" list must name azurekeyvault.'
      fi
    fi
    if [ "$DAPR_METADATA_ANSWERED" != 0 ]; then
      DAPR_COMPONENTS_MISSING=$(printf %s '')
      DAPR_COMPONENT_LOADED=$(printf '%s\n' "$VMSS_INSTANCE_CHECK" | grep -c -F -- '{"name":"azurekeyvault","type":"secretstores.azure.keyvault"' || true)
      if [ "$DAPR_COMPONENT_LOADED" = 0 ]; then
        DAPR_COMPONENTS_MISSING=$(printf %s "${DAPR_COMPONENTS_MISSING} azurekeyvault")
      fi
      if [ "$DAPR_COMPONENTS_MISSING" != '' ]; then
        echo "Not listed by Dapr's metadata API on the scale set's third instance:${DAPR_COMPONENTS_MISSING}." >&2
        echo 'Dapr'\''s metadata API on the scale set'\''s third instance does not list every component: daprd runs without the ones named above. The dapr run line this script prints starts it with --app-id orders-api and --resources-path ./components. Likely cause: daprd answered, so it started, but without these components: dapr run was started under another app id than the components'\'' scope or without --resources-path pointing at the component files, or a component failed to initialize and ignoreErrors let daprd go on without it. Fix: Read the dapr run output for the "Failed to init component" line of each component not listed (paste it into the troubleshooting page'\''s search box), start the app with the dapr run line the script prints, then run the script again. More: troubleshoot.html#dapr-component-not-in-metadata, beside the wizard'\''s page.' >&2
        exit 1
      fi
      printf '%s\n' 'Dapr'\''s metadata API on the scale set'\''s third instance lists every component: azurekeyvault.'
    fi
  fi
  if [ "$VMSS_ORCHESTRATION_MODE" != Flexible ]; then
    printf '%s\n' 'Instances not yet on the latest model (so still without the identity), to update with az vmss update-instances --instance-ids <ids>:
  az vmss list-instances --name '"$VMSS_NAME"' --resource-group '"$RESOURCE_GROUP"' --query '\''[?!latestModelApplied].instanceId'\'' -o tsv'
  fi
fi

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
