/**
 * What must be true before the deployment's grants are of use, which neither ARM nor azurerm checks here: the
 * setup script's preflight, as "Needs:" lines in both IaC headers. They read the same plan facts the script's
 * steps do: the entities Dapr reads but cannot create (plan.entityChecks; the topic notes are the script's own,
 * from setup/entity-preflight.ts), what the host or cloud does not support (plan.caveats), and on AKS Workload ID
 * the webhook the script turns on with the OIDC issuer.
 */
import type { PlannedEntityCheck } from '../plan/entity-checks';
import { entityPreflightSteps } from '../setup/entity-preflight';
import { azLine } from './header-notes';
import type { IacView } from './iac-view';

/** The script's own notes for the topics a pub/sub names per call (no command checks them). */
function topicNotes(view: IacView): string[] {
  return entityPreflightSteps(view.plan).flatMap((step) =>
    step.lines.flatMap((line) => (line.kind === 'note' ? [line.text] : [])),
  );
}

function checkedEntity(check: PlannedEntityCheck): string | undefined {
  switch (check.kind) {
    case 'cosmos-container': {
      const { account, database, container, partitionKeyPath } = check;
      return (
        `Component ${check.component}: the container ${container} of the database ${database} in the Cosmos DB account ${account.name}, ` +
        `with the one partition key path ${partitionKeyPath} (${check.partitionKeyReason}); Dapr reads it, and its data-plane role creates neither: ` +
        azLine([
          'az',
          'cosmosdb',
          'sql',
          'container',
          'create',
          '--account-name',
          account.name,
          '--database-name',
          database,
          '--name',
          container,
          '--partition-key-path',
          partitionKeyPath,
          '--resource-group',
          account.resourceGroup,
        ]) +
        ' (the database first, if missing: az cosmosdb sql database create).'
      );
    }
    case 'eventhubs-consumer-group': {
      const { eventHub, consumerGroup } = check;
      return (
        `Component ${check.component}: the consumer group ${consumerGroup} of the event hub ${eventHub.name}; Dapr receives with it and does not create it: ` +
        azLine([
          'az',
          'eventhubs',
          'eventhub',
          'consumer-group',
          'create',
          '--namespace-name',
          eventHub.parent?.name ?? '<namespace>',
          '--eventhub-name',
          eventHub.name,
          '--name',
          consumerGroup,
          '--resource-group',
          eventHub.resourceGroup,
        ])
      );
    }
    case 'servicebus-queue': {
      const { namespace, queue } = check;
      return (
        `Component ${check.component}: the Service Bus queue ${queue} in ${namespace.name}; with entity management off Dapr does not create it: ` +
        azLine([
          'az',
          'servicebus',
          'queue',
          'create',
          '--namespace-name',
          namespace.name,
          '--name',
          queue,
          '--resource-group',
          namespace.resourceGroup,
        ])
      );
    }
    case 'topics-must-exist':
      return undefined; // the script's notes, below
    default: {
      const unhandled: never = check;
      throw new Error(`unhandled entity check ${JSON.stringify(unhandled)}`);
    }
  }
}

/** The "Needs:" lines of both headers; empty when the plan needs nothing beyond the grants. */
export function needsLines(view: IacView): string[] {
  const { plan } = view;
  const needs = [
    // The script turns both on (az aks update --enable-oidc-issuer --enable-workload-identity): the issuer
    // alone signs the tokens, the webhook (securityProfile.workloadIdentity.enabled) puts them in the pods
    // (MicrosoftDocs azure-docs articles/aks/workload-identity-deploy-cluster.md).
    ...(plan.kubernetes?.workloadIdentity
      ? [
          'Workload ID on the cluster (securityProfile.workloadIdentity.enabled), not only its OIDC issuer: the webhook puts the token in the pods (az aks update --enable-oidc-issuer --enable-workload-identity, as the setup script does).',
        ]
      : []),
    ...plan.entityChecks.flatMap((check) => checkedEntity(check) ?? []),
    ...topicNotes(view),
  ];
  // As the script's "Read first:" step words them (setup/preflight.ts caveatSteps).
  const caveats = plan.caveats.flatMap((caveat) =>
    caveat.reasons.map((reason) => `Read first: component ${caveat.component}: ${reason}`),
  );
  return [...needs.map((line) => `Needs: ${line}`), ...caveats];
}
