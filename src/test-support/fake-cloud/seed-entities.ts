/**
 * The entities the plan's entity checks read (src/generate/plan/entity-checks.ts), as the world the script
 * expects them: a Cosmos DB container with the partition key path the component needs, a consumer group in
 * its event hub. Their ids continue their parents', as ARM's do; py/az_fixres.py finds them by id.
 */
import type { DeploymentPlan } from '../../generate/plan/deployment-plan';
import { fakeResourceId, type FakeResource } from './seed';

export function entityResources(plan: DeploymentPlan): FakeResource[] {
  return plan.entityChecks.flatMap((check): FakeResource[] => {
    switch (check.kind) {
      case 'cosmos-container': {
        const { account, database, container } = check;
        const id = `${fakeResourceId('cosmosdb', account.resourceGroup, account.name)}/sqlDatabases/${database}/containers/${container}`;
        return [
          {
            id,
            type: 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers',
            name: container,
            resourceGroup: account.resourceGroup,
            location: 'westeurope',
            resource: { id: container, partitionKey: { paths: [check.partitionKeyPath], kind: 'Hash' } },
          },
        ];
      }
      case 'eventhubs-consumer-group': {
        const { eventHub, consumerGroup } = check;
        const namespace = eventHub.parent?.name ?? '';
        const id = `${fakeResourceId('eventhubs namespace', eventHub.resourceGroup, namespace)}/eventhubs/${eventHub.name}/consumergroups/${consumerGroup}`;
        return [
          {
            id,
            type: 'Microsoft.EventHub/namespaces/eventhubs/consumergroups',
            name: consumerGroup,
            resourceGroup: eventHub.resourceGroup,
            location: 'westeurope',
          },
        ];
      }
      case 'servicebus-queue': {
        const { namespace, queue } = check;
        return [
          {
            id: `${fakeResourceId('servicebus namespace', namespace.resourceGroup, namespace.name)}/queues/${queue}`,
            type: 'Microsoft.ServiceBus/namespaces/queues',
            name: queue,
            resourceGroup: namespace.resourceGroup,
            location: 'westeurope',
          },
        ];
      }
      case 'topics-must-exist':
        // Only named in comments: the script reads none of them.
        return [];
      default: {
        const unknown: never = check;
        throw new Error(`No fake entity for ${String(unknown)}`);
      }
    }
  });
}
