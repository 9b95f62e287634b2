#!/usr/bin/env bash
# Dapr Managed Identity Wizard: 5 Dapr components on Azure Kubernetes Service (AKS), Microsoft Entra Workload ID (recommended).
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#cloud=china&resourceGroup=rg-orders&hostName=aks-prod&identityName=id-orders&namespace=orders&serviceAccount=orders-api&deployment=orders-api&appId=orders-api&m.vaultName=kv-orders&c2.component=state.azure.blobstorage&c2.m.accountName=storders&c2.m.containerName=state&c3.component=state.azure.tablestorage&c3.name=tablestate&c3.m.accountName=storders&c3.m.tableName=orders&c4.component=pubsub.azure.servicebus.topics&c4.m.namespaceName=sb-orders.servicebus.chinacloudapi.cn&c5.component=state.postgresql&c5.name=pg-state&c5.m.host=pg-orders.postgres.database.chinacloudapi.cn&c5.m.database=orders
# Run it with Bash after `az cloud set --name AzureChinaCloud` and then `az login` (a sign-in to another cloud does not count). Needs Azure CLI 2.47 or later (--enable-workload-identity). Older: run `az upgrade`; an Azure CLI from a Linux distribution's own package (Debian's azure-cli, for one) upgrades only to that distribution's version, so install Microsoft's instead: https://learn.microsoft.com/cli/azure/install-azure-cli. On a cluster with Microsoft Entra integration kubectl also needs kubelogin (az aks install-cli installs both): the script switches it to the Azure CLI sign-in.
# Change values in the wizard, not here: the files this script writes were generated from them.
# PG_ADMIN=<name> signs psql in as that Microsoft Entra admin of the PostgreSQL server (empty: your az
# user name): for an admin group you belong to, the group's name; for a service principal, its display name. The
# admins: az postgres flexible-server microsoft-entra-admin list -g <group> -s <server> (ad-admin in older CLIs, 2.45).
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
#   - Storage account storders (resource group rg-orders)
#   - Service Bus namespace sb-orders (resource group rg-orders)
#   - PostgreSQL server pg-orders (resource group rg-orders)
# Identity:
#   - Creates the user-assigned identity id-orders (resource group rg-orders) unless it exists (an existing one is kept as it is).
#   - Turns on the OIDC issuer and Workload ID on the AKS cluster aks-prod (resource group rg-orders), when either is off. Turning on the issuer on a running cluster changes its ServiceAccount token issuer and restarts its API server (possible downtime; pods that fail afterwards need a restart), and it cannot be turned off again.
#   - Adds the federated credential dapr-orders-orders-api for system:serviceaccount:orders:orders-api, unless a credential for the cluster's issuer and that ServiceAccount exists (it is kept, under its own name).
# Grants:
#   - Azure role Key Vault Secrets User on the Key Vault kv-orders only (for azurekeyvault).
#   - Azure role Storage Blob Data Contributor on the Storage account storders only (for statestore).
#   - Azure role Storage Table Data Contributor on the Storage account storders only (for tablestate).
#   - Azure role Azure Service Bus Data Sender on the Service Bus namespace sb-orders only (for pubsub).
#   - A PostgreSQL role mapped to the identity, with its grants in the database orders, on the PostgreSQL server pg-orders (for pg-state).
# Files written:
#   - components/azurekeyvault.yaml: the Azure Key Vault secret store component
#   - components/statestore.yaml: the Azure Blob Storage state store component
#   - components/tablestate.yaml: the Azure Table Storage state store component
#   - components/pubsub.yaml: the Azure Service Bus topics pub/sub component
#   - components/pg-state.yaml: the Azure Database for PostgreSQL state store component
# Kubernetes:
#   - Applies the ServiceAccount orders-api in the namespace orders.
#   - Applies the components in the namespace orders.
#   - Patches the Deployment orders-api in the namespace orders with the Dapr annotations, the ServiceAccount and the Workload ID label: its pods restart.
# On this machine:
#   - Switches the Azure CLI to Azure operated by 21Vianet (China) (az cloud set --name AzureChinaCloud): later az commands on this machine use it.
#   - Writes the credentials of the cluster aks-prod into ~/.kube/config, replacing an entry of the same name, and makes it kubectl's current context (az aks get-credentials --overwrite-existing); on a cluster with Microsoft Entra integration, switches that context's kubelogin sign-in to the Azure CLI (kubelogin convert-kubeconfig -l azurecli --context).

RESOURCE_GROUP=rg-orders
CLUSTER_NAME=aks-prod
IDENTITY_NAME=id-orders
NAMESPACE=orders
DEPLOYMENT_NAME=orders-api
SERVICE_ACCOUNT=orders-api
FEDERATED_CREDENTIAL_NAME=dapr-orders-orders-api
VAULT_NAME=kv-orders
STORAGE_ACCOUNT_NAME=storders
SERVICEBUS_NAMESPACE_NAME=sb-orders
POSTGRES_SERVER_NAME=pg-orders

PG_ADMIN="${PG_ADMIN:-}"

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

# Talk to Azure operated by 21Vianet (China): every resource below is in that cloud.
az cloud set --name AzureChinaCloud

# Look up the resources before changing anything (Key Vault, Storage account, Service Bus namespace, PostgreSQL server): each grant is scoped to one of them.
VAULT_ID=$(az keyvault show --name "$VAULT_NAME" --query id -o tsv)
VAULT_RBAC=$(az keyvault show \
    --name "$VAULT_NAME" \
    --query properties.enableRbacAuthorization -o tsv)
if [ "$VAULT_RBAC" != true ]; then
  echo 'The vault kv-orders uses access policies, which ignore RBAC roles: choose "Vault access policies" in the wizard. More: troubleshoot.html#kv-vault-uses-access-policies, beside the wizard'\''s page.' >&2
  exit 1
