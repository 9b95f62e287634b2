#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Key Vault secret store on Azure Kubernetes Service (AKS), Node pool's kubelet identity.
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#aksIdentity=kubelet&resourceGroup=rg-orders&hostName=aks-prod&namespace=orders&deployment=orders-api&appId=orders-api&m.vaultName=kv-orders
# Run it with Bash after `az login`. On a cluster with Microsoft Entra integration kubectl also needs kubelogin (az aks install-cli installs both): the script switches it to the Azure CLI sign-in.
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
#   - Uses the node pool's kubelet identity of the AKS cluster aks-prod (resource group rg-orders), which AKS created; nothing is attached.
#   - Every pod on the node pool can use the kubelet identity (through the instance metadata service, IMDS), so each grant below reaches every workload on those nodes, not only this app.
# Grants:
#   - Azure role Key Vault Secrets User on the Key Vault kv-orders only (for azurekeyvault).
# Files written:
#   - components/azurekeyvault.yaml: the Azure Key Vault secret store component
# Kubernetes:
#   - Applies the components in the namespace orders.
#   - Patches the Deployment orders-api in the namespace orders with the Dapr annotations: its pods restart.
# On this machine:
#   - Writes the credentials of the cluster aks-prod into ~/.kube/config, replacing an entry of the same name, and makes it kubectl's current context (az aks get-credentials --overwrite-existing); on a cluster with Microsoft Entra integration, switches that context's kubelogin sign-in to the Azure CLI (kubelogin convert-kubeconfig -l azurecli --context).

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

# Look up the resources before changing anything (Key Vault): each grant is scoped to one of them.
VAULT_ID=$(az keyvault show --name "$VAULT_NAME" --query id -o tsv)
VAULT_RBAC=$(az keyvault show \
    --name "$VAULT_NAME" \
    --query properties.enableRbacAuthorization -o tsv)
if [ "$VAULT_RBAC" != true ]; then
  echo 'The vault kv-orders uses access policies, which ignore RBAC roles: choose "Vault access policies" in the wizard. More: troubleshoot.html#kv-vault-uses-access-policies, beside the wizard'\''s page.' >&2
  exit 1
fi

# Point kubectl at the cluster (kubelogin signs it in through the Azure CLI on a cluster with Microsoft Entra integration), and check that Dapr is installed (the Component resource type exists).
az aks get-credentials \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --overwrite-existing
KUBECTL_SIGN_IN=$(kubectl config view --minify -o 'jsonpath={.users[0].user.exec.command}')
if [ "$KUBECTL_SIGN_IN" = kubelogin ]; then
  if ! kubelogin convert-kubeconfig -l azurecli --context "$CLUSTER_NAME"; then
    echo 'The cluster signs kubectl in through Microsoft Entra ID with kubelogin, and "kubelogin convert-kubeconfig -l azurecli --context <cluster>" failed: if kubelogin is not installed, install it ("az aks install-cli" installs kubectl and kubelogin; or see https://github.com/Azure/kubelogin), then run the script again. Without the conversion each kubectl call would wait for a device-code sign-in. Nothing in Azure or the cluster was changed. More: troubleshoot.html#aks-kubelogin-failed, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
DAPR_CRD=$(kubectl get crd components.dapr.io -o name --ignore-not-found)
if [ "$DAPR_CRD" = '' ]; then
  echo 'Dapr is not installed on the cluster aks-prod (it has no components.dapr.io resource type), so nothing in Azure or the cluster was changed. Install it with the AKS Dapr extension (az k8s-extension create --cluster-type managedClusters --cluster-name aks-prod --resource-group rg-orders --name dapr --extension-type Microsoft.Dapr), or with "dapr init -k" or Helm. Likely cause: The cluster has no Component resource type: Dapr (its CRDs and control plane) is not installed. Fix: Install Dapr on the cluster (the AKS Dapr extension or Helm), then run the script again. More: troubleshoot.html#aks-dapr-not-installed, beside the wizard'\''s page.' >&2
  exit 1
fi

# Check that the app's Deployment orders-api is in the namespace orders: the script patches it.
if ! kubectl get deployment "$DEPLOYMENT_NAME" --namespace "$NAMESPACE" -o name; then
  echo 'There is no Deployment orders-api in the namespace orders, so there is nothing to patch. Nothing was changed. Likely cause: The Deployment named in the wizard is not in that namespace of this cluster: another name, another namespace, or the app is not deployed yet. Fix: Deploy the app first, or enter the Deployment'\''s name and namespace as kubectl lists them, then run the script again. More: troubleshoot.html#aks-deployment-not-found, beside the wizard'\''s page.' >&2
  exit 1
fi

