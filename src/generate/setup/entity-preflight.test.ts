/**
 * The entity checks stop the setup before any change when Dapr would fail to load or receive: a Cosmos DB
 * container missing or with another partition key path, an Event Hubs consumer group missing. Each script
 * runs against the fake cloud seeded as its plan expects, with one entity taken away or changed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseShareLink } from '../../model/url-state';
import { removeFakeCloudRuns, runWithFakeCloud } from '../../test-support/fake-cloud/run';
import { seedFromPlan } from '../../test-support/fake-cloud/seed-from-plan';
import type { FakeCloudState, FakeResource } from '../../test-support/fake-cloud/seed';
import { buildSetupScript } from '../az-script';
import { buildPlan } from '../plan/build-plan';
import { commandEffect, commandsOf } from '../script-queries';
import { toBash } from '../to-bash';

afterAll(removeFakeCloudRuns);

const SLOW = { timeout: 120_000 };

const BASE = 'host=vm&resourceGroup=rg-orders&hostName=vm-orders&appId=orders-api';
const COSMOS_STATE = `${BASE}&component=state.azure.cosmosdb&name=cosmos-state&m.url=https%3A%2F%2Fcosmos-orders.documents.azure.com%3A443%2F&m.database=orders&m.collection=state`;
const COSMOS_BINDING = `${BASE}&component=bindings.azure.cosmosdb&m.url=https%3A%2F%2Fcosmos-orders.documents.azure.com%3A443%2F&m.database=orders&m.collection=events&m.partitionKey=customer.id`;
const EVENT_HUB_INPUT = `${BASE}&component=bindings.azure.eventhubs&m.eventHubNamespace=eh-orders.servicebus.windows.net&m.eventHub=telemetry&m.consumerID=orders-readers&m.storageAccountName=stcheckpoints&m.storageContainerName=checkpoints&ehDirection=input`;

function prepare(link: string) {
  const plan = buildPlan(parseShareLink('', link).config);
  return { plan, script: toBash(buildSetupScript(plan)), seed: seedFromPlan(plan) };
}

function withResources(
  seed: FakeCloudState,
  change: (resources: readonly FakeResource[]) => FakeResource[],
): FakeCloudState {
  return { ...seed, resources: change(seed.resources) };
}

const isType = (type: string) => (resource: FakeResource) => resource.type === type;
const CONTAINER = 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers';
const CONSUMER_GROUP = 'Microsoft.EventHub/namespaces/eventhubs/consumergroups';

describe('entity checks before any change', SLOW, () => {
  it('plans the partition key path each Cosmos DB component needs', () => {
    expect(prepare(COSMOS_STATE).plan.entityChecks).toMatchObject([
      { kind: 'cosmos-container', database: 'orders', container: 'state', partitionKeyPath: '/partitionKey' },
    ]);
    // The binding reads a dotted property as a nested one (bindings/azure/cosmosdb/cosmosdb.go lookup).
    expect(prepare(COSMOS_BINDING).plan.entityChecks).toMatchObject([
      { kind: 'cosmos-container', container: 'events', partitionKeyPath: '/customer/id' },
    ]);
  });

  it('checks only read-only commands', () => {
    for (const link of [COSMOS_STATE, EVENT_HUB_INPUT]) {
      const script = buildSetupScript(prepare(link).plan);
      const step = script.steps.find((candidate) => candidate.comment.startsWith('Check the entities'));
      expect(step).toBeDefined();
      const commands = commandsOf({ ...script, steps: step ? [step] : [] });
      expect(commands.length).toBeGreaterThan(0);
      expect(commands.every((line) => commandEffect(line) === 'read-only')).toBe(true);
    }
  });

  it('passes when the container has the path, stops when it is missing or has another', () => {
    const { script, seed } = prepare(COSMOS_STATE);
    expect(runWithFakeCloud(script, seed).status).toBe(0);

    const missing = runWithFakeCloud(
      script,
      withResources(seed, (resources) => resources.filter((resource) => !isType(CONTAINER)(resource))),
    );
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(
      'az cosmosdb sql container create --account-name cosmos-orders --database-name orders --name state --partition-key-path /partitionKey --resource-group rg-orders',
    );
    expect(missing.stateAfter, 'nothing was changed').toEqual(missing.stateBefore);

    const wrongKey = runWithFakeCloud(
      script,
      withResources(seed, (resources) =>
        resources.map((resource) =>
          isType(CONTAINER)(resource)
            ? { ...resource, resource: { id: 'state', partitionKey: { paths: ['/id'], kind: 'Hash' } } }
            : resource,
        ),
      ),
    );
    expect(wrongKey.status).toBe(1);
    expect(wrongKey.stderr).toContain('does not have the one partition key path /partitionKey');
    expect(wrongKey.stateAfter, 'nothing was changed').toEqual(wrongKey.stateBefore);
  });

  it('stops when the binding’s consumer group is missing, with the command that creates it', () => {
    const { script, seed } = prepare(EVENT_HUB_INPUT);
    expect(runWithFakeCloud(script, seed).status).toBe(0);
    const missing = runWithFakeCloud(
      script,
      withResources(seed, (resources) => resources.filter((resource) => !isType(CONSUMER_GROUP)(resource))),
    );
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(
      'az eventhubs eventhub consumer-group create --namespace-name eh-orders --eventhub-name telemetry --name orders-readers --resource-group rg-orders',
    );
    expect(missing.stateAfter, 'nothing was changed').toEqual(missing.stateBefore);
  });
});

/** The queue binding beside a pub/sub that lets Dapr manage entities: its Data Owner on the namespace covers the queue. */
const QUEUE_BINDING_UNDER_OWNER = `${BASE}&component=pubsub.azure.servicebus.topics&m.namespaceName=sb-orders.servicebus.windows.net&entityManagement=dapr&c2.component=bindings.azure.servicebus.queues&c2.m.namespaceName=sb-orders.servicebus.windows.net&c2.m.queueName=invoices`;
const QUEUE = 'Microsoft.ServiceBus/namespaces/queues';

