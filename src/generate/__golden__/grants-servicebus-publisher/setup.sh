#!/usr/bin/env bash
# Dapr Managed Identity Wizard: Azure Service Bus topics pub/sub on Virtual Machine, System-assigned identity.
# Run it with Bash after `az login`.
# Change values in the wizard, not here: the files this script writes were generated from them.

RESOURCE_GROUP=rg-orders
VM_NAME=vm-orders
SERVICEBUS_NAMESPACE_NAME=sb-orders

set -euo pipefail

# Git Bash on Windows would rewrite arguments that start with / (scopes, resource ids) into Windows paths.
export MSYS_NO_PATHCONV=1

# Look up the resources before changing anything (Service Bus namespace): each grant is scoped to one of them.
SERVICEBUS_NAMESPACE_ID=$(az servicebus namespace show \
    --name "$SERVICEBUS_NAMESPACE_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query id -o tsv)

# Turn on the VM's system-assigned identity; its principal id comes back as systemAssignedIdentity.
PRINCIPAL_ID=$(az vm identity assign \
    --name "$VM_NAME" \
    --resource-group "$RESOURCE_GROUP" \
    --query systemAssignedIdentity -o tsv)

# Grant Azure Service Bus Data Sender (built-in role 69a216fc-b8fb-44d8-bc22-1f3c2cd27a39) on the Service Bus namespace sb-orders only, for pubsub, unless the identity already has it there.
SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT=$(az role assignment list \
    --scope "$SERVICEBUS_NAMESPACE_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}' && ends_with(roleDefinitionId, '/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')].id | [0]" -o tsv)
if [ "$SERVICEBUS_NAMESPACE_ROLE_ASSIGNMENT" = '' ]; then
  az role assignment create \
      --assignee-object-id "$PRINCIPAL_ID" \
      --assignee-principal-type ServicePrincipal \
      --role 69a216fc-b8fb-44d8-bc22-1f3c2cd27a39 \
      --scope "$SERVICEBUS_NAMESPACE_ID" \
      --description 'Created by the Dapr Managed Identity Wizard' -o none
fi

# Write the component file into ./components.
mkdir -p components
cat > components/pubsub.yaml <<'YAML'
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: pubsub
spec:
  type: pubsub.azure.servicebus.topics
  version: v1
  metadata:
  - name: namespaceName
    value: sb-orders.servicebus.windows.net
  - name: disableEntityManagement
    value: "true"
scopes:
- orders-api
YAML

# Put the component file where Dapr on the VM reads it.
# Install Dapr on the VM once, if it is not there yet: the Dapr CLI, then
#   dapr init          # needs Docker: runs Dapr's services, Redis and Zipkin as containers
#   dapr init --slim   # without Docker: installs only daprd and placement
# --resources-path makes Dapr load the files in ./components only, not the defaults dapr init writes.
# Copy components/pubsub.yaml to the VM, into a components folder beside the app, and start the app with Dapr:
#   dapr run --app-id orders-api --resources-path ./components -- <your app command>
# Dapr finds the VM's identity through the instance metadata service; nothing else to set.

# Verify: the grants.
az role assignment list \
    --scope "$SERVICEBUS_NAMESPACE_ID" \
    --query "[?principalId=='${PRINCIPAL_ID}'].roleDefinitionName" -o tsv

# Done. New grants take a few minutes (role assignments up to about 10) to take effect;
# until then Dapr may get 403 Forbidden: if the app started before that, restart the app.
