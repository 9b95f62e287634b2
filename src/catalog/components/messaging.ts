/**
 * Azure Service Bus (queues and topics pub/sub, queue binding) and Azure Event Hubs (pub/sub, binding). Both pick
 * Entra ID when the namespace is given instead of a connection string (../shared/domain/dapr-components.md
 * section 4).
 * Sources: dapr/components-contrib pubsub/azure/servicebus/{queues,topics}/metadata.yaml,
 * bindings/azure/servicebusqueues/metadata.yaml, pubsub/azure/eventhubs/metadata.yaml,
 * bindings/azure/eventhubs/metadata.yaml, common/component/azure/servicebus/metadata.go,
 * common/component/azure/eventhubs/metadata.go; dapr/docs supported-pubsub/setup-azure-servicebus-queues.md,
 * setup-azure-servicebus-topics.md, setup-azure-eventhubs.md, supported-bindings/servicebusqueues.md,
 * eventhubs.md.
 */
import type { ComponentChoice, ComponentField, ComponentSpec, Grant, ResourceRef } from '../component-spec';
import { ROLES } from '../roles';

// --- Service Bus ---

/**
 * `az servicebus namespace show` takes --name with --resource-group (or --ids); azure-cli 2.45 help.
 * namespaceName is the FQDN, so the name is its first label.
 */
const SERVICE_BUS: ResourceRef = {
  id: 'namespace',
  title: 'Service Bus namespace',
  field: 'namespaceName',
  nameFrom: 'first-label',
  showCommand: ['servicebus', 'namespace', 'show'],
  needsResourceGroup: true,
  variable: 'SERVICEBUS_NAMESPACE',
};

/**
 * The binding's one queue, for a grant on that queue only: Azure RBAC roles can be scoped to a Service Bus
 * queue, topic or subscription as well as the namespace (MicrosoftDocs azure-docs
 * articles/service-bus-messaging/authenticate-application.md, "Resource scope"). `az servicebus queue show` takes --namespace-name, --name and
 * --resource-group (azure-cli 2.45 help); it also stops the script early when the queue does not exist.
 */
const SERVICE_BUS_QUEUE: ResourceRef = {
  id: 'queue',
  title: 'Service Bus queue',
  field: 'queueName',
  nameFrom: 'value',
  showCommand: ['servicebus', 'queue', 'show'],
  needsResourceGroup: true,
  variable: 'SERVICEBUS_QUEUE',
  parent: { resource: 'namespace', flag: '--namespace-name' },
};

const NAMESPACE_NAME: ComponentField = {
  // namespaceName must be the FQDN (metadata.yaml example; dapr-components.md section 4, Service Bus).
  key: 'namespaceName',
  label: 'Service Bus namespace host name',
  help: 'The full host name, e.g. mynamespace.servicebus.windows.net.',
  required: true,
  rule: 'serviceBusNamespaceFqdn',
  placeholder: 'mynamespace.servicebus.windows.net',
  example: 'example-sb.servicebus.windows.net',
};

const MAX_CONCURRENT_HANDLERS: ComponentField = {
  // maxConcurrentHandlers (metadata.yaml; 0 = unlimited for pub/sub, default 1 for the binding).
  key: 'maxConcurrentHandlers',
  label: 'Concurrent handlers',
  help: 'How many messages the app handles at once.',
  required: false,
  rule: 'integer',
};

const TIMEOUT_IN_SEC: ComponentField = {
  // timeoutInSec, default 60 (metadata.yaml).
  key: 'timeoutInSec',
  label: 'Timeout (seconds)',
  help: 'Timeout for network and management calls, default 60.',
  required: false,
  rule: 'integer',
};

/**
 * Entity management is on by default and uses the Service Bus administration API, which needs Manage rights:
 * Azure Service Bus Data Owner ([C], Dapr's conformance setup .github/infrastructure/conformance/azure/
 * setup-azure-conf-test.sh). With disableEntityManagement "true" the entities must exist and Data Sender plus
 * Data Receiver suffice ([I]; dapr-components.md section 4, Service Bus).
 */
function serviceBusEntities(existing: string): ComponentChoice {
  return {
    key: 'entityManagement',
    legend: 'Queues, topics and subscriptions',
    options: [
      {
        id: 'existing',
        title: 'Use existing entities',
        description: `${existing} Dapr only sends and receives.`,
        metadata: { disableEntityManagement: 'true' },
      },
      {
        id: 'dapr',
        title: 'Let Dapr create them',
        description: 'Dapr creates missing entities, which needs the Azure Service Bus Data Owner role.',
      },
    ],
  };
}

