/**
 * The entities inside a resource that Dapr reads but, with the grants the wizard gives, cannot create: a
 * Cosmos DB container, an Event Hubs consumer group, the Service Bus topics and subscriptions of a pub/sub
 * with entity management off. Where the component names the entity, the setup checks it before any change;
 * where Dapr names it per call (a pub/sub topic), the setup says what must exist.
 */
import { componentSpec, type ComponentType } from '../../catalog/components';
import type { ResourceRef } from '../../catalog/component-spec';
import { componentResourceGroup, type ComponentConfig, type WizardConfig } from '../../model/config';
import { resourceName, type ResolvedResource } from '../resources';

export type PlannedEntityCheck =
  /**
   * Both Cosmos DB components read their container in Init (components-contrib state/azure/cosmosdb/
   * cosmosdb.go and bindings/azure/cosmosdb/cosmosdb.go, `c.client.Read`), and the data-plane role cannot
   * create a database or container (dapr-components.md section 4, Cosmos DB).
   */
  | {
      readonly kind: 'cosmos-container';
      readonly component: string;
      readonly account: ResolvedResource;
      readonly database: string;
      readonly container: string;
      /** The one partition key path the component works with. */
      readonly partitionKeyPath: string;
      /** Why that path, for the message. */
      readonly partitionKeyReason: string;
    }
  /**
   * The Event Hubs binding receives with its consumerID as consumer group, which must exist: the wizard never
   * turns on enableEntityManagement (catalog messaging.ts), so Dapr does not create it.
   */
  | {
      readonly kind: 'eventhubs-consumer-group';
      readonly component: string;
      readonly eventHub: ResolvedResource;
      readonly consumerGroup: string;
    }
  /**
   * The Service Bus queue binding with entity management off: Dapr makes no administration client, so
   * EnsureQueue returns at once and never creates or reads the queue (components-contrib
   * common/component/azure/servicebus/client.go, EnsureQueue without an admin client). Checked here only
   * where no grant on the queue looks it up already (a namespace-wide role of another component includes it).
   */
  | {
      readonly kind: 'servicebus-queue';
      readonly component: string;
      readonly namespace: ResolvedResource;
      readonly queue: string;
    }
  /**
   * A pub/sub that names its entity per topic: with entity management off each topic must exist (and, to
   * subscribe, its subscription or consumer group named after the consumer id).
   */
  | {
      readonly kind: 'topics-must-exist';
      readonly component: string;
      readonly broker: 'servicebus-queues' | 'servicebus-topics' | 'eventhubs';
      readonly namespace: ResolvedResource;
      readonly subscribes: boolean;
      /** The subscription or consumer group: consumerID, else the app id (empty: not known here). */
      readonly consumer: string;
    };

type CheckBuilder = (context: ComponentContext) => PlannedEntityCheck[];

interface ComponentContext {
  readonly config: WizardConfig;
  readonly component: ComponentConfig;
  readonly resource: (refId: string) => ResolvedResource;
  /** Whether the setup looks the resource up for a grant on it (which also stops on a missing one). */
  readonly lookedUp: (refId: string) => boolean;
}

/**
 * daprd uses the app id as consumer id when the component sets none (dapr/dapr pkg/runtime/processor/pubsub/
 * pubsub.go, consumerID defaulted to the app id); the Service Bus topics subscription is named after it
 * (pubsub/azure/servicebus/topics/metadata.yaml consumerID).
 */
function consumerOf({ config, component }: ComponentContext): string {
  return component.metadata.consumerID || config.appId;
}

function pubsubTopics(broker: 'servicebus-queues' | 'servicebus-topics' | 'eventhubs'): CheckBuilder {
  return (context) => {
    const { component } = context;
    const subscribes =
      broker === 'eventhubs'
        ? component.choices.ehAccess !== 'publish'
        : component.choices.sbAccess !== 'publish';
    return [
      {
        kind: 'topics-must-exist',
        component: component.name,
        broker,
        namespace: context.resource('namespace'),
        subscribes,
        consumer: consumerOf(context),
      },
    ];
  };
}

/** Only with "Use existing entities": otherwise Dapr creates them with Data Owner. */
function whenEntitiesExist(builder: CheckBuilder): CheckBuilder {
  return (context) => (context.component.choices.entityManagement === 'dapr' ? [] : builder(context));
}

const DEFAULT_CONSUMER_GROUP = '$Default';