fi
STORAGE_ACCOUNT_ID=$(az storage account show --name "$STORAGE_ACCOUNT_NAME" --query id -o tsv)
SERVICEBUS_NAMESPACE_ID=$(az servicebus namespace show \
    --name "$SERVICEBUS_NAMESPACE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv)
POSTGRES_SERVER_CHECK=$(az postgres flexible-server show \
    --name "$POSTGRES_SERVER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query authConfig.activeDirectoryAuth -o tsv | tr '[:upper:]' '[:lower:]')
if [ "$POSTGRES_SERVER_CHECK" != enabled ]; then
  echo 'Turn on Microsoft Entra authentication on the server first: az postgres flexible-server update --name pg-orders --resource-group rg-orders --microsoft-entra-auth Enabled (--active-directory-auth before Azure CLI 2.73). More: troubleshoot.html#postgres-entra-auth-off, beside the wizard'\''s page.' >&2
  exit 1
fi

# The entities Dapr uses but does not create with these settings: create them before the app runs.
# Component pubsub: Dapr creates no topic or subscription. Each topic the app publishes to must exist: az servicebus topic create --namespace-name sb-orders --name <topic> --resource-group rg-orders

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
DEPLOYMENT_SERVICE_ACCOUNT=$(kubectl get deployment "$DEPLOYMENT_NAME" \
    --namespace "$NAMESPACE" -o 'jsonpath={.spec.template.spec.serviceAccountName}')
if [ "$DEPLOYMENT_SERVICE_ACCOUNT" != '' ]; then
  if [ "$DEPLOYMENT_SERVICE_ACCOUNT" != default ]; then
    if [ "$DEPLOYMENT_SERVICE_ACCOUNT" != "$SERVICE_ACCOUNT" ]; then
      echo 'The Deployment orders-api runs as a ServiceAccount of its own, not orders-api (kubectl get deployment orders-api --namespace orders -o jsonpath='\''{.spec.template.spec.serviceAccountName}'\'' names it). Switching its pods to orders-api would drop the Kubernetes permissions they have through it, so nothing was changed. Enter that ServiceAccount in the wizard. Likely cause: The app'\''s Deployment names a ServiceAccount of its own (often made by Helm, with Kubernetes RBAC bindings). Switching its pods to the wizard'\''s ServiceAccount would drop the permissions the app has through it. Fix: Enter that ServiceAccount in the wizard (the setup then annotates it with the identity'\''s client id and keeps it in the teardown), then run the script again. More: troubleshoot.html#aks-service-account-taken, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
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
COMPONENT_FOUND=$(kubectl get components.dapr.io statestore \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}')
if [ "$COMPONENT_FOUND" != '' ]; then
  COMPONENT_MARK=$(kubectl get components.dapr.io statestore \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.dapr-mi-wizard/created}')
  COMPONENT_TYPE=$(kubectl get components.dapr.io statestore \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.type}')
  if [ "$COMPONENT_MARK" = true ]; then
    if [ "$COMPONENT_FOUND" != state.azure.blobstorage/orders-api ]; then
      echo 'The namespace orders already has a Dapr component named statestore that an earlier run of the setup wrote with other values (it carries the setup'\''s dapr-mi-wizard/created mark, but another type, or scopes other than orders-api alone: another app id or another component under that name, or it was changed since; kubectl get components.dapr.io statestore --namespace orders -o yaml shows it). Applying this file would rewrite it for the app that loads it. Take it back with the teardown of that run (its teardown-dapr-identity.sh, or the wizard'\''s Teardown tab with its values), or, if nothing loads it, kubectl delete components.dapr.io statestore --namespace orders; or choose another name for the component in the wizard. Then run this script again. Nothing was changed. Likely cause: A Dapr Component of this name carries the setup'\''s mark but another type, or scopes other than this app id alone: an earlier run wrote it for another app id or another component under that name, or it was changed since. Applying this run'\''s file would rewrite it for the app that loads it. Fix: Take it back with the teardown of that run (or the wizard'\''s Teardown tab with that run'\''s values), or delete it if nothing loads it; or give the component another name in the wizard. Then run the script again. More: troubleshoot.html#aks-component-other-values, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
  if [ "$COMPONENT_MARK" != true ]; then
    echo "The namespace orders already has a Dapr component named statestore, of type ${COMPONENT_TYPE}." >&2
    echo 'That component carries no dapr-mi-wizard/created mark, so the setup did not create it (someone else did, or a setup from before it marked what it creates, or a run stopped before its mark; kubectl get components.dapr.io statestore --namespace orders -o yaml shows it). Applying the setup'\''s file of type state.azure.blobstorage over it would rewrite it for every app that loads it, and its teardown would keep it, so nothing was changed. Choose another name for the component in the wizard; or, if that component is yours and nothing else loads it, remove it yourself (kubectl delete components.dapr.io statestore --namespace orders). Then run this script again. Likely cause: The app'\''s namespace holds a Dapr Component of a name the wizard gives one of its components, without the setup'\''s dapr-mi-wizard/created mark: someone else made it (by hand, by Helm, for another app), or a setup from before the mark did, or a run of the setup stopped between applying it and marking it. kubectl apply of the setup'\''s file would patch it, whatever its type, for every app that loads it, and the teardown would keep it. Fix: Give the component another name in the wizard. Or, if that Component is yours and nothing else loads it, delete it: the setup then applies its own and marks it. Then run the script again. More: troubleshoot.html#aks-component-not-created-by-setup, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