/**
 * With disableEntityManagement Dapr makes no administration client (common/component/azure/servicebus/client.go
 * NewClient; EnsureQueue/EnsureTopic/EnsureSubscription return at once without one), so publishing only opens
 * senders (GetSender) and subscribing only receivers (NewReceiverForQueue / NewReceiverForSubscription in
 * pubsub/azure/servicebus/{queues,topics}/servicebus.go): Data Sender for one, Data Receiver for the other.
 */
const SERVICE_BUS_ACCESS: ComponentChoice = {
  key: 'sbAccess',
  legend: 'What the app does',
  options: [
    {
      id: 'publish',
      title: 'Publish only',
      description:
        'Send messages (Data Sender): a subscription of this app gets 401 Unauthorized. Choose "Publish and subscribe" if it also receives.',
    },
    {
      id: 'subscribe',
      title: 'Subscribe only',
      description: 'Receive messages (Data Receiver): publishing from this app gets 401 Unauthorized.',
    },
    {
      id: 'both',
      title: 'Publish and subscribe',
      description: 'Send and receive messages (Data Sender and Data Receiver).',
    },
  ],
};

/** Pub/sub names its queues and topics per call, so its grants stay on the namespace. */
const SERVICE_BUS_PUBSUB_GRANTS: readonly Grant[] = [
  {
    kind: 'rbac',
    role: ROLES.serviceBusDataSender,
    resource: 'namespace',
    when: { entityManagement: ['existing'], sbAccess: ['publish', 'both'] },
  },
  {
    kind: 'rbac',
    role: ROLES.serviceBusDataReceiver,
    resource: 'namespace',
    when: { entityManagement: ['existing'], sbAccess: ['subscribe', 'both'] },
  },
  {
    kind: 'rbac',
    role: ROLES.serviceBusDataOwner,
    resource: 'namespace',
    when: { entityManagement: ['dapr'] },
  },
];

/**
 * The binding sends to and receives from its one queue (bindings/azure/servicebusqueues/servicebusqueues.go:
 * PublishBinding and NewReceiverForQueue with metadata.QueueName), so with existing entities both roles are
 * scoped to that queue. Creating the queue needs Manage rights on the namespace: Data Owner stays there.
 */
const SERVICE_BUS_BINDING_GRANTS: readonly Grant[] = [
  {
    kind: 'rbac',
    role: ROLES.serviceBusDataSender,
    resource: 'queue',
    when: { entityManagement: ['existing'] },
  },
  {
    kind: 'rbac',
    role: ROLES.serviceBusDataReceiver,
    resource: 'queue',
    when: { entityManagement: ['existing'] },
  },
  {
    kind: 'rbac',
    role: ROLES.serviceBusDataOwner,
    resource: 'namespace',
    when: { entityManagement: ['dapr'] },
  },
];

const SERVICE_BUS_GRANT_SOURCE =
  "No role in the Dapr docs; Dapr's conformance setup uses Data Owner, Sender and Receiver suffice when the " +
  'entities exist.';

// --- Event Hubs ---

/** `az eventhubs namespace show` takes --name with --resource-group (or --ids); azure-cli 2.45 help. */
const EVENT_HUBS: ResourceRef = {
  id: 'namespace',
  title: 'Event Hubs namespace',
  field: 'eventHubNamespace',
  nameFrom: 'first-label',
  showCommand: ['eventhubs', 'namespace', 'show'],
  needsResourceGroup: true,
  variable: 'EVENTHUBS_NAMESPACE',
};

/**
 * The binding's one event hub: access "can be scoped to ... the Event Hubs namespace, or any resource under it"
 * (MicrosoftDocs azure-docs articles/event-hubs/authenticate-application.md). `az eventhubs eventhub show` takes
 * --namespace-name, --name and --resource-group (azure-cli 2.45 help).
 */
const EVENT_HUB: ResourceRef = {
  id: 'eventhub',
  title: 'Event hub',
  field: 'eventHub',
  nameFrom: 'value',
  showCommand: ['eventhubs', 'eventhub', 'show'],
  needsResourceGroup: true,
  variable: 'EVENTHUB',
  parent: { resource: 'namespace', flag: '--namespace-name' },
};

