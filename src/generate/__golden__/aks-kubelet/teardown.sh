#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of Azure Key Vault secret store on Azure Kubernetes Service (AKS), Node pool's kubelet identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#aksIdentity=kubelet&resourceGroup=rg-orders&hostName=aks-prod&namespace=orders&deployment=orders-api&appId=orders-api&m.vaultName=kv-orders
# Takes back what setup-dapr-identity.sh added: the grants (database users last among them), then the host's
# own changes, the kubelet identity stays (AKS made it). Role assignments carry the setup's description; where the
# setup leaves no mark (access policies, database users of its names), what
# has those names and still names this identity is taken to be the setup's. A grant that another setup for
# this identity also relies on goes too: both made the same one.
# The components carry the setup's dapr-mi-wizard/created mark; a setup run stopped between
# applying one and marking it leaves it unmarked, and the teardown then keeps it and says so.
# Safe to run again: every step looks before it removes.
# Dry run: DRY_RUN=1 bash teardown-dapr-identity.sh prints each command that would remove something instead of running it.
# Run it with Bash after `az login`.

RESOURCE_GROUP=rg-orders
CLUSTER_NAME=aks-prod
NAMESPACE=orders
DEPLOYMENT_NAME=orders-api
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

# Look up the resources the setup granted on (each grant is on one of them); one that is gone is skipped.
VAULT_ID=$(az keyvault show --name "$VAULT_NAME" --query id -o tsv || true)
if [ "$VAULT_ID" = '' ]; then
  printf '%s\n' 'The Key Vault kv-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi

# Look up the cluster and the node pool's kubelet identity (AKS made it, and it stays): the grants below are looked up by it (empty once the cluster is gone, and the kubelet identity with it).
CLUSTER_ID=$(az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
PRINCIPAL_ID=$(az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query identityProfile.kubeletidentity.objectId -o tsv || true)

# Remove Key Vault Secrets User on the Key Vault kv-orders, if the setup assigned it (its description says so; an assignment without it is kept).
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

# Once the cluster is gone, its components and Deployment went with it.
# Kept: the namespace (other workloads may use it).
if [ "$CLUSTER_ID" = '' ]; then
  printf '%s\n' "The cluster ${CLUSTER_NAME} is not in the resource group ${RESOURCE_GROUP}, or not readable with your sign-in: the steps in the cluster are skipped (a deleted cluster took its components and Deployment with it)."
  printf '%s\n' 'Its kubelet identity (which only the cluster names) could not be read, so the grants made to it were NOT removed. Each lookup below lists every grant of the role on that resource that any run of the setup made, other apps'\'' and other clusters'\'' included. Delete (az role assignment delete --ids <id>) only a row whose principalName is empty: Microsoft Graph no longer finds that principal, as it no longer finds a kubelet identity AKS made, which went with the cluster. A row with a principalName is a live identity, another app'\''s or a kubelet identity brought to the cluster (it outlives the cluster): leave it unless az ad sp show --id <principalId> names this cluster'\''s kubelet identity. If every principalName is empty, your sign-in may not read Microsoft Graph: run az ad sp show --id <principalId> for each, and delete only those it says do not exist.'
  if [ "$VAULT_ID" != '' ]; then
    printf '%s\n' '  az role assignment list --scope '"$VAULT_ID"' --query "[?ends_with(roleDefinitionId, '\''/4633458b-17de-408a-b874-0445c86b69e6'\'') && description=='\''Created by the Dapr Managed Identity Wizard'\''].{id: id, principalId: principalId, principalName: principalName, principalType: principalType}" -o table'
  fi
fi

# Point kubectl at the cluster (kubelogin signs it in through the Azure CLI on a cluster with Microsoft Entra integration).
if [ "$CLUSTER_ID" != '' ]; then
  az aks get-credentials \
      --name "$CLUSTER_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --overwrite-existing
  KUBECTL_SIGN_IN=$(kubectl config view --minify -o 'jsonpath={.users[0].user.exec.command}')
  if [ "$KUBECTL_SIGN_IN" = kubelogin ]; then
    if ! kubelogin convert-kubeconfig -l azurecli --context "$CLUSTER_NAME"; then
      echo 'The cluster signs kubectl in through Microsoft Entra ID with kubelogin, and "kubelogin convert-kubeconfig -l azurecli --context <cluster>" failed: if kubelogin is not installed, install it ("az aks install-cli" installs kubectl and kubelogin; or see https://github.com/Azure/kubelogin), then run the script again. Without the conversion each kubectl call would wait for a device-code sign-in. The grants above are removed; nothing in the cluster was changed. More: troubleshoot.html#aks-kubelogin-failed, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
fi

# Delete the component the setup applied, if the setup created it and it is still as it wrote (type, scopes orders-api), before the Deployment's pods restart below.
if [ "$CLUSTER_ID" != '' ]; then
  DAPR_CRD=$(kubectl get crd components.dapr.io --ignore-not-found -o name)
  if [ "$DAPR_CRD" = '' ]; then
    printf '%s\n' 'Dapr is not installed on the cluster any more (it has no components.dapr.io resource type): its components went with it, nothing to delete.'
  fi
  if [ "$DAPR_CRD" != '' ]; then
    COMPONENT_FOUND=$(kubectl get components.dapr.io azurekeyvault \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = secretstores.azure.keyvault/orders-api/true ]; then
      run kubectl delete components.dapr.io azurekeyvault \
          --namespace "$NAMESPACE" \
          --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != secretstores.azure.keyvault/orders-api/true ]; then
        printf '%s\n' "Kept: the component azurekeyvault in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io azurekeyvault --namespace ${NAMESPACE}"
      fi
    fi
  fi
fi

# Take back the setup's patch of the Deployment orders-api: its config-hash and client-id annotations (its pods restart, without the components).
if [ "$CLUSTER_ID" != '' ]; then
  DEPLOYMENT_CONFIG_HASH=$(kubectl get deployment "$DEPLOYMENT_NAME" \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.template.metadata.annotations.dapr-mi-wizard/config-hash}')
  if [ "$DEPLOYMENT_CONFIG_HASH" != '' ]; then
    run kubectl patch deployment "$DEPLOYMENT_NAME" \
        --namespace "$NAMESPACE" \
        --type strategic -p '{"spec":{"template":{"metadata":{"annotations":{"dapr-mi-wizard/config-hash":null,"dapr-mi-wizard/client-id":null}}}}}'
  fi
  # Kept: the Dapr annotations (dapr.io/enabled, app-id, app-port): Dapr may have been on before the setup, and callers use the app id.
fi

# Remove the files the setup wrote here (generated from the wizard: nothing else is in them).
run rm -f -- components/azurekeyvault.yaml components/deployment-patch.yaml

# Done. Running it again finds nothing left to remove and changes nothing.
# Kept on purpose: the Azure resources themselves, and any grant the setup did not make (a role assignment
# without the description "Created by the Dapr Managed Identity Wizard", an access policy with more permissions).
