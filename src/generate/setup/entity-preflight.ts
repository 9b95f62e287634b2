/**
 * Before any change: the entities Dapr reads but cannot create with the grants given (the plan's
 * entityChecks). A named one is checked and a missing one stops the script with the command that creates it;
 * a pub/sub's topics, which the app names per call, are listed as comments with the commands to create them.
 */
import type { PlannedEntityCheck } from '../plan/entity-checks';
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { ResolvedResource } from '../resources';
import { capture, cmd, lit, note, orStop, v, type ScriptLine, type ScriptStep } from '../script-model';
import { quoteLiteral } from '../bash/quoting';
import { assertNever, guard, resourceGroupArgs } from './steps';
import { withEntry } from '../troubleshoot-advice';

/** The consumer group every event hub is made with (plan/entity-checks.ts skips its check for the binding). */
const EVENT_HUB_DEFAULT_CONSUMER_GROUP = '$Default';

/**
 * A command printed for the user to paste: code-written words as they are, each value quoted as Bash needs it
 * (a consumer group named $Default must not expand), by the renderer's own quoting.
 */
function pasteable(...parts: readonly (string | { readonly value: string })[]): string {
  return parts.map((part) => (typeof part === 'string' ? part : quoteLiteral(part.value))).join(' ');
}

const value = (text: string) => ({ value: text });

/** The resource group flag of a create command, for a resource's group. */
function where(resource: ResolvedResource): readonly [string, { readonly value: string }] {
  return ['--resource-group', value(resource.resourceGroup)];
}

/**
 * `az cosmosdb sql container show` takes --account-name, --database-name, --name and --resource-group, and
 * prints the SDK's SqlContainerGetResults, whose resource.partitionKey.paths lists the partition key paths
 * (azure-cli 2.45 cosmosdb/_params.py; azure-mgmt-cosmosdb models SqlContainerGetPropertiesResource.partition_key,
 * ContainerPartitionKey.paths). `-o tsv` prints each item of a list on its own line (knack output.py
 * format_tsv), so a single path reads as itself and hierarchical keys (several paths) never equal it.
 */
function cosmosContainerLines(
  check: Extract<PlannedEntityCheck, { kind: 'cosmos-container' }>,
  variable: string,
): ScriptLine[] {
  const { account, database, container, partitionKeyPath } = check;
  const createDatabase = pasteable(
    'az cosmosdb sql database create --account-name',
    value(account.name),
    '--name',
    value(database),
    ...where(account),
  );
  const createContainer = pasteable(
    'az cosmosdb sql container create --account-name',
    value(account.name),
    '--database-name',
    value(database),
    '--name',
    value(container),
    '--partition-key-path',
    value(partitionKeyPath),
    ...where(account),
  );
  return [
    orStop(
      capture(
        variable,
        'az cosmosdb sql container show --account-name',
        v(`${account.variable}_NAME`),
        '--database-name',
        lit(database),
        '--name',
        lit(container),
        ...resourceGroupArgs(account),
        '--query resource.partitionKey.paths -o tsv',
      ),
      withEntry(
        `Component ${check.component}: the container ${container} of the database ${database} in the Cosmos DB account ${account.name} could not be read (az says why above). Dapr reads it when it loads the component, and its data-plane role cannot create a database or container. Create them (the database only if it is missing): ${createDatabase}; ${createContainer}. Nothing was changed.`,
        'cosmos-container-unreadable',
      ),
    ),
    guard(
      variable,
      '!=',
      partitionKeyPath,
      withEntry(
        `Component ${check.component}: the container ${container} does not have the one partition key path ${partitionKeyPath}, and ${check.partitionKeyReason}. A container's partition key cannot be changed: create a container with it (${createContainer}) and name that one in the wizard. Nothing was changed.`,
        'cosmos-partition-key-mismatch',
      ),
    ),
  ];
}

/**
 * `az eventhubs eventhub consumer-group show` takes --namespace-name, --eventhub-name, --name and
 * --resource-group (azure-cli 2.45 eventhubs/_params.py; the same flags for consumer-group create).
 */
function consumerGroupLines(
  check: Extract<PlannedEntityCheck, { kind: 'eventhubs-consumer-group' }>,
): ScriptLine[] {
  const { eventHub, consumerGroup } = check;
  const parent = eventHub.parent;
  if (!parent) throw new Error('An event hub is looked up in its namespace');
  return [
    orStop(
      cmd(
        'az eventhubs eventhub consumer-group show --namespace-name',
        v(`${parent.variable}_NAME`),
        '--eventhub-name',
        v(`${eventHub.variable}_NAME`),
        '--name',
        lit(consumerGroup),
        ...resourceGroupArgs(eventHub),
        '-o none',
      ),
      withEntry(
        `Component ${check.component}: the consumer group ${consumerGroup} of the event hub ${eventHub.name} could not be read (az says why above). Dapr receives with it and does not create it. Create it: ${pasteable(
          'az eventhubs eventhub consumer-group create --namespace-name',
          value(parent.name),
          '--eventhub-name',
          value(eventHub.name),
          '--name',
          value(consumerGroup),
          ...where(eventHub),
        )}. Nothing was changed.`,
        'eventhubs-consumer-group-not-found',
      ),
    ),
  ];
}

