/**
 * Azure-facing Dapr components that a managed identity cannot run: listed so the wizard can say why, not offered.
 * Source: ../shared/domain/dapr-components.md sections 4 and 5 (and dapr-components.json, entraIdSupported).
 */
import type { UnsupportedComponent } from '../component-spec';

export const UNSUPPORTED_COMPONENTS: readonly UnsupportedComponent[] = [
  {
    // Master key only (components-contrib bindings/azure/cosmosdb/gremlinapi/metadata.yaml).
    type: 'bindings.azure.cosmosdb.gremlinapi',
    title: 'Azure Cosmos DB (Gremlin API) binding',
    reason: 'Authenticates with the account master key only; it has no Microsoft Entra ID sign-in.',
  },
  {
    // Azure OpenAI through apiType "azure" takes an API key only; Entra ID is a TODO in
    // components-contrib conversation/openai/openai.go.
    type: 'conversation.openai',
    title: 'OpenAI conversation (apiType azure)',
    reason:
      'Reaches Azure OpenAI with an API key only; use the Azure OpenAI binding for managed identity instead.',
  },
  {
    // API key only, also against Azure AI Foundry (components-contrib conversation/anthropic/metadata.yaml).
    type: 'conversation.anthropic',
    title: 'Anthropic conversation on Azure AI Foundry',
    reason:
      'Reaches the Azure AI Foundry endpoint with an API key only; it has no Microsoft Entra ID sign-in.',
  },
  {
    // Input: azureTenantId + azureClientId of an Entra app registration that is the webhook audience and carries
    // the app role AzureEventGridSecureWebhookSubscriber, plus EventGrid EventSubscription Contributor on `scope`;
    // output: accessKey only (dapr-components.md section 4, Event Grid binding; components-contrib
    // bindings/azure/eventgrid/eventgrid.go).
    type: 'bindings.azure.eventgrid',
    title: 'Azure Event Grid binding',
    reason:
      'The input binding authenticates webhook deliveries with a Microsoft Entra app registration (tenant id, ' +
      'client id, app role AzureEventGridSecureWebhookSubscriber) and needs EventGrid EventSubscription ' +
      'Contributor on the scope; the output binding publishes with an access key only. A managed identity ' +
      'alone cannot run it.',
  },
];