/** The checkpoint store; `az storage account show` finds the resource group itself (see storage.ts). */
const CHECKPOINT_ACCOUNT: ResourceRef = {
  id: 'checkpoint',
  title: 'Checkpoint storage account',
  field: 'storageAccountName',
  nameFrom: 'value',
  showCommand: ['storage', 'account', 'show'],
  needsResourceGroup: false,
  variable: 'STORAGE_ACCOUNT',
};

const EVENT_HUB_NAMESPACE: ComponentField = {
  // eventHubNamespace: a name or an FQDN; a bare name gets .servicebus.windows.net appended
  // (common/component/azure/eventhubs/metadata.go). The wizard asks for the FQDN.
  key: 'eventHubNamespace',
  label: 'Event Hubs namespace host name',
  help: 'The full host name, e.g. myeventhubs.servicebus.windows.net.',
  required: true,
  rule: 'eventHubsNamespace',
  placeholder: 'myeventhubs.servicebus.windows.net',
  example: 'example-eh.servicebus.windows.net',
};

const STORAGE_ACCOUNT_NAME: ComponentField = {
  // storageAccountName: the checkpoint store (metadata.yaml, required); used when receiving.
  key: 'storageAccountName',
  label: 'Checkpoint storage account',
  help: 'Storage account that records how far each partition was read; used when receiving.',
  required: true,
  rule: 'storageAccountName',
  placeholder: 'mycheckpointstore',
  example: 'examplecheckpoints',
};

const STORAGE_CONTAINER_NAME: ComponentField = {
  // storageContainerName (metadata.yaml, required); Dapr creates it when it receives (dapr-components.json notes).
  key: 'storageContainerName',
  label: 'Checkpoint container',
  help: 'Blob container for the checkpoints; Dapr creates it if missing.',
  required: true,
  rule: 'blobContainerName',
  placeholder: 'checkpoints',
  example: 'example-checkpoints',
};

/*
 * enableEntityManagement is not offered: it creates hubs and consumer groups through ARM and then also needs the
 * subscriptionId and resourceGroupName metadata plus Azure Event Hubs Data Owner (dapr-components.md section 4,
 * Event Hubs). A choice option can only set fixed metadata, so without it the hubs and consumer groups must exist.
 */
const EVENT_HUBS_GRANT_SOURCE =
  'No role in the Dapr docs; Data Sender to publish, Data Receiver plus Storage Blob Data Contributor on the ' +
  'checkpoint account to receive (the docs say the identity needs access to that account too).';

