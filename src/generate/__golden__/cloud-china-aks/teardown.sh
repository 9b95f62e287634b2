#!/usr/bin/env bash
# Dapr Managed Identity Wizard: teardown of 5 Dapr components on Azure Kubernetes Service (AKS), Microsoft Entra Workload ID (recommended).
# Generated on 2026-12-01 by the Dapr Managed Identity Wizard 0.1.0; this link reopens it with these values:
#   https://wizard.example/#cloud=china&resourceGroup=rg-orders&hostName=aks-prod&identityName=id-orders&namespace=orders&serviceAccount=orders-api&deployment=orders-api&appId=orders-api&m.vaultName=kv-orders&c2.component=state.azure.blobstorage&c2.m.accountName=storders&c2.m.containerName=state&c3.component=state.azure.tablestorage&c3.name=tablestate&c3.m.accountName=storders&c3.m.tableName=orders&c4.component=pubsub.azure.servicebus.topics&c4.m.namespaceName=sb-orders.servicebus.chinacloudapi.cn&c5.component=state.postgresql&c5.name=pg-state&c5.m.host=pg-orders.postgres.database.chinacloudapi.cn&c5.m.database=orders
# Takes back what setup-dapr-identity.sh added: the grants (database users last among them), then the host's
# own changes, the identity only if asked. Role assignments carry the setup's description and an identity its tag; where the
# setup leaves no mark (access policies, database users of its names), what
# has those names and still names this identity is taken to be the setup's. A grant that another setup for
# this identity also relies on goes too: both made the same one.
# The federated credential carries no mark either: it is deleted by its name while it trusts exactly this
# cluster's issuer and this ServiceAccount, so one of that name and trust made before the setup goes too.
# The components and the ServiceAccount carry the setup's dapr-mi-wizard/created mark; a setup run stopped between
# applying one and marking it leaves it unmarked, and the teardown then keeps it and says so.
# Safe to run again: every step looks before it removes.
# Dry run: DRY_RUN=1 bash teardown-dapr-identity.sh prints each command that would remove something instead of running it.
# Run it with Bash after `az cloud set --name AzureChinaCloud` and then `az login` (a sign-in to another cloud does not count).
# DELETE_IDENTITY=1 also deletes the identity id-orders, if the setup created it (tag createdBy=dapr-mi-wizard).
# PG_ADMIN=<name> signs psql in as that Microsoft Entra admin of the PostgreSQL server (empty: your az
# user name): for an admin group you belong to, the group's name; for a service principal, its display name. The
# admins: az postgres flexible-server microsoft-entra-admin list -g <group> -s <server> (ad-admin in older CLIs, 2.45).

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

DELETE_IDENTITY="${DELETE_IDENTITY:-0}"
PG_ADMIN="${PG_ADMIN:-}"

DATABASE_ROLE_KEPT=0

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

# Look up the resources the setup granted on (each grant is on one of them); one that is gone is skipped.
VAULT_ID=$(az keyvault show --name "$VAULT_NAME" --query id -o tsv || true)
if [ "$VAULT_ID" = '' ]; then
  printf '%s\n' 'The Key Vault kv-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi
STORAGE_ACCOUNT_ID=$(az storage account show \
    --name "$STORAGE_ACCOUNT_NAME" \
    --query id -o tsv || true)
if [ "$STORAGE_ACCOUNT_ID" = '' ]; then
  printf '%s\n' 'The Storage account storders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi
