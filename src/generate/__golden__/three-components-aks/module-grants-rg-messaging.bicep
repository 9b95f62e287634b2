// The grants on resources in the resource group rg-messaging, which main.bicep deploys here (module grantsRgMessaging):
// a deployment makes its resources in the group it targets, so a grant on a resource in another group than
// main.bicep's is made by a deployment in that group. Deploying it needs the same rights in rg-messaging
// as the grants themselves, and the right to deploy there.
targetScope = 'resourceGroup'

@description('The principal that receives every grant (main.bicep passes it).')
param granteePrincipalId string

@description('The resource id of the identity or host the principal is: with the resource and the role, it names each role assignment, as in main.bicep.')
param granteeResourceId string

// The Service Bus namespace sb-orders in rg-messaging.
resource servicebusNamespace 'Microsoft.ServiceBus/namespaces@2021-11-01' existing = {
  name: 'sb-orders'
}

// Azure Service Bus Data Sender (built-in role 69a216fc-b8fb-44d8-bc22-1f3c2cd27a39) on Service Bus namespace sb-orders only, for pubsub.
resource servicebusNamespaceRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(servicebusNamespace.id, granteeResourceId, '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
  scope: servicebusNamespace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
    principalId: granteePrincipalId
    principalType: 'ServicePrincipal'
    description: 'Created by the Dapr Managed Identity Wizard'
  }
}