COMPONENT_FOUND=$(kubectl get components.dapr.io tablestate \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}')
if [ "$COMPONENT_FOUND" != '' ]; then
  COMPONENT_MARK=$(kubectl get components.dapr.io tablestate \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.dapr-mi-wizard/created}')
  COMPONENT_TYPE=$(kubectl get components.dapr.io tablestate \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.type}')
  if [ "$COMPONENT_MARK" = true ]; then
    if [ "$COMPONENT_FOUND" != state.azure.tablestorage/orders-api ]; then
      echo 'The namespace orders already has a Dapr component named tablestate that an earlier run of the setup wrote with other values (it carries the setup'\''s dapr-mi-wizard/created mark, but another type, or scopes other than orders-api alone: another app id or another component under that name, or it was changed since; kubectl get components.dapr.io tablestate --namespace orders -o yaml shows it). Applying this file would rewrite it for the app that loads it. Take it back with the teardown of that run (its teardown-dapr-identity.sh, or the wizard'\''s Teardown tab with its values), or, if nothing loads it, kubectl delete components.dapr.io tablestate --namespace orders; or choose another name for the component in the wizard. Then run this script again. Nothing was changed. Likely cause: A Dapr Component of this name carries the setup'\''s mark but another type, or scopes other than this app id alone: an earlier run wrote it for another app id or another component under that name, or it was changed since. Applying this run'\''s file would rewrite it for the app that loads it. Fix: Take it back with the teardown of that run (or the wizard'\''s Teardown tab with that run'\''s values), or delete it if nothing loads it; or give the component another name in the wizard. Then run the script again. More: troubleshoot.html#aks-component-other-values, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
  if [ "$COMPONENT_MARK" != true ]; then
    echo "The namespace orders already has a Dapr component named tablestate, of type ${COMPONENT_TYPE}." >&2
    echo 'That component carries no dapr-mi-wizard/created mark, so the setup did not create it (someone else did, or a setup from before it marked what it creates, or a run stopped before its mark; kubectl get components.dapr.io tablestate --namespace orders -o yaml shows it). Applying the setup'\''s file of type state.azure.tablestorage over it would rewrite it for every app that loads it, and its teardown would keep it, so nothing was changed. Choose another name for the component in the wizard; or, if that component is yours and nothing else loads it, remove it yourself (kubectl delete components.dapr.io tablestate --namespace orders). Then run this script again. Likely cause: The app'\''s namespace holds a Dapr Component of a name the wizard gives one of its components, without the setup'\''s dapr-mi-wizard/created mark: someone else made it (by hand, by Helm, for another app), or a setup from before the mark did, or a run of the setup stopped between applying it and marking it. kubectl apply of the setup'\''s file would patch it, whatever its type, for every app that loads it, and the teardown would keep it. Fix: Give the component another name in the wizard. Or, if that Component is yours and nothing else loads it, delete it: the setup then applies its own and marks it. Then run the script again. More: troubleshoot.html#aks-component-not-created-by-setup, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
COMPONENT_FOUND=$(kubectl get components.dapr.io pubsub \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}')
if [ "$COMPONENT_FOUND" != '' ]; then
  COMPONENT_MARK=$(kubectl get components.dapr.io pubsub \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.dapr-mi-wizard/created}')
  COMPONENT_TYPE=$(kubectl get components.dapr.io pubsub \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.type}')
  if [ "$COMPONENT_MARK" = true ]; then
    if [ "$COMPONENT_FOUND" != pubsub.azure.servicebus.topics/orders-api ]; then
      echo 'The namespace orders already has a Dapr component named pubsub that an earlier run of the setup wrote with other values (it carries the setup'\''s dapr-mi-wizard/created mark, but another type, or scopes other than orders-api alone: another app id or another component under that name, or it was changed since; kubectl get components.dapr.io pubsub --namespace orders -o yaml shows it). Applying this file would rewrite it for the app that loads it. Take it back with the teardown of that run (its teardown-dapr-identity.sh, or the wizard'\''s Teardown tab with its values), or, if nothing loads it, kubectl delete components.dapr.io pubsub --namespace orders; or choose another name for the component in the wizard. Then run this script again. Nothing was changed. Likely cause: A Dapr Component of this name carries the setup'\''s mark but another type, or scopes other than this app id alone: an earlier run wrote it for another app id or another component under that name, or it was changed since. Applying this run'\''s file would rewrite it for the app that loads it. Fix: Take it back with the teardown of that run (or the wizard'\''s Teardown tab with that run'\''s values), or delete it if nothing loads it; or give the component another name in the wizard. Then run the script again. More: troubleshoot.html#aks-component-other-values, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
  if [ "$COMPONENT_MARK" != true ]; then
    echo "The namespace orders already has a Dapr component named pubsub, of type ${COMPONENT_TYPE}." >&2
    echo 'That component carries no dapr-mi-wizard/created mark, so the setup did not create it (someone else did, or a setup from before it marked what it creates, or a run stopped before its mark; kubectl get components.dapr.io pubsub --namespace orders -o yaml shows it). Applying the setup'\''s file of type pubsub.azure.servicebus.topics over it would rewrite it for every app that loads it, and its teardown would keep it, so nothing was changed. Choose another name for the component in the wizard; or, if that component is yours and nothing else loads it, remove it yourself (kubectl delete components.dapr.io pubsub --namespace orders). Then run this script again. Likely cause: The app'\''s namespace holds a Dapr Component of a name the wizard gives one of its components, without the setup'\''s dapr-mi-wizard/created mark: someone else made it (by hand, by Helm, for another app), or a setup from before the mark did, or a run of the setup stopped between applying it and marking it. kubectl apply of the setup'\''s file would patch it, whatever its type, for every app that loads it, and the teardown would keep it. Fix: Give the component another name in the wizard. Or, if that Component is yours and nothing else loads it, delete it: the setup then applies its own and marks it. Then run the script again. More: troubleshoot.html#aks-component-not-created-by-setup, beside the wizard'\''s page.' >&2
    exit 1
  fi