/**
 * `az servicebus queue show` and `queue create` take --namespace-name, --name and --resource-group (azure-cli
 * 2.45 servicebus _params.py), as the queue lookup of a grant on the queue (catalog messaging.ts).
 */
function serviceBusQueueLines(
  check: Extract<PlannedEntityCheck, { kind: 'servicebus-queue' }>,
): ScriptLine[] {
  const { namespace, queue } = check;
  return [
    orStop(
      cmd(
        'az servicebus queue show --namespace-name',
        v(`${namespace.variable}_NAME`),
        '--name',
        lit(queue),
        ...resourceGroupArgs(namespace),
        '-o none',
      ),
      withEntry(
        `Component ${check.component}: the Service Bus queue ${queue} could not be found in ${namespace.name} (az says why above), and with entity management off Dapr does not create it. Create it: ${pasteable(
          'az servicebus queue create --namespace-name',
          value(namespace.name),
          '--name',
          value(queue),
          ...where(namespace),
        )}. Nothing was changed.`,
        'messaging-entity-missing',
      ),
    ),
  ];
}

/**
 * With entity management off Dapr creates no queue, topic or subscription (common/component/azure/servicebus
 * client.go: no administration client), and the wizard never turns Event Hubs' on (catalog messaging.ts), so
 * the app's topics must exist. The flags: azure-cli 2.45 servicebus and eventhubs _params.py (queue create,
 * topic create, topic subscription create, eventhub create, eventhub consumer-group create).
 */
function topicNotes(check: Extract<PlannedEntityCheck, { kind: 'topics-must-exist' }>): ScriptLine[] {
  const { namespace, consumer, component } = check;
  const ns = ['--namespace-name', value(namespace.name)] as const;
  const group = where(namespace);
  // Empty: a VM or scale set whose app id daprd is given when it starts.
  const consumerName = consumer === '' ? '<app id>' : consumer;
  const consumerWord = consumer === '' ? '<app-id>' : value(consumer);
  switch (check.broker) {
    case 'servicebus-queues':
      return [
        note(
          `Component ${component}: Dapr creates no queue, and each topic is a queue of that name, which must exist before the app publishes to or subscribes to it. For each topic: ${pasteable('az servicebus queue create', ...ns, '--name <topic>', ...group)}`,
        ),
      ];
    case 'servicebus-topics':
      return [
        note(
          `Component ${component}: Dapr creates no topic or subscription. Each topic the app publishes to must exist: ${pasteable('az servicebus topic create', ...ns, '--name <topic>', ...group)}`,
        ),
        ...(check.subscribes
          ? [
              note(
                `Each topic it subscribes to needs the subscription ${consumerName}: ${pasteable('az servicebus topic subscription create', ...ns, '--topic-name <topic> --name', consumerWord, ...group)}`,
              ),
            ]
          : []),
      ];
    case 'eventhubs':
      return [
        note(
          `Component ${component}: each topic is an event hub of that name, which Dapr does not create: ${pasteable('az eventhubs eventhub create', ...ns, '--name <topic>', ...group)}`,
        ),
        ...(check.subscribes
          ? [
              // The consumer group defaults to the app id (dapr/dapr pkg/runtime/processor/pubsub/pubsub.go).
              // Every event hub comes with $Default ("there's always a default consumer group in an event
              // hub": learn.microsoft.com azure/event-hubs/event-hubs-features, "Consumer groups"), so for it
              // there is nothing to create; another may exist already, hence "if it is missing".
              note(
                consumer === EVENT_HUB_DEFAULT_CONSUMER_GROUP
                  ? `It receives with the consumer group ${EVENT_HUB_DEFAULT_CONSUMER_GROUP}, which every event hub has: nothing to create.`
                  : `Each event hub it subscribes to needs the consumer group ${consumerName}, which Dapr does not create; where it is missing: ${pasteable('az eventhubs eventhub consumer-group create', ...ns, '--eventhub-name <topic> --name', consumerWord, ...group)}`,
              ),
            ]
          : []),
      ];
    default:
      return assertNever(check.broker);
  }
}

function checkLines(check: PlannedEntityCheck, index: number): ScriptLine[] {
  switch (check.kind) {
    case 'cosmos-container':
      return cosmosContainerLines(check, `COSMOS_PARTITION_KEY${index === 0 ? '' : `_${index + 1}`}`);
    case 'eventhubs-consumer-group':
      return consumerGroupLines(check);
    case 'servicebus-queue':
      return serviceBusQueueLines(check);
    case 'topics-must-exist':
      return topicNotes(check);
    default:
      return assertNever(check);
  }
}

/** The step, when the plan has any entity to check or name; after the resource lookups it reads. */
export function entityPreflightSteps(plan: DeploymentPlan): ScriptStep[] {
  if (plan.entityChecks.length === 0) return [];
  const checked = plan.entityChecks.filter((check) => check.kind !== 'topics-must-exist');
  let cosmos = 0;
  const lines = plan.entityChecks.flatMap((check) =>
    checkLines(check, check.kind === 'cosmos-container' ? cosmos++ : 0),
  );
  return [
    {
      comment:
        checked.length > 0
          ? 'Check the entities Dapr reads but cannot create with these grants, before changing anything.'
          : 'The entities Dapr uses but does not create with these settings: create them before the app runs.',
      lines,
    },
  ];
}