const CHECKS: Partial<Record<ComponentType, CheckBuilder>> = {
  'state.azure.cosmosdb': ({ component, resource }) => [
    {
      kind: 'cosmos-container',
      component: component.name,
      account: resource('account'),
      database: component.metadata.database ?? '',
      container: component.metadata.collection ?? '',
      // dapr/docs setup-azure-cosmosdb.md: the container's partition key path must be /partitionKey
      // (dapr-components.md section 4, Cosmos DB).
      partitionKeyPath: '/partitionKey',
      partitionKeyReason: 'the Dapr state store writes the partition key in the partitionKey property',
    },
  ],
  'bindings.azure.cosmosdb': ({ component, resource }) => {
    // getPartitionKeyValue reads the item's value at partitionKey split on "." (components-contrib
    // bindings/azure/cosmosdb/cosmosdb.go), and Cosmos DB takes it only from the container's own path.
    const property = component.metadata.partitionKey ?? '';
    return [
      {
        kind: 'cosmos-container',
        component: component.name,
        account: resource('account'),
        database: component.metadata.database ?? '',
        container: component.metadata.collection ?? '',
        partitionKeyPath: `/${property.split('.').join('/')}`,
        partitionKeyReason: `the binding sends each item's ${property} value as its partition key`,
      },
    ];
  },
  // Every event hub has the consumer group $Default, made with it ("there's always a default consumer group
  // in an event hub": learn.microsoft.com azure/event-hubs/event-hubs-features, "Consumer groups"): no check.
  'bindings.azure.eventhubs': ({ component, resource }) =>
    component.choices.ehDirection === 'output' || component.metadata.consumerID === DEFAULT_CONSUMER_GROUP
      ? []
      : [
          {
            kind: 'eventhubs-consumer-group',
            component: component.name,
            eventHub: resource('eventhub'),
            consumerGroup: component.metadata.consumerID ?? '',
          },
        ],
  'bindings.azure.servicebus.queues': whenEntitiesExist(({ component, resource, lookedUp }) =>
    lookedUp('queue')
      ? []
      : [
          {
            kind: 'servicebus-queue',
            component: component.name,
            namespace: resource('namespace'),
            queue: component.metadata.queueName ?? '',
          },
        ],
  ),
  'pubsub.azure.eventhubs': pubsubTopics('eventhubs'),
  'pubsub.azure.servicebus.queues': whenEntitiesExist(pubsubTopics('servicebus-queues')),
  'pubsub.azure.servicebus.topics': whenEntitiesExist(pubsubTopics('servicebus-topics')),
};

/** Whether a resolved resource is the one a component's ref names (its name, group and parent). */
function isResourceOf(
  candidate: ResolvedResource,
  ref: ResourceRef,
  component: ComponentConfig,
  resourceGroup: string,
  parentName: string | undefined,
): boolean {
  return (
    candidate.ref.showCommand.join(' ') === ref.showCommand.join(' ') &&
    candidate.name === resourceName(ref, component.metadata[ref.field] ?? '') &&
    (!ref.needsResourceGroup || candidate.resourceGroup === resourceGroup) &&
    candidate.parent?.name === parentName
  );
}

/** Every entity check of the configuration, in component order. */
export function planEntityChecks(
  config: WizardConfig,
  resources: readonly ResolvedResource[],
): PlannedEntityCheck[] {
  return config.components.flatMap((component) => {
    const builder = CHECKS[component.type];
    if (builder === undefined) return [];
    const spec = componentSpec(component.type, component.version);
    const resourceGroup = componentResourceGroup(config, component);
    const find = (refId: string): ResolvedResource | undefined => {
      const ref = spec.resources.find((candidate) => candidate.id === refId);
      const parentRef = spec.resources.find((candidate) => candidate.id === ref?.parent?.resource);
      const parentName = parentRef && resourceName(parentRef, component.metadata[parentRef.field] ?? '');
      return (
        ref &&
        resources.find((candidate) => isResourceOf(candidate, ref, component, resourceGroup, parentName))
      );
    };
    const resource = (refId: string): ResolvedResource => {
      const found = find(refId);
      // Every check names a resource a grant is scoped to (this component's, or a broader one that includes
      // it), so it is always looked up.
      if (!found) throw new Error(`${component.type}: resource ${refId} is not looked up`);
      return found;
    };
    return builder({ config, component, resource, lookedUp: (refId) => find(refId) !== undefined });
  });
}