SERVICEBUS_NAMESPACE_ID=$(az servicebus namespace show \
    --name "$SERVICEBUS_NAMESPACE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
if [ "$SERVICEBUS_NAMESPACE_ID" = '' ]; then
  printf '%s\n' 'The Service Bus namespace sb-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi
POSTGRES_SERVER_ID=$(az postgres flexible-server show \
    --name "$POSTGRES_SERVER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
if [ "$POSTGRES_SERVER_ID" = '' ]; then
  printf '%s\n' 'The PostgreSQL server pg-orders is not there (deleted, or not readable with your sign-in): its grants are skipped.'
fi

# Read the user-assigned identity (all empty once it is gone): its principal id finds the grants, its tag says whether the setup created it.
IDENTITY_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].id | [0]" -o tsv)
PRINCIPAL_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].principalId | [0]" -o tsv)
CLIENT_ID=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].clientId | [0]" -o tsv)
IDENTITY_CREATED_BY=$(az identity list \
    --resource-group "$RESOURCE_GROUP" \
    --query "[?name=='${IDENTITY_NAME}'].tags.createdBy | [0]" -o tsv)

# Look up the cluster and its OIDC issuer, which the federated credential the setup made trusts (both empty once the cluster is gone).
CLUSTER_ID=$(az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv || true)
OIDC_ISSUER=$(az aks show \
    --name "$CLUSTER_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query oidcIssuerProfile.issuerUrl -o tsv || true)

# Remove Azure Service Bus Data Sender on the Service Bus namespace sb-orders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$SERVICEBUS_NAMESPACE_ID" != '' ]; then
    SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT=$(az role assignment list \
        --scope "$SERVICEBUS_NAMESPACE_ID" \
        --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
    if [ "$SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT" != '' ]; then
      run az role assignment delete --ids "$SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT"
    fi
  fi
fi

# Remove Storage Table Data Contributor on the Storage account storders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$STORAGE_ACCOUNT_ID" != '' ]; then
    STORAGE_ACCOUNT_ROLE_ASSIGNMENT=$(az role assignment list \
        --scope "$STORAGE_ACCOUNT_ID" \
        --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
    if [ "$STORAGE_ACCOUNT_ROLE_ASSIGNMENT" != '' ]; then
      run az role assignment delete --ids "$STORAGE_ACCOUNT_ROLE_ASSIGNMENT"
    fi
  fi
fi

# Remove Storage Blob Data Contributor on the Storage account storders, if the setup assigned it (its description says so; an assignment without it is kept).
if [ "$PRINCIPAL_ID" != '' ]; then
  if [ "$STORAGE_ACCOUNT_ID" != '' ]; then
    STORAGE_ACCOUNT_ROLE_ASSIGNMENT=$(az role assignment list \
        --scope "$STORAGE_ACCOUNT_ID" \
        --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/ba92f5b4-2d11-453d-a403-e96b0029c9fe') && description=='Created by the Dapr Managed Identity Wizard'].id | [0]" -o tsv)
    if [ "$STORAGE_ACCOUNT_ROLE_ASSIGNMENT" != '' ]; then
      run az role assignment delete --ids "$STORAGE_ACCOUNT_ROLE_ASSIGNMENT"
    fi
  fi
fi

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

# Take back the PostgreSQL grants of id-orders on pg-orders (pg-state) and drop the role, if it still signs in as this identity.
if [ "$PRINCIPAL_ID" != '' ]; then
  # Needs psql, and you signed in to az as a Microsoft Entra admin of the server (or a member of an admin
  # group): your token is the password. psql signs in as PG_ADMIN, else as your az user name.
  if [ "$PG_ADMIN" = '' ]; then
    PG_ADMIN=$(az account show --query user.name -o tsv)
  fi
  export "PGUSER=${PG_ADMIN}"
  PGPASSWORD=$(az account get-access-token --resource-type oss-rdbms --query accessToken -o tsv)
  export PGPASSWORD
  if [ "$POSTGRES_SERVER_ID" != '' ]; then
    POSTGRES_SERVER_ROLE_MAPPED=$(psql 'host=pg-orders.postgres.database.chinacloudapi.cn port=5432 dbname=postgres sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c "SELECT count(*) FROM pg_catalog.pgaadauth_list_principals(false) AS p(role_name, principal_type, object_id) WHERE p.role_name = 'id-orders' AND lower(p.object_id::text) = lower('${PRINCIPAL_ID}');")
    if [ "$POSTGRES_SERVER_ROLE_MAPPED" = 1 ]; then
      POSTGRES_SERVER_DATABASE_FOUND=$(psql 'host=pg-orders.postgres.database.chinacloudapi.cn port=5432 dbname=postgres sslmode=require' -X -tA -v ON_ERROR_STOP=1 -c 'SELECT count(*) FROM pg_database WHERE datname = '\''orders'\'';')
      if [ "$POSTGRES_SERVER_DATABASE_FOUND" = 0 ]; then
        printf '%s\n' 'The database orders on pg-orders is not there (dropped since the setup?): its grants to id-orders went with it, none is taken back there.'
      fi
      if [ "$POSTGRES_SERVER_DATABASE_FOUND" != 0 ]; then
        run psql 'host=pg-orders.postgres.database.chinacloudapi.cn port=5432 dbname=orders sslmode=require' -v ON_ERROR_STOP=1 -c 'REVOKE USAGE, CREATE ON SCHEMA public FROM "id-orders";'
      fi
      if ! run psql 'host=pg-orders.postgres.database.chinacloudapi.cn port=5432 dbname=postgres sslmode=require' -v ON_ERROR_STOP=1 -c 'DROP ROLE "id-orders";'; then
        echo 'The PostgreSQL role id-orders on pg-orders could not be dropped: most likely it still owns tables Dapr created (its state table) or holds rights given outside this script. Those tables hold the app'\''s data, so the teardown does not drop them; it goes on with the rest and keeps the identity the role signs in as. Fix, signed in as the server'\''s Entra admin that ran the setup (it most likely made the role; the admin is no superuser, and on PostgreSQL 16 and later only a role with ADMIN OPTION on it, as its maker has, may grant it): (1) GRANT "id-orders" TO CURRENT_USER; (2) in each database the error above names (objects it lists with no database are in postgres, where the script ran DROP ROLE), either keep the data: REASSIGN OWNED BY "id-orders" TO CURRENT_USER; DROP OWNED BY "id-orders"; or delete it: DROP OWNED BY "id-orders"; (3) run this script again. More: troubleshoot.html#postgres-role-not-dropped, beside the wizard'\''s page.' >&2
        DATABASE_ROLE_KEPT=1
      fi
    fi
  fi
fi

# Remove the federated credential the setup made, if it still trusts exactly this cluster's issuer and this ServiceAccount.
if [ "$IDENTITY_ID" != '' ]; then
  if [ "$OIDC_ISSUER" != '' ]; then
    FEDERATED_CREDENTIAL_FOUND=$(az identity federated-credential list \
        --identity-name "$IDENTITY_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --query "[?name=='${FEDERATED_CREDENTIAL_NAME}' && issuer=='${OIDC_ISSUER}' && subject=='system:serviceaccount:${NAMESPACE}:${SERVICE_ACCOUNT}'] | length(@)" -o tsv)
    if [ "$FEDERATED_CREDENTIAL_FOUND" = 1 ]; then
      run az identity federated-credential delete \
          --name "$FEDERATED_CREDENTIAL_NAME" \
          --identity-name "$IDENTITY_NAME" \
          --resource-group "$RESOURCE_GROUP" \
          --yes
    fi
  fi
  if [ "$OIDC_ISSUER" = '' ]; then
    printf '%s\n' "The cluster ${CLUSTER_NAME} has no OIDC issuer (or is gone), so the federated credential ${FEDERATED_CREDENTIAL_NAME} cannot be told from another cluster's: it is kept. If no cluster signs in through it, delete it: az identity federated-credential delete --name ${FEDERATED_CREDENTIAL_NAME} --identity-name ${IDENTITY_NAME} --resource-group ${RESOURCE_GROUP} --yes"
  fi
fi

# Once the cluster is gone, its components, ServiceAccount and Deployment went with it.
# Kept: the namespace, the OIDC issuer and Workload ID on the cluster (other workloads may use them).
if [ "$CLUSTER_ID" = '' ]; then
  printf '%s\n' "The cluster ${CLUSTER_NAME} is not in the resource group ${RESOURCE_GROUP}, or not readable with your sign-in: the steps in the cluster are skipped (a deleted cluster took its components, ServiceAccount and Deployment with it). The grants to the identity in Azure are removed above."
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
      echo 'The cluster signs kubectl in through Microsoft Entra ID with kubelogin, and "kubelogin convert-kubeconfig -l azurecli --context <cluster>" failed: if kubelogin is not installed, install it ("az aks install-cli" installs kubectl and kubelogin; or see https://github.com/Azure/kubelogin), then run the script again. Without the conversion each kubectl call would wait for a device-code sign-in. The grants and the federated credential above are removed; nothing in the cluster was changed. More: troubleshoot.html#aks-kubelogin-failed, beside the wizard'\''s page.' >&2
      exit 1
    fi
  fi
fi

# Delete the components the setup applied, if the setup created them and they are still as it wrote (type, scopes orders-api), before the Deployment's pods restart below.
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
    COMPONENT_FOUND=$(kubectl get components.dapr.io statestore \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = state.azure.blobstorage/orders-api/true ]; then
      run kubectl delete components.dapr.io statestore --namespace "$NAMESPACE" --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != state.azure.blobstorage/orders-api/true ]; then
        printf '%s\n' "Kept: the component statestore in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io statestore --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io tablestate \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = state.azure.tablestorage/orders-api/true ]; then
      run kubectl delete components.dapr.io tablestate --namespace "$NAMESPACE" --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != state.azure.tablestorage/orders-api/true ]; then
        printf '%s\n' "Kept: the component tablestate in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io tablestate --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io pubsub \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = pubsub.azure.servicebus.topics/orders-api/true ]; then
      run kubectl delete components.dapr.io pubsub --namespace "$NAMESPACE" --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != pubsub.azure.servicebus.topics/orders-api/true ]; then
        printf '%s\n' "Kept: the component pubsub in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io pubsub --namespace ${NAMESPACE}"
      fi
    fi
    COMPONENT_FOUND=$(kubectl get components.dapr.io pg-state \
        --namespace "$NAMESPACE" \
        --ignore-not-found -o 'jsonpath={.spec.type}/{.scopes[*]}/{.metadata.annotations.dapr-mi-wizard/created}')
    if [ "$COMPONENT_FOUND" = state.postgresql/orders-api/true ]; then
      run kubectl delete components.dapr.io pg-state --namespace "$NAMESPACE" --ignore-not-found
    fi
    if [ "$COMPONENT_FOUND" != '' ]; then
      if [ "$COMPONENT_FOUND" != state.postgresql/orders-api/true ]; then
        printf '%s\n' "Kept: the component pg-state in the namespace ${NAMESPACE} carries no dapr-mi-wizard/created mark of the setup (it existed before the setup, or was applied by a setup from before it marked what it creates, or by a run stopped before its mark), or was changed since (another type, or scopes other than orders-api alone). If nothing loads it: kubectl delete components.dapr.io pg-state --namespace ${NAMESPACE}"
      fi
    fi
  fi
fi

# Take back the setup's patch of the Deployment orders-api: its config-hash and client-id annotations, and while its pods use the ServiceAccount orders-api and the setup created it, that ServiceAccount and the Workload ID label (its pods restart).
if [ "$CLUSTER_ID" != '' ]; then
  DEPLOYMENT_CONFIG_HASH=$(kubectl get deployment "$DEPLOYMENT_NAME" \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.template.metadata.annotations.dapr-mi-wizard/config-hash}')
  DEPLOYMENT_SERVICE_ACCOUNT=$(kubectl get deployment "$DEPLOYMENT_NAME" \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.spec.template.spec.serviceAccountName}')
  SERVICE_ACCOUNT_CREATED=$(kubectl get serviceaccount "$SERVICE_ACCOUNT" \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.dapr-mi-wizard/created}')
  if [ "$DEPLOYMENT_CONFIG_HASH" != '' ]; then
    if [ "$SERVICE_ACCOUNT_CREATED" = true ]; then
      if [ "$DEPLOYMENT_SERVICE_ACCOUNT" = "$SERVICE_ACCOUNT" ]; then
        run kubectl patch deployment "$DEPLOYMENT_NAME" \
            --namespace "$NAMESPACE" \
            --type strategic -p '{"spec":{"template":{"metadata":{"annotations":{"dapr-mi-wizard/config-hash":null,"dapr-mi-wizard/client-id":null},"labels":{"azure.workload.identity/use":null}},"spec":{"serviceAccountName":null,"serviceAccount":null}}}}'
      fi
      if [ "$DEPLOYMENT_SERVICE_ACCOUNT" != "$SERVICE_ACCOUNT" ]; then
        run kubectl patch deployment "$DEPLOYMENT_NAME" \
            --namespace "$NAMESPACE" \
            --type strategic -p '{"spec":{"template":{"metadata":{"annotations":{"dapr-mi-wizard/config-hash":null,"dapr-mi-wizard/client-id":null}}}}}'
      fi
    fi
    if [ "$SERVICE_ACCOUNT_CREATED" != true ]; then
      run kubectl patch deployment "$DEPLOYMENT_NAME" \
          --namespace "$NAMESPACE" \
          --type strategic -p '{"spec":{"template":{"metadata":{"annotations":{"dapr-mi-wizard/config-hash":null,"dapr-mi-wizard/client-id":null}}}}}'
      if [ "$DEPLOYMENT_SERVICE_ACCOUNT" = "$SERVICE_ACCOUNT" ]; then
        SERVICE_ACCOUNT_FOUND=$(kubectl get serviceaccount "$SERVICE_ACCOUNT" \
            --namespace "$NAMESPACE" \
            --ignore-not-found -o name)
        if [ "$SERVICE_ACCOUNT_FOUND" != '' ]; then
          printf '%s\n' 'Kept: the Deployment orders-api still runs as the ServiceAccount '"$SERVICE_ACCOUNT"', with the Workload ID label azure.workload.identity/use: that ServiceAccount has no dapr-mi-wizard/created mark of the setup (it existed before the setup, or a setup from before it marked what it creates made it, or a run stopped before its mark), so the teardown cannot tell whether the Deployment ran as it before. ''If it ran as the namespace'\''s default ServiceAccount: kubectl patch deployment '"$DEPLOYMENT_NAME"' --namespace '"$NAMESPACE"' --type strategic -p '\''{"spec":{"template":{"metadata":{"labels":{"azure.workload.identity/use":null}},"spec":{"serviceAccountName":null,"serviceAccount":null}}}}'\'''
        fi
        if [ "$SERVICE_ACCOUNT_FOUND" = '' ]; then
          printf '%s\n' 'Kept: the Deployment orders-api still names the ServiceAccount '"$SERVICE_ACCOUNT"', with the Workload ID label azure.workload.identity/use, but that ServiceAccount is gone (deleted since the setup): new pods of the Deployment are refused until it is back or the Deployment runs as another. ''If it ran as the namespace'\''s default ServiceAccount: kubectl patch deployment '"$DEPLOYMENT_NAME"' --namespace '"$NAMESPACE"' --type strategic -p '\''{"spec":{"template":{"metadata":{"labels":{"azure.workload.identity/use":null}},"spec":{"serviceAccountName":null,"serviceAccount":null}}}}'\'''
        fi
      fi
    fi
  fi
  # Kept: the Dapr annotations (dapr.io/enabled, app-id, app-port): Dapr may have been on before the setup, and callers use the app id.
fi

# Delete the ServiceAccount if the setup created it, it still names this identity and no workload runs as it.
if [ "$CLUSTER_ID" != '' ]; then
  SERVICE_ACCOUNT_CLIENT_ID=$(kubectl get serviceaccount "$SERVICE_ACCOUNT" \
      --namespace "$NAMESPACE" \
      --ignore-not-found -o 'jsonpath={.metadata.annotations.azure\.workload\.identity/client-id}')
  SERVICE_ACCOUNT_USED_BY=$(kubectl get deployments,statefulsets,daemonsets,jobs \
      --namespace "$NAMESPACE" -o 'jsonpath={.items[?(@.spec.template.spec.serviceAccountName=="'"$SERVICE_ACCOUNT"'")].metadata.name}')
  SERVICE_ACCOUNT_USED_BY_CRONJOBS=$(kubectl get cronjobs \
      --namespace "$NAMESPACE" -o 'jsonpath={.items[?(@.spec.jobTemplate.spec.template.spec.serviceAccountName=="'"$SERVICE_ACCOUNT"'")].metadata.name}')
  if [ "$SERVICE_ACCOUNT_CLIENT_ID" != '' ]; then
    if [ "$SERVICE_ACCOUNT_CLIENT_ID" = "$CLIENT_ID" ]; then
      if [ "$SERVICE_ACCOUNT_CREATED" = true ]; then
        if [ "$SERVICE_ACCOUNT_USED_BY" = '' ]; then
          if [ "$SERVICE_ACCOUNT_USED_BY_CRONJOBS" = '' ]; then
            run kubectl delete serviceaccount "$SERVICE_ACCOUNT" \
                --namespace "$NAMESPACE" \
                --ignore-not-found
          fi
        fi
      fi
      if [ "$SERVICE_ACCOUNT_CREATED" != true ]; then
        printf '%s\n' "Kept: the ServiceAccount ${SERVICE_ACCOUNT} has no dapr-mi-wizard/created mark of the setup (it existed before the setup, or a setup from before it marked what it creates made it, or a run stopped before its mark), and keeps the setup's annotation azure.workload.identity/client-id. If nothing else signs in through it: kubectl annotate serviceaccount ${SERVICE_ACCOUNT} --namespace ${NAMESPACE} azure.workload.identity/client-id- (or, if a setup made it and nothing runs as it: kubectl delete serviceaccount ${SERVICE_ACCOUNT} --namespace ${NAMESPACE})"
      fi
    fi
  fi
fi

# Remove the files the setup wrote here (generated from the wizard: nothing else is in them).
run rm -f \
    -- components/azurekeyvault.yaml components/statestore.yaml components/tablestate.yaml components/pubsub.yaml components/pg-state.yaml components/serviceaccount.yaml components/deployment-patch.yaml

# Delete the user-assigned identity only if the setup created it (tag createdBy=dapr-mi-wizard) and you ask (DELETE_IDENTITY=1).
# An identity that existed before the setup has no such tag and is kept. Without DELETE_IDENTITY=1 it is kept too:
# a new identity of the same name would get new ids, and every grant would have to be made again.
if [ "$IDENTITY_CREATED_BY" = dapr-mi-wizard ]; then
  if [ "$DELETE_IDENTITY" = 1 ]; then
    if [ "$DATABASE_ROLE_KEPT" = 0 ]; then
      run az identity delete --name "$IDENTITY_NAME" --resource-group "$RESOURCE_GROUP" -o none
    fi
  fi
fi

# End with an error if a PostgreSQL role could not be dropped (said above): everything else is taken back.
if [ "$DATABASE_ROLE_KEPT" = 1 ]; then
  echo 'The teardown is not complete: a PostgreSQL role could not be dropped (see above), so the identity it signs in as was kept (not deleted, not turned off). Everything else was taken back. After REASSIGN OWNED and DROP OWNED (or DROP OWNED alone) in each database, run this script again. More: troubleshoot.html#postgres-role-not-dropped, beside the wizard'\''s page.' >&2
  exit 1
fi

# Done. Running it again finds nothing left to remove and changes nothing.
# Kept on purpose: the Azure resources themselves, and any grant the setup did not make (a role assignment
# without the description "Created by the Dapr Managed Identity Wizard", an access policy with more permissions).
