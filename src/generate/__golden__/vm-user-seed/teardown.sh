#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of Azure Key Vault secret store on Virtual Machine, User-assigned identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#host=vm&identity=user&clientId=6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b&appId=
# Takes back what setup-dapr-identity.sh added: the grants (database users last among them), then the host's
# own changes, the identity stays (its client id was entered: the setup used it and created none). Role assignments carry the setup's description; where the
# setup leaves no mark (components, access policies, database users of its names), what
# has those names and still names this identity is taken to be the setup's. A grant that another setup for
# this identity also relies on goes too: both made the same one.
# Safe to run again: every step looks before it removes.
# Dry run: DRY_RUN=1 bash teardown-dapr-identity.sh prints each command that would remove something instead of running it.
# Run it with Bash after `az login`.
# DELETE_IDENTITY=1 deletes no identity here: the client id of example-identity was entered in the wizard, so the setup did not create it.

RESOURCE_GROUP=example-rg
VM_NAME=example-app
IDENTITY_NAME=example-identity
VAULT_NAME=mykeyvault

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

# Stop: some fields still hold their example values from the wizard.
echo 'Stopped before any change: Resource group (example-rg), VM name (example-app), User-assigned identity name (example-identity), Key Vault name (mykeyvault) are still example values from the wizard, not yours. Enter your own values there (marked "Example value"), then copy the script again. More: troubleshoot.html#example-values-left, beside the wizard'\''s page.' >&2
exit 1

# Git Bash on Windows would rewrite arguments that start with / (scopes, resource ids) into Windows paths.
export MSYS_NO_PATHCONV=1

# Look up the resources the setup granted on (each grant is on one of them); one that is gone is skipped.
VAULT_ID=$(az keyvault show --name "$VAULT_NAME" --query id -o tsv || true)
if [ "$VAULT_ID" = '' ]; then
  printf '%s\n' 'The Key Vault mykeyvault is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi

# Read the user-assigned identity (all empty once it is gone): its principal id finds the grants.
IDENTITY_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].id | [0]" -o tsv)
PRINCIPAL_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].principalId | [0]" -o tsv)

# Remove Key Vault Secrets User on the Key Vault mykeyvault, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$VAULT_ID" != '' ]; then
    VAULT_ROLE_ASSIGNMENT=$(az role assignment list \
        --scope "$VAULT_ID" \
        --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/4633458b-17de-408a-b874-0445c86b69e6') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
    if [ "$VAULT_ROLE_ASSIGNMENT" != '' ]; then
      run az role assignment delete --ids "$VAULT_ROLE_ASSIGNMENT"
    fi
  fi
fi

# Remove the component files: the copies the setup wrote here, and yours on the VM.
run rm -f -- components/azurekeyvault.yaml
# Delete components/azurekeyvault.yaml from the components folder on the VM too, and restart the app without them.

# Leave the user-assigned identity on the VM: its client id was entered in the wizard, so it existed before the setup, which may have attached it (the note below says how to take it off).
if [ "$IDENTITY_ID" != '' ]; then
  IDENTITY_ATTACHED=$(az vm show \
      --name "$VM_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query "[identity.userAssignedIdentities.*.principalId] | [] | [?@=='${PRINCIPAL_ID}'] | length(@)" -o tsv || true)
  if [ "$IDENTITY_ATTACHED" = 1 ]; then
    printf '%s\n' "The identity existed before the setup (its client id was entered), so it stays attached to the VM, though the setup attached it. If it was not attached before, take it off: az vm identity remove --name ${VM_NAME} --resource-group ${RESOURCE_GROUP} --identities ${IDENTITY_ID}"
  fi
fi

# Kept: the identity example-identity, which the setup used (its client id was entered in the wizard) and did not create.
if [ "$DELETE_IDENTITY" = 1 ]; then
  printf '%s\n' 'Kept: the identity example-identity: its client id was entered in the wizard, so the setup did not create it.'
fi

# Done. Running it again finds nothing left to remove and changes nothing.
# Kept on purpose: the Azure resources themselves, and any grant the setup did not make (a role assignment
# without the description "Created by the Dapr Managed Identity Wizard", an access policy with more permissions).