fi
COMPONENT_FOUND=$(kubectl get components.dapr.io pg-state \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}')
if [ "$COMPONENT_FOUND" != '' ]; then
  COMPONENT_MARK=$(kubectl get components.dapr.io pg-state \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.dapr-mi-wizard/created}')
  COMPONENT_TYPE=$(kubectl get components.dapr.io pg-state \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.type}')
  if [ "$COMPONENT_MARK" = true ]; then
    if [ "$COMPONENT_FOUND" != state.postgresql/orders-api ]; then
      echo 'The namespace orders already has a Dapr component named pg-state that an earlier run of the setup wrote with other values (it carries the setup'\''s dapr-mi-wizard/created mark, but another type, or scopes other than orders-api alone: another app id or another component under that name, or it was changed since; kubectl get components.dapr.io pg-state --namespace orders -o yaml shows it). Applying this file would rewrite it for the app that loads it. Take it back with the teardown of that run (its teardown-dapr-identity.sh, or the wizard'\''s Teardown tab with its values), or, if nothing loads it, kubectl delete components.dapr.io pg-state --namespace orders; or choose another name for the component in the wizard. Then run this script again. Nothing was changed. Likely cause: A Dapr Component of this name carries the setup'\''s mark but another type, or scopes other than this app id alone: an earlier run wrote it for another app id or another component under that name, or it was changed since. Applying this run'\''s file would rewrite it for the app that loads it. Fix: Take it back with the teardown of that run (or the wizard'\''s Teardown tab with that run'\''s values), or delete it if nothing loads it; or give the component another name in the wizard. Then run the script again. More: troubleshoot.html#aks-component-other-values, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
  if [ "$COMPONENT_MARK" != true ]; then
    echo "The namespace orders already has a Dapr component named pg-state, of type ${COMPONENT_TYPE}." >&2
    echo 'That component carries no dapr-mi-wizard/created mark, so the setup did not create it (someone else did, or a setup from before it marked what it creates, or a run stopped before its mark; kubectl get components.dapr.io pg-state --namespace orders -o yaml shows it). Applying the setup'\''s file of type state.postgresql over it would rewrite it for every app that loads it, and its teardown would keep it, so nothing was changed. Choose another name for the component in the wizard; or, if that component is yours and nothing else loads it, remove it yourself (kubectl delete components.dapr.io pg-state --namespace orders). Then run this script again. Likely cause: The app'\''s namespace holds a Dapr Component of a name the wizard gives one of its components, without the setup'\''s dapr-mi-wizard/created mark: someone else made it (by hand, by Helm, for another app), or a setup from before the mark did, or a run of the setup stopped between applying it and marking it. kubectl apply of the setup'\''s file would patch it, whatever its type, for every app that loads it, and the teardown would keep it. Fix: Give the component another name in the wizard. Or, if that Component is yours and nothing else loads it, delete it: the setup then applies its own and marks it. Then run the script again. More: troubleshoot.html#aks-component-not-created-by-setup, beside the wizard'\''s page.' >&2
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
      --tags createdBy=dapr-mi-wizard -o none
fi

# Read its ids: the principal id receives the grant, the client id tells Azure which identity the app means.
PRINCIPAL_ID=$(read_or_placeholder PRINCIPAL_ID az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query principalId -o tsv)
CLIENT_ID=$(read_or_placeholder CLIENT_ID az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query clientId -o tsv)

# Turn on the OIDC issuer and Workload ID, so pods can trade ServiceAccount tokens for Entra tokens (only when one of them is off). On a running cluster the issuer changes the ServiceAccount token issuer and restarts the API server (possible downtime), and it cannot be turned off again.
WORKLOAD_ID_ON=$(az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query 'oidcIssuerProfile.enabled && securityProfile.workloadIdentity.enabled' -o tsv)
if [ "$WORKLOAD_ID_ON" != true ]; then
  printf '%s\n' "Turning on the OIDC issuer and Workload ID on ${CLUSTER_NAME}: if the issuer was off, this changes the cluster's ServiceAccount token issuer and restarts its API server (possible downtime; pods that fail afterwards need a restart), and the issuer cannot be turned off again."
  run az aks update \
      --name "$CLUSTER_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --enable-oidc-issuer \
      --enable-workload-identity -o none
fi

# Read the cluster's OIDC issuer URL: the federated credential trusts the tokens it signs.
OIDC_ISSUER=$(read_or_placeholder OIDC_ISSUER az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query oidcIssuerProfile.issuerUrl -o tsv)

# Let exactly this ServiceAccount sign in as the identity (a federated credential for the audience api://AzureADTokenExchange), unless a credential for this issuer and ServiceAccount exists already; one for other audiences stops the script.
FEDERATED_CREDENTIAL_FOUND=$(az identity federated-credential list \
    --identity-name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?issuer=='${OIDC_ISSUER}' && subject=='system:serviceaccount:${NAMESPACE}:${SERVICE_ACCOUNT}'].name | [0]" -o tsv || true)