# Check the namespace's Dapr components of the same names before any change: one the setup did not create, or one an earlier run wrote with another type or scopes other than orders-api alone, stops the script.
COMPONENT_FOUND=$(kubectl get components.dapr.io azurekeyvault \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}')
if [ "$COMPONENT_FOUND" != '' ]; then
  COMPONENT_MARK=$(kubectl get components.dapr.io azurekeyvault \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.dapr-mi-wizard/created}')
  COMPONENT_TYPE=$(kubectl get components.dapr.io azurekeyvault \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.type}')
  if [ "$COMPONENT_MARK" = true ]; then
    if [ "$COMPONENT_FOUND" != secretstores.azure.keyvault/orders-api ]; then
      echo 'The namespace orders already has a Dapr component named azurekeyvault that an earlier run of the setup wrote with other values (it carries the setup'\''s dapr-mi-wizard/created mark, but another type, or scopes other than orders-api alone: another app id or another component under that name, or it was changed since; kubectl get components.dapr.io azurekeyvault --namespace orders -o yaml shows it). Applying this file would rewrite it for the app that loads it. Take it back with the teardown of that run (its teardown-dapr-identity.sh, or the wizard'\''s Teardown tab with its values), or, if nothing loads it, kubectl delete components.dapr.io azurekeyvault --namespace orders; or choose another name for the component in the wizard. Then run this script again. Nothing was changed. Likely cause: A Dapr Component of this name carries the setup'\''s mark but another type, or scopes other than this app id alone: an earlier run wrote it for another app id or another component under that name, or it was changed since. Applying this run'\''s file would rewrite it for the app that loads it. Fix: Take it back with the teardown of that run (or the wizard'\''s Teardown tab with that run'\''s values), or delete it if nothing loads it; or give the component another name in the wizard. Then run the script again. More: troubleshoot.html#aks-component-other-values, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
  if [ "$COMPONENT_MARK" != true ]; then
    echo "The namespace orders already has a Dapr component named azurekeyvault, of type ${COMPONENT_TYPE}." >&2
    echo 'That component carries no dapr-mi-wizard/created mark, so the setup did not create it (someone else did, or a setup from before it marked what it creates, or a run stopped before its mark; kubectl get components.dapr.io azurekeyvault --namespace orders -o yaml shows it). Applying the setup'\''s file of type secretstores.azure.keyvault over it would rewrite it for every app that loads it, and its teardown would keep it, so nothing was changed. Choose another name for the component in the wizard; or, if that component is yours and nothing else loads it, remove it yourself (kubectl delete components.dapr.io azurekeyvault --namespace orders). Then run this script again. Likely cause: The app'\''s namespace holds a Dapr Component of a name the wizard gives one of its components, without the setup'\''s dapr-mi-wizard/created mark: someone else made it (by hand, by Helm, for another app), or a setup from before the mark did, or a run of the setup stopped between applying it and marking it. kubectl apply of the setup'\''s file would patch it, whatever its type, for every app that loads it, and the teardown would keep it. Fix: Give the component another name in the wizard. Or, if that Component is yours and nothing else loads it, delete it: the setup then applies its own and marks it. Then run the script again. More: troubleshoot.html#aks-component-not-created-by-setup, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi

# Read the node pool's kubelet identity (AKS created it): its principal id gets the grant.
PRINCIPAL_ID=$(az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query identityProfile.kubeletidentity.objectId -o tsv)
if [ "$PRINCIPAL_ID" = '' ]; then
  echo 'The cluster aks-prod has no kubelet identity (identityProfile.kubeletidentity is empty: it runs as a service principal), so there is nothing to grant the roles to. Nothing was changed. Choose Workload ID in the wizard, or move the cluster to a managed identity: az aks update --name aks-prod --resource-group rg-orders --enable-managed-identity, then upgrade each node pool'\''s image, since kubelet keeps the service principal until then: az aks nodepool upgrade --cluster-name aks-prod --resource-group rg-orders --name <node pool> --node-image-only (downtime: the nodes are cordoned, drained and reimaged; az aks nodepool list --cluster-name aks-prod --resource-group rg-orders -o table names the pools). The upgrade moves kubelet only when there is a newer node image to consume: if a pool runs the latest one already, wait until the next is available (compare az aks nodepool get-upgrades --cluster-name aks-prod --resource-group rg-orders --nodepool-name <node pool> --query latestNodeImageVersion with az aks nodepool show --cluster-name aks-prod --resource-group rg-orders --name <node pool> --query nodeImageVersion). Then run the script again. More: troubleshoot.html#aks-no-kubelet-identity, beside the wizard'\''s page.' >&2
  exit 1
fi
CLIENT_ID=$(az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query identityProfile.kubeletidentity.clientId -o tsv)

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