describe('the Service Bus queue binding with entity management off', SLOW, () => {
  it('checks its queue when no grant on the queue looks it up, and stops before any change without it', () => {
    const { plan, script, seed } = prepare(QUEUE_BINDING_UNDER_OWNER);
    expect(plan.entityChecks.map((check) => check.kind)).toContain('servicebus-queue');
    expect(runWithFakeCloud(script, seed).status).toBe(0);
    const missing = runWithFakeCloud(
      script,
      withResources(seed, (resources) => resources.filter((resource) => !isType(QUEUE)(resource))),
    );
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('the Service Bus queue invoices could not be found in sb-orders');
    expect(missing.stderr).toContain('az servicebus queue create --namespace-name sb-orders --name invoices');
    expect(missing.stateAfter).toEqual(missing.stateBefore);
  });

  it('is not checked twice where its own grant on the queue looks it up', () => {
    const { plan } = prepare(
      `${BASE}&component=bindings.azure.servicebus.queues&m.namespaceName=sb-orders.servicebus.windows.net&m.queueName=invoices`,
    );
    expect(plan.entityChecks.map((check) => check.kind)).not.toContain('servicebus-queue');
  });
});

const EVENT_HUB_PUBSUB = `${BASE}&component=pubsub.azure.eventhubs&m.eventHubNamespace=eh-orders.servicebus.windows.net&m.storageAccountName=stcheckpoints&m.storageContainerName=checkpoints&ehAccess=subscribe`;

describe('the Event Hubs pub/sub that subscribes', () => {
  it('asks for its consumer group where missing, and for none with $Default, which every event hub has', () => {
    const named = prepare(EVENT_HUB_PUBSUB).script;
    expect(named).toContain(
      '# Each event hub it subscribes to needs the consumer group orders-api, which Dapr does not create; where it is missing: az eventhubs eventhub consumer-group create --namespace-name eh-orders --eventhub-name <topic> --name orders-api',
    );
    const byDefault = prepare(`${EVENT_HUB_PUBSUB}&m.consumerID=%24Default`).script;
    expect(byDefault).toContain(
      '# It receives with the consumer group $Default, which every event hub has: nothing to create.',
    );
    expect(byDefault).not.toContain('consumer-group create');
  });
});