if [ "$FEDERATED_CREDENTIAL_FOUND" = '' ]; then
  FEDERATED_CREDENTIAL_OTHER_ISSUER=$(az identity federated-credential list \
      --identity-name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query "[?name=='${FEDERATED_CREDENTIAL_NAME}'].issuer | [0]" -o tsv || true)
  if [ "$FEDERATED_CREDENTIAL_OTHER_ISSUER" != '' ]; then
    echo 'The identity id-orders already has a federated credential named dapr-orders-orders-api for another issuer or ServiceAccount (another cluster, or this cluster made again, may sign in through it). Creating it here would re-point it, and whatever signs in through it would fail (AADSTS70021), so the script stops and it is left as it is. Check it with: az identity federated-credential show --name dapr-orders-orders-api --identity-name id-orders --resource-group rg-orders. Then delete it if nothing uses it any more, or use another identity (or namespace or ServiceAccount) in the wizard. Likely cause: The identity has a federated credential of the name the setup gives (dapr-<namespace>-<serviceaccount>) for another cluster'\''s OIDC issuer (the same identity used from a second cluster, or this cluster made again) or another subject. Its create is a PUT that would re-point it, and what signs in through it would fail with AADSTS70021. Fix: Show the credential; delete it if nothing signs in through it any more, or use another identity, namespace or ServiceAccount in the wizard. Then run the script again. More: troubleshoot.html#aks-federated-credential-name-taken, beside the wizard'\''s page.' >&2
    exit 1
  fi
  run az identity federated-credential create \
      --name "$FEDERATED_CREDENTIAL_NAME" \
      --identity-name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --issuer "$OIDC_ISSUER" \
      --subject "system:serviceaccount:${NAMESPACE}:${SERVICE_ACCOUNT}" \
      --audiences api://AzureADTokenExchange -o none
fi
if [ "$FEDERATED_CREDENTIAL_FOUND" != '' ]; then
  FEDERATED_CREDENTIAL_AUDIENCE_OK=$(az identity federated-credential list \
      --identity-name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query "[?name=='${FEDERATED_CREDENTIAL_FOUND}'].contains(audiences, 'api://AzureADTokenExchange') | [0]" -o tsv || true)
  if [ "$FEDERATED_CREDENTIAL_AUDIENCE_OK" = false ]; then
    echo "The federated credential ${FEDERATED_CREDENTIAL_FOUND} of the identity id-orders trusts this cluster's issuer and the ServiceAccount orders-api in orders, but not for the audience api://AzureADTokenExchange. To set it: az identity federated-credential update --name ${FEDERATED_CREDENTIAL_FOUND} --identity-name id-orders --resource-group rg-orders --issuer ${OIDC_ISSUER} --subject system:serviceaccount:orders:orders-api --audiences api://AzureADTokenExchange" >&2
    echo 'Dapr'\''s pods present a ServiceAccount token for the audience api://AzureADTokenExchange (the Workload ID webhook asks for it), and Entra takes a token only through a credential listing its audience, so Dapr'\''s sign-in would fail (AADSTS70021). Entra holds one credential for an issuer and subject, so the setup cannot add its own beside it; it stops here, before the grants and the cluster'\''s objects, and leaves the credential as it is. Run the update above if nothing else signs in through that credential with the audiences it lists (az identity federated-credential show --name <credential> --identity-name id-orders --resource-group rg-orders shows them), or use another identity, namespace or ServiceAccount in the wizard. Then run this script again. Likely cause: The identity has a federated credential for the cluster'\''s issuer and the app'\''s ServiceAccount, but its audiences lack api://AzureADTokenExchange, the audience of the token the Workload ID webhook projects into the pods. Entra matches a token to a credential by issuer, subject and audience, so Dapr'\''s sign-in would fail with AADSTS70021; and Entra takes no second credential for the same issuer and subject, so the setup cannot add its own. Fix: If nothing else signs in through that credential with the audiences it lists, set its audience to api://AzureADTokenExchange (the update command the script printed); otherwise use another identity, namespace or ServiceAccount in the wizard. Then run the script again. More: troubleshoot.html#aks-federated-credential-audience, beside the wizard'\''s page.' >&2
    exit 1
  fi
  if [ "$FEDERATED_CREDENTIAL_AUDIENCE_OK" = '' ]; then
    echo 'The audiences of the federated credential found a moment ago on the identity id-orders could not be read (it may have been deleted since, or the call failed: see the error above). Nothing is granted and nothing in the cluster is changed yet; run this script again, which looks again and creates the credential if it is gone. Likely cause: The setup found a federated credential trusting the cluster'\''s issuer and the ServiceAccount, then could not read its audiences: it was deleted in between, or the second az call failed (its error is printed above the message). Nothing then shows that Dapr'\''s pods can sign in through it. Fix: Run the script again: it looks for the credential again, keeps it if it lists the audience api://AzureADTokenExchange and creates it if it is gone. If the az call fails again, its own error says why (sign-in, permission, network). More: troubleshoot.html#aks-federated-credential-unreadable, beside the wizard'\''s page.' >&2
    exit 1
  fi
  printf '%s\n' "The federated credential ${FEDERATED_CREDENTIAL_FOUND} already trusts this issuer and ServiceAccount for the audience api://AzureADTokenExchange; it is kept."
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

# Grant Storage Blob Data Contributor (built-in role ba92f5b4-2d11-453d-a403-e96b0029c9fe) on the Storage account storders only, for statestore, unless the identity already has it there.
STORAGE_ACCOUNT_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$STORAGE_ACCOUNT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/ba92f5b4-2d11-453d-a403-e96b0029c9fe')].id | [0]" -o tsv)
if [ "$STORAGE_ACCOUNT_ROLE_ASSIGNMENT" = '' ]; then
  run az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role ba92f5b4-2d11-453d-a403-e96b0029c9fe \
      --scope "$STORAGE_ACCOUNT_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Grant Storage Table Data Contributor (built-in role 0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3) on the Storage account storders only, for tablestate, unless the identity already has it there.
STORAGE_ACCOUNT_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$STORAGE_ACCOUNT_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')].id | [0]" -o tsv)
if [ "$STORAGE_ACCOUNT_ROLE_ASSIGNMENT" = '' ]; then
  run az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role 0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3 \
      --scope "$STORAGE_ACCOUNT_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Grant Azure Service Bus Data Sender (built-in role 69a216fc-b8fb-44d8-bc22-1f3c2cd27a39) on the Service Bus namespace sb-orders only, for pubsub, unless the identity already has it there.
SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$SERVICEBUS_NAMESPACE_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')].id | [0]" -o tsv)
if [ "$SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT" = '' ]; then
  run az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role 69a216fc-b8fb-44d8-bc22-1f3c2cd27a39 \
      --scope "$SERVICEBUS_NAMESPACE_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Map the identity to the PostgreSQL role id-orders on pg-orders and grant it what pg-state needs.
# Needs psql, and you signed in to az as a Microsoft Entra admin of the server (or a member of an admin
# group): your token is the password. psql signs in as PG_ADMIN, else as your az user name.
if [ "$PG_ADMIN" = '' ]; then
  PG_ADMIN=$(az account show --query user.name -o tsv)
fi
export "PGUSER=${PG_ADMIN}"
PGPASSWORD=$(az account get-access-token --resource-type oss-rdbms --query accessToken -o tsv)
export PGPASSWORD
run psql 'host=pg-orders.postgres.database.chinacloudapi.cn port=5432 dbname=postgres sslmode=require' -v ON_ERROR_STOP=1 -c "SELECT pgaadauth_create_principal_with_oid('id-orders', '${PRINCIPAL_ID}', 'service', false, false) WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'id-orders');"
POSTGRES_SERVER_ROLE_OBJECT_ID=$(read_or_placeholder POSTGRES_SERVER_ROLE_OBJECT_ID psql 'host=pg-orders.postgres.database.chinacloudapi.cn port=5432 dbname=postgres sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c 'SELECT p.object_id FROM pg_catalog.pgaadauth_list_principals(false) AS p(role_name, principal_type, object_id) WHERE p.role_name = '\''id-orders'\'';' | tr '[:upper:]' '[:lower:]')
if [ "${DRY_RUN:-}" != 1 ] && [ "$POSTGRES_SERVER_ROLE_OBJECT_ID" != "$PRINCIPAL_ID" ]; then
  echo 'The PostgreSQL role id-orders on pg-orders signs in as another Microsoft Entra object than this identity (an identity deleted and re-created under the same name gets a new object id). Fix: if no other identity uses the role, signed in as the server'\''s Entra admin map it to this one with SECURITY LABEL for "pgaadauth" on role "id-orders" is '\''aadauth,oid=<principal id>,type=service'\'' (security-manage-entra-users.md), or drop it; then run this script again. More: troubleshoot.html#postgres-role-other-object, beside the wizard'\''s page.' >&2
  exit 1
fi
run psql 'host=pg-orders.postgres.database.chinacloudapi.cn port=5432 dbname=orders sslmode=require' -v ON_ERROR_STOP=1 -c 'GRANT USAGE, CREATE ON SCHEMA public TO "id-orders";'
POSTGRES_SERVER_GRANTED=$(read_or_placeholder POSTGRES_SERVER_GRANTED psql 'host=pg-orders.postgres.database.chinacloudapi.cn port=5432 dbname=orders sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c 'SELECT has_schema_privilege('\''id-orders'\'', '\''public'\'', '\''USAGE'\'') AND has_schema_privilege('\''id-orders'\'', '\''public'\'', '\''CREATE'\'');')
if [ "${DRY_RUN:-}" != 1 ] && [ "$POSTGRES_SERVER_GRANTED" != t ]; then
  echo 'The GRANT in the database orders did not take: id-orders still lacks USAGE, CREATE ON SCHEMA public. A GRANT on an object you do not own only warns and grants nothing, and since PostgreSQL 15 the schema public belongs to the database owner (pg_database_owner). Fix: have the owner of the database (of a table, for a table'\''s grant; often the server'\''s password administrator, who created them) run in it: GRANT USAGE, CREATE ON SCHEMA public TO "id-orders"; then run this script again: it finds the privileges and goes on. More: troubleshoot.html#postgres-grant-not-taken, beside the wizard'\''s page.' >&2
  exit 1
fi

# Write the component files, the ServiceAccount and the Deployment patch into ./components.
mkdir -p components
cat > components/azurekeyvault.yaml <<'YAML'
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
  - name: azureEnvironment
    value: AzureChinaCloud
scopes:
- orders-api
YAML
cat > components/statestore.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: statestore
  namespace: orders
spec:
  type: state.azure.blobstorage
  version: v2
  metadata:
  - name: accountName
    value: storders
  - name: containerName
    value: state
  - name: azureEnvironment
    value: AzureChinaCloud
scopes:
- orders-api
YAML
cat > components/tablestate.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: tablestate
  namespace: orders
spec:
  type: state.azure.tablestorage
  version: v1
  metadata:
  - name: accountName
    value: storders
  - name: tableName
    value: orders
  - name: azureEnvironment
    value: AzureChinaCloud
  - name: serviceURL
    value: https://storders.table.core.chinacloudapi.cn/
scopes:
- orders-api
YAML
cat > components/pubsub.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: pubsub
  namespace: orders
spec:
  type: pubsub.azure.servicebus.topics
  version: v1
  metadata:
  - name: namespaceName
    value: sb-orders.servicebus.chinacloudapi.cn
  - name: disableEntityManagement
    value: "true"
  - name: azureEnvironment
    value: AzureChinaCloud
scopes:
- orders-api
YAML
cat > components/pg-state.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: pg-state
  namespace: orders
spec:
  type: state.postgresql
  version: v2
  metadata:
  - name: useAzureAD
    value: "true"
  - name: connectionString
    value: host=pg-orders.postgres.database.chinacloudapi.cn user=id-orders port=5432 database=orders sslmode=require
  - name: azureEnvironment
    value: AzureChinaCloud
scopes:
- orders-api
YAML
{
cat <<'YAML'
apiVersion: v1
kind: ServiceAccount
metadata:
  name: orders-api
  namespace: orders
  annotations:
YAML
printf '    azure.workload.identity/client-id: %s\n' "$CLIENT_ID"
} > components/serviceaccount.yaml
{
cat <<'YAML'
spec:
  template:
    metadata:
      labels:
        azure.workload.identity/use: "true"
      annotations:
        dapr.io/enabled: "true"
        dapr.io/app-id: orders-api
        dapr-mi-wizard/config-hash: b4af584da1439119da8a85291a2207650bf5e52a39efe90a9d528278ce2e3ff7
YAML
printf '        dapr-mi-wizard/client-id: %s\n' "$CLIENT_ID"
cat <<'YAML'
    spec:
      serviceAccountName: orders-api
YAML
} > components/deployment-patch.yaml

# Create the namespace if it does not exist yet.
NAMESPACE_FOUND=$(kubectl get namespace "$NAMESPACE" -o name --ignore-not-found)
if [ "$NAMESPACE_FOUND" = '' ]; then
  run kubectl create namespace "$NAMESPACE"
fi

# Apply the ServiceAccount and the components in the namespace.
SERVICE_ACCOUNT_EXISTED=$(kubectl get serviceaccount "$SERVICE_ACCOUNT" \
    --namespace "$NAMESPACE" -o name \
    --ignore-not-found)
run kubectl apply -f components/serviceaccount.yaml
if [ "$SERVICE_ACCOUNT_EXISTED" = '' ]; then
  run kubectl annotate serviceaccount "$SERVICE_ACCOUNT" \
      --namespace "$NAMESPACE" dapr-mi-wizard/created=true \
      --overwrite
fi
COMPONENT_EXISTED=$(kubectl get components.dapr.io azurekeyvault \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o name)
run kubectl apply -f components/azurekeyvault.yaml
if [ "$COMPONENT_EXISTED" = '' ]; then
  run kubectl annotate components.dapr.io azurekeyvault \
      --namespace "$NAMESPACE" dapr-mi-wizard/created=true \
      --overwrite
fi
COMPONENT_EXISTED=$(kubectl get components.dapr.io statestore \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o name)
run kubectl apply -f components/statestore.yaml
if [ "$COMPONENT_EXISTED" = '' ]; then
  run kubectl annotate components.dapr.io statestore \
      --namespace "$NAMESPACE" dapr-mi-wizard/created=true \
      --overwrite
fi
COMPONENT_EXISTED=$(kubectl get components.dapr.io tablestate \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o name)
run kubectl apply -f components/tablestate.yaml
if [ "$COMPONENT_EXISTED" = '' ]; then
  run kubectl annotate components.dapr.io tablestate \
      --namespace "$NAMESPACE" dapr-mi-wizard/created=true \
      --overwrite
fi
COMPONENT_EXISTED=$(kubectl get components.dapr.io pubsub \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o name)
run kubectl apply -f components/pubsub.yaml
if [ "$COMPONENT_EXISTED" = '' ]; then
  run kubectl annotate components.dapr.io pubsub \
      --namespace "$NAMESPACE" dapr-mi-wizard/created=true \
      --overwrite
fi
COMPONENT_EXISTED=$(kubectl get components.dapr.io pg-state \
    --namespace "$NAMESPACE" \
    --ignore-not-found -o name)
run kubectl apply -f components/pg-state.yaml
if [ "$COMPONENT_EXISTED" = '' ]; then
  run kubectl annotate components.dapr.io pg-state \
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
  az role assignment list \
      --scope "$STORAGE_ACCOUNT_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
  az role assignment list \
      --scope "$SERVICEBUS_NAMESPACE_ID" \
      --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv
  kubectl get components.dapr.io azurekeyvault --namespace "$NAMESPACE"
  kubectl get components.dapr.io statestore --namespace "$NAMESPACE"
  kubectl get components.dapr.io tablestate --namespace "$NAMESPACE"
  kubectl get components.dapr.io pubsub --namespace "$NAMESPACE"
  kubectl get components.dapr.io pg-state --namespace "$NAMESPACE"
  DAPR_POD=$(kubectl get pods \
      --namespace "$NAMESPACE" \
      --selector dapr.io/app-id=orders-api \
      --sort-by .metadata.creationTimestamp -o 'jsonpath={.items[-1:].metadata.name}')
  if [ "$DAPR_POD" = '' ]; then
    echo 'No pod of the app runs with the Dapr sidecar (no pod labelled dapr.io/app-id=orders-api in the namespace). Likely cause: The Dapr sidecar injector added no daprd container: the pod template lacks the annotation dapr.io/enabled "true" or dapr.io/app-id, or the injector (dapr-sidecar-injector in dapr-system) is not running. The injector labels each pod it injects with dapr.io/app-id. Fix: Check the annotations on the Deployment'\''s pod template and that dapr-sidecar-injector runs, then restart the Deployment. More: troubleshoot.html#aks-daprd-not-injected, beside the wizard'\''s page.' >&2
    exit 1
  fi
  DAPRD_CLIENT_ID=$(kubectl get pod "$DAPR_POD" \
      --namespace "$NAMESPACE" -o 'jsonpath={.spec.containers[?(@.name=="daprd")].env[?(@.name=="AZURE_CLIENT_ID")].value}{.spec.initContainers[?(@.name=="daprd")].env[?(@.name=="AZURE_CLIENT_ID")].value}')
  if [ "$DAPRD_CLIENT_ID" != "$CLIENT_ID" ]; then
    echo 'The daprd container of the newest pod does not carry the Workload ID variables the webhook injects (AZURE_CLIENT_ID with the identity'\''s client id), so Dapr cannot sign in as the identity. Likely cause: The webhook did not inject AZURE_CLIENT_ID and the token file: the pod template lacks the label azure.workload.identity/use: "true", the client-id annotation is misspelt or not on the ServiceAccount, or Workload ID is off on the cluster. Fix: Run the wizard'\''s script again (it applies the ServiceAccount and patches the Deployment with the label), or apply both files by hand, then restart the pods. More: troubleshoot.html#workload-id-not-configured, beside the wizard'\''s page.' >&2
    exit 1
  fi
  DAPRD_TOKEN_FILE=$(kubectl get pod "$DAPR_POD" \
      --namespace "$NAMESPACE" -o 'jsonpath={.spec.containers[?(@.name=="daprd")].env[?(@.name=="AZURE_FEDERATED_TOKEN_FILE")].value}{.spec.initContainers[?(@.name=="daprd")].env[?(@.name=="AZURE_FEDERATED_TOKEN_FILE")].value}')
  if [ "$DAPRD_TOKEN_FILE" = '' ]; then
    echo 'The daprd container of the newest pod does not carry the Workload ID variables the webhook injects (AZURE_FEDERATED_TOKEN_FILE, the projected token), so Dapr cannot sign in as the identity. Likely cause: The webhook did not inject AZURE_CLIENT_ID and the token file: the pod template lacks the label azure.workload.identity/use: "true", the client-id annotation is misspelt or not on the ServiceAccount, or Workload ID is off on the cluster. Fix: Run the wizard'\''s script again (it applies the ServiceAccount and patches the Deployment with the label), or apply both files by hand, then restart the pods. More: troubleshoot.html#workload-id-not-configured, beside the wizard'\''s page.' >&2
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
  for attempt in {1..30}; do
    if kubectl logs "$DAPR_POD" \
        --namespace "$NAMESPACE" \
        --container daprd | grep -F -- 'Component loaded: statestore ('; then
      break
    fi
    if [ "$attempt" = 30 ]; then
      echo 'daprd in the newest pod did not log "Component loaded: statestore" within 10 minutes. Its line about statestore: kubectl logs deployment/orders-api --namespace orders --container daprd | grep -F '\''statestore ('\'' (a 403 there can mean a grant is not in effect yet: run this script again in a few minutes). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
      exit 1
    fi
    echo 'daprd has not logged "Component loaded: statestore" yet; trying again in 20 s.' >&2
    sleep 20
  done
  printf '%s\n' 'statestore: loaded, and its start signed in to Azure as the identity (it makes an Azure call when it loads).'
  for attempt in {1..30}; do
    if kubectl logs "$DAPR_POD" \
        --namespace "$NAMESPACE" \
        --container daprd | grep -F -- 'Component loaded: tablestate ('; then
      break
    fi
    if [ "$attempt" = 30 ]; then
      echo 'daprd in the newest pod did not log "Component loaded: tablestate" within 10 minutes. Its line about tablestate: kubectl logs deployment/orders-api --namespace orders --container daprd | grep -F '\''tablestate ('\'' (a 403 there can mean a grant is not in effect yet: run this script again in a few minutes). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
      exit 1
    fi
    echo 'daprd has not logged "Component loaded: tablestate" yet; trying again in 20 s.' >&2
    sleep 20
  done
  printf '%s\n' 'tablestate: loaded, and its start signed in to Azure as the identity (it makes an Azure call when it loads).'
  for attempt in {1..30}; do
    if kubectl logs "$DAPR_POD" \
        --namespace "$NAMESPACE" \
        --container daprd | grep -F -- 'Component loaded: pubsub ('; then
      break
    fi
    if [ "$attempt" = 30 ]; then
      echo 'daprd in the newest pod did not log "Component loaded: pubsub" within 10 minutes. Its line about pubsub: kubectl logs deployment/orders-api --namespace orders --container daprd | grep -F '\''pubsub ('\'' (a 403 there can mean a grant is not in effect yet: run this script again in a few minutes). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
      exit 1
    fi
    echo 'daprd has not logged "Component loaded: pubsub" yet; trying again in 20 s.' >&2
    sleep 20
  done
  printf '%s\n' 'pubsub: loaded; sign-in not proved until first use (that line proves it only for a component that calls Azure as it loads). After the app'\''s first call that uses it, read daprd'\''s log (kubectl logs deployment/orders-api --namespace orders --container daprd): a 403, AuthorizationFailed or ManagedIdentityCredential error there means the grant is not in effect yet or the identity is not the one granted.'
  for attempt in {1..30}; do
    if kubectl logs "$DAPR_POD" \
        --namespace "$NAMESPACE" \
        --container daprd | grep -F -- 'Component loaded: pg-state ('; then
      break
    fi
    if [ "$attempt" = 30 ]; then
      echo 'daprd in the newest pod did not log "Component loaded: pg-state" within 10 minutes. Its line about pg-state: kubectl logs deployment/orders-api --namespace orders --container daprd | grep -F '\''pg-state ('\'' (a 403 there can mean a grant is not in effect yet: run this script again in a few minutes). Likely cause: A component failed to start; the rest of the line is its own error. The sidecar may still report Ready, because it reports healthy before components load; with the error daprd exits and restarts. Fix: Read the error after the component name (paste the whole line into the troubleshooting page'\''s search box), or list the loaded components. More: troubleshoot.html#dapr-component-init-failed, beside the wizard'\''s page.' >&2
      exit 1
    fi
    echo 'daprd has not logged "Component loaded: pg-state" yet; trying again in 20 s.' >&2
    sleep 20
  done
  printf '%s\n' 'pg-state: loaded, and its start signed in to Azure as the identity (it makes an Azure call when it loads).'
fi

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