# Write the component file and the Deployment patch into ./components.
mkdir -p components
{
cat <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: azurekeyvault
  namespace: orders
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
{
cat <<'YAML'
spec:
  template:
    metadata:
      annotations:
        dapr.io/enabled: "true"
        dapr.io/app-id: orders-api
        dapr-mi-wizard/config-hash: e5d141b2b4bfaad9058ac08d6310198af6639d3c816f404ae7ea900741b81818
YAML
printf '        dapr-mi-wizard/client-id: %s\n' "$CLIENT_ID"
} > components/deployment-patch.yaml

# Create the namespace if it does not exist yet.
NAMESPACE_FOUND=$(kubectl get namespace "$NAMESPACE" -o name --ignore-not-found)
if [ "$NAMESPACE_FOUND" = '' ]; then
  run kubectl create namespace "$NAMESPACE"
fi

# Apply the component in the namespace.
COMPONENT_EXISTED=$(kubectl get components.dapr.io azurekeyvault \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o name)
run kubectl apply -f components/azurekeyvault.yaml
if [ "$COMPONENT_EXISTED" = '' ]; then
  run kubectl annotate components.dapr.io azurekeyvault \
      --namespace "$NAMESPACE" dapr-mi-wizard/created=true \
      --overwrite
fi

# Patch the app's Deployment orders-api with the pod template fields (its other fields and containers stay); its pods restart when a field or a file changed.
run kubectl patch deployment "$DEPLOYMENT_NAME" \
    --namespace "$NAMESPACE" \
    --type strategic \
    --patch-file components/deployment-patch.yaml

# Wait (at most 10m) until the Deployment's new pods run.
if ! kubectl rollout status deployment "$DEPLOYMENT_NAME" --namespace "$NAMESPACE" --timeout 10m; then
  echo 'The Deployment orders-api did not finish rolling out within 10m. Likely cause: A new pod does not start or never turns ready: daprd exits when a component fails to initialize (its log names the component), for instance with 403 because a grant made by this run is not in effect yet (role assignments take up to about 10 minutes), or, with Workload ID, AADSTS70021 ("No matching federated identity record found") while a federated credential made by this run is not in effect yet (it takes a few seconds, at worst a couple of minutes, to propagate: run the script again); or the image cannot be pulled, or the nodes lack room. Fix: Read the new pod'\''s events and the daprd log; a line "Failed to init component <name>" names the component and its error. A 403 there right after the script granted the role: wait a few minutes and run the script again. Otherwise fix the cause, then run the script again. More: troubleshoot.html#aks-rollout-not-ready, beside the wizard'\''s page.' >&2
  exit 1
fi

# Verify: the grants and the components Dapr loads.
if [ "${DRY_RUN:-}" = 1 ]; then
  echo 'DRY RUN: the checks of what the skipped commands make are skipped too.' >&2
else
  az role assignment list \
      --scope "$VAULT_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
  kubectl get components.dapr.io azurekeyvault --namespace "$NAMESPACE"
  DAPR_POD=$(kubectl get pods \
      --namespace "$NAMESPACE" \
      --selector dapr.io/app-id=orders-api \
      --sort-by .metadata.creationTimestamp -o 'jsonpath={.items[-1:].metadata.name}')
  if [ "$DAPR_POD" = '' ]; then
    echo 'No pod of the app runs with the Dapr sidecar (no pod labelled dapr.io/app-id=orders-api in the namespace). Likely cause: The Dapr sidecar injector added no daprd container: the pod template lacks the annotation dapr.io/enabled "true" or dapr.io/app-id, or the injector (dapr-sidecar-injector in dapr-system) is not running. The injector labels each pod it injects with dapr.io/app-id. Fix: Check the annotations on the Deployment'\''s pod template and that dapr-sidecar-injector runs, then restart the Deployment. More: troubleshoot.html#aks-daprd-not-injected, beside the wizard'\''s page.' >&2
    exit 1
  fi
  for attempt in {1..30}; do
    if kubectl logs "$DAPR_POD" \
        --namespace "$NAMESPACE" \
        --container daprd | grep -F -- 'Component loaded: azurekeyvault ('; then
      break
    fi
    if [ "$attempt" = 30 ]; then
      echo 'daprd in the newest pod did not log "Component loaded: azurekeyvault" within 10 minutes. Its line about azurekeyvault: kubectl logs deployment/orders-api --namespace orders --container daprd | grep -F '\''azurekeyvault ('\'' (a 403 there can mean a grant is not in effect yet: run this script again in a few minutes). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
      exit 1
    fi
    echo 'daprd has not logged "Component loaded: azurekeyvault" yet; trying again in 20 s.' >&2
    sleep 20
  done
  printf '%s\n' 'azurekeyvault: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (kubectl logs deployment/orders-api --namespace orders --container daprd): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
fi

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
