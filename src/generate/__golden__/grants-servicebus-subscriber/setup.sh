#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Service Bus queues pub/sub on App Service Web App, User-assigned identity.
# Run it with Bash after `az login`.
# Change values in the wizard, not here: the files this script writes were generated from them.

RESOURCE_GROUP=rg-orders
WEBAPP_NAME=orders-web
IDENTITY_NAME=id-orders
SERVICEBUS_NAMESPACE_NAME=sb-orders

set -euo pipefail

# Look up the resources before changing anything (Service Bus namespace): each grant is scoped to one of them.
SERVICEBUS_NAMESPACE_ID=$(az servicebus namespace show \
    --name "$SERVICEBUS_NAMESPACE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv)

# Create the user-assigned identity the app signs in with (an existing one is updated, not replaced).
az identity create --name "$IDENTITY_NAME" --resource-group "$RESOURCE_GROUP" -o none

# Read its ids: the principal id receives the grant, the resource id attaches it to the host, the client id tells Azure which identity the app means.
IDENTITY_ID=$(az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv)
PRINCIPAL_ID=$(az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query principalId -o tsv)
CLIENT_ID=$(az identity show \
    --name "$IDENTITY_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query clientId -o tsv)

# Attach the identity to the web app.
az webapp identity assign \
    --name "$WEBAPP_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --identities "$IDENTITY_ID" -o none

# Grant Azure Service Bus Data Receiver (built-in role 4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0) on the Service Bus namespace sb-orders only, for pubsub.
az role assignment create \
    --assignee-object-id "$PRINCIPAL_ID" \
    --assignee-principal-type ServicePrincipal \
    --role 4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0 \
    --scope "$SERVICEBUS_NAMESPACE_ID" -o none

# Write the component file into ./components.
mkdir -p components
{
cat <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: pubsub
spec:
  type: pubsub.azure.servicebus.queues
  version: v1
  metadata:
  - name: namespaceName
    value: sb-orders.servicebus.windows.net
  - name: disableEntityManagement
    value: "true"
  - name: azureClientId
YAML
printf '    value: %s\n' "$CLIENT_ID"
cat <<'YAML'
scopes:
- orders-web
YAML
} > components/pubsub.yaml

# Put the component file where Dapr on the web app reads it.
# App Service has no built-in Dapr: run daprd as a sidecar container of the app (Linux) with
#   daprd --app-id orders-web --resources-path /components
# and components/pubsub.yaml in that folder (baked into the sidecar image or mounted from Azure Files).

# Verify: the grants.
az role assignment list \
    --scope "$SERVICEBUS_NAMESPACE_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