export const MESSAGING_COMPONENTS = [
  {
    type: 'pubsub.azure.servicebus.queues',
    version: 'v1',
    // Registered from Dapr 1.10: dapr/dapr cmd/daprd/components/pubsub_azure_servicebus_queues.go at v1.10.0.
    minDapr: '1.10',
    // components-contrib pubsub/azure/servicebus/queues/metadata.yaml.
    status: 'stable',
    title: 'Azure Service Bus queues pub/sub',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-pubsub/setup-azure-servicebus-queues.md says it does.
    summary: 'Publish and subscribe through Service Bus queues, one queue per topic.',
    defaultName: 'pubsub',
    fields: [NAMESPACE_NAME, MAX_CONCURRENT_HANDLERS, TIMEOUT_IN_SEC],
    choices: [serviceBusEntities('Each topic is a queue you created.'), SERVICE_BUS_ACCESS],
    resources: [SERVICE_BUS],
    grantSource: SERVICE_BUS_GRANT_SOURCE,
    grants: SERVICE_BUS_PUBSUB_GRANTS,
  },
  {
    type: 'pubsub.azure.servicebus.topics',
    version: 'v1',
    // Registered from Dapr 1.10: dapr/dapr cmd/daprd/components/pubsub_azure_servicebus_topics.go at v1.10.0 (before it, only the name azure.servicebus).
    minDapr: '1.10',
    // components-contrib pubsub/azure/servicebus/topics/metadata.yaml.
    status: 'stable',
    title: 'Azure Service Bus topics pub/sub',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-pubsub/setup-azure-servicebus-topics.md says it does.
    summary: 'Publish and subscribe through Service Bus topics and subscriptions.',
    defaultName: 'pubsub',
    fields: [
      NAMESPACE_NAME,
      {
        // consumerID: the subscription name, defaults to the app ID (metadata.yaml).
        key: 'consumerID',
        label: 'Subscription name',
        help: 'Name of the Service Bus subscription Dapr reads from; the app ID when empty.',
        required: false,
        rule: 'serviceBusSubscriptionName',
        placeholder: 'myapp',
      },
      MAX_CONCURRENT_HANDLERS,
      TIMEOUT_IN_SEC,
    ],
    choices: [
      serviceBusEntities('Topics and subscriptions (named after the app ID) exist.'),
      SERVICE_BUS_ACCESS,
    ],
    resources: [SERVICE_BUS],
    grantSource: SERVICE_BUS_GRANT_SOURCE,
    grants: SERVICE_BUS_PUBSUB_GRANTS,
  },
  {
    type: 'bindings.azure.servicebus.queues',
    version: 'v1',
    // Registered from Dapr 1.11: dapr/dapr cmd/daprd/components/binding_azure_servicebus_queues.go at v1.11.0 (before it, only the name azure.servicebusqueues).
    minDapr: '1.11',
    // components-contrib bindings/azure/servicebusqueues/metadata.yaml.
    status: 'stable',
    title: 'Azure Service Bus queue binding',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-bindings/servicebusqueues.md (Binding support: input and output) says it does.
    summary: 'Receive messages from a Service Bus queue (input) and send messages to it (output).',
    defaultName: 'servicebus-binding',
    fields: [
      NAMESPACE_NAME,
      {
        // queueName, required; Dapr lower-cases it (metadata.yaml; dapr-components.json).
        key: 'queueName',
        label: 'Queue name',
        help: 'The queue to receive from and send to; Dapr uses it in lower case.',
        required: true,
        rule: 'serviceBusEntityName',
        placeholder: 'myqueue',
        example: 'example-queue',
      },
      {
        // ttlInSeconds: default time-to-live of sent messages (metadata.yaml, output).
        key: 'ttlInSeconds',
        label: 'Message time-to-live (seconds)',
        help: 'Default time-to-live of the messages the binding sends.',
        required: false,
        rule: 'integer',
      },
      MAX_CONCURRENT_HANDLERS,
    ],
    choices: [serviceBusEntities('The queue exists.')],
    resources: [SERVICE_BUS, SERVICE_BUS_QUEUE],
    grantSource: SERVICE_BUS_GRANT_SOURCE,
    grants: SERVICE_BUS_BINDING_GRANTS,
  },
  {
    type: 'pubsub.azure.eventhubs',
    version: 'v1',
    // Registered from Dapr 1.0: dapr/dapr cmd/daprd/main.go at v1.0.0.
    // Entra ID from 1.6: components-contrib pubsub/azure/eventhubs at v1.6.0-rc.2 (pinned by dapr/dapr v1.6.0 go.mod).
    minDapr: '1.0',
    entraIdMinDapr: '1.6',
    // components-contrib pubsub/azure/eventhubs/metadata.yaml.
    status: 'stable',
    title: 'Azure Event Hubs pub/sub',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-pubsub/setup-azure-eventhubs.md says it does.
    summary: 'Publish and subscribe through Event Hubs, one event hub per topic.',
    defaultName: 'pubsub',
    fields: [
      EVENT_HUB_NAMESPACE,
      STORAGE_ACCOUNT_NAME,
      STORAGE_CONTAINER_NAME,
      {
        // consumerID: the consumer group; the runtime defaults it to the app ID (dapr-components.json note).
        key: 'consumerID',
        label: 'Consumer group',
        help: 'The consumer group to read with; the app ID when empty. It must exist in each event hub.',
        required: false,
        rule: 'consumerGroup',
        placeholder: 'myapp',
      },
      {
        // enableInOrderMessageDelivery, default false (metadata.yaml).
        key: 'enableInOrderMessageDelivery',
        label: 'In-order delivery',
        help: 'When ticked, messages of one partition are delivered strictly in order.',
        required: false,
        rule: 'boolean',
      },
    ],
    choices: [
      {
        key: 'ehAccess',
        legend: 'What the app does',
        options: [
          {
            id: 'publish',
            title: 'Publish only',
            description: 'Send events to existing event hubs; no checkpoint access.',
          },
          {
            id: 'subscribe',
            title: 'Subscribe only',
            // Without entity management the hub and the consumer group (the consumerID, by default the app id)
            // must exist (dapr-components.md section 4, Event Hubs).
            description:
              'Receive events and write checkpoints to the storage account; each event hub needs a consumer group named after the app id.',
          },
          {
            id: 'both',
            title: 'Publish and subscribe',
            description:
              'Send and receive events, with checkpoints in the storage account; each event hub needs a consumer group named after the app id.',
          },
        ],
      },
    ],
    resources: [EVENT_HUBS, CHECKPOINT_ACCOUNT],
    grantSource: EVENT_HUBS_GRANT_SOURCE,
    grants: [
      // [I] dapr-components.md section 2.
      {
        kind: 'rbac',
        role: ROLES.eventHubsDataSender,
        resource: 'namespace',
        when: { ehAccess: ['publish', 'both'] },
      },
      {
        kind: 'rbac',
        role: ROLES.eventHubsDataReceiver,
        resource: 'namespace',
        when: { ehAccess: ['subscribe', 'both'] },
      },
      // Dapr creates the checkpoint container and writes checkpoints with the same identity when no storage key
      // is set (pubsub/azure/eventhubs/metadata.yaml storageAccountKey; dapr-components.md section 4).
      {
        kind: 'rbac',
        role: ROLES.storageBlobDataContributor,
        resource: 'checkpoint',
        when: { ehAccess: ['subscribe', 'both'] },
      },
    ],
  },
  {
    type: 'bindings.azure.eventhubs',
    version: 'v1',
    // Registered from Dapr 1.0: dapr/dapr cmd/daprd/main.go at v1.0.0.
    // Entra ID from 1.7: components-contrib bindings/azure/eventhubs at v1.7.0-rc.4 (pinned by dapr/dapr v1.7.0 go.mod).
    minDapr: '1.0',
    entraIdMinDapr: '1.7',
    // components-contrib bindings/azure/eventhubs/metadata.yaml.
    status: 'stable',
    title: 'Azure Event Hubs binding',
    // Summary: what dapr/docs daprdocs/content/en/reference/components-reference/supported-bindings/eventhubs.md (binding: "input, output"; output operation create) says it does.
    summary: 'Receive events from one event hub (input) and send events to it (output).',
    defaultName: 'eventhubs-binding',
    fields: [
      EVENT_HUB_NAMESPACE,
      {
        // eventHub: required with Entra ID, there is no connection string to take it from
        // (common/component/azure/eventhubs/metadata.go).
        key: 'eventHub',
        label: 'Event hub',
        help: 'The event hub to receive from and send to.',
        required: true,
        rule: 'eventHubName',
        placeholder: 'myeventhub',
        example: 'example-hub',
      },
      {
        // consumerID: the consumer group the input binding reads with (metadata.yaml).
        key: 'consumerID',
        label: 'Consumer group',
        help: 'The consumer group to read with, e.g. $Default; it must exist. Used when receiving.',
        required: true,
        rule: 'consumerGroup',
        placeholder: '$Default',
        example: 'example-consumers',
      },
      STORAGE_ACCOUNT_NAME,
      STORAGE_CONTAINER_NAME,
      {
        // getAllMessageProperties, default false, input (metadata.yaml).
        key: 'getAllMessageProperties',
        label: 'All message properties',
        help: 'When ticked, every event property is passed to the app as metadata.',
        required: false,
        rule: 'boolean',
      },
    ],
    choices: [
      {
        key: 'ehDirection',
        legend: 'Binding direction',
        options: [
          { id: 'output', title: 'Output only', description: 'The app sends events; no checkpoint access.' },
          {
            id: 'input',
            title: 'Input only',
            description: 'Dapr delivers events to the app and writes checkpoints to the storage account.',
          },
          { id: 'both', title: 'Input and output', description: 'The app receives and sends events.' },
        ],
      },
    ],
    resources: [EVENT_HUBS, EVENT_HUB, CHECKPOINT_ACCOUNT],
    grantSource: EVENT_HUBS_GRANT_SOURCE,
    grants: [
      // [I] dapr-components.md section 2. The binding opens its producer and consumer on its one event hub
      // (bindings/azure/eventhubs/eventhubs.go passes EventHubName() to the shared Publish and Subscribe;
      // common/component/azure/eventhubs/eventhubs.go NewProducerClient / NewConsumerClient), so the roles are
      // scoped to that event hub.
      {
        kind: 'rbac',
        role: ROLES.eventHubsDataSender,
        resource: 'eventhub',
        when: { ehDirection: ['output', 'both'] },
      },
      {
        kind: 'rbac',
        role: ROLES.eventHubsDataReceiver,
        resource: 'eventhub',
        when: { ehDirection: ['input', 'both'] },
      },
      {
        kind: 'rbac',
        role: ROLES.storageBlobDataContributor,
        resource: 'checkpoint',
        when: { ehDirection: ['input', 'both'] },
      },
    ],
  },
] as const satisfies readonly ComponentSpec[];
