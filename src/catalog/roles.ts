/**
 * Azure built-in roles the wizard grants, by name and GUID. GUIDs: MicrosoftDocs/azure-docs
 * articles/role-based-access-control/built-in-roles.md (ms.date 04/09/2026), as recorded with each
 * component in ../shared/domain/dapr-components.json (every GUID matched there).
 */

export interface AzureRole {
  readonly name: string;
  readonly guid: string;
}

export const ROLES = {
  keyVaultSecretsUser: { name: 'Key Vault Secrets User', guid: '4633458b-17de-408a-b874-0445c86b69e6' },
  keyVaultCryptoUser: { name: 'Key Vault Crypto User', guid: '12338af0-0e69-4776-bea7-57ae8d297424' },
  storageBlobDataContributor: {
    name: 'Storage Blob Data Contributor',
    guid: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  },
  storageBlobDataReader: { name: 'Storage Blob Data Reader', guid: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1' },
  storageTableDataContributor: {
    name: 'Storage Table Data Contributor',
    guid: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  },
  storageQueueDataContributor: {
    name: 'Storage Queue Data Contributor',
    guid: '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  },
  serviceBusDataOwner: { name: 'Azure Service Bus Data Owner', guid: '090c5cfd-751d-490a-894a-3ce6f1109419' },
  serviceBusDataSender: {
    name: 'Azure Service Bus Data Sender',
    guid: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39',
  },
  serviceBusDataReceiver: {
    name: 'Azure Service Bus Data Receiver',
    guid: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0',
  },
  eventHubsDataOwner: { name: 'Azure Event Hubs Data Owner', guid: 'f526a384-b230-433a-b45c-95f59c4a2dec' },
  eventHubsDataSender: { name: 'Azure Event Hubs Data Sender', guid: '2b629674-e913-4c01-ae53-ef4638d8f975' },
  eventHubsDataReceiver: {
    name: 'Azure Event Hubs Data Receiver',
    guid: 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde',
  },
  appConfigurationDataReader: {
    name: 'App Configuration Data Reader',
    guid: '516239f1-63e1-4d78-a4de-a74fb236a071',
  },
  cognitiveServicesOpenAiUser: {
    name: 'Cognitive Services OpenAI User',
    guid: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd',
  },
  signalRRestApiOwner: { name: 'SignalR REST API Owner', guid: 'fd53cd77-2268-407a-8f46-7e7863d0f521' },
} as const satisfies Record<string, AzureRole>;

/** Cosmos DB data-plane role definitions (Microsoft Learn, Cosmos DB "reference-data-plane-roles"). */
export const COSMOS_DATA_ROLES = {
  dataContributor: {
    name: 'Cosmos DB Built-in Data Contributor',
    id: '00000000-0000-0000-0000-000000000002',
  },
} as const;

/**
 * Roles that include all of another role's permissions, so a grant of both on one resource is redundant
 * (built-in-roles.md: the Service Bus and Event Hubs Data Owner roles allow every data action of their
 * service, Microsoft.ServiceBus/* and Microsoft.EventHub/*; Storage Blob Data Contributor allows every
 * action and data action of Storage Blob Data Reader).
 */
export const ROLE_INCLUDES: Readonly<Record<string, readonly string[]>> = {
  [ROLES.serviceBusDataOwner.guid]: [ROLES.serviceBusDataSender.guid, ROLES.serviceBusDataReceiver.guid],
  [ROLES.eventHubsDataOwner.guid]: [ROLES.eventHubsDataSender.guid, ROLES.eventHubsDataReceiver.guid],
  [ROLES.storageBlobDataContributor.guid]: [ROLES.storageBlobDataReader.guid],
};
